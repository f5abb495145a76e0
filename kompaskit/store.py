"""Parquet storage of the tables: layout, atomic writes, reads, and build generations.

An out folder holds generations: ``gen-<id>/`` with every table, the per-file cache and the
manifest of one build. ``current`` is a symlink to the published generation, replaced in one
atomic rename when a build succeeds; ``<table>.parquet``, ``errors.csv`` and ``.cache`` in the
out folder are fixed symlinks through ``current``. A crash at any moment leaves the previous
complete generation published. ``lock_out_dir`` makes builds into one out folder take turns.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import schema
from .settings import write_atomic

CACHE_DIR = ".cache"
MANIFEST = "manifest.parquet"
CURRENT = "current"
GEN_PREFIX = "gen-"
LOCK_FILE = ".build.lock"
TABLE_COUNTS = "tables.json"  # rows per published table, written into each generation
# Parquet layout, chosen for `load()`: LZ4 decodes faster than the default Snappy, and row groups
# of about 16 MB let Arrow decode even a single large column (articles.text) on every core.
# Measured on the 100k tables: articles.parquet read 0.7-1.2 s -> 0.15 s, paragraphs 0.2 -> 0.13 s.
PARQUET_COMPRESSION = "lz4"
ROW_GROUP_BYTES = 16_000_000
MAX_ROW_GROUP_ROWS = 65_536


# --------------------------------------------------------------------------- reading

def read_arrow_as_pandas(tbl: pa.Table) -> pd.DataFrame:
    """pandas view of an Arrow table (as `read_table`): strings as pandas' Arrow-backed `str`,
    list columns as Python lists ([] for none), dictionary columns as Categoricals with sorted
    categories."""
    data = {}
    for field in tbl.schema:
        col = tbl.column(field.name)
        if pa.types.is_list(field.type):
            # Python lists (object dtype), not pd.ArrowDtype lists: those would load ~1 s faster
            # at 100k, but pandas cannot read back a frame saved with them (`to_parquet` then
            # `read_parquet` raises: pandas issue 57411) and CSV shows NumPy reprs
            values = col.to_pylist()  # C-level; a cell is always a list, [] for none
            if col.null_count:
                values = [v if v is not None else [] for v in values]
            data[field.name] = pd.Series(values, dtype=object)
        elif pa.types.is_dictionary(field.type):
            cat = col.to_pandas()  # categories in order of appearance: sort them, as strings sort
            data[field.name] = cat.cat.reorder_categories(sorted(cat.cat.categories))
        else:
            data[field.name] = col.to_pandas()
    if not data:
        return pd.DataFrame(index=range(tbl.num_rows))
    # pandas' copy, kept on purpose: Arrow's zero-copy numeric and date columns are read-only,
    # and users edit loaded tables in place (copy=False saved 0.2 s at 100k but broke that)
    return pd.DataFrame(data, columns=tbl.column_names)


def read_table(path: Path, columns: list[str] | None = None,
               categorical: Iterable[str] = ()) -> pd.DataFrame:
    """Read one Parquet table into pandas (see `read_arrow_as_pandas`); the `categorical` string
    columns become pandas Categoricals with sorted categories."""
    # read_dictionary ignores names the file (or `columns`) lacks: no schema read first
    return read_arrow_as_pandas(pq.read_table(path, columns=columns,
                                              read_dictionary=list(categorical) or None))


def read_arrow_or_none(path: Path) -> pa.Table | None:
    """The Arrow table at `path`, or None when it is missing or does not read (a damaged cache
    is rebuilt, never trusted)."""
    try:
        return pq.read_table(path) if path.exists() else None
    except Exception:
        return None


def read_frame_or_none(path: Path) -> pd.DataFrame | None:
    """As `read_arrow_or_none`, as pandas."""
    try:
        return read_table(path) if path.exists() else None
    except Exception:
        return None


def count_rows(path: Path) -> int:
    """Rows of a Parquet table from its footer (0 when it is missing or does not read)."""
    try:
        return pq.read_metadata(path).num_rows
    except Exception:
        return 0


def cache_readable(cache: Path, tables: Iterable[str]) -> bool:
    """Every per-file cache table is there and its Parquet footer reads."""
    try:
        for name in tables:
            pq.read_metadata(cache / f"{name}.parquet")
    except Exception:
        return False
    return True


# --------------------------------------------------------------------------- writing

def row_group_rows(tbl: pa.Table) -> int:
    """Rows per Parquet row group for `tbl`: about ROW_GROUP_BYTES of data, 1,024 to 65,536 rows."""
    per_row = tbl.nbytes / tbl.num_rows if tbl.num_rows else 1
    return int(max(1024, min(MAX_ROW_GROUP_ROWS, ROW_GROUP_BYTES // max(per_row, 1))))


def atomic_write(tbl: pa.Table, path: Path) -> None:
    """Write an Arrow table as Parquet atomically (temp file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, lambda tmp: pq.write_table(tbl, tmp, row_group_size=row_group_rows(tbl),
                                                  compression=PARQUET_COMPRESSION))


