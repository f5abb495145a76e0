"""``kompaskit discover``: find article URLs and write a manifest CSV (see :mod:`kompaskit.manifest`).

Sources, in any mix: Kompas listing pages (saved files or URLs, ``--pages N`` follows the
pagination), sitemaps (robots.txt-declared, indexes, news sitemaps, gzip), the Internet
Archive's CDX API (URL prefixes, date range, status 200, collapsed by URL key), Media Cloud
story-list CSV exports and API queries. Rows are de-duplicated by article key; ``--match``
keeps rows whose slug or title contains one of the keywords.
"""
from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from . import cdx, listings, mediacloud, sitemaps
from .manifest import ManifestError, merge_rows, read_manifest, write_manifest
from .netguard import ALLOW_PRIVATE_ENV
from .webclient import HostClock, Limits, Refused, Robots, get

DEFAULT_KEYWORDS = ("korea-utara", "korut", "kim-jong", "pyongyang", "rusia", "putin")
_NON_WORD = re.compile(r"[\W_]+")


def _norm(text: str) -> str:
    return " " + _NON_WORD.sub(" ", text.casefold()).strip() + " "


def matches(row: dict[str, str], keywords: list[str]) -> bool:
    """Whether the URL slug or title of `row` contains one of `keywords` (hyphens = spaces, any case)."""
    if not keywords:
        return True
    haystack = _norm(urlsplit(row.get("url", "")).path) + _norm(row.get("title", ""))
    return any(_norm(k).strip() and _norm(k).strip() in haystack for k in keywords)


def _as_date(stamp: str | None, default: date) -> date:
    """``YYYYMMDD`` / ``YYYY-MM-DD`` as a date; `default` when absent or shorter."""
    try:
        return datetime.strptime((stamp or "").replace("-", "")[:8], "%Y%m%d").date()
    except ValueError:
        return default


