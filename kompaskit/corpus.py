"""Corpus build and load: `data/raw/` -> Parquet tables in `data/processed/`.

`build(raw_dir, out_dir)` reads every raw file, runs the analysers on each article and writes
one Parquet file per table (contract: ``schema.TABLES``). The build is

* incremental: a manifest keeps each raw file's size, mtime and sha256; unchanged files are not
  re-read (their rows come from the per-file cache in ``<out>/.cache/``);
* atomic: every table is written to a temp file and renamed into place;
* forgiving: a file that cannot be read becomes one row in ``errors`` and the build goes on;
* read-only on ``raw_dir``: raw files are opened for reading only.

Duplicates (the same article key under amp/copy/beta/origin hosts, or the same text saved
twice) merge into one `articles` row; the other copies are listed in ``duplicate_paths``.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from . import __version__, schema
from .article import Article, KompasParseError
from .settings import project_root, write_atomic

PROCESSED_ENV = "KOMPASKIT_PROCESSED"
RAW_ENV = "KOMPASKIT_RAW"
CACHE_DIR = ".cache"
MANIFEST = "manifest.parquet"
CHUNK = 16  # files per worker task: amortises process start-up and pickling
FLUSH_FILES = 2000  # results of about this many files are written to disk together
FINAL_TABLES = ("articles", "paragraphs", "quotes", "attributions", "sources", "mentions",
                "events", "errors")
# Parquet layout, chosen for `load()`: LZ4 decodes faster than the default Snappy, and row groups
# of about 16 MB let Arrow decode even a single large column (articles.text) on every core.
# Measured on the 100k tables: articles.parquet read 0.7-1.2 s -> 0.15 s, paragraphs 0.2 -> 0.13 s.
PARQUET_COMPRESSION = "lz4"
ROW_GROUP_BYTES = 16_000_000
MAX_ROW_GROUP_ROWS = 65_536
SKIP_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db"}


# --------------------------------------------------------------------------- locations

def default_processed_dir() -> Path:
    """$KOMPASKIT_PROCESSED, else <project>/data/processed, else ./data/processed."""
    if os.environ.get(PROCESSED_ENV):
        return Path(os.environ[PROCESSED_ENV])
    root = project_root()
    return (root or Path.cwd()) / "data" / "processed"


def default_raw_dir() -> Path:
    """$KOMPASKIT_RAW, else <project>/data/raw, else ./data/raw."""
    if os.environ.get(RAW_ENV):
        return Path(os.environ[RAW_ENV])
    root = project_root()
    return (root or Path.cwd()) / "data" / "raw"


# Lexicon overrides read by the analysers: their files are part of what a build depends on.
LEXICON_ENVS = ("KOMPASKIT_SOURCES", "KOMPASKIT_ATTRIBUTION_CUES", "KOMPASKIT_QUOTE_CUES",
                "KOMPASKIT_QUOTE_TITLES", "KOMPASKIT_QUOTE_OUTLETS", "KOMPASKIT_QUOTE_ALIASES",
                "KOMPASKIT_ACTORS", "KOMPASKIT_EVENT_TRIGGERS")


def build_key(html_engine: str = "trafilatura") -> str:
    """Fingerprint of what turns raw files into rows: the kit's code, its lexicons, any user
    lexicons named in the environment and the HTML engine. A cache made under another key is
    not reused."""
    h = hashlib.sha256(f"{__version__}|{html_engine}".encode())
    pkg = Path(__file__).resolve().parent
    files = sorted(p for p in pkg.rglob("*") if p.suffix in (".py", ".csv") and p.is_file())
    for env in LEXICON_ENVS:
        for part in filter(None, os.environ.get(env, "").split(os.pathsep)):
            h.update(f"{env}={part}".encode())
            files.append(Path(part))
    for path in files:
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"missing")
    return f"kompaskit-{__version__}-{h.hexdigest()[:16]}"


# --------------------------------------------------------------------------- per-file work

def one_line(exc: BaseException) -> str:
    """A single line a researcher can read: no traceback, no newlines, bounded length."""
    msg = " ".join(str(exc).split()) or type(exc).__name__
    return msg if len(msg) <= 300 else msg[:297] + "..."


def _error_row(raw_path: str, stage: str, exc: BaseException, sha: str) -> dict[str, Any]:
    """One `errors` row (with the ``_file`` every per-file row carries)."""
    err = "KompasParseError" if isinstance(exc, KompasParseError) else type(exc).__name__
    return {"raw_path": raw_path, "stage": stage, "error": err, "message": one_line(exc),
            "raw_sha256": sha, "_file": raw_path}


def _rows_api():
    """The analysers' row functions (list[dict] per article: no per-article DataFrames)."""
    from . import events, provenance, quotes, temporal

    return (quotes.quote_rows, provenance.attribution_rows, temporal.mention_rows,
            events.candidate_rows)


