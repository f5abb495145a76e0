"""Candidate events of one article: each dated mention of a body sentence dates the main
predicate(s) of its clause (a trigger of ``data/event_triggers.csv``), with actors from the
gazetteer, sources from the attributions and a certainty."""
from __future__ import annotations

import re
from operator import itemgetter
from typing import Any

import pandas as pd

from ..temporal import body_indices, mention_rows
from .lexicons import (GROUP_BEFORE, Gazetteer, Triggers, canonical_actor, group_state, load_actors,
                       load_triggers)
from .model import CANDIDATE_COLUMNS, as_list

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])")
# subordinators that start a clause with its own time ("... setelah pertemuan ..., September 2023")
_CLAUSE_START = re.compile(r"[;:]|,?\s\b(?:setelah|sebelum|sesudah|usai|ketika|saat|sejak|sementara|"
                           r"namun|tetapi|sedangkan|kemudian|di tengah|menyusul|di sela)\b",
                           re.IGNORECASE)
# "A ketika B pada <date>": the main clause A happened at B's date too
_WHEN_CLAUSE = re.compile(r",?\s*\b(?:ketika|saat|sewaktu|tatkala)\s", re.IGNORECASE)
# a citation date: "Dilansir Reuters, Selasa (12/6/2018), ..." dates the source, not an event
_CITATION_BEFORE = re.compile(
    r"\b(?:dilansir|melansir|dikutip|mengutip|seperti dilaporkan|sebagaimana dilaporkan|"
    r"menurut laporan|diberitakan|seperti diberitakan)\s+(?:dari\s+)?[^,.;]{0,60}?,?\s*"
    r"(?:pada\s+)?(?:hari\s+)?\Z", re.IGNORECASE)
# a date that qualifies a noun, not an event: terms of office, births, editions, seasons
_TERM_BEFORE = re.compile(r"\b(?:periode|masa jabatan|masa bakti|masa tugas|kelahiran|lahir|"
                          r"angkatan|edisi|musim|tahun ajaran)\s+(?:tahun\s+)?\Z", re.IGNORECASE)
# speech cues that name the speaker after them ("kata X", "dikatakan X")
_SPEAKER_AFTER = re.compile(r"^(?:kata|ujar|tutur|ucap|ungkap|imbuh|papar|tandas|dikatakan|"
                            r"diungkapkan|disampaikan)",
                            re.IGNORECASE)
_VERB = re.compile(r"(?:me|di|ber|ter)[a-z]", re.IGNORECASE)
_OBJECT_GAP = re.compile(r"\s+(?:\w+\s+)?\Z")
_RELATIVE_BEFORE = re.compile(r"\byang\s+(?:telah\s+|sudah\s+|akan\s+)?\Z", re.IGNORECASE)
_PURPOSE_BEFORE = re.compile(r"\b(?:untuk|guna|agar|supaya|demi)\s+(?:\w+\s+)?\Z", re.IGNORECASE)
_COORDINATED = re.compile(r"^[^,.;]{0,40}?\bdan\s+(?:juga\s+)?$", re.IGNORECASE)
_LOCATIVE = re.compile(r"\b(?:di|ke|dari|menuju|dalam)\s+(?:wilayah\s+|kota\s+|ibu\s+kota\s+)?$",
                       re.IGNORECASE)
_LOCATION = re.compile(r"\b(?:di|ke)\s+(?:wilayah\s+|kota\s+|ibu\s+kota\s+)?"
                       r"(?P<place>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})")
_TITLE_NAME = re.compile(
    r"\b(?:Presiden|Wakil Presiden|Perdana Menteri|Menteri(?:\s+[A-Z][a-z]+){0,3}|Pemimpin|"
    r"Kanselir|Raja|Ratu|Jenderal|Marsekal|Laksamana|Juru Bicara|Sekretaris(?:\s+[A-Z][a-z]+){0,3}|"
    r"Duta Besar|Kepala(?:\s+[A-Z][a-z]+){0,3})"
    r"(?:\s+(?:Rusia|Korea Utara|Korea Selatan|AS|Amerika Serikat|Ukraina|China|Jepang))?"
    r"\s+(?P<name>[A-Z][a-z]+(?:[-\s][A-Z][a-z]+){1,2})")
