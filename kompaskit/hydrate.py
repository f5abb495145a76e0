"""``kompaskit hydrate MANIFEST``: fetch every manifest row into gzipped WARC captures in data/raw/.

``--via live`` fetches the article page; ``--via archive`` reads the closest archived capture
in raw ``id_`` form (the page as captured, not the archive's rewritten copy) from a
Wayback-compatible archive (``--archive-endpoint``, default the Internet Archive); ``auto``
(default) tries the live page and falls back to the archive. Captures are the ones ``fetch``
writes (request + response, digests, capture time); an archived one names the original article
URL as ``WARC-Target-URI``, the archive's capture time as ``WARC-Date`` and the memento in
``WARC-Refers-To-Target-URI``, so the articles table says where each capture came from.

Resumable: a row whose capture file already exists is skipped without a request. Polite:
robots.txt of the live site, the kit's User-Agent, ``--delay`` seconds between requests to one
host (default 1), retries with backoff on 429/5xx honouring ``Retry-After``. Every file is
written atomically; the summary CSV (one row per manifest row: captured / from archive /
already captured / not found / refused) too.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

import pandas as pd
from tqdm.auto import tqdm

from .cdx import DEFAULT_ENDPOINT, CdxError, closest_capture, timestamp_datetime
from .fetch import ArchiveOrigin, capture_stem, save_capture
from .manifest import ManifestError, read_manifest
from .netguard import ALLOW_PRIVATE_ENV
from .settings import write_atomic
from .webclient import HostClock, Limits, Refused, Robots, get

VIA = ("live", "archive", "auto")
STATUSES = ("captured", "from archive", "already captured", "not found", "refused")
_MEMENTO_STAMP = re.compile(r"/web/(\d{14})id_/")
_NOT_FOUND = re.compile(r"^HTTP (404|410)\b")


@dataclass
class HydrateRow:
    """Outcome for one manifest row (one row of the summary CSV)."""

    url: str
    article_key: str
    status: str
    source: str = ""  # live | archive
    capture_url: str = ""  # the URL fetched: the live page or the archive's id_ memento
    captured_at: str = ""  # ISO 8601 UTC: fetch time (live) or the archive's capture time
    path: str = ""
    reason: str = ""


def _captured_path(url: str, to: Path) -> Path | None:
    found = sorted(to.glob(f"{capture_stem(url)}*.warc.gz")) if to.is_dir() else []
    return found[0] if found else None


def _live(url: str, key: str, to: Path, clock: HostClock, limits: Limits, robots: Robots) -> HydrateRow:
    if not robots.allowed(url):
        return HydrateRow(url, key, "refused", "live", url, reason="disallowed by robots.txt")
    ex = get(url, clock, limits)
    res = save_capture(ex, url, to)
    return HydrateRow(url, key, "captured", "live", ex.url,
                      ex.started.strftime("%Y-%m-%dT%H:%M:%SZ"), str(res.path))


def _archived(url: str, key: str, to: Path, clock: HostClock, limits: Limits, endpoint: str) -> HydrateRow:
    try:
        found = closest_capture(url, clock, limits, endpoint=endpoint)
    except CdxError as exc:
        return HydrateRow(url, key, "refused", "archive", reason=str(exc))
    if found is None:
        return HydrateRow(url, key, "not found", "archive", reason="no archived capture with status 200")
    memento, when = found
    ex = get(memento, clock, limits)
    m = _MEMENTO_STAMP.search(ex.url)  # the archive may redirect to a neighbouring capture
    if m:
        memento, when = ex.url, timestamp_datetime(m.group(1))
    res = save_capture(ex, url, to, archive=ArchiveOrigin(memento, when))
    return HydrateRow(url, key, "from archive", "archive", memento,
                      when.strftime("%Y-%m-%dT%H:%M:%SZ"), str(res.path))


def hydrate_row(url: str, key: str, to: Path, via: str, clock: HostClock, limits: Limits,
                robots: Robots, endpoint: str = DEFAULT_ENDPOINT) -> HydrateRow:
    """Capture one manifest URL into `to` by `via`; never raises for a network failure."""
    existing = _captured_path(url, to)
    if existing is not None:
        return HydrateRow(url, key, "already captured", path=str(existing), reason="capture exists")
    live_failure = None
    if via in ("live", "auto"):
        try:
            row = _live(url, key, to, clock, limits, robots)
            if row.status == "captured" or via == "live":
                return row
            live_failure = row.reason
        except Refused as exc:
            if via == "live":
                status = "not found" if _NOT_FOUND.match(str(exc)) else "refused"
                return HydrateRow(url, key, status, "live", url, reason=str(exc))
            live_failure = str(exc)
    try:
        row = _archived(url, key, to, clock, limits, endpoint)
    except Refused as exc:
        status = "not found" if _NOT_FOUND.match(str(exc)) else "refused"
        row = HydrateRow(url, key, status, "archive", reason=str(exc))
    if live_failure:
        row.reason = f"live: {live_failure}; archive: {row.reason}" if row.reason else f"live: {live_failure}"
    return row


def write_summary(rows: list[HydrateRow], path: Path) -> Path:
    """Write the summary rows as CSV at `path`, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame([asdict(r) for r in rows], columns=list(HydrateRow.__dataclass_fields__))
    return write_atomic(path, lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8"))


def hydrate(manifest: str | os.PathLike, to: str | os.PathLike = "data/raw", *, via: str = "auto",
            archive_endpoint: str = DEFAULT_ENDPOINT, delay: float = 1.0,
            summary: str | os.PathLike | None = None, limits: Limits | None = None,
            allow_private: bool | None = None, progress: bool = True,
            log: TextIO | None = None) -> list[HydrateRow]:
    """Hydrate `manifest` into `to`; returns one `HydrateRow` per manifest row and writes them
    to `summary` (default ``<to>/../hydrate-summary.csv``), also when interrupted.

    Bad manifest rows are ``refused`` with the line and reason; raises `ManifestError` if the
    manifest is unreadable. One line per failed row on `log` (stderr).
    """
    log = sys.stderr if log is None else log
    if via not in VIA:
        raise ValueError(f"via must be one of {', '.join(VIA)}")
    out = Path(to)
    summary_path = Path(summary) if summary else out.resolve().parent / "hydrate-summary.csv"
    frame, problems = read_manifest(manifest)
    limits = limits or Limits()
    if allow_private is not None:
        limits.allow_private = allow_private
    clock = HostClock(delay)
    robots = Robots(clock, Limits(allow_private=limits.allow_private, retries=1,
                                  total_timeout=min(limits.total_timeout, 30.0)))
    rows: list[HydrateRow] = []
    for problem in problems:
        rows.append(HydrateRow(problem.url, "", "refused", reason=f"manifest {problem}"))
        print(f"refused manifest {problem}", file=log)
    try:
        for record in tqdm(frame.to_dict("records"), desc="hydrate", unit="article",
                           disable=not progress, file=log):
            try:
                row = hydrate_row(record["url"], record["article_key"], out, via, clock, limits,
                                  robots, archive_endpoint)
            except OSError as exc:  # writing to `to` failed: same for every row, stop here
                rows.append(HydrateRow(record["url"], record["article_key"], "refused",
                                       reason=f"cannot write to {out} ({exc.strerror or exc})"))
                raise
            rows.append(row)
            if row.status in ("not found", "refused"):
                print(f"{row.status} {row.url}: {row.reason}", file=log)
    finally:
        write_summary(rows, summary_path)
    return rows


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kompaskit hydrate",
                                description="Fetch a manifest's articles into gzipped WARC captures.")
    p.add_argument("manifest", help="manifest CSV (url, article_key, site, title, published, ...)")
    p.add_argument("--to", default=None, help="raw folder (default: $KOMPASKIT_RAW or data/raw)")
    p.add_argument("--via", choices=VIA, default="auto",
                   help="live page, archived capture, or live then archive (default auto)")
    p.add_argument("--archive-endpoint", default=DEFAULT_ENDPOINT,
                   help="Wayback-compatible archive (default: the Internet Archive)")
    p.add_argument("--delay", type=float, default=1.0, help="seconds between requests per host (default 1)")
    p.add_argument("--summary", default=None, help="summary CSV (default: hydrate-summary.csv beside the raw folder)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--allow-private", action="store_true", default=None,
                   help=f"allow loopback/private targets (also {ALLOW_PRIVATE_ENV}=1)")
    return p


def main(argv: list[str] | None = None) -> int:
    """CLI entry (as ``fetch``): 0 if at least one row is captured (now or before), 1 if none
    is, 2 on bad input; what failed is in the summary CSV and the log."""
    args = build_parser().parse_args(argv)
    if args.delay < 0:
        print("kompaskit hydrate: --delay must be >= 0", file=sys.stderr)
        return 2
    if args.to is None:
        from .corpus import default_raw_dir

        args.to = default_raw_dir()
    try:
        rows = hydrate(args.manifest, args.to, via=args.via, archive_endpoint=args.archive_endpoint,
                       delay=args.delay, summary=args.summary, allow_private=args.allow_private,
                       progress=not args.quiet)
    except ManifestError as exc:
        print(f"kompaskit hydrate: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kompaskit hydrate: interrupted; captures so far are complete, run again to resume",
              file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"kompaskit hydrate: cannot write captures ({exc.strerror or exc})", file=sys.stderr)
        return 2
    counts = {s: sum(r.status == s for r in rows) for s in STATUSES}
    print("hydrate: " + ", ".join(f"{n} {s}" for s, n in counts.items()), file=sys.stderr)
    done = counts["captured"] + counts["from archive"] + counts["already captured"]
    return 0 if done else 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
