"""Attribution hops of one article: footer, photo credits, paragraph cue chains, inherited sources
and quote relays/speakers. Output: ``attributions`` rows (ATTRIBUTION_COLUMNS)."""
from __future__ import annotations

import operator
import os
import re
from typing import Any, Iterable

import pandas as pd

from ..article import Article
from .registry import (
    ATTRIBUTION_COLUMNS, MEDIA_TYPES, OWN_OUTLET, SITE_OUTLETS, UNKNOWN, extra_paths, norm,
    load_registry, resolve, sources_table, unique_prefix,
)
from .cues import (
    Cues, PARALLEL_RE, cue_grammar, cue_paths, cue_regex, is_report_verb, source_at,
    subject_before,
)


# --------------------------------------------------------------------------- attribution

class _Rows:
    """Row collector: one dict per hop (keys ATTRIBUTION_COLUMNS), no per-row pandas work."""

    __slots__ = ("rows", "article_id")

    def __init__(self, article_id: str):
        self.rows: list[dict[str, Any]] = []
        self.article_id = article_id

    def add(self, target: str, target_id: str, chain: int, hop: int, hit: tuple, relation: str,
            para_idx: int | None, evidence: str, rule: str) -> None:
        canonical, mention, stype, country = hit[:4]
        self.rows.append({"article_id": self.article_id, "target": target, "target_id": target_id,
                          "hop": hop, "source": canonical, "source_mention": mention,
                          "relation": relation, "para_idx": para_idx, "evidence": evidence,
                          "rule": rule, "source_type": stype, "source_country": country,
                          "chain": chain})


def _paragraph_chains(text: str, extra: tuple[str, ...], cues: Cues) -> list[list[tuple]]:
    """Chains of one paragraph: list of chains, each a list of (hop, hit, relation, evidence, rule)."""
    found: list[tuple[int, int, str, re.Match]] = []
    low = text.lower()
    # key prefilters (`cue_regex` keys): most paragraphs have no cue at all, and a literal
    # search of the lower-cased text is far cheaper than the case-insensitive cue regexes
    if cues.neg_re is not None and cues.neg_key_re.search(low):
        for m in cues.neg_re.finditer(text):
            if is_report_verb(m["verb"], cues.neg_verbs):
                found.append((m.start(), m.end(), "neg", m))
    if "kepada" in low:
        for m in cues.kepada_re.finditer(text):
            found.append((m.start(), m.end(), "kepada", m))
    if cues.pre_key_re.search(low):
        for m in cues.pre_re.finditer(text):
            found.append((m.start(), m.end(), "pre", m))
    if cues.post_key_re.search(low):
        for m in cues.post_re.finditer(text):
            found.append((m.start(), m.end(), "post", m))
    if not found:
        return []
    found.sort(key=lambda c: (c[0], c[2] != "neg"))
    chains: list[list[tuple]] = []
    consumed = -1
    for start, end, kind, m in found:
        if start < consumed:
            continue
        chain: list[tuple] = []
        if kind == "neg":
            hit = subject_before(text, start, extra, cues)
            if hit:
                chain.append((0, hit, "not_reported", text[_evidence_start(text, start, hit):m.end()],
                              "negation"))
                consumed = m.end()
        elif kind == "post":
            hit = subject_before(text, start, extra, cues)
            if hit:
                rel = cues.post_relations[m.lastindex - 1]
                chain.append((0, hit, rel, text[_evidence_start(text, start, hit):m.end()],
                              f"post_cue:{rel}"))
                consumed = _extend(text, m.end(), chain, 0, extra, cues) or m.end()
        elif kind == "kepada":
            hit = source_at(text, end, extra, cues)
            if hit and (hit[2] in MEDIA_TYPES or (hit[2] == UNKNOWN and cues.media_re.search(hit[1]))):
                ev = text[start:hit[4]]
                chain.append((0, hit, "kepada", ev, "kepada"))
                speaker = m["between"].strip(" ,")
                who = None
                if speaker and not m["verb"].lower().endswith("nya"):
                    who = source_at(speaker, 0, extra, cues)
                elif not speaker and m["verb"].lower().startswith(("me", "ber", "bi")):
                    who = subject_before(text, start, extra, cues)  # "Peskov mengatakan kepada TASS"
                if who and norm(who[1]) not in cues.pronouns:
                    chain.append((1, who, "said", ev, "kepada:speaker"))
                consumed = _extend(text, hit[4], chain, 0, extra, cues) or hit[4]
        else:  # pre-cue
            relation = cues.pre_relations[m.lastindex - 1]
            hit = source_at(text, end, extra, cues)
            if hit:
                chain.append((0, hit, relation, text[start:hit[4]], f"pre_cue:{relation}"))
                consumed = hit[4]
                consumed = _parallel(text, hit[4], chain, 0, relation, start, extra, cues) or consumed
                consumed = _extend(text, consumed, chain, 0, extra, cues) or consumed
        if chain:
            chains.append(chain)
    return chains