_SPACE = re.compile(r"\s+")
_NAME_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Z])")
# an unnamed source is who told it, not who took part ("Sumber yang enggan disebutkan
# identitasnya mengatakan ...")
_ANONYMOUS = re.compile(r"^(?:seorang\s+|salah\s+satu\s+)?sumber\b|\b(?:enggan|tidak\s+mau|tak\s+mau|"
                        r"tidak\s+ingin|tak\s+ingin|menolak)\s+(?:disebut|diidentifikasi)",
                        re.IGNORECASE)
# a sentence whose subject points back: its actors include the previous sentence's
_ANAPHOR = re.compile(r"[\"“]?(?:Itu|Hal itu|Hal tersebut|Ia|Dia|Mereka|Keduanya|Langkah itu|"
                      r"Langkah tersebut|Kesepakatan itu|Kesepakatan tersebut|Pemimpin yang)\b")
# a subject that points back anywhere in the sentence ("Dikutip dari X, serangan tersebut ...",
# "Bahkan di awal tahun keduanya ...")
_ANAPHOR_INSIDE = re.compile(
    r"\b(?:keduanya|kedua negara|kedua pemimpin|(?:serangan|pertemuan|kunjungan|perjanjian|"
    r"latihan|peluncuran|uji coba|pernyataan|langkah|keputusan|invasi|perang|pertempuran)\b"
    r"[^.,;]{0,40}?\b(?:itu|tersebut))\b", re.IGNORECASE)



