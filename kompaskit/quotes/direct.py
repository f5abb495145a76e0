"""Direct quotes: quote marks paired across paragraphs (`find_direct`) and their cue and speaker
(`attribute_direct`). Input: the body text; output: `Quote` objects."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .lexicon import (
    CLAUSE_END_RE, CLOSE_FOLLOW, CONTEXT_CHARS, DATELINE_RE, DOC_ISSUER_RE, LOWER_NP_RE, Lexicon, MARK_RE,
    MAX_QUOTE_LINES, MENURUT_RE, NAME_RUN, OPEN_PRECEDE, POST_RE, SENT_END_RE, TRAIL_NAME_RE,
    WORD_RE, cue_lookup,
)
from .speakers import common_word, post_mention, pre_subject, vias

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


def line_bounds(text: str) -> tuple[list[int], list[int]]:
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


def find_direct(text: str, line_starts: list[int], line_ends: list[int]) -> list[Quote]:
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


def attribute_direct(text: str, q: Quote, line_starts: list[int], line_ends: list[int], lex: Lexicon) -> None:
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
            q.mention = "-nya" if clitic else post_mention(rest, lex)
            if not q.mention and not clitic:  # `kata seorang warga`: an unnamed speaker, as written
                issuer = DOC_ISSUER_RE.match(rest)
                lw = LOWER_NP_RE.match(rest)
                q.mention = (issuer.group(1) if issuer and not common_word(issuer.group(1))
                             else lw.group(1).strip() if lw else "")
            sentence_end = CLAUSE_END_RE.search(rest)
            q.via = vias(rest[: sentence_end.end() if sentence_end else None], lex)
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
                    mention = pre_subject(head, lex)
                    if not mention and hit[1] == "after":  # `kata Presiden: ”…”`
                        mention = post_mention(core[w.end():], lex)
                q.cue, q.position, q.mention = lemma, "before", mention
                q.rule, q.confidence = "cue-before", 0.9 if mention else 0.6
            elif c.endswith(":") and TRAIL_NAME_RE.match(core.strip() + " "):
                # a caption or interview line: `Kepala BMKG Dwikorita Karnawati: ”…”`
                q.cue, q.position, q.mention = "", "before", core.strip()
                q.rule, q.confidence = "speaker-colon", 0.8
                q.via = vias(clause, lex)
                return
            elif w:  # `kata Menlu Retno:` -> cue then name
                cm = re.search(r"\b([A-Za-z]+)\s+(" + NAME_RUN + r"|ia|dia|beliau)\s*$", core)
                hit = cue_lookup(cm.group(1), lex) if cm else None
                if hit:
                    q.cue, q.position, q.mention = hit[0], "before", cm.group(2)
                    q.rule, q.confidence = "cue-before-inverted", 0.85
        if q.cue:
            q.via = vias(clause, lex)
            return
    # no cue: speech if sentence-like, else a scare quote / title
    content = text[q.parts[0][0]:q.parts[-1][1]]
    n_words = len(WORD_RE.findall(content))
    punct_end = bool(re.search(r"[.,!?…]\s*$", content))
    para_start = (_first_text(text, start_line) >= q.open_pos
                  or bool(DATELINE_RE.match(text[start_line:min(q.open_pos + 1, start_line + 80)])))
    q.speech = (punct_end and n_words >= 2) or (para_start and n_words >= 4) or n_words >= 8 or q.end_line > q.line
    q.rule, q.confidence, q.position = "no-cue-context", 0.5, "context"


class Spans:
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


def _match_start(m: re.Match) -> int:
    return m.start()


