"""The reference chronology (``kompaskit/data/reference/russia-dprk-chronology.csv``) and the coverage
of its milestones by a corpus' events."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..article import KompasParseError
from .lexicons import canonical_actor, expand_actors, load_actors, read_lexicon_csv
from .model import COMPATIBLE_TYPES, COVERAGE_COLUMNS, EVENT_COLUMNS, REFERENCE_CSV, as_list

FOCUS_STATES = ("Rusia", "Korea Utara")  # the timeline notebook's default focus
VISIT_DAYS = 3  # days after its arrival date a day-dated visit may still cover a milestone

def load_reference(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The reference chronology (default: the shipped Russia–DPRK one; $KOMPASKIT_REFERENCE
    overrides). Columns of the CSV (``date, granularity, event_type, actors, location, summary,
    reported_by``) plus ``milestone`` (row id), ``date_start``, ``date_end`` (naive,
    end exclusive), ``actor_list`` and ``reported_by_list`` (lists)."""
    if path is None:
        # one shipped copy (kompaskit/data/reference/, found by editable and regular installs);
        # researchers point $KOMPASKIT_REFERENCE at their own file
        path = os.environ.get("KOMPASKIT_REFERENCE") or REFERENCE_CSV
    df = read_lexicon_csv(Path(path))
    missing = {"date", "event_type", "actors"} - set(df.columns)
    if missing:
        raise KompasParseError(f"reference chronology {path} lacks columns {sorted(missing)}",
                               stage="read")
    for col in ("granularity", "location", "summary", "reported_by"):
        if col not in df:
            df[col] = ""
    spans = [reference_span(d, g) for d, g in zip(df["date"], df["granularity"])]
    df["date_start"] = pd.to_datetime([s for s, _ in spans])
    df["date_end"] = pd.to_datetime([e for _, e in spans])
    df["granularity"] = [g or ("day" if len(str(d)) == 10 else "month" if len(str(d)) == 7
                               else "year") for d, g in zip(df["date"], df["granularity"])]
    df["actor_list"] = [[a.strip() for a in str(v).split(";") if a.strip()] for v in df["actors"]]
    df["reported_by_list"] = [[a.strip() for a in str(v).split(";") if a.strip()]
                              for v in df["reported_by"]]
    df.insert(0, "milestone", [f"{d} {t}" for d, t in zip(df["date"], df["event_type"])])
    return df


def reference_span(date_text: str, granularity: str) -> tuple[Any, Any]:
    text = str(date_text).strip()
    try:
        if granularity == "year" or re.fullmatch(r"\d{4}", text):
            p = pd.Period(text[:4], "Y")
        elif granularity == "month" or re.fullmatch(r"\d{4}-\d{2}", text):
            p = pd.Period(text[:7], "M")
        else:
            p = pd.Period(text[:10], "D")
    except (ValueError, TypeError):
        return pd.NaT, pd.NaT
    return p.start_time, (p + 1).start_time


def coverage(events: pd.DataFrame, reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per reference milestone (``COVERAGE_COLUMNS``): the corpus events of the same
    or a compatible type (meeting~visit, agreement~ratification, strike~casualty) whose dates
    overlap the milestone and which share an actor (people count for their state too), the
    articles and evidence behind them, and ``status`` covered | not covered."""
    reference = load_reference() if reference is None else reference
    if "date_start" not in reference:
        reference = reference.copy()
        spans = [reference_span(d, g) for d, g in
                 zip(reference["date"], reference.get("granularity", [""] * len(reference)))]
        reference["date_start"] = pd.to_datetime([s for s, _ in spans])
        reference["date_end"] = pd.to_datetime([e for _, e in spans])
    if "actor_list" not in reference:
        reference = reference.copy()
        reference["actor_list"] = [[a.strip() for a in str(v).split(";") if a.strip()]
                                   for v in reference["actors"]]
    gaz = load_actors()
    ev = events if events is not None else pd.DataFrame(columns=EVENT_COLUMNS)
    ev_start = pd.to_datetime(ev["date_start"], errors="coerce") if len(ev) else pd.Series([])
    ev_end = pd.to_datetime(ev["date_end"], errors="coerce") if len(ev) else pd.Series([])
    if len(ev):  # a visit dated by its arrival ("tiba Selasa (12/9)") lasts a few days more
        gran = ev["granularity"] if "granularity" in ev else pd.Series("day", index=ev.index)
        arrival = (ev["event_type"] == "visit") & gran.isin(["day", "datetime"])
        ev_end = ev_end.where(~arrival.to_numpy(), ev_end + pd.Timedelta(days=VISIT_DAYS))
    ev_actors = [expand_actors(as_list(a), gaz) for a in ev["actors"]] if len(ev) else []
    rows = []
    for r in reference.itertuples(index=False):
        wanted_types = COMPATIBLE_TYPES.get(r.event_type, {r.event_type})
        ref_actors = expand_actors(r.actor_list, gaz)
        matched, articles, evidence = [], [], []
        if len(ev) and not pd.isna(r.date_start):
            mask = (ev["event_type"].isin(wanted_types) & (ev_start < r.date_end)
                    & (ev_end > r.date_start)).to_numpy()
            for i in np.flatnonzero(mask):
                if ref_actors & ev_actors[i]:
                    matched.append(ev["event_id"].iloc[i])
                    for ref in as_list(ev["evidence"].iloc[i]):
                        if ref not in evidence:
                            evidence.append(ref)
                        aid = ref.rpartition(":")[0]
                        if aid not in articles:
                            articles.append(aid)
        rows.append({
            "milestone": getattr(r, "milestone", f"{r.date} {r.event_type}"), "date": r.date,
            "granularity": getattr(r, "granularity", ""), "event_type": r.event_type,
            "actors": r.actor_list, "location": getattr(r, "location", ""),
            "summary": getattr(r, "summary", ""),
            "status": "covered" if matched else "not covered", "matched_events": matched,
            "articles": articles, "evidence": evidence, "n_articles": len(articles),
        })
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)





def _actor_cells(frame: pd.DataFrame, column: str) -> list[list[str]]:
    """Actor lists of an events table or a chronology (its ``actor_list``, else ``actors``
    split on ";")."""
    col = "actor_list" if "actor_list" in frame else column
    return [[x.strip() for x in v.split(";") if x.strip()] if isinstance(v, str) else as_list(v)
            for v in frame[col]]


def involving(events: pd.DataFrame, states: tuple[str, ...] = FOCUS_STATES,
              actor_column: str = "actors") -> pd.DataFrame:
    """The rows of `events` (or of a reference chronology with ``actor_list``) whose actors,
    people counted for their state, include every one of `states` (default: Russia and North
    Korea, the timeline notebook's focus)."""
    if events is None or not len(events):
        return events
    gaz = load_actors()
    want = {canonical_actor(s, gaz) for s in states}
    keep = [want <= expand_actors(a, gaz) for a in _actor_cells(events, actor_column)]
    return events[np.asarray(keep, dtype=bool)]


def involving_actor(events: pd.DataFrame, actor: str, actor_column: str = "actors"
                    ) -> pd.DataFrame:
    """Rows whose actors include `actor` or, for a state, any of its people (so the reference
    lane follows the explorer's actor filter)."""
    if events is None or not len(events):
        return events
    gaz = load_actors()
    name = canonical_actor(actor, gaz)
    keep = [name in expand_actors(a, gaz) for a in _actor_cells(events, actor_column)]
    return events[np.asarray(keep, dtype=bool)]


__all__ = ["load_reference", "reference_span", "coverage", "involving", "involving_actor",
           "FOCUS_STATES"]