def analyse_article(article: Article) -> tuple[dict[str, list[dict]], list[tuple[str, BaseException]]]:
    """Run every analyser on one article. Returns ({table: rows}, [(analyser, error), ...]).

    One analyser failing does not stop the others (their tables simply lack this article).
    """
    quote_rows, attribution_rows, mention_rows, candidate_rows = _rows_api()
    out: dict[str, list[dict]] = {}
    problems: list[tuple[str, BaseException]] = []

    def run(name: str, fn, *args) -> list[dict]:
        try:
            out[name] = fn(*args)
        except Exception as exc:  # recorded in `errors`, the build goes on
            problems.append((name, exc))
            out[name] = []
        return out[name]

    q = run("quotes", quote_rows, article)
    a = run("attributions", attribution_rows, article, q)
    m = run("mentions", mention_rows, article)
    run("event_candidates", candidate_rows, article, m, a)
    return out, problems


def _article_record(article: Article) -> dict[str, Any]:
    record = article.to_record()
    record["credits"] = [f"{role}: {name}" for role, names in (article.credits or {}).items()
                         for name in names]
    return record


def process_file(path: str, raw_path: str, sha: str, html_engine: str = "trafilatura",
                 into: dict[str, list[dict]] | None = None) -> dict[str, list[dict]]:
    """Read one raw file and analyse its articles; append rows to `into` ({table: [row]}).

    Every row gets ``_file`` = `raw_path`, so incremental rebuilds can drop one file's rows.
    """
    from .readers import read

    rows = into if into is not None else {name: [] for name in schema.PER_FILE_TABLES}
    try:
        articles = read(path, engine=html_engine, sha256=sha)
    except KompasParseError as exc:
        rows["errors"].append(_error_row(raw_path, exc.stage, exc, sha))
        return rows
    except Exception as exc:  # MemoryError or a reader bug must not abort the build either
        rows["errors"].append(_error_row(raw_path, "read", exc, sha))
        return rows
    for article in _one_per_id(articles):
        article.raw_path = raw_path
        article.raw_sha256 = article.raw_sha256 or sha
        rows["articles"].append({**_article_record(article), "_file": raw_path})
        aid = article.article_id
        rows["paragraphs"].extend(
            {"article_id": aid, "para_idx": i, "text": t, "kind": k, "_file": raw_path}
            for i, (t, k) in enumerate(zip(article.paragraphs, article.paragraph_kinds)))
        tables, problems = analyse_article(article)
        for name, items in tables.items():
            for row in items:
                row["_file"] = raw_path
            rows[name].extend(items)
        for analyser, exc in problems:
            row = _error_row(raw_path, "analyse", exc, sha)
            row["message"] = f"{analyser}: {row['message']}"
            rows["errors"].append(row)
    return rows


def _one_per_id(articles: list[Article]) -> list[Article]:
    """One article per id within a file (a WARC may hold the same page twice, e.g. under an
    amp URL): the copy with the most body paragraphs, first on ties, in file order."""
    best: dict[str, Article] = {}
    for a in articles:
        if a.article_id not in best or a.n_paragraphs > best[a.article_id].n_paragraphs:
            best[a.article_id] = a
    kept = {id(a) for a in best.values()}
    return [a for a in articles if id(a) in kept]


