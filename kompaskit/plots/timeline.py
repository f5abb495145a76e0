"""Timeline figure (notebook 03): events on a date axis, one lane per event type.

Precision is visible: a day-granular event is a point, anything coarser (week, month, quarter,
year) a bar spanning its whole period, so "Juni lalu" never looks like a known day. The
reference chronology, when given, is its own lane at the top; milestones the corpus covers are
filled, the others hollow.
"""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..events import reference_span

# fixed lane order and colours so every figure reads the same
EVENT_TYPE_ORDER = ["meeting", "visit", "agreement", "ratification", "authorisation",
                    "arms_transfer", "troop_deployment", "exercise", "launch", "strike",
                    "casualty", "sanction", "statement"]
EVENT_TYPE_COLOURS = {
    "meeting": "#1f78b4", "visit": "#a6cee3", "agreement": "#33a02c", "ratification": "#b2df8a",
    "authorisation": "#ff7f00", "arms_transfer": "#e31a1c", "troop_deployment": "#fb9a99",
    "exercise": "#6a3d9a", "launch": "#cab2d6", "strike": "#b15928", "casualty": "#525252",
    "sanction": "#ffd92f", "statement": "#8da0cb",
}
REFERENCE_LANE = "reference chronology"
POINT_GRANULARITIES = {"day", "datetime"}


def _lanes(events: pd.DataFrame) -> list[str]:
    present = [str(t) for t in pd.unique(events["event_type"].dropna())] if len(events) else []
    known = [t for t in EVENT_TYPE_ORDER if t in present]
    return known + sorted(t for t in present if t not in EVENT_TYPE_ORDER)


def _draw(ax, y: float, starts: pd.Series, ends: pd.Series, gran: pd.Series, colour: str,
          filled: np.ndarray | None = None, sizes: np.ndarray | None = None) -> None:
    """Points for day-granular rows, bars spanning [start, end) for coarser ones."""
    starts = pd.to_datetime(starts).reset_index(drop=True)
    ends = pd.to_datetime(ends).reset_index(drop=True)
    gran = gran.astype(str).reset_index(drop=True)
    filled = np.ones(len(starts), dtype=bool) if filled is None else filled
    sizes = np.full(len(starts), 40.0) if sizes is None else sizes
    is_point = gran.isin(list(POINT_GRANULARITIES)).to_numpy()
    ok = starts.notna().to_numpy()
    for fill in (True, False):
        sel = ok & is_point & (filled == fill)
        if sel.any():
            mid = starts[sel] + (ends[sel].fillna(starts[sel]) - starts[sel]) / 2
            ax.scatter(mid, np.full(sel.sum(), y), s=sizes[sel], zorder=3,
                       facecolors=colour if fill else "white", edgecolors=colour, linewidths=1.2)
        sel = ok & ~is_point & (filled == fill) & ends.notna().to_numpy()
        for s, e in zip(starts[sel], ends[sel]):
            x0, x1 = mdates.date2num(s), mdates.date2num(e)
            ax.broken_barh([(x0, max(x1 - x0, 1.0))], (y - 0.18, 0.36), zorder=2,
                           facecolors=colour if fill else "none", edgecolors=colour,
                           alpha=0.45 if fill else 1.0, linewidth=1.0)


def plot_timeline(events: pd.DataFrame, reference: pd.DataFrame | None = None, ax=None,
                  title: str = "Russia–North Korea events as reported"):
    """Timeline of `events` (the ``events`` table) with an optional `reference` lane.

    `reference`: ``events.load_reference()`` or the ``coverage`` table (needs ``date_start``,
    ``date_end``, ``granularity``; a ``status`` column marks covered milestones filled).
    Marker size grows with ``n_articles``. Returns the matplotlib Figure.
    """
    from . import empty_figure

    has_events = events is not None and len(events) > 0
    has_ref = reference is not None and len(reference) > 0
    if not has_events and not has_ref:
        return empty_figure("No dated events yet: build the corpus from Kompas articles "
                            "(data/raw/) to see the timeline.")
    lanes = _lanes(events) if has_events else []
    rows = ([REFERENCE_LANE] if has_ref else []) + lanes
    if ax is None:
        fig, ax = plt.subplots(figsize=(10, 1.1 + 0.45 * len(rows)))
    else:
        fig = ax.figure
    ypos = {lane: len(rows) - 1 - i for i, lane in enumerate(rows)}
    if has_ref:
        ref = reference
        if "date_start" not in ref:  # a raw chronology CSV frame: derive the spans
            spans = [reference_span(d, g) for d, g in
                     zip(ref["date"], ref.get("granularity", pd.Series([""] * len(ref))))]
            ref = ref.assign(date_start=[s for s, _ in spans], date_end=[e for _, e in spans])
        filled = (ref["status"].eq("covered").to_numpy() if "status" in ref
                  else np.ones(len(ref), dtype=bool))
        _draw(ax, ypos[REFERENCE_LANE], ref["date_start"], ref["date_end"],
              ref.get("granularity", pd.Series(["day"] * len(ref))), "#404040", filled=filled)
    for lane in lanes:
        sub = events[events["event_type"] == lane]
        n = pd.to_numeric(sub.get("n_articles", pd.Series(1, index=sub.index)),
                          errors="coerce").fillna(1).to_numpy()
        _draw(ax, ypos[lane], sub["date_start"], sub["date_end"], sub["granularity"],
              EVENT_TYPE_COLOURS.get(lane, "#777777"), sizes=30 + 25 * np.sqrt(n))
    ax.set_yticks(list(ypos.values()), list(ypos.keys()), fontsize=9)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.xaxis_date()
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#e0e0e0", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, fontsize=11)
    note = "point = known day · bar = the whole week/month/year the text allows"
    if has_ref:
        note += " · reference: filled = covered by the corpus, hollow = not covered"
    ax.text(0, -0.22 if len(rows) > 3 else -0.4, note, transform=ax.transAxes, fontsize=7.5,
            color="#555555")
    fig.tight_layout()
    return fig


__all__ = ["plot_timeline", "EVENT_TYPE_ORDER", "EVENT_TYPE_COLOURS", "REFERENCE_LANE"]
