"""Outlet adapters and page identity (issue 12 item 3, issue 14 item 5)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kompaskit import outlets
from kompaskit.htmlprocessing import extract_html
from kompaskit.outlets.base import OutletAdapter, title_from_slug
from kompaskit.outlets.kompas_com import undouble_caption
from kompaskit.sourcenames import is_outlet_name
from kompaskit.textformat import parse_snapshot
from kompaskit.urls import article_key, canonical_url, site_of

PACKAGE = Path(__file__).resolve().parents[1] / "kompaskit"

TV_PAGE = """Kompas TV internasional kompas dunia

Korea Utara Luncurkan Balon Sampah ke Perbatasan

Kompas.tv - 13 April 2025, 15:08 WIB
korea-utara-luncurkan-balon-sampah-ke-perbatasan
Balon-balon yang diluncurkan dari wilayah utara terlihat di langit perbatasan. (Sumber: Yonhap)
Penulis : Dina Putri | Editor : Raka Santoso

SEOUL, KOMPAS.TV - Korea Utara kembali meluncurkan ratusan balon berisi sampah ke wilayah selatan pada Minggu (13/4/2025).

Baca Juga: Kim Jong Un Tinjau Latihan Artileri di Perbatasan

Pemimpin Korea Utara Kim Jong Un (tengah) meninjau uji coba peluncur roket di lokasi yang tidak disebutkan. (Sumber: Korean Central News Agency/Korea News Service via AP)

Kepala Staf Gabungan Korea Selatan mengatakan balon-balon itu jatuh di beberapa kota di wilayah utara negeri itu.

Militer meminta warga tidak menyentuh balon yang jatuh dan segera melapor ke pos terdekat.

Sumber : Yonhap
"""

COM_BODY = """Kompas.com - 13/09/2023, 06:23 WIB
Baca berita tanpa iklan. Gabung Kompas.com+

MOSKWA, KOMPAS.com - Presiden Rusia menerima pemimpin Korea Utara di sebuah kosmodrom di timur jauh negeri itu, Rabu (13/9/2023).

