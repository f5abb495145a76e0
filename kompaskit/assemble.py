"""Assembling the final tables of a build from per-file rows (cached and newly parsed).

Inputs: the previous generation's per-file cache (rows of unchanged files, each row tagged with
``_file``) and this build's parts (Parquet files written as worker results arrived). Outputs: the
new generation's per-file cache and its published tables, written one table at a time so that
peak memory is about one table. Duplicates merge here (`merge_duplicates`); child tables keep
only the rows of kept (file, article) pairs (`keep_rows`).
"""
from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import pipeline, schema
from .store import (PARQUET_COMPRESSION, atomic_write, read_arrow_as_pandas, read_arrow_or_none,
                    row_group_rows)


def merge_duplicates(articles: pa.Table) -> tuple[pa.Table, pa.Array]:
    """Keep one row per article_id, the richest copy; list the others in `duplicate_paths`.

    `articles`: Arrow table with ``_file``. Returns (kept rows, Arrow array of "_file\x1farticle_id" keys).
    """
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


def keep_rows(tbl: pa.Table | None, keys: pa.Array) -> pa.Table | None:
    """Rows of `tbl` belonging to a kept (file, article) pair (`keys`: Arrow strings)."""
    if tbl is None or tbl.num_rows == 0 or "article_id" not in tbl.column_names:
        return tbl
    sep = pa.scalar("\x1f", schema.STR)
    joined = pc.binary_join_element_wise(tbl.column("_file").cast(schema.STR),
                                         tbl.column("article_id").cast(schema.STR), sep)
    return tbl.filter(pc.is_in(joined, value_set=keys))


def conform_arrow(tbl: pa.Table, target: pa.Schema) -> pa.Table:
    """`tbl` with exactly `target`'s columns and types (missing columns as nulls)."""
    cols = []
    for f in target:
        if f.name in tbl.column_names:
            col = tbl.column(f.name)
            cols.append(col if col.type == f.type else col.cast(f.type))
        else:
            cols.append(pa.nulls(tbl.num_rows, f.type))
    return pa.Table.from_arrays(cols, schema=target)


def empty_with_file(name: str) -> pa.Table:
    """An empty per-file table of `name` with its contract columns and ``_file``."""
    tbl = schema.rows_to_arrow([], pipeline.schema_name(name))
    return tbl.append_column("_file", pa.array([], schema.STR))


