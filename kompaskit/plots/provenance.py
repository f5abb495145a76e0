"""Provenance figures (notebook 01): per-article chain view, corpus shares, outlet graph.

Inputs are the kit's tables (``attributions``, ``articles``, ``paragraphs``) or the DiGraph from
`kompaskit.provenance.graph`. Every function returns a matplotlib Figure (an explanatory empty
figure when there is nothing to draw). Colours come from `kompaskit.plots.SOURCE_TYPE_COLOURS`.
"""
from __future__ import annotations

import math
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import FancyArrowPatch, Patch

# column order of the outlet graph: who cites (Kompas) on the left, then media, then the rest
TYPE_ORDER = ["kompas", "wire", "public_broadcaster", "newspaper", "tv", "online", "state_media",
              "government", "military", "intelligence", "international_org", "think_tank", "person",
              "unknown"]


def _colour(stype: Any) -> str:
    from . import SOURCE_TYPE_COLOURS

    return SOURCE_TYPE_COLOURS.get(str(stype), SOURCE_TYPE_COLOURS["unknown"])


def _legend_handles(types) -> list[Patch]:
    ordered = [t for t in TYPE_ORDER if t in set(types)] + sorted(set(types) - set(TYPE_ORDER))
    return [Patch(facecolor=_colour(t), edgecolor="none", label=t.replace("_", " ")) for t in ordered]


