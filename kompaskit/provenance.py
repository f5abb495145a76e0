"""Provenance: where every claim, quote and photo in an article comes from.

Three parts:

* the **source registry** (``kompaskit/data/sources.csv``, user-extendable): `sources_table`,
  `resolve_source`;
* **attribution hops** (`attribution_rows`, one dict per hop; `attribute`, the same as a
  DataFrame): the ``attributions`` table of ``../shared/spec/tables.md``;
* the **outlet graph** (`graph`): citing outlet -> cited source, weighted by claims.

Hop order ("hop 0 nearest to the reader")
-----------------------------------------
A chain is read from the Kompas page backwards. Hop 0 is the outlet Kompas names as its direct
source, hop 1 the source *that* outlet cites, and so on:

* ``Sumber : Voice of America`` -> VOA hop 0 (target ``article``, relation ``sumber``);
* ``..., ucap Kim Jong-un dikutip dari Voice of America`` with the quote's speaker -> VOA hop 0
  (``dikutip_dari``), Kim Jong-un hop 1 (``said``) (target ``quote``);
* ``dilaporkan Reuters mengutip KCNA`` -> Reuters hop 0 (``dilaporkan``), KCNA hop 1 (``mengutip``);
* photo credit ``Korean Central News Agency/Korea News Service via AP`` is printed origin first
  (``Article.photo_credit`` keeps that order): AP delivered the picture to Kompas, so AP is hop 0,
  Korea News Service hop 1 and KCNA hop 2. Sorting a chain by descending hop gives the flow from
  origin to reader: KCNA -> Korea News Service -> AP.

A paragraph's own cues form chains starting at hop 0 (the article footer is not repeated on them:
it is the article-level hop). Several sources named side by side (``Reuters dan AFP``) share a hop.
Body paragraphs without any cue inherit the footer (relation ``inherited``), or, when the article
has no footer, the Kompas outlet itself, so every body paragraph has at least one hop.
The extra column ``chain`` numbers the chains of one target, so hops can be linked into edges.

Attribution cues (``kompaskit/data/attribution_cues.csv``, user-extendable)
-------------------------------------------------------------------------
The words that introduce a source, and the word lists that delimit one, are data: one row per
cue, with columns

* ``cue``: a word or phrase, matched case-insensitively as whole words with any whitespace
  between them. In the ``pre``, ``post``, ``negator``, ``kepada`` and ``continuation`` positions
  ``[a|b]`` marks an optional choice and ``(a|b)`` a required one, e.g.
  ``[seperti|sebagaimana] [yang] dikutip [dari|oleh]`` (no nesting); the other positions take
  plain text.
* ``position``: what the cue does --
  ``pre``: cue then source (``menurut Reuters``, ``dilansir dari AP``);
  ``post``: source then verb (``Yonhap melaporkan``);
  ``negator`` and ``negation``: source, negator, verb (``KCNA tak menyebut``), relation
  ``not_reported``; a negation cue is one verb, also matched with one typo;
  ``kepada``: speech verb ... ``kepada`` outlet (``kata Peskov kepada TASS``), relation ``kepada``;
  ``continuation``: a further source in the same chain (``Reuters, mengutip KCNA``); relation
  ``via`` puts the new source one hop *nearer* the reader, any other relation one hop further;
  ``not_source``: phrases that are never a source (``wartawan`` in ``kepada wartawan``);
  ``pronoun``: pronouns and anaphors, never a source themselves (``menurut dia``);
  ``terminator``: words a source mention after a cue stops at (``Reuters pada Senin``), matched
  case-sensitively (a capitalised word may start a name); the first word of every continuation
  cue is one too;
  ``generic_head``: lower-case words that may open an unregistered source
  (``seorang pejabat AS``);
  ``media_word``: words that make an unregistered mention after ``kepada`` a medium.
* ``relation``: the ``relation`` written on the hop; required for pre, post and continuation.
* ``notes``: free text (examples), ignored by the code.

Add cues with your own CSV of the same columns, passed as ``attribute(..., cues_csv=path)`` or
listed in ``$KOMPASKIT_ATTRIBUTION_CUES`` (several paths separated by ``os.pathsep``). A row
with the same cue and position as a shipped one replaces it (to rename its relation); new rows
are tried after the shipped ones. `cues_table` shows the lexicon in use; call `reload_cues`
after editing a CSV in a running session.
"""
from __future__ import annotations

import functools
import operator
import os
import re
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .article import Article

