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

from ..dates import publication_month
from ..provenance import paragraph_source_types
from .style import (BAR_EDGE, PAGE_WIDTH, SOURCE_TYPE_COLOURS, counted, empty_figure, legend_outside,
                    n_caption, page_figure, text_colour_on, thin_month_ticks, wrap_label)

# column order of the outlet graph: who cites (Kompas) on the left, then media, then the rest
TYPE_ORDER = ["kompas", "wire", "public_broadcaster", "newspaper", "tv", "online", "state_media",
              "government", "military", "intelligence", "international_org", "think_tank", "person",
              "unknown"]


def _colour(stype: Any) -> str:
    return SOURCE_TYPE_COLOURS.get(str(stype), SOURCE_TYPE_COLOURS["unknown"])


def _legend_handles(types) -> list[Patch]:
    ordered = [t for t in TYPE_ORDER if t in set(types)] + sorted(set(types) - set(TYPE_ORDER))
    return [Patch(facecolor=_colour(t), edgecolor="#333333", linewidth=0.5, label=t.replace("_", " "))
            for t in ordered]


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
               max_rows: int = 24):
    """Chain view of one article: a row per paragraph chain (plus photo, footer and quotes),
    boxes left to right from hop 0 (nearest to the reader), coloured by source type.

    `paragraphs`: the paragraphs table (for row labels); `article`: its articles-table row (for
    the title and the capture provenance line: raw path, sha256, captured time).
    """
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
                label = f"¶{idx}  {_short(texts.get(idx, ''), 36)}".rstrip()
        rows.append((label, list(zip(g["source"], g["relation"], g["source_type"], g["hop"]))))
    n_rows_all = len(rows)
    rows = rows[:max_rows]
    width = max(len(r[1]) for r in rows)
    fig, ax = plt.subplots(figsize=(min(PAGE_WIDTH + 1.5, 4.0 + 1.5 * width), 0.34 * len(rows) + 1.9))
    for y, (_, hops) in enumerate(rows):
        for x, (source, relation, stype, hop) in enumerate(hops):
            alpha = 0.45 if relation == "inherited" else 0.95
            ax.text(x, y, f"{_short(source, 20)}\n{relation} · hop {hop}", ha="center", va="center",
                    fontsize=6.5, color=text_colour_on(_colour(stype)) if relation != "inherited" else "black",
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
    n = f"(n = {counted(len(a), 'hop')} in {counted(n_rows_all, 'chain')}"
    n += f"; first {len(rows)} shown)" if n_rows_all > len(rows) else ")"
    ax.set_title(f"{title}\n{article_id} {n}" + (f"\n{wrap_label(cap, 110)}" if cap else ""), fontsize=7, loc="left")
    ax.legend(handles=_legend_handles(a["source_type"].astype(object).fillna("unknown")), fontsize=7, frameon=False,
              loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- corpus view

def source_type_shares(attributions: pd.DataFrame, articles: pd.DataFrame | None = None,
                       by: str = "month") -> pd.DataFrame:
    """Share of attributed paragraphs by source type, per month (WIB) or per site.

    Output: a DataFrame indexed by ``month`` ("YYYY-MM", or "undated") or ``site``, one column
    per source type (columns named ``source_type``), rows summing to 1.
    """
    prim = paragraph_source_types(attributions)
    if not len(prim):
        return pd.DataFrame()
    if articles is not None and len(articles):
        meta = articles.drop_duplicates("article_id").set_index("article_id")
        if by == "month":
            month = pd.Series(publication_month(meta["published"]).to_numpy(), index=meta.index)
            key = prim["article_id"].map(month)
        else:
            key = prim["article_id"].map(meta["site"])
    else:
        key = pd.Series("all", index=prim.index)
    key = key.astype(object).fillna("undated" if by == "month" else "unknown").rename(by)
    types = prim["source_type"].astype(object).fillna("unknown").rename("source_type")
    table = pd.crosstab(key, types, normalize="index")
    cols = [t for t in TYPE_ORDER if t in table.columns] + sorted(set(table.columns) - set(TYPE_ORDER))
    return table[cols].sort_index()


def _paragraph_caption(attributions: pd.DataFrame) -> str:
    prim = paragraph_source_types(attributions)
    return n_caption(len(prim), "paragraph", int(prim["article_id"].nunique()) if len(prim) else 0)


def plot_source_type_shares(attributions: pd.DataFrame, articles: pd.DataFrame | None = None):
    """Corpus view: share of paragraphs by (primary) source type per month and per site."""
    monthly = source_type_shares(attributions, articles, by="month")
    if not len(monthly):
        return empty_figure("No attributed paragraphs yet: build the corpus first (kompaskit build).")
    sites = source_type_shares(attributions, articles, by="site")
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(PAGE_WIDTH, 3.8), layout="constrained",
                                   gridspec_kw={"width_ratios": [3, 1.3]})
    for ax, table, horizontal in ((ax1, monthly, False), (ax2, sites, True)):
        base = pd.Series(0.0, index=table.index)
        x = range(len(table))
        for col in table.columns:
            if horizontal:
                ax.barh(table.index.astype(str), table[col], left=base.to_numpy(), color=_colour(col),
                        label=col, **BAR_EDGE)
            else:
                ax.bar(x, table[col], bottom=base.to_numpy(), color=_colour(col), label=col, width=0.85,
                       **BAR_EDGE)
            base = base + table[col]
    thin_month_ticks(ax1, [str(m) for m in monthly.index])
    ax1.set_ylabel("share of paragraphs")
    ax1.set_title(f"Where paragraphs come from, by month (WIB)\n{_paragraph_caption(attributions)}",
                  fontsize=8.5, loc="left")
    ax2.set_xlabel("share of paragraphs")
    ax2.tick_params(axis="y", labelsize=7)
    ax2.set_title("by site", fontsize=8.5, loc="left")
    legend_outside(ax2, _legend_handles(monthly.columns), title="source type", fontsize=7)
    return fig


def plot_top_sources(attributions: pd.DataFrame, n: int = 15):
    """The provenance explorer's default figure: the `n` sources carrying most hops of the
    selection, bars coloured by source type (explicit and inherited hops alike)."""
    if attributions is None or not len(attributions):
        return empty_figure("No hops match the filters.")
    a = attributions[attributions["relation"].astype(object) != "not_reported"]
    if not len(a):
        return empty_figure("No hops match the filters.")
    counts = a.groupby(a["source"].astype(str), observed=True).size().sort_values(ascending=False)
    top = counts.head(n).iloc[::-1]
    stype = a.assign(source=a["source"].astype(str)).drop_duplicates("source").set_index("source")["source_type"]
    colours = [_colour(stype.get(src, "unknown")) for src in top.index]
    fig, ax = page_figure(0.26 * len(top) + 1.5)
    ax.barh([wrap_label(s, 34) for s in top.index], top.to_numpy(), color=colours, **BAR_EDGE)
    ax.tick_params(axis="y", labelsize=7)
    ax.set_xlabel("hops (claims attributed to the source)")
    ax.set_title(f"Sources in the selection (top {len(top)} of {len(counts):,})\n"
                 f"{n_caption(len(a), 'hop', int(a['article_id'].nunique()))}", fontsize=8.5, loc="left")
    legend_outside(ax, _legend_handles({str(stype.get(s, "unknown")) for s in top.index}), title="source type",
                   fontsize=7)
    return fig


# --------------------------------------------------------------------------- outlet graph

OTHER_SOURCES = "other sources"


def top_sources_graph(G, max_sources: int = 30):
    """`G` with only its `max_sources` busiest nodes (weighted degree); every other node is merged
    into one ``"other sources (k)"`` node (type ``unknown``), its edges' weights summed."""
    import networkx as nx

    strength = dict(G.degree(weight="weight"))
    ranked = sorted(strength, key=lambda node: (-strength[node], str(node)))
    keep = set(ranked[:max_sources])
    rest = [node for node in ranked if node not in keep]
    if not rest:
        return G.copy()
    other = f"{OTHER_SOURCES} ({len(rest)})"
    H = nx.DiGraph()
    for node in keep:
        H.add_node(node, **G.nodes[node])
    H.add_node(other, type="unknown", n_merged=len(rest))
    for u, v, w in G.edges(data="weight"):
        u2, v2 = (u if u in keep else other), (v if v in keep else other)
        if u2 == v2:
            continue
        prev = H.edges[u2, v2]["weight"] if H.has_edge(u2, v2) else 0
        H.add_edge(u2, v2, weight=prev + (w or 0))
    return H


def graph_layout(G, per_column: int = 28) -> dict[str, tuple[float, float]]:
    """Columns by citation depth (citing outlets left, then what they cite, then what those
    cite …), nodes in a column grouped by source type (`TYPE_ORDER`) and sorted by weighted
    degree. A column over `per_column` nodes wraps into the next column."""
    import networkx as nx

    strength = dict(G.degree(weight="weight"))
    roots = [n for n in G.nodes if G.in_degree(n) == 0] or sorted(G.nodes, key=lambda n: -strength[n])[:1]
    depth: dict[str, int] = {}
    for root in roots:
        for node, d in nx.single_source_shortest_path_length(G, root).items():
            depth[node] = min(depth.get(node, d), d)
    for node in G.nodes:
        depth.setdefault(node, 0)
    order = {t: i for i, t in enumerate(TYPE_ORDER)}
    pos: dict[str, tuple[float, float]] = {}
    col = 0
    for level in sorted(set(depth.values())):
        nodes = sorted((n for n in G.nodes if depth[n] == level),
                       key=lambda n: (order.get(G.nodes[n].get("type", "unknown"), len(order)),
                                      -strength.get(n, 0), str(n)))
        for start in range(0, len(nodes), per_column):
            for i, node in enumerate(nodes[start:start + per_column]):
                pos[node] = (float(col), -float(i))
            col += 1
    return pos


def plot_outlet_graph(G, max_sources: int = 30, min_weight: int = 1, per_column: int = 28,
                      max_nodes: int | None = None):
    """The outlet graph (citing outlet -> cited source) at page width, readable at any size.

    Keeps the `max_sources` busiest sources (weighted degree) and merges the rest into one
    "other sources (k)" node; edges with weight < `min_weight` are dropped. Layout by citation
    depth (`graph_layout`), node area by claims carried, edge width by weight (log), colours by
    source type; labels are wrapped, never cut. (`max_nodes` is the old name of `max_sources`.)
    """
    if G is None or G.number_of_nodes() == 0:
        return empty_figure("No outlet graph yet: build the corpus first (kompaskit build).")
    H = G.edge_subgraph([(u, v) for u, v, w in G.edges(data="weight") if (w or 0) >= min_weight]).copy()
    if H.number_of_nodes() == 0:
        return empty_figure(f"No edges with weight >= {min_weight}.")
    n_all, claims = H.number_of_nodes(), int(sum(w or 0 for *_, w in H.edges(data="weight")))
    H = top_sources_graph(H, max_sources if max_nodes is None else max_nodes)
    pos = graph_layout(H, per_column=per_column)
    n_cols = int(max(x for x, _ in pos.values())) + 1
    n_rows = int(max(-y for _, y in pos.values())) + 1
    # characters of 6 pt text that fit a column once the legend (~1.6 in) has its room
    label_chars = max(12, int((PAGE_WIDTH - 1.6) / max(n_cols, 1) / 0.055))
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, min(10.0, max(3.0, 0.3 * n_rows + 1.4))))
    strength = dict(H.degree(weight="weight"))
    top = max(strength.values()) or 1
    wmax = max((w for *_, w in H.edges(data="weight")), default=1) or 1
    for u, v, w in H.edges(data="weight"):
        (x0, y0), (x1, y1) = pos[u], pos[v]
        rad = 0.25 if x0 == x1 else 0.05
        ax.add_patch(FancyArrowPatch(
            (x0, y0), (x1, y1), connectionstyle=f"arc3,rad={rad}", arrowstyle="-|>", mutation_scale=6,
            lw=0.4 + 2.2 * math.log1p(w) / math.log1p(wmax), alpha=0.3 + 0.45 * w / wmax,
            color=_colour(H.nodes[v].get("type", "unknown")), shrinkA=4, shrinkB=4, zorder=1))
    types = []
    for node, (x, y) in pos.items():
        t = H.nodes[node].get("type", "unknown")
        types.append(t)
        ax.scatter([x], [y], s=14 + 160 * math.sqrt(strength.get(node, 0) / top), color=_colour(t),
                   edgecolor="#333333", linewidth=0.4, zorder=3)
        ax.text(x + 0.06, y, wrap_label(node, label_chars), fontsize=6, va="center", ha="left", zorder=4,
                gid=f"node:{node}", linespacing=0.95,
                bbox=dict(boxstyle="square,pad=0.05", facecolor="white", edgecolor="none", alpha=0.75))
    ax.set_xlim(-0.25, n_cols - 0.02)
    ax.set_ylim(-n_rows + 0.4, 0.8)
    ax.axis("off")
    shown = f"top {H.number_of_nodes() - 1} of {n_all} sources" if any(
        str(n).startswith(OTHER_SOURCES) for n in H.nodes) else counted(n_all, "source")
    ax.set_title(f"Outlet graph: who cites whom ({shown}; width = claims)\n"
                 f"(n = {counted(claims, 'claim')} on {counted(G.number_of_edges(), 'link')})",
                 fontsize=8.5, loc="left")
    legend_outside(ax, _legend_handles(types), title="source type", fontsize=6.5)
    fig.tight_layout()
    return fig


__all__ = ["plot_chain", "source_type_shares", "plot_source_type_shares", "plot_top_sources",
           "graph_layout", "top_sources_graph", "plot_outlet_graph", "TYPE_ORDER"]
