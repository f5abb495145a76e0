"""Timeline explorer (notebook 03): filter events by actor, event type, date range, source,
source type and certainty; shows the timeline figure (with the reference chronology lane) and
an events table whose evidence links open the source paragraphs.

Filtering is vectorised: `prepare` builds, once per view, an inverted index (value -> row
positions) for the list columns (actors, sources, source types), so a filter change is a few
NumPy ``&`` operations.
"""
from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd

from ..events import as_list as _as_list  # one definition of "a cell as a list"
from ..events import involving, involving_actor, is_actor_name, load_actors
from . import date_range_slider, filtered_view, options_with_all

ALL = "(all)"
CERTAINTIES = ["asserted", "reported", "hedged"]




class PreparedEvents:
    """Events plus, per list column, value -> row positions (see `prepare`)."""

    def __init__(self, events: pd.DataFrame, masks: dict[str, dict[str, np.ndarray]]):
        self.events = events
        self.masks = masks
        # date spans as datetime64 arrays, converted once (NaT never matches a range)
        self.starts = (pd.to_datetime(events["date_start"], errors="coerce").to_numpy()
                       if "date_start" in events else np.empty(0, "datetime64[ns]"))
        self.ends = (pd.to_datetime(events["date_end"], errors="coerce").to_numpy()
                     if "date_end" in events else np.empty(0, "datetime64[ns]"))


def _source_types(sources: pd.DataFrame | None) -> dict[str, str]:
    if sources is None or not len(sources) or "source" not in sources:
        return {}
    types = dict(zip(sources["source"].astype(str), sources.get("type", "unknown")))
    for name, aliases, typ in zip(sources["source"], sources.get("aliases", [[]] * len(sources)),
                                  sources.get("type", ["unknown"] * len(sources))):
        for alias in _as_list(aliases):
            types.setdefault(str(alias), typ)
    return types


def prepare(events: pd.DataFrame, sources: pd.DataFrame | None = None) -> PreparedEvents:
    """Index `events` (the ``events`` table) for fast filtering; `sources` (the registry) gives
    each event's ``source_types``."""
    ev = events.reset_index(drop=True)
    types = _source_types(sources)
    src_types = [sorted({str(types.get(s, "unknown")) for s in _as_list(v)}) or ["unknown"]
                 for v in (ev["sources"] if "sources" in ev else [[]] * len(ev))]
    ev = ev.assign(source_types=src_types)
    masks: dict[str, dict[str, np.ndarray]] = {}
    for col in ("actors", "sources", "source_types"):
        index: dict[str, list[int]] = {}
        for i, values in enumerate(ev[col] if col in ev else []):
            for v in set(_as_list(values)):
                index.setdefault(str(v), []).append(i)
        masks[col] = {v: np.asarray(rows, dtype=np.int64) for v, rows in index.items()}
    return PreparedEvents(ev, masks)


def select(prepared: PreparedEvents, actor: str = ALL, event_type: str = ALL,
           source: str = ALL, source_type: str = ALL, certainty: str = ALL,
           date_range: tuple | None = None) -> pd.DataFrame:
    """Events matching every filter (``(all)`` disables one). `date_range` = (first, last)
    month Periods, inclusive: an event is kept when its span overlaps them."""
    ev = prepared.events
    mask = np.ones(len(ev), dtype=bool)
    for col, value in (("actors", actor), ("sources", source), ("source_types", source_type)):
        if value not in (None, ALL):
            hit = np.zeros(len(ev), dtype=bool)
            hit[prepared.masks[col].get(str(value), np.empty(0, dtype=np.int64))] = True
            mask &= hit
    for col, value in (("event_type", event_type), ("certainty", certainty)):
        if value not in (None, ALL) and col in ev:
            mask &= (ev[col] == value).to_numpy(dtype=bool, na_value=False)
    if date_range is not None and len(ev):
        lo, hi = date_range
        lo_ts = pd.Period(lo, "M").start_time
        hi_ts = (pd.Period(hi, "M") + 1).start_time
        mask &= (prepared.starts < hi_ts.to_datetime64()) & (prepared.ends > lo_ts.to_datetime64())
    return ev[mask]


