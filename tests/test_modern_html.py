"""Modern (2023–2025) Kompas HTML through both engines (issue 16 item 4).

Fixtures in ``tests/fixtures/modern/`` are hand-written in the public shape of the layouts
(JSON-LD, Open Graph, ``read__content`` / ``txt-article``, inline "Baca juga" links); see their README.
"""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kompaskit.htmlprocessing import extract_html

MODERN = Path(__file__).parent / "fixtures" / "modern"
WIB = timezone(timedelta(hours=7))
ENGINES = ("trafilatura", "newspaper")
COM_URL = ("https://www.kompas.com/global/read/2024/05/14/083015470/"
           "korea-utara-uji-peluncur-roket-baru-di-pantai-timur?page=all")

FURNITURE = ("Baca juga", "Baca Juga", "ADVERTISEMENT", "Terkini Lainnya", "BERITA LAINNYA", "Bagikan",
             "Narator", "Produser", "#korea-utara", "Video Terkait", "Show All")


def _read(name: str, engine: str, url: str | None = None):
    return extract_html((MODERN / name).read_text(encoding="utf-8"), url=url, engine=engine)


def _no_furniture(article) -> None:
    for paragraph in article.paragraphs:
        assert not paragraph.startswith(FURNITURE), paragraph
    assert not any("KOMPAS" in p[:30] for p in article.paragraphs)  # dateline stripped


@pytest.mark.parametrize("engine", ENGINES)
def test_kompas_com_read_page_2024(engine):
    a = _read("kompas-com-read-2024.html", engine, COM_URL)
    assert (a.site, a.article_id) == ("kompas.com", "kompas.com:20240514083015470")
    assert a.url == "https://www.kompas.com/global/read/2024/05/14/083015470/korea-utara-uji-peluncur-roket-baru-di-pantai-timur"
    assert a.title == "Korea Utara Uji Peluncur Roket Baru di Pantai Timur"
    assert a.published == datetime(2024, 5, 14, 8, 30, tzinfo=WIB) and a.published.utcoffset() is not None
    assert a.authors == ["Aulia Rahmawati"] and a.editor == "Bayu Pratama"
    assert a.source == ["Reuters"] and a.dateline == "PYONGYANG"
    assert a.photo_credit == ["AFP", "STR"]
    assert a.related[:2] == ["Korsel Pantau Pergerakan Peluncur di Perbatasan", "Jepang Protes Uji Rudal Terbaru"]
    assert len(a.body) == 5 and a.body[0].startswith("Korea Utara menguji sistem peluncur")
    assert a.body[-1].startswith("Juru bicara kementerian pertahanan")
    _no_furniture(a)
    assert "paginated" not in a.flags and "paywall" not in a.flags


@pytest.mark.parametrize("engine", ENGINES)
def test_kompas_tv_article_page_2025(engine):
    a = _read("kompas-tv-article-2025.html", engine)
    assert (a.site, a.article_id) == ("kompas.tv", "kompas.tv:580123")
    assert a.title == "Korea Selatan Tangkap Kapal Pengangkut Minyak Ilegal"
    assert a.published == datetime(2025, 3, 2, 19, 45, tzinfo=WIB)
    # no printed byline: authors and editor come from the JSON-LD (the Organization author is dropped)
    assert a.authors == ["Dina Putri"] and a.editor == "Raka Santoso"
    assert a.source == ["Yonhap"] and a.dateline == "SEOUL"
    # the caption's `(Sumber: ...)` tail is the photo credit, not caption text
    assert a.caption == "Kapal penjaga pantai berpatroli di perairan barat daya semenanjung."
    assert a.photo_credit == ["AP Photo", "Lee Min-ho"]
    assert a.related[0] == "PBB Soroti Penyelundupan Minyak ke Korea Utara"
    assert len(a.body) == 4 and not any("Sumber" in p for p in a.body)
    _no_furniture(a)