# ---------------------------------------------------------------- helpers
def _sentences(par: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(par):
        spans.append((start, m.start() + len(m.group(0).rstrip())))
        start = m.end()
    if start < len(par):
        spans.append((start, len(par)))
    return [(s, e) for s, e in spans if par[s:e].strip()]


def _clause_of(sentence: str, offset: int) -> tuple[int, int]:
    """Span (in `sentence`) of the clause containing character `offset`."""
    cuts = [0, *[m.start() for m in _CLAUSE_START.finditer(sentence)], len(sentence)]
    for a, b in zip(cuts, cuts[1:]):
        if a <= offset < b:
            return a, b
    return 0, len(sentence)


def _strongest_trigger(text: str, triggers: Triggers) -> tuple[str, str, int] | None:
    """(event_type, trigger text, position) of the highest-priority trigger in `text`."""
    for label, _prio, pattern in triggers.events:
        m = pattern.search(text)
        if m:
            return label, m.group(0), m.start()
    return None


Hit = tuple  # (start, end, event_type, priority, trigger text), offsets in the sentence


def _hits(text: str, triggers: Triggers, lo: int, hi: int) -> list[Hit]:
    """Every trigger match inside text[lo:hi] (offsets in `text`)."""
    out = []
    for label, prio, pattern in triggers.events:
        for m in pattern.finditer(text, lo, hi):
            out.append((m.start(), m.end(), label, prio, m.group(0)))
    return out


def _distance(hit: Hit, ms: int, me: int) -> float:
    """Characters between a trigger and the date; a trigger before the date (its subject,
    "serangan Israel ... pada Jumat") counts as nearer than one after it."""
    if hit[1] <= ms:
        return (ms - hit[1]) * 0.6
    if hit[0] >= me:
        return float(hit[0] - me)
    return 0.0


def _drop_shadowed(sentence: str, hits: list[Hit]) -> list[Hit]:
    """Hits that are not part of a better one: of two at one start the longer ("memerintahkan
    pasukan" over "memerintahkan"); of two overlapping the higher priority ("izin" inside
    "memberikan izin menggunakan senjata"); a noun right after a verb trigger is its object
    ("meratifikasi perjanjian" is a ratification)."""
    out = []
    for h in hits:
        shadowed = False
        for g in hits:
            if g is h:
                continue
            if g[0] < h[1] and h[0] < g[1]:  # overlap
                if (g[0] == h[0] and g[1] - g[0] > h[1] - h[0]) or \
                        (g[0] != h[0] and g[3] < h[3]):
                    shadowed = True
            elif g[1] <= h[0] and _VERB.match(g[4]) and \
                    _OBJECT_GAP.match(sentence, g[1], h[0]) and h[2] != g[2]:
                shadowed = True
            if shadowed:
                break
        if not shadowed:
            out.append(h)
    return out or hits


def _main_predicates(sentence: str, hits: list[Hit], ms: int, me: int) -> list[Hit]:
    """The predicate(s) a date at [ms, me) dates: a speech verb right after the date ("Gedung
    Putih pada Kamis (4/1/2024) menuding ...") makes a statement; otherwise the nearest
    non-speech trigger (a strike beats its casualties), plus predicates coordinated with it by
    "dan"; a speech verb only when nothing else is there."""
    if not hits:
        return []
    after = sorted((h for h in hits if h[0] >= me), key=lambda h: (h[0], -h[1], h[3]))
    if after and after[0][2] == "statement" and after[0][0] - me <= 25:
        return [after[0]]
    events = [h for h in hits if h[2] != "statement"]
    # "memberikan izin ... untuk serangan ke Rusia": a purpose phrase is no predicate
    # "tentara yang gugur": a relative clause describes a noun, it is no predicate either
    main = [h for h in events if not _PURPOSE_BEFORE.search(sentence, max(0, h[0] - 30), h[0])
            and not _RELATIVE_BEFORE.search(sentence, max(0, h[0] - 20), h[0])]
    if not main and len(events) < len(hits):  # only side-clause triggers: the speech verb
        events = []
    events = _drop_shadowed(sentence, main or events) if (main or events) else []
    if not events:
        speech = [h for h in hits if h[2] == "statement"] or hits
        return [min(speech, key=lambda h: (_distance(h, ms, me), h[3]))]
    best = min(events, key=lambda h: (_distance(h, ms, me), -(h[1] - h[0]), h[3]))
    if best[2] == "casualty":
        strikes = [h for h in events if h[2] == "strike"]
        if strikes:
            best = min(strikes, key=lambda h: _distance(h, ms, me))
    chosen = [best]
    for h in sorted(events, key=lambda h: h[0]):
        if h[0] >= chosen[-1][1] and h[2] not in {c[2] for c in chosen} and \
                _COORDINATED.match(sentence[chosen[-1][1]:h[0]]):
            chosen.append(h)
    return chosen


def certainty_of(sentence: str, triggers: Triggers | None = None) -> str:
    """``hedged`` (diduga, dilaporkan, kabarnya…), ``reported`` (menurut, seperti dilaporkan,
    dikutip dari…) or ``asserted``. "Seperti dilaporkan X" is a report, not a hedge."""
    triggers = triggers or load_triggers()
    without_reports = triggers.reported.sub(" ", sentence)
    if triggers.hedged.search(without_reports):
        return "hedged"
    if len(without_reports) != len(sentence) or triggers.reported.search(sentence):
        return "reported"
    return "asserted"


# capitalised words that are never part of a person's name: places, titles, weekdays, months
_NOT_NAME = frozenset("""korea utara selatan rusia afrika amerika serikat negeri tertinggi
demokratik rakyat republik dewan keamanan menteri luar dalam laut darat udara angkatan staf
kepala presiden wakil perdana pemimpin jenderal senin selasa rabu kamis jumat sabtu minggu
januari februari maret april mei juni juli agustus september oktober november desember
pada dan yang itu ini the of partai militer pasukan kementerian badan dinas uni eropa
bangsa-bangsa perserikatan china jepang ukraina iran israel""".split())


def person_name(raw: str, gaz: Gazetteer) -> str | None:
    """A title-introduced name ("Presiden ... Cyril Ramaphosa") in canonical form, or None
    for fragments: place or title words are trimmed ("Afrika Selatan Cyril" -> no name), a cut
    name ("Kim Jong") resolves to the one known name it begins."""
    tokens = raw.split()
    while tokens and tokens[0].lower() in _NOT_NAME:
        tokens.pop(0)
    while tokens and tokens[-1].lower() in _NOT_NAME:
        tokens.pop()
    if len(tokens) < 2 or any(t.lower() in _NOT_NAME for t in tokens):
        return None
    name = " ".join(tokens)
    if name in gaz.canonical:
        return gaz.canonical[name]
    longer = {gaz.canonical[a] for a in gaz.canonical if a.startswith(name + " ")
              or a.startswith(name + "-")}
    if longer:
        return next(iter(longer)) if len(longer) == 1 else None
    return name


def is_actor_name(name: str, gaz: Gazetteer | None = None) -> bool:
    """Whether `name` is a whole actor name: a registry name, or a person's name that is no
    fragment ("Kim Jong", "Afrika Selatan Cyril", "Tertinggi Korea Utara" are not)."""
    gaz = gaz or load_actors()
    return name in gaz.kind or person_name(name, gaz) == name or group_state(name, gaz) is not None


def _known_names(article: Any, gaz: Gazetteer) -> dict[str, str]:
    """Surname -> full name for people introduced by title anywhere in the article (title,
    caption, paragraphs), so a later bare "Belousov" resolves to "Andrei Belousov"."""
    texts = [getattr(article, "title", None) or "", getattr(article, "caption", None) or "",
             *(getattr(article, "paragraphs", None) or [])]
    names: dict[str, str] = {}
    for t in texts:
        for m in _TITLE_NAME.finditer(t):
            full = person_name(m["name"], gaz)
            if full:
                names.setdefault(full.split()[-1], full)
    return names


def _actors_and_location(sentence: str, gaz: Gazetteer, names: dict[str, str]
                         ) -> tuple[list[str], str | None]:
    actors: list[str] = []
    hosts: list[str] = []
    location = None

    def add(name: str) -> None:
        if name not in actors:
            actors.append(name)

    # a hyphen between two names joins them ("perang Hamas-Israel"): read it as a space
    for m in gaz.pattern.finditer(_NAME_HYPHEN.sub(" ", sentence)):
        name = gaz.canonical[m.group(0)]
        kind = gaz.kind.get(name, "unknown")
        locative = bool(_LOCATIVE.search(sentence, max(0, m.start() - 30), m.start()))
        if kind in ("place", "state") and locative:
            location = location or name
            if kind == "state":  # "tiba di Korea Utara": the host state takes part
                hosts.append(name)
            continue
        if kind == "place":
            if name in gaz.metonym:  # "Moskow dan Pyongyang mengeratkan hubungan"
                add(name)
                add(gaz.metonym[name])
            continue
        group = GROUP_BEFORE.search(sentence, max(0, m.start() - 25), m.start()) \
            if kind == "state" else None
        if group:  # "pasukan Rusia": the armed forces, then their state
            add(f"{group.group(1).lower()} {name}")
        add(name)
    for m in _TITLE_NAME.finditer(sentence):
        full = person_name(m["name"], gaz)
        if full:
            add(full)
    for token in re.findall(r"\b[A-Z][a-z]+\b", sentence):
        full = names.get(token)
        if full and full not in actors and not any(full in a or a in full for a in actors):
            add(full)
    for name in hosts:
        add(name)
    if location is None:
        m = _LOCATION.search(sentence)
        if m:
            location = canonical_actor(m["place"], gaz)
    return actors, location


def _speaker_of(sentence: str, hit: Hit, gaz: Gazetteer, names: dict[str, str]) -> list[str]:
    """The speaker of a statement: the actors named after "kata"/"dikatakan" (passive cue),
    else those of the subject before the speech verb (the nearest last)."""
    if _SPEAKER_AFTER.match(sentence, hit[0]):
        return _actors_and_location(sentence[hit[1]:hit[1] + 120], gaz, names)[0][:2]
    before = _actors_and_location(sentence[:hit[0]], gaz, names)[0]
    return before[:2]


def _records(table: Any, columns: tuple[str, ...]) -> list[tuple]:
    """Rows of `table` (list of dicts or DataFrame) as plain tuples of `columns` (None where a
    column is missing): one pass, no per-row pandas."""
    if table is None:
        return []
    if isinstance(table, pd.DataFrame):
        if not len(table):
            return []
        n = len(table)
        return list(zip(*(table[c].tolist() if c in table else [None] * n for c in columns)))
    try:
        values = itemgetter(*columns)
        return [values(r) for r in table]
    except KeyError:  # rows lacking a column: the slow path
        return [tuple(r.get(c) for c in columns) for r in table]


_QUOTE_FIELDS = ("quote_id", "para_idx", "start", "end", "speaker")


def _quotes_by_paragraph(quotes: list[dict] | pd.DataFrame | None) -> dict[int, list[tuple]]:
    """{para_idx: [(quote_id, speaker, start, end)]} from the quotes rows or table."""
    out: dict[int, list[tuple]] = {}
    for qid, p, start, end, speaker in _records(quotes, _QUOTE_FIELDS):
        p = _para_number(p)
        if p != p or _missing(qid) or _missing(start) or _missing(end):
            continue
        out.setdefault(int(p), []).append(
            (str(qid), "" if _missing(speaker) else str(speaker), int(start), int(end)))
    return out


def _quote_of(quotes: list[tuple], s0: int, s1: int) -> tuple | None:
    """The quote overlapping the sentence [s0, s1) most (None when none does)."""
    best, best_overlap = None, 0
    for q in quotes:
        overlap = min(q[3], s1) - max(q[2], s0)
        if overlap > best_overlap:
            best, best_overlap = q, overlap
    return best


def _missing(v: Any) -> bool:
    """None, NaN, NaT or pd.NA (what ``notna`` rejects) for one scalar."""
    return v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and v != v)


