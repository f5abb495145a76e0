"""The Internet Archive's CDX API: archived article URLs for a URL prefix, and the closest capture.

Why not the ``wayback`` package: its ``WaybackClient.search`` sends every query to the
module constant ``CDX_SEARCH_URL`` (``https://web.archive.org/cdx/search/cdx``) and builds
memento URLs on web.archive.org, so it cannot point at ``--archive-endpoint`` (institutional
mirrors, the tests' replay server); and it fetches through its own ``requests`` session, which
would bypass the kit's private-address guard, deadline and per-host delay. Even its
``memento_url_data`` only accepts ``web.archive.org`` URLs (``MEMENTO_URL_PATTERN``; checked
with wayback 0.5.1). The CDX protocol
itself is small: one GET with ``output=json`` returns a header row and one row per capture.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from urllib.parse import urlencode

from .manifest import KOMPAS_SITES, manifest_row
from .urls import article_key, site_of
from .webclient import HostClock, Limits, Refused, get

DEFAULT_ENDPOINT = "https://web.archive.org"


class CdxError(Exception):
    """A CDX response that cannot be read; one-line message."""


def cdx_url(endpoint: str, params: dict[str, str | int]) -> str:
    """The CDX search URL on `endpoint` for `params` (``output=json`` added)."""
    return f"{endpoint.rstrip('/')}/cdx/search/cdx?" + urlencode({**params, "output": "json"})


def memento_url(endpoint: str, timestamp: str, url: str) -> str:
    """The raw (``id_``) memento URL: the page as captured, without the archive's rewriting."""
    return f"{endpoint.rstrip('/')}/web/{timestamp}id_/{url}"


def timestamp_datetime(timestamp: str) -> datetime:
    """A 14-digit CDX timestamp (``YYYYMMDDhhmmss``, UTC; shorter ones padded) as tz-aware UTC."""
    padded = (timestamp + "00000101000000"[len(timestamp):])[:14]
    return datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)


def parse_cdx_json(body: bytes) -> list[dict[str, str]]:
    """CDX ``output=json`` rows as dicts keyed by the header row ([] for an empty result)."""
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return []
    try:
        table = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CdxError(f"CDX response is not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(table, list) or (table and not all(isinstance(r, list) for r in table)):
        raise CdxError("CDX response is not a JSON table")
    if not table:
        return []
    header = [str(h) for h in table[0]]
    return [dict(zip(header, map(str, row))) for row in table[1:] if len(row) == len(header)]


def search_captures(prefix: str, clock: HostClock, limits: Limits | None = None, *,
                    endpoint: str = DEFAULT_ENDPOINT, from_date: str | None = None,
                    to_date: str | None = None, limit: int = 10000) -> list[dict[str, str]]:
    """Captures with status 200 of the URLs under `prefix`, one per URL key (``collapse=urlkey``).

    `prefix` like ``kompas.com/global/read/`` (a trailing ``*`` is accepted); `from_date` and
    `to_date` are CDX timestamps or their prefixes (``2016``, ``20240619``).
    """
    params: dict[str, str | int] = {"url": prefix.rstrip("*"), "matchType": "prefix",
                                    "filter": "statuscode:200", "collapse": "urlkey",
                                    "limit": limit}
    if from_date:
        params["from"] = from_date.replace("-", "")
    if to_date:
        params["to"] = to_date.replace("-", "")
    return parse_cdx_json(get(cdx_url(endpoint, params), clock, limits).body)


def cdx_rows(captures: list[dict[str, str]], *, discovered_at: str = "") -> list[dict[str, str]]:
    """Manifest rows for the Kompas article URLs among CDX `captures` (date from the URL or capture)."""
    rows = []
    for cap in captures:
        url = cap.get("original", "")
        if site_of(url) not in KOMPAS_SITES or not article_key(url):
            continue
        row = manifest_row(url, discovered_via="cdx", discovered_at=discovered_at)
        parts = row["url"].split("/read/", 1)
        if len(parts) == 2 and parts[1][:10].count("/") == 2:
            row["published"] = parts[1][:10].replace("/", "-")
        rows.append(row)
    return rows


def closest_capture(url: str, clock: HostClock, limits: Limits | None = None, *,
                    endpoint: str = DEFAULT_ENDPOINT,
                    near: str | None = None) -> tuple[str, datetime] | None:
    """(raw ``id_`` memento URL, capture time) of the status-200 capture of `url` closest to
    `near` (a CDX timestamp; default: now), or None when the archive has none."""
    near = near or datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
    params = {"url": url, "filter": "statuscode:200", "closest": near, "sort": "closest",
              "limit": 1, "fl": "timestamp,original,statuscode"}
    try:
        rows = parse_cdx_json(get(cdx_url(endpoint, params), clock, limits).body)
    except Refused as exc:
        if str(exc).startswith("HTTP 404"):
            return None
        raise
    for row in rows:
        stamp = row.get("timestamp", "")
        if stamp.isdigit():
            return memento_url(endpoint, stamp, row.get("original") or url), timestamp_datetime(stamp)
    return None
