"""Quote rows of a text or an article: direct and indirect quotes merged in reading order, speakers
resolved through the article memory. Output: dicts / DataFrames with the ``quotes`` columns."""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..article import Article

from .. import entities
from .lexicon import (
    COLUMNS, DATELINE_RE, LOWER_WORD_RE, Lexicon, PASSIVE_HINT_RE, PASSIVE_RE, SENT_END_RE,
    SUBJECT_RE, TABLE_COLUMNS, VOCAB, cue_lookup, lexicon,
)
from .speakers import (
    Memory, common_word, is_org, mention_name, register_people, resolve, speaker_phrase, split_mention,
    trim_run,
)
from .direct import Quote, Spans, attribute_direct, find_direct, line_bounds
from .indirect import INDIRECT_HINT_RE, generic_speaker, indirect_statements

def _quotes_rows(text: str) -> list[dict]:
    """Every quote in `text` as a dict (with a `parts` list of per-paragraph spans)."""
    lex = lexicon()
    if not text:
        return []
    token = VOCAB.set(frozenset(LOWER_WORD_RE.findall(text)))
    try:
        return _quotes_rows_in(text, lex)
    finally:
        VOCAB.reset(token)


WRITTEN_OBJECT_RE = re.compile(r"\b(?:bertuliskan|bertulisan|bertajuk|berjudul|bertema|bertagar)\s*[,:]?\s*$")
EVENT_ORDER = {"reset": 0, "people": 1}  # at one position: reset, then people, then the rest


def _quotes_rows_in(text: str, lex: Lexicon) -> list[dict]:
    line_starts, line_ends = line_bounds(text)
    direct = find_direct(text, line_starts, line_ends)
    for q in direct:
        attribute_direct(text, q, line_starts, line_ends, lex)
    for q in direct:  # `spanduk bertuliskan, "…"`: written words on an object, not anyone's statement
        if WRITTEN_OBJECT_RE.search(text, max(0, q.open_pos - 40), q.open_pos):
            q.speech, q.cue, q.mention = False, "", ""
    speech = [q for q in direct if q.speech or q.cue]
    scare = [q for q in direct if not (q.speech or q.cue)]
    events: list[tuple[int, str, object]] = []
    for q in speech:
        events.append((q.open_pos, "direct", q))
    quoted = Spans([(q.open_pos, q.close_pos + 1) for q in direct])
    scare_spans = Spans([(q.open_pos, q.close_pos + 1) for q in scare])
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
        for row in indirect_statements(line, ls, quoted, lex, prev_sentence):
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
            register_people(text[line_starts[ln]:line_ends[ln]], mem, lex, seen)
            continue
        if what == "subject":  # a person opening a sentence is who the next `-nya` refers to
            run = trim_run(obj, lex)
            if run and not common_word(run) and not is_org(run, lex):
                roles, name = split_mention(run, lex)
                if name and roles and roles[0].lower() in lex.roles and len(name) <= 4:
                    speaker, stype = resolve(run, mem, lex)
                    if stype == "person":
                        mem.last_person_speaker = speaker
                        mem.last_speaker = (speaker, stype)
            continue
        if what == "passive":  # `Hal itu disampaikan X`: X becomes the current speaker
            speaker, stype = resolve(mention_name(obj), mem, lex)
            if speaker:
                mem.last_speaker = (speaker, stype)
                if stype == "person":
                    mem.last_person_speaker = speaker
            continue
        if what == "direct":
            q: Quote = obj  # type: ignore[assignment]
            if q.mention:
                speaker, stype = resolve(speaker_phrase(q.mention), mem, lex)
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
            speaker, stype = generic_speaker(mention, mem, lex)
        else:
            speaker, stype = resolve(speaker_phrase(mention), mem, lex)
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
        # the same registry as attributions.source_country (it remembers its answers)
        r["speaker_country"] = entities.country_of(r["speaker"])
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
                        "speaker_country": r["speaker_country"],
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
