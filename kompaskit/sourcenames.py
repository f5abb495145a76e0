"""Outlet names that tell a ``Sumber`` value cut mid-word (``Sumber : Asso``) from a whole one.

Input: the ``sources`` lexicon read through :mod:`kompaskit.lexicons` (shipped
``data/sources.csv``, owned by provenance, plus ``$KOMPASKIT_LEXICONS`` folders and
``$KOMPASKIT_SOURCES`` files); output: :func:`known_sources` (lower-case names and aliases) and
:func:`looks_cut`.
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from .lexicons import LexiconError, lexicon_files, read_csv_rows

# The source registry (``data/sources.csv``, owned by provenance) names the outlets whose cut-off
# prefixes mark a truncated `Sumber` line (``Sumber : Asso``). The wire services below are the
# fallback when the registry is missing or unreadable; people in the registry are not outlets.
SOURCES_CSV = Path(__file__).with_name("data") / "sources.csv"
SOURCES_ENV = "KOMPASKIT_SOURCES"
_CORE_SOURCES = ("Associated Press", "AP", "Reuters", "AFP", "Agence France-Presse", "Xinhua", "Yonhap",
                 "KCNA", "TASS", "Kompas.com", "Kompas.tv", "Kompas TV")
_NOT_OUTLET_TYPES = frozenset({"person"})


def _registry_names(path: str | os.PathLike) -> list[str]:
    """Source names and ``|``-separated aliases of one registry CSV (empty when unusable: a bad
    user file must not stop every page from parsing; the analysers report it)."""
    try:
        rows = read_csv_rows(Path(path))
    except LexiconError:
        return []
    names: list[str] = []
    for row in rows:
        if (row.get("type") or "").lower() in _NOT_OUTLET_TYPES:
            continue
        names.append(row.get("source") or "")
        names.extend((row.get("aliases") or "").split("|"))
    return [" ".join(n.split()) for n in names if n and n.strip()]


@functools.lru_cache(maxsize=4)
def _known_lower(files: tuple[str, ...]) -> frozenset[str]:
    """Lower-cased outlet names: core wires + the registry files."""
    names = list(_CORE_SOURCES)
    for path in files:
        names += _registry_names(path)
    return frozenset(n.lower() for n in names)


def known_sources() -> frozenset[str]:
    """The outlet names (lower case) used to recognise a cut ``Sumber`` value; cached per set of
    files. The files are the ``sources`` lexicon's (:func:`kompaskit.lexicons.lexicon_files`:
    shipped, ``$KOMPASKIT_LEXICONS`` folders, ``$KOMPASKIT_SOURCES``), the shipped one read from
    ``SOURCES_CSV``."""
    files = [str(SOURCES_CSV)] + [str(f) for f in lexicon_files("sources")[1:]]
    return _known_lower(tuple(files))


def looks_cut(item: str, text_ends_with_newline: bool) -> bool:
    """A `Sumber` value that stops mid-word: a strict prefix of a known outlet, or a short
    capitalised fragment (``Asso``) at the very end of a snapshot that has no final newline."""
    low = item.lower().strip()
    known = known_sources()
    if not low or low in known:
        return False
    if any(k.startswith(low) for k in known):  # `low` is not itself known: a strict prefix
        return True
    last = item.split()[-1]
    return (not text_ends_with_newline and len(last) <= 4 and last[:1].isupper()
            and last[1:].islower() and len(item.split()) == 1)


_OUTLET_WORDS = re.compile(r"\b(?:News|Media|TV|Radio|Post|Times|Daily|Press|Network|Channel|Online)\b|\.(?:com|co|id|net)\b")
_OUTLET_TAIL = frozenset({"news", "indonesia", "online", "tv", "world", "international", "service"})


def is_outlet_name(name: str) -> bool:
    """True when a byline entry is an outlet, not a person (``BBC News Indonesia``, ``Reuters``):
    a registry outlet, a registry outlet followed by words like News/Indonesia, or a name with an
    outlet word (News, Media, TV, Post, Times ...) or a domain."""
    low = " ".join(name.lower().split())
    known = known_sources()
    if low in known:
        return True
    words = low.split()
    for k in range(len(words) - 1, 0, -1):
        if " ".join(words[:k]) in known and all(w in _OUTLET_TAIL for w in words[k:]):
            return True
    return bool(_OUTLET_WORDS.search(name))
