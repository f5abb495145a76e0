"""Indonesian temporal expressions with honest granularity.

``parse_temporal(text, anchor)`` finds date expressions in one text and resolves them against
``anchor`` (the publication time); ``mentions_table(article)`` does it for every paragraph of an
article (``mention_rows(article)``: the same rows as dicts, for the corpus build). Both return
the ``mentions`` table (see the table contract): ``start``, ``end`` (offsets), ``surface``,
``value_start``, ``value_end`` (naive Timestamps at midnight, end exclusive), ``granularity``
(day | week | month | quarter | year | datetime | vague), ``anchor`` (ISO date string a relative
expression was resolved against — the publication day, or the previous dated mention for "dua
hari kemudian"/"sejak itu" (flag ``relative-to-mention``); None for absolute dates), ``rule``,
``flags`` (list).

Rules in brief: a month is never given an invented day ("September 2023" spans the month);
a weekday that contradicts its date is flagged ``weekday-mismatch`` and the numbers win;
"awal/pertengahan/akhir" narrow a month or year to its first/middle/last third (flags
``early``/``mid``/``late``, granularity stays that of the unit); "sejak itu", "kala itu",
"sebelumnya" are ``vague`` and point at the previous dated mention; a year guessed for
"29 November" or "Juni" carries ``inferred-year``. Without an anchor only absolute forms are
resolved; the rest are kept with NaT values and the flag ``no-anchor``.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

MENTION_COLUMNS = ["start", "end", "surface", "value_start", "value_end", "granularity",
                   "anchor", "rule", "flags"]
TABLE_COLUMNS = ["article_id", "para_idx", *MENTION_COLUMNS]

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "febr": 2, "maret": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8, "aug": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nopember": 11, "nov": 11,
    "desember": 12, "des": 12, "dec": 12,
}
WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5,
            "minggu": 6, "ahad": 6}
NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
                "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "se": 1}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "pertama": 1,
         "kedua": 2, "ketiga": 3, "keempat": 4}

_MON = (r"(?:(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
        r"november|nopember|desember)(?![a-z])|(?:jan|febr|feb|mar|apr|jun|jul|agst|agu|agt|ags|"
        r"aug|sept|sep|okt|oct|nov|des|dec)(?:\.(?!\s*$)|(?![a-z])))")  # a dot only after a short form
_MONFULL = (r"(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
            r"november|nopember|desember)(?![a-z])")
_WD = r"(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)(?![a-z'])"
_POD = r"(?:dini\s+hari|pagi|siang|sore|petang|malam)(?![a-z])"
_YEAR = r"(?:19|20)\d\d(?![\d])"
_TO = r"(?:-|–|—|s\.\s?d\.?|s/d|hingga|sampai(?:\s+dengan)?)"
_NUM = (r"(?:\d{1,3}|(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s+(?:belas|puluh)"
        r"|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|beberapa)")
_REL_DIR = (r"(?:(?:yang\s+)?lalu|silam|kemudian|mendatang|lagi|sebelumnya|setelahnya|"
            r"sesudahnya|berikutnya)")
_I = re.IGNORECASE

# (rule name, pattern, priority: lower wins when two matches have the same span)
_PATTERNS: list[tuple[str, re.Pattern[str], int]] = [
    ("dmy-range-2", re.compile(
        rf"(?<![\d.,/])\b(?P<d1>\d{{1,2}})\s+(?P<m1>{_MON})(?:\s+(?P<y1>{_YEAR}))?\s*{_TO}\s*"
        rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{_MON})(?:\s+(?P<y2>{_YEAR}))?", _I), 1),
    ("dmy-range", re.compile(
        rf"(?<![\d.,/])\b(?P<d1>\d{{1,2}})\s*(?:{_TO}|dan)\s*(?P<d2>\d{{1,2}})\s+(?P<m>{_MON})"
        rf"(?:\s+(?P<y>{_YEAR}))?(?:\s+(?P<rel>lalu|silam))?", _I), 1),
    ("month-range", re.compile(
        rf"\b(?:bulan\s+)?(?P<m1>{_MONFULL})(?:\s+(?P<y1>{_YEAR}))?\s*{_TO}\s*(?:bulan\s+)?"
        rf"(?P<m2>{_MONFULL})(?:\s+(?P<y2>{_YEAR})|\s+(?P<rel>lalu|silam))?", _I), 2),
    ("year-range", re.compile(
        rf"(?<![\d.,/])\b(?:tahun\s+)?(?P<y1>{_YEAR})\s*{_TO}\s*(?:tahun\s+)?(?P<y2>{_YEAR})"
        r"(?![.,]\d|/)", _I), 2),
    # digits first (fast scan); a weekday before it is found by _NUMERIC_PREFIX
    ("numeric", re.compile(
        r"(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?![\d/])"
        rf"\s*(?P<close>\))?(?:\s+(?P<pod2>{_POD}))?", _I), 1),
    ("dmy", re.compile(
        rf"(?:\b(?:hari\s+)?(?P<wd>{_WD})\s*[,(]?\s*)?(?:\btanggal\s+|\btgl\.?\s+)?"
        rf"(?<![\d.,/])\b(?P<d>\d{{1,2}})\s+(?P<m>{_MON})(?:\s+(?P<y>\d{{4}}(?!\d)))?(?P<close>\))?"
        rf"(?:\s+(?P<rel>lalu|silam|mendatang|depan))?(?:\s+(?P<pod>{_POD}))?", _I), 2),
    ("month-year", re.compile(rf"\b(?:bulan\s+)?(?P<m>{_MON})\s+(?P<y>{_YEAR})", _I), 3),
    ("part-of-period", re.compile(
        rf"\b(?P<part>awal|pertengahan|medio|akhir)\s+(?:"
        rf"(?:bulan\s+)?(?P<m>{_MONFULL})(?:\s+(?P<y>{_YEAR})|\s+(?P<mrel>lalu|silam|depan|mendatang|ini))?"
        rf"|bulan\s+(?P<brel>ini|lalu|depan)|bulan(?!\s+\w)"
        rf"|(?:tahun\s+)?(?P<y2>{_YEAR})|tahun\s+(?P<trel>ini|lalu|depan)|tahun(?![a-z]|\s+\d)"
        r"|(?:pekan|minggu)\s+(?P<wrel>ini|lalu|depan)|pekan(?![a-z]))", _I), 2),
    ("relative-n", re.compile(
        rf"(?<![\d.,])\b(?:(?P<n>\d+|{_NUM})\s+|(?P<se>se))(?P<unit>hari|pekan|minggu|bulan|tahun)"
        rf"\s+(?P<dir>{_REL_DIR})\b", _I), 2),
    ("relative-unit", re.compile(
        r"\b(?P<unit>pekan|minggu|bulan|tahun)\s+(?P<dir>lalu|kemarin|silam|ini|depan|mendatang|"
        r"sebelumnya|berikutnya)\b", _I), 3),
    ("relative-day", re.compile(
        rf"\b(?P<w>kemarin\s+lusa|kemarin|hari\s+ini|besok\s+lusa|besok|lusa)\b"
        rf"(?:\s+(?P<pod>{_POD}))?", _I), 3),
    ("month-relative", re.compile(
        rf"\b(?:bulan\s+)?(?P<m>{_MONFULL})\s+(?P<dir>lalu|silam|depan|mendatang|ini|kemarin)\b",
        _I), 3),
    ("month-bare", re.compile(
        r"\b(?P<cue>pada|sejak|hingga|sampai|bulan|mulai|per|selama|sepanjang|jelang|menjelang|"
        r"di|dari|antara|sebelum|setelah|sesudah|usai|dan|atau|tanggal|pertengahan|medio|awal|"
        rf"akhir)\s+(?P<m>{_MONFULL})", _I), 4),
    ("year", re.compile(
        r"\b(?:(?P<kw>tahun)\s+|(?P<cue>pada|sejak|hingga|sampai|selama|sepanjang|jelang|"
        r"menjelang|sebelum|setelah|sesudah|usai|di|periode|mulai|pasca|per|awal|akhir|"
        rf"pertengahan)\s+(?P<kw2>tahun\s+)?)(?P<y>{_YEAR})(?![.,]\d|/|-\d)", _I), 4),
    ("quarter", re.compile(
        r"\b(?:kuartal|triwulan|kuarter)\s+(?P<q>iv|iii|ii|i|[1-4]|pertama|kedua|ketiga|keempat)"
        rf"\s+(?:(?:tahun\s+)?(?P<y>{_YEAR})|tahun\s+(?P<trel>ini|lalu|depan))"
        rf"|\bQ(?P<q2>[1-4])\s+(?P<y2>{_YEAR})", _I), 2),
    ("weekday", re.compile(
        rf"\b(?:hari\s+)?(?P<wd>{_WD})(?:\s+(?P<pod>{_POD}))?"
        r"(?:\s+(?P<dir>lalu|kemarin|depan|mendatang|ini)\b)?", _I), 5),
    ("window", re.compile(
        rf"\b(?:(?:dalam|selama|sepanjang)\s+(?:sekitar\s+|hampir\s+|lebih\s+dari\s+)?)?"
        rf"(?:(?P<n>\d+|{_NUM})\s+|(?P<se>se))(?P<unit>hari|pekan|minggu|bulan|tahun)"
        r"\s+(?:ke\s+)?(?:terakhir|belakangan|belakang)(?:\s+ini)?\b", _I), 1),
    ("period-so-far", re.compile(
        r"\b(?:sepanjang|selama)\s+(?P<unit>tahun|bulan|pekan|minggu)\s+ini\b", _I), 1),
    ("recently", re.compile(
        r"\b(?:baru-baru|belum\s+lama|akhir-akhir|belakangan)\s+ini\b", _I), 2),
    ("last-night", re.compile(r"\b(?:semalam|tadi\s+malam)\b", _I), 3),
    ("decade", re.compile(
        r"\b(?:(?:dekade|dasawarsa|era|tahun)\s+)?(?P<y>(?:1[89]|20)\d0)-?an\b", _I), 1),
    ("clock", re.compile(
        r"\bpukul\s+(?P<h1>\d{1,2})[.:](?P<m1>\d{2})(?:\s*" + _TO + r"\s*(?:pukul\s+)?"
        r"(?P<h2>\d{1,2})[.:](?P<m2>\d{2}))?(?:\s+(?P<tz>WIB|WITA|WIT|GMT|UTC|waktu\s+setempat))?",
        _I), 2),
    ("after-event", re.compile(
        rf"\b(?P<n>beberapa|{_NUM})\s+(?P<unit>hari|pekan|minggu|bulan)\s+"
        r"(?P<dir>setelah|sesudah|usai|pasca|sebelum)\b", _I), 2),
    ("vague", re.compile(
        r"\b(?P<v>sejak\s+(?:saat\s+)?itu|kala\s+itu|(?:pada\s+)?saat\s+itu|ketika\s+itu|"
        r"waktu\s+itu|sebelumnya)\b", _I), 6),
]

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
_NEEDS: dict[str, tuple[frozenset[str], ...]] = {  # rule -> alternatives, each all-of
    rule: tuple(frozenset(alt) for alt in alts) for rule, alts in {
        "dmy-range-2": [{"digit", "month", "range"}], "dmy-range": [{"digit", "month"}],
        "month-range": [{"month", "range"}], "year-range": [{"year4x2", "range"}],
        "numeric": [{"slash"}], "dmy": [{"digit", "month"}], "month-year": [{"year4", "month"}],
        "part-of-period": [{"part"}], "relative-n": [{"unit", "reldir"}, {"weekday", "reldir"}],
        "relative-unit": [{"unit"}, {"weekday"}], "relative-day": [{"relday"}, {"unit"}],
        "month-relative": [{"month"}], "month-bare": [{"month"}], "year": [{"year4"}],
        "quarter": [{"quarter"}, {"year4", "qnum"}], "weekday": [{"weekday"}],
        "vague": [{"vague", "vague-cue"}], "window": [{"unit", "window"}],
        "period-so-far": [{"unit", "window"}], "recently": [{"recent"}],
        "last-night": [{"night"}], "decade": [{"decade"}], "clock": [{"clock"}],
        "after-event": [{"unit", "after"}],
    }.items()}
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


# ---------------------------------------------------------------- calendar helpers
def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _month_span(year: int, month: int) -> tuple[date, date]:
    ny, nm = _add_months(year, month, 1)
    return date(year, month, 1), date(ny, nm, 1)


def _week_span(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=7)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int | None, anchor: date) -> int:
    """Year of the nearest plausible (month[, day]) to `anchor`; the future counts double."""
    best, best_cost = anchor.year, None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = _safe_date(y, month, day or 1)
        if d is None:
            continue
        if day is None:
            delta = (y * 12 + month) - (anchor.year * 12 + anchor.month)
        else:
            delta = (d - anchor).days
        cost = -delta if delta <= 0 else 2 * delta
        if best_cost is None or cost < best_cost:
            best, best_cost = y, cost
    return best


def to_anchor_date(anchor: Any) -> date | None:
    """The calendar date of `anchor` (datetime, Timestamp, date or ISO string) in its own
    time zone; UTC instants are read in WIB (Kompas publishes in Indonesian time)."""
    if anchor is None:
        return None
    if isinstance(anchor, str):
        try:
            anchor = pd.Timestamp(anchor)
        except (ValueError, TypeError):
            return None
    if isinstance(anchor, pd.Timestamp) and pd.isna(anchor):
        return None
    if isinstance(anchor, datetime):
        if anchor.tzinfo is not None and anchor.utcoffset() == timedelta(0):
            anchor = anchor.astimezone(timezone(timedelta(hours=7)))
        return date(anchor.year, anchor.month, anchor.day)
    if isinstance(anchor, date):
        return anchor
    return None


def _month_num(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _wd_num(s: str) -> int:
    return WEEKDAYS[s.lower()]


def _number(s: str) -> int | None:
    s = " ".join(s.lower().split())
    if s.isdigit():
        return int(s)
    if s in NUMBER_WORDS:
        return NUMBER_WORDS[s]
    parts = s.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS:
        if parts[1] == "belas":
            return 10 + NUMBER_WORDS[parts[0]]
        if parts[1] == "puluh":
            return 10 * NUMBER_WORDS[parts[0]]
    return None  # "beberapa"


def _year_of(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    return 2000 + y if y < 100 else y


# ---------------------------------------------------------------- resolution
class _State:
    """What relative-to-narrative expressions refer to: the last dated mention seen."""

    __slots__ = ("last", "texts", "last_text", "here")

    def __init__(self) -> None:
        self.last: tuple[date, date, str] | None = None
        self.texts = 0  # texts (paragraphs) scanned so far
        self.last_text = -9  # the text `last` was found in
        self.here: date | None = None  # the last day-dated mention of the current text

    def antecedent(self) -> tuple[date, date, str] | None:
        """The last dated mention if it is in this text or the one before (farther back, an
        anaphor like "saat itu" is left vague rather than pinned to a wrong date)."""
        return self.last if self.texts - self.last_text <= 2 else None


_Resolved = tuple  # (value_start, value_end, granularity, anchor, flags) or None to drop


def _pod_flags(*pods: str | None) -> list[str]:
    return [f"part-of-day:{' '.join(p.lower().split())}" for p in pods if p]


def _check_weekday(wd: str | None, day: date | None, flags: list[str]) -> None:
    if wd and day is not None and _wd_num(wd) != day.weekday():
        flags.append("weekday-mismatch")


def _day_with_year(d: int, m: int, y: int | None, anchor: date | None, flags: list[str],
                   rel: str | None = None, wd: str | None = None
                   ) -> tuple[date | None, date | None]:
    """Resolve d/m[/y]; returns (date, anchor used) or (None, None) when impossible. Without a
    year, a weekday ("Selasa (12/1)") picks the nearest year in which the date falls on it."""
    if y is not None:
        return _safe_date(y, m, d), None
    if anchor is None:
        flags.append("no-anchor")
        return None, None
    flags.append("inferred-year")
    if wd and not rel:
        fits = [c for c in (_safe_date(anchor.year + k, m, d) for k in (0, -1, 1))
                if c is not None and c.weekday() == _wd_num(wd)]
        if fits:
            return min(fits, key=lambda c: abs((c - anchor).days)), anchor
    if rel and rel.lower() in ("lalu", "silam"):
        y = anchor.year if _safe_date(anchor.year, m, d) and date(anchor.year, m, d) <= anchor \
            else anchor.year - 1
    elif rel and rel.lower() in ("mendatang", "depan"):
        y = anchor.year if _safe_date(anchor.year, m, d) and date(anchor.year, m, d) > anchor \
            else anchor.year + 1
    else:
        y = _year_for(m, d, anchor)
    return _safe_date(y, m, d), anchor


def _month_rel(m: int, rel: str | None, anchor: date) -> tuple[int, int]:
    rel = (rel or "").lower()
    if rel in ("lalu", "silam", "kemarin"):  # latest *past* month of that name
        y = anchor.year if m < anchor.month else anchor.year - 1
    elif rel in ("depan", "mendatang"):
        y = anchor.year if m > anchor.month else anchor.year + 1
    elif rel == "ini":
        y = anchor.year
    else:
        y = _year_for(m, None, anchor)
    return y, m


_NEW_RULES = frozenset({"window", "period-so-far", "recently", "last-night", "decade", "clock",
                        "after-event"})
_THIRDS = {"awal": ("early", 0), "pertengahan": ("mid", 1), "medio": ("mid", 1),
           "akhir": ("late", 2)}


def _third_of_month(y: int, m: int, third: int) -> tuple[date, date]:
    start, end = _month_span(y, m)
    bounds = [start, date(y, m, 11), date(y, m, 21), end]
    return bounds[third], bounds[third + 1]


def _part_of_year(y: int, third: int) -> tuple[date, date, str]:
    """"awal tahun" is its first quarter, "pertengahan tahun" June-August, "akhir tahun" its
    last month (the year-end of Indonesian usage); the granularity says how wide each is."""
    return [(date(y, 1, 1), date(y, 4, 1), "quarter"), (date(y, 6, 1), date(y, 9, 1), "quarter"),
            (date(y, 12, 1), date(y + 1, 1, 1), "month")][third]


def _rel_offset(base: date, unit: str, n: int) -> tuple[date, date, str]:
    """The unit-sized period `n` units from `base` (n may be negative)."""
    if unit == "hari":
        d = base + timedelta(days=n)
        return d, d + timedelta(days=1), "day"
    if unit in ("pekan", "minggu"):
        s, e = _week_span(base + timedelta(days=7 * n))
        return s, e, "week"
    if unit == "bulan":
        y, m = _add_months(base.year, base.month, n)
        s, e = _month_span(y, m)
        return s, e, "month"
    y = base.year + n
    return date(y, 1, 1), date(y + 1, 1, 1), "year"


_PLAUSIBLE_YEARS = (1900, 2099)  # explicit years outside are flagged, never replaced


def _possible(d: int, m: int, y: int | None) -> bool:
    """Whether day `d` of month `m` exists (in year `y`; any year when None: 29 Feb counts)."""
    return _safe_date(y if y is not None else 2024, m, d) is not None


def _to_anchor_day(anchor: date | None, state: _State, flags: list[str],
                   nearby: bool = False) -> date | None:
    """The day a clock time or "semalam" belongs to: the last day-dated mention of the same
    text (with `nearby`, of the last two paragraphs too; flag ``relative-to-mention``), else
    the anchor."""
    if state.here is not None:
        flags.append("relative-to-mention")
        return state.here
    ref = state.antecedent() if nearby else None
    if ref is not None and ref[2] in ("day", "datetime") and ref[1] - ref[0] == timedelta(days=1):
        flags.append("relative-to-mention")
        return ref[0]
    return anchor


def _window(anchor: date, unit: str, n: int | None) -> tuple[date, str]:
    """Start and granularity of the window of `n` units ending at `anchor` ("tiga pekan
    terakhir"); n None is "beberapa" (a few): 7 days, 3 weeks, 3 months or 3 calendar years."""
    if n is None:
        start = {"hari": anchor - timedelta(days=7), "bulan": date(*_add_months(anchor.year,
                 anchor.month, -3), 1), "tahun": date(anchor.year - 3, 1, 1)}.get(
                     unit, anchor - timedelta(days=21))
        return start, "vague"
    if unit == "hari":
        return anchor - timedelta(days=n), "day" if n <= 1 else "week"
    if unit in ("pekan", "minggu"):
        return anchor - timedelta(days=7 * n), "week"
    if unit == "bulan":
        y, m = _add_months(anchor.year, anchor.month, -n)
        return date(y, m, min(anchor.day, _month_span(y, m)[1].toordinal()
                              - date(y, m, 1).toordinal())), "month"
    return date(anchor.year - n, anchor.month, min(anchor.day, 28)
                if anchor.month == 2 else anchor.day), "year"


def _resolve_new(rule: str, g: dict[str, str | None], anchor: date | None, state: _State,
                 surface: str) -> _Resolved | None:
    """The rules added for real pages: windows ending at the anchor, "baru-baru ini",
    "semalam", decades, clock times and "beberapa hari setelah ..."."""
    flags: list[str] = []
    if rule == "decade":
        y = int(g["y"])
        if not g["y"].endswith("0"):
            return None
        return (date(y, 1, 1), date(y + 10, 1, 1), "decade", None, flags)
    if anchor is None and rule not in ("clock", "last-night"):
        return (None, None, "vague", None, ["no-anchor"])
    if rule == "window":
        n = 1 if g["se"] else _number(g["n"])
        if n is not None and n > 200:
            return (None, None, "vague", anchor, ["implausible-offset"])
        start, gran = _window(anchor, g["unit"].lower(), n)
        return (start, anchor + timedelta(days=1), gran, anchor, ["window"])
    if rule == "period-so-far":
        unit = g["unit"].lower()
        start = (date(anchor.year, 1, 1) if unit == "tahun" else date(anchor.year, anchor.month, 1)
                 if unit == "bulan" else _week_span(anchor)[0])
        gran = {"tahun": "year", "bulan": "month"}.get(unit, "week")
        return (start, anchor + timedelta(days=1), gran, anchor, ["window"])
    if rule == "recently":
        y, m = _add_months(anchor.year, anchor.month, -1)
        start = _safe_date(y, m, anchor.day) or date(y, m, 28)
        return (start, anchor + timedelta(days=1), "vague", anchor, ["recent"])
    if rule == "last-night":
        day = _to_anchor_day(anchor, state, flags)
        if day is None:
            return (None, None, "day", None, ["no-anchor"])
        return (day - timedelta(days=1), day + timedelta(days=1), "day",
                day, flags + ["part-of-day:malam"])
    if rule == "clock":
        day = _to_anchor_day(anchor, state, flags, nearby=True)
        h1, m1 = int(g["h1"]), int(g["m1"])
        if h1 > 24 or m1 > 59:
            return None
        flags.append(f"clock:{h1:02d}:{m1:02d}")
        if g["h2"]:
            flags.append(f"clock-end:{int(g['h2']):02d}:{g['m2']}")
        if g["tz"]:
            flags.append("tz:" + " ".join(g["tz"].lower().split()))
        if day is None:
            return (None, None, "datetime", None, flags + ["no-anchor"])
        return (day, day + timedelta(days=1), "datetime", day, flags)
    if rule == "after-event":
        n = _number(g["n"])
        unit = g["unit"].lower()
        if g["dir"].lower() == "sebelum" or (n is not None and n > 200):
            return (None, None, "vague", anchor, ["relative-to-event"])
        far = _rel_offset(anchor, unit, -9 if n is None else -(n + 7))
        near = _rel_offset(anchor, unit, -1 if n is None else -n)
        return (far[0], near[1], "vague", anchor, ["relative-to-event", "approximate"])
    return None


def _resolve(rule: str, g: dict[str, str | None], anchor: date | None, state: _State,
             surface: str) -> _Resolved | None:
    flags: list[str] = []
    if rule == "numeric":
        if not g["y"] and not g["wd"]:
            return None  # "1/2" or "(1/3)" without a weekday is a fraction, not a date
        d, m = int(g["d"]), int(g["m"])
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return None
        y = _year_of(g["y"])
        if not _possible(d, m, y):
            return (None, None, "day", None, ["invalid-date"])
        day, used = _day_with_year(d, m, y, anchor, flags, wd=g["wd"])
        if day is None and "no-anchor" not in flags:
            return None
        _check_weekday(g["wd"], day, flags)
        flags += _pod_flags(g["pod1"], g["pod2"])
        return (day, day and day + timedelta(days=1), "day", used, flags)
    if rule == "dmy":
        d, m = int(g["d"]), _month_num(g["m"])
        y = _year_of(g["y"])
        if y is not None and not _PLAUSIBLE_YEARS[0] <= y <= _PLAUSIBLE_YEARS[1]:
            return (None, None, "day", None, ["implausible-year"])
        if not _possible(d, m, y):
            return (None, None, "day", None, ["invalid-date"])
        day, used = _day_with_year(d, m, y, anchor, flags, g["rel"], g["wd"])
        if day is None and "no-anchor" not in flags:
            return None
        _check_weekday(g["wd"], day, flags)
        flags += _pod_flags(g["pod"])
        return (day, day and day + timedelta(days=1), "day", used, flags)
    if rule in ("dmy-range", "dmy-range-2"):
        flags.append("range")
        if rule == "dmy-range":
            m1 = m2 = _month_num(g["m"])
            y1 = y2 = _year_of(g["y"])
        else:
            m1, m2 = _month_num(g["m1"]), _month_num(g["m2"])
            y2 = _year_of(g["y2"])
            y1 = _year_of(g["y1"]) or (y2 if y2 is None or m1 <= m2 else y2 - 1)
        d1, d2 = int(g["d1"]), int(g["d2"])
        used = None
        if y2 is None:
            if anchor is None:
                return (None, None, "day", None, flags + ["no-anchor"])
            y2 = _year_for(m2, d2, anchor) if not g.get("rel") else (
                anchor.year if _safe_date(anchor.year, m2, d2) and date(anchor.year, m2, d2) <= anchor
                else anchor.year - 1)
            y1 = y2 if m1 <= m2 else y2 - 1
            used = anchor
            flags.append("inferred-year")
        a, b = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
        if a is None or b is None or b < a:
            return None
        return (a, b + timedelta(days=1), "day", used, flags)
    if rule == "month-range":
        if not g["m1"][0].isupper() and not g["y1"] and not g["y2"]:
            return None
        flags.append("range")
        m1, m2 = _month_num(g["m1"]), _month_num(g["m2"])
        y2 = _year_of(g["y2"])
        used = None
        if y2 is None:
            if anchor is None:
                return (None, None, "month", None, flags + ["no-anchor"])
            y2 = _month_rel(m2, g["rel"] or None, anchor)[0]
            used = anchor
            flags.append("inferred-year")
        y1 = _year_of(g["y1"]) or (y2 if m1 <= m2 else y2 - 1)
        a, b = _month_span(y1, m1)[0], _month_span(y2, m2)[1]
        if b <= a:
            return None
        return (a, b, "month", used, flags)
    if rule == "year-range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 <= y1:
            return None
        return (date(y1, 1, 1), date(y2 + 1, 1, 1), "year", None, ["range"])
    if rule == "month-year":
        s, e = _month_span(int(g["y"]), _month_num(g["m"]))
        return (s, e, "month", None, flags)
    if rule == "year":
        y = int(g["y"])
        return (date(y, 1, 1), date(y + 1, 1, 1), "year", None, flags)
    if rule == "quarter":
        q = ROMAN[(g["q"] or g["q2"]).lower()]
        if g["y"] or g["y2"]:
            y, used = int(g["y"] or g["y2"]), None
        elif anchor is None:
            return (None, None, "quarter", None, ["no-anchor"])
        else:
            y = anchor.year + {"ini": 0, "lalu": -1, "depan": 1}[g["trel"].lower()]
            used = anchor
        s = date(y, 3 * q - 2, 1)
        return (s, _month_span(y, 3 * q)[1], "quarter", used, flags)
    if rule == "part-of-period":
        label, third = _THIRDS[g["part"].lower()]
        flags.append(label)
        if g["y2"]:
            return (*_part_of_year(int(g["y2"]), third), None, flags)
        if g["m"] and g["y"]:
            s, e = _third_of_month(int(g["y"]), _month_num(g["m"]), third)
            return (s, e, "month", None, flags)
        if anchor is None:
            return (None, None, "vague", None, flags + ["no-anchor"])
        low = surface.lower()
        if g["m"]:
            if not g["m"][0].isupper() and not g["mrel"]:
                return None
            y, m = _month_rel(_month_num(g["m"]), g["mrel"], anchor)
            if not g["mrel"]:
                flags.append("inferred-year")
            s, e = _third_of_month(y, m, third)
            return (s, e, "month", anchor, flags)
        if "bulan" in low:
            n = {"ini": 0, "lalu": -1, "depan": 1, None: 0}[(g["brel"] or "").lower() or None]
            y, m = _add_months(anchor.year, anchor.month, n)
            s, e = _third_of_month(y, m, third)
            return (s, e, "month", anchor, flags)
        if "tahun" in low:
            rel = (g["trel"] or "").lower() or None
            n = {"ini": 0, "lalu": -1, "depan": 1, None: 0}[rel]
            s, e, gran = _part_of_year(anchor.year + n, third)
            if rel is None and (s - anchor).days > 60:  # bare "akhir tahun" in March: the last
                s, e, gran = _part_of_year(anchor.year - 1, third)
                flags.append("inferred-year")
            return (s, e, gran, anchor, flags)
        # pekan / minggu: the week's start, middle or weekend
        n = {"ini": 0, "lalu": -1, "depan": 1, None: 0}[(g["wrel"] or "").lower() or None]
        monday = _week_span(anchor)[0] + timedelta(days=7 * n)
        # awal = Monday-Wednesday, pertengahan = Tuesday-Thursday, akhir = the weekend
        first, last = [(0, 3), (1, 4), (5, 7)][third]
        if third == 2:
            flags.append("weekend")
        return (monday + timedelta(days=first), monday + timedelta(days=last), "week", anchor,
                flags)
    if rule == "relative-n":
        unit = g["unit"].lower()
        direction = " ".join(g["dir"].lower().split()).replace("yang ", "")
        n = 1 if g["se"] else _number(g["n"])
        to_ref = direction in ("kemudian", "sebelumnya", "setelahnya", "sesudahnya", "berikutnya")
        base = state.last[0] if (to_ref and state.last) else anchor
        if base is None:
            return (None, None, "vague" if n is None else "day", None, ["no-anchor"])
        sign = -1 if direction in ("lalu", "silam", "sebelumnya") else 1
        if to_ref and state.last:
            flags.append("relative-to-mention")
        if n is None:  # "beberapa hari lalu": a few units, no honest single date
            far = _rel_offset(base, unit, sign * 9)
            near = _rel_offset(base, unit, sign * 2)
            s, e = (far[0], near[1]) if sign < 0 else (near[0], far[1])
            return (s, e, "vague", base, flags + ["approximate"])
        try:  # a digit run is honoured ("1000 hari lalu") unless it leaves the calendar
            s, e, gran = _rel_offset(base, unit, sign * n)
        except (ValueError, OverflowError):
            return (None, None, "vague", base, flags + ["implausible-offset"])
        if not _PLAUSIBLE_YEARS[0] <= s.year <= _PLAUSIBLE_YEARS[1]:
            return (None, None, "vague", base, flags + ["implausible-offset"])
        return (s, e, gran, base, flags)
    if rule == "relative-unit":
        unit, direction = g["unit"].lower(), g["dir"].lower()
        to_ref = direction in ("sebelumnya", "berikutnya")
        base = state.last[0] if (to_ref and state.last) else anchor
        if base is None:
            return (None, None, "vague", None, ["no-anchor"])
        if to_ref and state.last:
            flags.append("relative-to-mention")
        n = {"lalu": -1, "kemarin": -1, "silam": -1, "sebelumnya": -1, "ini": 0, "depan": 1,
             "mendatang": 1, "berikutnya": 1}[direction]
        s, e, gran = _rel_offset(base, unit, n)
        return (s, e, gran, base, flags)
    if rule == "relative-day":
        if anchor is None:
            return (None, None, "day", None, ["no-anchor"])
        w = " ".join(g["w"].lower().split())
        n = {"kemarin lusa": -2, "kemarin": -1, "hari ini": 0, "besok": 1, "lusa": 2,
             "besok lusa": 2}[w]
        d = anchor + timedelta(days=n)
        return (d, d + timedelta(days=1), "day", anchor, _pod_flags(g["pod"]))
    if rule in ("month-relative", "month-bare"):
        if rule == "month-bare" and not g["m"][0].isupper():
            return None  # bare months are capitalised; this guards "mei"-like words
        if anchor is None:
            return (None, None, "month", None, ["no-anchor"])
        y, m = _month_rel(_month_num(g["m"]), g.get("dir"), anchor)
        if rule == "month-bare":
            flags.append("inferred-year")
        s, e = _month_span(y, m)
        return (s, e, "month", anchor, flags)
    if rule == "weekday":
        if not g["wd"][0].isupper():
            return None  # "minggu" in lower case is a week, not Sunday
        if g["wd"].lower() == "minggu" and g["dir"]:
            return None  # "Minggu lalu" reads as "last week": the relative-unit rule has it
        if anchor is None:
            return (None, None, "day", None, ["no-anchor"])
        wd = _wd_num(g["wd"])
        direction = (g["dir"] or "").lower()
        back = (anchor.weekday() - wd) % 7
        if direction in ("lalu", "kemarin"):
            d = anchor - timedelta(days=back or 7)
        elif direction in ("depan", "mendatang"):
            d = anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
        elif direction == "ini":
            d = _week_span(anchor)[0] + timedelta(days=wd)
        else:
            d = anchor - timedelta(days=back)
        return (d, d + timedelta(days=1), "day", anchor, _pod_flags(g["pod"]))
    if rule in _NEW_RULES:
        return _resolve_new(rule, g, anchor, state, surface)
    if rule == "vague":
        v = " ".join(g["v"].lower().split())
        ref = state.antecedent()
        if v == "sebelumnya":
            end = ref[0] if ref else anchor
            return (None, end, "vague", end, ["before"])
        if ref is None:
            return (None, None, "vague", None, ["no-reference"])
        # the antecedent's own span and granularity: "sejak saat itu" starts there (GUIDE:
        # "sejak X" is X with since), "saat itu" is that time
        label = "since" if v.startswith("sejak") else "at-that-time"
        return (ref[0], ref[1], ref[2], ref[0], [label, "relative-to-mention"])
    return None


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


def scan_temporal(text: str, anchor: Any, state: _State | None = None) -> list[Mention]:
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
    state = state if state is not None else _State()
    out: list[Mention] = []
    last_end = -1
    for s, e, _prio, rule, m in _candidates(text, frozenset(features)):
        if s < last_end:
            continue
        surface = text[s:e]
        res = _resolve(rule, m, anchor_date, state, surface)
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
    state = _State()
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
           "to_anchor_date", "Mention", "MENTION_COLUMNS", "TABLE_COLUMNS"]
