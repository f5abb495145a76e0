"""Indonesian direct and indirect speech with speaker attribution.

``extract_quotes(text) -> DataFrame`` finds quotes in plain text (paragraphs separated by ``\\n``);
``quote_rows(article) -> list[dict]`` gives the build's ``quotes`` rows for an `Article` (plain
Python values), and ``quotes_table(article) -> DataFrame`` the same as a DataFrame.

Columns of both: ``start``, ``end`` (offsets of the quoted content, quote marks excluded),
``text``, ``kind`` (direct | indirect | mixed), ``speaker`` (resolved full name),
``speaker_mention`` (as written), ``speaker_type`` (person | organisation | unknown), ``cue``
(lemma), ``via`` (list of relaying outlets), ``confidence``, ``rule``. ``quotes_table`` adds
``quote_id``, ``article_id``, ``para_idx`` (offsets are then inside that paragraph).

The rules are general Indonesian news conventions: cue verbs after the quote (``…,” ujar X``),
before it (``X mengatakan, …``, ``Menurut X, …``), clitic ``-nya`` and pronouns resolved to the
most recent compatible speaker, short names and role nouns resolved to a full name introduced
earlier, Kompas print style ``”`` opening and closing. Lexicons live in ``kompaskit/data/quote_*.csv``.
"""
from __future__ import annotations

import bisect
import contextvars
import csv
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .article import Article

DATA_DIR = Path(__file__).resolve().parent / "data"
COLUMNS = ["start", "end", "text", "kind", "speaker", "speaker_mention", "speaker_type", "cue",
           "via", "confidence", "rule"]
TABLE_COLUMNS = ["quote_id", "article_id", "para_idx", *COLUMNS]

# ---------------------------------------------------------------- regexes (compiled once)
MARK_RE = re.compile(r"[“”\"„«»]")
CAP = r"[A-Z][\w’'\-]*(?:\.(?=\s[A-Z][a-z]))?"  # Kim Jong-un, Ma’ruf; an initial like `M. Nuh`
CONNECT = r"(?:bin|binti|van|von|der|de|la|al|el|of|the|and|on|for|dan|dr|drg|ir|hj)"
CONNECT_WORDS = frozenset(CONNECT[3:-1].split("|"))  # the same words, for a set lookup per token
NAME_RUN = rf"{CAP}(?:(?:\s+\([A-Z][^()]{{0,40}}\))?(?:\s+\d{{1,3}})?(?:\s*/\s*|\s+(?:{CONNECT}\s+)?){CAP})*"
NAME_RUN_RE = re.compile(NAME_RUN)
LEAD_NAME_RE = re.compile(rf"\s*({NAME_RUN})")
TRAIL_NAME_RE = re.compile(rf"({NAME_RUN})\s*$")
WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*", re.UNICODE)
POST_RE = re.compile(r"\s*[,.!?…]?\s*([A-Za-z]+)\b")
PRONOUN_RE = re.compile(r"\s*(ia|dia|beliau|mereka|Ia|Dia|Beliau|Mereka)\b")
SENT_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“”\"(])")
CLAUSE_END_RE = re.compile(r"[.!?](?=\s|$)|$")
DATELINE_RE = re.compile(
    r"^\s*[A-Z][A-Z .'’\-]{1,40},\s*(?:[A-Za-z .]{0,20}\s)?KOMPAS(?:\.com|\.COM|\.TV|\.tv|\.id|TV)?\s*[—–\-]")
APPOS_RE = re.compile(rf"\s*,\s*({NAME_RUN})")
LEAD_PUNCT_RE = re.compile(r"^[\s,:;]*(?:bahwa\s+)?")
MENURUT_RE = re.compile(rf"\b[Mm]enurut(?:nya\b|\s+(ia|dia|beliau|mereka|{NAME_RUN}))\s*,?\s*")
VIA_RE = re.compile(
    rf"\b(?:[Dd]ikutip|[Dd]ilansir|[Dd]ilaporkan|[Dd]iberitakan|[Dd]isiarkan|[Mm]elansir|[Mm]engutip|kutip)\s+"
    rf"(?:dari\s+|oleh\s+)?(?:laman\s+|situs\s+|media\s+|kantor\s+berita\s+|stasiun\s+televisi\s+)?({NAME_RUN})")
KEPADA_RE = re.compile(rf"\b(?:[Kk]epada|dalam\s+wawancara\s+dengan|saat\s+diwawancarai)\s+"
                       rf"(?:kantor\s+berita\s+|media\s+|stasiun\s+televisi\s+|harian\s+|surat\s+kabar\s+)?({NAME_RUN})")
INDIRECT_SUBJ_BAD = frozenset({"yang", "dengan", "kepada", "oleh", "dari", "untuk", "bagi", "pada",
                               "di", "ke", "agar", "supaya", "jika", "ketika", "saat", "seperti"})
GENERIC_CUE_RE = re.compile(r"\b((?:me|ber)[a-z]{3,})(?=,)")  # `X melihat, …`: a me-/ber- verb then a comma
# ke-…-an / pe-…-an nouns and -pun conjunctions glued to a name at a paragraph start (subheadings)
NOMINAL_RE = re.compile(r"^(?:(?:Ke|Pe[mnr]?|Peng|Peny)[a-z]{4,}an|[A-Z][a-z]+pun)$")
WEEKDAYS = frozenset("Senin Selasa Rabu Kamis Jumat Sabtu Minggu".split())
ADVERBS = frozenset("""pun juga sebelumnya kemudian lantas lalu sendiri pernah telah sudah kembali
bahkan pula secara tegas sempat akhirnya hanya selalu justru sekali lagi langsung masih tetap
kerap sering berulang kali dengan terang terus pun khusus resmi terbuka singkat turut memang berkali-kali
berulang-ulang lagi pula""".split())
CLOSE_FOLLOW = frozenset(" \t\n\r,.;:!?)]…’'-—–")
OPEN_PRECEDE = frozenset(" \t\n\r([—–-‘'")
PASSIVE_VERBS = r"di(?:sampaikan|katakan|ungkapkan|jelaskan|tegaskan|utarakan|paparkan|terangkan|tuturkan|umumkan|akui)"
PASSIVE_RE = re.compile(rf"\b(?:{PASSIVE_VERBS})\s+(?:oleh\s+)?((?:[a-z]+\s+){{0,3}}?{NAME_RUN})")
# the verbs alone: a literal `di` prefix lets the engine skip ahead, so most lines are ruled out
# before the slower `PASSIVE_RE` (which can only match where this does) runs
PASSIVE_HINT_RE = re.compile(PASSIVE_VERBS)
LOWER_WORD_RE = re.compile(r"(?<![\w’'-])[a-z][a-z\-]{2,}\b")
# lower-case vocabulary of the text being read: a capitalised word that also occurs in lower case
# is an ordinary word at a sentence start (`Vaksinasi`, `Melihat`), not a name
_VOCAB: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar("kompaskit_quote_vocab", default=frozenset())
# a sentence opening with a person (`Imam Besar Masjid Istiqlal Nasaruddin Umar memaklumi …`)
SUBJECT_RE = re.compile(rf"(?:[A-Z][a-z]+(?:\s+[a-z]+){{0,3}},\s*)?({NAME_RUN})(?:\s*\([^()]{{1,40}}\))?\s+(?=[a-z])")
# an unnamed speaker after a cue (`kata seorang warga`), stopping at place/time/manner words
LOWER_NP_RE = re.compile(
    r"\s*((?:(?!(?:di|pada|saat|ketika|dalam|kepada|kemarin|seusai|usai|melalui|lewat|dengan|sambil)\b)"
    r"[a-z][a-z\-]*\s*){1,3})")
MAX_QUOTE_LINES = 10  # a quote never runs over more paragraphs than this without re-opening
CONTEXT_CHARS = 400  # how far before/after a quote its cue and speaker are looked for
MAX_PEOPLE = 300  # names remembered per article


# ---------------------------------------------------------------- lexicons (CSV, cached)
def _read_csv(name: str, env: str | None = None) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    paths = [DATA_DIR / name]
    extra = os.environ.get(env) if env else None
    if extra:
        paths.append(Path(extra))
    for path in paths:
        try:
            with open(path, encoding="utf-8", newline="") as fh:
                rows.extend({k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh))
        except (OSError, UnicodeDecodeError, csv.Error):
            continue
    return rows


@dataclass(frozen=True)
class Lexicon:
    cues: dict[str, tuple[str, str, bool]]  # form -> (lemma, position, clitic)
    deletes: dict[str, set[str]]  # one-deletion neighbourhood -> forms (typo tolerance)
    roles: frozenset[str]
    org_heads: frozenset[str]
    org_words: frozenset[str]
    places: frozenset[str]
    place_types: frozenset[str]  # `Desa`, `Partai`: the next capitalised word names the place/body
    pronouns: dict[str, str]
    stopwords: frozenset[str]
    outlets: dict[str, str]  # alias (lower) -> canonical
    aliases: dict[str, str]  # well-known short names -> full name (Jokowi -> Joko Widodo)
    indirect_re: re.Pattern
    title_words: frozenset[str] = frozenset()  # roles | org heads/words | places | place types
    canonical: dict[str, str] = field(default_factory=dict)  # entity_key(alias) -> one canonical name
    # what a capitalised run introduces, shared by all texts read with this lexicon (see `_introduced`)
    introduced: dict = field(default_factory=dict, compare=False, repr=False)


