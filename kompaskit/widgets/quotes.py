"""Interactive quote browser for notebook 02: filters by speaker, kind, relaying outlet, month
range and text, built with `kompaskit.widgets.filtered_view`. Filtering is vectorised pandas
masks (fast on 100k-row tables) and the displayed table is capped.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from ..plots.quotes import plot_quote_kinds
from ..plots.style import counted
from . import date_range_slider, filtered_view, month_periods, options_with_all, table_html

ALL = "(all)"
MAX_ROWS = 200
SHOW_COLUMNS = ["published", "site", "speaker", "kind", "cue", "via", "text", "article_id"]


def prepare_quotes(quotes: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per quote joined with its article's site/published/title, plus filter helper columns.

    Done once per view; `filter_quotes(..., prepared=...)` then only applies masks.
    """
    q = quotes.drop_duplicates("quote_id") if "quote_id" in quotes.columns and len(quotes) else quotes
    if articles is not None and not articles.empty and "article_id" in q.columns:
        cols = [c for c in ("article_id", "site", "published", "title") if c in articles.columns]
        q = q.merge(articles[cols].drop_duplicates("article_id"), on="article_id", how="left")
    for col in ("site", "published"):
        if col not in q.columns:
            q[col] = pd.NaT if col == "published" else "unknown"
    q = q.reset_index(drop=True)
    # precomputed helpers for fast masks
    q["_via_text"] = _via_keys(q["via"]) if "via" in q.columns else "||"
    q["_text_lower"] = q["text"].fillna("").astype(str).str.lower()
    q["_month"] = month_periods(q["published"])  # publication month in WIB, as in every view
    return q


def _via_keys(via: pd.Series) -> pd.Series:
    """`_via_key` of every cell, as a Series on `via`'s index."""
    return pd.Series([_via_key(v) for v in via], index=via.index, dtype=str)


def _via_key(v: Any) -> str:
    """`|Reuters|AP|` for a list (or Arrow array) of outlets, `||` for none."""
    if v is None or isinstance(v, (str, float)):
        return f"|{v}|" if isinstance(v, str) and v else "||"
    try:
        return "|" + "|".join(str(x) for x in v) + "|"
    except TypeError:
        return "||"


def filter_quotes(quotes: pd.DataFrame, articles: pd.DataFrame | None = None, speaker: str = ALL,
                  kind: str = ALL, via: str = ALL, months: tuple | None = None, search: str = "",
                  prepared: pd.DataFrame | None = None) -> pd.DataFrame:
    """The quotes matching all filters (one row per quote); `(all)` / empty means no filter."""
    q = prepared if prepared is not None else prepare_quotes(quotes, articles)
    mask = pd.Series(True, index=q.index)
    if speaker and speaker != ALL:
        mask &= q["speaker"] == speaker
    if kind and kind != ALL:
        mask &= q["kind"] == kind
    if via and via != ALL:
        mask &= q["_via_text"].str.contains("|" + via + "|", regex=False)
    if months:
        lo, hi = months
        mask &= q["_month"].notna() & (q["_month"] >= lo) & (q["_month"] <= hi)
    if search and search.strip():
        mask &= q["_text_lower"].str.contains(search.strip().lower(), regex=False)
    return q[mask]


def quote_browser(quotes: pd.DataFrame, articles: pd.DataFrame | None = None, max_rows: int = MAX_ROWS):
    """A filtered table of quotes; returns the `filtered_view` box (``.controls``, ``.errors``).

    ``box.last_view_size`` holds how many quotes matched the last render (before the row cap).
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt
    from IPython.display import HTML, display

    prepared = prepare_quotes(quotes, articles)
    top_speakers = prepared["speaker"].value_counts().index[:300].tolist() if len(prepared) else []
    controls: dict[str, Any] = {
        "speaker": w.Dropdown(options=[ALL, *sorted(s for s in top_speakers if s)], value=ALL, description="speaker"),
        "kind": w.Dropdown(options=[ALL, "direct", "indirect", "mixed"], value=ALL, description="kind"),
        "via": w.Dropdown(options=options_with_all(prepared["via"] if len(prepared) else []), value=ALL,
                          description="via"),
        "months": date_range_slider(prepared["published"] if len(prepared) else pd.Series(dtype="object"),
                                    description="months"),
        "search": w.Text(value="", description="text", placeholder="word in the quote"),
    }
    state: dict[str, Any] = {"n": 0}
    holder: list[Any] = []  # the box, once built (the first render runs inside filtered_view)
    has_dates = prepared["_month"].notna().any() if len(prepared) else False

    def render(speaker: str, kind: str, via: str, months: tuple, search: str) -> None:
        view = filter_quotes(quotes, articles, speaker=speaker, kind=kind, via=via,
                             months=months if has_dates else None, search=search, prepared=prepared)
        state["n"] = len(view)
        if holder:
            holder[0].last_view_size = len(view)
        box_size = counted(len(view), "quote") + (f" (showing the first {max_rows})" if len(view) > max_rows else "")
        shown = view.head(max_rows)[[c for c in SHOW_COLUMNS if c in view.columns]]
        display(HTML(f"<p>{box_size}</p>"))
        display(HTML(table_html(shown)))
        fig = plot_quote_kinds(view)
        display(fig)
        plt.close(fig)

    box = filtered_view(controls, render, title="Quotes")
    box.last_view_size = state["n"]  # type: ignore[attr-defined]
    holder.append(box)
    return box


__all__ = ["quote_browser", "filter_quotes", "prepare_quotes"]
