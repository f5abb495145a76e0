"""Corpus overview figures (notebook 00) and the shared per-month bar chart."""
from __future__ import annotations

import pandas as pd

from ..dates import publication_month
from .style import (BAR_EDGE, category_colours, empty_figure, legend_outside, n_caption, page_figure,
                    swatches, thin_month_ticks)


def month_counts(when: pd.Series, groups: pd.Series) -> pd.DataFrame:
    """Rows per publication month (WIB, `kompaskit.dates.publication_month`) by group; every
    month between the first and the last is present (0 when empty). Index ``month`` ("YYYY-MM")."""
    month = publication_month(pd.Series(when).reset_index(drop=True))
    groups = pd.Series(groups).reset_index(drop=True).astype(object).fillna("unknown").astype(str)
    keep = month.notna().to_numpy()
    if not keep.any():
        return pd.DataFrame()
    counts = pd.crosstab(month[keep].rename("month"), groups[keep].rename("group")).sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq="M").strftime("%Y-%m")
    counts = counts.reindex(full, fill_value=0)
    counts.index.name = "month"
    return counts


def plot_per_month(when: pd.Series, groups: pd.Series, title: str, ylabel: str,
                   empty_message: str, noun: str = "article", article_ids: pd.Series | None = None, ax=None):
    """Bars per calendar month (WIB), stacked by `groups`; months with nothing stay at 0.

    `when`: tz-aware or naive (UTC) datetimes; `groups`: one label per row (e.g. the site);
    `noun`: what a row is, for the "(n = …)" in the title; `article_ids` (optional): the article
    of each row, to say in how many articles.
    """
    counts = month_counts(when, groups)
    if not len(counts):
        return empty_figure(empty_message)
    if ax is None:
        fig, ax = page_figure(3.4)
    else:
        fig = ax.figure
    colours = category_colours(counts.columns)
    x = range(len(counts))
    bottom = None
    for group in counts.columns:
        ax.bar(x, counts[group], bottom=bottom, label=group, color=colours[group], **BAR_EDGE)
        bottom = counts[group] if bottom is None else bottom + counts[group]
    n = int(counts.to_numpy().sum())
    n_articles = None
    if article_ids is not None:
        dated = publication_month(pd.Series(when).reset_index(drop=True)).notna().to_numpy()
        n_articles = int(pd.Series(article_ids).reset_index(drop=True)[dated].nunique())
    ax.set_ylabel(ylabel)
    ax.set_title(f"{title}\n{n_caption(n, noun, n_articles)}", fontsize=9, loc="left")
    thin_month_ticks(ax, list(counts.index))
    ax.set_xlim(-0.6, len(counts) - 0.4)
    ax.yaxis.get_major_locator().set_params(integer=True)
    legend_outside(ax, swatches(colours), title="site")
    return fig


def plot_articles_per_month(articles: pd.DataFrame, ax=None):
    """Bar chart of articles per month, stacked by site. Input: the `articles` table."""
    return plot_per_month(
        articles["published"] if len(articles) else pd.Series([], dtype="datetime64[ns, UTC]"),
        articles["site"] if len(articles) else pd.Series([], dtype=object),
        "Articles per month by site (publication month, WIB)", "articles",
        "No dated articles yet: put Kompas pages in data/raw/ and run the build.", noun="article", ax=ax)


__all__ = ["plot_per_month", "plot_articles_per_month", "month_counts"]
