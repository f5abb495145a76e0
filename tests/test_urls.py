"""Site detection, canonical URLs and article keys: every variant of one article merges."""
from __future__ import annotations

import pytest

from kompaskit.urls import article_key, canonical_url, content_key, site_of

TV_VARIANTS = [
    "https://www.kompas.tv/internasional/556677/kim-jong-un-bertemu",
    "https://kompas.tv/internasional/556677/kim-jong-un-bertemu",
    "https://beta.kompas.tv/internasional/556677/kim-jong-un-bertemu",
    "https://origin.kompas.tv/internasional/556677/kim-jong-un-bertemu",
    "https://www.kompas.tv/amp/internasional/556677/kim-jong-un-bertemu?page=all",
    "http://www.kompas.tv/internasional/556677/kim-jong-un-bertemu?medium=referral&so=3#komentar",
    "www.kompas.tv/internasional/556677/kim-jong-un-bertemu/",
]
COM_VARIANTS = [
    "https://www.kompas.com/global/read/2023/09/13/062300070/kim-tiba",
    "https://amp.kompas.com/global/read/2023/09/13/062300070/kim-tiba",
    "https://www.kompas.com/global/copy/2023/09/13/062300070/kim-tiba",
    "https://www.kompas.com/global/read/2023/09/13/062300070/kim-tiba?page=all&utm_source=x",
    "https://internasional.kompas.com/read/2023/09/13/062300070/kim-tiba",
    "https://internasional.kompas.com/amp/read/2023/09/13/062300070/kim-tiba",
]


@pytest.mark.parametrize("url", TV_VARIANTS)
def test_kompas_tv_variants_merge(url):
    assert site_of(url) == "kompas.tv"
    assert article_key(url) == "kompas.tv:556677"
    assert canonical_url(url) == "https://www.kompas.tv/internasional/556677/kim-jong-un-bertemu"


@pytest.mark.parametrize("url", COM_VARIANTS)
def test_kompas_com_variants_merge(url):
    assert site_of(url) == "kompas.com"
    assert article_key(url) == "kompas.com:20230913062300070"
    assert "/copy/" not in canonical_url(url) and "amp" not in canonical_url(url)
    assert "?" not in canonical_url(url)


def test_same_path_id_on_another_day_is_another_article():
    a = "https://www.kompas.com/global/read/2023/09/13/062300070/a"
    b = "https://www.kompas.com/global/read/2023/09/14/062300070/a"
    assert article_key(a) != article_key(b)


def test_tren_section_and_video_pages():
    assert article_key("https://www.kompas.com/tren/read/2024/06/19/101010565/x") == "kompas.com:20240619101010565"
    assert article_key("https://video.kompas.com/watch/123456/putin-tiba") == "kompas.com:video123456"
    assert article_key("https://www.kompas.tv/video/505050/putin-tiba") == "kompas.tv:505050"


@pytest.mark.parametrize(
    "url, site",
    [
        ("https://www.kompas.id/baca/internasional/2024/06/20/putin-di-pyongyang", "kompas.id"),
        ("https://www.antaranews.com/berita/123/judul", "other"),
        ("https://notkompas.tv.example.org/a/1/b", "other"),
        ("not a url", "other"),
        ("", "other"),
        (None, "other"),
    ],
)
def test_site_of(url, site):
    assert site_of(url) == site


def test_kompas_id_and_other_keys():
    assert article_key("https://www.kompas.id/baca/internasional/2024/06/20/putin-di-pyongyang?utm_source=x") == \
        "kompas.id:20240620/putin-di-pyongyang"
    a = article_key("https://m.liputan6.com/global/read/555/judul?utm_medium=x")
    b = article_key("https://www.liputan6.com/global/read/555/judul")
    assert a == b == "other:liputan6.com/global/read/555/judul"


@pytest.mark.parametrize("bad", [None, "", "   ", "http://", "kompas", "https://exa mple.com/x"])
def test_bad_urls_give_none(bad):
    assert canonical_url(bad) is None
    assert article_key(bad) is None


def test_content_key_ignores_layout_noise():
    body = ["Pemimpin Korea Utara bertemu menteri Rusia.", "Pertemuan itu berlangsung dua jam."]
    same = ["Pemimpin  Korea Utara bertemu menteri Rusia!", "Pertemuan itu berlangsung dua jam"]
    other = ["Presiden Korea Selatan berpidato di Seoul.", "Pidato itu berlangsung satu jam."]
    assert content_key(body, "kompas.tv") == content_key(same, "kompas.tv")
    assert content_key(body, "kompas.tv") != content_key(other, "kompas.tv")
    assert content_key(body, "kompas.tv").startswith("kompas.tv:h")


@pytest.mark.parametrize(
    "url, key, canon",
    [
        ("https://www.kompas.tv/internasional/556677/kim-jong-un.", "kompas.tv:556677",
         "https://www.kompas.tv/internasional/556677/kim-jong-un"),
        ("<https://www.kompas.tv/amp/internasional/556677/kim?page=all&medium=whatsapp&so=3>", "kompas.tv:556677",
         "https://www.kompas.tv/internasional/556677/kim"),
        ("https://www.kompas.tv/article/123456/judul-berita?utm_source=x", "kompas.tv:123456",
         "https://www.kompas.tv/article/123456/judul-berita"),
        ("https://internasional.kompas.com/read/amp/2023/09/13/062300070/kim?page=all#page2",
         "kompas.com:20230913062300070", "https://internasional.kompas.com/read/2023/09/13/062300070/kim"),
        ("https://m.kompas.com/global/read/2023/09/13/062300070/kim/,", "kompas.com:20230913062300070",
         "https://www.kompas.com/global/read/2023/09/13/062300070/kim"),
    ],
    ids=["trailing-full-stop", "angle-brackets-tracking", "tv-article-path", "read-amp-fragment", "mobile-trailing-comma"],
)
def test_pasted_url_variants(url, key, canon):
    assert article_key(url) == key
    assert canonical_url(url) == canon


@pytest.mark.parametrize("space", ["\u00a0", "\u3000", "\t", "\u2009"])
def test_urls_with_inner_unicode_whitespace_are_unusable(space):
    url = f"https://www.kompas.tv/internasional/123456/rusia{space}korea"
    assert canonical_url(url) is None
    assert article_key(url) is None
    assert site_of(url) == "other"
    # asking again (answers are cached per URL string) gives the same answer
    assert canonical_url(url) is None and site_of(url) == "other"


def test_repeated_lookups_are_stable():
    url = "https://amp.kompas.com/global/copy/2023/09/13/06230031/rusia-korut?utm_source=x"
    first = (site_of(url), canonical_url(url), article_key(url))
    assert first == (site_of(url), canonical_url(url), article_key(url))
    assert first[0] == "kompas.com" and first[2] == "kompas.com:2023091306230031"
    assert canonical_url(" " + url + " ") == first[1]
