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
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from . import __version__, schema
from .article import Article, KompasParseError

PROCESSED_ENV = "KOMPASKIT_PROCESSED"
RAW_ENV = "KOMPASKIT_RAW"
CACHE_DIR = ".cache"
MANIFEST = "manifest.parquet"
CHUNK = 16  # files per worker task: amortises process start-up and pickling
# Bump when analyser output changes shape, so stale per-file caches are not reused.
BUILD_KEY = f"kompaskit-{__version__}-1"
FINAL_TABLES = ("articles", "paragraphs", "quotes", "attributions", "sources", "mentions",
                "events", "errors")
SKIP_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db"}


# --------------------------------------------------------------------------- locations

def project_root(start: Path | None = None) -> Path | None:
    """The kit checkout containing `start` (a folder with pyproject.toml and kompaskit/)."""
    here = (start or Path.cwd()).resolve()
    for cand in (here, *here.parents):
        if (cand / "pyproject.toml").exists() and (cand / "kompaskit").is_dir():
            return cand
    return None


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


# --------------------------------------------------------------------------- per-file work

def one_line(exc: BaseException) -> str:
    """A single line a researcher can read: no traceback, no newlines, bounded length."""
    msg = " ".join(str(exc).split()) or type(exc).__name__
    return msg if len(msg) <= 300 else msg[:297] + "..."


def _error_row(raw_path: str, stage: str, exc: BaseException, sha: str) -> dict[str, Any]:
    err = "KompasParseError" if isinstance(exc, KompasParseError) else type(exc).__name__
    return {"raw_path": raw_path, "stage": stage, "error": err, "message": one_line(exc),
            "raw_sha256": sha}


def analyse_article(article: Article) -> tuple[dict[str, pd.DataFrame], list[tuple[str, BaseException]]]:
    """Run every analyser on one article. Returns ({table: rows}, [(stage, error), ...]).

    One analyser failing does not stop the others (their tables simply lack this article).
    """
    from . import events, provenance, quotes, temporal

    out: dict[str, pd.DataFrame] = {}
    problems: list[tuple[str, BaseException]] = []

    def run(name: str, fn, *args):
        try:
            out[name] = fn(*args)
        except Exception as exc:  # recorded in `errors`, the build goes on
            problems.append((f"analyse:{name}", exc))
            out[name] = schema.empty(name if name != "event_candidates" else "events")
        return out[name]

    q = run("quotes", quotes.quotes_table, article)
    a = run("attributions", provenance.attribute, article, q)
    m = run("mentions", temporal.mentions_table, article)
    run("event_candidates", events.extract_events, article, m, a)
    return out, problems


def process_file(path: str, raw_path: str, sha: str, html_engine: str = "trafilatura") -> dict[str, list]:
    """Read one raw file and analyse its articles. Returns {table: [DataFrame or dict rows]}."""
    from .readers import read

    result: dict[str, list] = {name: [] for name in schema.PER_FILE_TABLES}
    try:
        articles = read(path, engine=html_engine)
    except KompasParseError as exc:
        result["errors"].append(_error_row(raw_path, exc.stage, exc, sha))
        return result
    except MemoryError as exc:
        result["errors"].append(_error_row(raw_path, "read", exc, sha))
        return result
    except Exception as exc:  # a reader bug must not abort the build either
        result["errors"].append(_error_row(raw_path, "read", exc, sha))
        return result
    for article in articles:
        article.raw_path = raw_path
        article.raw_sha256 = article.raw_sha256 or sha
        record = article.to_record()
        record["credits"] = [f"{role}: {name}" for role, names in (article.credits or {}).items()
                             for name in names]
        result["articles"].append(record)
        result["paragraphs"].append(pd.DataFrame({
            "article_id": article.article_id,
            "para_idx": range(len(article.paragraphs)),
            "text": article.paragraphs,
            "kind": article.paragraph_kinds,
        }))
        tables, problems = analyse_article(article)
        for name, df in tables.items():
            if len(df):
                result[name].append(df)
        for stage, exc in problems:
            row = _error_row(raw_path, "analyse", exc, sha)
            row["message"] = f"{stage.split(':', 1)[1]}: {row['message']}"
            result["errors"].append(row)
    return result


