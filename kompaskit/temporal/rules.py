"""The temporal grammar: one record per expression pattern, with its resolver beside it.

Each `Rule` holds a name, the compiled pattern, a priority (lower wins when two matches share
a span), the resolver (rule name, match groups, anchor date, scan state, surface ->
(value_start, value_end, granularity, anchor used, flags), or None to drop the match) and the
cue features a text must have for the pattern to be worth running (the gate in
`kompaskit.temporal`)."""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable, NamedTuple

from .calendar import (PLAUSIBLE_YEARS, ROMAN, THIRDS, add_months, check_weekday, day_with_year,
                       month_number, month_span, month_with_relation, number_of,
                       part_of_day_flags, part_of_year, possible_date, relative_offset,
                       safe_date, third_of_month, week_span, weekday_number, window_start,
                       year_for, year_of)

from .state import ScanState, day_of_reference

Groups = dict  # a match's groupdict (str | None values)
Resolved = tuple  # (value_start, value_end, granularity, anchor, flags)


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


DMY_RANGE_2 = re.compile(
        rf"(?<![\d.,/])\b(?P<d1>\d{{1,2}})\s+(?P<m1>{_MON})(?:\s+(?P<y1>{_YEAR}))?\s*{_TO}\s*"
        rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{_MON})(?:\s+(?P<y2>{_YEAR}))?", _I)


def resolve_day_month_range(rule: str, g: Groups, anchor: date | None, state: ScanState,
                            surface: str) -> Resolved | None:
    """Resolve a match of dmy-range / dmy-range-2."""
    flags: list[str] = []
    flags.append("range")
    if rule == "dmy-range":
        m1 = m2 = month_number(g["m"])
        y1 = y2 = year_of(g["y"])
    else:
        m1, m2 = month_number(g["m1"]), month_number(g["m2"])
        y2 = year_of(g["y2"])
        y1 = year_of(g["y1"]) or (y2 if y2 is None or m1 <= m2 else y2 - 1)
    d1, d2 = int(g["d1"]), int(g["d2"])
    used = None
    if y2 is None:
        if anchor is None:
            return (None, None, "day", None, flags + ["no-anchor"])
        y2 = year_for(m2, d2, anchor) if not g.get("rel") else (
            anchor.year if safe_date(anchor.year, m2, d2) and date(anchor.year, m2, d2) <= anchor
            else anchor.year - 1)
        y1 = y2 if m1 <= m2 else y2 - 1
        used = anchor
        flags.append("inferred-year")
    a, b = safe_date(y1, m1, d1), safe_date(y2, m2, d2)
    if a is None or b is None or b < a:
        return None
    return (a, b + timedelta(days=1), "day", used, flags)


DMY_RANGE = re.compile(
        rf"(?<![\d.,/])\b(?P<d1>\d{{1,2}})\s*(?:{_TO}|dan)\s*(?P<d2>\d{{1,2}})\s+(?P<m>{_MON})"
        rf"(?:\s+(?P<y>{_YEAR}))?(?:\s+(?P<rel>lalu|silam))?", _I)


MONTH_RANGE = re.compile(
        rf"\b(?:bulan\s+)?(?P<m1>{_MONFULL})(?:\s+(?P<y1>{_YEAR}))?\s*{_TO}\s*(?:bulan\s+)?"
        rf"(?P<m2>{_MONFULL})(?:\s+(?P<y2>{_YEAR})|\s+(?P<rel>lalu|silam))?", _I)


def resolve_month_range(rule: str, g: Groups, anchor: date | None, state: ScanState,
                        surface: str) -> Resolved | None:
    """Resolve a match of month-range."""
    flags: list[str] = []
    if not g["m1"][0].isupper() and not g["y1"] and not g["y2"]:
        return None
    flags.append("range")
    m1, m2 = month_number(g["m1"]), month_number(g["m2"])
    y2 = year_of(g["y2"])
    used = None
    if y2 is None:
        if anchor is None:
            return (None, None, "month", None, flags + ["no-anchor"])
        y2 = month_with_relation(m2, g["rel"] or None, anchor)[0]
        used = anchor
        flags.append("inferred-year")
    y1 = year_of(g["y1"]) or (y2 if m1 <= m2 else y2 - 1)
    a, b = month_span(y1, m1)[0], month_span(y2, m2)[1]
    if b <= a:
        return None
    return (a, b, "month", used, flags)


