"""Tables for reports: `export_table(df, name)` writes CSV (and optionally Parquet).

CSV is for spreadsheets and other tools: list cells are joined with ``"; "`` (``KCNA; Yonhap``,
empty for none; an item that itself holds ``"; "`` cannot be told apart), dict cells written as
``key: value; …`` (not Python or NumPy reprs), Categoricals and Arrow strings as plain text,
timestamps in ISO 8601 with their offset (``2024-11-30T10:52:00+07:00``), date columns (naive
midnights) as dates (``2024-06-01``). The file is
UTF-8 with a byte-order mark so Excel reads Indonesian names correctly; pandas reads it as is.
Parquet keeps the types `kompaskit.load()` gives (`pd.read_parquet` reads it back). Writes are
atomic.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .settings import output_dir, output_paths, write_atomic

TABLE_DIR_ENV = "KOMPASKIT_TABLES"
LIST_SEPARATOR = "; "
FORMATS = ("csv", "parquet")


def table_dir(outdir: str | os.PathLike | None = None) -> Path:
    """Where tables go: `outdir`, else $KOMPASKIT_TABLES, else ./reports/tables of the project."""
    return output_dir(outdir, TABLE_DIR_ENV, "reports/tables")


def _is_nested_column(s: pd.Series) -> bool:
    arrow_type = getattr(s.dtype, "pyarrow_dtype", None)
    if arrow_type is not None:
        return str(arrow_type).startswith(("list", "large_list"))
    return s.dtype == object and bool(s.map(lambda v: isinstance(v, (list, tuple, dict, np.ndarray))).any())


def _cell_text(v: Any) -> str:
    """A list (or array) as ``a; b``, a dict as ``key: value; …``, a missing value as empty."""
    if isinstance(v, dict):
        return LIST_SEPARATOR.join(f"{k}: {_cell_text(x)}" for k, x in v.items())
    if isinstance(v, np.ndarray):
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        return LIST_SEPARATOR.join(_cell_text(x) for x in v if not _missing(x))
    return "" if _missing(v) else str(v)


def _missing(v: Any) -> bool:
    return v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and v != v)


def _python_lists(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with any pd.ArrowDtype list column as Python lists: pandas cannot read back a
    Parquet file holding those (pandas issue 57411); object lists round-trip."""
    arrow_lists = [c for c in df.columns if getattr(df[c].dtype, "pyarrow_dtype", None) is not None
                   and _is_nested_column(df[c])]
    if not arrow_lists:
        return df
    return df.assign(**{c: pd.Series(df[c].tolist(), index=df.index, dtype=object) for c in arrow_lists})


def flat_for_csv(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with list and dict columns as text and timestamps as ISO 8601 text (see above)."""
    cols = []
    for i in range(df.shape[1]):  # by position: column names may repeat
        s = df.iloc[:, i]
        if _is_nested_column(s):
            s = pd.Series([_cell_text(v) for v in s], index=df.index, dtype=object)
        elif isinstance(s.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(s.dtype):
            # naive midnights are dates (events.date_start, mentions.value_start): write them so
            known = s.dropna()
            dates = not isinstance(s.dtype, pd.DatetimeTZDtype) and bool((known == known.dt.normalize()).all())
            s = pd.Series(["" if pd.isna(v) else v.date().isoformat() if dates else v.isoformat() for v in s],
                          index=df.index, dtype=object)
        elif isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype(object)
        cols.append(s)
    if not cols:
        return df.copy()
    flat = pd.concat(cols, axis=1)
    flat.columns = df.columns
    return flat


def export_table(df: pd.DataFrame, name: str, outdir: str | os.PathLike | None = None,
                 formats: tuple[str, ...] = ("csv",)) -> list[Path]:
    """Write `df` as <outdir>/<name>.csv (and .parquet if asked); return the paths written.

    `outdir` defaults to $KOMPASKIT_TABLES, else reports/tables of the project. The index is not
    written (reset it first if it carries data).
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown table format(s) {unknown}: choose from {list(FORMATS)}")
    written = []
    for path in output_paths(name, "table", table_dir(outdir), formats):
        if path.suffix == ".csv":
            write_atomic(path, lambda tmp: flat_for_csv(df).to_csv(tmp, index=False, encoding="utf-8-sig"))
        else:
            write_atomic(path, lambda tmp: _python_lists(df).to_parquet(tmp, index=False))
        written.append(path)
    return written


__all__ = ["export_table", "flat_for_csv", "table_dir"]