def process_chunk(tasks: list[tuple[str, str, str]], html_engine: str = "trafilatura") -> dict[str, pd.DataFrame]:
    """Process files [(path, raw_path, sha), ...] into one DataFrame per per-file table.

    Every row carries ``_file`` (the raw path) so incremental rebuilds can drop a file's rows.
    Top-level and pure, so process pools and Dask can ship it to workers.
    """
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in schema.PER_FILE_TABLES}
    for path, raw_path, sha in tasks:
        res = process_file(path, raw_path, sha, html_engine)
        for name, items in res.items():
            if not items:
                continue
            rows = [i for i in items if isinstance(i, dict)]
            frames = [i for i in items if isinstance(i, pd.DataFrame)]
            if rows:
                frames.append(pd.DataFrame(rows))
            for f in frames:
                f = f.copy()
                f["_file"] = raw_path
                parts[name].append(f)
    return {name: (pd.concat(fs, ignore_index=True) if fs else pd.DataFrame())
            for name, fs in parts.items()}


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


def list_raw_files(raw_dir: Path) -> list[Path]:
    """Every regular file under `raw_dir`, sorted, skipping hidden files and OS litter."""
    files = []
    for p in raw_dir.rglob("*"):
        rel_parts = p.relative_to(raw_dir).parts
        if any(part.startswith(".") for part in rel_parts) or p.name in SKIP_NAMES:
            continue
        if p.is_file():
            files.append(p)
    return sorted(files)


