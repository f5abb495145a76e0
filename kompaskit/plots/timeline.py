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
                    "casualty", "sanction", "veto", "gift", "statement"]
EVENT_TYPE_COLOURS = {
    "meeting": "#1f78b4", "visit": "#a6cee3", "agreement": "#33a02c", "ratification": "#b2df8a",
    "authorisation": "#ff7f00", "arms_transfer": "#e31a1c", "troop_deployment": "#fb9a99",
    "exercise": "#6a3d9a", "launch": "#cab2d6", "strike": "#b15928", "casualty": "#525252",
    "sanction": "#ffd92f", "veto": "#e5c494", "gift": "#66c2a5", "statement": "#8da0cb",
}
REFERENCE_LANE = "reference chronology"
POINT_GRANULARITIES = {"day", "datetime"}
_LONG_SPAN_DAYS = 400  # longer spans do not set the axis
_CLUSTER_GAP_DAYS = 730  # a gap this long splits the events into clusters; the largest sets it
_LABEL_BASE_PT, _LABEL_STEP_PT = 7.0, 10.0  # reference labels: offset and level height


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


def _fit_window(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The date window of the selected events, padded by 5% (at least two weeks) a side.
    Spans longer than a year ("sejak 2000", a decade) are drawn but do not stretch the axis
    when shorter events exist."""
    starts = pd.to_datetime(events["date_start"], errors="coerce")
    ends = pd.to_datetime(events["date_end"], errors="coerce")
    short = (ends - starts) <= pd.Timedelta(days=_LONG_SPAN_DAYS)
    if short.any():
        starts, ends = starts[short], ends[short]
    starts, ends = starts.dropna(), ends.dropna()
    if starts.empty:
        return None
    # the main cluster: events separated by more than two years from the bulk (a 2009 side
    # remark in a 2024 corpus) are drawn only when the selection is narrowed to them
    order = np.argsort(starts.to_numpy())
    starts, ends = starts.iloc[order], ends.reindex(starts.index).iloc[order]
    gaps = np.flatnonzero(np.diff(starts.to_numpy()) > np.timedelta64(_CLUSTER_GAP_DAYS, "D"))
    bounds = [0, *(gaps + 1).tolist(), len(starts)]
    best = max(range(len(bounds) - 1), key=lambda k: (bounds[k + 1] - bounds[k], k))
    starts = starts.iloc[bounds[best]:bounds[best + 1]]
    ends = ends.iloc[bounds[best]:bounds[best + 1]].dropna()
    lo, hi = starts.min(), max(ends.max() if len(ends) else starts.max(), starts.max())
    pad = max(pd.Timedelta(days=14), (hi - lo) * 0.05)
    return lo - pad, hi + pad


def _label_levels(xs: list[float], widths: list[float]) -> list[int]:
    """Greedy stacking of labels centred at axis fractions `xs` (sorted) with `widths` (axis
    fractions): each label takes the lowest level whose previous label ends before it starts,
    so no two labels overlap."""
    ends: list[float] = []  # right edge of the last label of each level
    out = []
    for x, w in zip(xs, widths):
        left = x - w / 2
        level = next((k for k, e in enumerate(ends) if e <= left), len(ends))
        if level == len(ends):
            ends.append(x + w / 2)
        else:
            ends[level] = x + w / 2
        out.append(level)
    return out


def _label_reference(ax, ref: pd.DataFrame, y: float, window: tuple) -> int:
    """Short labels (event type) above the reference markers, stacked so they never overlap;
    returns the number of label levels used."""
    lo, hi = (mdates.date2num(t) for t in window)
    mids = pd.to_datetime(ref["date_start"]) + (pd.to_datetime(ref["date_end"])
                                               - pd.to_datetime(ref["date_start"])) / 2
    order = np.argsort(mids.to_numpy())
    names = [str(ref["event_type"].iloc[i]) for i in order]
    xs = [(mdates.date2num(mids.iloc[i]) - lo) / max(hi - lo, 1e-9) for i in order]
    axis_px = max(ax.get_position().width * ax.figure.get_figwidth() * ax.figure.dpi, 1.0)
    # 6.5 pt text: about 0.62 em a character, plus a small gap
    widths = [(len(n) * 6.5 * 0.62 + 6) * ax.figure.dpi / 72 / axis_px for n in names]
    levels = _label_levels(xs, widths)
    for i, level in zip(order, levels):
        # stacked in points, so levels never overlap whatever the data scale
        ax.annotate(str(ref["event_type"].iloc[i]), xy=(mids.iloc[i], y),
                    xytext=(0, _LABEL_BASE_PT + _LABEL_STEP_PT * level),
                    textcoords="offset points", fontsize=6.5, ha="center", va="bottom",
                    color="#404040", annotation_clip=True)
    return max(levels) + 1 if levels else 0


def plot_timeline(events: pd.DataFrame, reference: pd.DataFrame | None = None, ax=None,
                  title: str = "Russia–North Korea events as reported", fit: bool = True):
    """Timeline of `events` (the ``events`` table) with an optional `reference` lane.

    `reference`: ``events.load_reference()`` or the ``coverage`` table (needs ``date_start``,
    ``date_end``, ``granularity``; a ``status`` column marks covered milestones filled).
    Marker size grows with ``n_articles``. With `fit` (default) the axis spans the events
    shown (reference milestones outside it are left out); reference markers carry stacked,
    non-overlapping type labels. Returns the matplotlib Figure.
    """
    from . import empty_figure

    has_events = events is not None and len(events) > 0
    has_ref = reference is not None and len(reference) > 0
    if not has_events and not has_ref:
        return empty_figure("No dated events yet: build the corpus from Kompas articles "
                            "(data/raw/) to see the timeline.")
    lanes = _lanes(events) if has_events else []
    rows = ([REFERENCE_LANE] if has_ref else []) + lanes
    own_figure = ax is None
    if ax is None:
        fig, ax = plt.subplots(figsize=(10, 1.1 + 0.45 * len(rows)))
    else:
        fig = ax.figure
    ypos = {lane: len(rows) - 1 - i for i, lane in enumerate(rows)}
    window = _fit_window(events) if (fit and has_events) else None
    label_rows = 0
    if has_ref:
        ref = reference
        if "date_start" not in ref:  # a raw chronology CSV frame: derive the spans
            spans = [reference_span(d, g) for d, g in
                     zip(ref["date"], ref.get("granularity", pd.Series([""] * len(ref))))]
            ref = ref.assign(date_start=[s for s, _ in spans], date_end=[e for _, e in spans])
        if window is not None:
            ref = ref[(pd.to_datetime(ref["date_end"]) > window[0])
                      & (pd.to_datetime(ref["date_start"]) < window[1])]
        elif len(ref):
            window = _fit_window(ref)
        filled = (ref["status"].eq("covered").to_numpy() if "status" in ref
                  else np.ones(len(ref), dtype=bool))
        _draw(ax, ypos[REFERENCE_LANE], ref["date_start"], ref["date_end"],
              ref.get("granularity", pd.Series(["day"] * len(ref))), "#404040", filled=filled)
        if len(ref) and window is not None and "event_type" in ref:
            label_rows = _label_reference(ax, ref, ypos[REFERENCE_LANE], window)
    for lane in lanes:
        sub = events[events["event_type"] == lane]
        n = pd.to_numeric(sub.get("n_articles", pd.Series(1, index=sub.index)),
                          errors="coerce").fillna(1).to_numpy()
        _draw(ax, ypos[lane], sub["date_start"], sub["date_end"], sub["granularity"],
              EVENT_TYPE_COLOURS.get(lane, "#777777"), sizes=30 + 25 * np.sqrt(n))
    ax.set_yticks(list(ypos.values()), list(ypos.keys()), fontsize=9)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.xaxis_date()
    if window is not None:
        ax.set_xlim(*window)
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
    if label_rows and own_figure:
        fig.set_figheight(fig.get_figheight() + label_rows * _LABEL_STEP_PT / 72)
    fig.tight_layout()
    if label_rows:  # headroom above the reference lane for the stacked labels
        axis_pt = ax.get_position().height * fig.get_figheight() * 72
        k = min((_LABEL_BASE_PT + _LABEL_STEP_PT * label_rows + 4) / max(axis_pt, 1.0), 0.8)
        base = len(rows) + 0.4
        ax.set_ylim(-0.7, len(rows) - 0.3 + k * base / (1 - k))
    return fig


__all__ = ["plot_timeline", "EVENT_TYPE_ORDER", "EVENT_TYPE_COLOURS", "REFERENCE_LANE"]
