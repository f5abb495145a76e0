"""The build: `data/raw/` -> a new generation of Parquet tables in `data/processed/`.

`build(raw_dir, out_dir)` lists and hashes the raw files, runs the pipeline's per-file work on
the new or changed ones (in a process pool, or on Dask), assembles every table of
`pipeline.TABLES` into a new generation folder and publishes it atomically (``store``). It is

* incremental: the manifest keeps each raw file's size, mtime and sha256; unchanged files are not
  re-read (their rows come from the published generation's per-file cache);
* crash-safe: a build writes only into its own generation; `load()` sees the old or the new
  complete set of tables, never a mix; one build at a time per out folder (an OS lock);
* forgiving: a file that cannot be read becomes one row in ``errors`` and the build goes on;
* read-only on ``raw_dir``: raw files are opened for reading only.

Swap points (one function each): `list_raw_files` (listing), `sha256_file` (hashing),
`iter_results` (the worker pool).
"""
from __future__ import annotations

import functools
import hashlib
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pandas as pd
import pyarrow as pa

from . import __version__, daskengine, pipeline, schema, store, workers
from .assemble import Assembly, assemble
from .errors import KompasError
from .lexicons import LEXICONS, LexiconError, lexicons_fingerprint, read_lexicon
from .rawfiles import SKIP_NAMES, display_path, list_raw_files, sha256_file  # noqa: F401 (re-exported)
from .settings import default_processed_dir, default_raw_dir, project_root

CHUNK = 16  # files per worker task: amortises process start-up and pickling
FLUSH_FILES = 2000  # results of about this many files are written to disk together
MAX_DEFAULT_JOBS = 8

# Lexicon overrides read by the analysers: their files are part of what a build depends on.
LEXICON_ENVS = ("KOMPASKIT_SOURCES", "KOMPASKIT_ATTRIBUTION_CUES", "KOMPASKIT_QUOTE_CUES",
                "KOMPASKIT_QUOTE_TITLES", "KOMPASKIT_QUOTE_OUTLETS", "KOMPASKIT_QUOTE_ALIASES",
                "KOMPASKIT_ACTORS", "KOMPASKIT_EVENT_TRIGGERS", "KOMPASKIT_LEXICONS")
# Package parts that never change a table: editing them must not re-parse a corpus.
NOT_TABLE_INPUTS = frozenset({"plots", "widgets", "notebooks", "export.py", "report.py", "cli.py",
                              "__main__.py", "fetch.py", "discover.py", "hydrate.py",
                              "evalquotes.py", "loader.py", "bench.py", "errors.py"})


class BuildError(KompasError):
    """A build that cannot start (bad folders); the message is one line."""


