"""The declarative table pipeline: one record per table, and the per-file work derived from them.

Each `TableSpec` says what a table is: its name, its columns (``schema.TABLES[name]``), the row
function that makes its rows, the tables it needs, the lexicons it reads, and whether it is made
per raw file (cached per file, rebuilt incrementally) or once per corpus (from other tables).
`build`, `load`, the `Corpus` fields, the build key and the column lists of ``docs/tables.md`` all
come from `TABLES` below. Adding a table = one `register(TableSpec(...))` + its row function
(worked example: ``docs/architecture.md``).

Per-file row functions take ``(article, *rows_of_needed_tables)`` and return ``list[dict]``;
corpus-level functions take the needed tables as pandas DataFrames and return a DataFrame.
Tables made by the reader itself (``articles``, ``paragraphs``, ``errors``) have no row function.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal

import pandas as pd

from . import events, provenance, quotes, schema, temporal
from .article import Article, KompasParseError
from .readers import read


@dataclass(frozen=True)
class TableSpec:
    """One table of the build.

    `rows`: per file, ``(article, *needed rows) -> list[dict]``; corpus level,
    ``(*needed DataFrames) -> DataFrame``; None for the reader's own tables. `needs`: tables
    whose rows (same article) or DataFrames (corpus level) are passed to `rows`, in order.
    `public`: written to the out folder and returned by `load()` (False: an intermediate, e.g.
    per-article event candidates). `stored_as`: the `schema.TABLES` entry giving its columns.
    """

    name: str
    level: Literal["file", "corpus"]
    rows: Callable[..., Any] | None = None
    needs: tuple[str, ...] = ()
    lexicons: tuple[str, ...] = ()
    public: bool = True
    stored_as: str | None = None
    doc: str = ""

    @property
    def columns(self) -> dict:
        return schema.TABLES[self.stored_as or self.name]


def merge_event_candidates(candidates: pd.DataFrame) -> pd.DataFrame:
    """Corpus-level event merge over the kept articles' candidate rows."""
    if candidates is None or not len(candidates):
        return schema.empty("events")
    return events.merge_events(candidates)


def registry_sources() -> pd.DataFrame:
    """The source registry as a table (shipped lexicon + user additions)."""
    return provenance.sources_table()


#: every table, in build order (a table comes after the tables it needs)
TABLES: dict[str, TableSpec] = {}


def register(spec: TableSpec, columns: dict | None = None) -> TableSpec:
    """Add `spec` to the pipeline (after the tables it needs). `columns` ({name: Arrow type}) adds
    its column contract to ``schema.TABLES`` when the table is not in ``schema.py``."""
    missing = [n for n in spec.needs if n not in TABLES]
    if missing:
        raise ValueError(f"table {spec.name!r} needs unknown table(s) {missing}")
    if columns is not None:
        schema.TABLES.setdefault(spec.stored_as or spec.name, dict(columns))
    if (spec.stored_as or spec.name) not in schema.TABLES:
        raise ValueError(f"table {spec.name!r} has no columns in schema.TABLES")
    TABLES[spec.name] = spec
    return spec


def unregister(name: str) -> None:
    """Remove a table added with `register` (tests use it to undo a toy table)."""
    TABLES.pop(name, None)


for _spec in (
    TableSpec("articles", "file", doc="one row per distinct article (from the reader)"),
    TableSpec("paragraphs", "file", doc="body paragraphs in order (from the reader)"),
    TableSpec("quotes", "file", quotes.quote_rows,
              lexicons=("quote_cues", "quote_titles", "quote_outlets", "quote_aliases", "sources"),
              doc="direct and indirect speech"),
    TableSpec("attributions", "file", provenance.attribution_rows, needs=("quotes",),
              lexicons=("sources", "attribution_cues"), doc="provenance hops"),
    TableSpec("mentions", "file", temporal.mention_rows, doc="temporal expressions"),
    TableSpec("event_candidates", "file", events.candidate_rows, needs=("mentions", "attributions", "quotes"),
              lexicons=("event_triggers", "actors"), public=False, stored_as="events",
              doc="per-article event candidates, merged into `events`"),
    TableSpec("errors", "file", doc="what could not be read"),
    TableSpec("sources", "corpus", registry_sources, lexicons=("sources",),
              doc="the source registry"),
    TableSpec("events", "corpus", merge_event_candidates, needs=("event_candidates",),
              lexicons=("event_triggers", "actors"), doc="the timeline"),
):
    register(_spec)

#: tables produced by `process_file` itself, not by a row function
READER_TABLES = ("articles", "paragraphs", "errors")
#: public tables in the order the contract lists them (``load()``, ``Corpus``)
CONTRACT_ORDER = ("articles", "paragraphs", "quotes", "attributions", "sources", "mentions",
                  "events", "errors")


def per_file_tables() -> tuple[str, ...]:
    """Tables kept per raw file (cached for incremental rebuilds)."""
    return tuple(n for n, s in TABLES.items() if s.level == "file")


def final_tables() -> tuple[str, ...]:
    """Public tables, contract order first, then registered extras in registration order."""
    public = [n for n, s in TABLES.items() if s.public]
    return tuple([n for n in CONTRACT_ORDER if n in public] + [n for n in public if n not in CONTRACT_ORDER])


def schema_name(table: str) -> str:
    """The ``schema.TABLES`` entry of `table`."""
    spec = TABLES.get(table)
    return (spec.stored_as or spec.name) if spec is not None else table


