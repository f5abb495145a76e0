"""Static figures for the quotes notebook (02). Each takes the `quotes` table (and `articles`
where site/date are needed) and returns a matplotlib Figure; an empty input gives a figure that
says so instead of raising.
"""
from __future__ import annotations

import pandas as pd

KIND_COLOURS = {"direct": "#2c7fb8", "indirect": "#fdae61", "mixed": "#7b3294"}
TYPE_COLOURS = {"person": "#e6ab02", "organisation": "#8c510a", "unknown": "#bdbdbd"}


def _speaker_rows(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per quote (a multi-paragraph quote has several table rows with one quote_id)."""
    q = quotes
    if "quote_id" in q.columns and len(q):
        q = q.drop_duplicates("quote_id")
    return q[q["speaker"].fillna("").astype(str).str.len() > 0]


def _with_articles(quotes: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    q = quotes.drop_duplicates("quote_id") if "quote_id" in quotes.columns and len(quotes) else quotes
    if articles is None or articles.empty or "article_id" not in q.columns:
        return q.assign(site="unknown", published=pd.NaT)
    cols = [c for c in ("article_id", "site", "published") if c in articles.columns]
    return q.merge(articles[cols].drop_duplicates("article_id"), on="article_id", how="left")


def plot_top_speakers(quotes: pd.DataFrame, n: int = 15):
    """Horizontal stacked bars: the `n` most quoted speakers, split direct / indirect / mixed."""
    import matplotlib.pyplot as plt

    from . import empty_figure

    q = _speaker_rows(quotes)
    if q.empty:
        return empty_figure("No attributed quotes to show.")
    counts = q.pivot_table(index="speaker", columns="kind", values="text", aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=[k for k in KIND_COLOURS if k in counts.columns])
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False).index[:n]].iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(counts) + 1.5))
    left = pd.Series(0, index=counts.index)
    for kind in counts.columns:
        ax.barh(counts.index, counts[kind], left=left, color=KIND_COLOURS[kind], label=kind)
        left = left + counts[kind]
    ax.set_xlabel("quotes")
    ax.set_title(f"Most quoted speakers (top {len(counts)})")
    ax.legend(frameon=False, loc="lower right")
    fig.tight_layout()
    return fig


def plot_speaker_types(quotes: pd.DataFrame, articles: pd.DataFrame | None = None):
    """Stacked bars per site: quotes by speaker type (person / organisation / unknown)."""
    import matplotlib.pyplot as plt

    from . import empty_figure

    q = _with_articles(quotes, articles)
    if q.empty:
        return empty_figure("No quotes to show.")
    q = q.assign(site=q["site"].fillna("unknown"), speaker_type=q["speaker_type"].fillna("unknown"))
    counts = q.pivot_table(index="site", columns="speaker_type", values="text", aggfunc="count", fill_value=0)
    fig, ax = plt.subplots(figsize=(7, 3.5))
    bottom = pd.Series(0, index=counts.index)
    for kind in [k for k in TYPE_COLOURS if k in counts.columns]:
        ax.bar(counts.index, counts[kind], bottom=bottom, color=TYPE_COLOURS[kind], label=kind)
        bottom = bottom + counts[kind]
    ax.set_ylabel("quotes")
    ax.set_title("Who speaks: people vs organisations, by site")
    ax.legend(frameon=False)
    fig.tight_layout()
    return fig


def plot_quotes_by_month(quotes: pd.DataFrame, articles: pd.DataFrame | None = None):
    """Bars per publication month, stacked by site: distinct quotes (direct and indirect)."""
    from .overview import plot_per_month

    q = _with_articles(quotes, articles)  # one row per quote_id
    return plot_per_month(q["published"] if len(q) else pd.Series([], dtype=object),
                          q["site"] if len(q) else pd.Series([], dtype=object),
                          "Quotes per month, by site (publication month, WIB)", "quotes",
                          "No dated quotes to show.")


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
    import matplotlib.pyplot as plt

    from . import empty_figure

    edges = relay_edges(quotes).head(n)
    if edges.empty:
        return empty_figure("No quotes carry a relaying outlet (dikutip dari / dilansir / kepada …).")
    speakers = list(dict.fromkeys(edges["speaker"]))
    outlets = list(dict.fromkeys(edges["outlet"]))
    ys = {s: i for i, s in enumerate(reversed(speakers))}
    yo = {o: (i + 0.5) * len(speakers) / max(len(outlets), 1) - 0.5 for i, o in enumerate(reversed(outlets))}
    fig, ax = plt.subplots(figsize=(9, 0.4 * max(len(speakers), len(outlets)) + 1.5))
    top = edges["n"].max()
    kompas_y = (len(speakers) - 1) / 2
    for r in edges.itertuples():
        ax.plot([0, 1], [ys[r.speaker], yo[r.outlet]], color="#2c7fb8", alpha=0.7, lw=1 + 4 * r.n / top)
    per_outlet = edges.groupby("outlet")["n"].sum()
    for o, y in yo.items():
        ax.plot([1, 2], [y, kompas_y], color="#08306b", alpha=0.5, lw=1 + 4 * per_outlet[o] / per_outlet.max())
        ax.text(1, y, f" {o} ", ha="center", va="center", fontsize=8,
                bbox=dict(boxstyle="round", fc="white", ec="#999999"))
    for s, y in ys.items():
        ax.text(-0.02, y, s, ha="right", va="center", fontsize=8)
    ax.text(2.02, kompas_y, "Kompas", ha="left", va="center", fontsize=9, weight="bold")
    ax.set_xlim(-1.2, 2.5)
    ax.axis("off")
    ax.set_title("Relay chains: speaker → outlet quoted → Kompas")
    fig.tight_layout()
    return fig


__all__ = ["plot_top_speakers", "plot_speaker_types", "plot_quotes_by_month", "plot_relay_chains", "relay_edges"]
