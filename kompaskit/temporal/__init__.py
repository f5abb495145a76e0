"""Indonesian temporal expressions with honest granularity.

``parse_temporal(text, anchor)`` finds date expressions in one text and resolves them against
``anchor`` (the publication time); ``mentions_table(article)`` does it for every paragraph of an
article (``mention_rows(article)``: the same rows as dicts, for the corpus build). Both return
the ``mentions`` table (see the table contract): ``start``, ``end`` (offsets), ``surface``,
``value_start``, ``value_end`` (naive Timestamps at midnight, end exclusive), ``granularity``
(datetime | day | week | month | quarter | year | decade | vague), ``anchor`` (ISO date
string a relative expression was resolved against — the publication day, or the previous
dated mention for "dua hari kemudian"/"sejak itu" (flag ``relative-to-mention``); None for
absolute dates), ``rule``, ``flags`` (list).

Rules in brief (the grammar is `rules.py`, one record per pattern with its resolver; calendar
arithmetic is `calendar.py`): a month is never given an invented day ("September 2023" spans
the month); a weekday that contradicts its date is flagged ``weekday-mismatch`` and the numbers
win; "awal/pertengahan/akhir" narrow a week (Mon-Wed / Tue-Thu / the weekend), a month (thirds)
or a year (first quarter / June-August / December), granularity saying how wide; windows
ending at the anchor ("dalam seminggu terakhir", "sembilan bulan terakhir", "baru-baru ini");
"sejak X" is X's span flagged ``since``; "saat itu"/"sejak saat itu" take the span of a dated
mention at most two paragraphs back (else stay ``vague``); "sebelumnya" is ``vague``, before a
date of its own paragraph or before the report; clock times are ``datetime`` on the day just
named; a year guessed for "29 November" or "Juni" carries ``inferred-year``; impossible dates
("31 Februari 2024") are ``invalid-date``, explicit years outside 1900-2099
``implausible-year`` and absurd offsets ``implausible-offset``, all with NaT values. Without an
anchor only absolute forms are resolved (the rest: NaT, ``no-anchor``); an article without a
publication time is anchored on its body's first explicit date (``anchor-from-body``). Only
body paragraphs are read (``Article.paragraph_kinds``: embeds yield no mention).
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from .calendar import MONTHS, WEEKDAYS, to_anchor_date
from .rules import PART_OF_DAY_PATTERN as _POD
from .rules import RULES, ScanState
from .rules import WEEKDAY_PATTERN as _WD

MENTION_COLUMNS = ["start", "end", "surface", "value_start", "value_end", "granularity",
                   "anchor", "rule", "flags"]
TABLE_COLUMNS = ["article_id", "para_idx", *MENTION_COLUMNS]
_I = re.IGNORECASE
# (rule name, pattern, priority) in grammar order; the gate below picks which run on a text
_PATTERNS: list[tuple[str, re.Pattern[str], int]] = [(r.name, r.pattern, r.priority) for r in RULES]
_RESOLVE = {r.name: r.resolve for r in RULES}
_NEEDS: dict[str, tuple[frozenset[str], ...]] = {
    r.name: tuple(frozenset(alt) for alt in r.needs) for r in RULES}

# Cheap gate: the words of a text name the kinds of cue it holds; only the patterns that need
# one of them run (a paragraph with no cue at all is skipped after one word scan).
_WORD = re.compile(r"[a-z']+")
_DIGIT = re.compile(r"\d")
_FEATURE_WORDS: dict[str, str] = {
    **{m: "month" for m in MONTHS},  # short forms too: "29 Nov 2024"
    **{m: "month" for m in ("januari", "februari", "pebruari", "maret", "april", "mei", "juni",
                            "juli", "agustus", "september", "oktober", "november", "nopember",
                            "desember")},
    **{w: "weekday" for w in WEEKDAYS}, "jum": "weekday",
    **{w: "relday" for w in ("kemarin", "besok", "lusa")},
    **{w: "unit" for w in ("pekan", "bulan", "tahun", "hari", "sepekan", "seminggu", "sebulan",
                           "setahun", "sehari")},
    **{w: "part" for w in ("awal", "pertengahan", "medio", "akhir")},
    "itu": "vague", "sebelumnya": "vague",
    **{w: "recent" for w in ("baru", "lama", "belakangan")},
    "semalam": "night", "malam": "night", "pukul": "clock",
    **{w: "window" for w in ("terakhir", "belakang", "belakangan", "sepanjang", "selama")},
    **{w: "after" for w in ("setelah", "sesudah", "usai", "pasca", "sebelum")},
    **{w: "quarter" for w in ("kuartal", "triwulan", "kuarter")},
}
# words one of which a match of relative-n / vague must contain (substring tests on the
# lower-cased text: necessary conditions, so the gate never drops a match)
_REL_DIR_WORDS = ("lalu", "silam", "kemudian", "mendatang", "lagi", "sebelumnya", "setelahnya",
                  "sesudahnya", "berikutnya")
_VAGUE_CUES = ("sebelumnya", "sejak", "kala", "saat", "ketika", "waktu")
_QNUM = re.compile(r"q[1-4]\s")
_DECADE_CUE = re.compile(r"\d0-?an\b")
# "sejak 2011", "sejak Agustus lalu": an open range starting at the expression
_SINCE_BEFORE = re.compile(r"\b(?:sejak|semenjak)\s+(?:(?:awal|akhir|pertengahan|tanggal|bulan|"
                           r"tahun|pada|hari)\s+)?\Z", _I)


@lru_cache(maxsize=1024)
def _rules_for(features: frozenset[str]) -> tuple[tuple[str, re.Pattern[str], int], ...]:
    """The patterns worth running on a text with these cue features (few distinct sets)."""
    return tuple(p for p in _PATTERNS if any(alt <= features for alt in _NEEDS[p[0]]))


_YEAR4 = re.compile(r"(?:19|20)\d\d")
_RANGE = re.compile(r"[-–—]|hingga|sampai|s\.\s?d|s/d", _I)
_NUMERIC_PREFIX = re.compile(
    rf"\b(?:hari\s+)?(?P<wd>{_WD})(?:\s+(?P<pod1>{_POD}))?\s*,?\s*(?P<open>\()?\s*\Z", _I)
_PRAYER_BEFORE = re.compile(r"(?:salat|shalat|sholat|solat|khotbah|khutbah)\s+$", _I)
_WEEK_AFTER = re.compile(r"\s+(?:lalu|ini|depan|kemarin|mendatang|sebelumnya|berikutnya)\b", _I)


class Mention(NamedTuple):
    start: int
    end: int
    surface: str
    value_start: date | None
    value_end: date | None
    granularity: str
    anchor: str | None  # ISO date the expression was resolved against (None: absolute date)
    rule: str
    flags: list[str]


def _candidates(text: str, features: frozenset[str]) -> list[tuple[int, int, int, str, dict]]:
    found = []
    for rule, pattern, prio in _rules_for(features):
        for m in pattern.finditer(text):
            if rule in ("month-bare",):
                s, e = (m.start("cue") if m["cue"].lower() == "bulan" else m.start("m")), m.end()
            elif rule == "year":
                s = m.start("kw") if m["kw"] else (m.start("kw2") if m["kw2"] else m.start("y"))
                e = m.end()
            elif rule == "weekday":
                if (m["wd"].lower() == "minggu" and _WEEK_AFTER.match(text, m.end("wd"))
                        and not m.group(0).lower().startswith("hari")):
                    continue
                if _PRAYER_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                    continue  # "salat Jumat" is the Friday prayer, not a date
                s, e = m.span()
            elif rule == "numeric":
                s = m.start()
                if s and text[s - 1] in "0123456789.,/":
                    continue  # inside a longer number: "10.000/2"
                groups = m.groupdict()
                pre = _NUMERIC_PREFIX.search(text, max(0, s - 40), s)
                groups.update(pre.groupdict() if pre else {"wd": None, "pod1": None, "open": None})
                if pre:
                    s, e = pre.start(), m.end()
                else:
                    e = m.end() if m["pod2"] else m.end("y") if m["y"] else m.end()
                while e > s and text[e - 1].isspace():
                    e -= 1
                found.append((s, e, prio, rule, groups))
                continue
            else:
                s, e = m.span()
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                found.append((s, e, prio, rule, m.groupdict()))
    found.sort(key=lambda c: (c[0], c[0] - c[1], c[2]))
    return found


def scan_temporal(text: str, anchor: Any, state: ScanState | None = None) -> list[Mention]:
    """The mentions in `text` as a list of `Mention` tuples (the fast path behind
    `parse_temporal`); `state` carries the last dated mention between paragraphs."""
    if state is not None:
        state.texts += 1
        state.here = None
    if not text:
        return []
    low = text.lower()
    features = {_FEATURE_WORDS[w] for w in _WORD.findall(low) if w in _FEATURE_WORDS}
    if _DIGIT.search(text):
        features.add("digit")
        if "/" in text:
            features.add("slash")
        year = _YEAR4.search(text)
        if year:
            features.add("year4")
            if _YEAR4.search(text, year.end()):
                features.add("year4x2")
            if _QNUM.search(low):
                features.add("qnum")
    if _RANGE.search(text):
        features.add("range")
    if "an" in low and _DECADE_CUE.search(low):
        features.add("decade")
    if not features:
        return []
    if ("unit" in features or "weekday" in features) and any(w in low for w in _REL_DIR_WORDS):
        features.add("reldir")
    if "vague" in features and any(w in low for w in _VAGUE_CUES):
        features.add("vague-cue")
    anchor_date = to_anchor_date(anchor)
    state = state if state is not None else ScanState()
    out: list[Mention] = []
    last_end = -1
    for s, e, _prio, rule, m in _candidates(text, frozenset(features)):
        if s < last_end:
            continue
        surface = text[s:e]
        res = _RESOLVE[rule](rule, m, anchor_date, state, surface)
        if res is None:
            continue
        vs, ve, gran, used, flags = res
        if anchor_date is None and "no-anchor" not in flags and used is not None:
            flags.append("no-anchor")
        if "since" not in flags and _SINCE_BEFORE.search(text, max(0, s - 30), s):
            flags.append("since")
        out.append(Mention(s, e, surface, vs, ve, gran, used.isoformat() if used else None,
                           rule, flags))
        last_end = e
        if gran != "vague" and vs is not None and ve is not None and "window" not in flags:
            state.last = (vs, ve, gran)
            state.last_text = state.texts
            if gran in ("day", "datetime") and ve - vs == timedelta(days=1):
                state.here = vs
    return out


def _dates(values: list[date | None]) -> np.ndarray:
    return np.array(values, dtype="datetime64[D]").astype("datetime64[ns]")


def _objects(values: list) -> np.ndarray:
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr


@lru_cache(maxsize=8)
def _columns(names: tuple[str, ...]) -> pd.Index:
    return pd.Index(list(names), dtype=object)


def _frame(rows: list[Mention], extra: dict[str, Any] | None = None) -> pd.DataFrame:
    """Rows -> DataFrame; built from typed arrays (string columns stay object dtype) because
    per-paragraph frame construction dominates the cost of `parse_temporal`."""
    cols: dict[str, np.ndarray] = {k: (v if isinstance(v, np.ndarray) else _objects(v))
                                   for k, v in (extra or {}).items()}
    cols["start"] = np.array([r.start for r in rows], dtype="int64")
    cols["end"] = np.array([r.end for r in rows], dtype="int64")
    cols["surface"] = _objects([r.surface for r in rows])
    cols["value_start"] = _dates([r.value_start for r in rows])
    cols["value_end"] = _dates([r.value_end for r in rows])
    cols["granularity"] = _objects([r.granularity for r in rows])
    cols["anchor"] = _objects([r.anchor for r in rows])
    cols["rule"] = _objects([r.rule for r in rows])
    cols["flags"] = _objects([list(r.flags) for r in rows])
    try:  # the fast constructor: no dtype inference on arrays that are already typed
        return pd.DataFrame._from_arrays(list(cols.values()), columns=_columns(tuple(cols)),
                                         index=pd.RangeIndex(len(rows)), verify_integrity=False)
    except (AttributeError, TypeError):  # pragma: no cover - other pandas versions
        return pd.DataFrame(cols)


_EMPTY = _frame([])
_EMPTY_TABLE = _frame([], {"article_id": [], "para_idx": np.array([], dtype="int64")})


def parse_temporal(text: str, anchor: Any = None) -> pd.DataFrame:
    """Temporal expressions in `text`, resolved against `anchor` (publication time: datetime,
    Timestamp, date or ISO string; None resolves absolute forms only). Returns the mention
    columns: start, end, surface, value_start, value_end, granularity, anchor, rule, flags."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    rows = scan_temporal(text, anchor)
    if not rows:
        return _EMPTY.copy()
    return _frame(rows)