YEAR_RANGE = re.compile(
        rf"(?<![\d.,/])\b(?:tahun\s+)?(?P<y1>{_YEAR})\s*{_TO}\s*(?:tahun\s+)?(?P<y2>{_YEAR})"
        r"(?![.,]\d|/)", _I)


def resolve_year_range(rule: str, g: Groups, anchor: date | None, state: ScanState,
                       surface: str) -> Resolved | None:
    """Resolve a match of year-range."""
    flags: list[str] = []
    y1, y2 = int(g["y1"]), int(g["y2"])
    if y2 <= y1:
        return None
    return (date(y1, 1, 1), date(y2 + 1, 1, 1), "year", None, ["range"])


NUMERIC = re.compile(
        r"(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?![\d/])"
        rf"\s*(?P<close>\))?(?:\s+(?P<pod2>{_POD}))?", _I)


def resolve_numeric(rule: str, g: Groups, anchor: date | None, state: ScanState,
                    surface: str) -> Resolved | None:
    """Resolve a match of numeric."""
    flags: list[str] = []
    if not g["y"] and not g["wd"]:
        return None  # "1/2" or "(1/3)" without a weekday is a fraction, not a date
    d, m = int(g["d"]), int(g["m"])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    y = year_of(g["y"])
    if not possible_date(d, m, y):
        return (None, None, "day", None, ["invalid-date"])
    day, used = day_with_year(d, m, y, anchor, flags, wd=g["wd"])
    if day is None and "no-anchor" not in flags:
        return None
    check_weekday(g["wd"], day, flags)
    flags += part_of_day_flags(g["pod1"], g["pod2"])
    return (day, day and day + timedelta(days=1), "day", used, flags)


DMY = re.compile(
        rf"(?:\b(?:hari\s+)?(?P<wd>{_WD})\s*[,(]?\s*)?(?:\btanggal\s+|\btgl\.?\s+)?"
        rf"(?<![\d.,/])\b(?P<d>\d{{1,2}})\s+(?P<m>{_MON})(?:\s+(?P<y>\d{{4}}(?!\d)))?(?P<close>\))?"
        rf"(?:\s+(?P<rel>lalu|silam|mendatang|depan))?(?:\s+(?P<pod>{_POD}))?", _I)


def resolve_dmy(rule: str, g: Groups, anchor: date | None, state: ScanState,
                surface: str) -> Resolved | None:
    """Resolve a match of dmy."""
    flags: list[str] = []
    d, m = int(g["d"]), month_number(g["m"])
    y = year_of(g["y"])
    if y is not None and not PLAUSIBLE_YEARS[0] <= y <= PLAUSIBLE_YEARS[1]:
        return (None, None, "day", None, ["implausible-year"])
    if not possible_date(d, m, y):
        return (None, None, "day", None, ["invalid-date"])
    day, used = day_with_year(d, m, y, anchor, flags, g["rel"], g["wd"])
    if day is None and "no-anchor" not in flags:
        return None
    check_weekday(g["wd"], day, flags)
    flags += part_of_day_flags(g["pod"])
    return (day, day and day + timedelta(days=1), "day", used, flags)


MONTH_YEAR = re.compile(rf"\b(?:bulan\s+)?(?P<m>{_MON})\s+(?P<y>{_YEAR})", _I)


def resolve_month_year(rule: str, g: Groups, anchor: date | None, state: ScanState,
                       surface: str) -> Resolved | None:
    """Resolve a match of month-year."""
    flags: list[str] = []
    s, e = month_span(int(g["y"]), month_number(g["m"]))
    return (s, e, "month", None, flags)


PART_OF_PERIOD = re.compile(
        rf"\b(?P<part>awal|pertengahan|medio|akhir)\s+(?:"
        rf"(?:bulan\s+)?(?P<m>{_MONFULL})(?:\s+(?P<y>{_YEAR})|\s+(?P<mrel>lalu|silam|depan|mendatang|ini))?"
        rf"|bulan\s+(?P<brel>ini|lalu|depan)|bulan(?!\s+\w)"
        rf"|(?:tahun\s+)?(?P<y2>{_YEAR})|tahun\s+(?P<trel>ini|lalu|depan)|tahun(?![a-z]|\s+\d)"
        r"|(?:pekan|minggu)\s+(?P<wrel>ini|lalu|depan)|pekan(?![a-z]))", _I)


