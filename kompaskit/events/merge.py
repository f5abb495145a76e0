"""Merging candidate events across articles into the ``events`` table (ACLED-style)."""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from .lexicons import canonical_actor, expand_actors, load_actors
from .model import CERTAINTY_RANK, EVENT_COLUMNS, GRANULARITY_RANK, MERGE_FAMILY, as_list

def merge_events(candidates: pd.DataFrame) -> pd.DataFrame:
    """Merge candidates into the ``events`` table (``EVENT_COLUMNS`` + ``members``).

    Two candidates join when they have the same ``event_type``, overlapping
    [date_start, date_end) spans and at least one actor in common (transitively). The merged
    event keeps every evidence link and source; ``n_articles`` counts distinct articles,
    ``first_reported`` is the earliest ``published``; dates, granularity and summary come from
    the finest-grained member (earliest reported among equals); certainty is the most confident
    any member gives.
    """
    if candidates is None or not len(candidates):
        out = pd.DataFrame({c: pd.Series(dtype="object") for c in [*EVENT_COLUMNS, "members"]})
        for c in ("date_start", "date_end"):
            out[c] = pd.Series(dtype="datetime64[ns]")
        return out
    c = candidates.reset_index(drop=True)
    n = len(c)
    starts = pd.to_datetime(c["date_start"], errors="coerce").to_numpy()
    ends = pd.to_datetime(c["date_end"], errors="coerce").to_numpy()
    start_ns = starts.astype("datetime64[ns]").astype("int64")
    end_ns = ends.astype("datetime64[ns]").astype("int64")
    valid = ~(pd.isna(starts) | pd.isna(ends))
    types = c["event_type"].astype(str).tolist()
    gaz = load_actors()
    gran = c["granularity"].astype(str).tolist()
    # merge keys: people count for their state too ("Kim Jong-un" ~ "Korea Utara"), so a
    # report naming the leaders and one naming their states meet; a statement is the same
    # statement only when the speaker (its first actor) is the same
    actor_lists = [sorted(expand_actors(as_list(a), gaz)) if t != "statement"
                   else [canonical_actor(str(as_list(a)[0]), gaz)]
                   if as_list(a) else [] for a, t in zip(c["actors"], types)]
    coarse = [GRANULARITY_RANK.get(g, 9) > GRANULARITY_RANK["month"] for g in gran]
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Sweep each type in start order. Per actor, keep only the open member with the latest end
    # of each merged group: anything overlapping an older member overlaps that one too, so the
    # lists stay short even when thousands of articles report the same event.
    by_type: dict[str, list[int]] = {}
    for i in range(n):
        if valid[i]:
            by_type.setdefault(MERGE_FAMILY.get(types[i], types[i]), []).append(i)
    for members in by_type.values():
        members.sort(key=lambda i: start_ns[i])
        active: dict[str, list[tuple[int, int]]] = {}
        for i in members:
            s_i = start_ns[i]
            for a in actor_lists[i]:
                for e, j in active.get(a, ()):
                    # a year/vague span merges only with the same span ("2022" is no
                    # report of one day's strike in 2022)
                    if e > s_i and ((not coarse[i] and not coarse[j]) or
                                    (start_ns[i] == start_ns[j] and end_ns[i] == end_ns[j])):
                        ri, rj = find(i), find(j)
                        if ri != rj:
                            parent[rj] = ri
            for a in actor_lists[i]:
                best: dict[int, tuple[int, int]] = {}
                for e, j in [*active.get(a, ()), (end_ns[i], i)]:
                    if e <= s_i:
                        continue
                    r = find(j)
                    if r not in best or e > best[r][0]:
                        best[r] = (e, j)
                active[a] = list(best.values())

    pub_col = c["published"] if "published" in c else c.get("first_reported")
    published = (pd.to_datetime(pub_col, utc=True, errors="coerce") if pub_col is not None
                 else pd.Series(pd.NaT, index=c.index, dtype="datetime64[ns, UTC]"))
    pub_ns = [v.value if not pd.isna(v) else None for v in published]
    rank = [GRANULARITY_RANK.get(g, 9) for g in gran]
    evidence_l = [as_list(v) for v in c["evidence"]]
    sources_l = [as_list(v) for v in c["sources"]] if "sources" in c else [[]] * n
    aids = (c["article_id"].astype(str).tolist() if "article_id" in c
            else [str(ev[0]).rpartition(":")[0] if ev else "" for ev in evidence_l])
    locs = c["location"].tolist() if "location" in c else [None] * n
    certs = c["certainty"].astype(str).tolist() if "certainty" in c else ["asserted"] * n
    since = (c["since"].fillna(False).astype(bool).tolist() if "since" in c else [False] * n)
    quote_l = [as_list(v) for v in c["quote_ids"]] if "quote_ids" in c else [[]] * n
    ids = c["event_id"].astype(str).tolist()
    summaries = c["summary"].tolist() if "summary" in c else [""] * n
    big = np.iinfo(np.int64).max
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    rows = []
    for members in groups.values():
        members.sort(key=lambda i: (rank[i], pub_ns[i] if pub_ns[i] is not None else big, i))
        best = members[0]
        evidence: dict[str, None] = {}
        sources: dict[str, None] = {}
        actors: dict[str, None] = {}
        articles: dict[str, None] = {}
        for i in members:
            evidence.update(dict.fromkeys(evidence_l[i]))
            sources.update(dict.fromkeys(sources_l[i]))
            actors.update(dict.fromkeys(as_list(c["actors"].iat[i])))
            articles[aids[i]] = None
        pubs = [pub_ns[i] for i in members if pub_ns[i] is not None]
        locations = [locs[i] for i in members if isinstance(locs[i], str) and locs[i]]
        member_ids = sorted(ids[i] for i in members)
        rows.append({
            "event_id": "ev-" + hashlib.sha1("|".join(member_ids).encode()).hexdigest()[:12],
            "date_start": starts[best], "date_end": ends[best], "granularity": gran[best],
            "event_type": types[best], "actors": list(actors),
            "location": max(sorted(set(locations)), key=locations.count) if locations else None,
            "summary": summaries[best], "evidence": list(evidence), "sources": list(sources),
            "n_articles": len(articles),
            "first_reported": (pd.Timestamp(min(pubs), tz="UTC").tz_convert("Asia/Jakarta")
                               if pubs else pd.NaT),
            "certainty": min((certs[i] for i in members), key=lambda v: CERTAINTY_RANK.get(v, 9)),
            "since": bool(since[best]),
            "quote_ids": list(dict.fromkeys(q for i in members for q in quote_l[i])),
            "members": member_ids,
        })
    out = pd.DataFrame(rows, columns=[*EVENT_COLUMNS, "members"])
    out["date_start"] = pd.to_datetime(out["date_start"])
    out["date_end"] = pd.to_datetime(out["date_end"])
    return out.sort_values(["date_start", "event_type"], kind="stable").reset_index(drop=True)



__all__ = ["merge_events"]