def write_table(df: pd.DataFrame, path: Path, name: str) -> None:
    """Write `df` as table `name` (contract types) to `path`, atomically."""
    atomic_write(schema.to_arrow(df, name), path)


# --------------------------------------------------------------------------- generations

def published_dir(out: Path) -> Path | None:
    """The published generation of out folder `out`, or None when nothing was ever published
    (or the pointer is dangling)."""
    current = out / CURRENT
    if current.is_symlink():
        target = out / os.readlink(current)
        return target if target.is_dir() else None
    return None


def legacy_tables_dir(out: Path) -> Path | None:
    """An out folder written before generations (tables and ``.cache`` as plain files)."""
    if (out / CACHE_DIR / MANIFEST).is_file() and not (out / CACHE_DIR).is_symlink():
        return out
    return None


def new_generation(out: Path) -> Path:
    """A fresh, empty, unpublished generation folder under `out`."""
    gen = out / f"{GEN_PREFIX}{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    (gen / CACHE_DIR).mkdir(parents=True)
    return gen


def publish(out: Path, gen: Path, table_names: Iterable[str]) -> None:
    """Make `gen` the published generation: one atomic rename of the ``current`` symlink. The
    fixed links ``<table>.parquet``, ``errors.csv`` and ``.cache`` are (re)made first; they point
    through ``current``, so they switch with it."""
    for fd_path in (gen / CACHE_DIR, gen):
        _fsync_dir(fd_path)
    names = [f"{n}.parquet" for n in table_names] + ["errors.csv", CACHE_DIR]
    for name in names:
        link = out / name
        want = f"{CURRENT}/{name}"
        if link.is_symlink() and os.readlink(link) == want:
            continue
        _replace_with_symlink(link, want)
    _replace_with_symlink(out / CURRENT, gen.name)
    _fsync_dir(out)


def _replace_with_symlink(link: Path, target: str) -> None:
    """`link` becomes a symlink to `target` in one rename (a plain file or folder there from a
    pre-generation build is replaced too)."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}.link")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    os.replace(tmp, link)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale(out: Path) -> list[Path]:
    """Remove every generation but the published one, and stale temp files and links (left by
    a crash or an interrupted build). Call with the build lock held. Returns what was removed."""
    keep = published_dir(out)
    removed = []
    for p in out.iterdir() if out.is_dir() else ():
        stale_gen = p.name.startswith(GEN_PREFIX) and p.is_dir() and not p.is_symlink() and p != keep
        stale_tmp = p.name.startswith(".") and (p.name.endswith(".tmp") or p.name.endswith(".link"))
        if stale_gen:
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
        elif stale_tmp:
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


def write_counts(gen: Path, counts: dict[str, int]) -> None:
    """Record the rows of each published table in the generation (checked by `verify`)."""
    write_atomic(gen / TABLE_COUNTS, lambda tmp: tmp.write_text(json.dumps(counts, sort_keys=True)))


def verify(gen: Path, table_names: Iterable[str], child_tables: Iterable[str]) -> str | None:
    """Why the tables of generation `gen` cannot be trusted, or None when they can: every table
    readable, row counts as recorded, every `article_id` of a child table in `articles`."""
    try:
        counts = json.loads((gen / TABLE_COUNTS).read_text())
    except (OSError, ValueError):
        return "the table counts of the last build are missing"
    name = "articles"
    try:
        for name in table_names:
            meta = pq.read_metadata(gen / f"{name}.parquet")
            if name in counts and meta.num_rows != counts[name]:
                return f"{name}.parquet has {meta.num_rows} rows, the build wrote {counts[name]}"
        name = "articles"
        ids = pq.read_table(gen / "articles.parquet", columns=["article_id"]).column(0)
        for name in child_tables:
            # read as dictionaries: only each row group's distinct ids are checked (fast at 100k)
            col = pq.read_table(gen / f"{name}.parquet", columns=["article_id"],
                                read_dictionary=["article_id"]).column(0)
            for chunk in col.chunks:
                values = chunk.dictionary if pa.types.is_dictionary(chunk.type) else chunk
                if len(values) and not pc.all(pc.is_in(values.cast(ids.type), value_set=ids)).as_py():
                    return f"{name}.parquet refers to articles that are not in articles.parquet"
    except FileNotFoundError:
        return f"{name}.parquet is missing"
    except Exception as exc:  # truncated or damaged Parquet
        return f"{name}.parquet does not read ({' '.join(str(exc).split())[:120]})"
    return None


# --------------------------------------------------------------------------- one build at a time

@contextmanager
def lock_out_dir(out: Path, wait: bool = True) -> Iterator[None]:
    """Hold the OS-level build lock of `out` (``fcntl.flock`` on ``<out>/.build.lock``). Another
    holder makes this wait (saying so once on stderr) or, with `wait=False`, raise
    `BlockingIOError`. The lock goes with the process, so a killed build never leaves it held."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise BlockingIOError(f"another build is writing to {out}") from None
            print(f"kompaskit build: another build is writing to {out}; waiting for it to finish",
                  file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