def _para_number(v: Any) -> float:
    """``pd.to_numeric(errors="coerce")`` for one value: a float, NaN when not a number."""
    if _missing(v) or isinstance(v, bool):
        return float("nan") if not isinstance(v, bool) else float(v)
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


_ATTRIBUTION_FIELDS = ("source", "relation", "para_idx", "target")


def _sources_by_paragraph(article: Any, attributions: list[dict] | pd.DataFrame | None
                          ) -> tuple[dict[int, list[str]], list[str]]:
    """({para_idx: sources named for it}, fallback) from the attributions rows or table,
    computed once per article. The fallback is the article-level hops (the Sumber footer), else
    ``article.source``."""
    art_sources = [str(s) for s in (getattr(article, "source", None) or []) if s]
    if attributions is None or not len(attributions):
        return {}, art_sources
    if isinstance(attributions, pd.DataFrame):
        if "source" not in attributions:
            return {}, art_sources
        has_relation = "relation" in attributions
    else:
        if not any("source" in r for r in attributions):
            return {}, art_sources
        has_relation = any("relation" in r for r in attributions)
    by_par: dict[int, list[str]] = {}  # hops about the paragraph itself
    by_quote: dict[int, list[str]] = {}  # hops of quotes in it (used when the former is empty)
    article_level: list[str] = []
    for src, rel, p, tgt in _records(attributions, _ATTRIBUTION_FIELDS):
        if _missing(src) or (has_relation and str(rel) == "not_reported"):
            continue
        src = str(src).strip()
        if not src:
            continue
        p = _para_number(p)
        tgt = str(tgt) if tgt is not None else ""
        if p == p:  # not NaN
            lst = (by_quote if tgt == "quote" else by_par).setdefault(int(p), [])
            if src not in lst:
                lst.append(src)
        elif tgt == "article" and src not in article_level:
            article_level.append(src)
    for p, lst in by_quote.items():
        by_par.setdefault(p, lst)
    return by_par, article_level or art_sources


