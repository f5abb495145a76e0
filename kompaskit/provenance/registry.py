"""The sources registry: ``kompaskit/data/sources.csv`` plus user CSVs; `resolve_source` (exact alias,
acronym, apposition head, typed generic institutions) and cut-footer prefixes."""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pandas as pd

from ..article import KompasParseError
from ..lexicons import lexicon_files


SOURCES_CSV = Path(__file__).resolve().parents[1] / "data" / "sources.csv"
SOURCES_ENV = "KOMPASKIT_SOURCES"
SOURCE_COLUMNS = ["source", "aliases", "type", "country", "notes"]
ATTRIBUTION_COLUMNS = ["article_id", "target", "target_id", "hop", "source", "source_mention",
                       "relation", "para_idx", "evidence", "rule", "source_type", "source_country",
                       "chain"]
UNKNOWN = "unknown"
OWN_OUTLET = "own reporting (outlet not in registry)"
# source types that are media (an outlet a person can talk "kepada")
MEDIA_TYPES = frozenset({"wire", "state_media", "public_broadcaster", "newspaper", "tv", "online",
                         "kompas"})
# site of an article -> the registry name of the outlet that publishes it
SITE_OUTLETS = {"kompas.tv": "Kompas TV", "kompas.com": "Kompas.com", "kompas.id": "Kompas.id"}

WS = re.compile(r"\s+")
_ALIAS_SPLIT = re.compile(r"\s*\|\s*")


# --------------------------------------------------------------------------- registry

def norm(s: str) -> str:
    """Lookup key: casefolded, single spaces, typographic dashes/quotes made plain."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return WS.sub(" ", s).strip().casefold()


def _read_sources_csv(path: str | os.PathLike) -> pd.DataFrame:
    """One registry CSV (columns source, aliases, type, country, notes) -> DataFrame, aliases as lists."""
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise KompasParseError(f"source registry {path} is not a readable CSV: {exc}", stage="read")
    missing = [c for c in ("source", "type") if c not in df.columns]
    if missing:
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


def extra_paths(extra_csv: str | os.PathLike | None) -> tuple[str, ...]:
    # user files: $KOMPASKIT_LEXICONS folders and the legacy variable (kompaskit.lexicons)
    paths = [os.fspath(p) for p in lexicon_files("sources")[1:]]
    if extra_csv is not None:
        paths.append(os.fspath(extra_csv))
    return tuple(paths)


@functools.lru_cache(maxsize=8)
def load_registry(extra: tuple[str, ...]) -> tuple[pd.DataFrame, dict[str, int], re.Pattern]:
    frames = [_read_sources_csv(SOURCES_CSV), *(_read_sources_csv(p) for p in extra)]
    df = pd.concat(frames, ignore_index=True)
    # a user entry with the same canonical name replaces the shipped one
    df = df.drop_duplicates("source", keep="last").reset_index(drop=True)
    lookup: dict[str, int] = {}
    for i, (name, aliases) in enumerate(zip(df["source"], df["aliases"])):
        for alias in (name, *aliases):
            lookup[norm(alias)] = i  # later (user) entries win on a clash
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
    df, _, _ = load_registry(extra_paths(extra_csv))
    out = df.copy()
    out["aliases"] = [list(a) for a in out["aliases"]]
    return out


@functools.lru_cache(maxsize=65536)
def resolve(mention: str, extra: tuple[str, ...]) -> tuple[str, str, str]:
    df, lookup, pattern = load_registry(extra)
    text = WS.sub(" ", mention).strip(" ,.;:()\"'“”")
    i = lookup.get(norm(text))
    if i is None:
        hits = list(pattern.finditer(text))
        if hits:  # Indonesian apposition puts the head last: "juru bicara Kremlin Dmitry Peskov"
            i = lookup.get(norm(hits[-1].group(0)))
    if i is None:
        generic = _generic_institution(text)
        return (text, *generic) if generic else (text, UNKNOWN, "")
    return df.at[i, "source"], df.at[i, "type"], df.at[i, "country"]


MIN_PREFIX = 4  # letters of a cut name (`Sumber : Asso`) that may stand for a registry entry


def unique_prefix(text: str, lookup: dict[str, int]) -> int | None:
    """Registry index of the one entry some alias of which starts with `text` (a footer cut off
    mid-name), or None when the prefix is short or ambiguous."""
    key = norm(text)
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
    path = Path(__file__).resolve().parents[1] / "data" / "actors.csv"
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
    load_registry.cache_clear()
    resolve.cache_clear()


def resolve_source(mention: str, extra_csv: str | os.PathLike | None = None) -> tuple[str, str, str]:
    """A mention as written -> ``(canonical, type, country)``.

    Exact alias match first (case-insensitive), else the last registry alias inside the mention.
    Unknown mentions come back as written with type ``unknown`` and country ``""``.
    """
    if not isinstance(mention, str) or not mention.strip():
        return "", UNKNOWN, ""
    return resolve(mention, extra_paths(extra_csv))


def unknown_sources(attributions: pd.DataFrame) -> pd.DataFrame:
    """Mentions that did not resolve (``source_type == 'unknown'``), most frequent first.

    Columns: source_mention, n (hops), n_articles, relations (list), example (an evidence span).
    Register them in your own CSV (see `sources_table`) and rebuild.
    """
    cols = ["source_mention", "n", "n_articles", "relations", "example"]
    if attributions is None or not len(attributions) or "source_type" not in attributions:
        return pd.DataFrame(columns=cols)
    unk = attributions[(attributions["source_type"] == UNKNOWN) & (attributions["source"] != OWN_OUTLET)]
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


