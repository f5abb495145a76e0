"""Events: dated sentences with a trigger, merged across articles, checked against a chronology.

- ``candidate_rows(article, mentions, attributions=None) -> list[dict]`` (the corpus build's
  per-article path; mentions/attributions as rows or DataFrames) and its DataFrame wrapper
  ``extract_events(article, mentions, attributions=None) -> DataFrame``: candidate events, one
  per sentence clause that carries a dated mention (from ``mentions_table``) and an event
  trigger (``data/event_triggers.csv``). Columns: the ``events`` table's (``event_id``,
  ``date_start``, ``date_end``, ``granularity``, ``event_type``, ``actors``, ``location``,
  ``summary``, ``evidence``, ``sources``, ``n_articles``, ``first_reported``, ``certainty``) plus
  ``article_id``, ``para_idx``, ``published``, ``trigger``, ``mention``, ``mention_flags``.
- ``merge_events(candidates) -> DataFrame``: the ``events`` table. Candidates of the same type
  whose date spans overlap and which share an actor become one event (ACLED-style); every
  evidence link is kept, ``granularity`` and dates come from the finest member.
- ``load_reference(path=None)`` and ``coverage(events, reference)``: which milestones of a
  reference chronology the corpus covers.

Lexicons are data: ``data/actors.csv`` (gazetteer: people, states, organisations, places with
aliases; a place may stand for a state as a metonym) and ``data/event_triggers.csv`` (regex
fragments per event type and certainty cue). Extend them by passing extra CSV paths to
`load_actors`/`load_triggers` or by setting ``KOMPASKIT_ACTORS`` / ``KOMPASKIT_EVENT_TRIGGERS``.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

from .article import KompasParseError
from .temporal import body_indices, mention_rows

DATA = Path(__file__).resolve().parent / "data"
REFERENCE_CSV = DATA / "reference" / "russia-dprk-chronology.csv"
EVENT_COLUMNS = ["event_id", "date_start", "date_end", "granularity", "event_type", "actors",
                 "location", "summary", "evidence", "sources", "n_articles", "first_reported",
                 "certainty"]
CANDIDATE_COLUMNS = [*EVENT_COLUMNS, "article_id", "para_idx", "published", "trigger", "mention",
                     "mention_flags"]
COVERAGE_COLUMNS = ["milestone", "date", "granularity", "event_type", "actors", "location",
                    "summary", "status", "matched_events", "articles", "evidence", "n_articles"]

# finest first: the order used to pick the granularity of a merged event
GRANULARITY_RANK = {"datetime": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "year": 5,
                    "decade": 6, "vague": 7}
# event types a reference milestone accepts besides its own
COMPATIBLE_TYPES = {
    "meeting": {"meeting", "visit"}, "visit": {"visit", "meeting"},
    "agreement": {"agreement", "ratification"}, "ratification": {"ratification", "agreement"},
    "strike": {"strike", "casualty"}, "launch": {"launch", "exercise"},
}
# types that name one happening in different words (a summit reported as a visit)
MERGE_FAMILY = {"visit": "meeting"}
CERTAINTY_RANK = {"asserted": 0, "reported": 1, "hedged": 2}

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
# speech cues that name the speaker after them ("kata X", "dikatakan X")
_SPEAKER_AFTER = re.compile(r"^(?:kata|ujar|tutur|ucap|dikatakan|diungkapkan|disampaikan)",
                            re.IGNORECASE)
_VERB = re.compile(r"(?:me|di|ber|ter)[a-z]", re.IGNORECASE)
_OBJECT_GAP = re.compile(r"\s+(?:\w+\s+)?\Z")
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
# a sentence whose subject points back: its actors include the previous sentence's
_ANAPHOR = re.compile(r"[\"“]?(?:Itu|Hal itu|Hal tersebut|Ia|Dia|Mereka|Keduanya|Langkah itu|"
                      r"Langkah tersebut|Kesepakatan itu|Kesepakatan tersebut|Pemimpin yang)\b")
# a subject that points back anywhere in the sentence ("Dikutip dari X, serangan tersebut ...",
# "Bahkan di awal tahun keduanya ...")
_ANAPHOR_INSIDE = re.compile(
    r"\b(?:keduanya|kedua negara|kedua pemimpin|(?:serangan|pertemuan|kunjungan|perjanjian|"
    r"latihan|peluncuran|uji coba|pernyataan|langkah|keputusan|invasi|perang|pertempuran)\b"
    r"[^.,;]{0,40}?\b(?:itu|tersebut))\b", re.IGNORECASE)


# ---------------------------------------------------------------- lexicons
def _csv_paths(env: str, shipped: Path, extra: Iterable[str | os.PathLike] | None) -> list[Path]:
    paths = [shipped]
    if os.environ.get(env):
        paths += [Path(p) for p in os.environ[env].split(os.pathsep) if p]
    paths += [Path(p) for p in (extra or [])]
    return paths


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise KompasParseError(f"cannot read lexicon {path}: {exc}", stage="read") from exc


@dataclass(frozen=True)
class Gazetteer:
    """Alias lookup: ``canonical[alias]``, ``kind[canonical]`` (person | state | organisation |
    place), ``country[canonical]`` (ISO code), ``metonym[canonical place]`` (state it stands for),
    ``pattern`` (one regex over every alias, longest first)."""

    canonical: dict[str, str]
    kind: dict[str, str]
    country: dict[str, str]
    metonym: dict[str, str]
    state_of_country: dict[str, str]
    pattern: re.Pattern[str]


def load_actors(extra: Iterable[str | os.PathLike] | None = None) -> Gazetteer:
    """The actor gazetteer: shipped ``data/actors.csv`` + $KOMPASKIT_ACTORS + `extra` CSVs
    (columns ``actor,type,country,aliases,metonym_for``; aliases separated by ``;``)."""
    return _load_actors(tuple(str(p) for p in (extra or [])), os.environ.get("KOMPASKIT_ACTORS", ""))


@lru_cache(maxsize=8)
def _load_actors(extra: tuple[str, ...], _env: str) -> Gazetteer:
    frames = [_read_csv(p) for p in _csv_paths("KOMPASKIT_ACTORS", DATA / "actors.csv", extra)]
    table = pd.concat(frames, ignore_index=True)
    canonical: dict[str, str] = {}
    kind: dict[str, str] = {}
    country: dict[str, str] = {}
    metonym: dict[str, str] = {}
    state_of_country: dict[str, str] = {}
    for row in table.itertuples(index=False):
        name = str(getattr(row, "actor", "")).strip()
        if not name:
            continue
        kind[name] = str(getattr(row, "type", "") or "unknown").strip()
        country[name] = str(getattr(row, "country", "") or "").strip()
        if getattr(row, "metonym_for", ""):
            metonym[name] = str(row.metonym_for).strip()
        if kind[name] == "state" and country[name]:
            state_of_country[country[name]] = name
        for alias in [name, *str(getattr(row, "aliases", "") or "").split(";")]:
            alias = alias.strip()
            if alias:
                canonical[alias] = name
    aliases = sorted(canonical, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])")
    return Gazetteer(canonical, kind, country, metonym, state_of_country, pattern)


@dataclass(frozen=True)
class Triggers:
    """Event-type regexes in priority order and the certainty cue regexes."""

    events: tuple[tuple[str, int, re.Pattern[str]], ...]
    reported: re.Pattern[str]
    hedged: re.Pattern[str]


def load_triggers(extra: Iterable[str | os.PathLike] | None = None) -> Triggers:
    """Trigger lexicon: shipped ``data/event_triggers.csv`` + $KOMPASKIT_EVENT_TRIGGERS + `extra`
    (columns ``kind`` (event | certainty), ``label``, ``priority``, ``pattern``)."""
    return _load_triggers(tuple(str(p) for p in (extra or [])),
                          os.environ.get("KOMPASKIT_EVENT_TRIGGERS", ""))


@lru_cache(maxsize=8)
def _load_triggers(extra: tuple[str, ...], _env: str) -> Triggers:
    frames = [_read_csv(p) for p in
              _csv_paths("KOMPASKIT_EVENT_TRIGGERS", DATA / "event_triggers.csv", extra)]
    table = pd.concat(frames, ignore_index=True)
    by_label: dict[tuple[str, str], list[str]] = {}
    prio: dict[str, int] = {}
    for row in table.itertuples(index=False):
        key = (row.kind.strip(), row.label.strip())
        by_label.setdefault(key, []).append(row.pattern.strip())
        if key[0] == "event":
            try:
                p = int(row.priority)
            except ValueError:
                p = 80
            prio[key[1]] = min(prio.get(key[1], p), p)

    def compile_(parts: list[str]) -> re.Pattern[str]:
        # "serangannya", "katanya": a clitic may follow any trigger
        return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in parts if p) +
                          r")(?:nya|lah)?\b", re.IGNORECASE)

    events = tuple(sorted(((label, prio[label], compile_(parts))
                           for (kind, label), parts in by_label.items() if kind == "event"),
                          key=lambda t: t[1]))
    never = re.compile(r"(?!x)x")
    return Triggers(events,
                    compile_(by_label.get(("certainty", "reported"), [])) if
                    by_label.get(("certainty", "reported")) else never,
                    compile_(by_label.get(("certainty", "hedged"), [])) if
                    by_label.get(("certainty", "hedged")) else never)


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
    main = [h for h in events if not _PURPOSE_BEFORE.search(sentence, max(0, h[0] - 30), h[0])]
    events = _drop_shadowed(sentence, main or events)
    if not events:
        return [min(hits, key=lambda h: (_distance(h, ms, me), h[3]))]
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


def _person_name(raw: str, gaz: Gazetteer) -> str | None:
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


def _known_names(article: Any, gaz: Gazetteer) -> dict[str, str]:
    """Surname -> full name for people introduced by title anywhere in the article (title,
    caption, paragraphs), so a later bare "Belousov" resolves to "Andrei Belousov"."""
    texts = [getattr(article, "title", None) or "", getattr(article, "caption", None) or "",
             *(getattr(article, "paragraphs", None) or [])]
    names: dict[str, str] = {}
    for t in texts:
        for m in _TITLE_NAME.finditer(t):
            full = _person_name(m["name"], gaz)
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
        add(name)
    for m in _TITLE_NAME.finditer(sentence):
        full = _person_name(m["name"], gaz)
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
            location = gaz.canonical.get(m["place"], m["place"])
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
                   attributions: list[dict] | pd.DataFrame | None = None
                   ) -> list[dict[str, Any]]:
    """Candidate events of one Article as dicts (keys ``CANDIDATE_COLUMNS``).

    A clause with a dated mention (granularity not ``vague``, value known) and an event trigger
    yields one candidate: the strongest trigger of that clause (else of the sentence) gives the
    type; a mention right after a report cue ("Seperti dilaporkan KCNA, Sabtu (30/11/2024)")
    dates the report, not the event, and is skipped. `mentions` (rows of
    ``temporal.mention_rows`` or its DataFrame) defaults to ``temporal.mention_rows(article)``;
    sources come from the `attributions` rows (``provenance.attribution_rows`` or its DataFrame)
    of the paragraph, else from ``article.source``.
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
                    if etype == "statement":
                        speaker = _speaker_of(sentence, hit, gaz, names)
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
                        "article_id": aid, "para_idx": pidx, "published": published,
                        "trigger": hit[4], "mention": surface,
                        "mention_flags": [str(f) for f in _as_list(flags)],
                    })
    return rows


