"""HTML reading: both engines on the 2015-2016 kompas.com pages, the Kompas layer on synthetic pages,
and arbitrary input (hypothesis) that must give an Article or a KompasParseError."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompaskit import Article, KompasParseError
from kompaskit.htmlprocessing import decode_html, extract_html
from kompaskit.readers import read_html

ENGINES = ["trafilatura", "newspaper"]
FIXTURES = [f"kompas-singlepage{n}.html" for n in ("", "2", "3", "4", "5")]
# the dateline one expected lead still carries ("JAKARTA, KOMPAS.com - ...")
_EXPECTED_DATELINE = re.compile(r"^[A-Z][A-Z .]+,\s*KOMPAS\.com\s*[-–—]\s*")


def _expected(html2016_dir: Path) -> dict[str, dict]:
    return {e["fixture"]: e for e in json.loads((html2016_dir / "expected.json").read_text(encoding="utf-8"))}


def _related_link_titles(page: bytes) -> list[str]:
    """Link texts of the page's "(Berita) Terkait" boxes, read independently with lxml."""
    tree = lxml.html.fromstring(page)
    links = tree.xpath("//*[contains(@class, 'terkait')]//a")
    return [" ".join(a.text_content().split()) for a in links if len(a.text_content().split()) >= 3]


@pytest.fixture(scope="module")
def expected(html2016_dir: Path) -> dict[str, dict]:
    return _expected(html2016_dir)


# ---------------------------------------------------------------------------- kompas-html-2016
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fixture", FIXTURES)
def test_html2016_title_published_lead(html2016_dir: Path, expected: dict, fixture: str, engine: str) -> None:
    entry = expected[fixture]
    article = extract_html((html2016_dir / fixture).read_bytes(), engine=engine)
    assert article.title == entry["title"]
    assert article.published is not None and article.published.tzinfo is not None
    assert article.published == datetime.fromtimestamp(entry["date"] / 1000, tz=timezone.utc)
    lead = _EXPECTED_DATELINE.sub("", entry["content"]).split()[:8]
    assert article.text.split()[:8] == lead
    # the dateline is metadata, not text; the related-links block is not body
    assert article.dateline and article.dateline == article.dateline.upper()
    assert "KOMPAS.com" not in article.paragraphs[0][:40]
    assert "Berita Terkait" not in article.text
    for title in _related_link_titles((html2016_dir / fixture).read_bytes()):
        assert title not in article.text
    assert article.raw_kind == "html"
    assert article.parser.startswith("trafilatura" if engine == "trafilatura" else "newspaper3k")


@pytest.mark.parametrize("engine", ENGINES)
def test_html2016_related_block_titles_not_in_body(html2016_dir: Path, engine: str) -> None:
    # kompas-singlepage4 has a "Berita Terkait" list inside the article container
    article = extract_html((html2016_dir / "kompas-singlepage4.html").read_bytes(), engine=engine)
    assert article.dateline == "KUTA"
    assert "Dua Mantan Pemain Arema Sudah Ditaksir Persib" not in article.text
    assert "Minim Striker, Persib Optimistis" not in article.text
    # the box's titles are kept as data, like "Baca Juga" titles
    assert "Dua Mantan Pemain Arema Sudah Ditaksir Persib sejak Tahun Lalu" in article.related
    assert "Minim Striker, Persib Optimistis Bisa Kalahkan Arema" in article.related


@pytest.mark.parametrize("engine", ENGINES)
def test_html2016_kompas_metadata(html2016_dir: Path, engine: str) -> None:
    article = extract_html((html2016_dir / "kompas-singlepage2.html").read_bytes(), engine=engine)
    assert article.site == "kompas.com"
    assert article.url and "14382361" in article.url
    assert article.article_id.startswith("kompas.com:") and "14382361" in article.article_id
    assert article.authors == ["Nabilla Tashandra"]
    assert article.editor == "Bayu Galih"
    assert article.dateline == "JAKARTA"
    assert article.photo_credit == ["KOMPAS.com", "NABILLA TASHANDRA"]
    assert article.caption and article.caption.startswith("Menteri Pendayagunaan Aparatur Negara")
    assert "Penulis" not in article.text and "Bayu Galih" not in article.text
    assert article.n_paragraphs >= 10


def test_html2016_sumber_row_is_source(html2016_dir: Path) -> None:
    article = extract_html((html2016_dir / "kompas-singlepage3.html").read_bytes())
    assert article.source == ["The Telegraph"]
    assert article.editor == "Ervan Hardoko"
    assert article.authors == []  # the page names no Penulis; the publisher meta is not an author
    assert article.dateline == "LOS ANGELES"


