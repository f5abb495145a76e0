"""Form of the curated manifest data/manifests/russia-dprk-kompas.csv (issue 16, item 3).

The manifest is URLs plus metadata only; these tests check its shape, never page text.
"""
from __future__ import annotations

import csv
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from kompaskit.urls import article_key, canonical_url, site_of

MANIFEST = Path(__file__).resolve().parents[1] / "data" / "manifests" / "russia-dprk-kompas.csv"
COLUMNS = ["url", "article_key", "site", "title", "published", "discovered_via", "discovered_at"]
FIRST_DAY, LAST_DAY = date(2016, 1, 1), date(2025, 12, 31)
MIN_ROWS = 100  # what issue 16 asks for
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KOMPAS_ARTICLE = re.compile(
    r"^https://(?:www\.kompas\.tv/[\w-]+/\d+(?:/[^/?#]+)?"
    r"|(?:www|[a-z]+)\.kompas\.com/(?:[\w-]+/)?read/\d{4}/\d{2}/\d{2}/\d+(?:/[^/?#]+)?)$"
)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with MANIFEST.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def _published_day(value: str) -> date:
    """YYYY-MM-DD, or a full ISO timestamp that must carry a UTC offset."""
    if _DAY.match(value):
        return date.fromisoformat(value)
    stamp = datetime.fromisoformat(value)
    assert stamp.tzinfo is not None, f"timestamp without offset: {value}"
    return stamp.date()


def test_columns_are_exactly_the_agreed_ones():
    with MANIFEST.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == COLUMNS


def test_has_at_least_the_rows_issue_16_asks_for(rows):
    assert len(rows) >= MIN_ROWS


def test_has_rows_from_both_sites(rows):
    assert {r["site"] for r in rows} == {"kompas.com", "kompas.tv"}


def test_article_keys_are_unique_and_computed_from_the_url(rows):
    keys = [r["article_key"] for r in rows]
    assert len(set(keys)) == len(keys)
    for r in rows:
        assert r["article_key"] == article_key(r["url"]), r["url"]
        assert r["article_key"].startswith(r["site"] + ":"), r["url"]


def test_urls_are_canonical_kompas_article_urls(rows):
    for r in rows:
        url = r["url"]
        assert r["site"] in ("kompas.com", "kompas.tv")
        assert site_of(url) == r["site"], url
        assert canonical_url(url) == url, url
        assert _KOMPAS_ARTICLE.match(url), url
        assert "?" not in url and "#" not in url and "/amp/" not in url, url


def test_titles_are_filled(rows):
    for r in rows:
        assert r["title"].strip() == r["title"] and len(r["title"]) >= 10, r["url"]


def test_publication_dates_parse_and_lie_in_range(rows):
    for r in rows:
        day = _published_day(r["published"])
        assert FIRST_DAY <= day <= LAST_DAY, r["url"]


def test_kompas_com_dates_agree_with_the_url_path(rows):
    for r in rows:
        m = re.search(r"/read/(\d{4})/(\d{2})/(\d{2})/", r["url"])
        if m:
            assert _published_day(r["published"]) == date(*map(int, m.groups())), r["url"]


def test_provenance_columns(rows):
    for r in rows:
        assert r["discovered_via"] in ("web-search", "web-search:title-from-slug"), r["url"]
        assert date.fromisoformat(r["discovered_at"]) <= date.today()