def sha256_file(path: Path, bufsize: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:  # read-only: raw files are never modified
        while chunk := fh.read(bufsize):
            h.update(chunk)
    return h.hexdigest()


def read_table(path: Path) -> pd.DataFrame:
    """Read one Parquet table; Arrow list columns become Python lists (pandas idiom)."""
    df = pd.read_parquet(path)
    for col in df.columns:
        if df[col].dtype == object and len(df) and _is_array(df[col]):
            df[col] = [list(v) if v is not None else [] for v in df[col]]
    return df


def _is_array(s: pd.Series) -> bool:
    first = s.dropna()
    return len(first) > 0 and hasattr(first.iloc[0], "tolist") and not isinstance(first.iloc[0], str)


def _read_parquet(path: Path) -> pd.DataFrame | None:
    try:
        return read_table(path) if path.exists() else None
    except Exception:
        return None  # a damaged cache is rebuilt, never trusted


def write_table(df: pd.DataFrame, path: Path, name: str) -> None:
    """Write `df` as Parquet atomically (temp file in the same folder, then rename)."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(schema.to_arrow(df, name), tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _run_tasks(tasks: list[tuple[str, str, str]], jobs: int, engine: str, scheduler: str | None,
               html_engine: str, progress: bool) -> list[dict[str, pd.DataFrame]]:
    chunks = [tasks[i:i + CHUNK] for i in range(0, len(tasks), CHUNK)]
    if not chunks:
        return []
    if engine == "dask":
        from .daskengine import run_chunks

        return run_chunks(chunks, scheduler=scheduler, html_engine=html_engine)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    from tqdm.auto import tqdm

    bar = tqdm(total=len(tasks), unit="file", desc="kompaskit build", disable=not progress,
               file=sys.stderr)
    results = []
    try:
        if jobs <= 1 or len(chunks) == 1:
            for chunk in chunks:
                results.append(process_chunk(chunk, html_engine))
                bar.update(len(chunk))
        else:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                # map keeps submission order, so the output order does not depend on timing
                for chunk, res in zip(chunks, pool.map(process_chunk, chunks,
                                                       [html_engine] * len(chunks))):
                    results.append(res)
                    bar.update(len(chunk))
    finally:
        bar.close()
    return results


def _merge_duplicates(articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep one row per article_id: the richest copy. Returns (kept rows, kept (_file, id) keys)."""
    if not len(articles):
        return articles, pd.DataFrame(columns=["_file", "article_id"])
    a = articles.copy()
    a["_truncated"] = a["flags"].map(lambda f: "truncated" in (f if f is not None else []))
    kind_rank = {"html": 0, "warc": 0, "text": 1}
    a["_kind_rank"] = a["raw_kind"].map(kind_rank).fillna(2)
    a["_has_pub"] = a["published"].notna()
    a = a.sort_values(["article_id", "_truncated", "_has_pub", "n_paragraphs", "_kind_rank", "_file"],
                      ascending=[True, True, False, False, True, True], kind="stable")
    others = a.groupby("article_id", sort=False)["raw_path"].agg(lambda s: list(s.iloc[1:]))
    kept = a.drop_duplicates("article_id", keep="first").copy()
    kept["duplicate_paths"] = kept["article_id"].map(others)
    kept = kept.drop(columns=["_truncated", "_kind_rank", "_has_pub"])
    kept = kept.sort_values(["published", "article_id"], na_position="last", kind="stable")
    return kept, kept[["_file", "article_id"]]


def _keep(df: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    if not len(df) or "article_id" not in df.columns:
        return df
    return df.merge(keys, on=["_file", "article_id"], how="inner")


def build(raw_dir: str | os.PathLike | None = None, out_dir: str | os.PathLike | None = None, *,
          jobs: int = 1, engine: str = "local", scheduler: str | None = None,
          html_engine: str = "trafilatura", force: bool = False, progress: bool = True) -> BuildReport:
    """Build the tables from `raw_dir` into `out_dir` (defaults: data/raw -> data/processed).

    `jobs` > 1 uses a process pool; `engine="dask"` runs the same per-file work on Dask
    (`scheduler`: a scheduler address, or None for a local cluster). Returns a `BuildReport`.
    """
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
    old_manifest = None if force else _read_parquet(cache / MANIFEST)
    if old_manifest is not None and (old_manifest.get("build_key") is None
                                     or set(old_manifest["build_key"]) != {BUILD_KEY}):
        old_manifest = None
    known = {} if old_manifest is None else {
        r.raw_path: r for r in old_manifest.itertuples(index=False)}

    rows, tasks, reused = [], [], set()
    for p in files:
        raw_path = p.as_posix()
        st = p.stat()
        prev = known.get(raw_path)
        if prev is not None and prev.size == st.st_size and prev.mtime_ns == st.st_mtime_ns:
            sha = prev.raw_sha256  # unchanged size and mtime: trust the recorded hash
        else:
            sha = sha256_file(p)
        rows.append({"raw_path": raw_path, "size": st.st_size, "mtime_ns": st.st_mtime_ns,
                     "raw_sha256": sha, "build_key": BUILD_KEY})
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
        errors = _read_parquet(out / "errors.parquet")
        arts = _read_parquet(out / "articles.parquet")
        report.n_errors = 0 if errors is None else len(errors)
        report.n_articles = 0 if arts is None else len(arts)
        report.seconds = time.perf_counter() - t0
        return report

    # rows of unchanged files come from the cache; changed and removed files' rows are dropped
    tables: dict[str, list[pd.DataFrame]] = {name: [] for name in schema.PER_FILE_TABLES}
    if reused:
        for name in schema.PER_FILE_TABLES:
            old = _read_parquet(cache / f"{name}.parquet")
            if old is not None and len(old):
                tables[name].append(old[old["_file"].isin(reused)])
    for res in _run_tasks(tasks, jobs, engine, scheduler, html_engine, progress):
        for name, df in res.items():
            if len(df):
                tables[name].append(df)
    per_file = {name: (pd.concat([f for f in fs if len(f)], ignore_index=True)
                       if any(len(f) for f in fs) else pd.DataFrame(columns=["_file"]))
                for name, fs in tables.items()}
    # deterministic order whatever the engine or the mix of cached and new rows
    order = {rp: i for i, rp in enumerate(manifest["raw_path"])}
    for name, df in per_file.items():
        if len(df):
            df["_order"] = df["_file"].map(order)
            per_file[name] = df.sort_values("_order", kind="stable").drop(columns="_order")
    for name, df in per_file.items():
        write_table(df, cache / f"{name}.parquet", name if name != "event_candidates" else "events")

    articles, keys = _merge_duplicates(per_file["articles"])
    report.n_duplicates = len(per_file["articles"]) - len(articles)
    finals: dict[str, pd.DataFrame] = {"articles": articles}
    for name in ("paragraphs", "quotes", "attributions", "mentions"):
        finals[name] = _keep(per_file[name], keys)
    finals["errors"] = per_file["errors"]
    finals["sources"] = _sources()
    candidates = _keep(per_file["event_candidates"], keys)
    finals["events"] = _merge_events(candidates, finals["errors"])
    for name in FINAL_TABLES:
        df = finals[name]
        df = df.drop(columns=[c for c in ("_file",) if c in df.columns])
        write_table(df, out / f"{name}.parquet", name)
        report.tables[name] = len(df)
    write_table(manifest, cache / MANIFEST, "manifest")  # last: a crash before this rebuilds
    report.n_articles = len(articles)
    report.n_errors = len(finals["errors"])
    report.seconds = time.perf_counter() - t0
    return report


def _sources() -> pd.DataFrame:
    from .provenance import sources_table

    return sources_table()


def _merge_events(candidates: pd.DataFrame, errors: pd.DataFrame) -> pd.DataFrame:
    from .events import merge_events

    if not len(candidates):
        return schema.empty("events")
    return merge_events(candidates.drop(columns=["_file"], errors="ignore"))


# --------------------------------------------------------------------------- load

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
    out = Path(out_dir) if out_dir is not None else default_processed_dir()
    wanted = set(tables) if tables is not None else set(FINAL_TABLES)
    frames = {}
    for name in FINAL_TABLES:
        path = out / f"{name}.parquet"
        if name in wanted and path.exists():
            frames[name] = read_table(path)
        else:
            frames[name] = schema.empty(name)
    return Corpus(**frames, path=out)