Keduanya membahas kerja sama militer dan ekonomi selama beberapa jam, menurut laporan kantor berita setempat.
"""


# ------------------------------------------------------------------ the registry and the interface
def test_registry_picks_the_adapter_of_a_url():
    assert outlets.adapter_for_url("https://amp.kompas.com/global/read/2024/01/05/1/x").site == "kompas.com"
    assert outlets.adapter_for_url("beta.kompas.tv/amp/internasional/1234/x").site == "kompas.tv"
    assert outlets.adapter_for_url("https://www.kompas.id/baca/x/2024/01/05/y").site == "kompas.id"
    assert outlets.adapter_for_url("https://www.antaranews.com/berita/1").site == "other"
    assert outlets.adapter_for_url("not a url") is outlets.GENERIC
    assert outlets.adapter_for_url("https://notkompas.com/read/2024/01/05/1/x").site == "other"
    assert outlets.ADAPTERS[-1] is outlets.GENERIC  # the fallback is asked last
    assert all(isinstance(a, OutletAdapter) for a in outlets.ADAPTERS)


def test_registry_reads_header_mentions_and_credits():
    assert outlets.site_from_header("Kompas dunia | 20 Juni 2024, 08:50 WIB") == "kompas.tv"
    assert outlets.site_from_header("Baca berita tanpa iklan. Gabung Kompas.com+") == "kompas.com"
    assert outlets.site_from_header("Beranda") is None
    assert outlets.site_from_mentions("KOMAPSTV ... kompas.tv ... Kompas.com") == "kompas.tv"
    assert outlets.site_from_mentions("tanpa nama outlet") is None
    assert outlets.site_from_credits({"Narator", "Penulis"}) == "kompas.tv"
    assert outlets.site_from_credits({"Penulis"}) is None


def test_a_new_outlet_is_one_adapter():
    class Tempo(OutletAdapter):
        site = "tempo.co"
        domains = ("tempo.co",)

    # the interface's defaults give a generic key until the adapter says otherwise
    loc = outlets.split_url("https://nasional.tempo.co/read/123/judul")
    assert Tempo().owns_host(loc.host) and not Tempo().owns_host("kompas.com")
    assert Tempo().article_key(loc) == "other:nasional.tempo.co/read/123/judul"


def test_urls_module_is_a_face_of_the_adapters():
    url = "https://amp.kompas.com/global/copy/2023/09/13/06230031/x?utm_source=fb"
    assert site_of(url) == "kompas.com"
    assert canonical_url(url) == "https://www.kompas.com/global/read/2023/09/13/06230031/x"
    assert article_key(url) == "kompas.com:2023091306230031"


# ------------------------------------------------------------------ page identity: mirrors, proxies
@pytest.mark.parametrize("mirror", [
    "https://archive.example.net/host-https-www.kompas.tv/internasional/571234/korea-utara-luncurkan-balon",
    "https://www-kompas-tv.translate.example/internasional/571234/korea-utara-luncurkan-balon?_x_tr_sl=id",
    # the host `www.kompas.tv` written in hex by a proxy
    "https://7777772e6b6f6d7061732e7476.proxy.example/internasional/571234/korea-utara-luncurkan-balon",
    # a re-host that keeps the path but not the host: the page text says KOMPAS.TV
    "https://cdn.rehost.example/internasional/571234/korea-utara-luncurkan-balon",
])
def test_mirror_url_gets_the_kompas_site_and_id(mirror):
    a = parse_snapshot(TV_PAGE, url=mirror)
    assert a.site == "kompas.tv"
    assert a.article_id == "kompas.tv:571234"
    assert a.url == "https://www.kompas.tv/internasional/571234/korea-utara-luncurkan-balon"
    assert "mirror-url" in a.flags


def test_kompas_com_proxy_path_and_video_rehost():
    proxied = "https://proxy.example.org/host-https-www.kompas.com/global/read/2023/09/13/06230031/putin-terima-kim"
    a = parse_snapshot(COM_BODY, url=proxied)
    assert (a.site, a.article_id) == ("kompas.com", "kompas.com:2023091306230031")
    assert outlets.resolve_mirror("https://vod.example.com/watch/12345/kim-tinjau-drone", "kompas.com") == (
        "kompas.com", "https://video.kompas.com/watch/12345/kim-tinjau-drone", "kompas.com:video12345")


def test_a_real_other_outlet_is_not_taken_for_a_mirror():
    a = parse_snapshot(COM_BODY.replace("KOMPAS.com", "Antara"), url="https://www.antaranews.com/berita/4567/judul")
    assert a.site == "other" and a.article_id.startswith("other:antaranews.com")
    # a Kompas page under an unrelated path keeps the mirror's own key (no id to take)
    b = parse_snapshot(TV_PAGE, url="https://cdn.rehost.example/files/page.txt")
    assert b.site == "other" and "mirror-url" not in b.flags


def test_html_page_on_a_mirror_names_itself():
    html = (Path(__file__).parent / "fixtures" / "modern" / "kompas-tv-article-2025.html").read_text(encoding="utf-8")
    html = html.replace('<link rel="canonical" href="https://www.kompas.tv/internasional/580123/'
                        'korea-selatan-tangkap-kapal-pengangkut-minyak-ilegal">', "")
    a = extract_html(html, url="https://mirror.example/saved/internasional/580123/korea-selatan-tangkap-kapal")
    assert (a.site, a.article_id) == ("kompas.tv", "kompas.tv:580123")


# ------------------------------------------------------------------ two copies without a URL
def test_two_copies_without_url_share_the_content_key():
    amp_copy = """> >Korea Utara Luncurkan Balon Sampah ke Perbatasan
Kompas dunia | 13 April 2025, 15:08 WIB

SEOUL,  KOMPAS.TV -   Korea Utara kembali meluncurkan ratusan balon  berisi sampah ke wilayah selatan pada Minggu (13/4/2025).\u00a0