def resolve_part_of_period(rule: str, g: Groups, anchor: date | None, state: ScanState,
                           surface: str) -> Resolved | None:
    """Resolve a match of part-of-period."""
    flags: list[str] = []
    label, third = THIRDS[g["part"].lower()]
    flags.append(label)
    if g["y2"]:
        return (*part_of_year(int(g["y2"]), third), None, flags)
    if g["m"] and g["y"]:
        s, e = third_of_month(int(g["y"]), month_number(g["m"]), third)
        return (s, e, "month", None, flags)
    if anchor is None:
        return (None, None, "vague", None, flags + ["no-anchor"])
    low = surface.lower()
    if g["m"]:
        if not g["m"][0].isupper() and not g["mrel"]:
            return None
        y, m = month_with_relation(month_number(g["m"]), g["mrel"], anchor)
        if not g["mrel"]:
            flags.append("inferred-year")
        s, e = third_of_month(y, m, third)
        return (s, e, "month", anchor, flags)
    if "bulan" in low:
        n = {"ini": 0, "lalu": -1, "depan": 1, None: 0}[(g["brel"] or "").lower() or None]
        y, m = add_months(anchor.year, anchor.month, n)
        s, e = third_of_month(y, m, third)
        return (s, e, "month", anchor, flags)
    if "tahun" in low:
        rel = (g["trel"] or "").lower() or None
        n = {"ini": 0, "lalu": -1, "depan": 1, None: 0}[rel]
        s, e, gran = part_of_year(anchor.year + n, third)
        if rel is None and (s - anchor).days > 60:  # bare "akhir tahun" in March: the last
            s, e, gran = part_of_year(anchor.year - 1, third)
            flags.append("inferred-year")
        return (s, e, gran, anchor, flags)
    # pekan / minggu: the week's start, middle or weekend
    n = {"ini": 0, "lalu": -1, "depan": 1, None: 0}[(g["wrel"] or "").lower() or None]
    monday = week_span(anchor)[0] + timedelta(days=7 * n)
    # awal = Monday-Wednesday, pertengahan = Tuesday-Thursday, akhir = the weekend
    first, last = [(0, 3), (1, 4), (5, 7)][third]
    if third == 2:
        flags.append("weekend")
    return (monday + timedelta(days=first), monday + timedelta(days=last), "week", anchor,
            flags)


RELATIVE_N = re.compile(
        rf"(?<![\d.,])\b(?:(?P<n>\d+|{_NUM})\s+|(?P<se>se))(?P<unit>hari|pekan|minggu|bulan|tahun)"
        rf"\s+(?P<dir>{_REL_DIR})\b", _I)


def resolve_relative_n(rule: str, g: Groups, anchor: date | None, state: ScanState,
                       surface: str) -> Resolved | None:
    """Resolve a match of relative-n."""
    flags: list[str] = []
    unit = g["unit"].lower()
    direction = " ".join(g["dir"].lower().split()).replace("yang ", "")
    n = 1 if g["se"] else number_of(g["n"])
    to_ref = direction in ("kemudian", "sebelumnya", "setelahnya", "sesudahnya", "berikutnya")
    base = state.last[0] if (to_ref and state.last) else anchor
    if base is None:
        return (None, None, "vague" if n is None else "day", None, ["no-anchor"])
    sign = -1 if direction in ("lalu", "silam", "sebelumnya") else 1
    if to_ref and state.last:
        flags.append("relative-to-mention")
    if n is None:  # "beberapa hari lalu": a few units, no honest single date
        far = relative_offset(base, unit, sign * 9)
        near = relative_offset(base, unit, sign * 2)
        s, e = (far[0], near[1]) if sign < 0 else (near[0], far[1])
        return (s, e, "vague", base, flags + ["approximate"])
    try:  # a digit run is honoured ("1000 hari lalu") unless it leaves the calendar
        s, e, gran = relative_offset(base, unit, sign * n)
    except (ValueError, OverflowError):
        return (None, None, "vague", base, flags + ["implausible-offset"])
    if not PLAUSIBLE_YEARS[0] <= s.year <= PLAUSIBLE_YEARS[1]:
        return (None, None, "vague", base, flags + ["implausible-offset"])
    return (s, e, gran, base, flags)