def _previous_sentence(paragraphs: list, pidx: int, s0: int) -> str:
    """The sentence before the one starting at `s0` of paragraph `pidx` (may be in the
    previous paragraph)."""
    par = paragraphs[pidx]
    before = [par[a:b] for a, b in _sentences(par[:s0])] if s0 else []
    if before:
        return before[-1]
    if pidx > 0 and isinstance(paragraphs[pidx - 1], str):
        spans = _sentences(paragraphs[pidx - 1])
        return paragraphs[pidx - 1][spans[-1][0]:spans[-1][1]] if spans else ""
    return ""


def _one_line(text: str, limit: int = 300) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ts(value: Any) -> pd.Timestamp:
    try:
        return pd.Timestamp(value) if value is not None else pd.NaT
    except (ValueError, TypeError):
        return pd.NaT


# ---------------------------------------------------------------- extraction
_MENTION_FIELDS = ("para_idx", "start", "end", "surface", "value_start", "value_end",
                   "granularity", "flags")
_COMMA_END = re.compile(r",\s*$")


def _dated_by_paragraph(mentions: list[dict] | pd.DataFrame) -> dict[int, list[tuple]]:
    """{para_idx: [mention tuple (``_MENTION_FIELDS``)]} of the mentions that carry a date:
    granularity not ``vague`` and both values known."""
    by_para: dict[int, list[tuple]] = {}
    for rec in _records(mentions, _MENTION_FIELDS):
        if _missing(rec[4]) or _missing(rec[5]):  # "sebelumnya", "no-anchor": no date
            continue
        by_para.setdefault(int(rec[0]), []).append(rec)
    return by_para