def process_chunk(tasks: list[tuple[str, str, str]], html_engine: str = "trafilatura") -> dict[str, Any]:
    """Process files [(path, raw_path, sha), ...] into one Arrow table per per-file table.

    Top-level and pure, so process pools and Dask can ship it to workers; Arrow keeps the
    results compact on the way back (no per-article DataFrames anywhere).
    """
    rows: dict[str, list[dict]] = {name: [] for name in schema.PER_FILE_TABLES}
    for path, raw_path, sha in tasks:
        process_file(path, raw_path, sha, html_engine, into=rows)
    return {name: schema.rows_to_arrow(items, _schema_name(name)) for name, items in rows.items()}


def _schema_name(table: str) -> str:
    return "events" if table == "event_candidates" else table


# --------------------------------------------------------------------------- build

@dataclass
class BuildReport:
    """What a build did. `n_errors` counts rows in the errors table (bad files, analyser faults)."""

    out_dir: Path
    n_files: int = 0
    n_parsed: int = 0
    n_reused: int = 0
    n_articles: int = 0
    n_duplicates: int = 0
    n_errors: int = 0
    seconds: float = 0.0
    up_to_date: bool = False
    tables: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        state = "up to date" if self.up_to_date else f"{self.n_parsed} parsed, {self.n_reused} reused"
        return (f"kompaskit build: {self.n_files} raw files ({state}); {self.n_articles} articles, "
                f"{self.n_duplicates} duplicates merged, {self.n_errors} errors -> {self.out_dir} "
                f"in {self.seconds:.1f} s")


def display_path(path: Path, dirs: dict[Path, tuple[Path, Path | None]] | None = None) -> str:
    """How a raw file is named in the tables: relative to the kit checkout it lives in
    (``data/raw/x.txt``), else absolute, so `data/raw` and `/…/data/raw` give one name.

    `dirs` caches each folder's resolved path and checkout across calls: a build names 100k
    files, and resolving every path component and looking the checkout up for each file took
    8 s of a 12 s rebuild."""
    if dirs is None or path.is_symlink():
        resolved = path.resolve()
        root = project_root(resolved.parent)
    else:
        if path.parent not in dirs:
            parent = path.parent.resolve()
            dirs[path.parent] = (parent, project_root(parent))
        parent, root = dirs[path.parent]
        resolved = parent / path.name
    if root is not None:
        return resolved.relative_to(root).as_posix()
    return resolved.as_posix()


def list_raw_files(raw_dir: Path) -> list[Path]:
    """Every regular file under `raw_dir`, sorted, skipping hidden files and folders and OS litter.
    Symlinked files are read; symlinked folders are not entered (no loops, no second copies)."""
    files = []
    for folder, subdirs, names in os.walk(raw_dir):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in names:
            if name.startswith(".") or name in SKIP_NAMES:
                continue
            p = Path(folder, name)
            if p.is_file():
                files.append(p)
    return sorted(files, key=lambda p: p.parts)


def sha256_file(path: Path, bufsize: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:  # read-only: raw files are never modified
        while chunk := fh.read(bufsize):
            h.update(chunk)
    return h.hexdigest()


def read_table(path: Path, columns: list[str] | None = None,
               categorical: Iterable[str] = ()) -> pd.DataFrame:
    """Read one Parquet table into pandas (see `read_arrow_as_pandas`); the `categorical` string
    columns become pandas Categoricals with sorted categories."""
    import pyarrow.parquet as pq

    # read_dictionary ignores names the file (or `columns`) lacks: no schema read first
    return read_arrow_as_pandas(pq.read_table(path, columns=columns, read_dictionary=list(categorical) or None))


def _cache_readable(cache: Path) -> bool:
    """Every per-file cache table is there and its Parquet footer reads."""
    import pyarrow.parquet as pq

    try:
        for name in schema.PER_FILE_TABLES:
            pq.read_metadata(cache / f"{name}.parquet")
    except Exception:
        return False
    return True


def _read_arrow(path: Path):
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path) if path.exists() else None
    except Exception:
        return None  # a damaged cache is rebuilt, never trusted


