"""One loader for every lexicon and gazetteer CSV the analysers read.

A lexicon ``NAME`` is the shipped ``kompaskit/data/NAME.csv`` plus, in this order, user CSVs with
the same columns: ``NAME.csv`` in each folder listed in ``$KOMPASKIT_LEXICONS``
(``os.pathsep``-separated; the one documented way to extend the kit) and the files listed in the
lexicon's legacy variable (``$KOMPASKIT_SOURCES``, ``$KOMPASKIT_QUOTE_CUES``, …, still honoured).
Rows come back in that order, so callers that let later rows win give user rows precedence.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import os
from pathlib import Path

import pandas as pd

from .article import KompasParseError

DATA = Path(__file__).parent / "data"
LEXICONS_ENV = "KOMPASKIT_LEXICONS"

#: lexicon name -> legacy environment variable listing extra CSVs of that lexicon
LEXICONS: dict[str, str | None] = {
    "sources": "KOMPASKIT_SOURCES",
    "attribution_cues": "KOMPASKIT_ATTRIBUTION_CUES",
    "quote_cues": "KOMPASKIT_QUOTE_CUES",
    "quote_titles": "KOMPASKIT_QUOTE_TITLES",
    "quote_outlets": "KOMPASKIT_QUOTE_OUTLETS",
    "quote_aliases": "KOMPASKIT_QUOTE_ALIASES",
    "quote_pronouns": None,
    "quote_stopwords": None,
    "actors": "KOMPASKIT_ACTORS",
    "event_triggers": "KOMPASKIT_EVENT_TRIGGERS",
}


class LexiconError(KompasParseError):
    """A lexicon CSV cannot be used; ``str(err)`` is one line naming the file (and row)."""

    def __init__(self, reason: str):
        super().__init__(reason, stage="read")


def _split(value: str) -> list[str]:
    return [p for p in value.split(os.pathsep) if p.strip()]


def lexicon_files(name: str) -> list[Path]:
    """The CSV files that make lexicon `name`, shipped first, user files after (existing only
    for folders; a listed file that does not exist is kept so reading it names it)."""
    files = [DATA / f"{name}.csv"]
    for folder in _split(os.environ.get(LEXICONS_ENV, "")):
        cand = Path(folder) / f"{name}.csv"
        if cand.is_file():
            files.append(cand)
    env = LEXICONS.get(name)
    if env:
        files += [Path(p) for p in _split(os.environ.get(env, ""))]
    return files


def read_csv_rows(path: Path, required: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """One lexicon CSV -> rows of stripped strings; LexiconError (one line) when the file is
    missing, not UTF-8 text, lacks a `required` column or has a row with too many fields."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = [h.strip() for h in next(reader, [])]
            if not header or not any(header):
                raise LexiconError(f"lexicon {path}: empty file or no header row")
            missing = [c for c in required if c not in header]
            if missing:
                raise LexiconError(f"lexicon {path}: missing column(s) {', '.join(missing)}")
            rows = []
            for fields in reader:
                if not any(f.strip() for f in fields):
                    continue
                if len(fields) > len(header):
                    raise LexiconError(f"lexicon {path}, row {reader.line_num}: {len(fields)} fields "
                                       f"for {len(header)} columns (quote values with commas)")
                fields += [""] * (len(header) - len(fields))
                rows.append({h: f.strip() for h, f in zip(header, fields)})
            return rows
    except LexiconError:
        raise
    except FileNotFoundError:
        raise LexiconError(f"lexicon {path}: file not found") from None
    except (UnicodeDecodeError, csv.Error, OSError) as exc:
        raise LexiconError(f"lexicon {path}: not a readable UTF-8 CSV ({type(exc).__name__}: "
                           f"{' '.join(str(exc).split())[:160]})") from None


@functools.lru_cache(maxsize=64)
def _read(name: str, files: tuple[str, ...], required: tuple[str, ...]) -> pd.DataFrame:
    rows: list[dict[str, str]] = []
    columns: list[str] = []
    for f in files:
        part = read_csv_rows(Path(f), required)
        for r in part:
            for c in r:
                if c not in columns:
                    columns.append(c)
        rows += part
    return pd.DataFrame(rows, columns=columns or list(required), dtype=object).fillna("")


def read_lexicon(name: str, required: tuple[str, ...] = ()) -> pd.DataFrame:
    """Lexicon `name` as a DataFrame of strings (shipped rows, then user rows; see module doc).
    Cached per set of files; `reload()` forgets the cache. Raises LexiconError."""
    files = tuple(str(p) for p in lexicon_files(name))
    return _read(name, files, tuple(required)).copy()


def lexicons_fingerprint() -> str:
    """sha256 over the content of every lexicon file in use (shipped and user): the build key
    changes when any of them does."""
    h = hashlib.sha256()
    names = sorted(set(LEXICONS) | {p.stem for p in DATA.glob("*.csv")})
    for name in names:
        for path in lexicon_files(name):
            h.update(str(path).encode("utf-8", "surrogateescape"))
            try:
                h.update(path.read_bytes())
            except OSError:
                h.update(b"<missing>")
    return h.hexdigest()


def reload() -> None:
    """Forget cached lexicons (after editing a CSV in a running session)."""
    _read.cache_clear()