def describe() -> str:
    """A stable text of every record (names, levels, columns and types, needs, lexicons, row
    functions): part of the build key, so a changed record is a changed build."""
    lines = []
    for spec in TABLES.values():
        fn = "" if spec.rows is None else f"{spec.rows.__module__}.{spec.rows.__qualname__}"
        cols = ",".join(f"{c}:{t}" for c, t in spec.columns.items())
        lines.append(f"{spec.name}|{spec.level}|{spec.public}|{fn}|{spec.needs}|{spec.lexicons}|{cols}")
    return "\n".join(lines)


def columns_markdown() -> str:
    """The column index of ``docs/tables.md``: one line per public table (a test keeps them equal)."""
    lines = []
    for name in final_tables():
        spec = TABLES[name]
        made = "per raw file" if spec.level == "file" else "per corpus"
        lines.append(f"- `{name}` ({made}): " + ", ".join(f"`{c}`" for c in spec.columns))
    return "\n".join(lines)


# --------------------------------------------------------------------------- per-file work

def one_line(exc: BaseException) -> str:
    """A single line a researcher can read: no traceback, no newlines, bounded length."""
    msg = " ".join(str(exc).split()) or type(exc).__name__
    return msg if len(msg) <= 300 else msg[:297] + "..."


def error_row(raw_path: str, stage: str, exc: BaseException, sha: str) -> dict[str, Any]:
    """One `errors` row (with the ``_file`` every per-file row carries)."""
    err = "KompasParseError" if isinstance(exc, KompasParseError) else type(exc).__name__
    return {"raw_path": raw_path, "stage": stage, "error": err, "message": one_line(exc),
            "raw_sha256": sha, "_file": raw_path}


def analyse_article(article: Article) -> tuple[dict[str, list[dict]], list[tuple[str, BaseException]]]:
    """Run every per-file row function on one article, in pipeline order. Returns
    ({table: rows}, [(table, error), ...]); one failing does not stop the others (their tables
    simply lack this article)."""
    out: dict[str, list[dict]] = {}
    problems: list[tuple[str, BaseException]] = []
    for spec in TABLES.values():
        if spec.level != "file" or spec.rows is None:
            continue
        try:
            out[spec.name] = spec.rows(article, *(out.get(n, []) for n in spec.needs))
        except Exception as exc:  # recorded in `errors`, the build goes on
            problems.append((spec.name, exc))
            out[spec.name] = []
    return out, problems


def article_record(article: Article) -> dict[str, Any]:
    """The `articles` row of one article (credits flattened to ``role: name`` strings)."""
    record = article.to_record()
    record["credits"] = [f"{role}: {name}" for role, names in (article.credits or {}).items()
                         for name in names]
    return record


def one_per_id(articles: list[Article]) -> list[Article]:
    """One article per id within a file (a WARC may hold the same page twice, e.g. under an
    amp URL): the copy with the most body paragraphs, first on ties, in file order."""
    best: dict[str, Article] = {}
    for a in articles:
        if a.article_id not in best or a.n_paragraphs > best[a.article_id].n_paragraphs:
            best[a.article_id] = a
    kept = {id(a) for a in best.values()}
    return [a for a in articles if id(a) in kept]


def process_file(path: str, raw_path: str, sha: str, html_engine: str = "trafilatura",
                 into: dict[str, list[dict]] | None = None) -> dict[str, list[dict]]:
    """Read one raw file and analyse its articles; append rows to `into` ({table: [row]}).

    Every row gets ``_file`` = `raw_path`, so incremental rebuilds can drop one file's rows.
    """
    rows = into if into is not None else {name: [] for name in per_file_tables()}
    try:
        articles = read(path, engine=html_engine, sha256=sha)
    except KompasParseError as exc:
        rows["errors"].append(error_row(raw_path, exc.stage, exc, sha))
        return rows
    except Exception as exc:  # MemoryError or a reader bug must not abort the build either
        rows["errors"].append(error_row(raw_path, "read", exc, sha))
        return rows
    for article in one_per_id(articles):
        article.raw_path = raw_path
        article.raw_sha256 = article.raw_sha256 or sha
        rows["articles"].append({**article_record(article), "_file": raw_path})
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
            row = error_row(raw_path, "analyse", exc, sha)
            row["message"] = f"{analyser}: {row['message']}"
            rows["errors"].append(row)
    return rows


def process_chunk(tasks: list[tuple[str, str, str]], html_engine: str = "trafilatura") -> dict[str, Any]:
    """Process files [(path, raw_path, sha), ...] into one Arrow table per per-file table.

    Top-level and pure, so process pools and Dask can ship it to workers; Arrow keeps the
    results compact on the way back (no per-article DataFrames anywhere).
    """
    rows: dict[str, list[dict]] = {name: [] for name in per_file_tables()}
    for path, raw_path, sha in tasks:
        process_file(path, raw_path, sha, html_engine, into=rows)
    return {name: schema.rows_to_arrow(items, schema_name(name)) for name, items in rows.items()}


DOC_BEGIN, DOC_END = "<!-- columns:begin -->", "<!-- columns:end -->"


def update_doc(text: str) -> str:
    """`text` (docs/tables.md) with its generated column index replaced by `columns_markdown()`."""
    head, _, rest = text.partition(DOC_BEGIN)
    _, _, tail = rest.partition(DOC_END)
    return f"{head}{DOC_BEGIN}\n{columns_markdown()}\n{DOC_END}{tail}"


if __name__ == "__main__":  # python -m kompaskit.pipeline --doc [docs/tables.md]
    import sys
    from pathlib import Path

    if sys.argv[1:2] == ["--doc"]:
        doc = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/tables.md")
        doc.write_text(update_doc(doc.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated {doc}")
    else:
        print(columns_markdown())
