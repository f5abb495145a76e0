"""Media Cloud: story lists exported as CSV from its search, or queried with the ``mediacloud`` client.

A Media Cloud story-list CSV (``id, indexed_date, language, media_name, media_url,
publish_date, title, url``...) becomes manifest rows as-is: Kompas stories keep their site,
other outlets are kept with ``site=other`` for later. The API query needs the optional extra
(``pip install 'kompaskit[mediacloud]'``) and the user's API key.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .manifest import manifest_row

API_KEY_ENV = "MEDIACLOUD_API_KEY"


class MediaCloudError(Exception):
    """A story list that cannot be read or queried; one-line message."""


def story_rows(stories: Iterable[dict[str, Any]], *, discovered_at: str = "") -> list[dict[str, str]]:
    """Manifest rows for Media Cloud stories (dicts with ``url``, ``title``, ``publish_date``)."""
    rows = []
    for story in stories:
        url = str(story.get("url") or "").strip()
        if not url:
            continue
        published = story.get("publish_date") or ""
        published = published.isoformat() if hasattr(published, "isoformat") else str(published)
        rows.append(manifest_row(url, title=str(story.get("title") or ""), published=published,
                                 discovered_via="mediacloud", discovered_at=discovered_at))
    return rows


def read_story_csv(path: str | os.PathLike, *, discovered_at: str = "") -> list[dict[str, str]]:
    """Manifest rows from a Media Cloud story-list CSV export (needs a ``url`` column)."""
    try:
        frame = pd.read_csv(Path(path), dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise MediaCloudError(f"cannot read Media Cloud CSV {path}: {str(exc).splitlines()[0]}") from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if "url" not in frame.columns:
        raise MediaCloudError(f"Media Cloud CSV {path} has no 'url' column")
    return story_rows(frame.to_dict("records"), discovered_at=discovered_at)


def query_stories(query: str, start: date, end: date, *, collection_ids: list[int] | None = None,
                  api_key: str | None = None, api: Any = None, max_pages: int = 50) -> list[dict[str, Any]]:
    """Stories matching `query` between `start` and `end` through the official client.

    `api` is a ``mediacloud.api.SearchApi`` (made from `api_key` or ``$MEDIACLOUD_API_KEY``
    when None); pages are followed with the pagination token up to `max_pages`.
    """
    if api is None:
        key = api_key or os.environ.get(API_KEY_ENV)
        if not key:
            raise MediaCloudError(f"a Media Cloud query needs an API key (--mediacloud-key or ${API_KEY_ENV})")
        try:
            import mediacloud.api  # optional extra: only a Media Cloud query needs it
        except ImportError:
            raise MediaCloudError("the mediacloud client is not installed: "
                                  "pip install 'kompaskit[mediacloud]'") from None
        api = mediacloud.api.SearchApi(key)
    stories: list[dict[str, Any]] = []
    token = None
    for _ in range(max_pages):
        page, token = api.story_list(query, start, end, collection_ids=collection_ids or [],
                                     pagination_token=token)
        stories.extend(page)
        if not token:
            break
    return stories
