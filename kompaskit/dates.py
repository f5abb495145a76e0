"""Calendar facts used everywhere: Indonesian month and weekday names, the WIB zone, and the one
definition of an article's publication month (in WIB)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Iterable
from zoneinfo import ZoneInfo

import pandas as pd

#: Western Indonesia Time; Kompas prints times in WIB and the kit reports months in it
WIB = ZoneInfo("Asia/Jakarta")
#: fixed offsets of the three Indonesian zones (timestamps printed with WIB/WITA/WIT)
TIMEZONES: dict[str, timezone] = {
    "WIB": timezone(timedelta(hours=7)),
    "WITA": timezone(timedelta(hours=8)),
    "WIT": timezone(timedelta(hours=9)),
}

#: lower-case month names and abbreviations (Indonesian, old spellings, English) -> 1..12
MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "febr": 2, "peb": 2,
    "maret": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8, "agus": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nopember": 11, "nov": 11,
    "desember": 12, "des": 12,
    # English forms seen in HTML metadata and embedded posts
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "december": 12, "aug": 8, "oct": 10, "dec": 12,
}

#: lower-case Indonesian weekday names -> 0..6 (Monday = 0, as datetime.weekday())
WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jum\u2019at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
}


def to_wib(ts: Any) -> pd.Timestamp | None:
    """A datetime/Timestamp/ISO string -> tz-aware Timestamp in WIB; naive values are taken as
    UTC (how the tables store instants); None/NaT/unparsable -> None."""
    if ts is None:
        return None
    try:
        t = pd.Timestamp(ts)
    except (ValueError, TypeError):
        return None
    if pd.isna(t):
        return None
    if t.tzinfo is None:
        t = t.tz_localize("UTC")
    return t.tz_convert(WIB)


def publication_month(values: Iterable[Any] | pd.Series) -> pd.Series:
    """Publication times -> ``"YYYY-MM"`` strings of the month in WIB (missing -> <NA>).

    The one definition every view uses: an article published 2024-12-01 05:00 WIB
    (2024-11-30 22:00 UTC) is in month 2024-12. Tz-naive values are taken as UTC.
    """
    s = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    if isinstance(s.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(s.dtype):
        ts = pd.to_datetime(s, utc=True)
    else:  # mixed objects or strings: one value at a time, each as to_wib reads it
        ts = pd.to_datetime(pd.Series([to_wib(v) for v in s], index=s.index, dtype=object),
                            utc=True, errors="coerce")
    out = ts.dt.tz_convert(WIB).dt.strftime("%Y-%m")
    return out.astype("string").where(ts.notna(), pd.NA).rename(s.name)
