"""Event lexicons as data: the actor gazetteer (``data/actors.csv``: people, states,
organisations, places with aliases; a place may stand for a state as a metonym) and the event
triggers (``data/event_triggers.csv``: regex fragments per event type and certainty cue), each
extendable by extra CSV paths or ``KOMPASKIT_ACTORS`` / ``KOMPASKIT_EVENT_TRIGGERS``."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from .. import entities
from ..lexicons import lexicon_files, read_csv_rows


# ---------------------------------------------------------------- lexicons
def _csv_paths(name: str, extra: Iterable[str | os.PathLike] | None) -> list[Path]:
    """Lexicon `name`'s files (shipped, $KOMPASKIT_LEXICONS, legacy variable) + `extra`."""
    return [*lexicon_files(name), *(Path(p) for p in (extra or []))]


def read_lexicon_csv(path: Path) -> pd.DataFrame:
    """One lexicon CSV as strings; an unreadable file raises LexiconError (one line)."""
    return pd.DataFrame(read_csv_rows(Path(path))).fillna("")


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
    return _load_actors(tuple(str(p) for p in _csv_paths("actors", extra)))


@lru_cache(maxsize=8)
def _load_actors(paths: tuple[str, ...]) -> Gazetteer:
    frames = [read_lexicon_csv(Path(p)) for p in paths]
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
    return _load_triggers(tuple(str(p) for p in _csv_paths("event_triggers", extra)))


@lru_cache(maxsize=8)
def _load_triggers(paths: tuple[str, ...]) -> Triggers:
    frames = [read_lexicon_csv(Path(p)) for p in paths]
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



# a state's armed forces act as a group of their own ("pasukan Rusia meluncurkan rudal", "tiga
# tentara Korea Utara membunuh ..."): the noun as written (lower case) + the state's name
GROUP_NOUNS = ("angkatan bersenjata", "tentara", "prajurit", "pasukan", "militer", "serdadu",
               "marinir")
GROUP_BEFORE = re.compile(r"\b(" + "|".join(GROUP_NOUNS) + r")\s+$", re.IGNORECASE)
_GROUP_MENTION = re.compile(r"^(?P<noun>" + "|".join(GROUP_NOUNS) + r")\s+(?P<state>.+)$", re.IGNORECASE)


def group_state(name: str, gaz: Gazetteer) -> str | None:
    """The state of a group actor in canonical form ("pasukan Rusia" -> "Rusia"), None for any
    other name ("Pasukan Rusia" as written is a mention: `canonical_actor` makes it one)."""
    m = _GROUP_MENTION.match(name)
    if m and name == f"{m['noun'].lower()} {m['state']}" and gaz.kind.get(m["state"]) == "state":
        return m["state"]
    return None


def canonical_actor(name: str, gaz: Gazetteer) -> str:
    """The canonical name of an actor mention (the mention itself when unknown). With
    `expand_actors`, the one place actor identity is decided: switching to the shared entity
    registry (``kompaskit.entities.canonical_name``/``state_of``) changes these two only."""
    if name in gaz.canonical:
        return gaz.canonical[name]
    group = _GROUP_MENTION.match(name)  # "Militer Israel" (a speaker) is "militer Israel"
    if group and gaz.kind.get(gaz.canonical.get(group["state"], "")) == "state":
        return f"{group['noun'].lower()} {gaz.canonical[group['state']]}"
    known = entities.resolve(name)  # the shared registry: outlets, institutions, nicknames
    if not known or known.kind == "outlet":
        return name
    # the registry's entity may be an actor under another of its names ("Badan Intelijen Korea
    # Selatan" -> NIS): one name per entity in the actors column
    for alias in (known.name, *known.aliases):
        if alias in gaz.canonical:
            return gaz.canonical[alias]
    return known.name


def expand_actors(actors: Iterable[str], gaz: Gazetteer) -> set[str]:
    """Actors in canonical form plus the state each belongs to (Kim Jong-un -> Korea Utara)."""
    out: set[str] = set()
    for a in actors:
        name = canonical_actor(a, gaz)
        out.add(name)
        group = group_state(name, gaz)
        if group:
            out.add(group)
        if name in gaz.metonym:
            out.add(gaz.metonym[name])
        state = gaz.state_of_country.get(gaz.country.get(name, ""))
        if state and gaz.kind.get(name) in ("person", "state", "place"):
            out.add(state)
        elif name not in gaz.kind:  # known to the registry only
            known = entities.resolve(name)
            if known and known.state and known.kind in ("person", "state", "place"):
                out.add(gaz.canonical.get(known.state, known.state))
    return out



__all__ = ["Gazetteer", "Triggers", "load_actors", "load_triggers", "read_lexicon_csv",
           "canonical_actor", "expand_actors", "group_state", "GROUP_NOUNS", "GROUP_BEFORE"]
