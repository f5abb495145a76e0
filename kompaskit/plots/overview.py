"""Corpus overview figures (notebook 00)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd


def plot_articles_per_month(articles: pd.DataFrame, ax=None):
    """Bar chart of articles per month, stacked by site. Input: the `articles` table."""
    from . import empty_figure

    dated = articles.dropna(subset=["published"]) if len(articles) else articles
    if not len(dated):
        return empty_figure("No dated articles yet: put Kompas pages in data/raw/ and run the build.")
    published = pd.to_datetime(dated["published"], utc=True).dt.tz_convert("Asia/Jakarta")
    month = published.dt.tz_localize(None).dt.to_period("M")
    counts = pd.crosstab(month, dated["site"]).sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    counts = counts.reindex(full, fill_value=0)
    if ax is None:
        fig, ax = plt.subplots(figsize=(max(6, 0.35 * len(counts) + 3), 3.5))
    else:
        fig = ax.figure
    bottom = None
    for site in counts.columns:
        ax.bar(counts.index.strftime("%Y-%m"), counts[site], bottom=bottom, label=site)
        bottom = counts[site] if bottom is None else bottom + counts[site]
    ax.set_ylabel("articles")
    ax.set_title("Articles per month by site (publication month, WIB)")
    ax.legend(frameon=False, fontsize=8)
    ax.tick_params(axis="x", rotation=60, labelsize=8)
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    return fig