RELATIVE_UNIT = re.compile(
        r"\b(?P<unit>pekan|minggu|bulan|tahun)\s+(?P<dir>lalu|kemarin|silam|ini|depan|mendatang|"
        r"sebelumnya|berikutnya)\b", _I)


def resolve_relative_unit(rule: str, g: Groups, anchor: date | None, state: ScanState,
                          surface: str) -> Resolved | None:
    """Resolve a match of relative-unit."""
    flags: list[str] = []
    unit, direction = g["unit"].lower(), g["dir"].lower()
    to_ref = direction in ("sebelumnya", "berikutnya")
    base = state.last[0] if (to_ref and state.last) else anchor
    if base is None:
        return (None, None, "vague", None, ["no-anchor"])
    if to_ref and state.last:
        flags.append("relative-to-mention")
    n = {"lalu": -1, "kemarin": -1, "silam": -1, "sebelumnya": -1, "ini": 0, "depan": 1,
         "mendatang": 1, "berikutnya": 1}[direction]
    s, e, gran = relative_offset(base, unit, n)
    return (s, e, gran, base, flags)


RELATIVE_DAY = re.compile(
        rf"\b(?P<w>kemarin\s+lusa|kemarin|hari\s+ini|besok\s+lusa|besok|lusa)\b"
        rf"(?:\s+(?P<pod>{_POD}))?", _I)


def resolve_relative_day(rule: str, g: Groups, anchor: date | None, state: ScanState,
                         surface: str) -> Resolved | None:
    """Resolve a match of relative-day."""
    flags: list[str] = []
    if anchor is None:
        return (None, None, "day", None, ["no-anchor"])
    w = " ".join(g["w"].lower().split())
    n = {"kemarin lusa": -2, "kemarin": -1, "hari ini": 0, "besok": 1, "lusa": 2,
         "besok lusa": 2}[w]
    d = anchor + timedelta(days=n)
    return (d, d + timedelta(days=1), "day", anchor, part_of_day_flags(g["pod"]))


MONTH_RELATIVE = re.compile(
        rf"\b(?:bulan\s+)?(?P<m>{_MONFULL})\s+(?P<dir>lalu|silam|depan|mendatang|ini|kemarin)\b",
        _I)


def resolve_month_name(rule: str, g: Groups, anchor: date | None, state: ScanState,
                       surface: str) -> Resolved | None:
    """Resolve a match of month-relative / month-bare."""
    flags: list[str] = []
    if rule == "month-bare" and not g["m"][0].isupper():
        return None  # bare months are capitalised; this guards "mei"-like words
    if anchor is None:
        return (None, None, "month", None, ["no-anchor"])
    y, m = month_with_relation(month_number(g["m"]), g.get("dir"), anchor)
    if rule == "month-bare":
        flags.append("inferred-year")
    s, e = month_span(y, m)
    return (s, e, "month", anchor, flags)


MONTH_BARE = re.compile(
        r"\b(?P<cue>pada|sejak|hingga|sampai|bulan|mulai|per|selama|sepanjang|jelang|menjelang|"
        r"di|dari|antara|sebelum|setelah|sesudah|usai|dan|atau|tanggal|pertengahan|medio|awal|"
        rf"akhir)\s+(?P<m>{_MONFULL})", _I)


YEAR = re.compile(
        r"\b(?:(?P<kw>tahun)\s+|(?P<cue>pada|sejak|hingga|sampai|selama|sepanjang|jelang|"
        r"menjelang|sebelum|setelah|sesudah|usai|di|periode|mulai|pasca|per|awal|akhir|"
        rf"pertengahan)\s+(?P<kw2>tahun\s+)?)(?P<y>{_YEAR})(?![.,]\d|/|-\d)", _I)


