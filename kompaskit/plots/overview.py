"""Corpus overview figures (notebook 00) and the shared per-month bar chart."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd


def plot_per_month(when: pd.Series, groups: pd.Series, title: str, ylabel: str,
                   empty_message: str, ax=None):
    """Bars per calendar month (WIB), stacked by `groups`; months with nothing stay at 0.

    `when`: tz-aware or naive datetimes; `groups`: one label per row (e.g. the site).
    """
    from . import empty_figure

    when = pd.to_datetime(pd.Series(when).reset_index(drop=True), utc=True, errors="coerce")
    groups = pd.Series(groups).reset_index(drop=True).fillna("unknown").astype(str)
    keep = when.notna()
    if not keep.any():
        return empty_figure(empty_message)
    month = when[keep].dt.tz_convert("Asia/Jakarta").dt.tz_localize(None).dt.to_period("M")
    counts = pd.crosstab(month, groups[keep]).sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    counts = counts.reindex(full, fill_value=0)
    if ax is None:
        fig, ax = plt.subplots(figsize=(max(6, 0.35 * len(counts) + 3), 3.5))
    else:
        fig = ax.figure
    bottom = None
    for group in counts.columns:
        ax.bar(counts.index.strftime("%Y-%m"), counts[group], bottom=bottom, label=group)
        bottom = counts[group] if bottom is None else bottom + counts[group]
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=8)
    ax.tick_params(axis="x", rotation=60, labelsize=8)
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    return fig


def plot_articles_per_month(articles: pd.DataFrame, ax=None):
    """Bar chart of articles per month, stacked by site. Input: the `articles` table."""
    return plot_per_month(
        articles["published"] if len(articles) else pd.Series([], dtype="datetime64[ns, UTC]"),
        articles["site"] if len(articles) else pd.Series([], dtype=object),
        "Articles per month by site (publication month, WIB)", "articles",
        "No dated articles yet: put Kompas pages in data/raw/ and run the build.", ax=ax)