def now_utc() -> str:
    """The current UTC time, ISO 8601 to the second (the ``discovered_at`` stamp)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def listing_source_rows(source: str, pages: int, clock: HostClock, limits: Limits, robots: Robots,
                        log) -> list[dict[str, str]]:
    """Rows from a listing page (a saved file or a URL) and up to `pages` - 1 following pages."""
    stamp = now_utc()
    if not source.lower().startswith(("http://", "https://")):
        path = Path(source)
        base = path.resolve().as_uri()
        rows, _ = listings.listing_rows(path.read_bytes(), base, discovered_at=stamp)
        print(f"listing {source}: {len(rows)} article links", file=log)
        return rows
    rows: list[dict[str, str]] = []
    url: str | None = source
    seen: set[str] = set()
    for _ in range(max(1, pages)):
        if url is None or url in seen:
            break
        seen.add(url)
        if not robots.allowed(url):
            print(f"listing {url}: disallowed by robots.txt", file=log)
            break
        page_rows, url_next = listings.listing_rows(get(url, clock, limits).body, url,
                                                    discovered_at=stamp)
        print(f"listing {url}: {len(page_rows)} article links", file=log)
        rows.extend(page_rows)
        url = url_next
    return rows


def discover(*, listings_: list[str] = (), pages: int = 1, sitemap_sites: list[str] = (),
             cdx_prefixes: list[str] = (), from_date: str | None = None, to_date: str | None = None,
             mediacloud_csvs: list[str] = (), mediacloud_query: str | None = None,
             mediacloud_collections: list[int] = (), mediacloud_api=None,
             keywords: list[str] = (), archive_endpoint: str = cdx.DEFAULT_ENDPOINT,
             delay: float = 1.0, allow_private: bool | None = None, log=None) -> pd.DataFrame:
    """A manifest frame (de-duplicated by article key) from the given sources.

    One failing source is reported on `log` in one line and the others go on.
    """
    log = sys.stderr if log is None else log
    clock = HostClock(delay)
    limits = Limits(allow_private=allow_private, total_timeout=60.0)
    robots = Robots(clock, Limits(allow_private=allow_private, retries=1, total_timeout=30.0))
    rows: list[dict[str, str]] = []
    for source in listings_:
        try:
            rows += listing_source_rows(source, pages, clock, limits, robots, log)
        except (Refused, OSError, ValueError) as exc:
            print(f"listing {source}: {exc}", file=log)
    for site in sitemap_sites:
        client = sitemaps.GuardedWebClient(clock, Limits(allow_private=allow_private, total_timeout=60.0))
        try:
            found = sitemaps.sitemap_rows(sitemaps.sitemap_tree(site, client), discovered_at=now_utc())
            print(f"sitemaps of {site}: {len(found)} article URLs", file=log)
            rows += found
        except Exception as exc:  # noqa: BLE001 - usp raises its own types; one line, go on
            print(f"sitemaps of {site}: {type(exc).__name__}: {exc}", file=log)
        for err in client.errors:
            print(f"sitemaps of {site}: {err}", file=log)
    for prefix in cdx_prefixes:
        try:
            caps = cdx.search_captures(prefix, clock, limits, endpoint=archive_endpoint,
                                       from_date=from_date, to_date=to_date)
            found = cdx.cdx_rows(caps, discovered_at=now_utc())
            print(f"CDX {prefix}: {len(caps)} captures, {len(found)} article URLs", file=log)
            rows += found
        except (Refused, cdx.CdxError) as exc:
            print(f"CDX {prefix}: {exc}", file=log)
    for path in mediacloud_csvs:
        try:
            found = mediacloud.read_story_csv(path, discovered_at=now_utc())
            print(f"Media Cloud CSV {path}: {len(found)} stories", file=log)
            rows += found
        except mediacloud.MediaCloudError as exc:
            print(str(exc), file=log)
    if mediacloud_query:
        start = _as_date(from_date, date(2016, 1, 1))
        end = _as_date(to_date, date.today())
        try:
            stories = mediacloud.query_stories(mediacloud_query, start, end,
                                               collection_ids=list(mediacloud_collections),
                                               api=mediacloud_api)
            found = mediacloud.story_rows(stories, discovered_at=now_utc())
            print(f"Media Cloud query: {len(found)} stories", file=log)
            rows += found
        except Exception as exc:  # noqa: BLE001 - client/network errors: one line, go on
            print(f"Media Cloud query: {exc}", file=log)
    kept = [r for r in rows if matches(r, list(keywords))]
    return merge_rows(kept)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kompaskit discover",
                                description="Find article URLs and write a manifest CSV.")
    p.add_argument("--out", required=True, help="manifest CSV to write (rows of an existing one are kept)")
    p.add_argument("--listing", action="append", default=[], metavar="URL_OR_FILE",
                   help="a Kompas tag/section/date index/search page (repeatable)")
    p.add_argument("--pages", type=int, default=1, help="listing pages to follow (default 1)")
    p.add_argument("--sitemaps", action="append", default=[], metavar="SITE_URL",
                   help="read the sitemaps declared in this site's robots.txt (repeatable)")
    p.add_argument("--cdx", action="append", default=[], metavar="URL_PREFIX",
                   help="Internet Archive CDX URL prefix, e.g. kompas.com/global/read/ (repeatable)")
    p.add_argument("--from", dest="from_date", help="earliest date, YYYYMMDD (CDX, Media Cloud)")
    p.add_argument("--to", dest="to_date", help="latest date, YYYYMMDD (CDX, Media Cloud)")
    p.add_argument("--mediacloud-csv", action="append", default=[], metavar="FILE",
                   help="a story-list CSV exported from Media Cloud search (repeatable)")
    p.add_argument("--mediacloud-query", help="Media Cloud search query (needs the mediacloud extra and an API key)")
    p.add_argument("--mediacloud-collection", type=int, action="append", default=[], metavar="ID")
    p.add_argument("--match", default=None,
                   help="comma-separated keywords on slug and title "
                        f"(e.g. {','.join(DEFAULT_KEYWORDS)}); default: keep all")
    p.add_argument("--archive-endpoint", default=cdx.DEFAULT_ENDPOINT,
                   help="Wayback-compatible archive (default: the Internet Archive)")
    p.add_argument("--delay", type=float, default=1.0, help="seconds between requests per host (default 1)")
    p.add_argument("--allow-private", action="store_true", default=None,
                   help=f"allow loopback/private targets (also {ALLOW_PRIVATE_ENV}=1)")
    return p


def main(argv: list[str] | None = None) -> int:
    """CLI entry: 0 when a manifest was written, 2 on bad arguments or an unreadable old manifest."""
    args = build_parser().parse_args(argv)
    if not (args.listing or args.sitemaps or args.cdx or args.mediacloud_csv or args.mediacloud_query):
        print("kompaskit discover: give at least one source (--listing, --sitemaps, --cdx, "
              "--mediacloud-csv, --mediacloud-query)", file=sys.stderr)
        return 2
    if args.pages < 1 or args.delay < 0:
        print("kompaskit discover: --pages must be >= 1 and --delay >= 0", file=sys.stderr)
        return 2
    keywords = [k.strip() for k in (args.match or "").split(",") if k.strip()]
    frame = discover(listings_=args.listing, pages=args.pages, sitemap_sites=args.sitemaps,
                     cdx_prefixes=args.cdx, from_date=args.from_date, to_date=args.to_date,
                     mediacloud_csvs=args.mediacloud_csv, mediacloud_query=args.mediacloud_query,
                     mediacloud_collections=args.mediacloud_collection, keywords=keywords,
                     archive_endpoint=args.archive_endpoint, delay=args.delay,
                     allow_private=args.allow_private)
    out = Path(args.out)
    if out.exists():
        try:
            old, problems = read_manifest(out, kompas_only=False)
        except ManifestError as exc:
            print(f"kompaskit discover: {exc}", file=sys.stderr)
            return 2
        for problem in problems:
            print(f"kompaskit discover: {out} {problem}", file=sys.stderr)
        frame = merge_rows(old.to_dict("records") + frame.to_dict("records"))
    write_manifest(frame, out)
    print(f"wrote {out}: {len(frame)} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