def _evidence_start(text: str, verb_start: int, hit: tuple) -> int:
    i = text.rfind(hit[1], 0, verb_start)
    return i if i >= 0 else verb_start


def _parallel(text: str, pos: int, chain: list, hop: int, relation: str, cue_start: int,
              extra: tuple[str, ...], cues: Cues) -> int | None:
    """Registered sources listed after the first (``Reuters dan AFP``, ``A, B, dan C``) share its hop.

    A comma alone does not make a list (``Menurut Reuters, Putin ...``): items count only up to
    the last one introduced by ``dan``/``serta``/``maupun``.
    """
    found: list[tuple[tuple, bool]] = []
    while True:
        m = PARALLEL_RE.match(text, pos)
        if not m:
            break
        hit = source_at(text, m.end(), extra, cues)
        if not hit or hit[2] == UNKNOWN:
            break
        found.append((hit, bool(m["and1"] or m["and2"])))
        pos = hit[4]
    last_and = max((i for i, (_, conj) in enumerate(found) if conj), default=-1)
    for hit, _ in found[:last_and + 1]:
        chain.append((hop, hit, relation, text[cue_start:hit[4]], f"parallel:{relation}"))
    return found[last_and][0][4] if last_and >= 0 else None


def _extend(text: str, pos: int, chain: list, hop: int, extra: tuple[str, ...],
            cues: Cues) -> int | None:
    """Nested chains: ``X mengutip Y`` / ``X yang mengutip Y`` put Y one hop further from the
    reader; ``X via Y`` puts Y one hop nearer (Y relayed X to Kompas)."""
    last = None
    for _ in range(4):
        m = cues.cont_re.match(text, pos)
        if not m:
            break
        hit = source_at(text, m.end(), extra, cues)
        if not hit:
            break
        relation = cues.cont_relations[m.lastindex - 1]
        evidence = text[m.start():hit[4]].strip(" ,")
        if relation == "via":
            chain[:] = [(h + 1, *rest) for h, *rest in chain]
            chain.insert(0, (0, hit, "via", evidence, "chain:via"))
            hop += 1
        else:
            hop += 1
            chain.append((hop, hit, relation, evidence, f"chain:{relation}"))
        pos = last = hit[4]
    return last


_FOOTER_SPLIT = re.compile(r"\s*(?:[,;/&]|\sdan\s)\s*")


def _split_footer(values: Iterable[str]) -> list[str]:
    out = []
    for v in values or []:
        if v is None:
            continue
        for part in _FOOTER_SPLIT.split(str(v)):
            part = part.strip(" .:|")
            if part:
                out.append(part)
    return out


_CAPTION_CREDIT = re.compile(r"\(\s*(?:Sumber|Foto|Kredit|Dok\.?)\s*:\s*(?P<c>[^()]+)\)\s*$", re.I)
_CREDIT_SPLIT = re.compile(r"\s*/\s*|\s+via\s+", re.I)


def _photo_chain(article: Article) -> tuple[list[str], str]:
    """Photo credit chain in printed order (origin first) and the evidence text."""
    credit = [str(c).strip() for c in (article.photo_credit or []) if c is not None and str(c).strip()]
    caption = article.caption or ""
    m = _CAPTION_CREDIT.search(caption)
    if not credit and m:
        credit = [p.strip() for p in _CREDIT_SPLIT.split(m["c"]) if p.strip()]
    evidence = m["c"].strip() if m else "/".join(credit)
    return credit, evidence


_PERSON_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}")
_ORG_WORD = re.compile(r"(?i)\b(?:news|service|agency|press|photo|foto|tv|media|kantor|berita|pool|dok|handout"
                       r"|reuters|afp|ap|kcna|via)\b|^[A-Z0-9]{2,}$")