def body_indices(article: Any) -> list[int]:
    """Indices of the article's body paragraphs (``Article.paragraph_kinds``: embeds such as a
    quoted social-media post are left out, as ``Article.body`` does)."""
    paragraphs = getattr(article, "paragraphs", None) or []
    kinds = list(getattr(article, "paragraph_kinds", None) or [])
    kinds += ["body"] * (len(paragraphs) - len(kinds))
    return [i for i, (p, k) in enumerate(zip(paragraphs, kinds))
            if k == "body" and isinstance(p, str)]


def body_anchor(article: Any) -> date | None:
    """Without a publication time, the first explicit full date of the body (a dated lead,
    "Kamis (21/11/2024)") anchors relative expressions; None when the body has none."""
    paragraphs = getattr(article, "paragraphs", None) or []
    for i in body_indices(article):
        for m in scan_temporal(paragraphs[i], None):
            if m.rule in ("numeric", "dmy") and m.value_start is not None and m.anchor is None:
                return m.value_start
    return None


def _scan_article(article: Any) -> tuple[list[int], list[Mention]]:
    """(paragraph index per mention, mentions) of one Article's body paragraphs; the anchor
    (publication day, else the body's first explicit date, flagged) is resolved once."""
    anchor = to_anchor_date(getattr(article, "published", None))
    from_body = False
    if anchor is None:
        anchor = body_anchor(article)
        from_body = anchor is not None
    paragraphs = getattr(article, "paragraphs", None) or []
    state = ScanState()
    rows: list[Mention] = []
    idx: list[int] = []
    for i in body_indices(article):
        found = scan_temporal(paragraphs[i], anchor, state)
        if found:
            if from_body:
                for m in found:
                    if m.anchor is not None:
                        m.flags.append("anchor-from-body")
            rows.extend(found)
            idx.extend([i] * len(found))
    return idx, rows