def resolve_year(rule: str, g: Groups, anchor: date | None, state: ScanState,
                 surface: str) -> Resolved | None:
    """Resolve a match of year."""
    flags: list[str] = []
    y = int(g["y"])
    return (date(y, 1, 1), date(y + 1, 1, 1), "year", None, flags)


QUARTER = re.compile(
        r"\b(?:kuartal|triwulan|kuarter)\s+(?P<q>iv|iii|ii|i|[1-4]|pertama|kedua|ketiga|keempat)"
        rf"\s+(?:(?:tahun\s+)?(?P<y>{_YEAR})|tahun\s+(?P<trel>ini|lalu|depan))"
        rf"|\bQ(?P<q2>[1-4])\s+(?P<y2>{_YEAR})", _I)


def resolve_quarter(rule: str, g: Groups, anchor: date | None, state: ScanState,
                    surface: str) -> Resolved | None:
    """Resolve a match of quarter."""
    flags: list[str] = []
    q = ROMAN[(g["q"] or g["q2"]).lower()]
    if g["y"] or g["y2"]:
        y, used = int(g["y"] or g["y2"]), None
    elif anchor is None:
        return (None, None, "quarter", None, ["no-anchor"])
    else:
        y = anchor.year + {"ini": 0, "lalu": -1, "depan": 1}[g["trel"].lower()]
        used = anchor
    s = date(y, 3 * q - 2, 1)
    return (s, month_span(y, 3 * q)[1], "quarter", used, flags)


WEEKDAY = re.compile(
        rf"\b(?:hari\s+)?(?P<wd>{_WD})(?:\s+(?P<pod>{_POD}))?"
        r"(?:\s+(?P<dir>lalu|kemarin|depan|mendatang|ini)\b)?", _I)


def resolve_weekday(rule: str, g: Groups, anchor: date | None, state: ScanState,
                    surface: str) -> Resolved | None:
    """Resolve a match of weekday."""
    flags: list[str] = []
    if not g["wd"][0].isupper():
        return None  # "minggu" in lower case is a week, not Sunday
    if g["wd"].lower() == "minggu" and g["dir"]:
        return None  # "Minggu lalu" reads as "last week": the relative-unit rule has it
    if anchor is None:
        return (None, None, "day", None, ["no-anchor"])
    wd = weekday_number(g["wd"])
    direction = (g["dir"] or "").lower()
    back = (anchor.weekday() - wd) % 7
    if direction in ("lalu", "kemarin"):
        d = anchor - timedelta(days=back or 7)
    elif direction in ("depan", "mendatang"):
        d = anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
    elif direction == "ini":
        d = week_span(anchor)[0] + timedelta(days=wd)
    else:
        d = anchor - timedelta(days=back)
    return (d, d + timedelta(days=1), "day", anchor, part_of_day_flags(g["pod"]))


WINDOW = re.compile(
        rf"\b(?:(?:dalam|selama|sepanjang)\s+(?:sekitar\s+|hampir\s+|lebih\s+dari\s+)?)?"
        rf"(?:(?P<n>\d+|{_NUM})\s+|(?P<se>se))(?P<unit>hari|pekan|minggu|bulan|tahun)"
        r"\s+(?:ke\s+)?(?:terakhir|belakangan|belakang)(?:\s+ini)?\b", _I)


def resolve_window(rule: str, g: Groups, anchor: date | None, state: ScanState,
                   surface: str) -> Resolved | None:
    """Resolve a match of window."""
    flags: list[str] = []
    if anchor is None:
        return (None, None, "vague", None, ["no-anchor"])
    n = 1 if g["se"] else number_of(g["n"])
    if n is not None and n > 200:
        return (None, None, "vague", anchor, ["implausible-offset"])
    start, gran = window_start(anchor, g["unit"].lower(), n)
    return (start, anchor + timedelta(days=1), gran, anchor, ["window"])


PERIOD_SO_FAR = re.compile(
        r"\b(?:sepanjang|selama)\s+(?P<unit>tahun|bulan|pekan|minggu)\s+ini\b", _I)