Kepala Staf Gabungan Korea Selatan mengatakan balon-balon itu jatuh di beberapa kota di wilayah utara negeri itu.
Scroll untuk lanjut membaca
Militer meminta warga tidak menyentuh balon yang jatuh dan segera melapor ke pos terdekat.
Penulis : Dina-Putri Editor : Raka-Santoso
Sumber : Yonhap
Close Ads x
"""
    desktop, amp = parse_snapshot(TV_PAGE), parse_snapshot(amp_copy)
    assert desktop.article_id == amp.article_id
    assert desktop.article_id.startswith("kompas.tv:h")
    other_story = parse_snapshot(amp_copy.replace("ratusan balon", "puluhan balon"))
    assert other_story.article_id != desktop.article_id


# ------------------------------------------------------------------ legacy caption, inline captions, slug
LEGACY_NO_TITLE = """Kompas.com - 13/09/2023, 06:23 WIB
Presiden Rusia Vladimir Putin (kiri) berjabat tangan dengan pemimpin Korea Utara Kim Jong Un (kanan). Sky NewsPresiden Rusia Vladimir Putin (kiri) berjabat tangan dengan pemimpin Korea Utara Kim Jong Un (kanan).
|
EditorAgus Setiawan

MOSKWA, KOMPAS.com - Presiden Rusia menerima pemimpin Korea Utara di sebuah kosmodrom di timur jauh negeri itu, Rabu (13/9/2023).

