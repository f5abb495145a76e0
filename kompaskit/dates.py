"""Dates shared by every module (interim copy on branch `experience` until the lead's
`kompaskit/dates.py` lands on main; same API, main's version wins on merge).

`publication_month(values)`: "YYYY-MM" of each timestamp in WIB (tz-naive values are UTC).
"""
from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

WIB = ZoneInfo("Asia/Jakarta")


def to_wib(ts: Any) -> pd.Timestamp:
    """One timestamp in WIB (naive taken as UTC); NaT for missing."""
    t = pd.to_datetime(ts, utc=True, errors="coerce")
    return pd.NaT if pd.isna(t) else t.tz_convert(WIB)


def publication_month(values: Any) -> pd.Series:
    """The publication month, "YYYY-MM" in WIB, of each value (naive = UTC; missing -> NA)."""
    s = values if isinstance(values, pd.Series) else pd.Series(values)
    when = pd.to_datetime(s, utc=True, errors="coerce")
    month = when.dt.tz_convert(WIB).dt.strftime("%Y-%m")
    return month.where(when.notna(), None).astype(object)


__all__ = ["WIB", "to_wib", "publication_month"]
