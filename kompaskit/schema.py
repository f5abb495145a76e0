"""Column contract of every table the build writes (see ``docs/tables.md``; the tables themselves are
recorded in ``kompaskit/pipeline.py``).

`conform(df, name)` puts a DataFrame into its table's shape: contract columns first, in order,
missing ones added as nulls, extra columns kept after them. `to_arrow(df, name)` gives the Arrow
table with the contract's types, so an empty table still has typed columns in Parquet.
"""
from __future__ import annotations

import pandas as pd
import pyarrow as pa

# large_string: pandas' Arrow-backed `str` dtype holds 64-bit offsets, so loading these columns
# needs no cast (measured: 4-10x faster to_pandas on the 2.9 M-row attributions table)
STR = pa.large_string()
LIST = pa.list_(pa.large_string())
TS_LOCAL = pa.timestamp("ns", tz="Asia/Jakarta")  # publication times print as +07:00 (WIB)
TS_UTC = pa.timestamp("ns", tz="UTC")
DATE = pa.timestamp("ns")  # naive midnight; value_end/date_end exclusive
I32 = pa.int32()
F64 = pa.float64()

TABLES: dict[str, dict[str, pa.DataType]] = {
    "articles": {
        "article_id": STR, "site": STR, "url": STR, "title": STR, "published": TS_LOCAL,
        "authors": LIST, "editor": STR, "source": LIST, "dateline": STR, "section": STR,
        "caption": STR, "photo_credit": LIST, "related": LIST, "n_paragraphs": I32, "text": STR,
        "raw_path": STR, "raw_sha256": STR, "raw_kind": STR, "parser": STR, "flags": LIST,
        "credits": LIST, "captured_at": TS_UTC, "capture_url": STR, "http_status": I32,
        "archive_url": STR,
        "duplicate_paths": LIST,
    },
    "paragraphs": {"article_id": STR, "para_idx": I32, "text": STR, "kind": STR},
    "quotes": {
        "quote_id": STR, "article_id": STR, "para_idx": I32, "start": I32, "end": I32, "text": STR,
        "kind": STR, "speaker": STR, "speaker_mention": STR, "speaker_type": STR, "speaker_country": STR,
        "cue": STR,
        "via": LIST, "confidence": F64, "rule": STR,
    },
    "attributions": {
        "article_id": STR, "target": STR, "target_id": STR, "hop": I32, "source": STR,
        "source_mention": STR, "relation": STR, "para_idx": I32, "evidence": STR, "rule": STR,
        "source_type": STR,
    },
    "sources": {"source": STR, "aliases": LIST, "type": STR, "country": STR, "notes": STR},
    "mentions": {
        "article_id": STR, "para_idx": I32, "start": I32, "end": I32, "surface": STR,
        "value_start": DATE, "value_end": DATE, "granularity": STR, "anchor": STR, "rule": STR,
        "flags": LIST,
    },
    "events": {
        "event_id": STR, "date_start": DATE, "date_end": DATE, "granularity": STR,
        "event_type": STR, "actors": LIST, "location": STR, "summary": STR, "evidence": LIST,
        "sources": LIST, "n_articles": I32, "first_reported": TS_LOCAL, "certainty": STR,
        "since": pa.bool_(), "quote_ids": LIST,
    },
    "errors": {"raw_path": STR, "stage": STR, "error": STR, "message": STR, "raw_sha256": STR},
}

#: string columns `kompaskit.load()` returns as pandas Categoricals (categories sorted): the
#: attributions table repeats a few thousand sources and a few dozen relations, rules and types
#: over millions of rows, and as plain strings it took 575 of the 1,490 MB the 100k tables need
#: in memory (Categorical: 271 MB; Parquet reads its dictionary pages directly, 3x faster)
CATEGORICAL: dict[str, tuple[str, ...]] = {
    "attributions": ("target", "source", "source_mention", "relation", "evidence", "rule",
                     "source_type", "source_country"),
}

def empty(name: str) -> pd.DataFrame:
    """An empty DataFrame with the contract columns of table `name`."""
    return conform(pd.DataFrame(), name)