def test_html2016_br_paragraphs_are_split(html2016_dir: Path) -> None:
    # kompas-singlepage.html separates paragraphs with <br /><br /> only
    article = extract_html((html2016_dir / "kompas-singlepage.html").read_bytes())
    assert article.n_paragraphs >= 8
    assert all(len(p) < 600 for p in article.paragraphs)
    assert article.authors == ["Masriadi"]  # "Kontributor Lhokseumawe, Masriadi"


@pytest.mark.parametrize("engine", ENGINES)
def test_html2016_desk_dateline_kept_as_metadata(html2016_dir: Path, engine: str) -> None:
    # "Jakarta, KompasOtomotif – Tahun depan, ..."
    article = extract_html((html2016_dir / "kompas-singlepage5.html").read_bytes(), engine=engine)
    assert article.dateline == "JAKARTA"
    assert article.paragraphs[0].startswith("Tahun depan, dua produsen")


def test_read_html_accepts_path_str_and_bytes(html2016_dir: Path) -> None:
    path = html2016_dir / "kompas-singlepage3.html"
    by_path = read_html(path)
    by_str_path = read_html(str(path))
    by_bytes = read_html(path.read_bytes())
    assert by_path.raw_path == str(path) and by_bytes.raw_path is None
    assert by_path.raw_sha256 == by_bytes.raw_sha256 == by_str_path.raw_sha256
    assert by_path.paragraphs == by_bytes.paragraphs == by_str_path.paragraphs


# ---------------------------------------------------------------------------- synthetic pages
MODERN_PAGE = """<!DOCTYPE html>
<html lang="id"><head>
<meta charset="utf-8">
<title>Warga Desa Menanam Seribu Pohon Bakau - Kompas.com</title>
<meta property="og:title" content="Warga Desa Menanam Seribu Pohon Bakau - Kompas.com">
<meta property="og:url" content="https://regional.kompas.com/read/2023/09/13/06230011/warga-desa-menanam-seribu-pohon-bakau">
<meta name="content_PublishedDate" content="2023-09-13 06:23:00">
</head><body>
<div class="header"><a href="/">Beranda</a> <a href="/regional">Regional</a></div>
<h1 class="read__title">Warga Desa Menanam Seribu Pohon Bakau</h1>
<div class="read__time">Kompas.com - 13/09/2023, 06:23 WIB</div>
<div class="read__content">
<p><strong>SEMARANG, KOMPAS.com</strong> - Ratusan warga pesisir menanam seribu bibit pohon bakau di sepanjang pantai utara pada Rabu (13/9/2023) pagi.</p>
<p>Kepala desa mengatakan penanaman itu dilakukan untuk menahan abrasi yang setiap tahun menggerus lahan tambak warga.</p>
<p>Baca juga: Nelayan Pesisir Utara Keluhkan Cuaca Buruk</p>
<p>"Kami ingin anak cucu masih bisa melihat pantai ini," ujar kepala desa di sela kegiatan tersebut.</p>
<p>Kegiatan itu juga diikuti pelajar sekolah menengah dan relawan lingkungan dari kota terdekat.</p>
</div>
<div class="credit">Penulis : Rina Lestari | Editor : Bagus Santoso</div>
</body></html>
"""

GENERIC_PAGE = """<html><head><title>Harga Cabai Turun Menjelang Akhir Bulan</title>
<meta property="og:site_name" content="Warta Contoh"></head><body>
<nav><ul><li><a href="/">Depan</a></li><li><a href="/ekonomi">Ekonomi</a></li></ul></nav>
<main><article>
<h1>Harga Cabai Turun Menjelang Akhir Bulan</h1>
<p>Harga cabai rawit di sejumlah pasar tradisional turun hingga sepertiga dibanding pekan lalu karena pasokan dari petani melimpah.</p>
<p>Pedagang menyebut pembeli mulai kembali berbelanja dalam jumlah besar setelah harga sempat melonjak.</p>
<p>Dinas perdagangan setempat memperkirakan harga akan stabil sampai panen berikutnya tiba.</p>
<h4>Berita Terkait</h4>
<ul><li><a href="/a">Petani Bawang Panen Raya di Lereng Gunung</a></li>
<li><a href="/b">Pasokan Beras Aman Hingga Akhir Tahun</a></li></ul>
</article></main></body></html>
"""