SOURCES_CSV = Path(__file__).with_name("data") / "sources.csv"
SOURCES_ENV = "KOMPASKIT_SOURCES"
SOURCE_COLUMNS = ["source", "aliases", "type", "country", "notes"]
ATTRIBUTION_COLUMNS = ["article_id", "target", "target_id", "hop", "source", "source_mention",
                       "relation", "para_idx", "evidence", "rule", "source_type", "source_country",
                       "chain"]
UNKNOWN = "unknown"
_OWN_OUTLET = "own reporting (outlet not in registry)"
# source types that are media (an outlet a person can talk "kepada")
MEDIA_TYPES = frozenset({"wire", "state_media", "public_broadcaster", "newspaper", "tv", "online",
                         "kompas"})
# site of an article -> the registry name of the outlet that publishes it
SITE_OUTLETS = {"kompas.tv": "Kompas TV", "kompas.com": "Kompas.com", "kompas.id": "Kompas.id"}

_WS = re.compile(r"\s+")
_ALIAS_SPLIT = re.compile(r"\s*\|\s*")


# --------------------------------------------------------------------------- registry

def _norm(s: str) -> str:
    """Lookup key: casefolded, single spaces, typographic dashes/quotes made plain."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return _WS.sub(" ", s).strip().casefold()


def _read_sources_csv(path: str | os.PathLike) -> pd.DataFrame:
    """One registry CSV (columns source, aliases, type, country, notes) -> DataFrame, aliases as lists."""
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        from .article import KompasParseError

        raise KompasParseError(f"source registry {path} is not a readable CSV: {exc}", stage="read")
    missing = [c for c in ("source", "type") if c not in df.columns]
    if missing:
        from .article import KompasParseError

        raise KompasParseError(f"source registry {path} lacks columns {missing}", stage="read")
    for col in SOURCE_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    df = df[SOURCE_COLUMNS].copy()
    df["source"] = df["source"].str.strip()
    df = df[df["source"] != ""]
    df["aliases"] = [[a for a in _ALIAS_SPLIT.split(s.strip()) if a] for s in df["aliases"]]
    df["type"] = df["type"].str.strip().str.lower().replace("", UNKNOWN)
    df["country"] = df["country"].str.strip().str.upper()
    return df


def _extra_paths(extra_csv: str | os.PathLike | None) -> tuple[str, ...]:
    paths = [p for p in os.environ.get(SOURCES_ENV, "").split(os.pathsep) if p.strip()]
    if extra_csv is not None:
        paths.append(os.fspath(extra_csv))
    return tuple(paths)


@functools.lru_cache(maxsize=8)
def _registry(extra: tuple[str, ...]) -> tuple[pd.DataFrame, dict[str, int], re.Pattern]:
    frames = [_read_sources_csv(SOURCES_CSV), *(_read_sources_csv(p) for p in extra)]
    df = pd.concat(frames, ignore_index=True)
    # a user entry with the same canonical name replaces the shipped one
    df = df.drop_duplicates("source", keep="last").reset_index(drop=True)
    lookup: dict[str, int] = {}
    for i, (name, aliases) in enumerate(zip(df["source"], df["aliases"])):
        for alias in (name, *aliases):
            lookup[_norm(alias)] = i  # later (user) entries win on a clash
    surface = sorted({a for n, al in zip(df["source"], df["aliases"]) for a in (n, *al)},
                     key=len, reverse=True)
    alts = []
    for alias in surface:
        body = re.escape(alias).replace(r"\ ", r"\s+")
        # one-word aliases are case-sensitive (Antara/antara, Detik/detik, AP/ap), phrases are not
        alts.append(body if " " not in alias else f"(?i:{body})")
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")
    return df, lookup, pattern


def sources_table(extra_csv: str | os.PathLike | None = None) -> pd.DataFrame:
    """The ``sources`` table: shipped registry plus `extra_csv` and $KOMPASKIT_SOURCES files.

    Extra CSVs have the same columns (``aliases`` separated by ``|``); an entry whose canonical
    ``source`` already exists replaces it. Returns columns source, aliases (list), type, country, notes.
    """
    df, _, _ = _registry(_extra_paths(extra_csv))
    out = df.copy()
    out["aliases"] = [list(a) for a in out["aliases"]]
    return out


@functools.lru_cache(maxsize=65536)
def _resolve(mention: str, extra: tuple[str, ...]) -> tuple[str, str, str]:
    df, lookup, pattern = _registry(extra)
    text = _WS.sub(" ", mention).strip(" ,.;:()\"'“”")
    i = lookup.get(_norm(text))
    if i is None:
        hits = list(pattern.finditer(text))
        if hits:  # Indonesian apposition puts the head last: "juru bicara Kremlin Dmitry Peskov"
            i = lookup.get(_norm(hits[-1].group(0)))
    if i is None:
        generic = _generic_institution(text)
        return (text, *generic) if generic else (text, UNKNOWN, "")
    return df.at[i, "source"], df.at[i, "type"], df.at[i, "country"]


MIN_PREFIX = 4  # letters of a cut name (`Sumber : Asso`) that may stand for a registry entry


def _unique_prefix(text: str, lookup: dict[str, int]) -> int | None:
    """Registry index of the one entry some alias of which starts with `text` (a footer cut off
    mid-name), or None when the prefix is short or ambiguous."""
    key = _norm(text)
    if sum(ch.isalpha() for ch in key) < MIN_PREFIX or " " in key.strip():
        return None
    found = {i for alias, i in lookup.items() if alias.startswith(key)}
    return found.pop() if len(found) == 1 else None


# `media pemerintah Korea Utara`, `pasukan khusus Ukraina`: unregistered institutions typed by their head
_INSTITUTION_HEADS = (
    (re.compile(r"(?i)^(?:media|kantor\s+berita|televisi|stasiun\s+televisi)\s+(?:pemerintah|negara|resmi)\b"), "state_media"),
    (re.compile(r"(?i)^(?:militer|pasukan|tentara|angkatan\s+(?:darat|laut|udara|bersenjata))\b"), "military"),
    (re.compile(r"(?i)^(?:(?:badan|dinas)\s+)?intelijen\b"), "intelligence"),
    (re.compile(r"(?i)^(?:kementerian|pemerintah|kantor\s+kepresidenan|istana)\b"), "government"),
    (re.compile(r"(?i)^media\b"), "media"),
)


@functools.lru_cache(maxsize=1)
def _state_countries() -> tuple[tuple[re.Pattern, str], ...]:
    """(word-bounded pattern of a state's names, ISO code) from the shipped actors lexicon."""
    path = Path(__file__).with_name("data") / "actors.csv"
    out = []
    try:
        frame = pd.read_csv(path, dtype=str).fillna("")
    except (OSError, ValueError):
        return ()
    for row in frame.itertuples():
        if row.type != "state" or not row.country:
            continue
        names = [row.actor, *[a for a in re.split(r"[;|]", row.aliases) if a.strip()]]
        body = "|".join(re.escape(n.strip()) for n in sorted(names, key=len, reverse=True))
        out.append((re.compile(rf"(?i)(?<![\w-])(?:{body})(?![\w-])"), row.country))
    return tuple(out)


def _generic_institution(text: str) -> tuple[str, str] | None:
    """(type, ISO country or '') of an unregistered institution named by a common head, else None."""
    kind = next((k for pattern, k in _INSTITUTION_HEADS if pattern.match(text)), None)
    if kind is None:
        return None
    country = next((iso for pattern, iso in _state_countries() if pattern.search(text)), "")
    return kind, country


def reload_sources() -> None:
    """Forget the cached registry (after editing a sources CSV in a running session)."""
    _registry.cache_clear()
    _resolve.cache_clear()


def resolve_source(mention: str, extra_csv: str | os.PathLike | None = None) -> tuple[str, str, str]:
    """A mention as written -> ``(canonical, type, country)``.

    Exact alias match first (case-insensitive), else the last registry alias inside the mention.
    Unknown mentions come back as written with type ``unknown`` and country ``""``.
    """
    if not isinstance(mention, str) or not mention.strip():
        return "", UNKNOWN, ""
    return _resolve(mention, _extra_paths(extra_csv))


def unknown_sources(attributions: pd.DataFrame) -> pd.DataFrame:
    """Mentions that did not resolve (``source_type == 'unknown'``), most frequent first.

    Columns: source_mention, n (hops), n_articles, relations (list), example (an evidence span).
    Register them in your own CSV (see `sources_table`) and rebuild.
    """
    cols = ["source_mention", "n", "n_articles", "relations", "example"]
    if attributions is None or not len(attributions) or "source_type" not in attributions:
        return pd.DataFrame(columns=cols)
    unk = attributions[(attributions["source_type"] == UNKNOWN) & (attributions["source"] != _OWN_OUTLET)]
    if not len(unk):
        return pd.DataFrame(columns=cols)
    # object: `load()` gives these as Categoricals, which refuse a fill from other categories
    mention = unk["source_mention"].astype(object).fillna(unk["source"].astype(object)).astype(str)
    g = unk.assign(_m=mention).groupby("_m", sort=False)
    out = pd.DataFrame({
        "n": g.size(),
        "n_articles": g["article_id"].nunique(),
        "relations": g["relation"].agg(lambda s: sorted(set(s))),
        "example": g["evidence"].first(),
    })
    out.index.name = "source_mention"
    return out.reset_index().sort_values(["n", "source_mention"], ascending=[False, True],
                                         ignore_index=True)[cols]


# --------------------------------------------------------------------------- cue lexicon

CUES_CSV = Path(__file__).with_name("data") / "attribution_cues.csv"
CUES_ENV = "KOMPASKIT_ATTRIBUTION_CUES"
CUE_COLUMNS = ["cue", "position", "relation", "notes"]
CUE_POSITIONS = ("pre", "post", "negator", "negation", "kepada", "continuation", "not_source",
                 "terminator", "generic_head", "pronoun", "media_word")
# positions whose cues are plain text, not the cue notation
_PLAIN_POSITIONS = frozenset({"negation", "not_source", "terminator", "generic_head", "pronoun",
                              "media_word"})
# positions whose rows need a relation name (the others have a fixed one, or none)
_RELATION_POSITIONS = frozenset({"pre", "post", "continuation"})

# cue notation: words, [optional|choice], (required|choice); no nesting
_CUE_TOKEN = re.compile(r"\[[^\[\]()]*\]|\([^\[\]()]*\)|[^\s\[\]()|]+")


def _cue_regex(cue: str) -> tuple[str, frozenset[str]]:
    """One cue in the CSV notation -> (regex source, prefilter keys).

    Words are matched case-insensitively with any whitespace between them; ``[a|b]`` is an
    optional choice, ``(a|b)`` a required one (a choice may hold several words). The keys are
    lower-case words of which every match contains at least one, so a paragraph without any key
    can skip the regex. Raises ValueError on malformed notation.
    """
    tokens = _CUE_TOKEN.findall(cue)
    if not tokens or _WS.sub("", "".join(tokens)) != _WS.sub("", cue):
        raise ValueError(f"malformed cue {cue!r}")
    parts: list[str] = []
    best_keys: frozenset[str] = frozenset()
    best_len = -1
    started = False
    for tok in tokens:
        optional = tok[0] == "["
        grouped = tok[0] in "[("
        alts = [a.split() for a in (tok[1:-1].split("|") if grouped else [tok])]
        if not all(alts):
            raise ValueError(f"empty choice in cue {cue!r}")
        body = "|".join(r"\s+".join(map(re.escape, words)) for words in alts)
        if grouped:
            body = f"(?:{body})"
        if not optional:
            # the required token whose shortest choice has the longest word makes the best key
            longest = [max(words, key=len).lower() for words in alts]
            if min(map(len, longest)) > best_len:
                best_len, best_keys = min(map(len, longest)), frozenset(longest)
        if not started:
            parts.append(rf"(?:{body}\s+)?" if optional else body)
            started = not optional
        else:
            parts.append(rf"(?:\s+{body})?" if optional else rf"\s+{body}")
    if not started:
        raise ValueError(f"cue {cue!r} has no required word")
    return "".join(parts), best_keys


def _minimal_keys(keys: Iterable[str]) -> tuple[str, ...]:
    """Drop keys that contain a shorter key: the shorter one already admits the paragraph."""
    out: list[str] = []
    for k in sorted(set(keys), key=len):
        if not any(s in k for s in out):
            out.append(k)
    return tuple(out)


def _read_cues_csv(path: str | os.PathLike) -> list[dict[str, str]]:
    """One cue CSV (columns cue, position, relation, notes) -> rows, cues and positions stripped."""
    import csv

    from .article import KompasParseError

    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:  # -sig: spreadsheet exports
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise KompasParseError(f"attribution cues {path} is not a readable CSV: {exc}", stage="read")
    if not rows:
        return []
    missing = [c for c in ("cue", "position") if c not in rows[0]]
    if missing:
        raise KompasParseError(f"attribution cues {path} lacks columns {missing}", stage="read")
    out = []
    for n, row in enumerate(rows, 2):
        rec = {c: _WS.sub(" ", str(row.get(c) or "")).strip() for c in CUE_COLUMNS}
        rec["position"] = rec["position"].lower()
        if not rec["cue"]:
            continue
        if rec["position"] not in CUE_POSITIONS:
            raise KompasParseError(f"attribution cues {path} line {n}: position {rec['position']!r}"
                                   f" is not one of {', '.join(CUE_POSITIONS)}", stage="read")
        if rec["position"] in _RELATION_POSITIONS and not rec["relation"]:
            raise KompasParseError(f"attribution cues {path} line {n}: a {rec['position']} cue"
                                   " needs a relation", stage="read")
        if rec["position"] == "negation" and not re.fullmatch(r"[^\W\d_]+", rec["cue"]):
            raise KompasParseError(f"attribution cues {path} line {n}: a negation cue is one word",
                                   stage="read")
        if (rec["position"] in ("terminator", "generic_head")
                and not re.fullmatch(r"[^\s\[\]()|]+", rec["cue"])):
            raise KompasParseError(f"attribution cues {path} line {n}: a {rec['position']} is one word",
                                   stage="read")
        if rec["position"] not in _PLAIN_POSITIONS:
            try:
                _cue_regex(rec["cue"])
            except ValueError as exc:
                raise KompasParseError(f"attribution cues {path} line {n}: {exc}", stage="read")
        out.append(rec)
    return out


class _Cues:
    """The compiled cue grammar of one set of cue CSVs (see the module docstring)."""

    __slots__ = ("table", "pre_re", "pre_relations", "pre_keys", "post_re", "post_relations",
                 "post_keys", "neg_re", "neg_keys", "neg_verbs", "kepada_re", "cont_re",
                 "cont_relations", "not_sources", "terminator_re", "generic_heads", "pronouns",
                 "media_re", "neg_key_re", "pre_key_re", "post_key_re")

    def __init__(self, rows: list[dict[str, str]]):
        self.table = rows
        by_pos: dict[str, list[dict[str, str]]] = {p: [] for p in CUE_POSITIONS}
        for r in rows:
            by_pos[r["position"]].append(r)

        def alternation(pos: str, capture: bool) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
            """One group per row when `capture` (its relation is then ``relations[m.lastindex - 1]``)."""
            pats, keys = [], []
            for r in by_pos[pos]:
                pat, k = _cue_regex(r["cue"])
                pats.append(f"({pat})" if capture else pat)
                keys.extend(k)
            return ("|".join(pats) or "(?!)", tuple(r["relation"] for r in by_pos[pos]),
                    _minimal_keys(keys))

        # cue -> source: "seperti dilaporkan X", "dikutip dari X", "menurut X", ", lapor X" ...
        pre, self.pre_relations, self.pre_keys = alternation("pre", True)
        self.pre_re = re.compile(rf"(?<![\w-])(?:{pre})\s+", re.IGNORECASE)
        # source -> reporting verb: "Yonhap melaporkan", "Intelijen Korea Selatan sebelumnya menyebut"
        post, self.post_relations, self.post_keys = alternation("post", True)
        self.post_re = re.compile(rf"(?<![\w-])(?:{post})(?![\w-])", re.IGNORECASE)
        # source -> negator -> reporting verb. The verb slot is fuzzy (the press misspells:
        # "tak mengungkuit"), shaped by the listed verbs: one of their first two letters, and at
        # most one letter shorter than the shortest; `_is_report_verb` then checks it.
        neg, _, self.neg_keys = alternation("negator", False)
        verbs = [r["cue"].lower() for r in by_pos["negation"]]
        self.neg_verbs = frozenset(verbs)
        if verbs:
            heads = "|".join(sorted({re.escape(v[:2]) for v in verbs}))
            tail = max(0, min(map(len, verbs)) - 3)
            self.neg_re = re.compile(rf"(?<![\w-])(?P<neg>{neg})\s+(?P<verb>(?:{heads})[a-z]{{{tail},}})"
                                     r"(?![\w-])", re.IGNORECASE)
        else:
            self.neg_re = None
        # substring prefilters as one literal alternation each: a C-level scan of the lower-cased
        # paragraph, cheaper than a Python loop of `in` tests
        self.neg_key_re, self.pre_key_re, self.post_key_re = (
            re.compile("|".join(map(re.escape, keys)) or "(?!)")
            for keys in (self.neg_keys, self.pre_keys, self.post_keys))
        # "kata X kepada Y": a speaker telling an outlet
        kepada, _, _ = alternation("kepada", False)
        self.kepada_re = re.compile(
            rf"(?<![\w-])(?P<verb>{kepada})(?![\w-])(?P<between>[^.;!?\"“”]{{0,90}}?)\s+kepada\s+",
            re.IGNORECASE)
        # continuation inside one chain: "Reuters, mengutip KCNA" / "Reuters yang mengutip ..."
        cont, self.cont_relations, _ = alternation("continuation", True)
        self.cont_re = re.compile(rf"\s*,?\s*(?:yang\s+)?(?:{cont})\s+", re.IGNORECASE)
        self.not_sources = frozenset(_norm(r["cue"]) for r in by_pos["not_source"])
        # lower-case words that can open a source phrase not in the registry ("seorang pejabat AS")
        self.generic_heads = frozenset(r["cue"].lower() for r in by_pos["generic_head"])
        self.pronouns = frozenset(_norm(r["cue"]) for r in by_pos["pronoun"])
        # an unregistered mention after "kepada" with one of these words is a medium
        media = "|".join(re.escape(r["cue"]) for r in by_pos["media_word"]) or "(?!)"
        self.media_re = re.compile(rf"(?i)\b(?:{media})\b")
        # where a source mention after a cue stops (case-sensitive: "Senin" ends it, "pada" too,
        # "Pada" may start a name). A continuation cue's first word always does, so that in
        # "Reuters mengutip KCNA" the first mention is Reuters, not the rightmost alias.
        words = [r["cue"] for r in by_pos["terminator"]]
        for r in by_pos["continuation"]:
            first = next(t for t in _CUE_TOKEN.findall(r["cue"]) if t[0] != "[")
            alts = first[1:-1].split("|") if first[0] in "[(" else [first]
            words.extend(a.split()[0].lower() for a in alts)
        words = list(dict.fromkeys(words))
        self.terminator_re = re.compile(
            r"(?<![\w-])(?:" + ("|".join(map(re.escape, words)) or "(?!)") + r")(?![\w-])")


@functools.lru_cache(maxsize=8)
def _cue_grammar(extra: tuple[str, ...]) -> _Cues:
    """Shipped cues plus the extra CSVs, compiled once per set of paths.

    A user row with the same cue and position as an earlier row replaces it in place (so its
    relation can be renamed); new rows follow the shipped ones of their position.
    """
    merged: dict[tuple[str, str], dict[str, str]] = {}
    for path in (CUES_CSV, *extra):
        for row in _read_cues_csv(path):
            # terminators are case-sensitive ("minggu" week, "Minggu" Sunday)
            cue = row["cue"] if row["position"] == "terminator" else row["cue"].lower()
            merged[(cue, row["position"])] = row
    return _Cues(list(merged.values()))


def _cue_paths(cues_csv: str | os.PathLike | None) -> tuple[str, ...]:
    paths = [p for p in os.environ.get(CUES_ENV, "").split(os.pathsep) if p.strip()]
    if cues_csv is not None:
        paths.append(os.fspath(cues_csv))
    return tuple(paths)


def cues_table(cues_csv: str | os.PathLike | None = None) -> pd.DataFrame:
    """The attribution cue lexicon in use: shipped ``attribution_cues.csv`` plus `cues_csv` and
    $KOMPASKIT_ATTRIBUTION_CUES files. Columns: cue, position, relation, notes."""
    return pd.DataFrame(_cue_grammar(_cue_paths(cues_csv)).table, columns=CUE_COLUMNS)


def reload_cues() -> None:
    """Forget the compiled cue grammar (after editing a cue CSV in a running session)."""
    _cue_grammar.cache_clear()
    _is_report_verb.cache_clear()


# --------------------------------------------------------------------------- cue grammar
# Structure that stays in code (punctuation, clause boundaries, list conjunctions); the cue
# vocabulary is the lexicon above.

# parallel sources: "Reuters dan AFP", "Reuters, AFP, dan AP"
_PARALLEL_RE = re.compile(r"\s*(?:,\s*(?:(?P<and1>dan|serta)\s+)?|\s+(?P<and2>dan|serta|maupun)\s+)")

# where a source mention after a cue stops
_HARD_STOP = re.compile(r"[,;:!?()\[\]\"“”‘’]|\.(?=\s|$)|\s[-–—]\s")
_CONNECTORS = frozenset({"de", "al", "el", "bin", "van", "von", "der", "of", "the", "and", "for",
                         "la", "le", "&"})
# clause boundaries before a post-cue subject, and words to trim around that subject
_CLAUSE_BREAK = re.compile(
    r"[,;:!?()\"“”]|\.(?=\s|$)|(?<![\w-])(?:bahwa|dan|namun|tetapi|sedangkan|sementara|serta"
    r"|sehingga|karena|yang)(?![\w-])", re.IGNORECASE)
_SUBJECT_TRAIL = re.compile(
    r"(?:\s+(?:sendiri|juga|pun|sebelumnya|telah|sudah|kemudian|lebih\s+lanjut|akhirnya|bahkan"
    r"|justru|kembali|hanya|masih|pernah|sempat|baru-baru\s+ini|(?:dalam|lewat|melalui)\s+\w+nya"
    r"|dalam\s+laporan\s+terbarunya|pada\s+\w+|hari\s+ini|kemarin|secara\s+terpisah))+$",
    re.IGNORECASE)
_SUBJECT_LEAD = re.compile(
    r"^(?:adapun|sementara\s+itu|selain\s+itu|sebelumnya|bahkan|namun|kemudian|lalu|kini"
    r"|pada\s+\w+|di\s+sisi\s+lain)\s+", re.IGNORECASE)
_PAREN_ACRONYM = re.compile(r"\s*\([A-Z][\w .&-]{0,15}\)")
_ANAPHORA = re.compile(r"(?i)(?:^|\s)(?:itu|tersebut|ini)$")


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (tiny strings only: negated verbs)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@functools.lru_cache(maxsize=4096)
def _is_report_verb(verb: str, verbs: frozenset[str]) -> bool:
    """A negated word is a reporting verb: listed, or one edit from a listed verb of its start."""
    v = verb.lower()
    if v in verbs:
        return True
    return any(k[:2] == v[:2] and abs(len(v) - len(k)) <= 1 and _edit_distance(v, k) <= 1
               for k in verbs)


def _window(text: str, pos: int) -> str:
    """Text from `pos` up to the next hard stop (comma, sentence end, bracket, quote)."""
    chunk = text[pos:pos + 160]
    m = _HARD_STOP.search(chunk)
    return chunk[:m.start()] if m else chunk


def _unknown_phrase(span: str, cues: _Cues) -> str | None:
    """A source phrase not in the registry: a capitalised run, or a generic head ("pejabat AS")."""
    words = span.split()
    if not words:
        return None
    first = words[0]
    if first[0].isupper() or first[0].isdigit():
        run = []
        for w in words:
            if w[0].isupper() or w[0].isdigit() or (run and w.lower() in _CONNECTORS):
                run.append(w)
            else:
                break
        while run and run[-1].lower() in _CONNECTORS:
            run.pop()
        return " ".join(run[:8]) or None
    if first.lower() in cues.generic_heads:
        return " ".join(words[:6])
    return None


def _source_at(text: str, pos: int, extra: tuple[str, ...],
               cues: _Cues) -> tuple[str, str, str, str, int] | None:
    """The source phrase starting at `pos` -> (canonical, mention, type, country, end) or None."""
    window = _window(text, pos)
    if not window.strip():
        return None
    term = cues.terminator_re.search(window)
    limit = term.start() if term else len(window)
    pattern = _registry(extra)[2]
    best = None
    for m in pattern.finditer(window):
        if m.start() >= limit:
            break
        best = m  # rightmost alias before the first terminator
    if best is not None:
        mention = window[:best.end()].strip()
        canonical, stype, country = _resolve(best.group(0), extra)
        return canonical, mention, stype, country, pos + best.end()
    span = window[:limit].strip()
    phrase = _unknown_phrase(span, cues)
    if not phrase or _norm(phrase) in cues.not_sources or _norm(phrase) in cues.pronouns:
        return None
    at = window.find(phrase)
    end = pos + (at + len(phrase) if at >= 0 else limit)
    return phrase, phrase, UNKNOWN, "", end


def _subject_before(text: str, end: int, extra: tuple[str, ...],
                    cues: _Cues) -> tuple[str, str, str, str, int] | None:
    """The subject of a reporting verb that starts at `end` (``X melaporkan``) or None."""
    head = _PAREN_ACRONYM.sub("", text[max(0, end - 160):end])
    breaks = list(_CLAUSE_BREAK.finditer(head))
    clause = head[breaks[-1].end():] if breaks else head
    clause = _SUBJECT_TRAIL.sub("", clause.strip())
    clause = _SUBJECT_LEAD.sub("", clause).strip()
    if not clause or _norm(clause) in cues.pronouns or _ANAPHORA.search(clause):
        return None
    if len(clause.split()) > 9:
        return None
    hits = list(_registry(extra)[2].finditer(clause))
    if hits:
        canonical, stype, country = _resolve(hits[-1].group(0), extra)
        return canonical, clause, stype, country, end
    words = clause.split()
    if words[0][0].isupper() or words[0].lower() in cues.generic_heads:
        if words[0].lower() in cues.pronouns or _norm(clause) in cues.not_sources:
            return None
        return clause, clause, UNKNOWN, "", end
    return None


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


def _paragraph_chains(text: str, extra: tuple[str, ...], cues: _Cues) -> list[list[tuple]]:
    """Chains of one paragraph: list of chains, each a list of (hop, hit, relation, evidence, rule)."""
    found: list[tuple[int, int, str, re.Match]] = []
    low = text.lower()
    # key prefilters (`_cue_regex` keys): most paragraphs have no cue at all, and a literal
    # search of the lower-cased text is far cheaper than the case-insensitive cue regexes
    if cues.neg_re is not None and cues.neg_key_re.search(low):
        for m in cues.neg_re.finditer(text):
            if _is_report_verb(m["verb"], cues.neg_verbs):
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
            hit = _subject_before(text, start, extra, cues)
            if hit:
                chain.append((0, hit, "not_reported", text[_evidence_start(text, start, hit):m.end()],
                              "negation"))
                consumed = m.end()
        elif kind == "post":
            hit = _subject_before(text, start, extra, cues)
            if hit:
                rel = cues.post_relations[m.lastindex - 1]
                chain.append((0, hit, rel, text[_evidence_start(text, start, hit):m.end()],
                              f"post_cue:{rel}"))
                consumed = _extend(text, m.end(), chain, 0, extra, cues) or m.end()
        elif kind == "kepada":
            hit = _source_at(text, end, extra, cues)
            if hit and (hit[2] in MEDIA_TYPES or (hit[2] == UNKNOWN and cues.media_re.search(hit[1]))):
                ev = text[start:hit[4]]
                chain.append((0, hit, "kepada", ev, "kepada"))
                speaker = m["between"].strip(" ,")
                who = None
                if speaker and not m["verb"].lower().endswith("nya"):
                    who = _source_at(speaker, 0, extra, cues)
                elif not speaker and m["verb"].lower().startswith(("me", "ber", "bi")):
                    who = _subject_before(text, start, extra, cues)  # "Peskov mengatakan kepada TASS"
                if who and _norm(who[1]) not in cues.pronouns:
                    chain.append((1, who, "said", ev, "kepada:speaker"))
                consumed = _extend(text, hit[4], chain, 0, extra, cues) or hit[4]
        else:  # pre-cue
            relation = cues.pre_relations[m.lastindex - 1]
            hit = _source_at(text, end, extra, cues)
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
              extra: tuple[str, ...], cues: _Cues) -> int | None:
    """Registered sources listed after the first (``Reuters dan AFP``, ``A, B, dan C``) share its hop.

    A comma alone does not make a list (``Menurut Reuters, Putin ...``): items count only up to
    the last one introduced by ``dan``/``serta``/``maupun``.
    """
    found: list[tuple[tuple, bool]] = []
    while True:
        m = _PARALLEL_RE.match(text, pos)
        if not m:
            break
        hit = _source_at(text, m.end(), extra, cues)
        if not hit or hit[2] == UNKNOWN:
            break
        found.append((hit, bool(m["and1"] or m["and2"])))
        pos = hit[4]
    last_and = max((i for i, (_, conj) in enumerate(found) if conj), default=-1)
    for hit, _ in found[:last_and + 1]:
        chain.append((hop, hit, relation, text[cue_start:hit[4]], f"parallel:{relation}"))
    return found[last_and][0][4] if last_and >= 0 else None