KEY_STRIP_RE = re.compile(r"[\s\-‐–]+")


def entity_key(name: str) -> str:
    """Case-, hyphen- and spacing-insensitive key of a name (`Kim Jong-un` == `kim jong un`)."""
    return KEY_STRIP_RE.sub(" ", name).strip().lower()


def canonical_speaker(name: str, lex: Lexicon) -> str:
    """The registry's one name for a speaker (`Kim Jong Un` -> `Kim Jong-un`, `Badan Intelijen
    Nasional (NIS)` -> `NIS (South Korea)`); lone capitalised words stay as written (`Kim`)."""
    if " " not in name.strip() and not name.isupper():
        return name
    hit = lex.canonical.get(entity_key(name))
    if hit is None:
        bare = PAREN_RE.sub("", name).strip()
        hit = lex.canonical.get(entity_key(bare)) if bare != name else None
    return hit or name


def _trie_pattern(words: list[str]) -> str:
    """A regex matching exactly `words`, as a character trie (`me(?:nga(?:ku|takan)|…)`).

    The regex engine tries a flat alternation of ~100 cue forms one by one at every word start;
    the trie rejects a position after one or two characters. At each node the branches start with
    different characters and an optional branch is tried before stopping, so the match is the
    longest form, as with a longest-first alternation.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(trie)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The quote lexicons from ``kompaskit/data/quote_*.csv`` (plus $KOMPASKIT_QUOTE_CUES etc.)."""
    cues: dict[str, tuple[str, str, bool]] = {}
    for row in _read_csv("quote_cues.csv", "KOMPASKIT_QUOTE_CUES"):
        form, lemma, pos = row.get("form", "").lower(), row.get("lemma", "").lower(), row.get("position", "any")
        if not form:
            continue
        cues[form] = (lemma or form, pos or "any", False)
        if pos in ("after", "before", "any"):
            cues.setdefault(form + "nya", (lemma or form, pos, True))
    deletes: dict[str, set[str]] = {}
    for form in cues:
        if len(form) >= 5:
            for i in range(len(form)):
                deletes.setdefault(form[:i] + form[i + 1:], set()).add(form)
    classes: dict[str, set[str]] = {"role": set(), "org_head": set(), "org_word": set(), "place": set(),
                                    "place_type": set()}
    for row in _read_csv("quote_titles.csv", "KOMPASKIT_QUOTE_TITLES"):
        if row.get("class") in classes and row.get("word"):
            classes[row["class"]].add(row["word"].lower())
    pronouns = {r["form"].lower(): r.get("type", "person") for r in _read_csv("quote_pronouns.csv") if r.get("form")}
    outlets: dict[str, str] = {}
    # the provenance registry first (its canonical names), then the kit's own fallback outlet list
    for row in _read_csv("sources.csv"):
        name = row.get("source", "")
        if name and row.get("type", "") not in ("person", "government", "military", "intelligence"):
            for alias in [name, *re.split(r"[;|]", row.get("aliases", ""))]:
                if alias.strip():
                    outlets.setdefault(alias.strip().lower(), name)
    for row in _read_csv("quote_outlets.csv", "KOMPASKIT_QUOTE_OUTLETS"):
        name = row.get("outlet", "")
        if name:
            canonical = outlets.get(name.lower(), name)
            for alias in [name, *row.get("aliases", "").split(";")]:
                if alias.strip():
                    outlets.setdefault(alias.strip().lower(), canonical)
    aliases = {r["alias"]: r["name"] for r in _read_csv("quote_aliases.csv", "KOMPASKIT_QUOTE_ALIASES")
               if r.get("alias") and r.get("name")}
    canonical: dict[str, str] = {}  # one name per entity: people and states (actors), then sources
    for row in _read_csv("actors.csv"):
        if row.get("type") in ("person", "state") and row.get("actor"):
            for alias in [row["actor"], *re.split(r"[;|]", row.get("aliases", ""))]:
                if alias.strip():
                    canonical.setdefault(entity_key(alias), row["actor"])
    for row in _read_csv("sources.csv"):
        if row.get("source"):
            for alias in [row["source"], *re.split(r"[;|]", row.get("aliases", ""))]:
                if alias.strip():
                    canonical.setdefault(entity_key(alias), row["source"])
    for alias, name in aliases.items():
        canonical.setdefault(entity_key(alias), canonical.get(entity_key(name), name))
    stopwords = frozenset(r["word"] for r in _read_csv("quote_stopwords.csv") if r.get("word"))
    any_forms = sorted((f for f, (_, p, _) in cues.items() if p == "any"), key=len, reverse=True)
    indirect_re = re.compile(r"\b(" + _trie_pattern(any_forms) + r")\b") if any_forms else re.compile(r"(?!)")
    title_words = frozenset().union(*(classes[c] for c in ("role", "org_head", "org_word", "place", "place_type")))
    return Lexicon(cues, deletes, frozenset(classes["role"]), frozenset(classes["org_head"]),
                   frozenset(classes["org_word"]), frozenset(classes["place"]),
                   frozenset(classes["place_type"]), pronouns, stopwords, outlets,
                   aliases, indirect_re, title_words, canonical)


def cue_lookup(word: str, lex: Lexicon | None = None) -> tuple[str, str, bool] | None:
    """(lemma, position, clitic) of a cue word, tolerating one typo when the match is unique."""
    lex = lex or lexicon()
    w = word.lower()
    hit = lex.cues.get(w)
    if hit is not None or len(w) < 5:
        return hit
    cands: set[str] = set(lex.deletes.get(w, ()))  # one letter added or replaced
    for i in range(len(w)):
        short = w[:i] + w[i + 1:]
        if short in lex.cues and len(short) >= 5:
            cands.add(short)  # one letter too many
        cands |= lex.deletes.get(short, set())  # one letter replaced
    lemmas = {lex.cues[c][0] for c in cands}
    if len(lemmas) == 1:
        best = min(cands, key=len)
        return lex.cues[best]
    return None


# ---------------------------------------------------------------- speakers
def _title_word(tok: str, lex: Lexicon) -> bool:
    return tok.lower() in lex.title_words or (len(tok) >= 2 and tok.isupper())  # acronyms: KPUD, DPP, BNPB


def trim_run(run: str, lex: Lexicon) -> str:
    """Drop capitalised function words a sentence start glues onto a name (`Menurut Haris`)."""
    toks = run.split()
    vocab = _VOCAB.get()
    i = 0
    while i < len(toks) and (toks[i] in lex.stopwords or (
            i < len(toks) - 1 and not _title_word(toks[i], lex) and toks[i] not in lex.aliases
            and (NOMINAL_RE.match(toks[i]) or toks[i].lower() in vocab))):
        i += 1
    while len(toks) > i and toks[-1] in WEEKDAYS:
        toks.pop()
    return " ".join(toks[i:])


PAREN_RE = re.compile(r"\s*\([^()]*\)")
PAREN_INNER_RE = re.compile(r"\(([^()]*)\)")
PAREN_OR_NUMBER_RE = re.compile(r"\([^()]*\)|(?<!\S)\d+(?!\S)")  # `(45)`, ages and counts inside a run


def split_mention(mention: str, lex: Lexicon) -> tuple[list[str], list[str]]:
    """(title/role/org words before the name, name tokens) of a capitalised run."""
    toks = PAREN_OR_NUMBER_RE.sub(" ", trim_run(mention, lex)).split()
    toks = [t for part in toks for t in part.split("/") if t]
    i = 0
    while i < len(toks) and (_title_word(toks[i], lex) or toks[i] in CONNECT_WORDS
                             or (i and toks[i - 1].lower() in lex.place_types and i < len(toks) - 2)):
        i += 1
    if len(toks) - i > 3:  # a long office title with unknown words: the name follows its last title word
        last = max((k for k in range(i, len(toks) - 1) if _title_word(toks[k], lex) or toks[k] in ("dan", "of")),
                   default=-1)
        if last >= 0:
            i = last + 1
    if i and len(toks) - i > 3:  # `CEO Bio Farma Digital Soleh Ayubi`: a title, then org words, then a name
        i = len(toks) - 3
    return toks[:i], toks[i:]


def _is_org(mention: str, lex: Lexicon) -> bool:
    toks = mention.split()
    if not toks:
        return False
    first = toks[0].lower()
    if mention.lower() in lex.outlets:
        return True
    bare = PAREN_RE.sub("", mention).strip().lower()  # `Korean Central News Agency (KCNA)`
    if bare in lex.outlets or any(p.strip().lower() in lex.outlets for p in PAREN_INNER_RE.findall(mention)):
        return True
    if first in lex.org_heads:  # `PT Eigerindo Multi Produk Industri Zafrullah Sunyaruri` is a person
        name = split_mention(mention, lex)[1]  # `Kremlin Dmitry Peskov`: an office, then a person
        return not (len(toks) >= 3 and len(name) in (2, 3)
                    and not any(t.lower() in lex.places or t.isupper() for t in name))
    if len(toks) == 1 and toks[0].isupper() and len(toks[0]) >= 2 and first not in lex.roles:
        return True  # acronyms: KCNA, TNI, KPK
    return all(_title_word(t, lex) for t in toks) and first not in lex.roles and first not in lex.places


def _is_state(mention: str, lex: Lexicon) -> bool:
    """`Korea Utara`, `Iran`: a name made of place words speaks as its state (an organisation)."""
    toks = mention.split()
    return 0 < len(toks) <= 3 and all(len(t) >= 3 and t.lower() in lex.places for t in toks)