def _short(s: Any, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


# --------------------------------------------------------------------------- chain view

def _capture_line(article: Any) -> str:
    """'raw: path · sha256 … · captured …' from an articles-table row (Series/dict/Article)."""
    if article is None:
        return ""
    get = (article.get if isinstance(article, (dict, pd.Series))
           else lambda k, d=None: getattr(article, k, d))
    parts = []
    for key, label, fmt in (("raw_path", "raw", str), ("raw_sha256", "sha256", lambda v: str(v)[:16] + "…"),
                            ("published", "published", str), ("captured_at", "captured", str),
                            ("capture_url", "from", str)):
        v = get(key, None)
        if v is not None and not (isinstance(v, float) and math.isnan(v)) and str(v) not in ("", "NaT", "None"):
            parts.append(f"{label}: {fmt(v)}")
    return " · ".join(parts)


def plot_chain(attributions: pd.DataFrame, article_id: str | None = None,
               paragraphs: pd.DataFrame | None = None, article: Any = None,
               max_rows: int = 60):
    """Chain view of one article: a row per paragraph chain (plus photo, footer and quotes),
    boxes left to right from hop 0 (nearest to the reader), coloured by source type.

    `paragraphs`: the paragraphs table (for row labels); `article`: its articles-table row (for
    the title and the capture provenance line: raw path, sha256, captured time).
    """
    from . import empty_figure

    if attributions is None or not len(attributions):
        return empty_figure("No attributions to show: build the corpus first (kompaskit build).")
    if article_id is None:
        article_id = str(attributions["article_id"].iloc[0])
    a = attributions[attributions["article_id"] == article_id]
    if not len(a):
        return empty_figure(f"No attributions for article {article_id}.")
    texts: dict[int, str] = {}
    if paragraphs is not None and len(paragraphs):
        p = paragraphs[paragraphs["article_id"] == article_id]
        texts = dict(zip(p["para_idx"].astype(int), p["text"].astype(str)))
    a = a.assign(chain=a["chain"] if "chain" in a.columns else 0,
                 _order=range(len(a)),
                 _p=a["para_idx"].astype("Float64").fillna(-1.0).astype(float),
                 # object first: mapping a Categorical gives a Categorical that sorts by label, not number
                 _t=a["target"].astype(object).map({"photo": 0, "article": 1, "paragraph": 2, "quote": 3})
                 .fillna(4).astype(int))
    rows = []  # (label, [(source, relation, type, hop)])
    for (_, _, target, tid, chain), g in a.sort_values(["_p", "_t", "target_id", "chain", "hop", "_order"]).groupby(
            ["_p", "_t", "target", "target_id", "chain"], sort=False):
        if target == "photo":
            label = "photo credit"
        elif target == "article":
            label = "article (Sumber)"
        else:
            idx = int(g["para_idx"].iloc[0]) if pd.notna(g["para_idx"].iloc[0]) else -1
            if target == "quote":  # listed right under its paragraph
                label = f"quote {_short(str(tid).rsplit(':', 1)[-1], 12)} in ¶{idx}"
            else:
                label = f"¶{idx}  {_short(texts.get(idx, ''), 48)}".rstrip()
        rows.append((label, list(zip(g["source"], g["relation"], g["source_type"], g["hop"]))))
    rows = rows[:max_rows]
    width = max(len(r[1]) for r in rows)
    fig, ax = plt.subplots(figsize=(5.5 + 2.4 * width, 0.42 * len(rows) + 1.8))
    for y, (_, hops) in enumerate(rows):
        for x, (source, relation, stype, hop) in enumerate(hops):
            alpha = 0.45 if relation == "inherited" else 0.95
            ax.text(x, y, f"{_short(source, 22)}\n{relation} · hop {hop}", ha="center", va="center",
                    fontsize=7, color="white" if relation != "inherited" else "black",
                    bbox=dict(boxstyle="round,pad=0.3", facecolor=_colour(stype), alpha=alpha,
                              edgecolor="black" if relation == "not_reported" else "none",
                              linestyle="--", hatch="//" if relation == "not_reported" else None))
            if x:
                ax.annotate("", xy=(x - 0.38, y), xytext=(x - 0.62, y),
                            arrowprops=dict(arrowstyle="<-", color="#555555", lw=0.8))
    ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=7)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ax.set_xlim(-0.55, width - 0.45)
    ax.set_xticks(range(width), ["hop 0 (nearest reader)" if i == 0 else f"hop {i}" for i in range(width)],
                  fontsize=7)
    ax.xaxis.tick_top()
    for side in ("right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    title = "Provenance chains"
    if article is not None:
        t = article.get("title") if isinstance(article, (dict, pd.Series)) else getattr(article, "title", None)
        if t:
            title = _short(t, 90)
    cap = _capture_line(article)
    ax.set_title(f"{title}\n{article_id}" + (f"\n{cap}" if cap else ""), fontsize=8, loc="left")
    ax.legend(handles=_legend_handles(a["source_type"].astype(object).fillna("unknown")), fontsize=7, frameon=False,
              loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- corpus view

def source_type_shares(attributions: pd.DataFrame, articles: pd.DataFrame | None = None,
                       by: str = "month") -> pd.DataFrame:
    """Share of attributed paragraphs by source type, per month (WIB) or per site.

    Output: a DataFrame indexed by month/site, one column per source type, rows summing to 1.
    """
    from ..provenance import paragraph_source_types

    prim = paragraph_source_types(attributions)
    if not len(prim):
        return pd.DataFrame()
    if articles is not None and len(articles):
        meta = articles.drop_duplicates("article_id").set_index("article_id")
        if by == "month":
            pub = pd.to_datetime(meta["published"], utc=True, errors="coerce")
            month = pub.dt.tz_convert("Asia/Jakarta").dt.tz_localize(None).dt.to_period("M").astype(str)
            key = prim["article_id"].map(month.where(pub.notna(), "undated"))
        else:
            key = prim["article_id"].map(meta["site"])
    else:
        key = pd.Series("all", index=prim.index)
    key = key.fillna("undated" if by == "month" else "unknown")
    table = pd.crosstab(key, prim["source_type"].astype(object).fillna("unknown"), normalize="index")
    cols = [t for t in TYPE_ORDER if t in table.columns] + sorted(set(table.columns) - set(TYPE_ORDER))
    return table[cols].sort_index()


def plot_source_type_shares(attributions: pd.DataFrame, articles: pd.DataFrame | None = None):
    """Corpus view: share of paragraphs by (primary) source type per month and per site."""
    from . import empty_figure

    monthly = source_type_shares(attributions, articles, by="month")
    if not len(monthly):
        return empty_figure("No attributed paragraphs yet: build the corpus first (kompaskit build).")
    sites = source_type_shares(attributions, articles, by="site")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(max(8, 0.4 * len(monthly) + 6), 4.2),
                                   gridspec_kw={"width_ratios": [max(2, len(monthly)), 2]})
    for ax, table, horizontal in ((ax1, monthly, False), (ax2, sites, True)):
        base = pd.Series(0.0, index=table.index)
        for col in table.columns:
            if horizontal:
                ax.barh(table.index.astype(str), table[col], left=base, color=_colour(col), label=col)
            else:
                ax.bar(table.index.astype(str), table[col], bottom=base, color=_colour(col), label=col)
            base = base + table[col]
    ax1.set_ylabel("share of paragraphs")
    ax1.set_title("Where paragraphs come from, by month (WIB)", fontsize=9)
    ax1.tick_params(axis="x", rotation=60, labelsize=7)
    ax2.set_xlabel("share of paragraphs")
    ax2.set_title("by site", fontsize=9)
    ax2.legend(handles=_legend_handles(monthly.columns), fontsize=7, frameon=False,
               loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- outlet graph

def graph_layout(G, per_column: int = 28) -> dict[str, tuple[float, float]]:
    """Columns by source type (`TYPE_ORDER`), nodes in a column sorted by weighted degree.

    Rows are one unit apart and a column over `per_column` nodes wraps into a second column,
    so labels placed right of each node (and truncated to fit the column) cannot overlap.
    """
    strength = dict(G.degree(weight="weight"))
    by_type: dict[str, list[str]] = {}
    for node, data in G.nodes(data=True):
        t = data.get("type", "unknown")
        by_type.setdefault(t if t in TYPE_ORDER else "unknown", []).append(node)
    pos: dict[str, tuple[float, float]] = {}
    col = 0
    for t in TYPE_ORDER:
        nodes = sorted(by_type.get(t, []), key=lambda n: (-strength.get(n, 0), str(n)))
        for start in range(0, len(nodes), per_column):
            for i, node in enumerate(nodes[start:start + per_column]):
                pos[node] = (float(col), -float(i))
            col += 1
    return pos


def plot_outlet_graph(G, max_nodes: int = 160, min_weight: int = 1, per_column: int = 28,
                      label_chars: int = 24):
    """The outlet graph (citing outlet -> cited source) drawn for 50+ nodes.

    Layout by source type in columns (`graph_layout`), node area by claims carried, edge width
    by weight (log), edges coloured by the cited source's type. Keeps the `max_nodes` busiest
    nodes and edges with weight >= `min_weight`.
    """
    from . import empty_figure

    if G is None or G.number_of_nodes() == 0:
        return empty_figure("No outlet graph yet: build the corpus first (kompaskit build).")
    H = G.edge_subgraph([(u, v) for u, v, w in G.edges(data="weight") if (w or 0) >= min_weight]).copy()
    if H.number_of_nodes() > max_nodes:
        strength = dict(H.degree(weight="weight"))
        keep = sorted(strength, key=lambda n: -strength[n])[:max_nodes]
        H = H.subgraph(keep).copy()
    if H.number_of_nodes() == 0:
        return empty_figure(f"No edges with weight >= {min_weight}.")
    pos = graph_layout(H, per_column=per_column)
    n_cols = int(max(x for x, _ in pos.values())) + 1
    n_rows = int(max(-y for _, y in pos.values())) + 1
    fig, ax = plt.subplots(figsize=(max(6.0, 1.9 * n_cols), max(3.5, 0.26 * n_rows + 1.6)))
    strength = dict(H.degree(weight="weight"))
    top = max(strength.values()) or 1
    wmax = max((w for *_, w in H.edges(data="weight")), default=1) or 1
    for u, v, w in H.edges(data="weight"):
        (x0, y0), (x1, y1) = pos[u], pos[v]
        rad = 0.25 if x0 == x1 else 0.08
        ax.add_patch(FancyArrowPatch(
            (x0, y0), (x1, y1), connectionstyle=f"arc3,rad={rad}", arrowstyle="-|>", mutation_scale=6,
            lw=0.4 + 2.2 * math.log1p(w) / math.log1p(wmax), alpha=0.12 + 0.5 * w / wmax,
            color=_colour(H.nodes[v].get("type", "unknown")), shrinkA=4, shrinkB=4, zorder=1))
    types = []
    for node, (x, y) in pos.items():
        t = H.nodes[node].get("type", "unknown")
        types.append(t)
        ax.scatter([x], [y], s=18 + 220 * math.sqrt(strength.get(node, 0) / top), color=_colour(t),
                   edgecolor="white", linewidth=0.5, zorder=3)
        ax.text(x + 0.07, y, _short(node, label_chars), fontsize=6.5, va="center", ha="left", zorder=4,
                gid=f"node:{node}",
                bbox=dict(boxstyle="square,pad=0.05", facecolor="white", edgecolor="none", alpha=0.7))
    # column headers
    heads: dict[float, str] = {}
    for node, (x, _) in pos.items():
        heads.setdefault(x, H.nodes[node].get("type", "unknown"))
    for x, t in heads.items():
        ax.text(x, 1.0, t.replace("_", " "), fontsize=7.5, fontweight="bold", ha="left", color=_colour(t))
    ax.set_xlim(-0.3, n_cols - 0.05)
    ax.set_ylim(-n_rows + 0.3, 1.6)
    ax.axis("off")
    ax.set_title(f"Outlet graph: who cites whom ({H.number_of_nodes()} sources, "
                 f"{H.number_of_edges()} links; width = claims)", fontsize=9, loc="left")
    fig.tight_layout()
    return fig


__all__ = ["plot_chain", "source_type_shares", "plot_source_type_shares", "graph_layout",
           "plot_outlet_graph", "TYPE_ORDER"]
