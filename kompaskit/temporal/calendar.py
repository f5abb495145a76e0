"""Calendar arithmetic for the temporal grammar: month/weekday/number words, month and week
spans, the nearest plausible year, parts of months and years, offsets and windows. Plain
functions on `datetime.date`; no regexes and no state."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pandas as pd

from ..dates import MONTHS, WEEKDAYS  # noqa: E402,F401 (one calendar for the kit; re-exported)
NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
                "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "se": 1}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "pertama": 1,
         "kedua": 2, "ketiga": 3, "keempat": 4}

def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def month_span(year: int, month: int) -> tuple[date, date]:
    ny, nm = add_months(year, month, 1)
    return date(year, month, 1), date(ny, nm, 1)


def week_span(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=7)


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def year_for(month: int, day: int | None, anchor: date) -> int:
    """Year of the nearest plausible (month[, day]) to `anchor`; the future counts double."""
    best, best_cost = anchor.year, None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = safe_date(y, month, day or 1)
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


def month_number(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def weekday_number(s: str) -> int:
    return WEEKDAYS[s.lower()]


def number_of(s: str) -> int | None:
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


def year_of(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    return 2000 + y if y < 100 else y




def part_of_day_flags(*pods: str | None) -> list[str]:
    return [f"part-of-day:{' '.join(p.lower().split())}" for p in pods if p]


def check_weekday(wd: str | None, day: date | None, flags: list[str]) -> None:
    if wd and day is not None and weekday_number(wd) != day.weekday():
        flags.append("weekday-mismatch")


def day_with_year(d: int, m: int, y: int | None, anchor: date | None, flags: list[str],
                   rel: str | None = None, wd: str | None = None
                   ) -> tuple[date | None, date | None]:
    """Resolve d/m[/y]; returns (date, anchor used) or (None, None) when impossible. Without a
    year, a weekday ("Selasa (12/1)") picks the nearest year in which the date falls on it."""
    if y is not None:
        return safe_date(y, m, d), None
    if anchor is None:
        flags.append("no-anchor")
        return None, None
    flags.append("inferred-year")
    if wd and not rel:
        fits = [c for c in (safe_date(anchor.year + k, m, d) for k in (0, -1, 1))
                if c is not None and c.weekday() == weekday_number(wd)]
        if fits:
            return min(fits, key=lambda c: abs((c - anchor).days)), anchor
    if rel and rel.lower() in ("lalu", "silam"):
        y = anchor.year if safe_date(anchor.year, m, d) and date(anchor.year, m, d) <= anchor \
            else anchor.year - 1
    elif rel and rel.lower() in ("mendatang", "depan"):
        y = anchor.year if safe_date(anchor.year, m, d) and date(anchor.year, m, d) > anchor \
            else anchor.year + 1
    else:
        y = year_for(m, d, anchor)
    return safe_date(y, m, d), anchor


def month_with_relation(m: int, rel: str | None, anchor: date) -> tuple[int, int]:
    rel = (rel or "").lower()
    if rel in ("lalu", "silam", "kemarin"):  # latest *past* month of that name
        y = anchor.year if m < anchor.month else anchor.year - 1
    elif rel in ("depan", "mendatang"):
        y = anchor.year if m > anchor.month else anchor.year + 1
    elif rel == "ini":
        y = anchor.year
    else:
        y = year_for(m, None, anchor)
    return y, m


THIRDS = {"awal": ("early", 0), "pertengahan": ("mid", 1), "medio": ("mid", 1),
           "akhir": ("late", 2)}


def third_of_month(y: int, m: int, third: int) -> tuple[date, date]:
    start, end = month_span(y, m)
    bounds = [start, date(y, m, 11), date(y, m, 21), end]
    return bounds[third], bounds[third + 1]


def part_of_year(y: int, third: int) -> tuple[date, date, str]:
    """"awal tahun" is its first quarter, "pertengahan tahun" June-August, "akhir tahun" its
    last month (the year-end of Indonesian usage); the granularity says how wide each is."""
    return [(date(y, 1, 1), date(y, 4, 1), "quarter"), (date(y, 6, 1), date(y, 9, 1), "quarter"),
            (date(y, 12, 1), date(y + 1, 1, 1), "month")][third]


def relative_offset(base: date, unit: str, n: int) -> tuple[date, date, str]:
    """The unit-sized period `n` units from `base` (n may be negative)."""
    if unit == "hari":
        d = base + timedelta(days=n)
        return d, d + timedelta(days=1), "day"
    if unit in ("pekan", "minggu"):
        s, e = week_span(base + timedelta(days=7 * n))
        return s, e, "week"
    if unit == "bulan":
        y, m = add_months(base.year, base.month, n)
        s, e = month_span(y, m)
        return s, e, "month"
    y = base.year + n
    return date(y, 1, 1), date(y + 1, 1, 1), "year"


PLAUSIBLE_YEARS = (1900, 2099)  # explicit years outside are flagged, never replaced


def possible_date(d: int, m: int, y: int | None) -> bool:
    """Whether day `d` of month `m` exists (in year `y`; any year when None: 29 Feb counts)."""
    return safe_date(y if y is not None else 2024, m, d) is not None


def window_start(anchor: date, unit: str, n: int | None) -> tuple[date, str]:
    """Start and granularity of the window of `n` units ending at `anchor` ("tiga pekan
    terakhir"); n None is "beberapa" (a few): 7 days, 3 weeks, 3 months or 3 calendar years."""
    if n is None:
        start = {"hari": anchor - timedelta(days=7), "bulan": date(*add_months(anchor.year,
                 anchor.month, -3), 1), "tahun": date(anchor.year - 3, 1, 1)}.get(
                     unit, anchor - timedelta(days=21))
        return start, "vague"
    if unit == "hari":
        return anchor - timedelta(days=n), "day" if n <= 1 else "week"
    if unit in ("pekan", "minggu"):
        return anchor - timedelta(days=7 * n), "week"
    if unit == "bulan":
        y, m = add_months(anchor.year, anchor.month, -n)
        return date(y, m, min(anchor.day, month_span(y, m)[1].toordinal()
                              - date(y, m, 1).toordinal())), "month"
    return date(anchor.year - n, anchor.month, min(anchor.day, 28)
                if anchor.month == 2 else anchor.day), "year"


__all__ = ['MONTHS', 'NUMBER_WORDS', 'PLAUSIBLE_YEARS', 'ROMAN', 'THIRDS', 'WEEKDAYS',
           'add_months', 'check_weekday', 'day_with_year', 'month_number', 'month_span',
           'month_with_relation', 'number_of', 'part_of_day_flags', 'part_of_year',
           'possible_date', 'relative_offset', 'safe_date', 'third_of_month',
           'to_anchor_date', 'week_span', 'weekday_number', 'window_start', 'year_for',
           'year_of']