@dataclass
class Memory:
    """What an article has introduced so far: people (full names, roles) and recent speakers."""

    people: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (full name, role words)
    last_person: str | None = None
    last_org: str | None = None
    last_speaker: tuple[str, str] | None = None
    last_person_speaker: str | None = None
    names: dict[str, str] = field(default_factory=dict)  # entity key -> the article's first name for it

    def introduce(self, name: str, roles: list[str] | tuple[str, ...]) -> None:
        key = tuple(r.lower() for r in roles)
        old_roles = next((r for n, r in self.people if n == name and r), ())
        self.people = [p for p in self.people if p[0] != name]
        self.people.append((name, key or old_roles))  # most recent last; keep a known role
        if len(self.people) > MAX_PEOPLE:  # a long text without datelines: forget the oldest
            del self.people[: len(self.people) - MAX_PEOPLE]

    def full_name(self, name_toks: list[str]) -> str | None:
        n = len(name_toks)
        for full, _ in reversed(self.people):
            ft = full.split()
            if len(ft) > n and any(ft[i:i + n] == name_toks for i in range(len(ft) - n + 1)):
                return full
        return None

    def by_role(self, roles: list[str]) -> str | None:
        key = tuple(r.lower() for r in roles)
        for full, r in reversed(self.people):
            if r == key:
                return full
        for full, r in reversed(self.people):  # `Gubernur` for `Gubernur Jawa Barat`
            if r and (r[:len(key)] == key or r[-len(key):] == key):
                return full
        return None


def one_name(name: str, mem: Memory, lex: Lexicon) -> str:
    """One name per entity in an article: the first form it used (`Kim Jong Un` then `Kim Jong-un`,
    `Intelijen Korea Selatan` then `NIS` are one speaker each)."""
    return mem.names.setdefault(entity_key(canonical_speaker(name, lex)), name)


def resolve(mention: str, mem: Memory, lex: Lexicon) -> tuple[str, str]:
    """(speaker, speaker_type) for a mention as written, updating the article memory."""
    m = mention.strip()
    if not m:
        return "", "unknown"
    if m.islower() and m not in lex.pronouns and m != "-nya":
        if m.split()[0] in DOCUMENT_WORDS and DOC_ANAPHOR_RE.search(m) and mem.last_speaker:
            return mem.last_speaker  # `kata pernyataan itu`: whoever issued it
        return m, "unknown"  # `seorang warga`, `sumber itu`: kept as written, not a known entity
    if m.lower() not in lex.pronouns:
        m = trim_run(m, lex) or m
    low = m.lower()
    if low in lex.pronouns or low in ("-nya",):
        if lex.pronouns.get(low, "person") == "group":
            return (mem.last_org or "", "organisation" if mem.last_org else "unknown")
        if mem.last_person_speaker:
            return mem.last_person_speaker, "person"
        if mem.last_person:
            return mem.last_person, "person"
        if mem.people:
            return mem.people[-1][0], "person"
        return "", "unknown"  # nobody to refer to yet
    if _is_org(m, lex) or _is_state(m, lex):
        name = one_name(lex.outlets.get(low) or lex.aliases.get(m, m), mem, lex)
        mem.last_org = name
        return name, "organisation"
    roles, name = split_mention(m, lex)
    if "dan" in name:  # `Jeremy dan Mario`: several people, not one speaker to refer back to
        return " ".join(name), "unknown"
    if name:
        full = mem.full_name(name) if len(name) <= 2 else None
        if full is None and " ".join(name) in lex.aliases:
            full = lex.aliases[" ".join(name)]
        speaker = one_name(full or " ".join(name), mem, lex)
        if full is None:
            mem.introduce(speaker, roles)
        elif roles:
            mem.introduce(full, roles)
        mem.last_person = speaker
        return speaker, "person"
    full = mem.by_role(roles)
    if full:
        mem.last_person = full
        return full, "person"
    return m, "person" if roles and roles[0].lower() in lex.roles else "unknown"


def _register_people(line: str, mem: Memory, lex: Lexicon,
                     seen: dict[str, tuple[str, tuple[str, ...]] | None] | None = None) -> None:
    """Remember the full names a paragraph introduces (so `Kim` -> `Kim Jong-un` later).

    `seen` caches, for one text, what each capitalised run introduces (None: nobody)."""
    d = DATELINE_RE.match(line)
    if seen is None:
        seen = {}
    for m in NAME_RUN_RE.finditer(line, d.end() if d else 0):
        raw = m.group(0)
        if raw in seen:
            hit = seen[raw]
        else:
            hit = seen[raw] = _introduced(raw, lex)
        if hit is not None:
            mem.introduce(hit[0], hit[1])


MAX_INTRODUCED = 50_000  # runs remembered across texts before the memo starts afresh


def _introduced(raw: str, lex: Lexicon) -> tuple[str, tuple[str, ...]] | None:
    """(full name, role words) a capitalised run introduces, or None.

    The answer depends on the run, the lexicon and which of its words the text also uses in
    lower case, so it is memoised on the lexicon under that key (names recur across articles)."""
    toks = raw.split()
    if len(toks) < 2:  # one token never trims to a multi-word run
        return None
    vocab = _VOCAB.get()
    key = (raw, tuple(t.lower() in vocab for t in toks))
    memo = lex.introduced
    if key in memo:
        return memo[key]
    if len(memo) >= MAX_INTRODUCED:
        memo.clear()
    memo[key] = hit = _introduced_in(raw, lex)
    return hit


def _introduced_in(raw: str, lex: Lexicon) -> tuple[str, tuple[str, ...]] | None:
    run = trim_run(raw, lex)
    if " " not in run or run.split()[0].lower() in lex.org_heads:
        return None
    roles, name = split_mention(run, lex)
    if len(name) >= 2 or (name and roles and roles[0].lower() in lex.roles):
        return " ".join(name), tuple(roles)  # a tuple: the memo shares it between texts
    return None


def _name_len(run: str, lex: Lexicon) -> int:
    """How many name tokens a run has once titles, roles and places are stripped (0: none)."""
    if _is_org(run, lex):
        return 0
    return len(split_mention(run, lex)[1])


ASIDE_CHUNK_RE = re.compile(r"\s*(?:dalam|melalui|lewat|di|pada|saat|ketika|kepada|seperti|yang|sebagaimana)\b")


def _pick_in_chain(chunks: list[str], lex: Lexicon, described: bool = False) -> str:
    """From `Role Org, Name, Weekday` chunks pick the one naming a person (else the first)."""
    runs, states = [], []
    for chunk in chunks:
        if ASIDE_CHUNK_RE.match(chunk):  # `, dalam tanggapan yang diunggah di situs X,`: not the subject
            continue
        m = NAME_RUN_RE.search(chunk)
        if m:
            run = trim_run(m.group(0), lex)
            toks = run.split()
            if run and _is_state(run, lex):
                states.append(run)
            if lex.outlets.get(run.lower()) and runs and not lex.outlets.get(runs[0].lower()):
                return run  # `Media Pemerintah Korea Utara, KCNA,`: the named outlet
            if run and not all(t in WEEKDAYS or t.lower() in lex.places for t in toks) and not (
                    runs and toks[0].lower() in lex.place_types and len(toks) <= 3):  # `, Kelurahan X,`
                runs.append(run)
    if not runs:
        return states[0] if states else ""
    if len(runs) == 1:
        return runs[0]
    first_len = _name_len(runs[0], lex)
    later = [r for r in runs[1:] if 1 <= _name_len(r, lex) <= 4]
    # `Role Org, Name`: a first chunk led by a title (or naming no one) describes the apposed name
    if later and (described or first_len == 0 or split_mention(runs[0], lex)[0]
                  or (first_len == 1 and any(_name_len(r, lex) >= 2 for r in later))):
        return later[0]
    return runs[0]


CHAIN_RE = re.compile(rf"(?:\s*\([^()]{{1,40}}\))?\s*,\s*(?:dan\s+)?({NAME_RUN})")


def _post_mention(rest: str, lex: Lexicon) -> str:
    """The speaker mention right after a cue: pronoun, name, or `role, Name` apposition."""
    m = PRONOUN_RE.match(rest)
    if m:
        return m.group(1)
    # lower-case role words before the name: `kata juru bicara Kemenlu, Teuku Faizasyah`
    pos = 0
    words = 0
    while words < 6:
        w = re.match(r"\s*([a-z]+)\b", rest[pos:])
        # after a role word, a few more lower-case words may qualify it (`pakar epidemiologi`)
        if not w or (w.group(1) not in lex.roles and w.group(1) not in lex.org_words
                     and not (words and (w.group(1) in ("dari", "di") or words <= 2))):
            break
        pos += w.end()
        words += 1
    m = LEAD_NAME_RE.match(rest, pos)
    if not m:
        return ""
    chunks = [m.group(1)]
    end = m.end()
    while True:
        nxt = re.match(r"\s*dari\s+(" + NAME_RUN + ")", rest[end:]) if len(chunks) == 1 else None
        if nxt and not _name_len(chunks[0], lex) == 0:
            break
        if nxt:
            chunks[-1] += " " + nxt.group(1)
            end += nxt.end()
            continue
        ap = CHAIN_RE.match(rest, end)
        if not ap or len(chunks) >= 4:
            break
        chunks.append(ap.group(1))
        end = ap.end()
    if len(chunks) == 1:
        return trim_run(chunks[0], lex) or chunks[0]
    # only follow the apposition when the first chunk is a role/organisation description
    if words or _name_len(chunks[0], lex) == 0 or split_mention(chunks[0], lex)[0]:
        return _pick_in_chain(chunks, lex, described=bool(words))
    return trim_run(chunks[0], lex)


