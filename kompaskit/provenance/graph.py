"""The citation network of a corpus (networkx): outlets and sources as nodes, hops as edges."""
from __future__ import annotations

import os
from typing import Any

import pandas as pd

from .registry import SITE_OUTLETS, UNKNOWN, sources_table


# --------------------------------------------------------------------------- outlet graph

def _outlet_of_site(site: str) -> str:
    return SITE_OUTLETS.get(str(site), str(site) if site and str(site) != "other" else "other outlet")


def graph(corpus: Any, extra_csv: str | os.PathLike | None = None):
    """Outlet graph: citing outlet -> cited source, one edge per pair.

    Input: an object with ``.attributions`` (and optionally ``.articles`` for the site of each
    article, ``.sources`` for node types) such as ``kompaskit.load()``, or a plain attributions
    DataFrame (citing outlet taken from its ``site`` column, else "Kompas").
    Edge attributes: ``weight`` (claims carried), ``article_ids`` (sorted list), ``relations``
    ({relation: count}). Node attributes: ``type``, ``country``, ``n_articles``.
    Hop 0 hangs off the article's outlet; hop k+1 off hop k of the same chain. ``not_reported``
    hops are not claims and draw no edge.
    """
    import networkx as nx

    if isinstance(corpus, pd.DataFrame):
        att, articles, sources = corpus, None, None
    else:
        att = getattr(corpus, "attributions", None)
        articles = getattr(corpus, "articles", None)
        sources = getattr(corpus, "sources", None)
    G = nx.DiGraph()
    if att is None or not len(att):
        return G
    a = att[att["relation"] != "not_reported"]
    a = a.assign(
        chain=a["chain"] if "chain" in a.columns else 0,
        target_id=a["target_id"].fillna("").astype(str),
        source_type=a["source_type"] if "source_type" in a.columns else UNKNOWN,
    )
    keys = ["article_id", "target", "target_id", "chain"]
    # citing outlet of each article
    if "site" in a.columns:
        outlet = a["site"].map(_outlet_of_site)
    elif articles is not None and len(articles) and "site" in articles.columns:
        site = pd.Series(articles["site"].values, index=articles["article_id"].astype(str))
        site = site[~site.index.duplicated()]
        outlet = a["article_id"].astype(str).map(site).map(_outlet_of_site)
    else:
        outlet = pd.Series("Kompas", index=a.index)
    top = a[a["hop"] == 0]
    e0 = pd.DataFrame({"u": outlet[top.index].fillna("Kompas").values, "v": top["source"].values,
                       "article_id": top["article_id"].values, "relation": top["relation"].values})
    left = a[["article_id", "target", "target_id", "chain", "hop", "source"]].rename(
        columns={"source": "u"})
    left = left.assign(hop=left["hop"] + 1)
    deeper = a[a["hop"] > 0][[*keys, "hop", "source", "relation"]].rename(columns={"source": "v"})
    e1 = deeper.merge(left, on=[*keys, "hop"], how="inner")[["u", "v", "article_id", "relation"]]
    edges = pd.concat([e0, e1], ignore_index=True)
    edges = edges[(edges["u"] != edges["v"]) & edges["v"].notna() & (edges["v"] != "")]
    if not len(edges):
        return G
    # one pass in plain Python: per-group lambdas cost ~100 us per edge on big graphs
    acc: dict[tuple[str, str], list] = {}
    for u, v, aid, rel in zip(edges["u"].tolist(), edges["v"].tolist(),
                              edges["article_id"].tolist(), edges["relation"].tolist()):
        d = acc.get((u, v))
        if d is None:
            d = acc[(u, v)] = [0, set(), {}]
        d[0] += 1
        d[1].add(str(aid))
        d[2][rel] = d[2].get(rel, 0) + 1
    for (u, v), (w, ids, rels) in acc.items():
        G.add_edge(u, v, weight=w, article_ids=sorted(ids), relations=rels)
    # node attributes: registry first, else what the attributions said
    reg = sources if sources is not None and len(sources) else sources_table(extra_csv)
    reg_type = dict(zip(reg["source"], reg["type"]))
    reg_country = dict(zip(reg["source"], reg["country"]))
    seen_type = dict(zip(a["source"], a["source_type"]))
    art_sets = pd.concat([edges[["u", "article_id"]].rename(columns={"u": "n"}),
                          edges[["v", "article_id"]].rename(columns={"v": "n"})])
    n_articles = art_sets.groupby("n")["article_id"].nunique().to_dict()
    for node in G.nodes:
        t = reg_type.get(node) or seen_type.get(node) or UNKNOWN
        if node in ("Kompas", "other outlet") and node not in reg_type:
            t = "kompas" if node == "Kompas" else UNKNOWN
        G.nodes[node]["type"] = t
        G.nodes[node]["country"] = reg_country.get(node, "")
        G.nodes[node]["n_articles"] = int(n_articles.get(node, 0))
    return G


def edge_table(G) -> pd.DataFrame:
    """The outlet graph's edges as a table, heaviest first.

    Columns: citing, cited, cited_type, weight, n_articles, relations (dict), article_ids (list).
    """
    rows = [(u, v, G.nodes[v].get("type", UNKNOWN), d.get("weight", 0), len(d.get("article_ids", [])),
             d.get("relations", {}), d.get("article_ids", [])) for u, v, d in G.edges(data=True)]
    df = pd.DataFrame(rows, columns=["citing", "cited", "cited_type", "weight", "n_articles",
                                     "relations", "article_ids"])
    return df.sort_values(["weight", "citing", "cited"], ascending=[False, True, True], ignore_index=True)


