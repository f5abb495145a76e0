"""Indirect speech: reporting clauses, `menurut X`, speech tags inside paraphrases, impersonal
`Dikatakan, …`, back-references and relays. Input: one paragraph; output: statement dicts."""
from __future__ import annotations

import re

from .lexicon import (
    ADVERBS, DOCUMENT_WORDS, GENERIC_CUE_RE, INDIRECT_SUBJ_BAD, Lexicon, MARK_RE, NAME_RUN,
    SENT_END_RE, WORD_RE,
)
from .speakers import Memory, is_org, mention_name, pre_subject, trim_run, vias
from .direct import Spans

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
# a verb that makes the cue an aim or denies it, not an utterance (`berusaha memastikan`, `tidak menanggapi`)
MODAL_TAIL_RE = re.compile(r"\b(?:berusaha|mencoba|ingin|hendak|untuk|guna|bisa|dapat|mampu|gagal|enggan|perlu"
                           r"|harus|demi|agar|supaya|akan\s+berusaha|tidak|tak|belum|bukan|menolak\s+untuk)\s*$")
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
ANAPHOR_END_RE = re.compile(r"\b(?:itu|tersebut|ini)$")
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


TRAILING_NAME_RE = re.compile(r"(?<![\w-])[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+\s*$")


def _unnamed(who: str) -> bool:
    """A common-noun speaker phrase (`saluran telegram militer Rusia`), not a role before a
    multi-word name (`juru bicara Angkatan Laut Jang Do-young`)."""
    return who[:1].islower() and not TRAILING_NAME_RE.search(who)


def _after_cue(sent: str, at: int) -> int:
    """Offset in `sent` where the content after a cue starts (after `bahwa`, an addressee, a comma)."""
    m = AFTER_CUE_RE.match(sent, at)
    return m.end() if m else at


TAIL_CHARS = 160  # how far back from a cue the subject's asides and relays are looked for


def _strip_asides(head: str) -> str:
    """`X pada Senin (4/11/2023)`, `X kepada Al Jazeera`, `X dalam pernyataannya` -> `X`."""
    s = head.rstrip()
    # the tail patterns end at `$`: scanning only the last characters keeps long heads linear
    keep, s = s[:-TAIL_CHARS] if len(s) > TAIL_CHARS else "", s[-TAIL_CHARS:]
    while True:
        t = TIME_TAIL_RE.sub("", s).rstrip()
        t = ASIDE_TAIL_RE.sub("", t).rstrip()
        words = t.split()
        while words and words[-1].lower() in ADVERBS:
            words.pop()
        t = " ".join(words) if words != t.split() else t
        if t == s:
            return keep + s
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


def generic_speaker(np_: str, mem: "Memory", lex: Lexicon) -> tuple[str, str]:
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


def _cue_statements(sent: str, s0: int, base: int, quoted: "Spans", lex: Lexicon) -> list[dict]:
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
                subj = pre_subject(_strip_asides(re.sub(r",\s*yang\s*$", "", head)), lex) or ""
        elif _participle_head(head):  # `Ia menargetkan Seoul, menyebut …`: the clause's subject
            verb = _participle_head(head)
            subj = pre_subject(_strip_asides(head[:verb.start()]), lex)
        else:
            cleaned = _strip_asides(head)
            relay = RELAY_TAIL_RE.search(cleaned[-TAIL_CHARS:])
            if relay:  # `X mengutip pernyataan Y yang menyatakan …`, `KCNA via Yonhap melaporkan`: Y speaks
                subj = relay.group("who") or relay.group("who2")
                by = relay.group("by") or relay.group("by2")
                relays = [by] if by else []
            else:
                subj = pre_subject(cleaned, lex)
                noun_phrase = _noun_phrase_subject(cleaned) if cm.group(1) in lex.cues else ""
                if noun_phrase and _prefer_noun_phrase(noun_phrase, subj, lex):
                    subj, generic = noun_phrase, True
        if lemma == "mengutip":  # `X mengutip Y bahwa …`: Y speaks, X relays
            cited = CITED_RE.match(sent, cm.end())
            if not cited:
                continue
            relays = [subj] if subj and is_org(mention_name(subj), lex) else []
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
                       _unnamed(who))]


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
    return [_statement(a, b, cue, who, "back-reference", 0.7, [], s0 + m.start(), _unnamed(who))]


def indirect_statements(line: str, base: int, quoted: "Spans", lex: Lexicon,
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
        # a back-reference names the speaker of a sentence that has none of its own
        if prev and (MARK_RE.search(prev[2]) or lex.indirect_re.search(prev[2]) or "enurut" in prev[2]):
            prev = None
        rows = _backref(sent, s0, base, prev[:2] if prev else None, prev[2] if prev else "")
        rows = [r for r in rows if not quoted.any_within(r["start"], r["end"]) and not quoted.contains(r["start"])]
        found = (_according(sent, s0, base, lex) or _impersonal(sent, s0, base) or _inner_tag(sent, s0, base)
                 or _trail_clause(sent, s0, base, lex))
        if not found:
            found = _nominal_statement(sent, s0, base) or _cue_statements(sent, s0, base, quoted, lex)
        if not found and not rows:
            found = _passive_agent(sent, s0, base)
        rows.extend(found)
        via = vias(sent, lex)
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