def _mention_name(mention: str) -> str:
    """The capitalised run of a mention (drops lower-case role words)."""
    m = re.search(NAME_RUN, mention)
    if m and m.start() > 0 and mention[:m.start()].strip().islower():
        return m.group(0)
    return mention.strip()


def _common_word(run: str) -> bool:
    """A lone capitalised word the text also uses in lower case (`Setiap`, `Melihat`)."""
    return " " not in run and run.lower() in _VOCAB.get()


def _pre_subject(before: str, lex: Lexicon) -> str:
    """The subject just before a cue verb (adverbs skipped): a name, pronoun or organisation."""
    s = before.rstrip()
    while True:
        m = re.search(r"(\S+)$", s)
        if not m or m.group(1).lower() not in ADVERBS:
            break
        s = s[:m.start()].rstrip()
    m = re.search(r"\b(ia|dia|beliau|mereka|Ia|Dia|Beliau|Mereka)$", s)
    if m:
        prev = s[:m.start()].rstrip().split()
        if prev and prev[-1].lower() in INDIRECT_SUBJ_BAD:
            return ""
        return m.group(1)
    if s.endswith(",") and s.count(",") == 1:  # `Dmitry Peskov, menjelaskan`: one subject, a stray comma
        s = s[:-1].rstrip()
    if s.endswith(","):  # `Teuku Faizasyah, juru bicara Kemenlu, mengatakan`
        chunks = [c for c in s.split(",") if c.strip()]
        if 2 <= len(chunks) <= 5:
            return _pick_in_chain(chunks, lex)
        return ""
    m = TRAIL_NAME_RE.search(s)
    if m:
        prev = s[:m.start()].rstrip().split()
        if prev and prev[-1].lower() in INDIRECT_SUBJ_BAD:
            return ""
        run = trim_run(m.group(1), lex)
        if run and not (_common_word(run) and not s[:m.start()].strip()):
            return run
    # `X dalam kesempatan itu mengatakan`: the clause opens with the subject
    m = re.match(rf"\s*(?:[A-Z][a-z]+\s+itu,\s*)?({NAME_RUN})", s)
    if m and "," not in s[m.end():] and len(s) - m.end() <= 60:
        run = trim_run(m.group(1), lex)
        if run and not _common_word(run) and (_name_len(run, lex) or _is_org(run, lex)):
            return run
    return ""


def _vias(segment: str, lex: Lexicon) -> list[str]:
    out: list[str] = []
    for m in VIA_RE.finditer(segment):
        name = _clean_outlet(m.group(1), lex)
        if name and name not in out:
            out.append(name)
    for m in KEPADA_RE.finditer(segment):
        name = lex.outlets.get(m.group(1).lower())
        if name is None and m.group(1).split()[0].lower() in ("kantor",):
            name = m.group(1)
        if name and name not in out:
            out.append(name)
    return out


def _clean_outlet(run: str, lex: Lexicon) -> str:
    toks = run.split()
    # drop weekday/date words that follow an outlet name
    while toks and toks[-1] in ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"):
        toks.pop()
    name = " ".join(toks)
    return lex.outlets.get(name.lower(), name)


# ---------------------------------------------------------------- direct quotes
@dataclass
class Quote:
    parts: list[tuple[int, int]]  # (start, end) per paragraph, marks excluded
    open_pos: int
    close_pos: int  # index of the closing mark (or end of content when unclosed)
    line: int
    end_line: int
    kind: str = "direct"
    cue: str = ""
    mention: str = ""
    position: str = ""  # after | before | context
    via: list[str] = field(default_factory=list)
    speech: bool = True
    rule: str = ""
    confidence: float = 0.0
    speaker: str = ""
    speaker_type: str = "unknown"


def _line_bounds(text: str) -> tuple[list[int], list[int]]:
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    ends = [s - 1 for s in starts[1:]] + [len(text)]
    return starts, ends


def _mark_role(text: str, i: int) -> str:
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    ch = text[i]
    opening = prev in OPEN_PRECEDE and not nxt.isspace()
    closing = not prev.isspace() and (nxt in CLOSE_FOLLOW or nxt == "”")
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    if ch == "“" or ch == "„" or ch == "«":
        return "open"
    return "either"


def _find_direct(text: str, line_starts: list[int], line_ends: list[int]) -> list[Quote]:
    quotes: list[Quote] = []
    open_pos = -1
    open_line = 0
    cont: list[int] = []  # positions of continuation marks at paragraph starts

    def line_of(pos: int) -> int:
        return bisect.bisect_right(line_starts, pos) - 1

    def close(end_content: int, close_pos: int) -> None:
        start = open_pos + 1
        parts = []
        seg_start = start
        for c in cont:
            ln = line_of(c)
            parts.append((seg_start, line_ends[ln - 1]))
            seg_start = c + 1
        parts.append((seg_start, end_content))
        parts = [(a, b) for a, b in (_strip(text, a, b) for a, b in parts) if b > a]
        if parts:
            quotes.append(Quote(parts, open_pos, close_pos, open_line, line_of(max(end_content - 1, parts[-1][0]))))

    for m in MARK_RE.finditer(text):
        i = m.start()
        role = _mark_role(text, i)
        if open_pos < 0:
            if role != "close":
                open_pos, open_line, cont = i, line_of(i), []
            continue
        ln = line_of(i)
        if ln - open_line > MAX_QUOTE_LINES:
            close(line_ends[open_line], line_ends[open_line])
            open_pos = -1
            if role != "close":
                open_pos, open_line, cont = i, ln, []
            continue
        at_line_start = _first_text(text, line_starts[ln]) >= i
        if role == "open":
            if at_line_start and ln > open_line:
                cont.append(i)  # a new paragraph re-opens the running quote
                continue
            # an opening mark inside a quote: the earlier one was never closed
            close(line_ends[open_line], line_ends[open_line]) if ln > open_line else None
            open_pos, open_line, cont = i, ln, []
            continue
        if role == "either" and at_line_start and ln > open_line and text[i + 1:i + 2].strip():
            cont.append(i)
            continue
        close(i, i)
        open_pos = -1
    if open_pos >= 0:
        last = min(line_ends[open_line] if not cont else line_ends[line_of(cont[-1])], len(text))
        cont = [c for c in cont if c < last]
        close(last, last)
    return quotes


NONSPACE_RE = re.compile(r"\S")


def _first_text(text: str, line_start: int) -> int:
    """Index of the first non-blank character at or after `line_start` (len(text) if none)."""
    m = NONSPACE_RE.search(text, line_start)
    return m.start() if m else len(text)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _attribute_direct(text: str, q: Quote, line_starts: list[int], line_ends: list[int], lex: Lexicon) -> None:
    """Find the cue and speaker mention of a direct quote (after, before), and its via."""
    end_line_end = line_ends[q.end_line]
    # bounded windows: a cue and its speaker sit within a few hundred characters of the marks
    after = (text[q.close_pos + 1:min(end_line_end, q.close_pos + 1 + CONTEXT_CHARS)]
             if q.close_pos < end_line_end else "")
    m = POST_RE.match(after)
    if m:
        hit = cue_lookup(m.group(1), lex)
        if hit and hit[1] in ("after", "any"):
            lemma, _, clitic = hit
            q.cue, q.position = lemma, "after"
            rest = after[m.end():]
            q.mention = "-nya" if clitic else _post_mention(rest, lex)
            if not q.mention and not clitic:  # `kata seorang warga`: an unnamed speaker, as written
                lw = LOWER_NP_RE.match(rest)
                q.mention = lw.group(1).strip() if lw else ""
            sentence_end = CLAUSE_END_RE.search(rest)
            q.via = _vias(rest[: sentence_end.end() if sentence_end else None], lex)
            q.rule = "cue-after" + ("-clitic" if clitic else "")
            q.confidence = 0.95 if q.mention and not clitic else 0.85
            return
    start_line = line_starts[q.line]
    before = text[max(start_line, q.open_pos - CONTEXT_CHARS):q.open_pos]
    sent_start = 0
    for sm in SENT_END_RE.finditer(before):
        sent_start = sm.end()
    clause = before[sent_start:]
    if not clause.strip() and q.line > 0:  # `Ia mengatakan:` closing the previous paragraph
        prev = text[line_starts[q.line - 1]:line_ends[q.line - 1]]
        if prev.rstrip().endswith(":"):
            clause = prev.rstrip()[:-1] + ","
            for sm in SENT_END_RE.finditer(clause):
                clause = clause[sm.end():]
    c = clause.rstrip()
    if c.endswith((",", ":")) or re.search(r"\bbahwa$", c):
        core = re.sub(r"(?:\s*bahwa)?\s*[,:]?$", "", c)
        mm = MENURUT_RE.search(core)
        if mm and mm.end() >= len(core.rstrip(" ,")):
            q.cue, q.position = "menurut", "before"
            q.mention = mm.group(1) or "-nya"
            q.rule, q.confidence = "menurut", 0.9
        else:
            w = re.search(r"([A-Za-z]+)\s*$", core)
            hit = cue_lookup(w.group(1), lex) if w else None
            if hit and hit[1] in ("any", "after"):
                lemma, _, clitic = hit
                head = core[:w.start()]
                if clitic:
                    mention = "-nya"
                else:
                    mention = _pre_subject(head, lex)
                    if not mention and hit[1] == "after":  # `kata Presiden: ”…”`
                        mention = _post_mention(core[w.end():], lex)
                q.cue, q.position, q.mention = lemma, "before", mention
                q.rule, q.confidence = "cue-before", 0.9 if mention else 0.6
            elif c.endswith(":") and TRAIL_NAME_RE.match(core.strip() + " "):
                # a caption or interview line: `Kepala BMKG Dwikorita Karnawati: ”…”`
                q.cue, q.position, q.mention = "", "before", core.strip()
                q.rule, q.confidence = "speaker-colon", 0.8
                q.via = _vias(clause, lex)
                return
            elif w:  # `kata Menlu Retno:` -> cue then name
                cm = re.search(r"\b([A-Za-z]+)\s+(" + NAME_RUN + r"|ia|dia|beliau)\s*$", core)
                hit = cue_lookup(cm.group(1), lex) if cm else None
                if hit:
                    q.cue, q.position, q.mention = hit[0], "before", cm.group(2)
                    q.rule, q.confidence = "cue-before-inverted", 0.85
        if q.cue:
            q.via = _vias(clause, lex)
            return
    # no cue: speech if sentence-like, else a scare quote / title
    content = text[q.parts[0][0]:q.parts[-1][1]]
    n_words = len(WORD_RE.findall(content))
    punct_end = bool(re.search(r"[.,!?…]\s*$", content))
    para_start = (_first_text(text, start_line) >= q.open_pos
                  or bool(DATELINE_RE.match(text[start_line:min(q.open_pos + 1, start_line + 80)])))
    q.speech = (punct_end and n_words >= 2) or (para_start and n_words >= 4) or n_words >= 8 or q.end_line > q.line
    q.rule, q.confidence, q.position = "no-cue-context", 0.5, "context"