def _row_group_rows(tbl) -> int:
    """Rows per Parquet row group for `tbl`: about ROW_GROUP_BYTES of data, 1,024 to 65,536 rows."""
    per_row = tbl.nbytes / tbl.num_rows if tbl.num_rows else 1
    return int(max(1024, min(MAX_ROW_GROUP_ROWS, ROW_GROUP_BYTES // max(per_row, 1))))


def _atomic_write(tbl, path: Path) -> None:
    """Write an Arrow table as Parquet atomically (temp file in the same folder, then rename)."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, lambda tmp: pq.write_table(tbl, tmp, row_group_size=_row_group_rows(tbl),
                                                  compression=PARQUET_COMPRESSION))


def write_table(df: pd.DataFrame, path: Path, name: str) -> None:
    """Write `df` as table `name` (contract types) to `path`, atomically."""
    _atomic_write(schema.to_arrow(df, name), path)


def _iter_results(tasks: list[tuple[str, str, str]], jobs: int, engine: str, scheduler: str | None,
                  html_engine: str, progress: bool) -> Iterator[dict[str, Any]]:
    """Per-chunk results in chunk order, yielded as they complete (not held in memory)."""
    chunks = [tasks[i:i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    if not chunks:
        return
    if engine == "dask":
        from .daskengine import run_chunks

        yield from run_chunks(chunks, scheduler=scheduler, html_engine=html_engine)
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    from tqdm.auto import tqdm

    bar = tqdm(total=len(tasks), unit="file", desc="kompaskit build", disable=not progress,
               file=sys.stderr)
    try:
        if jobs <= 1 or len(chunks) == 1:
            for chunk in chunks:
                yield process_chunk(chunk, html_engine)
                bar.update(len(chunk))
        else:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                # map keeps submission order, so the output order does not depend on timing
                for chunk, res in zip(chunks, pool.map(process_chunk, chunks,
                                                       [html_engine] * len(chunks))):
                    yield res
                    bar.update(len(chunk))
    finally:
        bar.close()


def _merge_duplicates(articles) -> tuple[Any, Any]:
    """Keep one row per article_id, the richest copy; list the others in `duplicate_paths`.

    `articles`: Arrow table with ``_file``. Returns (kept rows, Arrow array of "_file\x1farticle_id" keys).
    """
    import pyarrow as pa

    cols = ["article_id", "flags", "published", "n_paragraphs", "raw_kind", "_file", "raw_path"]
    if "duplicate_paths" in articles.column_names:  # filled here, from the kept copies
        articles = articles.drop_columns(["duplicate_paths"])
    a = articles.select(cols).to_pandas()
    a["_pos"] = range(len(a))
    if not len(a):
        kept = articles.append_column("duplicate_paths", pa.array([], schema.LIST))
        return kept, pa.array([], schema.STR)
    a["_truncated"] = a["flags"].map(lambda f: f is not None and "truncated" in list(f))
    a["_kind_rank"] = a["raw_kind"].map({"html": 0, "warc": 0, "text": 1}).fillna(2)
    a["_has_pub"] = a["published"].notna()
    a = a.sort_values(["article_id", "_truncated", "_has_pub", "n_paragraphs", "_kind_rank", "_file"],
                      ascending=[True, True, False, False, True, True], kind="stable")
    others = a.groupby("article_id", sort=False)["raw_path"].agg(lambda s: list(s.iloc[1:]))
    best = a.drop_duplicates("article_id", keep="first")
    best = best.sort_values(["published", "article_id"], na_position="last", kind="stable")
    kept = articles.take(pa.array(best["_pos"].to_numpy()))
    dup = [others[i] for i in best["article_id"]]
    kept = kept.append_column("duplicate_paths", pa.array(dup, schema.LIST))
    keys = pa.array(sorted({f"{f}\x1f{i}" for f, i in zip(best["_file"], best["article_id"])}),
                    schema.STR)
    return kept, keys


def _keep(tbl, keys):
    """Rows of `tbl` belonging to a kept (file, article) pair (`keys`: Arrow strings)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if tbl is None or tbl.num_rows == 0 or "article_id" not in tbl.column_names:
        return tbl
    sep = pa.scalar("\x1f", schema.STR)
    joined = pc.binary_join_element_wise(tbl.column("_file").cast(schema.STR),
                                         tbl.column("article_id").cast(schema.STR), sep)
    return tbl.filter(pc.is_in(joined, value_set=keys))


def _conform(tbl, target):
    """`tbl` with exactly `target`'s columns and types (missing columns as nulls)."""
    import pyarrow as pa

    cols = []
    for f in target:
        if f.name in tbl.column_names:
            col = tbl.column(f.name)
            cols.append(col if col.type == f.type else col.cast(f.type))
        else:
            cols.append(pa.nulls(tbl.num_rows, f.type))
    return pa.Table.from_arrays(cols, schema=target)


def build(raw_dir: str | os.PathLike | None = None, out_dir: str | os.PathLike | None = None, *,
          jobs: int = 1, engine: str = "local", scheduler: str | None = None,
          html_engine: str = "trafilatura", force: bool = False, progress: bool = True) -> BuildReport:
    """Build the tables from `raw_dir` into `out_dir` (defaults: data/raw -> data/processed).

    `jobs` > 1 uses a process pool; `engine="dask"` runs the same per-file work on Dask
    (`scheduler`: a scheduler address, or None for a local cluster). Returns a `BuildReport`.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    t0 = time.perf_counter()
    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    out = Path(out_dir) if out_dir is not None else default_processed_dir()
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw}")
    out.mkdir(parents=True, exist_ok=True)
    cache = out / CACHE_DIR
    report = BuildReport(out_dir=out)

    files = list_raw_files(raw)
    report.n_files = len(files)
    key = build_key(html_engine)
    old_manifest = None if force else _read_parquet(cache / MANIFEST)
    if old_manifest is not None and (old_manifest.get("build_key") is None
                                     or set(old_manifest["build_key"]) != {key}):
        old_manifest = None  # other code or lexicons: every file is parsed again
    if old_manifest is not None and not _cache_readable(cache):
        old_manifest = None  # a damaged or missing cache is rebuilt, never trusted
    known = {} if old_manifest is None else {
        r.raw_path: r for r in old_manifest.itertuples(index=False)}

    rows, tasks, reused = [], [], set()
    dirs: dict[Path, tuple[Path, Path | None]] = {}
    for p in files:
        raw_path = display_path(p, dirs)
        st = p.stat()
        prev = known.get(raw_path)
        if prev is not None and prev.size == st.st_size and prev.mtime_ns == st.st_mtime_ns:
            sha = prev.raw_sha256  # unchanged size and mtime: trust the recorded hash
        else:
            sha = sha256_file(p)
        rows.append({"raw_path": raw_path, "size": st.st_size, "mtime_ns": st.st_mtime_ns,
                     "raw_sha256": sha, "build_key": key})
        if prev is not None and prev.raw_sha256 == sha:
            reused.add(raw_path)
        else:
            tasks.append((str(p), raw_path, sha))
    manifest = pd.DataFrame(rows, columns=["raw_path", "size", "mtime_ns", "raw_sha256", "build_key"])
    report.n_parsed, report.n_reused = len(tasks), len(reused)

    finals_exist = all((out / f"{name}.parquet").exists() for name in FINAL_TABLES)
    if (old_manifest is not None and not tasks and finals_exist
            and set(old_manifest["raw_path"]) == set(manifest["raw_path"])):
        report.up_to_date = True
        for name, attr in (("errors", "n_errors"), ("articles", "n_articles")):
            tbl = _read_arrow(out / f"{name}.parquet")
            setattr(report, attr, 0 if tbl is None else tbl.num_rows)
        report.seconds = time.perf_counter() - t0
        return report

    # Each chunk's tables go to disk as they arrive, and the tables are assembled one at a
    # time afterwards: peak memory is about one table, not the whole corpus.
    parts_dir = cache / f".parts-{os.getpid()}"
    shutil.rmtree(parts_dir, ignore_errors=True)
    try:
        buffer: dict[str, list] = {name: [] for name in schema.PER_FILE_TABLES}
        n_buffered = n_flushed = 0

        def flush() -> None:
            nonlocal n_buffered, n_flushed
            for name, tables in buffer.items():
                tbl = schema.concat_arrow(tables)
                if tbl is not None and tbl.num_rows:
                    _atomic_write(tbl, parts_dir / name / f"{n_flushed:07d}.parquet")
                tables.clear()
            n_buffered, n_flushed = 0, n_flushed + 1

        for res in _iter_results(tasks, jobs, engine, scheduler, html_engine, progress):
            for name, tbl in res.items():
                if tbl is not None and tbl.num_rows:
                    buffer[name].append(tbl)
            n_buffered += CHUNK
            if n_buffered >= FLUSH_FILES:
                flush()
        flush()
        order = {rp: i for i, rp in enumerate(manifest["raw_path"])}
        reused_arr = pa.array(sorted(reused), schema.STR)

        def cached(name: str) -> list:
            """The cached rows of the reused (unchanged) files, as at most one Arrow table."""
            old = _read_arrow(cache / f"{name}.parquet") if reused else None
            if old is None or not old.num_rows or "_file" not in old.column_names:
                return []
            return [old.filter(pc.is_in(old.column("_file"), value_set=reused_arr))]

        def empty(name: str):
            tbl = schema.rows_to_arrow([], _schema_name(name))
            return tbl.append_column("_file", pa.array([], schema.STR))

        def per_file(name: str):
            """This table's rows for every current raw file: cached ones, then new ones."""
            pieces = cached(name)
            pieces += [_read_arrow(p) for p in sorted((parts_dir / name).glob("*.parquet"))]
            tbl = schema.concat_arrow([*pieces, empty(name)])
            if tbl.num_rows and reused and tasks:
                # deterministic order whatever the mix of cached and new rows: raw-file order
                rank = [order.get(f, -1) for f in tbl.column("_file").to_pylist()]
                tbl = tbl.take(pa.array(sorted(range(len(rank)), key=rank.__getitem__)))
            _atomic_write(tbl, cache / f"{name}.parquet")
            return tbl

        def stream_child(name: str, keys_arr) -> None:
            """Cache and final table written piece by piece: never the whole table in memory."""
            import pyarrow.parquet as pq

            pieces = cached(name)
            paths = sorted((parts_dir / name).glob("*.parquet"))
            none = empty(name)
            target = pa.unify_schemas([none.schema, *(t.schema for t in pieces),
                                       *(pq.read_schema(p) for p in paths)],
                                      promote_options="permissive")
            final_schema = pa.schema([f for f in target if f.name != "_file"])
            tmp_cache = cache / f".{name}.parquet.{os.getpid()}.tmp"
            tmp_final = out / f".{name}.parquet.{os.getpid()}.tmp"
            n = 0
            try:
                with pq.ParquetWriter(tmp_cache, target, compression=PARQUET_COMPRESSION) as wc, \
                        pq.ParquetWriter(tmp_final, final_schema, compression=PARQUET_COMPRESSION) as wf:
                    for piece in itertools.chain(pieces, (_read_arrow(p) for p in paths)):
                        piece = _conform(piece, target)  # parts may lack an all-null extra
                        wc.write_table(piece, row_group_size=_row_group_rows(piece))
                        kept = _keep(piece, keys_arr).drop_columns(["_file"])
                        wf.write_table(kept, row_group_size=_row_group_rows(kept))
                        n += kept.num_rows
                    if not paths and not pieces:
                        wc.write_table(none.cast(target))
                        wf.write_table(none.drop_columns(["_file"]).cast(final_schema))
                os.replace(tmp_cache, cache / f"{name}.parquet")
                os.replace(tmp_final, out / f"{name}.parquet")
            finally:
                for tmp in (tmp_cache, tmp_final):
                    if tmp.exists():
                        tmp.unlink()
            report.tables[name] = n
            pa.default_memory_pool().release_unused()

        def write_final(name: str, tbl) -> None:
            if "_file" in tbl.column_names:
                tbl = tbl.drop_columns(["_file"])
            _atomic_write(tbl, out / f"{name}.parquet")
            report.tables[name] = tbl.num_rows

        all_articles = per_file("articles")
        articles, keys = _merge_duplicates(all_articles)
        report.n_duplicates = all_articles.num_rows - articles.num_rows
        report.n_articles = articles.num_rows
        del all_articles
        write_final("articles", articles)
        del articles
        pa.default_memory_pool().release_unused()
        for name in ("paragraphs", "quotes", "attributions", "mentions"):
            if reused and tasks:  # cached and new rows mixed: re-sorted whole, in raw-file order
                write_final(name, _keep(per_file(name), keys))
            else:
                stream_child(name, keys)
        candidates = _keep(per_file("event_candidates"), keys)
        write_final("events", schema.to_arrow(_merge_events(candidates), "events"))
        del candidates
        errors = per_file("errors")
        report.n_errors = errors.num_rows
        write_final("errors", errors)
        write_final("sources", schema.to_arrow(_sources(), "sources"))
    finally:
        shutil.rmtree(parts_dir, ignore_errors=True)
    write_table(manifest, cache / MANIFEST, "manifest")  # last: a crash before this rebuilds
    report.seconds = time.perf_counter() - t0
    return report


def _read_parquet(path: Path) -> pd.DataFrame | None:
    try:
        return read_table(path) if path.exists() else None
    except Exception:
        return None  # a damaged cache is rebuilt, never trusted


def _sources() -> pd.DataFrame:
    from .provenance import sources_table

    return sources_table()


def _merge_events(candidates) -> pd.DataFrame:
    """Corpus-level event merge over the kept articles' candidate rows (Arrow in, pandas out)."""
    from .events import merge_events

    if candidates is None or not candidates.num_rows:
        return schema.empty("events")
    df = read_arrow_as_pandas(candidates.drop_columns([c for c in ("_file",) if c in candidates.column_names]))
    return merge_events(df)


def read_arrow_as_pandas(tbl) -> pd.DataFrame:
    """pandas view of an Arrow table (as `read_table`): strings as pandas' Arrow-backed `str`,
    list columns as Python lists ([] for none), dictionary columns as Categoricals with sorted
    categories."""
    import pyarrow as pa

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


@dataclass
class Corpus:
    """The built tables as pandas DataFrames (see ``kompaskit.schema.TABLES`` for columns)."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    quotes: pd.DataFrame
    attributions: pd.DataFrame
    sources: pd.DataFrame
    mentions: pd.DataFrame
    events: pd.DataFrame
    errors: pd.DataFrame
    path: Path | None = None

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(getattr(self, n))}" for n in FINAL_TABLES)
        return f"Corpus({sizes}; path={self.path})"

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in FINAL_TABLES}

    def paragraph(self, ref: str) -> str:
        """Text of a paragraph reference ``article_id:para_idx`` (as in `events.evidence`)."""
        article_id, _, idx = ref.rpartition(":")
        p = self.paragraphs
        hit = p[(p["article_id"] == article_id) & (p["para_idx"] == int(idx))]
        return "" if hit.empty else str(hit["text"].iloc[0])


def load(out_dir: str | os.PathLike | None = None, *, tables: Iterable[str] | None = None) -> Corpus:
    """Load the built tables from `out_dir` (default: $KOMPASKIT_PROCESSED or data/processed).

    A table that was never built loads as an empty frame with its contract columns.
    """
    from concurrent.futures import ThreadPoolExecutor

    out = Path(out_dir) if out_dir is not None else default_processed_dir()
    wanted = set(tables) if tables is not None else set(FINAL_TABLES)
    frames = {name: schema.empty(name) for name in FINAL_TABLES}
    found = [name for name in FINAL_TABLES if name in wanted and (out / f"{name}.parquet").exists()]
    # tables in parallel: one file's Arrow decoding (no GIL) overlaps another's list cells becoming
    # Python lists; measured at 100k, median 2.63-2.65 s against 2.87-2.92 s one at a time
    with ThreadPoolExecutor(max_workers=max(1, min(4, len(found)))) as pool:
        frames.update(zip(found, pool.map(
            lambda name: read_table(out / f"{name}.parquet", categorical=schema.CATEGORICAL.get(name, ())),
            found)))
    return Corpus(**frames, path=out)