def _extend(text: str, pos: int, chain: list, hop: int, extra: tuple[str, ...],
            cues: _Cues) -> int | None:
    """Nested chains: ``X mengutip Y`` / ``X yang mengutip Y`` put Y one hop further from the
    reader; ``X via Y`` puts Y one hop nearer (Y relayed X to Kompas)."""
    last = None
    for _ in range(4):
        m = cues.cont_re.match(text, pos)
        if not m:
            break
        hit = _source_at(text, m.end(), extra, cues)
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
    canonical, stype, country = _resolve(mention, extra)
    return canonical, mention, stype, country


def _footer_hit(mention: str, extra: tuple[str, ...]) -> tuple[str, str, str, str]:
    """A footer value; a name cut off at the end of a snapshot (`Sumber : Asso`) resolves by a
    unique registry prefix."""
    hit = _hit(mention, extra)
    if hit[2] != UNKNOWN:
        return hit
    df, lookup, _ = _registry(extra)
    i = _unique_prefix(mention, lookup)
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
    return _attribute_rows(article, quotes, _extra_paths(extra_csv),
                           _cue_grammar(_cue_paths(cues_csv)))


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
                    extra: tuple[str, ...], cues: _Cues) -> list[dict[str, Any]]:
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
        [_hit(site_outlet, extra)] if site_outlet else [(_OWN_OUTLET, "", UNKNOWN, "")])
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
            canonical, t, country = _resolve(speaker, extra)
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
    extra = _extra_paths(extra_csv)
    cues = _cue_grammar(_cue_paths(cues_csv))
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


__all__ = ["cues_table", "edge_table", "reload_cues", "reload_sources", "sources_table", "resolve_source", "unknown_sources", "attribute", "attribution_rows", "attribute_many",
           "paragraph_source_types", "graph", "ATTRIBUTION_COLUMNS"]