def _match_start(m: re.Match) -> int:
    return m.start()


# ---------------------------------------------------------------- indirect speech
# a time phrase, an addressee (`kepada Al Jazeera`) or a setting between a subject and its verb
TIME_TAIL_RE = re.compile(
    r"\b(?:pada\s+)?(?:hari\s+)?(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)(?:\s*\([^()]*\))?"
    r"(?:\s+(?:pagi|siang|sore|malam|dini\s+hari|lalu|kemarin|ini))?\s*,?\s*$")
ASIDE_TAIL_RE = re.compile(
    rf"\b(?:[Kk]epada|dalam\s+wawancara\s+dengan)\s+(?:media\s+|wartawan\s+|kantor\s+berita\s+|stasiun\s+televisi\s+)?"
    rf"(?:{NAME_RUN}|[a-z]+(?:\s+[A-Z][\w-]*)*)\s*,?\s*$"
    r"|\bdalam\s+(?:sebuah\s+)?(?:pernyataan|keterangan|konferensi\s+pers|wawancara|unggahan|pesan|rilis)\w*"
    r"(?:\s+(?:resmi|tertulis|video|pers|itu|tersebut))?\s*,?\s*$")
# a verb that makes the cue an aim, not an utterance (`berusaha memastikan`, `ingin menyampaikan`)
MODAL_TAIL_RE = re.compile(r"\b(?:berusaha|mencoba|ingin|hendak|untuk|guna|bisa|dapat|mampu|gagal|enggan|perlu"
                           r"|harus|demi|agar|supaya|akan\s+berusaha)\s*$")
# what sits between a cue and its content: an addressee before `bahwa`, or the complementiser
AFTER_CUE_RE = re.compile(
    r"[\s,:;]*(?:(?:kepada|pada|dalam|di|saat|ketika|melalui|lewat|seusai|usai)\b[^,.;\"“”]{0,80}?\s*,?\s*bahwa\s+"
    r"|(?:kepada|di\s+hadapan)\s+[^,.;\"“”]{1,50},\s*|(?:bahwa|jika|kalau)\s+)?")
CLAUSE_OPENER_RE = re.compile(r"\s*(?:(?:Namun|Meski|Meskipun|Sementara\s+itu|Sebelumnya|Selain\s+itu|Kemudian|Lalu"
                              r"|Adapun|Di\s+sisi\s+lain|Sedangkan|Kini|Saat\s+ini)\b\s*,?\s*)?")
VERB_WORD_RE = re.compile(r"(?<![\w-])(?:me[mnlrwy]|ber|di)[a-z]{3,}\b")
NOUNS_LIKE_VERBS = frozenset("""menteri media mereka berita dinas diplomat direktur diktator diaspora berbagai
dirinya dini dia bersama beserta""".split())
NP_BAD_FIRST = INDIRECT_SUBJ_BAD | frozenset("""setelah sebelum karena sejak hingga bahwa jika dan tetapi namun
sementara meski walau sebab maka lalu kemudian ia dia mereka dalam sesaat menjelang selama seusai usai""".split())
GROUP_WORDS = frozenset("""media militer pemerintah kementerian laporan kantor badan dinas pasukan tentara
kedutaan delegasi otoritas lembaga organisasi kelompok partai parlemen dewan angkatan
saluran stasiun situs laman kabar harian koran""".split())
# documents that speak for whoever issued them: `laporan itu`, `posting tersebut` refer back
DOCUMENT_WORDS = frozenset("""laporan pernyataan posting unggahan komentar surat dokumen pesan rilis siaran
keterangan""".split())
ANAPHOR_END_RE = re.compile(r"\b(?:itu|tersebut|ini)$")
DOC_ANAPHOR_RE = re.compile(r"\b(?:itu|tersebut|ini)\b")
# `Menurut X, …` / `Menurut laporan X …` / `Berdasarkan keterangan X, …`
ACCORDING_RE = re.compile(
    r"\b(?:[Mm]enurut|[Bb]erdasarkan\s+(?:keterangan|laporan|informasi|data|pernyataan))"
    r"(?:nya\b|\s+(?:(?:laporan|keterangan|pernyataan|informasi|data|sumber)\s+)?"
    rf"(ia|dia|beliau|mereka|{NAME_RUN}(?:\s*\([^()]{{1,30}}\))?(?:\s+via\s+{NAME_RUN})?"
    rf"|(?:[a-z][\w-]*\s+){{0,5}}[a-z][\w-]*(?:\s+{NAME_RUN})?(?=\s*,)))"
    r"(?P<comma>\s*,)?\s*")
# a passive source tag opening a sentence (`Dilansir dari DW, …`): provenance, not content
SOURCE_TAG_RE = re.compile(r"\s*(?:Seperti\s+)?(?:[Dd]ikutip|[Dd]ilansir|[Mm]elansir|[Mm]engutip|[Dd]ilaporkan|[Dd]iberitakan)\b")
IMPERSONAL_RE = re.compile(r"(?:Dikatakan|Disebutkan|Ditambahkan|Dijelaskan|Diungkapkan|Ditegaskan|Dilaporkan|Diberitakan)"
                           r"(?:\s+(?:pula|juga|pun))?\s*,\s*")
# `P, kata X, Q.` / `P, tambahnya.` / `Kini, lanjut Putin, Kim …`: a speech tag inside or after a paraphrase
INNER_TAG_RE = re.compile(
    rf",\s*(?P<cue>kata|ujar|ucap|tutur|lanjut|tambah|imbuh|jelas|ungkap|tegas|sambung|tandas|papar|terang)"
    rf"(?:(?P<nya>nya)|\s+(?P<who>ia|dia|beliau|{NAME_RUN}))\s*(?P<end>,|\.|$)")
# `P, CBS News melaporkan.`: subject and verb after the content
TRAIL_CLAUSE_RE = re.compile(rf",\s*(?P<who>{NAME_RUN})\s+(?P<cue>melaporkan|mengatakan|menyebutkan|menyebut|menambahkan"
                             r"|menegaskan|menjelaskan|memberitakan|menulis|mengklaim|mengeklaim)\s*[.!]?\s*$")
# `Hal itu disampaikan oleh X` (the previous sentence) and `S diungkapkan oleh X.` (this one)
BACKREF_RE = re.compile(
    r"\s*(?:Hal|Pernyataan|Informasi|Keterangan|Kabar|Klaim|Penjelasan|Pengumuman|Pesan|Laporan|Ucapan|Komentar)"
    r"\s+(?:itu|tersebut|ini)\b[^.;]{0,60}?\b(?:di(?:sampaikan|katakan|ungkapkan|jelaskan|tegaskan|utarakan|paparkan"
    r"|terangkan|tuturkan|umumkan|sebutkan|laporkan|kemukakan|beritakan))\b(?:\s+(?:pula|juga|langsung))?\s+(?:oleh\s+)?"
    r"(?P<who>[^,.;]{2,80})")
PASSIVE_AGENT_RE = re.compile(
    r"\s+(?:di(?:sampaikan|katakan|ungkapkan|umumkan|sebutkan|laporkan|beritakan|kemukakan))\s+oleh\s+(?P<who>[^,.;]{2,80})")
COORD_CUE_GAP_RE = re.compile(r",\s*(?:dan\s+|serta\s+|seraya\s+|sambil\s+)?$")
ROLE_TAIL_RE = re.compile(r"\s+(?:pada|di|saat|ketika|dalam|sejak|kepada)\b.*$")