@pytest.mark.parametrize("engine", ENGINES)
def test_kompas_tv_video_page(engine):
    a = _read("kompas-tv-video-2024.html", engine)
    assert (a.site, a.article_id) == ("kompas.tv", "kompas.tv:556677")
    assert a.title == "Kim Jong Un Tinjau Pabrik Drone di Wilayah Utara"
    assert a.published == datetime(2024, 11, 30, 10, 52, tzinfo=WIB)
    assert a.authors == ["Galih Wicaksono"]
    assert a.editor == "Raka Santoso"  # the article editor; `Video Editor` is a production credit
    assert a.credits["Video Editor"] == ["Yoga Pradana"] and a.credits["Narator"] == ["Sinta Maharani"]
    assert "video" in a.flags
    assert a.related[0] == "Korsel Waspadai Drone Korut"
    assert len(a.body) == 3
    _no_furniture(a)


JSONLD_ONLY = """<html><head>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Rusia dan Korea Utara Teken Perjanjian Jalur Kereta",
 "datePublished": "2024-09-03T06:15:00Z",
 "author": [{"@type": "Person", "name": "Nadia Larasati"}, {"@type": "Person", "name": "Fajar Nugroho"}],
 "publisher": {"@type": "Organization", "name": "KOMPAS.com"}, "isAccessibleForFree": "False",
 "url": "https://www.kompas.com/global/read/2024/09/03/131500870/rusia-dan-korea-utara-teken-perjanjian"}
</script></head><body><article><div itemprop="articleBody">
<p>MOSKWA, KOMPAS.com - Rusia dan Korea Utara menandatangani perjanjian pembangunan jalur kereta lintas batas yang baru, menurut kantor berita negara.</p>
<p>Kedua negara menyebut jalur itu akan memperlancar pengiriman barang dan penumpang mulai tahun depan.</p>
</div></article></body></html>"""


@pytest.mark.parametrize("engine", ENGINES)
def test_json_ld_alone_gives_the_metadata(engine):
    a = extract_html(JSONLD_ONLY, engine=engine)
    assert a.title == "Rusia dan Korea Utara Teken Perjanjian Jalur Kereta"
    assert a.published == datetime(2024, 9, 3, 6, 15, tzinfo=timezone.utc)
    assert a.authors == ["Nadia Larasati", "Fajar Nugroho"]
    assert a.article_id == "kompas.com:20240903131500870"  # the JSON-LD url is the page URL
    assert "paywall" in a.flags  # isAccessibleForFree false: a Kompas.id / Kompas.com+ teaser


def test_page_one_of_a_paginated_article_is_flagged():
    html = (MODERN / "kompas-com-read-2024.html").read_text(encoding="utf-8")
    a = extract_html(html, url=COM_URL.replace("?page=all", "?page=1"))
    assert "paginated" in a.flags  # only part of the text: fetch `?page=all`
    assert a.article_id == "kompas.com:20240514083015470"  # the same article key either way


def test_broken_json_ld_falls_back_to_the_dom():
    html = (MODERN / "kompas-tv-article-2025.html").read_text(encoding="utf-8")
    html = html.replace('"headline": "Korea', '"headline": Korea', 1)  # invalid JSON
    a = extract_html(html)
    assert a.title == "Korea Selatan Tangkap Kapal Pengangkut Minyak Ilegal"  # og:title
    assert a.published == datetime(2025, 3, 2, 19, 45, tzinfo=WIB)  # the printed time


def test_import_kompaskit_does_not_load_extruct():
    code = "import sys, kompaskit; print('extruct' in sys.modules, 'kompaskit.htmlmeta' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_paywall_box_is_flagged_but_the_subscription_banner_is_not():
    html = (MODERN / "kompas-com-read-2024.html").read_text(encoding="utf-8")
    banner = html.replace('<div class="header">', '<div class="header premium-banner kcm-plus">')
    assert "paywall" not in extract_html(banner, url=COM_URL).flags
    boxed = html.replace('<div class="read__tagging">',
                         '<div class="paywall-box">Baca selengkapnya di Kompas.id</div><div class="read__tagging">')
    assert "paywall" in extract_html(boxed, url=COM_URL).flags