_PREPARED_CACHE: dict[int, tuple[Any, PreparedEvents]] = {}


def filter_events(corpus: Any, actor: str = ALL, event_type: str = ALL, source: str = ALL,
                  source_type: str = ALL, certainty: str = ALL,
                  date_range: tuple | None = None) -> pd.DataFrame:
    """`select` on ``corpus.events`` (the index is built once per events table and cached)."""
    events = corpus.events
    hit = _PREPARED_CACHE.get(id(events))
    if hit is None or hit[0] is not events:
        _PREPARED_CACHE.clear()
        hit = (events, prepare(events, getattr(corpus, "sources", None)))
        _PREPARED_CACHE[id(events)] = hit
    return select(hit[1], actor, event_type, source, source_type, certainty, date_range)


def evidence_table(events: pd.DataFrame, paragraphs: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per evidence link: ``event_id``, ``date_start``, ``granularity``, ``event_type``,
    ``evidence`` (``article_id:para_idx``), ``article_id``, ``para_idx``, ``paragraph`` (its text
    from the ``paragraphs`` table, empty when unknown)."""
    cols = ["event_id", "date_start", "granularity", "event_type", "evidence", "article_id",
            "para_idx", "paragraph"]
    if events is None or not len(events):
        return pd.DataFrame(columns=cols)
    long = events[["event_id", "date_start", "granularity", "event_type", "evidence"]].explode(
        "evidence").dropna(subset=["evidence"])
    ref = long["evidence"].astype(str).str.rpartition(":")
    long = long.assign(article_id=ref[0], para_idx=pd.to_numeric(ref[2], errors="coerce"))
    if paragraphs is not None and len(paragraphs):
        text = paragraphs[["article_id", "para_idx", "text"]].rename(columns={"text": "paragraph"})
        text = text.assign(para_idx=pd.to_numeric(text["para_idx"], errors="coerce"))
        long = long.merge(text, on=["article_id", "para_idx"], how="left")
    else:
        long = long.assign(paragraph=None)
    long["paragraph"] = long["paragraph"].fillna("")
    return long[cols].reset_index(drop=True)


def events_html(events: pd.DataFrame, paragraphs: pd.DataFrame | None = None,
                max_rows: int = 50) -> str:
    """An HTML table of `events`; each evidence link is a ``<details>`` that opens the source
    paragraph's text."""
    if events is None or not len(events):
        return "<p><i>No events match these filters.</i></p>"
    links = evidence_table(events.head(max_rows), paragraphs)
    by_event: dict[str, list[str]] = {}
    for r in links.itertuples(index=False):
        body = html.escape(r.paragraph) if r.paragraph else "<i>paragraph not in the corpus</i>"
        by_event.setdefault(r.event_id, []).append(
            f'<details class="kk-evidence"><summary>{html.escape(str(r.evidence))}</summary>'
            f"<div style='max-width:60em'>{body}</div></details>")
    head = ["date", "granularity", "type", "actors", "location", "certainty", "n_articles",
            "sources", "summary", "evidence"]
    out = ['<table class="kk-events"><thead><tr>', *[f"<th>{h}</th>" for h in head],
           "</tr></thead><tbody>"]
    for r in events.head(max_rows).itertuples(index=False):
        start = pd.Timestamp(r.date_start)
        gran = str(r.granularity)
        date = (start.strftime("%Y-%m-%d") if gran in ("day", "datetime") else
                start.strftime("%Y-%m") if gran == "month" else
                start.strftime("%Y") if gran == "year" else start.strftime("%Y-%m-%d") + "…")
        cells = [date, gran, r.event_type, ", ".join(map(str, _as_list(r.actors))),
                 getattr(r, "location", "") or "", getattr(r, "certainty", ""),
                 getattr(r, "n_articles", ""), ", ".join(map(str, _as_list(getattr(r, "sources", [])))),
                 getattr(r, "summary", "")]
        out.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)
                   + f"<td>{''.join(by_event.get(r.event_id, []))}</td></tr>")
    out.append("</tbody></table>")
    if len(events) > max_rows:
        out.append(f"<p><i>… {len(events) - max_rows} more events</i></p>")
    return "".join(out)


