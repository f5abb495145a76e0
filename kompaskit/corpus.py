"""The corpus API in one place: `build`, `load`, `Corpus`, `process_chunk`, `BuildReport`.

The work is done by modules with one concern each: ``pipeline`` (the table records and the
per-file analysis), ``builder`` (listing, hashing, orchestration, incremental reuse), ``assemble``
(tables from per-file rows), ``store`` (Parquet I/O, generations, the build lock) and ``loader``.
This module re-exports their public names so ``kompaskit.corpus.build`` etc. keep working.
"""
from __future__ import annotations

from . import pipeline
from .assemble import merge_duplicates
from .builder import (CHUNK, FLUSH_FILES, LEXICON_ENVS, SKIP_NAMES, BuildError, BuildReport, build,
                    build_key, default_jobs, display_path, iter_results, list_raw_files,
                    sha256_file)
from .loader import Corpus, load
from .pipeline import TABLES, TableSpec, analyse_article, one_line, process_chunk, process_file, register
from .settings import PROCESSED_ENV, RAW_ENV, default_processed_dir, default_raw_dir
from .store import (CACHE_DIR, MANIFEST, MAX_ROW_GROUP_ROWS, PARQUET_COMPRESSION, ROW_GROUP_BYTES,
                    read_arrow_as_pandas, read_table, row_group_rows, write_table)


#: public tables (contract order) and per-file tables, as the pipeline records define them
FINAL_TABLES = pipeline.final_tables()
PER_FILE_TABLES = pipeline.per_file_tables()
_row_group_rows = row_group_rows  # kept for callers of the old private name (tests)

__all__ = ["BuildError", "BuildReport", "CACHE_DIR", "CHUNK", "Corpus", "FINAL_TABLES",
           "FLUSH_FILES", "LEXICON_ENVS", "MANIFEST", "MAX_ROW_GROUP_ROWS", "PARQUET_COMPRESSION",
           "PER_FILE_TABLES", "PROCESSED_ENV", "RAW_ENV", "ROW_GROUP_BYTES", "SKIP_NAMES", "TABLES",
           "TableSpec", "analyse_article", "build", "build_key", "default_jobs",
           "default_processed_dir", "default_raw_dir", "display_path", "iter_results",
           "list_raw_files", "load", "merge_duplicates", "one_line", "process_chunk",
           "process_file", "read_arrow_as_pandas", "read_table", "register", "sha256_file",
           "write_table"]
