"""Article manifests: the CSV that lists a corpus by URL (what ``discover`` writes, ``hydrate`` reads).

Columns, in order (all text; blank = unknown):

* ``url`` -- the article URL (canonical Kompas URL when known);
* ``article_key`` -- :func:`kompaskit.urls.article_key` of ``url`` (one key per article);
* ``site`` -- ``kompas.com`` | ``kompas.tv`` | ``kompas.id`` | ``other``;
* ``title`` -- headline as listed;
* ``published`` -- ISO 8601 date or timestamp (with offset when known), e.g. ``2024-06-19T08:15:00+07:00``;
* ``discovered_via`` -- where the row came from (``listing``, ``sitemap``, ``cdx``, ``mediacloud``,
  ``curated``...; several joined by ``+``);
* ``discovered_at`` -- ISO 8601 UTC time of discovery.

:func:`read_manifest` reads and checks one (problems reported row by row, by CSV line number),
:func:`merge_rows` de-duplicates rows by article key, :func:`write_manifest` writes atomically.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

import pandas as pd

from .settings import write_atomic
from .urls import article_key, canonical_url, site_of

MANIFEST_COLUMNS = ("url", "article_key", "site", "title", "published", "discovered_via",
                    "discovered_at")
KOMPAS_SITES = ("kompas.com", "kompas.tv")


class ManifestError(Exception):
    """A manifest that cannot be read at all (missing, not CSV, no ``url`` column): one line."""


@dataclass(frozen=True)
class ManifestProblem:
    """One rejected manifest row: its CSV line number (header = line 1), URL and the reason."""

    line: int
    url: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" + (f" ({self.url})" if self.url else "")


def manifest_row(url: str, *, title: str | None = None, published: str | None = None,
                 discovered_via: str = "", discovered_at: str = "") -> dict[str, str]:
    """One manifest row for `url` (canonicalised; key and site derived from it).

    A URL with an explicit port (a mirror, a local replay server) keeps its scheme and port.
    """
    url = url.strip()
    canon = canonical_url(url) or url
    try:
        parts = urlsplit(url)
        if parts.port:
            canon = urlsplit(canon)._replace(scheme=parts.scheme, netloc=parts.netloc).geturl()
    except ValueError:
        canon = url
    return {"url": canon, "article_key": article_key(canon) or "", "site": site_of(canon),
            "title": " ".join((title or "").split()), "published": published or "",
            "discovered_via": discovered_via, "discovered_at": discovered_at}


def check_rows(frame: pd.DataFrame, *, kompas_only: bool = True,
               first_line: int = 2) -> tuple[pd.DataFrame, list[ManifestProblem]]:
    """Split manifest rows into (good rows with key and site filled in, problems).

    Rejected: a blank URL; a URL that is not a kompas.com/kompas.tv article (when
    `kompas_only`; otherwise any URL with a key is kept); a second row with an article key
    already seen. Line numbers count from `first_line` (the first data line of the CSV).
    """
    good: list[dict[str, str]] = []
    problems: list[ManifestProblem] = []
    seen: dict[str, int] = {}
    for offset, record in enumerate(frame.to_dict("records")):
        line = first_line + offset
        row = {col: str(record.get(col) or "").strip() for col in MANIFEST_COLUMNS}
        url = row["url"]
        if not url:
            problems.append(ManifestProblem(line, "", "blank URL"))
            continue
        site = site_of(url)
        key = article_key(url)
        if kompas_only and site not in KOMPAS_SITES:
            problems.append(ManifestProblem(line, url, f"not a kompas.com / kompas.tv URL (site {site})"))
            continue
        if not key or (kompas_only and key.startswith("other:")):
            problems.append(ManifestProblem(line, url, "not an article URL (no article key)"))
            continue
        if key in seen:
            problems.append(ManifestProblem(line, url, f"duplicate article key {key} (first on line {seen[key]})"))
            continue
        seen[key] = line
        row.update(article_key=key, site=site)
        good.append(row)
    return pd.DataFrame(good, columns=list(MANIFEST_COLUMNS)), problems


def read_manifest(path: str | os.PathLike, *, kompas_only: bool = True) -> tuple[pd.DataFrame, list[ManifestProblem]]:
    """Read a manifest CSV: (good rows, problems). Raises `ManifestError` if it is unreadable.

    Only the ``url`` column is required; missing optional columns are filled with blanks,
    extra columns are ignored.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ManifestError(f"manifest {path} is not UTF-8 text") from None
    if "\x00" in text:
        raise ManifestError(f"manifest {path} is binary, not CSV")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        raise ManifestError(f"manifest {path} is not a readable CSV ({str(exc).splitlines()[0]})") from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if "url" not in frame.columns:
        raise ManifestError(f"manifest {path} has no 'url' column (columns: {', '.join(frame.columns)})")
    return check_rows(frame, kompas_only=kompas_only)


def merge_rows(rows: Iterable[dict[str, str]]) -> pd.DataFrame:
    """De-duplicate rows by article key (rows without a key are dropped).

    The first row of a key wins; blank title/published are filled from later rows and the
    ``discovered_via`` values are joined with ``+``. Sorted by published date, then key.
    """
    merged: dict[str, dict[str, str]] = {}
    for row in rows:
        key = row.get("article_key") or article_key(row.get("url"))
        if not key:
            continue
        have = merged.get(key)
        if have is None:
            merged[key] = {col: str(row.get(col) or "") for col in MANIFEST_COLUMNS} | {"article_key": key}
            continue
        for col in ("title", "published"):
            if not have[col] and row.get(col):
                have[col] = str(row[col])
        via = [v for v in have["discovered_via"].split("+") if v]
        for v in str(row.get("discovered_via") or "").split("+"):
            if v and v not in via:
                via.append(v)
        have["discovered_via"] = "+".join(via)
    frame = pd.DataFrame(list(merged.values()), columns=list(MANIFEST_COLUMNS))
    return frame.sort_values(["published", "article_key"], kind="stable").reset_index(drop=True)


def write_manifest(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write `frame` (manifest columns) to `path` as UTF-8 CSV, atomically; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = frame.reindex(columns=list(MANIFEST_COLUMNS)).fillna("")
    return write_atomic(path, lambda tmp: out.to_csv(tmp, index=False, encoding="utf-8"))