def test_modern_read_view_layer() -> None:
    article = extract_html(MODERN_PAGE)
    assert article.title == "Warga Desa Menanam Seribu Pohon Bakau"
    assert article.published == datetime.fromisoformat("2023-09-13T06:23:00+07:00")
    assert article.dateline == "SEMARANG"
    assert article.paragraphs[0].startswith("Ratusan warga pesisir")
    assert article.related == ["Nelayan Pesisir Utara Keluhkan Cuaca Buruk"]
    assert "Baca juga" not in article.text
    assert article.authors == ["Rina Lestari"] and article.editor == "Bagus Santoso"
    assert article.site == "kompas.com"
    assert article.n_paragraphs == 4


@pytest.mark.parametrize("engine", ENGINES)
def test_generic_page_drops_related_list(engine: str) -> None:
    article = extract_html(GENERIC_PAGE, engine=engine)
    assert article.title == "Harga Cabai Turun Menjelang Akhir Bulan"
    assert article.site == "other"
    assert article.paragraphs[0].startswith("Harga cabai rawit")
    assert "Petani Bawang Panen Raya" not in article.text
    assert "Berita Terkait" not in article.text
    assert article.related == ["Petani Bawang Panen Raya di Lereng Gunung", "Pasokan Beras Aman Hingga Akhir Tahun"]
    assert article.article_id.startswith("other:")  # content-hash id when the page has no URL


def test_br_separated_body_becomes_paragraphs() -> None:
    page = (
        "<html><head><title>Banjir Surut di Bantaran Sungai</title></head><body>"
        "<div class='kcm-read-text'><strong>BANDUNG, KOMPAS.com</strong> &ndash; Air banjir di bantaran "
        "sungai mulai surut sejak Senin (8/4/2024) malam setelah hujan reda.<br /><br />Warga kembali "
        "membersihkan rumah mereka dari lumpur yang terbawa arus.<br /><br />Petugas membagikan air "
        "bersih dan obat-obatan kepada keluarga yang terdampak.</div></body></html>"
    )
    article = extract_html(page)
    assert article.dateline == "BANDUNG"
    assert article.paragraphs == [
        "Air banjir di bantaran sungai mulai surut sejak Senin (8/4/2024) malam setelah hujan reda.",
        "Warga kembali membersihkan rumah mereka dari lumpur yang terbawa arus.",
        "Petugas membagikan air bersih dan obat-obatan kepada keluarga yang terdampak.",
    ]


def test_charset_from_meta_and_fallback() -> None:
    page = MODERN_PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace('"Kami ingin', "“Kami ingin").replace('pantai ini,"', "pantai ini,”")
    article = extract_html(page.encode("cp1252"))
    assert "“Kami ingin anak cucu" in article.text
    assert "encoding-fallback" not in article.flags
    undeclared = MODERN_PAGE.replace('<meta charset="utf-8">', "").replace("Kami", "Kamí")
    text, fallback = decode_html(undeclared.encode("cp1252"))
    assert fallback and "Kamí ingin" in text
    assert "encoding-fallback" in extract_html(undeclared.encode("cp1252")).flags


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><head><title>Kosong</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Depan</a> <a href='/x'>Kanal</a></nav></body></html>",
        b"\xff\xfe\x00\x00",
        "hanya beberapa kata saja",
    ],
)
def test_pages_without_article_body_raise(html) -> None:
    with pytest.raises(KompasParseError) as err:
        extract_html(html)
    assert "\n" not in str(err.value) and str(err.value)


def test_unknown_engine_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown HTML engine"):
        extract_html(MODERN_PAGE, engine="lynx")


def test_newspaper_is_imported_lazily() -> None:
    code = "import sys, kompaskit.htmlprocessing; print('newspaper' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------- arbitrary input
_TAGS = st.sampled_from(["p", "div", "span", "br", "strong", "h1", "h2", "li", "ul", "article", "table", "td", "script"])
_WORDS = st.sampled_from(
    ["JAKARTA, KOMPAS.com -", "Presiden", "mengatakan", "Baca juga:", "Berita Terkait", "Penulis :", "Editor :",
     "Sumber :", "Rabu (13/9/2023)", "13 September 2023, 06:23 WIB", "&mdash;", "&amp;", "<!--", "-->", "\u00a0",
     "Selasa, 16 Februari 2016 | 14:38 WIB", "“kutipan”", "kcm-read-text", "<br/>", "\x00", "\ufffe"]
)


