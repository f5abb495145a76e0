"""Outlet names that tell a ``Sumber`` value cut mid-word (``Sumber : Asso``) from a whole one.

Input: the source registry ``data/sources.csv`` (owned by provenance) plus the CSV files named in
``$KOMPASKIT_SOURCES``; output: :func:`known_sources` (lower-case names and aliases) and
:func:`looks_cut`.
"""
from __future__ import annotations

import csv
import functools
import os
import re
from pathlib import Path

# The source registry (``data/sources.csv``, owned by provenance) names the outlets whose cut-off
# prefixes mark a truncated `Sumber` line (``Sumber : Asso``). The wire services below are the
# fallback when the registry is missing or unreadable; people in the registry are not outlets.
SOURCES_CSV = Path(__file__).with_name("data") / "sources.csv"
SOURCES_ENV = "KOMPASKIT_SOURCES"
_CORE_SOURCES = ("Associated Press", "AP", "Reuters", "AFP", "Agence France-Presse", "Xinhua", "Yonhap",
                 "KCNA", "TASS", "Kompas.com", "Kompas.tv", "Kompas TV")
_NOT_OUTLET_TYPES = frozenset({"person"})


def _registry_names(path: str | os.PathLike) -> list[str]:
    """Source names and ``|``-separated aliases of one registry CSV (empty when unreadable)."""
    names: list[str] = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if (row.get("type") or "").strip().lower() in _NOT_OUTLET_TYPES:
                    continue
                names.append(row.get("source") or "")
                names.extend((row.get("aliases") or "").split("|"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return []
    return [" ".join(n.split()) for n in names if n and n.strip()]


@functools.lru_cache(maxsize=4)
def _known_lower(extra: str | None = None) -> frozenset[str]:
    """Lower-cased outlet names: core wires + shipped registry + ``$KOMPASKIT_SOURCES`` files."""
    names = list(_CORE_SOURCES) + _registry_names(SOURCES_CSV)
    for path in (extra or "").split(os.pathsep):
        if path.strip():
            names += _registry_names(path.strip())
    return frozenset(n.lower() for n in names)


def known_sources() -> frozenset[str]:
    """The outlet names (lower case) used to recognise a cut ``Sumber`` value; cached."""
    return _known_lower(os.environ.get(SOURCES_ENV) or None)


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
