"""Attribution cue lexicon (``attribution_cues.csv``) compiled into a grammar, and the helpers that
find a source phrase around a cue. Input: paragraph text; output: registry hits."""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..article import KompasParseError

from .registry import UNKNOWN, WS, norm, load_registry, resolve
from ..lexicons import lexicon_files


# --------------------------------------------------------------------------- cue lexicon

CUES_CSV = Path(__file__).resolve().parents[1] / "data" / "attribution_cues.csv"
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


def cue_regex(cue: str) -> tuple[str, frozenset[str]]:
    """One cue in the CSV notation -> (regex source, prefilter keys).

    Words are matched case-insensitively with any whitespace between them; ``[a|b]`` is an
    optional choice, ``(a|b)`` a required one (a choice may hold several words). The keys are
    lower-case words of which every match contains at least one, so a paragraph without any key
    can skip the regex. Raises ValueError on malformed notation.
    """
    tokens = _CUE_TOKEN.findall(cue)
    if not tokens or WS.sub("", "".join(tokens)) != WS.sub("", cue):
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
        rec = {c: WS.sub(" ", str(row.get(c) or "")).strip() for c in CUE_COLUMNS}
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
                cue_regex(rec["cue"])
            except ValueError as exc:
                raise KompasParseError(f"attribution cues {path} line {n}: {exc}", stage="read")
        out.append(rec)
    return out


class Cues:
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
                pat, k = cue_regex(r["cue"])
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
        # most one letter shorter than the shortest; `is_report_verb` then checks it.
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
        self.not_sources = frozenset(norm(r["cue"]) for r in by_pos["not_source"])
        # lower-case words that can open a source phrase not in the registry ("seorang pejabat AS")
        self.generic_heads = frozenset(r["cue"].lower() for r in by_pos["generic_head"])
        self.pronouns = frozenset(norm(r["cue"]) for r in by_pos["pronoun"])
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
def cue_grammar(extra: tuple[str, ...]) -> Cues:
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
    return Cues(list(merged.values()))


def cue_paths(cues_csv: str | os.PathLike | None) -> tuple[str, ...]:
    # user files: $KOMPASKIT_LEXICONS folders and the legacy variable (kompaskit.lexicons)
    paths = [os.fspath(p) for p in lexicon_files("attribution_cues")[1:]]
    if cues_csv is not None:
        paths.append(os.fspath(cues_csv))
    return tuple(paths)


def cues_table(cues_csv: str | os.PathLike | None = None) -> pd.DataFrame:
    """The attribution cue lexicon in use: shipped ``attribution_cues.csv`` plus `cues_csv` and
    $KOMPASKIT_ATTRIBUTION_CUES files. Columns: cue, position, relation, notes."""
    return pd.DataFrame(cue_grammar(cue_paths(cues_csv)).table, columns=CUE_COLUMNS)


def reload_cues() -> None:
    """Forget the compiled cue grammar (after editing a cue CSV in a running session)."""
    cue_grammar.cache_clear()
    is_report_verb.cache_clear()


# --------------------------------------------------------------------------- cue grammar
# Structure that stays in code (punctuation, clause boundaries, list conjunctions); the cue
# vocabulary is the lexicon above.

# parallel sources: "Reuters dan AFP", "Reuters, AFP, dan AP"
PARALLEL_RE = re.compile(r"\s*(?:,\s*(?:(?P<and1>dan|serta)\s+)?|\s+(?P<and2>dan|serta|maupun)\s+)")

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
def is_report_verb(verb: str, verbs: frozenset[str]) -> bool:
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


def _unknown_phrase(span: str, cues: Cues) -> str | None:
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


def source_at(text: str, pos: int, extra: tuple[str, ...],
               cues: Cues) -> tuple[str, str, str, str, int] | None:
    """The source phrase starting at `pos` -> (canonical, mention, type, country, end) or None."""
    window = _window(text, pos)
    if not window.strip():
        return None
    term = cues.terminator_re.search(window)
    limit = term.start() if term else len(window)
    pattern = load_registry(extra)[2]
    best = None
    for m in pattern.finditer(window):
        if m.start() >= limit:
            break
        best = m  # rightmost alias before the first terminator
    if best is not None:
        mention = window[:best.end()].strip()
        canonical, stype, country = resolve(best.group(0), extra)
        return canonical, mention, stype, country, pos + best.end()
    span = window[:limit].strip()
    phrase = _unknown_phrase(span, cues)
    if not phrase or norm(phrase) in cues.not_sources or norm(phrase) in cues.pronouns:
        return None
    at = window.find(phrase)
    end = pos + (at + len(phrase) if at >= 0 else limit)
    return phrase, phrase, UNKNOWN, "", end


def subject_before(text: str, end: int, extra: tuple[str, ...],
                    cues: Cues) -> tuple[str, str, str, str, int] | None:
    """The subject of a reporting verb that starts at `end` (``X melaporkan``) or None."""
    head = _PAREN_ACRONYM.sub("", text[max(0, end - 160):end])
    breaks = list(_CLAUSE_BREAK.finditer(head))
    clause = head[breaks[-1].end():] if breaks else head
    clause = _SUBJECT_TRAIL.sub("", clause.strip())
    clause = _SUBJECT_LEAD.sub("", clause).strip()
    if not clause or norm(clause) in cues.pronouns or _ANAPHORA.search(clause):
        return None
    if len(clause.split()) > 9:
        return None
    hits = list(load_registry(extra)[2].finditer(clause))
    if hits:
        canonical, stype, country = resolve(hits[-1].group(0), extra)
        return canonical, clause, stype, country, end
    words = clause.split()
    if words[0][0].isupper() or words[0].lower() in cues.generic_heads:
        if words[0].lower() in cues.pronouns or norm(clause) in cues.not_sources:
            return None
        return clause, clause, UNKNOWN, "", end
    return None