def _photo_hops(credit: list[str], extra: tuple[str, ...]) -> list[tuple[tuple, str]]:
    """Credit items ordered origin -> reader, each with the rule that placed it.

    ``A/B via C`` is printed origin first (KCNA/Korea News Service via AP). But an agency's
    credit line puts its photographer after it (``AP Photo/Ahn Young-joon``, ``KOMPAS.com/NAMA``):
    an unregistered item right after a registered outlet is that outlet's photographer, so it
    moves to the origin end (type ``person``).
    """
    hits = [_hit(c, extra) for c in credit]
    photographers, others = [], []
    for i, hit in enumerate(hits):
        prev = hits[i - 1] if i else None
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        # `Ng Han Guan/Associated Press`: a personal name beside a registered outlet is its photographer
        beside_outlet = (prev is not None and prev[2] in MEDIA_TYPES) or (nxt is not None and nxt[2] in MEDIA_TYPES)
        if hit[2] == UNKNOWN and beside_outlet and _PERSON_NAME.fullmatch(credit[i].strip()) \
                and not _ORG_WORD.search(credit[i]):
            photographers.append(((hit[0], hit[1], "person", ""), "photo_credit:photographer"))
        else:
            others.append((hit, "photo_credit"))
    return photographers + others


def _hit(mention: str, extra: tuple[str, ...]) -> tuple[str, str, str, str]:
    canonical, stype, country = resolve(mention, extra)
    return canonical, mention, stype, country


def _footer_hit(mention: str, extra: tuple[str, ...]) -> tuple[str, str, str, str]:
    """A footer value; a name cut off at the end of a snapshot (`Sumber : Asso`) resolves by a
    unique registry prefix."""
    hit = _hit(mention, extra)
    if hit[2] != UNKNOWN:
        return hit
    df, lookup, _ = load_registry(extra)
    i = unique_prefix(mention, lookup)
    return hit if i is None else (df.at[i, "source"], mention, df.at[i, "type"], df.at[i, "country"])


def attribution_rows(article: Article, quotes: list[dict] | pd.DataFrame | None = None,
                     extra_csv: str | os.PathLike | None = None,
                     cues_csv: str | os.PathLike | None = None) -> list[dict[str, Any]]:
    """The ``attributions`` rows of one article: one dict per hop, keys ATTRIBUTION_COLUMNS.

    Inputs: an `Article`; optionally its quotes (``quotes.quote_rows`` dicts or the
    ``quotes_table`` DataFrame; fields quote_id, para_idx, speaker, speaker_type, via) for quote
    relays, an extra source registry CSV (`extra_csv`, see `sources_table`) and an extra cue CSV
    (`cues_csv`, see the module docstring). Values are plain Python: ``hop`` and ``chain`` int,
    ``para_idx`` int or None (article and photo hops), the rest str. See the module docstring
    for hop order.
    """
    return _attribute_rows(article, quotes, extra_paths(extra_csv),
                           cue_grammar(cue_paths(cues_csv)))


def attribute(article: Article, quotes: list[dict] | pd.DataFrame | None = None,
              extra_csv: str | os.PathLike | None = None,
              cues_csv: str | os.PathLike | None = None) -> pd.DataFrame:
    """The ``attributions`` table for one article: `attribution_rows` as a DataFrame.

    Output columns: article_id, target, target_id, hop, source, source_mention, relation,
    para_idx (nullable Int64), evidence, rule, source_type, source_country, chain.
    """
    return _frame(attribution_rows(article, quotes, extra_csv, cues_csv))