INDIRECT_HINT_RE = re.compile(r"enurut|erdasarkan|,|\bdi[a-z]+kan\b|^\s*D")  # lines worth the full scan


def _after_cue(sent: str, at: int) -> int:
    """Offset in `sent` where the content after a cue starts (after `bahwa`, an addressee, a comma)."""
    m = AFTER_CUE_RE.match(sent, at)
    return m.end() if m else at


def _strip_asides(head: str) -> str:
    """`X pada Senin (4/11/2023)`, `X kepada Al Jazeera`, `X dalam pernyataannya` -> `X`."""
    s = head.rstrip()
    while True:
        t = TIME_TAIL_RE.sub("", s).rstrip()
        t = ASIDE_TAIL_RE.sub("", t).rstrip()
        words = t.split()
        while words and words[-1].lower() in ADVERBS:
            words.pop()
        t = " ".join(words) if words != t.split() else t
        if t == s:
            return s
        s = t


def _noun_phrase_subject(head: str) -> str:
    """A sentence-initial subject noun phrase written in common words (`Para petugas medis Palestina`,
    `Laporan tersebut`, `media lokal`), or ''. Verbs may only occur inside a `yang` clause."""
    h = head.strip().rstrip(",").strip()
    h = h[CLAUSE_OPENER_RE.match(h).end():]
    words = h.split()
    if not 1 <= len(words) <= 12 or words[0].lower() in NP_BAD_FIRST:
        return ""
    if any(ch in h for ch in ':;"“”()') and not re.fullmatch(r"[^:;\"“”]*\([A-Z][^()]{0,20}\)[^:;\"“”]*", h):
        return ""
    main = re.split(r"\s+yang\s+", h, maxsplit=1)[0]
    if any(w not in NOUNS_LIKE_VERBS for w in VERB_WORD_RE.findall(main)) or "," in h:
        return ""
    return h


DETERMINERS = frozenset("""para sebuah seorang sejumlah beberapa belasan puluhan ratusan ribuan kedua pihak
si sang""".split())
# `X mengutip (pernyataan) Y yang menyatakan`, `X yang melansir Y, menyebut`, `Y via X melaporkan`: Y speaks
RELAY_TAIL_RE = re.compile(
    rf"(?:(?P<by>{NAME_RUN})\s+)?(?:yang\s+)?(?:mengutip|melansir)\s+(?:(?:pernyataan|laporan|keterangan|kantor\s+berita"
    rf"|media|situs)\s+)?(?:[a-z]+\s+){{0,4}}?(?:{NAME_RUN}\s*,\s*)?(?P<who>{NAME_RUN}(?:\s*\([^()]{{1,30}}\))?)"
    rf"(?:\s+yang|\s*,)?\s*$|(?P<who2>{NAME_RUN})\s+via\s+(?P<by2>{NAME_RUN})\s*,?\s*$")
CITED_RE = re.compile(rf"\s+(?:(?:pernyataan|laporan|keterangan)\s+)?(?P<who>{NAME_RUN}(?:\s*\([^()]{{1,30}}\))?"
                      rf"(?:\s+{NAME_RUN})?)\s*,?\s*(?:yang\s+(?:menyatakan|mengatakan|menyebut)\s+)?bahwa\s+")


def _participle_head(head: str) -> re.Match | None:
    """The main verb of `S VERB …,` when a cue follows that comma without a subject of its own."""
    if not head.rstrip().endswith(","):
        return None
    for vm in VERB_WORD_RE.finditer(head):
        if vm.group(0) not in NOUNS_LIKE_VERBS and not re.search(r"\byang\s*$", head[:vm.start()]):
            return vm
    return None


def _short_quote_follows(sent: str, at: int) -> bool:
    """True when the quote opening at `at` closes within three words (a scare-quoted term, `mixed`)."""
    close = MARK_RE.search(sent, at + 1)
    return bool(close) and len(WORD_RE.findall(sent[at + 1:close.start()])) <= 3


def _prefer_noun_phrase(noun_phrase: str, subj: str, lex: Lexicon) -> bool:
    """A common-noun subject wins over the name found at its end (`Para petugas medis Palestina`,
    `Dinas intelijen Korea Selatan`, `Laporan media itu`) or when no name was found."""
    if not subj:
        return True
    words = noun_phrase.split()
    if noun_phrase == subj or len(words) < 2:
        return False
    first = words[0].lower()
    lowered = any(w.islower() for w in words[1:])
    return lowered and (first in DETERMINERS or first in GROUP_WORDS or first in lex.org_heads
                        or bool(ANAPHOR_END_RE.search(noun_phrase.lower())))


def _generic_speaker(np_: str, mem: "Memory", lex: Lexicon) -> tuple[str, str]:
    """Speaker of a common-noun subject: a role noun with `itu/tersebut` refers back to the last
    person speaker; other phrases are kept as written, typed by their head words."""
    low = np_.lower()
    toks = low.split()
    if ANAPHOR_END_RE.search(low) and any(t in lex.roles for t in toks):
        role = next(t for t in toks if t in lex.roles)
        named = next((name for name, roles in reversed(mem.people) if role in roles), None)
        if named or mem.last_person_speaker:  # `Pemimpin yang berkuasa sejak 2011 itu`: the last pemimpin
            return named or mem.last_person_speaker, "person"
    if ANAPHOR_END_RE.search(low) and mem.last_speaker and any(t in GROUP_WORDS or t in DOCUMENT_WORDS
                                                                for t in toks):
        return mem.last_speaker
    if toks and toks[0] in DOCUMENT_WORDS:
        return np_, "unknown"
    kind = "organisation" if any(t in GROUP_WORDS or t in lex.org_heads for t in toks) else (
        "person" if any(t in lex.roles for t in toks) else "unknown")
    return np_, kind


def _statement(a: int, b: int, cue: str, mention: str, rule: str, conf: float, via: list[str],
               order: int, generic: bool = False) -> dict:
    return dict(start=a, end=b, cue=cue, mention=mention, rule=rule, confidence=conf, via=via,
                order=order, generic=generic)


def _end_of(sent: str) -> int:
    return len(sent.rstrip().rstrip(".!?"))


def _according(sent: str, s0: int, base: int, lex: Lexicon) -> list[dict]:
    out = []
    for mm in ACCORDING_RE.finditer(sent):
        who = (mm.group(1) or "-nya").strip()
        before = sent[:mm.start()]
        if before.strip() and not before.rstrip().endswith(","):
            continue
        rest = sent[mm.end():]
        if not mm.group("comma") and not (mm.group(1) and rest[:1].islower()) and before.strip() == "":
            continue
        if before.strip() and len(WORD_RE.findall(before)) >= 2 and not SOURCE_TAG_RE.match(before):
            a = base + s0 + len(before) - len(before.lstrip())  # `Situasi ini, menurut X, sangat sulit`
        else:
            a = base + s0 + mm.end()
        b = base + s0 + _end_of(sent)
        via = [v.strip() for v in re.findall(rf"\bvia\s+({NAME_RUN})", who)]
        who = re.sub(rf"\s+via\s+{NAME_RUN}", "", who)
        generic = bool(who) and who[0].islower() and who not in ("ia", "dia", "beliau", "mereka")
        out.append(_statement(a, b, "menurut", who, "menurut", 0.8, via, s0 + mm.start(), generic))
        break
    return out


def _inner_tag(sent: str, s0: int, base: int) -> list[dict]:
    m = INNER_TAG_RE.search(sent)
    if not m or MARK_RE.search(sent):
        return []
    who = m.group("who") or "-nya"
    before = sent[:m.start()]
    out = []
    n_before = len(WORD_RE.findall(before))
    if m.group("end") == "," and n_before <= 3:  # `Kini, lanjut Putin, Kim …`: the content follows
        a, b = m.end() + len(sent[m.end():]) - len(sent[m.end():].lstrip()), _end_of(sent)
    else:
        a, b = len(before) - len(before.lstrip()), m.start()
    if b - a >= 8:
        out.append(_statement(base + s0 + a, base + s0 + b, m.group("cue"), who, "tag-inside", 0.75, [],
                              s0 + m.start()))
    return out


def _trail_clause(sent: str, s0: int, base: int, lex: Lexicon) -> list[dict]:
    m = TRAIL_CLAUSE_RE.search(sent)
    if not m or MARK_RE.search(sent):
        return []
    who = trim_run(m.group("who"), lex)
    if not who:
        return []
    a = len(sent) - len(sent.lstrip())
    return [_statement(base + s0 + a, base + s0 + m.start(), m.group("cue"), who, "cue-trailing", 0.7, [],
                       s0 + m.start())]