def actor_options(events: pd.DataFrame) -> list[str]:
    """The actor dropdown: '(all)' then the events' actors that are whole names (registry
    names or people's names; fragments such as "Kim Jong" from older builds are left out)."""
    gaz = load_actors()
    values = [a for cell in (events["actors"] if len(events) else []) for a in _as_list(cell)]
    return options_with_all([a for a in dict.fromkeys(map(str, values)) if is_actor_name(a, gaz)])


def timeline_view(corpus: Any, reference: pd.DataFrame | None = None, max_rows: int = 50,
                  focus: bool = True):
    """The interactive timeline: a `kompaskit.widgets.filtered_view` box.

    `corpus`: ``kompaskit.load()`` (uses .events, .paragraphs, .sources) or anything with those
    attributes; `reference`: a chronology (``events.load_reference()``) or coverage table shown
    as its own lane, filtered by the actor chosen. `focus` (the "Russia & North Korea only"
    toggle's start value): show only events involving both states (people count for their
    state). ``box.state['last']`` holds the events shown by the latest render.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt
    from IPython.display import HTML, display

    from ..plots.timeline import plot_timeline

    prepared = prepare(corpus.events, getattr(corpus, "sources", None))
    ev = prepared.events
    paragraphs = getattr(corpus, "paragraphs", None)
    dates = pd.concat([pd.to_datetime(ev["date_start"]) if len(ev) else pd.Series([], dtype="datetime64[ns]"),
                       pd.to_datetime(ev["date_end"]) - pd.Timedelta(days=1) if len(ev)
                       else pd.Series([], dtype="datetime64[ns]")])
    if reference is not None and len(reference) and "date_start" in reference:
        dates = pd.concat([dates, pd.to_datetime(reference["date_start"])])
    slider = date_range_slider(dates, description="dates")
    full = tuple(slider.index)
    controls = {
        "focus": w.Checkbox(value=focus, description="Russia & North Korea only",
                            indent=False),
        "actor": w.Dropdown(options=actor_options(ev), description="actor"),
        "event_type": w.Dropdown(options=options_with_all(ev["event_type"] if len(ev) else []),
                                 description="type"),
        "date_range": slider,
        "source": w.Dropdown(options=options_with_all(ev["sources"] if len(ev) else []),
                             description="source"),
        "source_type": w.Dropdown(options=options_with_all(ev["source_types"] if len(ev) else []),
                                  description="source type"),
        "certainty": w.Dropdown(options=[ALL, *CERTAINTIES], description="certainty"),
    }
    state: dict[str, Any] = {"last": ev.iloc[:0]}

    def render(focus: bool, actor: str, event_type: str, date_range: tuple, source: str,
               source_type: str, certainty: str) -> None:
        rng = None if tuple(controls["date_range"].index) == full else date_range
        rows = select(prepared, actor, event_type, source, source_type, certainty, rng)
        if focus:
            rows = involving(rows)
        state["last"] = rows
        print(f"{len(rows):,} events from {rows['evidence'].map(len).sum() if len(rows) else 0:,} "
              "evidence paragraphs")
        ref = reference
        if ref is not None and rng is not None and "date_start" in ref:
            lo, hi = pd.Period(rng[0], "M").start_time, (pd.Period(rng[1], "M") + 1).start_time
            ref = ref[(pd.to_datetime(ref["date_end"]) > lo) & (pd.to_datetime(ref["date_start"]) < hi)]
        if ref is not None and actor not in (None, ALL):  # the lane follows the actor filter
            ref = involving_actor(ref, actor)
        fig = plot_timeline(rows, ref)
        display(fig)
        plt.close(fig)
        display(HTML(events_html(rows, paragraphs, max_rows)))

    box = filtered_view(controls, render, title="Timeline: what happened, when, according to whom")
    box.state = state  # type: ignore[attr-defined]
    return box


__all__ = ["timeline_view", "actor_options", "prepare", "select", "filter_events", "evidence_table",
           "events_html", "PreparedEvents"]