def resolve_period_so_far(rule: str, g: Groups, anchor: date | None, state: ScanState,
                          surface: str) -> Resolved | None:
    """Resolve a match of period-so-far."""
    flags: list[str] = []
    if anchor is None:
        return (None, None, "vague", None, ["no-anchor"])
    unit = g["unit"].lower()
    start = (date(anchor.year, 1, 1) if unit == "tahun" else date(anchor.year, anchor.month, 1)
             if unit == "bulan" else week_span(anchor)[0])
    gran = {"tahun": "year", "bulan": "month"}.get(unit, "week")
    return (start, anchor + timedelta(days=1), gran, anchor, ["window"])


RECENTLY = re.compile(
        r"\b(?:baru-baru|belum\s+lama|akhir-akhir|belakangan)\s+ini\b", _I)


def resolve_recently(rule: str, g: Groups, anchor: date | None, state: ScanState,
                     surface: str) -> Resolved | None:
    """Resolve a match of recently."""
    flags: list[str] = []
    if anchor is None:
        return (None, None, "vague", None, ["no-anchor"])
    y, m = add_months(anchor.year, anchor.month, -1)
    start = safe_date(y, m, anchor.day) or date(y, m, 28)
    return (start, anchor + timedelta(days=1), "vague", anchor, ["recent"])


LAST_NIGHT = re.compile(r"\b(?:semalam|tadi\s+malam)\b", _I)


def resolve_last_night(rule: str, g: Groups, anchor: date | None, state: ScanState,
                       surface: str) -> Resolved | None:
    """Resolve a match of last-night."""
    flags: list[str] = []
    day = day_of_reference(anchor, state, flags)
    if day is None:
        return (None, None, "day", None, ["no-anchor"])
    return (day - timedelta(days=1), day + timedelta(days=1), "day",
            day, flags + ["part-of-day:malam"])


DECADE = re.compile(
        r"\b(?:(?:dekade|dasawarsa|era|tahun)\s+)?(?P<y>(?:1[89]|20)\d0)-?an\b", _I)


def resolve_decade(rule: str, g: Groups, anchor: date | None, state: ScanState,
                   surface: str) -> Resolved | None:
    """Resolve a match of decade."""
    flags: list[str] = []
    y = int(g["y"])
    if not g["y"].endswith("0"):
        return None
    return (date(y, 1, 1), date(y + 10, 1, 1), "decade", None, flags)


CLOCK = re.compile(
        r"\bpukul\s+(?P<h1>\d{1,2})[.:](?P<m1>\d{2})(?:\s*" + _TO + r"\s*(?:pukul\s+)?"
        r"(?P<h2>\d{1,2})[.:](?P<m2>\d{2}))?(?:\s+(?P<tz>WIB|WITA|WIT|GMT|UTC|waktu\s+setempat))?",
        _I)


def resolve_clock(rule: str, g: Groups, anchor: date | None, state: ScanState,
                  surface: str) -> Resolved | None:
    """Resolve a match of clock."""
    flags: list[str] = []
    day = day_of_reference(anchor, state, flags, nearby=True)
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


AFTER_EVENT = re.compile(
        rf"\b(?P<n>beberapa|{_NUM})\s+(?P<unit>hari|pekan|minggu|bulan)\s+"
        r"(?P<dir>setelah|sesudah|usai|pasca|sebelum)\b", _I)


def resolve_after_event(rule: str, g: Groups, anchor: date | None, state: ScanState,
                        surface: str) -> Resolved | None:
    """Resolve "beberapa hari setelah X" (a recent report: the days before the anchor); "dua
    pekan setelah X" or "... sebelum X" counts from an undated X and stays without values."""
    if anchor is None:
        return (None, None, "vague", None, ["no-anchor"])
    n = number_of(g["n"])
    unit = g["unit"].lower()
    if g["dir"].lower() == "sebelum" or n is not None or unit != "hari":
        return (None, None, "vague", anchor, ["relative-to-event"])
    far = relative_offset(anchor, unit, -9)
    near = relative_offset(anchor, unit, -1)
    return (far[0], near[1], "vague", anchor, ["relative-to-event", "approximate"])


VAGUE = re.compile(
        r"\b(?P<v>sejak\s+(?:saat\s+)?itu|kala\s+itu|(?:pada\s+)?saat\s+itu|ketika\s+itu|"
        r"waktu\s+itu|sebelumnya)\b", _I)