def _cue_statements(sent: str, s0: int, base: int, quoted: "_Spans", lex: Lexicon) -> list[dict]:
    """`X mengatakan (bahwa) …`, with coordinated second verbs (`…, dan mengeklaim …`)."""
    hits = list(lex.indirect_re.finditer(sent))
    if not hits and "," in sent:  # `X melihat, …`: any me-/ber- verb before a comma, when no known cue
        hits = list(GENERIC_CUE_RE.finditer(sent))
    out: list[dict] = []
    for cm in hits:
        pos = base + s0 + cm.start()
        if quoted.contains(pos) or (out and cm.start() < out[-1]["_cue_end"]):
            continue
        head = sent[:cm.start()]
        if MODAL_TAIL_RE.search(head):
            continue
        lemma = lex.cues[cm.group(1)][0] if cm.group(1) in lex.cues else cm.group(1)
        a = _after_cue(sent, cm.end())
        if MARK_RE.match(sent, a) and not _short_quote_follows(sent, a):
            break  # a direct quote follows the cue: handled as direct
        generic = False
        relays: list[str] = []
        if out and COORD_CUE_GAP_RE.search(head) and len(head) > out[-1]["_cue_end"] - s0:
            subj = out[-1]["mention"]  # `X mengecam …, dan mengeklaim …`: the same subject
            generic = out[-1]["generic"]
            out[-1]["end"] = base + s0 + len(COORD_CUE_GAP_RE.sub("", head).rstrip())
        elif re.search(r",\s*yang\s*$", head):  # `…oleh X, yang menyebut …`: X
            agent = PASSIVE_AGENT_RE.search(head) or BACKREF_RE.match(head)
            subj = ROLE_TAIL_RE.sub("", agent.group("who").strip()) if agent else ""
            generic = bool(subj) and subj[0].islower()
            if not subj:
                subj = _pre_subject(_strip_asides(re.sub(r",\s*yang\s*$", "", head)), lex) or ""
        elif _participle_head(head):  # `Ia menargetkan Seoul, menyebut …`: the clause's subject
            verb = _participle_head(head)
            subj = _pre_subject(_strip_asides(head[:verb.start()]), lex)
        else:
            cleaned = _strip_asides(head)
            relay = RELAY_TAIL_RE.search(cleaned)
            if relay:  # `X mengutip pernyataan Y yang menyatakan …`, `KCNA via Yonhap melaporkan`: Y speaks
                subj = relay.group("who") or relay.group("who2")
                by = relay.group("by") or relay.group("by2")
                relays = [by] if by else []
            else:
                subj = _pre_subject(cleaned, lex)
                noun_phrase = _noun_phrase_subject(cleaned) if cm.group(1) in lex.cues else ""
                if noun_phrase and _prefer_noun_phrase(noun_phrase, subj, lex):
                    subj, generic = noun_phrase, True
        if lemma == "mengutip":  # `X mengutip Y bahwa …`: Y speaks, X relays
            cited = CITED_RE.match(sent, cm.end())
            if not cited:
                continue
            relays = [subj] if subj and _is_org(_mention_name(subj), lex) else []
            subj, generic, a = cited.group("who"), False, cited.end()
        if not subj:
            continue
        b = base + s0 + _end_of(sent)
        row = _statement(base + s0 + a, b, lemma, subj, "cue-indirect", 0.75, relays, s0 + cm.start(), generic)
        row["_cue_end"] = s0 + max(cm.end(), a)
        out.append(row)
    for row in out:
        row.pop("_cue_end", None)
    return out


# `pengumuman yang disampaikan pemimpin Hong Kong Carrie Lam bahwa …`: the nominal act's agent speaks
NOMINAL_SPEECH_RE = re.compile(
    r"\b(?:pengumuman|pernyataan|klaim|janji|ucapan|peringatan|tuduhan|penegasan)\s+(?:yang\s+)?"
    rf"(?:di(?:sampaikan|umumkan|lontarkan|keluarkan|buat|ucapkan)\s+)?(?:oleh\s+)?"
    rf"(?P<who>(?:[a-z]+\s+){{0,3}}{NAME_RUN})\s*,?\s+bahwa\s+")


def _nominal_statement(sent: str, s0: int, base: int) -> list[dict]:
    m = NOMINAL_SPEECH_RE.search(sent)
    if not m:
        return []
    return [_statement(base + s0 + m.end(), base + s0 + _end_of(sent), "pernyataan", m.group("who"),
                       "nominal-speech", 0.7, [], s0 + m.start())]


def _impersonal(sent: str, s0: int, base: int) -> list[dict]:
    m = IMPERSONAL_RE.match(sent, len(sent) - len(sent.lstrip()))
    if not m:
        return []
    cue = m.group(0).split()[0].rstrip(",").lower()
    return [_statement(base + s0 + m.end(), base + s0 + _end_of(sent), cue, "", "impersonal", 0.6, [], s0 + m.start())]


def _passive_agent(sent: str, s0: int, base: int) -> list[dict]:
    """`S diungkapkan oleh X.`: S is X's statement."""
    m = PASSIVE_AGENT_RE.search(sent)
    if not m or BACKREF_RE.match(sent):
        return []
    a = len(sent) - len(sent.lstrip())
    if len(WORD_RE.findall(sent[a:m.start()])) < 3:
        return []
    who = m.group("who").strip()
    cue = m.group(0).split()[0]
    return [_statement(base + s0 + a, base + s0 + m.start(), cue, who, "passive-agent", 0.7, [], s0 + m.start(),
                       who[:1].islower())]


def _backref(sent: str, s0: int, base: int, prev: tuple[int, int] | None, text_prev: str) -> list[dict]:
    """`Hal itu disampaikan oleh X`: the previous sentence is X's statement."""
    m = BACKREF_RE.match(sent)
    if not m or prev is None:
        return []
    who = ROLE_TAIL_RE.sub("", m.group("who").strip())
    a, b = prev
    lead = len(text_prev) - len(text_prev.lstrip())
    a += lead
    b = a + _end_of(text_prev.strip())
    cue = re.search(r"\bdi[a-z]+", m.group(0)).group(0)
    return [_statement(a, b, cue, who, "back-reference", 0.7, [], s0 + m.start(), who[:1].islower())]


def _indirect(line: str, base: int, quoted: "_Spans", lex: Lexicon,
              prev_sentence: tuple[int, int, str] | None = None) -> list[dict]:
    """Indirect speech in one paragraph (offset `base` in the text): reporting clauses, `menurut X`,
    speech tags inside paraphrases, impersonal `Dikatakan, …` and back-references to the sentence
    before (`prev_sentence`: its span and text when it ends the previous paragraph)."""
    out = []
    bounds = [0] + [m.end() for m in SENT_END_RE.finditer(line)] + [len(line)]
    sentences = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    for si, (s0, s1) in enumerate(sentences):
        sent = line[s0:s1]
        if si:
            p0, p1 = sentences[si - 1]
            prev = (base + p0, base + p1, line[p0:p1])
        else:
            prev = prev_sentence
        rows = _backref(sent, s0, base, prev[:2] if prev else None, prev[2] if prev else "")
        rows = [r for r in rows if not quoted.any_within(r["start"], r["end"]) and not quoted.contains(r["start"])]
        found = (_according(sent, s0, base, lex) or _impersonal(sent, s0, base) or _inner_tag(sent, s0, base)
                 or _trail_clause(sent, s0, base, lex))
        if not found:
            found = _nominal_statement(sent, s0, base) or _cue_statements(sent, s0, base, quoted, lex)
        if not found and not rows:
            found = _passive_agent(sent, s0, base)
        rows.extend(found)
        via = _vias(sent, lex)
        for r in rows:
            a, b = r["start"], r["end"]
            if b - a < 8 or len(WORD_RE.findall(line[a - base:b - base] if a >= base else "xx yy zz")) < 3:
                continue
            if quoted.covers(a, b) or (quoted.contains(a) and not _short_quote_follows(line, a - base)):
                continue
            spoken = r["mention"].lower()
            r["via"] = [v for v in dict.fromkeys([*r["via"], *via])
                        if not spoken or (v.lower() not in spoken and spoken not in v.lower())]
            r["order"] = base + r["order"] if r["rule"] != "back-reference" else base + r["order"]
            out.append(r)
    return out