@dataclass
class Assembly:
    """Where one build's per-file rows come from and go to.

    `old_cache`: previous generation's cache folder (None: nothing reused); `parts_dir`: this
    build's worker results; `cache`/`out`: the new generation's cache folder and table folder;
    `reused`: raw paths whose cached rows are kept; `order`: raw path -> position in the listing;
    `mixed`: cached and new rows both present (rows are then re-sorted in raw-file order).
    """

    old_cache: Path | None
    parts_dir: Path
    cache: Path
    out: Path
    reused: set[str]
    order: dict[str, int]
    mixed: bool
    counts: dict[str, int] = field(default_factory=dict)

    def cached(self, name: str) -> list[pa.Table]:
        """The cached rows of the reused (unchanged) files, as at most one Arrow table."""
        if not self.reused or self.old_cache is None:
            return []
        old = read_arrow_or_none(self.old_cache / f"{name}.parquet")
        if old is None or not old.num_rows or "_file" not in old.column_names:
            return []
        return [old.filter(pc.is_in(old.column("_file"), value_set=pa.array(sorted(self.reused), schema.STR)))]

    def part_paths(self, name: str) -> list[Path]:
        return sorted((self.parts_dir / name).glob("*.parquet"))

    def per_file(self, name: str) -> pa.Table:
        """This table's rows for every current raw file (cached ones, then new ones), also
        written to the new cache."""
        pieces = self.cached(name) + [read_arrow_or_none(p) for p in self.part_paths(name)]
        tbl = schema.concat_arrow([*pieces, empty_with_file(name)])
        if tbl.num_rows and self.mixed:
            # deterministic order whatever the mix of cached and new rows: raw-file order
            rank = [self.order.get(f, -1) for f in tbl.column("_file").to_pylist()]
            tbl = tbl.take(pa.array(sorted(range(len(rank)), key=rank.__getitem__)))
        atomic_write(tbl, self.cache / f"{name}.parquet")
        return tbl

    def write_final(self, name: str, tbl: pa.Table) -> None:
        """Publish-ready table `name` (without ``_file``) into the generation."""
        if "_file" in tbl.column_names:
            tbl = tbl.drop_columns(["_file"])
        atomic_write(tbl, self.out / f"{name}.parquet")
        self.counts[name] = tbl.num_rows

    def stream_child(self, name: str, keys: pa.Array) -> None:
        """Cache and final table written piece by piece: never the whole table in memory."""
        pieces = self.cached(name)
        paths = self.part_paths(name)
        none = empty_with_file(name)
        target = pa.unify_schemas([none.schema, *(t.schema for t in pieces),
                                   *(pq.read_schema(p) for p in paths)], promote_options="permissive")
        final_schema = pa.schema([f for f in target if f.name != "_file"])
        tmp_cache = self.cache / f".{name}.parquet.{os.getpid()}.tmp"
        tmp_final = self.out / f".{name}.parquet.{os.getpid()}.tmp"
        n = 0
        try:
            with pq.ParquetWriter(tmp_cache, target, compression=PARQUET_COMPRESSION) as wc, \
                    pq.ParquetWriter(tmp_final, final_schema, compression=PARQUET_COMPRESSION) as wf:
                for piece in itertools.chain(pieces, (read_arrow_or_none(p) for p in paths)):
                    piece = conform_arrow(piece, target)  # parts may lack an all-null extra
                    wc.write_table(piece, row_group_size=row_group_rows(piece))
                    kept = keep_rows(piece, keys).drop_columns(["_file"])
                    wf.write_table(kept, row_group_size=row_group_rows(kept))
                    n += kept.num_rows
                if not paths and not pieces:
                    wc.write_table(none.cast(target))
                    wf.write_table(none.drop_columns(["_file"]).cast(final_schema))
            os.replace(tmp_cache, self.cache / f"{name}.parquet")
            os.replace(tmp_final, self.out / f"{name}.parquet")
        finally:
            for tmp in (tmp_cache, tmp_final):
                if tmp.exists():
                    tmp.unlink()
        self.counts[name] = n
        pa.default_memory_pool().release_unused()


def assemble(asm: Assembly) -> dict[str, Any]:
    """Write every table of the pipeline into the new generation. Returns
    {"n_articles", "n_duplicates", "n_errors"}."""
    all_articles = asm.per_file("articles")
    articles, keys = merge_duplicates(all_articles)
    stats = {"n_duplicates": all_articles.num_rows - articles.num_rows,
             "n_articles": articles.num_rows}
    del all_articles
    asm.write_final("articles", articles)
    del articles
    pa.default_memory_pool().release_unused()
    hidden: dict[str, pa.Table] = {}  # per-file intermediates the corpus-level tables need
    for name, spec in pipeline.TABLES.items():
        if spec.level != "file" or name == "articles":
            continue
        has_ids = "article_id" in spec.columns
        if not spec.public:
            hidden[name] = keep_rows(asm.per_file(name), keys)
        elif not has_ids:
            tbl = asm.per_file(name)
            asm.write_final(name, tbl)
            if name == "errors":
                stats["n_errors"] = tbl.num_rows
        elif asm.mixed:  # cached and new rows mixed: re-sorted whole, in raw-file order
            asm.write_final(name, keep_rows(asm.per_file(name), keys))
        else:
            asm.stream_child(name, keys)
    for name, spec in pipeline.TABLES.items():
        if spec.level != "corpus":
            continue
        inputs = []
        for need in spec.needs:
            tbl = hidden.get(need)
            if tbl is None:
                tbl = read_arrow_or_none(asm.out / f"{need}.parquet")
            inputs.append(None if tbl is None or not tbl.num_rows else read_arrow_as_pandas(
                tbl.drop_columns([c for c in ("_file",) if c in tbl.column_names])))
        df = spec.rows(*inputs)
        asm.write_final(name, schema.to_arrow(df, pipeline.schema_name(name)))
        for need in spec.needs:
            hidden.pop(need, None)
    stats.setdefault("n_errors", 0)
    return stats
