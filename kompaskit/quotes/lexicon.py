"""Quote lexicons (cue verbs, titles, pronouns, outlets, aliases, one name per entity) and the
regular expressions every quote rule shares. Input: the CSVs in ``kompaskit/data``; output: `Lexicon`."""
from __future__ import annotations

import contextvars
import csv
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..entities import normalise as normalise_name
from ..entities import resolve as resolve_entity
from ..lexicons import lexicon_files, read_csv_rows

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
COLUMNS = ["start", "end", "text", "kind", "speaker", "speaker_mention", "speaker_type",
           "speaker_country", "cue", "via", "confidence", "rule"]
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
VOCAB: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar("kompaskit_quote_vocab", default=frozenset())
# a sentence opening with a person (`Imam Besar Masjid Istiqlal Nasaruddin Umar memaklumi …`)
SUBJECT_RE = re.compile(rf"(?:[A-Z][a-z]+(?:\s+[a-z]+){{0,3}},\s*)?({NAME_RUN})(?:\s*\([^()]{{1,40}}\))?\s+(?=[a-z])")
# an unnamed speaker after a cue (`kata seorang warga`), stopping at place/time/manner words
LOWER_NP_RE = re.compile(
    r"\s*((?:(?!(?:di|pada|saat|ketika|dalam|kepada|kemarin|seusai|usai|melalui|lewat|dengan|sambil)\b)"
    r"[a-z][a-z\-]*\s*){1,3})")
MAX_QUOTE_LINES = 10  # a quote never runs over more paragraphs than this without re-opening
CONTEXT_CHARS = 400  # how far before/after a quote its cue and speaker are looked for
MAX_PEOPLE = 300  # names remembered per article


PAREN_RE = re.compile(r"\s*\([^()]*\)")
PAREN_INNER_RE = re.compile(r"\(([^()]*)\)")
# documents that speak for whoever issued them: `laporan itu`, `posting tersebut` refer back
DOCUMENT_WORDS = frozenset("""laporan pernyataan posting unggahan komentar surat dokumen pesan rilis siaran
keterangan""".split())
DOC_ANAPHOR_RE = re.compile(r"\b(?:itu|tersebut|ini)\b")
# a document speaks for its issuer: `kata posting yang diunggah di situs web Kementerian Luar Negeri
# Korea Utara`, `kata pernyataan Kremlin`, `menurut laporan resmi dari NIS` -> the issuer
DOC_ISSUER_RE = re.compile(
    rf"\s*(?:{'|'.join(sorted(DOCUMENT_WORDS))})(?:\s+(?:resmi|tertulis|pers|yang|itu|ini|tersebut|"
    rf"di(?:unggah|rilis|terbitkan|publikasikan|keluarkan|siarkan|sampaikan|muat)|di|dari|oleh|pada|"
    rf"situs|web|laman|akun|kanal|media|sosial|website)){{0,7}}\s+({NAME_RUN})")


# ---------------------------------------------------------------- lexicons (CSV, cached)
def _read_csv(name: str, env: str | None = None) -> list[dict[str, str]]:
    """Rows of lexicon `name` (e.g. ``quote_cues.csv``): shipped, then the user's files
    (``$KOMPASKIT_LEXICONS`` folders, the legacy variable) through `kompaskit.lexicons`; a bad
    file raises LexiconError (one line). `env` is kept for callers; lexicons knows each variable."""
    rows: list[dict[str, str]] = []
    for path in lexicon_files(Path(name).stem):
        rows.extend(read_csv_rows(path))
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
    # what a capitalised run introduces, shared by all texts read with this lexicon (see `introduced`)
    introduced: dict = field(default_factory=dict, compare=False, repr=False)


KEY_STRIP_RE = re.compile(r"[\s\-‐–]+")


def entity_key(name: str) -> str:
    """Case-, hyphen- and spacing-insensitive key of a name (`Kim Jong-un` == `kim jong un`)."""
    return KEY_STRIP_RE.sub(" ", name).strip().lower()


def registry_name(name: str) -> str | None:
    """The shared entity registry's canonical name when `name` is exactly one of its names or
    aliases (no prefix guesses: a key must never join two entities), else None."""
    entity = resolve_entity(name)
    if entity is None:
        return None
    key = normalise_name(name)
    return entity.name if key in {normalise_name(a) for a in (entity.name, *entity.aliases)} else None


def canonical_speaker(name: str, lex: Lexicon) -> str:
    """The registry's one name for a speaker (`Kim Jong Un` -> `Kim Jong-un`, `Badan Intelijen
    Nasional (NIS)` -> `NIS (South Korea)`); lone capitalised words stay as written (`Kim`)."""
    if " " not in name.strip() and not name.isupper():
        return name
    hit = registry_name(name) or lex.canonical.get(entity_key(name))
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