_ROW_VALUES = operator.itemgetter(*ATTRIBUTION_COLUMNS)
_COL = {name: i for i, name in enumerate(ATTRIBUTION_COLUMNS)}


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Attribution rows -> the attributions DataFrame (object columns; hop, chain int64 and
    para_idx Int64), built as one object block and typed once."""
    import numpy as np

    arr = np.empty((len(rows), len(ATTRIBUTION_COLUMNS)), dtype=object)
    if rows:
        arr[:] = [_ROW_VALUES(r) for r in rows]
    df = pd.DataFrame(arr, columns=ATTRIBUTION_COLUMNS, dtype=object)
    for name in ("hop", "chain"):
        i = _COL[name]
        df.isetitem(i, arr[:, i].astype(np.int64))
    df.isetitem(_COL["para_idx"], pd.array(arr[:, _COL["para_idx"]], dtype="Int64"))
    return df


def _attribute_rows(article: Article, quotes: list[dict] | pd.DataFrame | None,
                    extra: tuple[str, ...], cues: Cues) -> list[dict[str, Any]]:
    """The rows of `attribution_rows`."""
    rows = _Rows(article.article_id or "")
    site_outlet = SITE_OUTLETS.get(article.site or "", "")

    # article footer: "Sumber : Voice of America"
    footers = _split_footer(article.source)
    for mention in footers:
        rows.add("article", "", 0, 0, _footer_hit(mention, extra), "sumber", None,
                 f"Sumber : {mention}", "footer")

    # photo credit: origin first (see _photo_hops), hop 0 = the last item
    credit, evidence = _photo_chain(article)
    chain = _photo_hops(credit, extra)
    n = len(chain)
    for i, (hit, rule) in enumerate(chain):
        rows.add("photo", "", 0, n - 1 - i, hit, "photo_credit", None, evidence, rule)

    # paragraphs: explicit cues, else inherited
    para_chains: dict[int, list[list[tuple]]] = {}
    # no footer: the claim is the outlet's own reporting
    inherit = [_footer_hit(m, extra) for m in footers] or (
        [_hit(site_outlet, extra)] if site_outlet else [(OWN_OUTLET, "", UNKNOWN, "")])
    inherit_rule = "inherit_footer" if footers else "inherit_site"
    kinds = article.paragraph_kinds
    for idx, text in enumerate(article.paragraphs):
        if not isinstance(text, str) or not text or (idx < len(kinds) and kinds[idx] != "body"):
            continue
        chains = _paragraph_chains(text, extra, cues)
        tid = str(idx)
        if chains:
            para_chains[idx] = chains
            for c, chain in enumerate(chains):
                for hop, hit, relation, ev, rule in chain:
                    rows.add("paragraph", tid, c, hop, hit, relation, idx, ev, rule)
        else:
            for hit in inherit:
                rows.add("paragraph", tid, 0, 0, hit, "inherited", idx,
                         f"Sumber : {hit[1]}" if footers else "", inherit_rule)

    if quotes is not None and len(quotes):
        _quote_hops(rows, quotes, para_chains, inherit, inherit_rule, extra)
    return rows.rows


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v] if v.strip() else []
    try:
        return [str(x) for x in v if x is not None and str(x).strip()]
    except TypeError:
        return []


_QUOTE_FIELDS = ("article_id", "quote_id", "para_idx", "speaker", "speaker_type", "via")


def _quote_columns(quotes: list[dict] | pd.DataFrame) -> dict[str, list]:
    """Quote rows or a quotes DataFrame -> the fields `_quote_hops` reads, as plain lists."""
    if isinstance(quotes, pd.DataFrame):
        n = len(quotes)
        return {c: (quotes[c].tolist() if c in quotes.columns else [None] * n) for c in _QUOTE_FIELDS}
    rows = [r for r in quotes if isinstance(r, dict)]
    return {c: [r.get(c) for r in rows] for c in _QUOTE_FIELDS}


def _quote_hops(rows: _Rows, quotes: list[dict] | pd.DataFrame, para_chains: dict[int, list[list[tuple]]],
                inherit: list[tuple], inherit_rule: str, extra: tuple[str, ...]) -> None:
    """Quote chains: relays then the speaker (``said``).

    ``via`` is read nearest-to-the-reader first; a relay also named by a cue in the quote's
    paragraph takes that cue's relation (``dikutip_dari``), else ``via``. Without ``via`` the
    paragraph's own relay cues are used, else the inherited footer.
    """
    # plain lists, not per-article pandas work: this runs once per article in the build
    col = _quote_columns(quotes)
    n = len(col["quote_id"])
    if not n:
        return
    if col["quote_id"][0] is None:
        col["quote_id"] = [str(i) for i in range(n)]
    keep_all = not rows.article_id or rows.article_id not in set(map(str, col["article_id"]))
    seen: set[str] = set()
    for aid, qid, pidx, speaker, stype, via in zip(*col.values()):
        if not keep_all and str(aid) != rows.article_id:
            continue
        if str(qid) in seen:  # a quote over several paragraphs: one chain, at its first part
            continue
        seen.add(str(qid))
        try:
            pidx = int(pidx)
        except (TypeError, ValueError):
            pidx = None
        tid = str(qid)
        # relay cues already found in this paragraph (dikutip dari VOA, menurut Reuters ...)
        cue_hops: dict[str, tuple] = {}
        for chain in para_chains.get(pidx, []) if pidx is not None else []:
            for hop, hit, relation, ev, rule in chain:
                if relation not in ("not_reported", "said"):
                    cue_hops.setdefault(hit[0], (hop, hit, relation, ev))
        speaker_hit = None
        if isinstance(speaker, str) and speaker.strip() and speaker.strip().lower() != UNKNOWN:
            canonical, t, country = resolve(speaker, extra)
            if t == UNKNOWN and stype == "person":
                t = "person"
            elif t == UNKNOWN and stype == "organisation":
                t = "institution"  # `militer Korea Selatan mengatakan`: an unregistered institution
            # an unregistered speaker the quotes could not type (`si sumber`, `negara tetangga`)
            # is no cited source
            speaker_hit = (canonical, speaker, t, country) if t != UNKNOWN or stype != UNKNOWN else None
        relays: list[tuple] = []  # (hop, hit, relation, evidence, rule)
        for i, mention in enumerate(_as_list(via)):
            hit = _hit(mention, extra)
            if hit[0] in cue_hops:
                _, h, relation, ev = cue_hops[hit[0]]
                relays.append((i, h, relation, ev, "quote_via_cue"))
            else:
                relays.append((i, hit, "via", mention, "quote_via"))
        if not relays:  # no via list: the paragraph's relay cues (their hops), else inherited
            relays = [(hop, h, rel, ev, "quote_cue") for name, (hop, h, rel, ev) in cue_hops.items()
                      if speaker_hit is None or name != speaker_hit[0]]
            if not relays and not cue_hops:
                relays = [(0, h, "inherited", "", inherit_rule.replace("inherit", "quote_inherit"))
                          for h in inherit]
        for hop, hit, relation, ev, rule in relays:
            rows.add("quote", tid, 0, hop, hit, relation, pidx, ev, rule)
        if speaker_hit is not None:
            top = max((r[0] for r in relays), default=-1) + 1
            rows.add("quote", tid, 0, top, speaker_hit, "said", pidx, str(speaker), "quote_speaker")


def attribute_many(articles: Iterable[Article], quotes: list[dict] | pd.DataFrame | None = None,
                   extra_csv: str | os.PathLike | None = None,
                   cues_csv: str | os.PathLike | None = None) -> pd.DataFrame:
    """`attribute` over many articles as one table (quotes, as rows or a DataFrame, split by
    article_id); one DataFrame is built at the end, not one per article."""
    extra = extra_paths(extra_csv)
    cues = cue_grammar(cue_paths(cues_csv))
    by_article: dict[str, Any] = {}
    if isinstance(quotes, pd.DataFrame):
        if len(quotes) and "article_id" in quotes.columns:
            by_article = {str(k): g for k, g in quotes.groupby("article_id", sort=False)}
    elif quotes:
        for r in quotes:
            if isinstance(r, dict) and r.get("article_id") is not None:
                by_article.setdefault(str(r["article_id"]), []).append(r)
    rows: list[dict[str, Any]] = []
    for a in articles:
        rows.extend(_attribute_rows(a, by_article.get(a.article_id), extra, cues))
    return _frame(rows)


def paragraph_source_types(attributions: pd.DataFrame) -> pd.DataFrame:
    """One row per attributed paragraph: its primary source (first hop-0 claim, explicit first).

    Columns: article_id, para_idx, source, source_type, relation. ``not_reported`` hops only
    count when a paragraph has nothing else.
    """
    cols = ["article_id", "para_idx", "source", "source_type", "relation"]
    if attributions is None or not len(attributions):
        return pd.DataFrame(columns=cols)
    a = attributions[(attributions["target"] == "paragraph") & (attributions["hop"] == 0)]
    a = a.assign(_neg=(a["relation"] == "not_reported"))
    a = a.sort_values(["article_id", "para_idx", "_neg"], kind="stable")
    return a.drop_duplicates(["article_id", "para_idx"], keep="first")[cols].reset_index(drop=True)