class _Spans:
    """Sorted, non-overlapping (start, end) spans with O(log n) point and range containment."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def contains(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]

    def covers(self, a: int, b: int) -> bool:
        i = bisect.bisect_right(self.starts, a) - 1
        return i >= 0 and self.spans[i][0] <= a and b <= self.spans[i][1]

    def any_within(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.starts, a)
        return i < len(self.spans) and self.spans[i][1] <= b


def _quotes_rows(text: str) -> list[dict]:
    """Every quote in `text` as a dict (with a `parts` list of per-paragraph spans)."""
    lex = lexicon()
    if not text:
        return []
    token = _VOCAB.set(frozenset(LOWER_WORD_RE.findall(text)))
    try:
        return _quotes_rows_in(text, lex)
    finally:
        _VOCAB.reset(token)


WRITTEN_OBJECT_RE = re.compile(r"\b(?:bertuliskan|bertulisan|bertajuk|berjudul|bertema|bertagar)\s*[,:]?\s*$")
EVENT_ORDER = {"reset": 0, "people": 1}  # at one position: reset, then people, then the rest


def _quotes_rows_in(text: str, lex: Lexicon) -> list[dict]:
    line_starts, line_ends = _line_bounds(text)
    direct = _find_direct(text, line_starts, line_ends)
    for q in direct:
        _attribute_direct(text, q, line_starts, line_ends, lex)
    for q in direct:  # `spanduk bertuliskan, "…"`: written words on an object, not anyone's statement
        if WRITTEN_OBJECT_RE.search(text, max(0, q.open_pos - 40), q.open_pos):
            q.speech, q.cue, q.mention = False, "", ""
    speech = [q for q in direct if q.speech or q.cue]
    scare = [q for q in direct if not (q.speech or q.cue)]
    events: list[tuple[int, str, object]] = []
    for q in speech:
        events.append((q.open_pos, "direct", q))
    quoted = _Spans([(q.open_pos, q.close_pos + 1) for q in direct])
    scare_spans = _Spans([(q.open_pos, q.close_pos + 1) for q in scare])
    last_sentence: tuple[int, int, str] | None = None
    for ln, (ls, le) in enumerate(zip(line_starts, line_ends)):
        line = text[ls:le]
        d = DATELINE_RE.match(line)
        if d:  # a dateline opens a new article: forget its people and speakers
            events.append((ls, "reset", None))
        events.append((ls, "people", ln))
        for so in [d.end() if d else 0, *(m.end() for m in SENT_END_RE.finditer(line))]:
            sm = SUBJECT_RE.match(line, so)
            if sm and not quoted.contains(ls + so):
                events.append((ls + so, "subject", sm.group(1)))
        if PASSIVE_HINT_RE.search(line):
            for pm in PASSIVE_RE.finditer(line):
                if not quoted.contains(ls + pm.start()):
                    events.append((ls + pm.start(), "passive", pm.group(1)))
        prev_sentence = last_sentence
        ends = [0, *(m.end() for m in SENT_END_RE.finditer(line))]
        last_sentence = (ls + ends[-1], le, line[ends[-1]:]) if line.strip() else last_sentence
        if not INDIRECT_HINT_RE.search(line) and not lex.indirect_re.search(line):
            continue
        for row in _indirect(line, ls, quoted, lex, prev_sentence):
            events.append((row["order"], "indirect", row))
    events.sort(key=lambda e: (e[0], EVENT_ORDER.get(e[1], 2)))
    mem = Memory()
    seen: dict[str, tuple[str, tuple[str, ...]] | None] = {}
    rows: list[dict] = []
    prev_direct: dict | None = None
    for pos, what, obj in events:
        if what == "reset":
            mem = Memory()
            prev_direct = None
            continue
        if what == "people":
            ln = obj
            _register_people(text[line_starts[ln]:line_ends[ln]], mem, lex, seen)
            continue
        if what == "subject":  # a person opening a sentence is who the next `-nya` refers to
            run = trim_run(obj, lex)
            if run and not _common_word(run) and not _is_org(run, lex):
                roles, name = split_mention(run, lex)
                if name and roles and roles[0].lower() in lex.roles and len(name) <= 4:
                    speaker, stype = resolve(run, mem, lex)
                    if stype == "person":
                        mem.last_person_speaker = speaker
                        mem.last_speaker = (speaker, stype)
            continue
        if what == "passive":  # `Hal itu disampaikan X`: X becomes the current speaker
            speaker, stype = resolve(_mention_name(obj), mem, lex)
            if speaker:
                mem.last_speaker = (speaker, stype)
                if stype == "person":
                    mem.last_person_speaker = speaker
            continue
        if what == "direct":
            q: Quote = obj  # type: ignore[assignment]
            if q.mention:
                speaker, stype = resolve(_mention_name(q.mention), mem, lex)
            else:  # no speaker written: the current speaker carries on
                speaker, stype = mem.last_speaker or ("", "unknown")
            via = list(q.via)
            rule = q.rule
            if (not via and prev_direct is not None and prev_direct["speaker"] == speaker and speaker
                    and q.line - prev_direct["_end_line"] <= 1):
                via = list(prev_direct["via"])
                rule += "+via-previous" if via else ""
            # an unresolved or untyped speaker lowers the confidence of the attribution
            confidence = (q.confidence if stype != "unknown" else min(q.confidence, 0.6)) if speaker \
                else min(q.confidence, 0.4)
            row = dict(start=q.parts[0][0], end=q.parts[-1][1], kind="direct", speaker=speaker,
                       speaker_mention=q.mention, speaker_type=stype if speaker else "unknown", cue=q.cue,
                       via=via, confidence=confidence, rule=rule,
                       parts=q.parts, _end_line=q.end_line)
            rows.append(row)
            prev_direct = row
            if speaker:
                mem.last_speaker = (speaker, stype)
                if stype == "person":
                    mem.last_person_speaker = speaker
            continue
        r: dict = obj  # type: ignore[assignment]
        mention = r["mention"]
        if not mention:  # `Dikatakan, …`: the current speaker goes on
            speaker, stype = mem.last_speaker or ("", "unknown")
        elif r.get("generic"):
            speaker, stype = _generic_speaker(mention, mem, lex)
        else:
            speaker, stype = resolve(_mention_name(mention), mem, lex)
        kind = "indirect"
        if scare_spans.any_within(r["start"], r["end"]):
            kind = "mixed"
        rows.append(dict(start=r["start"], end=r["end"], kind=kind, speaker=speaker, speaker_mention=mention,
                         speaker_type=stype, cue=r["cue"], via=r["via"], confidence=r["confidence"],
                         rule=r["rule"], parts=[(r["start"], r["end"])], _end_line=-1))
        if speaker:
            mem.last_speaker = (speaker, stype)
            if stype == "person":
                mem.last_person_speaker = speaker
    rows.sort(key=lambda r: r["start"])
    for r in rows:
        r["text"] = text[r["start"]:r["end"]]
    return rows


def extract_quotes(text: str) -> "pd.DataFrame":
    """Quotes in `text` (paragraphs separated by newlines); one row per quote, columns `COLUMNS`."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    rows = [{k: r[k] for k in COLUMNS} for r in _quotes_rows(text)]
    return _frame(rows, COLUMNS, ("start", "end"))


def quote_rows(article: "Article") -> list[dict]:
    """The build's `quotes` rows for one article: one dict per paragraph part of each quote.

    Keys are `TABLE_COLUMNS`; values are plain Python (str, int, float, list). Body paragraphs
    are joined by newlines (embeds are not the article's speech); `para_idx` indexes
    `article.paragraphs` and `start`/`end` are offsets inside that paragraph.
    """
    paragraphs = list(getattr(article, "paragraphs", []) or [])
    kinds = list(getattr(article, "paragraph_kinds", []) or [])
    n_kinds = len(kinds)
    body_idx = [i for i in range(len(paragraphs)) if (kinds[i] if i < n_kinds else "body") == "body"]
    offsets: list[int] = []
    pieces: list[str] = []
    pos = 0
    for i in body_idx:
        p = paragraphs[i].replace("\n", " ")
        offsets.append(pos)
        pieces.append(p)
        pos += len(p) + 1
    text = "\n".join(pieces)
    out: list[dict] = []
    aid = getattr(article, "article_id", "") or ""
    for n, r in enumerate(_quotes_rows(text), start=1):
        qid = f"{aid}:q{n}"
        for a, b in r["parts"]:
            k = bisect.bisect_right(offsets, a) - 1
            base = offsets[k]
            out.append({"quote_id": qid, "article_id": aid, "para_idx": body_idx[k], "start": a - base,
                        "end": b - base, "text": text[a:b], "kind": r["kind"], "speaker": r["speaker"],
                        "speaker_mention": r["speaker_mention"], "speaker_type": r["speaker_type"],
                        "cue": r["cue"], "via": list(r["via"]), "confidence": float(r["confidence"]),
                        "rule": r["rule"]})
    return out


def _frame(rows: list[dict], columns: list[str], ints: tuple[str, ...]) -> "pd.DataFrame":
    """A DataFrame of `rows` with `columns`; integer and confidence columns forced once when
    pandas did not already infer them (it does whenever values are plain ints/floats)."""
    import pandas as pd

    if not rows:
        return pd.DataFrame(rows, columns=columns)
    df = pd.DataFrame({c: [r[c] for r in rows] for c in columns})  # by column: cheaper than by row
    want = {c: "int64" for c in ints}
    want["confidence"] = "float64"
    fix = {c: t for c, t in want.items() if df[c].dtype != t}
    return df.astype(fix) if fix else df


def quotes_table(article: "Article") -> "pd.DataFrame":
    """The build's `quotes` table for one article (columns `TABLE_COLUMNS`): `quote_rows` as a
    DataFrame."""
    return _frame(quote_rows(article), TABLE_COLUMNS, ("para_idx", "start", "end"))


def speaker_summary(quotes: "pd.DataFrame") -> "pd.DataFrame":
    """Who is quoted: one row per speaker with `speaker_type`, `quotes`, `direct`, `indirect`,
    `mixed`, `articles` (distinct articles), most quoted first. Input: the `quotes` table."""
    import pandas as pd

    cols = ["speaker", "speaker_type", "quotes", "direct", "indirect", "mixed", "articles"]
    if quotes is None or len(quotes) == 0:
        return pd.DataFrame(columns=cols)
    q = quotes.drop_duplicates("quote_id") if "quote_id" in quotes.columns else quotes
    q = q[q["speaker"].fillna("").astype(str).str.len() > 0]
    if q.empty:
        return pd.DataFrame(columns=cols)
    kinds = pd.crosstab(q["speaker"], q["kind"]).reindex(columns=["direct", "indirect", "mixed"], fill_value=0)
    out = kinds.assign(quotes=kinds.sum(axis=1))
    out["articles"] = q.groupby("speaker")["article_id"].nunique() if "article_id" in q.columns else 0
    out["speaker_type"] = q.groupby("speaker")["speaker_type"].agg(lambda s: s.mode().iat[0])
    out = out.reset_index().sort_values(["quotes", "speaker"], ascending=[False, True], kind="stable")
    out = out[cols].reset_index(drop=True)
    out.columns.name = None
    return out


__all__ = ["extract_quotes", "quote_rows", "quotes_table", "speaker_summary", "lexicon", "cue_lookup", "COLUMNS",
           "TABLE_COLUMNS"]