def default_jobs() -> int:
    """Worker processes when `--jobs` is not given: the CPUs this process may use, at most 8."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 1
    return max(1, min(MAX_DEFAULT_JOBS, n))


def table_input_files(pkg: Path | None = None) -> list[Path]:
    """The package files a build depends on: every ``.py``/``.csv`` except `NOT_TABLE_INPUTS`
    (views, CLI, exports, fetching, evaluation)."""
    pkg = pkg or Path(__file__).resolve().parent
    files = []
    for p in pkg.rglob("*"):
        rel = p.relative_to(pkg).parts
        if p.suffix in (".py", ".csv") and p.is_file() and not (set(rel) & NOT_TABLE_INPUTS) \
                and "__pycache__" not in rel:
            files.append(p)
    return sorted(files)


def build_key(html_engine: str = "trafilatura", pkg: Path | None = None) -> str:
    """Fingerprint of what turns raw files into rows: the table-making code and shipped lexicons
    (`table_input_files`), the pipeline records, user lexicons named in the environment and the
    HTML engine. A cache made under another key is not reused. `pkg`: the package folder
    (default: this one)."""
    h = hashlib.sha256(f"{__version__}|{html_engine}|{pipeline.describe()}".encode())
    pkg = pkg or Path(__file__).resolve().parent
    files = table_input_files(pkg)
    h.update(lexicons_fingerprint().encode())
    for env in LEXICON_ENVS:
        for part in filter(None, os.environ.get(env, "").split(os.pathsep)):
            h.update(f"{env}={part}".encode())
            p = Path(part)
            files.extend(sorted(p.glob("*.csv")) if p.is_dir() else [p])
    for path in files:
        h.update(str(path.relative_to(pkg) if path.is_relative_to(pkg) else path).encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"missing")
    return f"kompaskit-{__version__}-{h.hexdigest()[:16]}"


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
    rebuilt_because: str = ""
    tables: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        state = "up to date" if self.up_to_date else f"{self.n_parsed} parsed, {self.n_reused} reused"
        return (f"kompaskit build: {self.n_files} raw files ({state}); {self.n_articles} articles, "
                f"{self.n_duplicates} duplicates merged, {self.n_errors} errors -> {self.out_dir} "
                f"in {self.seconds:.1f} s")


def iter_results(tasks: list[tuple[str, str, str]], jobs: int, engine: str, scheduler: str | None,
                 html_engine: str, progress: bool,
                 file_timeout: float | None = workers.DEFAULT_FILE_TIMEOUT) -> Iterator[dict[str, Any]]:
    """Per-chunk results in chunk order, yielded as they complete (not held in memory); with the
    local engine each file runs under `file_timeout` seconds (an overrun is an errors row)."""
    from tqdm.auto import tqdm

    chunks = [tasks[i:i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    if not chunks:
        return
    if engine == "dask":
        yield from daskengine.run_chunks(chunks, scheduler=scheduler, html_engine=html_engine)
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    bar = tqdm(total=len(tasks), unit="file", desc="kompaskit build", disable=not progress,
               file=sys.stderr)
    try:
        # each file under the time budget in a worker that dies with the build (kompaskit.workers)
        yield from workers.run_chunks(chunks, functools.partial(pipeline.process_file, html_engine=html_engine),
                                      workers.rows_to_tables, workers.concat_tables, workers.overrun_rows,
                                      jobs=jobs, file_timeout=file_timeout, on_chunk_done=bar.update)
    finally:
        bar.close()


def check_lexicons() -> None:
    """Read every lexicon (shipped and the user's) once before anything is written: a malformed
    user CSV stops the build with one line naming the file and row (`BuildError`)."""
    for name in LEXICONS:
        try:
            read_lexicon(name)
        except LexiconError as exc:
            raise BuildError(str(exc)) from None


def check_folders(raw: Path, out: Path) -> None:
    """Refuse folders a build cannot use, with a one-line `BuildError`."""
    if raw.is_file():
        raise BuildError(f"{raw} is a file; give the folder that holds the raw files "
                         f"(e.g. {raw.parent})")
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw}")
    r, o = raw.resolve(), out.resolve()
    if o == r or o.is_relative_to(r):
        raise BuildError(f"the out folder {out} is inside the raw folder {raw}: the build would read "
                         "its own tables as raw files; choose an out folder outside it")
    if r.is_relative_to(o):
        raise BuildError(f"the raw folder {raw} is inside the out folder {out}; choose an out "
                         "folder outside it")


def build(raw_dir: str | os.PathLike | None = None, out_dir: str | os.PathLike | None = None, *,
          jobs: int | None = 1, engine: str = "local", scheduler: str | None = None,
          html_engine: str = "trafilatura", force: bool = False, progress: bool = True,
          file_timeout: float | None = workers.DEFAULT_FILE_TIMEOUT) -> BuildReport:
    """Build the tables from `raw_dir` into `out_dir` (defaults: data/raw -> data/processed).

    `jobs` > 1 uses a process pool (None: `default_jobs()`); `engine="dask"` runs the same
    per-file work on Dask (`scheduler`: a scheduler address, or None for a local cluster).
    Returns a `BuildReport`. Builds into one out folder take turns (the second waits).
    """
    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    out = Path(out_dir) if out_dir is not None else default_processed_dir()
    check_folders(raw, out)
    check_lexicons()
    with store.lock_out_dir(out):
        store.remove_stale(out)
        return _build_locked(raw, out, jobs=default_jobs() if jobs is None else jobs, engine=engine,
                             scheduler=scheduler, html_engine=html_engine, force=force,
                             progress=progress, file_timeout=file_timeout)


def _previous(out: Path) -> Path | None:
    """The folder of the last published tables (a generation, or a pre-generation out folder)."""
    return store.published_dir(out) or store.legacy_tables_dir(out)


def _build_locked(raw: Path, out: Path, *, jobs: int, engine: str, scheduler: str | None,
                  html_engine: str, force: bool, progress: bool,
                  file_timeout: float | None = workers.DEFAULT_FILE_TIMEOUT) -> BuildReport:
    t0 = time.perf_counter()
    report = BuildReport(out_dir=out)
    listing_errors: list[dict] = []
    files = list_raw_files(raw, listing_errors)
    report.n_files = len(files)
    key = build_key(html_engine)
    per_file = pipeline.per_file_tables()
    finals = pipeline.final_tables()
    prev = None if force else _previous(out)
    old_cache = None if prev is None else prev / store.CACHE_DIR
    old_manifest = None if old_cache is None else store.read_frame_or_none(old_cache / store.MANIFEST)
    if old_manifest is not None and (old_manifest.get("build_key") is None
                                     or set(old_manifest["build_key"]) != {key}):
        old_manifest = None  # other code or lexicons: every file is parsed again
    if old_manifest is not None and not store.cache_readable(old_cache, per_file):
        old_manifest = None  # a damaged or missing cache is rebuilt, never trusted
    known = {} if old_manifest is None else {
        r.raw_path: r for r in old_manifest.itertuples(index=False)}

    rows, tasks, reused = [], [], set()
    problems = [{**r, "_file": r["raw_path"]} for r in listing_errors]
    paths: dict[str, Path] = {}
    dirs: dict[Path, tuple[Path, Path | None]] = {}
    for p in files:
        raw_path = display_path(p, dirs)
        before = known.get(raw_path)
        try:
            st = p.stat()
            if before is not None and before.size == st.st_size and before.mtime_ns == st.st_mtime_ns:
                sha = before.raw_sha256  # unchanged size and mtime: trust the recorded hash
            else:
                sha = sha256_file(p)
        except OSError as exc:  # vanished or unreadable since the listing: an errors row
            problems.append(pipeline.error_row(raw_path, "read", exc, ""))
            continue
        paths[raw_path] = p
        rows.append({"raw_path": raw_path, "size": st.st_size, "mtime_ns": st.st_mtime_ns,
                     "raw_sha256": sha, "build_key": key})
        if before is not None and before.raw_sha256 == sha:
            reused.add(raw_path)
        else:
            tasks.append((str(p), raw_path, sha))
    manifest = pd.DataFrame(rows, columns=["raw_path", "size", "mtime_ns", "raw_sha256", "build_key"])
    report.n_parsed, report.n_reused = len(tasks), len(reused)

    if (old_manifest is not None and not tasks and not problems
            and set(old_manifest["raw_path"]) == set(manifest["raw_path"])):
        problem = "the last build was written before build generations" if prev == out else \
            store.verify(prev, finals, [n for n in finals if "article_id" in pipeline.TABLES[n].columns
                                        and n != "articles"])
        if problem is None:
            report.up_to_date = True
            for name, attr in (("errors", "n_errors"), ("articles", "n_articles")):
                setattr(report, attr, store.count_rows(prev / f"{name}.parquet"))
            report.seconds = time.perf_counter() - t0
            return report
        report.rebuilt_because = problem
        print(f"kompaskit build: rebuilding the tables: {problem}", file=sys.stderr)
        tasks = [(str(paths[r["raw_path"]]), r["raw_path"], r["raw_sha256"]) for r in rows]
        reused = set()
        report.n_parsed, report.n_reused = len(tasks), 0

    gen = store.new_generation(out)
    try:
        _write_generation(gen, old_cache, tasks, reused, manifest, report, problems, jobs=jobs, engine=engine,
                          scheduler=scheduler, html_engine=html_engine, progress=progress,
                          file_timeout=file_timeout)
        store.publish(out, gen, finals)
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)  # the published generation stays as it was
        raise
    store.remove_stale(out)
    report.seconds = time.perf_counter() - t0
    return report


def _write_generation(gen: Path, old_cache: Path | None, tasks: list, reused: set[str],
                      manifest: pd.DataFrame, report: BuildReport, problems: list[dict],
                      **run: Any) -> None:
    """Parse `tasks`, assemble every table into generation `gen` (cache and manifest included).
    `problems`: errors rows of files that failed before parsing (listing, stat, hashing)."""
    cache = gen / store.CACHE_DIR
    parts_dir = cache / ".parts"
    # Each chunk's tables go to disk as they arrive, and the tables are assembled one at a
    # time afterwards: peak memory is about one table, not the whole corpus.
    buffer: dict[str, list] = {name: [] for name in pipeline.per_file_tables()}
    n_buffered = n_flushed = 0
    if problems:
        buffer["errors"].append(schema.rows_to_arrow(problems, "errors"))

    def flush() -> None:
        nonlocal n_buffered, n_flushed
        for name, tables in buffer.items():
            tbl = schema.concat_arrow(tables)
            if tbl is not None and tbl.num_rows:
                store.atomic_write(tbl, parts_dir / name / f"{n_flushed:07d}.parquet")
            tables.clear()
        n_buffered, n_flushed = 0, n_flushed + 1

    for res in iter_results(tasks, run["jobs"], run["engine"], run["scheduler"],
                            run["html_engine"], run["progress"], run["file_timeout"]):
        for name, tbl in res.items():
            if tbl is not None and tbl.num_rows:
                buffer[name].append(tbl)
        n_buffered += CHUNK
        if n_buffered >= FLUSH_FILES:
            flush()
    flush()
    asm = Assembly(old_cache=old_cache if reused else None, parts_dir=parts_dir, cache=cache,
                   out=gen, reused=reused,
                   order={rp: i for i, rp in enumerate(manifest["raw_path"])},
                   mixed=bool(reused and tasks))
    stats = assemble(asm)
    shutil.rmtree(parts_dir, ignore_errors=True)
    report.n_articles, report.n_duplicates = stats["n_articles"], stats["n_duplicates"]
    report.n_errors = stats["n_errors"]
    report.tables = dict(asm.counts)
    errors = store.read_table(gen / "errors.parquet")
    errors.to_csv(gen / "errors.csv", index=False)
    store.write_counts(gen, asm.counts)
    store.write_table(manifest, cache / store.MANIFEST, "manifest")
    pa.default_memory_pool().release_unused()
