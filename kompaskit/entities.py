"""One registry of the people, states, organisations, outlets and places the kit names.

Merged at first use from three lexicons (see `kompaskit.lexicons`): ``sources`` (outlets,
agencies, institutions), ``actors`` (people, states, organisations, places) and
``quote_aliases`` (nicknames -> full names). Quotes, provenance and events resolve every name
through it, so one entity has one canonical name, a kind, a fine type and a country everywhere.

    resolve("Kim Jong Un")          -> Entity(name="Kim Jong-un", kind="person", country="KP", ...)
    canonical_name("kantor berita KCNA") -> "KCNA"
    state_of("Vladimir Putin")      -> "Rusia"
    find_entities(text)             -> [EntityMatch(start, end, text, entity), ...]
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from .lexicons import read_lexicon
from .lexicons import reload as reload_lexicons

KINDS = ("person", "state", "organisation", "outlet", "place")

#: fine types of the lexicons -> kind
KIND_OF_TYPE: dict[str, str] = {
    "person": "person", "state": "state", "place": "place", "organisation": "organisation",
    "government": "organisation", "intelligence": "organisation", "military": "organisation",
    "international_org": "organisation", "think_tank": "organisation", "institution": "organisation",
    "ministry": "organisation", "party": "organisation", "company": "organisation",
    "newspaper": "outlet", "online": "outlet", "public_broadcaster": "outlet", "tv": "outlet",
    "state_media": "outlet", "wire": "outlet", "kompas": "outlet", "magazine": "outlet",
    "radio": "outlet", "outlet": "outlet", "agency": "outlet",
}

_DASHES = re.compile(r"[\u2010-\u2015\-]")
_NON_WORD = re.compile(r"[^\w\s]")
_WS = re.compile(r"\s+")
_PAREN = re.compile(r"^(?P<head>.*?)\s*\((?P<inner>[^()]+)\)\s*(?P<tail>.*)$")
_EDGE = " \t\n,.;:()[]\"'\u201c\u201d\u2018\u2019"


def normalise(name: str) -> str:
    """Lookup key: accents dropped, case folded, hyphens and punctuation to spaces, one space."""
    s = unicodedata.normalize("NFKD", str(name or ""))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("'", "")
    s = _NON_WORD.sub(" ", _DASHES.sub(" ", s))
    return _WS.sub(" ", s).strip().casefold()


def tidy(mention: str) -> str:
    """A mention as written, with runs of white space folded and edge punctuation dropped."""
    return _WS.sub(" ", str(mention or "")).strip(_EDGE)


@dataclass(frozen=True)
class Entity:
    """One registry entry. `state` is the canonical name of the state the entity belongs to
    (a person's or organisation's country, or the state itself); None when unknown."""

    name: str
    kind: str
    type: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    state: str | None = None


@dataclass(frozen=True)
class EntityMatch:
    start: int
    end: int
    text: str
    entity: Entity


RESOLVE_CACHE_SIZE = 50_000  # names remembered per registry (a bound on memory)


@dataclass
class Registry:
    entities: list[Entity]
    lookup: dict[str, int]
    pattern: re.Pattern | None
    _surface: dict[str, int] = field(default_factory=dict)
    _resolved: dict[tuple[str, bool], Entity | None] = field(default_factory=dict)

    def resolve(self, mention: str, prefix: bool = True) -> Entity | None:
        """Exact alias (normalised), then a parenthesised acronym or the name around it, then
        (with `prefix`) a unique prefix of >= 4 letters (a cut footer such as ``Sumber : Asso``)."""
        # the same names recur in every article, and the prefix step scans every alias: remember
        # answers (the registry is rebuilt on `reload`, so they never outlive its lexicons)
        key = (mention, prefix)
        try:
            return self._resolved[key]
        except KeyError:
            pass
        if len(self._resolved) >= RESOLVE_CACHE_SIZE:
            self._resolved.clear()
        found = self._resolved[key] = self._resolve(mention, prefix)
        return found

    def _resolve(self, mention: str, prefix: bool) -> Entity | None:
        text = tidy(mention)
        if not text:
            return None
        i = self.lookup.get(normalise(text))
        if i is None:
            m = _PAREN.match(text)
            if m:
                for part in (m["inner"], f"{m['head']} {m['tail']}", m["head"]):
                    i = self.lookup.get(normalise(part))
                    if i is not None:
                        break
        if i is None and prefix:
            key = normalise(text)
            if len(key.replace(" ", "")) >= 4:
                hits = {j for k, j in self.lookup.items() if k.startswith(key)}
                if len(hits) == 1:
                    i = hits.pop()
        return None if i is None else self.entities[i]

    def find(self, text: str) -> list[EntityMatch]:
        """Longest non-overlapping registry names in running text, word-bounded (one-word
        names case-sensitive, so `antara` the word is not Antara the agency)."""
        if self.pattern is None or not text:
            return []
        out = []
        for m in self.pattern.finditer(text):
            i = self.lookup.get(normalise(m.group(0)))
            if i is not None:
                out.append(EntityMatch(m.start(), m.end(), m.group(0), self.entities[i]))
        return out


def _split_aliases(value: str) -> list[str]:
    return [a.strip() for a in re.split(r"[|;]", value or "") if a.strip()]


def _rows() -> list[dict]:
    """Entity rows from the three lexicons, in precedence order (later rows add aliases to, or
    replace the fields of, an entry with the same canonical name)."""
    rows: list[dict] = []
    src = read_lexicon("sources")
    for r in src.to_dict("records"):
        if r.get("source"):
            rows.append({"name": r["source"], "type": (r.get("type") or "").lower(),
                         "country": (r.get("country") or "").upper(),
                         "aliases": _split_aliases(r.get("aliases", ""))})
    act = read_lexicon("actors")
    for r in act.to_dict("records"):
        if r.get("actor"):
            rows.append({"name": r["actor"], "type": (r.get("type") or "").lower(),
                         "country": (r.get("country") or "").upper(),
                         "aliases": _split_aliases(r.get("aliases", ""))})
    for r in read_lexicon("quote_aliases").to_dict("records"):
        if r.get("alias") and r.get("name"):
            rows.append({"name": r["name"], "type": "", "country": "", "aliases": [r["alias"]]})
    return rows


@functools.lru_cache(maxsize=1)
def registry() -> Registry:
    """The merged registry (cached; `reload()` after editing a lexicon)."""
    merged: list[dict] = []
    index: dict[str, int] = {}  # normalised name or alias -> position in merged
    for r in _rows():
        keys = [normalise(k) for k in (r["name"], *r["aliases"]) if normalise(k)]
        # same entity: its canonical name is already known (as a name or alias)
        j = index.get(normalise(r["name"]))
        if j is None:
            merged.append({"name": r["name"], "type": r["type"], "country": r["country"],
                           "aliases": []})
            j = len(merged) - 1
        e = merged[j]
        if r["type"] and not e["type"]:
            e["type"] = r["type"]
        if r["country"] and not e["country"]:
            e["country"] = r["country"]
        for a in r["aliases"]:
            if a != e["name"] and a not in e["aliases"]:
                e["aliases"].append(a)
        for k in keys:  # first entity to claim an alias keeps it; a canonical name always maps
            if k == normalise(r["name"]):
                index[k] = j
            else:
                index.setdefault(k, j)
    states = {e["country"]: e["name"] for e in merged if e["type"] == "state" and e["country"]}
    entities = []
    for e in merged:
        kind = KIND_OF_TYPE.get(e["type"], "person" if not e["type"] else "organisation")
        country = e["country"] or None
        entities.append(Entity(e["name"], kind, e["type"] or kind, country, tuple(e["aliases"]),
                               states.get(country) if country else None))
    surface = sorted({a for e in entities for a in (e.name, *e.aliases)}, key=len, reverse=True)
    alts = []
    for alias in surface:
        body = r"[\s\-\u2010-\u2015]+".join(re.escape(w) for w in re.split(r"[\s\-]+", alias) if w)
        if not body:
            continue
        alts.append(body if not re.search(r"[\s\-]", alias) else f"(?i:{body})")
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])") if alts else None
    return Registry(entities, index, pattern)


def resolve(mention: str) -> Entity | None:
    """A name as written -> its registry entity, or None."""
    return registry().resolve(mention)


def canonical_name(mention: str) -> str:
    """The canonical name of a known entity, else the mention tidied (as written)."""
    e = resolve(mention)
    return e.name if e else tidy(mention)


def state_of(mention: str) -> str | None:
    """The state a person/organisation/outlet belongs to (a state maps to itself); None."""
    e = resolve(mention)
    return e.state if e else None


def country_of(mention: str) -> str:
    """The country code (``KP``, ``RU``…) of a name the registry knows by one of its names or a
    parenthesised form, else ``""``. No prefix guess: that is for cut footers, and it would give
    `Kepala Staf` (any chief of staff) the country of `Kepala Staf Gabungan`."""
    e = registry().resolve(mention, prefix=False) if mention else None
    return (e.country or "") if e else ""


def entity_type(mention: str) -> str | None:
    """The kind (person | state | organisation | outlet | place) of a known name, else None."""
    e = resolve(mention)
    return e.kind if e else None


def find_entities(text: str) -> list[EntityMatch]:
    """Registry names found in running text (longest match, left to right)."""
    return registry().find(text)


def entities_table() -> pd.DataFrame:
    """Columns name, kind, type, country, aliases (list), state: one row per entity."""
    return pd.DataFrame([{"name": e.name, "kind": e.kind, "type": e.type, "country": e.country,
                          "aliases": list(e.aliases), "state": e.state}
                         for e in registry().entities],
                        columns=["name", "kind", "type", "country", "aliases", "state"])


def reload() -> None:
    """Forget the cached registry and lexicons."""
    reload_lexicons()
    registry.cache_clear()