@lru_cache(maxsize=4096)
def _timestamp(day: date | None) -> pd.Timestamp:
    """`day` as the naive nanosecond Timestamp the table holds (NaT for None); cached because
    the same few dates recur across a corpus."""
    return pd.Timestamp(np.datetime64(day, "D")).as_unit("ns") if day is not None else pd.NaT


def mention_rows(article: Any) -> list[dict[str, Any]]:
    """The `mentions` rows of one Article as dicts (keys ``TABLE_COLUMNS``; dates as naive
    Timestamps or NaT, ``flags`` a list), anchored at ``article.published``. The corpus build
    uses this directly; `mentions_table` wraps it in a DataFrame."""
    idx, found = _scan_article(article)
    if not found:
        return []
    aid = getattr(article, "article_id", "") or ""
    return [{"article_id": aid, "para_idx": i, "start": m.start, "end": m.end,
             "surface": m.surface, "value_start": _timestamp(m.value_start),
             "value_end": _timestamp(m.value_end), "granularity": m.granularity,
             "anchor": m.anchor, "rule": m.rule, "flags": list(m.flags)}
            for i, m in zip(idx, found)]


def mentions_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """`mention_rows` output (of one or many articles) -> the mentions DataFrame with the
    table's dtypes: int64 offsets, datetime64[ns] values, object strings and flag lists."""
    if not rows:
        return _EMPTY_TABLE.copy()
    cols: dict[str, np.ndarray] = {}
    for name in TABLE_COLUMNS:
        values = [r[name] for r in rows]
        if name in ("para_idx", "start", "end"):
            cols[name] = np.array(values, dtype="int64")
        elif name in ("value_start", "value_end"):
            cols[name] = np.array([v.to_datetime64() if isinstance(v, pd.Timestamp)
                                   else None if v is None or pd.isna(v) else np.datetime64(v, "D")
                                   for v in values], dtype="datetime64[ns]")
        else:
            cols[name] = _objects(values)
    try:
        return pd.DataFrame._from_arrays(list(cols.values()), columns=_columns(tuple(cols)),
                                         index=pd.RangeIndex(len(rows)), verify_integrity=False)
    except (AttributeError, TypeError):  # pragma: no cover - other pandas versions
        return pd.DataFrame(cols)


def mentions_table(article: Any) -> pd.DataFrame:
    """The `mentions` table of one Article: `article_id`, `para_idx` plus the mention columns,
    anchored at ``article.published`` (flag ``no-anchor`` on relative forms when it is None).
    "sejak itu"/"kala itu" may refer back to a dated mention in an earlier paragraph."""
    return mentions_frame(mention_rows(article))


__all__ = ["parse_temporal", "mentions_table", "mention_rows", "mentions_frame", "scan_temporal",
           "to_anchor_date", "body_indices", "body_anchor", "Mention", "MENTION_COLUMNS",
           "TABLE_COLUMNS"]
