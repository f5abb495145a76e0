"""Static figures for the quotes notebook (02). Each takes the `quotes` table (and `articles`
where site/date are needed) and returns a matplotlib Figure PAGE_WIDTH wide, with "(n = …)" in
its title and its legend outside the bars; an empty input gives a figure that says so.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .overview import plot_per_month
from .style import (BAR_EDGE, PAGE_WIDTH, counted, empty_figure, legend_outside, n_caption, page_figure,
                    swatches, wrap_label)

KIND_COLOURS = {"direct": "#0072B2", "indirect": "#E69F00", "mixed": "#882255"}
TYPE_COLOURS = {"person": "#009E73", "organisation": "#D55E00", "unknown": "#BBBBBB"}


def _one_per_quote(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per quote (a multi-paragraph quote has several table rows with one quote_id)."""
    return quotes.drop_duplicates("quote_id") if "quote_id" in quotes.columns and len(quotes) else quotes


def _speaker_rows(quotes: pd.DataFrame) -> pd.DataFrame:
    q = _one_per_quote(quotes)
    return q[q["speaker"].fillna("").astype(str).str.len() > 0]


def _caption(q: pd.DataFrame) -> str:
    n_articles = int(q["article_id"].nunique()) if "article_id" in q.columns else None
    return n_caption(len(q), "quote", n_articles)


def _with_articles(quotes: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    q = _one_per_quote(quotes)
    if articles is None or articles.empty or "article_id" not in q.columns:
        return q.assign(site="unknown", published=pd.NaT)
    cols = [c for c in ("article_id", "site", "published") if c in articles.columns]
    return q.merge(articles[cols].drop_duplicates("article_id"), on="article_id", how="left")


def plot_top_speakers(quotes: pd.DataFrame, n: int = 15):
    """Horizontal stacked bars: the `n` most quoted speakers, split direct / indirect / mixed."""
    q = _speaker_rows(quotes)
    if q.empty:
        return empty_figure("No attributed quotes to show.")
    counts = q.pivot_table(index="speaker", columns="kind", values="text", aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=[k for k in KIND_COLOURS if k in counts.columns])
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False).index[:n]].iloc[::-1]
    fig, ax = page_figure(0.28 * len(counts) + 1.4)
    left = pd.Series(0, index=counts.index)
    labels = [wrap_label(s, 32) for s in counts.index]
    for kind in counts.columns:
        ax.barh(labels, counts[kind], left=left.to_numpy(), color=KIND_COLOURS[kind], label=kind, **BAR_EDGE)
        left = left + counts[kind]
    ax.set_xlabel("quotes")
    ax.tick_params(axis="y", labelsize=7.5)
    ax.set_title(f"Most quoted speakers (top {len(counts)} of {q['speaker'].nunique():,})\n{_caption(q)}",
                 fontsize=9, loc="left")
    legend_outside(ax, swatches({k: KIND_COLOURS[k] for k in counts.columns}), title="kind")
    return fig


def plot_speaker_types(quotes: pd.DataFrame, articles: pd.DataFrame | None = None):
    """Stacked bars per site: quotes by speaker type (person / organisation / unknown)."""
    q = _with_articles(quotes, articles)
    if q.empty:
        return empty_figure("No quotes to show.")
    q = q.assign(site=q["site"].astype(object).fillna("unknown"),
                 speaker_type=q["speaker_type"].astype(object).fillna("unknown"))
    counts = q.pivot_table(index="site", columns="speaker_type", values="text", aggfunc="count", fill_value=0)
    fig, ax = page_figure(3.2)
    bottom = pd.Series(0, index=counts.index)
    kinds = [k for k in TYPE_COLOURS if k in counts.columns]
    for kind in kinds:
        ax.bar(counts.index.astype(str), counts[kind], bottom=bottom.to_numpy(), color=TYPE_COLOURS[kind],
               label=kind, width=0.6, **BAR_EDGE)
        bottom = bottom + counts[kind]
    ax.set_ylabel("quotes")
    ax.set_title(f"Who speaks: people vs organisations, by site\n{_caption(q)}", fontsize=9, loc="left")
    legend_outside(ax, swatches({k: TYPE_COLOURS[k] for k in kinds}), title="speaker type")
    return fig


def plot_quotes_by_month(quotes: pd.DataFrame, articles: pd.DataFrame | None = None):
    """Bars per publication month (WIB), stacked by site: distinct quotes (direct and indirect)."""
    q = _with_articles(quotes, articles)  # one row per quote_id
    return plot_per_month(q["published"] if len(q) else pd.Series([], dtype=object),
                          q["site"] if len(q) else pd.Series([], dtype=object),
                          "Quotes per month, by site (publication month, WIB)", "quotes",
                          "No dated quotes to show.", noun="quote",
                          article_ids=q["article_id"] if "article_id" in q.columns and len(q) else None)