Keduanya membahas kerja sama militer dan ekonomi selama beberapa jam, menurut laporan kantor berita setempat.
"""


def test_legacy_caption_is_not_doubled_into_the_title_and_keeps_its_credit():
    url = "https://internasional.kompas.com/read/2023/09/13/06230031/putin-terima-kim-di-kosmodrom"
    a = parse_snapshot(LEGACY_NO_TITLE, url=url)
    assert a.caption == ("Presiden Rusia Vladimir Putin (kiri) berjabat tangan dengan pemimpin Korea Utara "
                         "Kim Jong Un (kanan).")
    assert a.photo_credit == ["Sky News"]
    assert a.title == "Putin Terima Kim di Kosmodrom" and "title-from-slug" in a.flags
    assert a.editor == "Agus Setiawan"


def test_undouble_caption_shapes():
    cap = "Pemimpin Korea Utara meninjau pabrik amunisi di lokasi rahasia."
    assert undouble_caption(cap + cap) == (cap, "", "")
    assert undouble_caption(cap + " AFP/STR" + cap + "Penulis X") == (cap, "AFP/STR", "Penulis X")
    assert undouble_caption(cap) == (cap, "", "")


def test_kompas_tv_inline_photo_caption_is_a_credit_chain_not_body():
    a = parse_snapshot(TV_PAGE, url="https://www.kompas.tv/internasional/571234/korea-utara-luncurkan-balon")
    assert not any("Sumber:" in p or "tidak disebutkan" in p for p in a.paragraphs)
    assert len(a.body) == 3
    assert a.photo_credit == ["Yonhap", "Korean Central News Agency", "Korea News Service", "AP"]
    assert a.caption.startswith("Balon-balon yang diluncurkan")  # the lead photo's caption stays
    # prose that ends in a bracketed agency name is still body text
    b = parse_snapshot(TV_PAGE.replace(" (Sumber: Korean Central News Agency/Korea News Service via AP)", " (AP)"))
    assert any(p.startswith("Pemimpin Korea Utara Kim Jong Un (tengah)") for p in b.body)


def test_title_falls_back_to_the_slug_only_when_missing():
    assert title_from_slug("https://www.kompas.tv/internasional/571234/korea-utara-kirim-balon-ke-selatan") == \
        "Korea Utara Kirim Balon ke Selatan"
    assert title_from_slug("http://internasional.kompas.com/read/2017/05/29/15041101/jepang.akan.ambil.langkah") == \
        "Jepang Akan Ambil Langkah"
    assert title_from_slug("https://www.kompas.tv/internasional/571234") is None
    assert title_from_slug("https://www.kompas.com/global/read/2023/01/28/133300070/korut-sebut-as-perluas-perang") == \
        "Korut Sebut AS Perluas Perang"
    with_title = parse_snapshot(TV_PAGE, url="https://www.kompas.tv/internasional/571234/slug-yang-lain-sama-sekali")
    assert with_title.title == "Korea Utara Luncurkan Balon Sampah ke Perbatasan"
    assert "title-from-slug" not in with_title.flags
    no_url = parse_snapshot(COM_BODY)
    assert no_url.title is None and "title-from-slug" not in no_url.flags


# ------------------------------------------------------------------ module rules (issue 12)
MINE = ["textformat", "textrepair", "sourcenames", "metadata", "furniture", "htmlprocessing", "htmlmeta",
        "urls", "article", "outlets/__init__", "outlets/base", "outlets/kompas_tv", "outlets/kompas_com",
        "outlets/kompas_id", "outlets/generic"]


@pytest.mark.parametrize("name", MINE)
def test_reader_modules_are_small_and_import_no_private_names(name):
    path = PACKAGE / f"{name}.py"
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 600
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            assert not any(a.name.startswith("_") and not a.name.startswith("__") for a in node.names), name
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner = [n for n in ast.walk(node) if isinstance(n, ast.ImportFrom) and n.level]
            assert not inner, f"{name}.{node.name} imports a kit module inside a function"


def test_outlets_do_not_import_the_readers():
    for path in (PACKAGE / "outlets").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # the calendar (`kompaskit.dates`) is the only kit module below the adapters
            if isinstance(node, ast.ImportFrom) and node.level == 2 and node.module != "dates":
                pytest.fail(f"{path.name} imports kompaskit.{node.module}: adapters sit below the readers")


def test_kompas_com_url_gives_the_publication_time_when_the_page_has_none():
    copy_view = "Salin Artikel\n\n" + COM_BODY.split("\n", 2)[2]  # no `Kompas.com - <date>` line
    url = "https://www.kompas.com/tren/copy/2024/04/15/160000865/rangkuman-serangan"
    a = parse_snapshot(copy_view, url=url)
    assert a.published is not None and a.published.isoformat() == "2024-04-15T16:00:00+07:00"
    assert "published-from-url" in a.flags and "no-timestamp" not in a.flags
    # a printed timestamp always wins; kompas.tv URLs carry no date
    assert parse_snapshot(COM_BODY, url=url).published.isoformat() == "2023-09-13T06:23:00+07:00"
    assert outlets.adapter_for_url("https://www.kompas.tv/internasional/571234/x").published_from_url(
        "https://www.kompas.tv/internasional/571234/x") is None
    assert outlets.adapter_for_url(url).published_from_url(
        "https://www.kompas.com/global/read/2024/04/15/996100865/x") is None  # 99:61 is no time


def test_an_outlet_in_the_byline_is_a_source_not_an_author():
    page = COM_BODY.replace("Baca berita tanpa iklan. Gabung Kompas.com+\n",
                            "BBC News Indonesia,\nAditya Pratama\n\nTim Redaksi\n")
    a = parse_snapshot(page, url="https://www.kompas.com/global/read/2023/09/13/06230031/x-y-z")
    assert a.authors == ["Aditya Pratama"]
    assert a.source == ["BBC News Indonesia"]

    assert is_outlet_name("Reuters") and is_outlet_name("Sky News") and is_outlet_name("Detik.com")
    assert not is_outlet_name("Irawan Sapto Adhi") and not is_outlet_name("Rizky L Pratama")


def test_a_slug_that_mentions_kompas_is_no_mirror():
    url = "https://www.tribunnews.example/internasional/2024/05/14/kompas-tv-raih-penghargaan-jurnalistik"
    assert outlets.resolve_mirror(url) is None
    assert outlets.resolve_mirror(url, "kompas.tv") is None  # `/2024/05/14` is a date, not a Kompas id