def conform(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Contract columns first (missing ones as nulls), then any extra columns."""
    cols = TABLES.get(name, {})
    df = df.copy() if len(df.columns) else pd.DataFrame(index=df.index)
    for col in cols:
        if col not in df.columns:
            df[col] = None
    extra = [c for c in df.columns if c not in cols]
    return df[[*cols, *extra]].reset_index(drop=True)


def to_arrow(df: pd.DataFrame, name: str) -> pa.Table:
    """Arrow table with the contract's types for table `name` (extra columns inferred)."""
    df = conform(df, name)
    cols = TABLES.get(name, {})
    arrays, fields = [], []
    for col in df.columns:
        s = df[col]
        wanted = cols.get(col)
        if wanted is not None and pa.types.is_timestamp(wanted):
            s = pd.to_datetime(s, utc=wanted.tz is not None, errors="coerce")
            if wanted.tz:
                s = s.dt.tz_convert(wanted.tz)
        if wanted is not None and pa.types.is_integer(wanted):
            arr = pa.array(_int_values(s.tolist()), type=wanted)
        else:
            arr = _array(s, wanted)
        arrays.append(arr)
        fields.append(pa.field(col, arr.type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _array(s: pd.Series, wanted: pa.DataType | None) -> pa.Array:
    """Arrow array of `s`; the per-value clean-up runs only when the fast path refuses."""
    if wanted is None:
        return _widen(pa.array(s, from_pandas=True))
    try:
        arr = pa.array(s, type=wanted, from_pandas=True)
        # lists are never null in the contract (an empty list means "none"), nor their items
        if not pa.types.is_list(wanted) or (arr.null_count == 0 and arr.flatten().null_count == 0):
            return arr
    except (pa.ArrowException, TypeError, ValueError):
        pass
    if pa.types.is_list(wanted):
        return pa.array(s.map(_as_str_list), type=wanted)
    if pa.types.is_string(wanted) or pa.types.is_large_string(wanted):
        s = s.map(lambda v: None if v is None or (isinstance(v, float) and v != v) else str(v))
    return pa.array(s, type=wanted, from_pandas=True)


def _as_str_list(v) -> list[str]:
    if v is None:
        return []
    if isinstance(v, float) and v != v:
        return []
    if isinstance(v, str):
        return [v]
    try:
        return [str(x) for x in v if x is not None]
    except TypeError:
        return [str(v)]


def rows_to_arrow(rows: list[dict], name: str) -> pa.Table:
    """Arrow table from row dicts (contract columns typed and always present, extras inferred).

    The build's fast path: no DataFrame per article or per chunk. Falls back to the pandas
    path (`to_arrow`) column by column when a value needs cleaning.
    """
    cols = TABLES.get(name, {})
    names = list(cols)
    seen = set(names)
    for row in rows:
        if len(row) != len(seen) or any(k not in seen for k in row):
            for k in row:
                if k not in seen:
                    seen.add(k)
                    names.append(k)
    arrays, fields = [], []
    for col in names:
        values = [row.get(col) for row in rows]
        wanted = cols.get(col)
        try:
            if wanted is not None and pa.types.is_integer(wanted):
                arr = pa.array(_int_values(values), type=wanted)
            elif wanted is not None and pa.types.is_list(wanted):
                arr = pa.array([[str(x) for x in v if x is not None] if isinstance(v, (list, tuple))
                                else _as_str_list(v) for v in values], type=wanted)
            else:
                arr = pa.array(values, type=wanted, from_pandas=True)
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            arr = _fallback(values, col, name, wanted)
            if isinstance(arr, pa.ChunkedArray):
                arr = arr.combine_chunks()
        if wanted is None:
            arr = _widen(arr)
        arrays.append(arr)
        fields.append(pa.field(col, arr.type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _int_values(values: list) -> list:
    """Integers as ints; whole floats (2.0) converted; anything else (1.5, NaN, text) null."""
    out = []
    for v in values:
        if isinstance(v, bool) or v is None:
            out.append(None if v is None else int(v))
        elif isinstance(v, int):
            out.append(v)
        elif isinstance(v, float) and v == v and v.is_integer():
            out.append(int(v))
        else:
            try:
                f = float(v)
                out.append(int(f) if f == f and f.is_integer() else None)
            except (TypeError, ValueError):
                out.append(None)
    return out


def _fallback(values: list, col: str, name: str, wanted: pa.DataType | None):
    """The pandas path for one column the fast path refused; a value that cannot take the
    contract's type (e.g. 1.5 for an integer column) becomes null rather than failing the build."""
    if wanted is None:
        return _infer_or_str(values)
    try:
        return to_arrow(pd.DataFrame({col: pd.Series(values, dtype=object)}), name).column(col)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        if pa.types.is_integer(wanted):
            ok = [v if isinstance(v, (int, float)) and v == v and float(v).is_integer() else None
                  for v in values]
            return pa.array([None if v is None else int(v) for v in ok], type=wanted)
        return pa.nulls(len(values), wanted)


def _widen(arr):
    """Inferred extra columns use the same string types as the contract's (large_string)."""
    if pa.types.is_string(arr.type):
        return arr.cast(STR)
    if pa.types.is_list(arr.type) and pa.types.is_string(arr.type.value_type):
        return arr.cast(LIST)
    return arr


def _infer_or_str(values: list) -> pa.Array:
    """Extra columns: let Arrow infer; mixed types become strings (None stays null)."""
    try:
        return pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        return pa.array([None if v is None or (isinstance(v, float) and v != v) else str(v)
                         for v in values], type=STR)


def concat_arrow(tables: list[pa.Table]) -> pa.Table | None:
    """Concatenate tables whose extra columns may differ (missing ones become nulls)."""
    tables = [t for t in tables if t is not None]
    if not tables:
        return None
    return pa.concat_tables(tables, promote_options="permissive")
