"""`kompaskit discover` against the local replay site: listings with pagination, robots-declared
sitemap index + gzipped news sitemap, a CDX JSON response, Media Cloud CSV and API page."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from replay_site import FIXTURES, KIM, PUTIN, TV, ReplaySite, resolve_replay_hosts

from kompaskit import cli, discover, listings, mediacloud
from kompaskit.manifest import MANIFEST_COLUMNS, read_manifest

KEYS = {
    "putin": "kompas.com:20240619061500370",
    "tentara": "kompas.com:20241018120500170",
    "kim": "kompas.com:20230912081000270",
    "resep": "kompas.com:20230914090000575",
    "tv": "kompas.tv:515210",
    "vladivostok2019": "kompas.com:20190425171000270",
    "minyak": "kompas.com:20240621101500070",
}


@pytest.fixture()
def site(monkeypatch):
    resolve_replay_hosts(monkeypatch)
    with ReplaySite() as replay:
        yield replay


def _rows(frame: pd.DataFrame) -> dict[str, dict]:
    return {r["article_key"]: r for r in frame.to_dict("records")}


def test_listing_pages_follow_pagination_with_titles_and_dates(site):
    log = io.StringIO()
    frame = discover.discover(listings_=[f"{site.com}/tag/korea-utara"], pages=3, delay=0, log=log)
    rows = _rows(frame)
    assert set(rows) == {KEYS["putin"], KEYS["tentara"], KEYS["kim"], KEYS["resep"], KEYS["tv"]}
    assert rows[KEYS["putin"]]["title"] == "Putin Tiba di Pyongyang, Disambut Kim Jong Un di Bandara"
    assert rows[KEYS["putin"]]["published"] == "2024-06-19T06:15:00+07:00"
    assert rows[KEYS["putin"]]["url"] == f"{site.com}{PUTIN}", "tracking query dropped"
    assert rows[KEYS["tv"]]["published"] == "2024-06-19T15:40:00+07:00", "Indonesian month name"
    assert rows[KEYS["tv"]]["site"] == "kompas.tv"
    assert {r["discovered_via"] for r in rows.values()} == {"listing"}
    assert site.ok_hits["/tag/korea-utara"] == 2, "page 2 followed once, no page 3"
    assert log.getvalue().count("article links") == 2


def test_pages_limit_stops_pagination(site):
    frame = discover.discover(listings_=[f"{site.com}/tag/korea-utara"], pages=1, delay=0,
                              log=io.StringIO())
    assert set(frame["article_key"]) == {KEYS["putin"], KEYS["tentara"]}
    assert site.ok_hits["/tag/korea-utara"] == 1


def test_saved_listing_file_is_read_without_network(tmp_path):
    saved = tmp_path / "tag.html"
    saved.write_bytes((FIXTURES / "listing-tag-korea-utara-2.html").read_bytes()
                      .replace(b"{COM}", b"https://www.kompas.com").replace(b"{TV}", b"https://www.kompas.tv"))
    rows, next_url = listings.listing_rows(saved.read_bytes(), saved.as_uri())
    assert next_url is None, "last page: no next link"
    got = {r["article_key"]: r for r in rows}
    assert got[KEYS["kim"]]["published"] == "2023-09-12T08:10:00+07:00"
    assert got[KEYS["tv"]]["url"] == f"https://www.kompas.tv{TV}"


def test_robots_declared_sitemap_index_and_gzipped_news_sitemap(site):
    log = io.StringIO()
    frame = discover.discover(sitemap_sites=[f"{site.com}/"], delay=0, log=log)
    rows = _rows(frame)
    assert set(rows) == {KEYS["putin"], KEYS["tentara"], KEYS["kim"], KEYS["resep"]}, log.getvalue()
    assert rows[KEYS["tentara"]]["title"] == "Korea Utara Disebut Kirim Ribuan Tentara ke Rusia"
    assert rows[KEYS["tentara"]]["published"].startswith("2024-10-18T12:05:00+07:00")
    assert rows[KEYS["kim"]]["published"].startswith("2023-09-12T08:10:00"), "lastmod when no news date"
    assert site.ok_hits["/sitemap-news.xml.gz"] == 1 and site.ok_hits["/robots.txt"] >= 1


def test_cdx_prefix_search_collapses_variants_and_filters_non_articles(site):
    log = io.StringIO()
    frame = discover.discover(cdx_prefixes=["kompas.com/global/read/*"], from_date="2016",
                              to_date="2025", archive_endpoint=site.archive, delay=0, log=log)
    rows = _rows(frame)
    assert set(rows) == {KEYS["vladivostok2019"], KEYS["putin"], KEYS["minyak"]}
    assert rows[KEYS["vladivostok2019"]]["url"] == ("https://www.kompas.com/global/read/2019/04/25/"
                                                    "171000270/putin-dan-kim-jong-un-bertemu-di-vladivostok")
    assert rows[KEYS["vladivostok2019"]]["published"] == "2019-04-25"
    assert "5 captures, 4 article URLs" in log.getvalue()


def test_match_keywords_on_slug_and_title(site):
    frame = discover.discover(listings_=[f"{site.com}/tag/korea-utara"], pages=2,
                              cdx_prefixes=["kompas.com/global/read/"], archive_endpoint=site.archive,
                              keywords=["korea-utara", "kim jong", "Putin"], delay=0, log=io.StringIO())
    keys = set(frame["article_key"])
    assert KEYS["resep"] not in keys and KEYS["minyak"] not in keys
    assert {KEYS["putin"], KEYS["tentara"], KEYS["kim"], KEYS["tv"], KEYS["vladivostok2019"]} <= keys
    putin = _rows(frame)[KEYS["putin"]]
    assert putin["discovered_via"] == "listing+cdx", "one row per key, both sources named"


def test_mediacloud_csv_keeps_other_outlets_as_other(tmp_path):
    rows = mediacloud.read_story_csv(FIXTURES / "mediacloud-story-list.csv")
    by_site = {r["site"] for r in rows}
    assert by_site == {"kompas.com", "kompas.tv", "other"}
    detik = [r for r in rows if r["site"] == "other"]
    assert len(detik) == 1 and detik[0]["article_key"].startswith("other:news.detik.com/")
    assert all(r["discovered_via"] == "mediacloud" for r in rows)
    money = [r for r in rows if "harga-cabai" in r["url"]][0]
    assert money["article_key"] == "kompas.com:20240620070000126" and money["published"] == "2024-06-20"


def test_mediacloud_query_uses_the_client_page_by_page():
    page = json.loads((FIXTURES / "mediacloud-story-list-page.json").read_text())
    calls = []

    class RecordedSearchApi:  # answers story_list() with the page in the fixture
        def story_list(self, query, start, end, collection_ids=(), pagination_token=None):
            calls.append((query, start.isoformat(), end.isoformat(), tuple(collection_ids), pagination_token))
            return page["stories"], page["pagination_token"]

    frame = discover.discover(mediacloud_query='"korea utara" AND rusia', from_date="20230901",
                              to_date="20230930", mediacloud_collections=[34412146],
                              mediacloud_api=RecordedSearchApi(), delay=0, log=io.StringIO())
    assert calls == [('"korea utara" AND rusia', "2023-09-01", "2023-09-30", (34412146,), None)]
    assert set(frame["site"]) == {"kompas.tv", "other"}
    assert "kompas.tv:443210" in set(frame["article_key"])


def test_mediacloud_query_without_key_is_one_line(monkeypatch):
    monkeypatch.delenv("MEDIACLOUD_API_KEY", raising=False)
    with pytest.raises(mediacloud.MediaCloudError, match="API key"):
        mediacloud.query_stories("korea", None, None)


def test_cli_discover_writes_deduplicated_manifest_and_merges_reruns(site, tmp_path, capsys):
    out = tmp_path / "manifests" / "found.csv"
    argv = ["discover", "--out", str(out), "--listing", f"{site.com}/tag/korea-utara", "--pages", "2",
            "--sitemaps", f"{site.com}/", "--mediacloud-csv", str(FIXTURES / "mediacloud-story-list.csv"),
            "--match", "korea-utara,kim-jong,putin", "--delay", "0"]
    assert cli.main(argv) == 0
    first = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(first.columns) == list(MANIFEST_COLUMNS)
    assert first["article_key"].is_unique
    assert "other:news.detik.com/internasional/d-7397000/putin-kunjungi-korea-utara" in set(first["article_key"])
    good, problems = read_manifest(out, kompas_only=False)
    assert problems == [] and len(good) == len(first)
    assert first["discovered_at"].str.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$").all()
    assert cli.main(argv[:3] + ["--cdx", "kompas.com/global/read/", "--archive-endpoint", site.archive,
                                "--delay", "0"]) == 0
    second = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert set(first["article_key"]) < set(second["article_key"]), "a rerun adds, never loses rows"
    assert second["article_key"].is_unique
    assert [p.name for p in out.parent.iterdir()] == [out.name], "no temp file left"


def test_cli_discover_without_sources_is_one_line(tmp_path, capsys):
    assert cli.main(["discover", "--out", str(tmp_path / "m.csv")]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_listing_disallowed_by_robots_is_not_fetched(site):
    log = io.StringIO()
    frame = discover.discover(listings_=[f"{site.com}/search/?q=korea+utara"], delay=0, log=log)
    assert frame.empty and "disallowed by robots.txt" in log.getvalue()
    assert site.hits["/search/"] == 0 and site.ok_hits["/robots.txt"] == 1, (log.getvalue(), site.requests)


def test_kompas_tv_listing_time_elements_and_numbered_pagination():
    html = (FIXTURES / "listing-tv-tag-rusia.html").read_text().replace("{TV}", "https://www.kompas.tv")
    rows, next_url = listings.listing_rows(html, "https://www.kompas.tv/tag/rusia")
    got = {r["article_key"]: r for r in rows}
    assert set(got) == {"kompas.tv:515210", "kompas.tv:443210", "kompas.tv:498765"}
    assert got["kompas.tv:515210"]["published"] == "2024-06-19T15:40:00+07:00"
    assert got["kompas.tv:515210"]["title"] == "Rusia dan Korea Utara Teken Pakta Pertahanan Bersama"
    assert got["kompas.tv:443210"]["published"] == "2023-09-13T10:05:00+07:00", "abbreviated month"
    assert got["kompas.tv:443210"]["url"] == ("https://www.kompas.tv/internasional/443210/"
                                              "putin-dan-kim-jong-un-bertemu-di-kosmodrom-vostochny"), "AMP dropped"
    assert got["kompas.tv:498765"]["published"] == "", "no date shown, none invented"
    assert next_url == "https://www.kompas.tv/tag/rusia?page=2"
    _, after_two = listings.listing_rows(html, "https://www.kompas.tv/tag/rusia?page=2")
    assert after_two == "https://www.kompas.tv/tag/rusia?page=3"