def resolve_vague(rule: str, g: Groups, anchor: date | None, state: ScanState,
                  surface: str) -> Resolved | None:
    """Resolve a match of vague."""
    flags: list[str] = []
    v = " ".join(g["v"].lower().split())
    ref = state.antecedent()
    if v == "sebelumnya":
        # "earlier" than a date of the same paragraph; otherwise earlier than the report itself
        # (news "X sebelumnya menyebut ..." is not pinned to a date paragraphs away)
        same = ref if state.last_text == state.texts else None
        end = same[0] if same else anchor
        return (None, end, "vague", end, ["before"])
    if ref is None:
        return (None, None, "vague", None, ["no-reference"])
    # the antecedent's own span and granularity: "sejak saat itu" starts there (GUIDE:
    # "sejak X" is X with since), "saat itu" is that time
    label = "since" if v.startswith("sejak") else "at-that-time"
    return (ref[0], ref[1], ref[2], ref[0], [label, "relative-to-mention"])


class Rule(NamedTuple):
    """One expression pattern of the grammar and how to resolve it."""

    name: str
    pattern: re.Pattern[str]
    priority: int
    resolve: Callable[..., Resolved | None]
    needs: list[list[str]]  # alternatives of cue features, each all-of


RULES: list[Rule] = [
    Rule("dmy-range-2", DMY_RANGE_2, 1, resolve_day_month_range, [['digit', 'month', 'range']]),
    Rule("dmy-range", DMY_RANGE, 1, resolve_day_month_range, [['digit', 'month']]),
    Rule("month-range", MONTH_RANGE, 2, resolve_month_range, [['month', 'range']]),
    Rule("year-range", YEAR_RANGE, 2, resolve_year_range, [['range', 'year4x2']]),
    Rule("numeric", NUMERIC, 1, resolve_numeric, [['slash']]),
    Rule("dmy", DMY, 2, resolve_dmy, [['digit', 'month']]),
    Rule("month-year", MONTH_YEAR, 3, resolve_month_year, [['month', 'year4']]),
    Rule("part-of-period", PART_OF_PERIOD, 2, resolve_part_of_period, [['part']]),
    Rule("relative-n", RELATIVE_N, 2, resolve_relative_n,
         [['reldir', 'unit'], ['reldir', 'weekday']]),
    Rule("relative-unit", RELATIVE_UNIT, 3, resolve_relative_unit, [['unit'], ['weekday']]),
    Rule("relative-day", RELATIVE_DAY, 3, resolve_relative_day, [['relday'], ['unit']]),
    Rule("month-relative", MONTH_RELATIVE, 3, resolve_month_name, [['month']]),
    Rule("month-bare", MONTH_BARE, 4, resolve_month_name, [['month']]),
    Rule("year", YEAR, 4, resolve_year, [['year4']]),
    Rule("quarter", QUARTER, 2, resolve_quarter, [['qnum', 'year4'], ['quarter']]),
    Rule("weekday", WEEKDAY, 5, resolve_weekday, [['weekday']]),
    Rule("window", WINDOW, 1, resolve_window, [['unit', 'window']]),
    Rule("period-so-far", PERIOD_SO_FAR, 1, resolve_period_so_far, [['unit', 'window']]),
    Rule("recently", RECENTLY, 2, resolve_recently, [['recent']]),
    Rule("last-night", LAST_NIGHT, 3, resolve_last_night, [['night']]),
    Rule("decade", DECADE, 1, resolve_decade, [['decade']]),
    Rule("clock", CLOCK, 2, resolve_clock, [['clock']]),
    Rule("after-event", AFTER_EVENT, 2, resolve_after_event, [['after', 'unit']]),
    Rule("vague", VAGUE, 6, resolve_vague, [['vague', 'vague-cue']]),
]
# regex fragments the scanner reuses for its weekday prefix
WEEKDAY_PATTERN, PART_OF_DAY_PATTERN = _WD, _POD

__all__ = ["Rule", "RULES", "ScanState", "Groups", "Resolved", "WEEKDAY_PATTERN",
           "PART_OF_DAY_PATTERN", "day_of_reference"]