def candidate_rows(article: Any, mentions: list[dict] | pd.DataFrame | None = None,
                   attributions: list[dict] | pd.DataFrame | None = None,
                   quotes: list[dict] | pd.DataFrame | None = None
                   ) -> list[dict[str, Any]]:
    """Candidate events of one Article as dicts (keys ``CANDIDATE_COLUMNS``).

    Each dated mention of a body sentence (values known; a citation date such as "Dilansir
    Reuters, Selasa (12/6/2018)" is skipped) dates the main predicate(s) of its clause: a speech
    verb right after the date makes a ``statement`` (the speaker first among the actors), else
    the nearest event trigger, plus predicates coordinated with it, plus the main clause of
    "A ketika B <date>". `mentions` (rows of ``temporal.mention_rows`` or its DataFrame)
    defaults to ``temporal.mention_rows(article)``; sources come from the `attributions` rows
    (``provenance.attribution_rows`` or its DataFrame) of the paragraph, else from
    ``article.source``; `quotes` (``quotes.quote_rows`` or the table), when given, link a
    statement to the quote of its sentence (``quote_id``) and give its speaker.
    """
    if mentions is None:
        mentions = mention_rows(article)
    paragraphs = getattr(article, "paragraphs", None) or []
    if mentions is None or not len(mentions) or not paragraphs:
        return []
    by_para = _dated_by_paragraph(mentions)
    if not by_para:
        return []
    gaz, triggers = load_actors(), load_triggers()
    names: dict[str, str] | None = None  # looked up only once a candidate needs actors
    quoted: dict[int, list[tuple]] | None = None  # quotes by paragraph, read when needed
    sources: tuple[dict[int, list[str]], list[str]] | None = None
    aid = getattr(article, "article_id", "") or ""
    published = _ts(getattr(article, "published", None))
    rows: list[dict[str, Any]] = []
    body = set(body_indices(article))
    for pidx in sorted(by_para):
        if pidx not in body:  # an embed (social post) is no body text: no event
            continue
        par = paragraphs[pidx]
        found = by_para[pidx]
        for s0, s1 in _sentences(par):
            in_sent = [r for r in found if r[1] >= s0 and r[2] <= s1]
            if not in_sent:
                continue
            sentence = par[s0:s1]
            blanked = sentence
            for r in in_sent:  # dates are no triggers ("Minggu", "Sabtu kemarin")
                ms, me = int(r[1]) - s0, int(r[2]) - s0
                blanked = blanked[:ms] + " " * (me - ms) + blanked[me:]
            used_hits: set[int] = set()
            sentence_info: tuple | None = None
            for _p, start, end, surface, v0, v1, gran, flags in in_sent:
                ms, me = int(start) - s0, int(end) - s0
                if _TERM_BEFORE.search(sentence, max(0, ms - 40), ms):
                    continue  # "Ketua Umum periode 2016-2019": a term of office, no event date
                if _CITATION_BEFORE.search(sentence, 0, ms):
                    continue  # "Dilansir Reuters, Selasa (12/6/2018), ..." dates the report
                before = sentence[max(0, ms - 60):ms]
                if triggers.reported.search(before) and _COMMA_END.search(before):
                    continue  # "Seperti dilaporkan KCNA, Sabtu (30/11/2024), ..." dates the report
                clause = _clause_of(sentence, ms)
                hits = _hits(blanked, triggers, *clause) or _hits(blanked, triggers, 0, len(blanked))
                chosen = _main_predicates(blanked, hits, ms, me)
                if clause[0] > 0 and _WHEN_CLAUSE.match(sentence, clause[0]):
                    main = _clause_of(sentence, clause[0] - 1)  # "A ketika B <date>": A too
                    main_hits = _hits(blanked, triggers, *main)
                    chosen += _main_predicates(blanked, main_hits, main[1], main[1])[:1]
                chosen = [h for h in chosen if h[0] not in used_hits]
                if not chosen:
                    continue
                if sentence_info is None:
                    if names is None:
                        names = _known_names(article, gaz)
                    actors, location = _actors_and_location(sentence, gaz, names)
                    if _ANAPHOR.match(sentence) or _ANAPHOR_INSIDE.search(sentence):
                        prev = _previous_sentence(paragraphs, pidx, s0)
                        for a in _actors_and_location(prev, gaz, names)[0] if prev else []:
                            if a not in actors:
                                actors.append(a)
                    speech = any(h[2] == "statement" for h in
                                 _hits(blanked, triggers, 0, len(blanked)))
                    sentence_info = (actors, location, _one_line(sentence),
                                     certainty_of(sentence, triggers), speech)
                if sources is None:
                    sources = _sources_by_paragraph(article, attributions)
                by_par, fallback_sources = sources
                actors, location, summary, certainty, speech = sentence_info
                for k, hit in enumerate(chosen):
                    used_hits.add(hit[0])
                    etype = hit[2]
                    ev_actors = list(actors)
                    ev_certainty = certainty
                    quote_id = None
                    if etype == "statement":
                        speaker = _speaker_of(sentence, hit, gaz, names)
                        if quoted is None:
                            quoted = _quotes_by_paragraph(quotes)
                        quote = _quote_of(quoted.get(pidx, []), s0, s1)
                        if quote is not None:
                            quote_id = quote[0]
                            if quote[1] and not _ANONYMOUS.search(str(quote[1])):
                                who = canonical_actor(quote[1], gaz)
                                speaker = [who] + [a for a in speaker if a != who]
                        ev_actors = speaker + [a for a in ev_actors if a not in speaker]
                    elif speech and certainty == "asserted":
                        ev_certainty = "reported"  # told by the sentence's speaker
                    rows.append({
                        "event_id": f"{aid}:{pidx}:{s0 + clause[0]}" + (f":{k}" if k else ""),
                        "date_start": v0, "date_end": v1, "granularity": gran,
                        "event_type": etype, "actors": ev_actors, "location": location,
                        "summary": summary, "evidence": [f"{aid}:{pidx}"],
                        "sources": list(by_par.get(pidx) or fallback_sources),
                        "n_articles": 1, "first_reported": published, "certainty": ev_certainty,
                        "since": "since" in as_list(flags),
                        "quote_ids": [quote_id] if quote_id else [],
                        "article_id": aid, "para_idx": pidx, "published": published,
                        "trigger": hit[4], "mention": surface,
                        "mention_flags": [str(f) for f in as_list(flags)],
                    })
    return rows


def candidates_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """`candidate_rows` output (of one or many articles) -> the candidates DataFrame
    (``CANDIDATE_COLUMNS``; with no rows, empty object columns and datetime64 dates)."""
    if not rows:
        return _EMPTY_CANDIDATES.copy()
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


def extract_events(article: Any, mentions: list[dict] | pd.DataFrame | None = None,
                   attributions: list[dict] | pd.DataFrame | None = None,
                   quotes: list[dict] | pd.DataFrame | None = None) -> pd.DataFrame:
    """Candidate events of one Article as a DataFrame (columns ``CANDIDATE_COLUMNS``): see
    `candidate_rows`. `mentions` defaults to ``temporal.mentions_table(article)``."""
    return candidates_frame(candidate_rows(article, mentions, attributions, quotes))


def _empty_candidates() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in CANDIDATE_COLUMNS})
    for c in ("date_start", "date_end"):
        df[c] = pd.Series(dtype="datetime64[ns]")
    return df


_EMPTY_CANDIDATES = _empty_candidates()  # built once: constructing it costs milliseconds



__all__ = ["candidate_rows", "candidates_frame", "extract_events", "certainty_of", "person_name",
           "is_actor_name"]