def plot_quote_kinds(quotes: pd.DataFrame):
    """The quote browser's default figure: quotes of the selection by kind, split by speaker type."""
    q = _one_per_quote(quotes)
    if q.empty:
        return empty_figure("No quotes match the filters.")
    q = q.assign(speaker_type=q["speaker_type"].astype(object).fillna("unknown") if "speaker_type" in q.columns
                 else "unknown", kind=q["kind"].astype(object).fillna("unknown"))
    counts = pd.crosstab(q["kind"], q["speaker_type"])
    counts = counts.reindex([k for k in [*KIND_COLOURS, "unknown"] if k in counts.index])
    fig, ax = page_figure(0.4 * len(counts) + 1.5)
    left = pd.Series(0, index=counts.index)
    types = [t for t in TYPE_COLOURS if t in counts.columns]
    for t in types:
        ax.barh(counts.index.astype(str), counts[t], left=left.to_numpy(), color=TYPE_COLOURS[t], label=t,
                **BAR_EDGE)
        left = left + counts[t]
    ax.invert_yaxis()
    ax.set_xlabel("quotes")
    ax.set_title(f"Quotes in the selection, by kind and speaker type\n{_caption(q)}", fontsize=9, loc="left")
    legend_outside(ax, swatches({t: TYPE_COLOURS[t] for t in types}), title="speaker type")
    return fig


def relay_edges(quotes: pd.DataFrame) -> pd.DataFrame:
    """Speaker -> outlet -> Kompas hops as a DataFrame (`speaker`, `outlet`, `n`), most frequent first."""
    q = _speaker_rows(quotes)
    if q.empty or "via" not in q.columns:
        return pd.DataFrame(columns=["speaker", "outlet", "n"])
    ex = q[["speaker", "via"]].explode("via").dropna(subset=["via"])
    ex = ex[ex["via"].astype(str).str.len() > 0]
    if ex.empty:
        return pd.DataFrame(columns=["speaker", "outlet", "n"])
    return (ex.groupby(["speaker", "via"]).size().reset_index(name="n")
            .rename(columns={"via": "outlet"}).sort_values("n", ascending=False, kind="stable")
            .reset_index(drop=True))


def plot_relay_chains(quotes: pd.DataFrame, n: int = 20):
    """Relay chains: speaker -> relaying outlet -> Kompas, line width by number of quotes."""
    edges = relay_edges(quotes).head(n)
    if edges.empty:
        return empty_figure("No quotes carry a relaying outlet (dikutip dari / dilansir / kepada …).")
    q = _speaker_rows(quotes)
    has_via = q["via"].map(lambda v: v is not None and not isinstance(v, float) and len(v) > 0)
    relayed = q[has_via.to_numpy(dtype=bool) & q["speaker"].isin(set(edges["speaker"])).to_numpy()]
    speakers = list(dict.fromkeys(edges["speaker"]))
    outlets = list(dict.fromkeys(edges["outlet"]))
    ys = {s: i for i, s in enumerate(reversed(speakers))}
    yo = {o: (i + 0.5) * len(speakers) / max(len(outlets), 1) - 0.5 for i, o in enumerate(reversed(outlets))}
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, 0.32 * max(len(speakers), len(outlets)) + 1.3),
                           layout="constrained")
    top = edges["n"].max()
    kompas_y = (len(speakers) - 1) / 2
    for r in edges.itertuples():
        ax.plot([0, 1], [ys[r.speaker], yo[r.outlet]], color="#0072B2", alpha=0.7, lw=1 + 4 * r.n / top)
    per_outlet = edges.groupby("outlet")["n"].sum()
    for o, y in yo.items():
        ax.plot([1, 2], [y, kompas_y], color="#000000", alpha=0.45, lw=1 + 4 * per_outlet[o] / per_outlet.max())
        ax.text(1, y, wrap_label(o, 22), ha="center", va="center", fontsize=7.5,
                bbox=dict(boxstyle="round", fc="white", ec="#999999"))
    for s, y in ys.items():
        ax.text(-0.03, y, wrap_label(s, 30), ha="right", va="center", fontsize=7.5)
    ax.text(2.03, kompas_y, "Kompas", ha="left", va="center", fontsize=9, weight="bold")
    ax.set_xlim(-1.25, 2.45)
    ax.set_ylim(-0.8, max(len(speakers), 1) - 0.2)
    ax.axis("off")
    ax.set_title(f"Relay chains: speaker → outlet quoted → Kompas (top {counted(len(edges), 'pair')})\n"
                 f"{_caption(relayed)}",
                 fontsize=9, loc="left")
    return fig


__all__ = ["plot_top_speakers", "plot_speaker_types", "plot_quotes_by_month", "plot_quote_kinds",
           "plot_relay_chains", "relay_edges", "KIND_COLOURS", "TYPE_COLOURS"]
