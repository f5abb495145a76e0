"""Provenance explorer (notebook 01): filter attribution hops by article, source, source type,
relation and publication month; shows the matching hops and a figure (the article's chain view
when one article is chosen, else the top sources of the selection, `plot_top_sources`).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..plots.provenance import plot_chain, plot_top_sources
from ..plots.style import counted
from . import date_range_slider, filtered_view, month_periods, options_with_all, table_html

ALL = "(all)"
# the hop table's columns, most telling first (rule, chain, target_id and country stay in the data)
SHOW_COLUMNS = ["article_id", "para_idx", "target", "hop", "source", "source_type", "relation",
                "source_mention", "evidence"]


def _frames(corpus: Any) -> tuple[pd.DataFrame, pd.DataFrame | None, pd.DataFrame | None]:
    if isinstance(corpus, pd.DataFrame):
        return corpus, None, None
    return (getattr(corpus, "attributions"), getattr(corpus, "articles", None),
            getattr(corpus, "paragraphs", None))


def prepare(attributions: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Attributions plus ``_month`` (publication month in WIB, `month_periods`) for date filtering.

    Done once per view so every filter change is plain vectorised masks.
    """
    a = attributions.reset_index(drop=True)
    if articles is not None and len(articles) and "published" in articles.columns:
        meta = articles.drop_duplicates("article_id").set_index("article_id")["published"]
        month = month_periods(a["article_id"].map(meta))
    else:
        month = pd.Series(pd.PeriodIndex([pd.NaT] * len(a), freq="M"), index=a.index)
    return a.assign(_month=month)


def filter_hops(hops: pd.DataFrame, article: str = ALL, source: str = ALL, source_type: str = ALL,
                relation: str = ALL, months: tuple | None = None, full_range: bool = True) -> pd.DataFrame:
    """Rows of `hops` (from `prepare`) matching every filter; ``(all)`` disables a filter.

    `months` = (first, last) Periods, inclusive; undated rows are kept only when the range is the
    full one (`full_range`).
    """
    mask = np.ones(len(hops), dtype=bool)
    for col, value in (("article_id", article), ("source", source), ("source_type", source_type),
                       ("relation", relation)):
        if value not in (None, ALL):
            mask &= (hops[col] == value).to_numpy(dtype=bool, na_value=False)
    if months is not None and not full_range and "_month" in hops.columns:
        m = hops["_month"]
        lo, hi = months
        mask &= ((m >= lo) & (m <= hi)).to_numpy(dtype=bool, na_value=False)
    return hops[mask]


def provenance_view(corpus: Any, max_table_rows: int = 30):
    """The interactive provenance explorer: a `kompaskit.widgets.filtered_view` box.

    `corpus`: ``kompaskit.load()`` (uses .attributions, .articles, .paragraphs) or an
    attributions DataFrame. ``box.state['last']`` holds the rows shown by the latest render.
    """
    import ipywidgets as w
    import matplotlib.pyplot as plt
    from IPython.display import HTML, display

    attributions, articles, paragraphs = _frames(corpus)
    hops = prepare(attributions, articles)
    published = (articles["published"] if articles is not None and len(articles)
                 and "published" in articles.columns else pd.Series([], dtype="datetime64[ns, UTC]"))
    dates = date_range_slider(published, description="published")
    full = dates.index
    controls = {
        "article": w.Dropdown(options=options_with_all(hops["article_id"]), description="article"),
        "source": w.Dropdown(options=options_with_all(hops["source"]), description="source"),
        "source_type": w.Dropdown(options=options_with_all(hops["source_type"]), description="type"),
        "relation": w.Dropdown(options=options_with_all(hops["relation"]), description="relation"),
        "months": dates,
    }
    state: dict[str, Any] = {"last": hops.iloc[:0]}

    def render(article: str, source: str, source_type: str, relation: str, months: tuple) -> None:
        rows = filter_hops(hops, article, source, source_type, relation, months,
                           full_range=tuple(controls["months"].index) == tuple(full))
        state["last"] = rows
        print(f"{counted(len(rows), 'hop')} in {counted(rows['article_id'].nunique(), 'article')}")
        display(HTML(table_html(rows[[c for c in SHOW_COLUMNS if c in rows.columns]], max_rows=max_table_rows)))
        if article != ALL:
            meta = None
            if articles is not None and len(articles):
                hit = articles[articles["article_id"] == article]
                meta = hit.iloc[0] if len(hit) else None
            fig = plot_chain(rows, article, paragraphs=paragraphs, article=meta)
        else:
            fig = plot_top_sources(rows)
        display(fig)
        plt.close(fig)

    box = filtered_view(controls, render, title="Provenance: where claims come from")
    box.state = state  # type: ignore[attr-defined]
    return box


__all__ = ["provenance_view", "prepare", "filter_hops", "SHOW_COLUMNS"]
