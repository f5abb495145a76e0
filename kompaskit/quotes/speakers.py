"""Speakers: name runs, titles and organisations, the per-article `Memory` of people and speakers,
pronoun/role resolution (`resolve`) and relays (`vias`). Input: mentions as written; output: names, types."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import (
    ADVERBS, CONNECT_WORDS, DATELINE_RE, DOCUMENT_WORDS, DOC_ANAPHOR_RE, INDIRECT_SUBJ_BAD,
    KEPADA_RE, LEAD_NAME_RE, Lexicon, MAX_PEOPLE, NAME_RUN, NAME_RUN_RE, NOMINAL_RE,
    PAREN_INNER_RE, PAREN_RE, PRONOUN_RE, TRAIL_NAME_RE, VIA_RE, VOCAB, WEEKDAYS,
    canonical_speaker, entity_key, lexicon,
)

# ---------------------------------------------------------------- speakers
def _title_word(tok: str, lex: Lexicon) -> bool:
    return tok.lower() in lex.title_words or (len(tok) >= 2 and tok.isupper())  # acronyms: KPUD, DPP, BNPB


def trim_run(run: str, lex: Lexicon) -> str:
    """Drop capitalised function words a sentence start glues onto a name (`Menurut Haris`)."""
    toks = run.split()
    vocab = VOCAB.get()
    i = 0
    while i < len(toks) and (toks[i] in lex.stopwords or (
            i < len(toks) - 1 and not _title_word(toks[i], lex) and toks[i] not in lex.aliases
            and (NOMINAL_RE.match(toks[i]) or toks[i].lower() in vocab))):
        i += 1
    while len(toks) > i and toks[-1] in WEEKDAYS:
        toks.pop()
    return " ".join(toks[i:])


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


def is_org(mention: str, lex: Lexicon) -> bool:
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


# a role description that refers back (`presiden berusia 71 tahun itu`), up to the clause end
DESCRIPTION_RE = re.compile(r"\s*([a-z][\w-]*(?:\s+[\w()-]+){0,8}?\s(?:itu|tersebut))\s*(?:[.,;!?]|$)")
DESCRIPTION_END_RE = re.compile(r"\s(?:itu|tersebut)$")
_DEMONSTRATIVE_RE = re.compile(r"\s+(itu|tersebut)\b")  # right after a name run (`Kepala Staf … itu`)


def described_person(mention: str, mem: Memory, lex: Lexicon) -> str | None:
    """A lower-case description ending in `itu/tersebut` (`pendiri kelompok X berusia 22 tahun itu`)
    names the last person with its role word, else the last person speaker; None otherwise."""
    toks = mention.split()
    if len(toks) < 2 or not DESCRIPTION_END_RE.search(mention):
        return None
    if not toks[0].islower():
        # `kata Kepala Staf Angkatan Laut Filipina itu`: a capitalised title with a demonstrative
        # points back too (a personal name never takes `itu`); an organisation is itself
        run = DESCRIPTION_END_RE.sub("", mention).strip()
        if is_org(run, lex) or _is_state(run, lex):
            return None
        roles = split_mention(run, lex)[0]
        return (mem.by_role(roles) if roles else None) or mem.last_person_speaker
    if toks[0] in DOCUMENT_WORDS or toks[0] in lex.pronouns:
        return None
    role = next((t for t in toks if t in lex.roles), None)
    if role:
        named = next((name for name, roles in reversed(mem.people) if role in roles), None)
        if named:
            return named
    return mem.last_person_speaker


def resolve(mention: str, mem: Memory, lex: Lexicon) -> tuple[str, str]:
    """(speaker, speaker_type) for a mention as written, updating the article memory."""
    m = mention.strip()
    if not m:
        return "", "unknown"
    described = described_person(m, mem, lex)
    if described:  # `presiden dari Partai Republik itu`: the person that description refers back to
        return described, "person"
    if not m[0].islower() and DESCRIPTION_END_RE.search(m):
        m = DESCRIPTION_END_RE.sub("", m).strip()  # `Kementerian itu`, or nobody to refer back to
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
    if is_org(m, lex) or _is_state(m, lex):
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


def register_people(line: str, mem: Memory, lex: Lexicon,
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
            hit = seen[raw] = introduced(raw, lex)
        if hit is not None:
            mem.introduce(hit[0], hit[1])


MAX_INTRODUCED = 50_000  # runs remembered across texts before the memo starts afresh


def introduced(raw: str, lex: Lexicon) -> tuple[str, tuple[str, ...]] | None:
    """(full name, role words) a capitalised run introduces, or None.

    The answer depends on the run, the lexicon and which of its words the text also uses in
    lower case, so it is memoised on the lexicon under that key (names recur across articles)."""
    toks = raw.split()
    if len(toks) < 2:  # one token never trims to a multi-word run
        return None
    vocab = VOCAB.get()
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
    if is_org(run, lex):
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


def post_mention(rest: str, lex: Lexicon) -> str:
    """The speaker mention right after a cue: pronoun, name, or `role, Name` apposition."""
    m = PRONOUN_RE.match(rest)
    if m:
        return m.group(1)
    d = DESCRIPTION_RE.match(rest)
    if d and d.group(1).split()[0] in lex.roles:  # `tegas presiden dari Partai Republik itu.`
        return d.group(1)
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
        run = trim_run(chunks[0], lex) or chunks[0]
        back = _DEMONSTRATIVE_RE.match(rest, end)
        if back and run == chunks[0] and " " in run:  # `kata Kepala Staf … itu`: a back-reference
            return f"{run} {back.group(1)}"
        return run
    # only follow the apposition when the first chunk is a role/organisation description
    if words or _name_len(chunks[0], lex) == 0 or split_mention(chunks[0], lex)[0]:
        return _pick_in_chain(chunks, lex, described=bool(words))
    return trim_run(chunks[0], lex)


def speaker_phrase(mention: str) -> str:
    """What `resolve` gets for a mention: a referring description (`presiden … itu`, `Kepala Staf
    … itu`) whole, else its capitalised run (`mention_name`)."""
    toks = mention.split()
    if len(toks) >= 2 and DESCRIPTION_END_RE.search(mention) and \
            (toks[0].islower() or all(t[:1].isupper() for t in toks[:-1])):
        return mention.strip()
    return mention_name(mention)


def mention_name(mention: str) -> str:
    """The capitalised run of a mention (drops lower-case role words)."""
    m = re.search(NAME_RUN, mention)
    if m and m.start() > 0 and mention[:m.start()].strip().islower():
        return m.group(0)
    return mention.strip()


def common_word(run: str) -> bool:
    """A lone capitalised word the text also uses in lower case (`Setiap`, `Melihat`)."""
    return " " not in run and run.lower() in VOCAB.get()


def pre_subject(before: str, lex: Lexicon) -> str:
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
        if run and not (common_word(run) and not s[:m.start()].strip()):
            return run
    # `X dalam kesempatan itu mengatakan`: the clause opens with the subject
    m = re.match(rf"\s*(?:[A-Z][a-z]+\s+itu,\s*)?({NAME_RUN})", s)
    if m and "," not in s[m.end():] and len(s) - m.end() <= 60:
        run = trim_run(m.group(1), lex)
        if run and not common_word(run) and (_name_len(run, lex) or is_org(run, lex)):
            return run
    return ""


def vias(segment: str, lex: Lexicon) -> list[str]:
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