def candidates_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """`candidate_rows` output (of one or many articles) -> the candidates DataFrame
    (``CANDIDATE_COLUMNS``; with no rows, empty object columns and datetime64 dates)."""
    if not rows:
        return _EMPTY_CANDIDATES.copy()
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


def extract_events(article: Any, mentions: list[dict] | pd.DataFrame | None = None,
                   attributions: list[dict] | pd.DataFrame | None = None) -> pd.DataFrame:
    """Candidate events of one Article as a DataFrame (columns ``CANDIDATE_COLUMNS``): see
    `candidate_rows`. `mentions` defaults to ``temporal.mentions_table(article)``."""
    return candidates_frame(candidate_rows(article, mentions, attributions))


def _empty_candidates() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in CANDIDATE_COLUMNS})
    for c in ("date_start", "date_end"):
        df[c] = pd.Series(dtype="datetime64[ns]")
    return df


_EMPTY_CANDIDATES = _empty_candidates()  # built once: constructing it costs milliseconds


# ---------------------------------------------------------------- merging
def _as_list(v: Any) -> list:
    if v is None or (isinstance(v, float) and v != v):
        return []
    if isinstance(v, str):
        return [v]
    return list(v)


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
    actor_lists = [sorted(_expanded(_as_list(a), gaz)) if t != "statement"
                   else [gaz.canonical.get(str(_as_list(a)[0]), str(_as_list(a)[0]))]
                   if _as_list(a) else [] for a, t in zip(c["actors"], types)]
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
    evidence_l = [_as_list(v) for v in c["evidence"]]
    sources_l = [_as_list(v) for v in c["sources"]] if "sources" in c else [[]] * n
    aids = (c["article_id"].astype(str).tolist() if "article_id" in c
            else [str(ev[0]).rpartition(":")[0] if ev else "" for ev in evidence_l])
    locs = c["location"].tolist() if "location" in c else [None] * n
    certs = c["certainty"].astype(str).tolist() if "certainty" in c else ["asserted"] * n
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
            actors.update(dict.fromkeys(_as_list(c["actors"].iat[i])))
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
            "members": member_ids,
        })
    out = pd.DataFrame(rows, columns=[*EVENT_COLUMNS, "members"])
    out["date_start"] = pd.to_datetime(out["date_start"])
    out["date_end"] = pd.to_datetime(out["date_end"])
    return out.sort_values(["date_start", "event_type"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- reference chronology
def load_reference(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The reference chronology (default: the shipped Russia–DPRK one; $KOMPASKIT_REFERENCE
    overrides). Columns of the CSV (``date, granularity, event_type, actors, location, summary,
    reported_by``) plus ``milestone`` (row id), ``date_start``, ``date_end`` (naive,
    end exclusive), ``actor_list`` and ``reported_by_list`` (lists)."""
    if path is None:
        # the project's data/reference/ copy is the one researchers edit; the package copy
        # keeps an installed kit working outside a checkout
        from .settings import project_root

        root = project_root()
        local = root / "data" / "reference" / REFERENCE_CSV.name if root else None
        path = os.environ.get("KOMPASKIT_REFERENCE") or (
            local if local is not None and local.exists() else REFERENCE_CSV)
    df = _read_csv(Path(path))
    missing = {"date", "event_type", "actors"} - set(df.columns)
    if missing:
        raise KompasParseError(f"reference chronology {path} lacks columns {sorted(missing)}",
                               stage="read")
    for col in ("granularity", "location", "summary", "reported_by"):
        if col not in df:
            df[col] = ""
    spans = [_reference_span(d, g) for d, g in zip(df["date"], df["granularity"])]
    df["date_start"] = pd.to_datetime([s for s, _ in spans])
    df["date_end"] = pd.to_datetime([e for _, e in spans])
    df["granularity"] = [g or ("day" if len(str(d)) == 10 else "month" if len(str(d)) == 7
                               else "year") for d, g in zip(df["date"], df["granularity"])]
    df["actor_list"] = [[a.strip() for a in str(v).split(";") if a.strip()] for v in df["actors"]]
    df["reported_by_list"] = [[a.strip() for a in str(v).split(";") if a.strip()]
                              for v in df["reported_by"]]
    df.insert(0, "milestone", [f"{d} {t}" for d, t in zip(df["date"], df["event_type"])])
    return df


def _reference_span(date_text: str, granularity: str) -> tuple[Any, Any]:
    text = str(date_text).strip()
    try:
        if granularity == "year" or re.fullmatch(r"\d{4}", text):
            p = pd.Period(text[:4], "Y")
        elif granularity == "month" or re.fullmatch(r"\d{4}-\d{2}", text):
            p = pd.Period(text[:7], "M")
        else:
            p = pd.Period(text[:10], "D")
    except (ValueError, TypeError):
        return pd.NaT, pd.NaT
    return p.start_time, (p + 1).start_time


def _expanded(actors: Iterable[str], gaz: Gazetteer) -> set[str]:
    """Actors in canonical form plus the state each belongs to (Kim Jong-un -> Korea Utara)."""
    out: set[str] = set()
    for a in actors:
        name = gaz.canonical.get(a, a)
        out.add(name)
        if name in gaz.metonym:
            out.add(gaz.metonym[name])
        state = gaz.state_of_country.get(gaz.country.get(name, ""))
        if state and gaz.kind.get(name) in ("person", "state", "place"):
            out.add(state)
    return out


def coverage(events: pd.DataFrame, reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per reference milestone (``COVERAGE_COLUMNS``): the corpus events of the same
    or a compatible type (meeting~visit, agreement~ratification, strike~casualty) whose dates
    overlap the milestone and which share an actor (people count for their state too), the
    articles and evidence behind them, and ``status`` covered | not covered."""
    reference = load_reference() if reference is None else reference
    if "date_start" not in reference:
        reference = reference.copy()
        spans = [_reference_span(d, g) for d, g in
                 zip(reference["date"], reference.get("granularity", [""] * len(reference)))]
        reference["date_start"] = pd.to_datetime([s for s, _ in spans])
        reference["date_end"] = pd.to_datetime([e for _, e in spans])
    if "actor_list" not in reference:
        reference = reference.copy()
        reference["actor_list"] = [[a.strip() for a in str(v).split(";") if a.strip()]
                                   for v in reference["actors"]]
    gaz = load_actors()
    ev = events if events is not None else pd.DataFrame(columns=EVENT_COLUMNS)
    ev_start = pd.to_datetime(ev["date_start"], errors="coerce") if len(ev) else pd.Series([])
    ev_end = pd.to_datetime(ev["date_end"], errors="coerce") if len(ev) else pd.Series([])
    ev_actors = [_expanded(_as_list(a), gaz) for a in ev["actors"]] if len(ev) else []
    rows = []
    for r in reference.itertuples(index=False):
        wanted_types = COMPATIBLE_TYPES.get(r.event_type, {r.event_type})
        ref_actors = _expanded(r.actor_list, gaz)
        matched, articles, evidence = [], [], []
        if len(ev) and not pd.isna(r.date_start):
            mask = (ev["event_type"].isin(wanted_types) & (ev_start < r.date_end)
                    & (ev_end > r.date_start)).to_numpy()
            for i in np.flatnonzero(mask):
                if ref_actors & ev_actors[i]:
                    matched.append(ev["event_id"].iloc[i])
                    for ref in _as_list(ev["evidence"].iloc[i]):
                        if ref not in evidence:
                            evidence.append(ref)
                        aid = ref.rpartition(":")[0]
                        if aid not in articles:
                            articles.append(aid)
        rows.append({
            "milestone": getattr(r, "milestone", f"{r.date} {r.event_type}"), "date": r.date,
            "granularity": getattr(r, "granularity", ""), "event_type": r.event_type,
            "actors": r.actor_list, "location": getattr(r, "location", ""),
            "summary": getattr(r, "summary", ""),
            "status": "covered" if matched else "not covered", "matched_events": matched,
            "articles": articles, "evidence": evidence, "n_articles": len(articles),
        })
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


__all__ = ["extract_events", "candidate_rows", "candidates_frame", "merge_events", "load_reference",
           "coverage", "load_actors", "load_triggers", "certainty_of", "EVENT_COLUMNS",
           "CANDIDATE_COLUMNS", "COVERAGE_COLUMNS"]