@st.composite
def html_like(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(_TAGS)
        inner = " ".join(draw(st.lists(st.one_of(_WORDS, st.text(max_size=20)), max_size=8)))
        cls = draw(st.sampled_from(["", " class='kcm-read-text'", " class='read__content'", " class='photo'"]))
        parts.append(f"<{tag}{cls}>{inner}</{tag}>" if draw(st.booleans()) else f"<{tag}{cls}>{inner}")
    return "<html><head><title>" + draw(st.text(max_size=30)) + "</title></head><body>" + "".join(parts)


_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.one_of(st.text(max_size=3000), html_like()))
def test_read_html_arbitrary_text(html: str) -> None:
    try:
        article = read_html(html)
    except KompasParseError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert isinstance(article, Article) and article.body


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000), html_like().map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_read_html_arbitrary_bytes(html: bytes) -> None:
    for engine in ENGINES:
        try:
            article = read_html(html, engine=engine)
        except KompasParseError as err:
            assert str(err) and "\n" not in str(err)
        else:
            assert isinstance(article, Article) and article.body


def test_mislabelled_charsets() -> None:
    # UTF-8 bytes under a latin-1 label, and an ASCII page labelled UTF-16 (no BOM)
    latin_label = MODERN_PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    latin_label = latin_label.replace("Kepala desa", "Kepala désa")
    assert "Kepala désa" in extract_html(latin_label.encode("utf-8")).text
    utf16_label = MODERN_PAGE.replace('<meta charset="utf-8">', '<meta charset="utf-16">')
    assert extract_html(utf16_label.encode("ascii")).title == "Warga Desa Menanam Seribu Pohon Bakau"


def test_published_from_meta_when_the_page_prints_no_time() -> None:
    page = MODERN_PAGE.replace('<div class="read__time">Kompas.com - 13/09/2023, 06:23 WIB</div>', "")
    page = page.replace('content="2023-09-13 06:23:00"', 'content="2023-09-13T01:00:00+00:00"')
    assert extract_html(page).published == datetime(2023, 9, 13, 1, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("engine", ENGINES)
def test_dateline_in_its_own_paragraph_joins_the_lead(engine: str) -> None:
    page = (
        "<html><head><title>Jembatan Baru Diresmikan</title></head><body><article>"
        "<p><b>SURABAYA, KOMPAS.com -</b></p>"
        "<p>Pemerintah kota meresmikan jembatan baru yang menghubungkan dua kampung di tepi sungai.</p>"
        "<p>Warga menyambut jembatan itu karena perjalanan ke pasar kini jauh lebih singkat.</p>"
        "</article></body></html>"
    )
    article = extract_html(page, engine=engine)
    assert article.dateline == "SURABAYA"
    assert article.paragraphs[0].startswith("Pemerintah kota meresmikan")
    assert article.n_paragraphs == 2
    assert article.site == "kompas.com"  # no URL on the page: the dateline's outlet names the site


def test_prose_starting_with_sumber_is_not_a_credit() -> None:
    page = MODERN_PAGE.replace(
        "<p>Kegiatan itu juga",
        "<p>Sumber air bersih di desa itu mengering sejak kemarau panjang tahun lalu.</p><p>Kegiatan itu juga",
    ).replace('<div class="credit">Penulis : Rina Lestari | Editor : Bagus Santoso</div>',
              '<div class="credit">Penulis Rina Lestari</div><div>Sumber Reuters</div>')
    article = extract_html(page)
    assert article.source == ["Reuters"]
    assert article.authors == ["Rina Lestari"]
    assert "Sumber air bersih di desa itu mengering" in article.text


@pytest.mark.parametrize("engine", ENGINES)
def test_desk_dateline_uses_the_shared_dateline_grammar(engine: str) -> None:
    page = (
        "<html><head><title>Mobil Listrik Baru Dijual</title></head><body><article>"
        "<p>Jakarta, KompasOtomotif – Produsen mobil itu mulai menjual mobil listrik barunya pekan ini.</p>"
        "<p>Harga mobil tersebut diumumkan dalam acara peluncuran di sebuah pusat perbelanjaan.</p>"
        "</article></body></html>"
    )
    article = extract_html(page, engine=engine)
    assert article.dateline == "JAKARTA"
    assert article.paragraphs[0].startswith("Produsen mobil itu")
    assert article.site == "kompas.com"  # a Kompas desk is a kompas.com channel
