"""Plain-text snapshots: the seed's must-be-true checks and one synthetic snapshot per layout.

Every synthetic fixture below is written for this test (the shapes of spec/kompas-formats.md,
invented Indonesian sentences); none is copied from a real page.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kompaskit.article import KompasParseError
from kompaskit.textformat import parse_snapshot

WIB = timezone(timedelta(hours=7))
FURNITURE_WORDS = ("Baca Juga", "BERITA LAINNYA", "FOLLOW US", "WhatsApp", "Close Ads", "VIDEO TERPOPULER")


# --- the seed -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed(seed_text):
    return parse_snapshot(seed_text)


def test_seed_title(seed):
    assert seed.title == ("Kim Jong-Un Tegaskan Rusia Pantas Membela Diri, Salahkan Ukraina "
                          "Pakai Rudal Jarak Jauh AS")


def test_seed_published_is_tz_aware(seed):
    assert seed.published == datetime(2024, 11, 30, 10, 52, tzinfo=WIB)
    assert seed.published.utcoffset() == timedelta(hours=7)


def test_seed_people_and_sources(seed):
    assert seed.site == "kompas.tv"
    assert seed.authors == ["Haryo Jati"]
    assert seed.editor == "Desy Afrianti"
    assert seed.source == ["Voice of America"]
    assert seed.dateline == "PYONGYANG"
    assert seed.photo_credit == ["Korean Central News Agency", "Korea News Service", "AP"]


def test_seed_related(seed):
    assert len(seed.related) == 2
    assert seed.related[0].startswith("Suriah Membara, Sebagian Aleppo")
    assert seed.related[1].startswith("Korea Selatan Bakal Tandingi Korea Utara")


def test_seed_body(seed):
    assert len(seed.body) == 17
    assert seed.n_paragraphs == 17
    assert seed.body[0].startswith("Pemimpin Korea Utara Kim Jong-un menyalahkan")
    assert "PYONGYANG" not in seed.body[0]
    for p in seed.body:
        for word in FURNITURE_WORDS:
            assert word not in p
    assert seed.body[-1].startswith("Rusia sendiri membalasnya")
    assert seed.raw_kind == "text" and seed.parser.startswith("kompaskit-text ")
    assert seed.flags == []


def test_seed_with_url_gets_key(seed_text):
    art = parse_snapshot(seed_text, url="https://www.kompas.tv/amp/internasional/556677/kim?page=all")
    assert art.article_id == "kompas.tv:556677"
    assert art.url == "https://www.kompas.tv/internasional/556677/kim"


# --- synthetic snapshots, one per layout ----------------------------------------------------

TV_DESKTOP = """Kompas TV internasional kompas dunia

Menlu Rusia Kunjungi Pyongyang, Bahas Kerja Sama Energi

Kompas.tv - 13 April 2025, 15:08 WIB
menlu-rusia-kunjungi-pyongyang-bahas-kerja-sama-energi
Menteri Luar Negeri Rusia tiba di bandara Pyongyang, Sabtu (12/4/2025). (Sumber: AP Photo/Budi Lestari)
Penulis : Rina Kartika | Editor : Agus Salim

MOSKWA, KOMPAS.TV – Rusia dan Korea Utara sepakat memperluas kerja sama di bidang energi.

Kesepakatan itu diumumkan setelah pertemuan dua menteri pada Sabtu (12/4/2025).

Baca Juga: Harga Minyak Naik Setelah Pengumuman Kerja Sama Baru

"Kami akan membangun jaringan pipa baru," kata menteri itu kepada wartawan.

Sumber : The Strait Times/Business Insider

BERITA LAINNYA

FOLLOW US

Gabung ke Channel WhatsApp KompasTV untuk update berita terbaru dan terpercaya.

VIDEO TERPOPULER

Close Ads x"""

TV_AMP = """> >
Korea Utara Uji Coba Rudal Baru di Laut Timur
Kompas dunia | 20 Juni 2024, 08:50 WIB
Rudal diluncurkan dari pantai timur, Rabu (19/6/2024). (Sumber: Korean Central News Agency/Korea News Service via AP)
Penulis : Dewi-Anggraini Editor : Hendra-Wijaya
SEOUL, KOMPAS.TV - Korea Utara kembali meluncurkan rudal balistik ke arah Laut Timur pada Rabu (19/6/2024).
Militer Korea Selatan menyebut rudal itu terbang sejauh 600 kilometer sebelum jatuh ke laut.
Baca Juga: Jepang Protes Peluncuran Rudal Terbaru Korea Utara
Pemerintah Jepang menyatakan tidak ada kerusakan pada kapal di sekitar lokasi jatuhnya rudal.
Sumber : Yonhap/Reuters
TERBARU
Oke"""

TV_AMP_GLUED = """> >
Putin Puji Hubungan dengan Korea Utara dalam Surat Ucapan
Kompas dunia | 20 Juni 2024, 08:50 WIBPYONGYANG, KOMPAS.TV - Presiden Rusia mengirim surat ucapan kepada pemimpin Korea Utara pada hari nasional negara itu.
Penulis : Dewi-Anggraini Editor : Hendra-Wijaya
Surat itu dibacakan di televisi pemerintah pada Kamis (20/6/2024) malam.
Para pengamat menilai surat itu menegaskan kedekatan kedua negara.
Sumber : Associated Press
FOLLOW US"""

TV_BODY_ONLY = """KIEV, KOMPAS.TV - Ukraina melaporkan serangan pesawat nirawak di wilayah timur pada Selasa (8/4/2025).

Serangan itu merusak jaringan listrik dan membuat ribuan rumah gelap gulita.

Pemerintah setempat meminta warga tetap tenang dan mengikuti arahan petugas.

Sumber : Asso"""

COM_READ = """Baca berita tanpa iklan. Gabung Kompas.com+
Kim Jong Un Naik Kereta Lapis Baja Menuju Vladivostok
Kompas.com - 13/09/2023, 06:23 WIB
Bagus Pratama,
Sinta Maharani
Tim Redaksi
5
Lihat Foto
Kereta yang membawa pemimpin Korea Utara melintas di stasiun perbatasan. (AFP/STR/KCNA VIA KNS)
Sumber Reuters
VLADIVOSTOK, KOMPAS.com - Pemimpin Korea Utara tiba di kota pelabuhan Vladivostok dengan kereta lapis baja pada Rabu (13/9/2023).
Kunjungan itu merupakan perjalanan luar negeri pertamanya dalam empat tahun terakhir.
Baca juga: Mengapa Kim Jong Un Selalu Bepergian dengan Kereta?
Para analis memperkirakan kedua pemimpin akan membicarakan pasokan senjata dan teknologi satelit.
Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu akses berita Kompas.com WhatsApp Channel : https://www.whatsapp.com/channel/0029Va. Pastikan kamu sudah install aplikasi WhatsApp ya.
Terkini Lainnya
Judul Berita Lain yang Tidak Terkait"""

COM_READ_SINGLE = """Baca berita tanpa iklan. Gabung Kompas.com+
Rusia Tanggapi Sanksi Baru dari Uni Eropa
Kompas.com - 02/03/2024, 19:05 WITA
Lukman Hakim
Penulis
Sumber DW
KOMPAS.com - Kementerian Luar Negeri Rusia menyebut sanksi baru Uni Eropa sebagai langkah yang sia-sia.
Juru bicara kementerian itu mengatakan Rusia sudah menyiapkan langkah balasan.
Baca juga:
• Uni Eropa Sepakati Paket Sanksi Ke-13
• Daftar Perusahaan yang Terkena Sanksi
Langkah balasan itu akan diumumkan dalam beberapa hari ke depan, Sabtu (2/3/2024)."""

COM_COPY = """Salin Artikel
Korea Selatan Panggil Duta Besar Rusia
SEOUL, KOMPAS.com — Kementerian Luar Negeri Korea Selatan memanggil duta besar Rusia untuk menyampaikan protes keras.
Protes itu terkait kerja sama militer antara Moskwa dan Pyongyang yang dinilai melanggar resolusi PBB.
• Rusia Bantah Kirim Teknologi Rudal
• Korea Utara Kirim Amunisi ke Rusia
Pemerintah Seoul juga mempertimbangkan untuk mengirim senjata defensif ke Ukraina.
https://www.kompas.com/global/read/2024/11/05/101500270/korea-selatan-panggil-duta-besar-rusia
Terkini Lainnya
Judul Lain yang Bukan Isi Artikel"""

_CAP = "Presiden Rusia berjabat tangan dengan tamunya di Kremlin, Moskwa. KOMPAS/ANDI WIBOWO"
COM_LEGACY = f"""Putin Terima Kunjungan Delegasi Korea Utara di Kremlin
Kompas.com - 05/03/2019, 17:19 WIB
{_CAP}{_CAP}Penulis Veronika Sari
|
EditorAyu Rachmawati
MOSKWA, KOMPAS.com - Presiden Rusia menerima kunjungan delegasi tingkat tinggi Korea Utara di Kremlin.
Pertemuan itu membahas kerja sama ekonomi dan pariwisata di wilayah perbatasan kedua negara.
Kedua pihak sepakat membuka jalur penerbangan langsung tahun depan."""

VIDEO = """Detik-detik Kedatangan Putin di Pyongyang
11 April 2023, 20:49 WIB
Presiden Rusia disambut langsung oleh pemimpin Korea Utara di bandara Pyongyang pada Rabu dini hari.
Keduanya kemudian menaiki mobil yang sama menuju pusat kota yang dihiasi bendera kedua negara.
#putin #korut #rusia
Penulis: Siti Nurhaliza
Penulis Naskah: Taufik Hidayat
Narator: Bima Putra
Video Editor: Reza Gunawan
Produser: Maya Lestari
Musik: Audio Bebas
Artikel terkait: https://www.kompas.tv/internasional/505050/putin-tiba-di-pyongyang
Video Terkait
Video lain yang tidak masuk artikel"""


@pytest.mark.parametrize(
    "text, site, title, published, authors, editor, source, dateline",
    [
        (TV_DESKTOP, "kompas.tv", "Menlu Rusia Kunjungi Pyongyang, Bahas Kerja Sama Energi",
         datetime(2025, 4, 13, 15, 8, tzinfo=WIB), ["Rina Kartika"], "Agus Salim",
         ["The Strait Times", "Business Insider"], "MOSKWA"),
        (TV_AMP, "kompas.tv", "Korea Utara Uji Coba Rudal Baru di Laut Timur",
         datetime(2024, 6, 20, 8, 50, tzinfo=WIB), ["Dewi Anggraini"], "Hendra Wijaya",
         ["Yonhap", "Reuters"], "SEOUL"),
        (TV_AMP_GLUED, "kompas.tv", "Putin Puji Hubungan dengan Korea Utara dalam Surat Ucapan",
         datetime(2024, 6, 20, 8, 50, tzinfo=WIB), ["Dewi Anggraini"], "Hendra Wijaya",
         ["Associated Press"], "PYONGYANG"),
        (TV_BODY_ONLY, "kompas.tv", None, None, [], None, ["Asso"], "KIEV"),
        (COM_READ, "kompas.com", "Kim Jong Un Naik Kereta Lapis Baja Menuju Vladivostok",
         datetime(2023, 9, 13, 6, 23, tzinfo=WIB), ["Bagus Pratama", "Sinta Maharani"], None,
         ["Reuters"], "VLADIVOSTOK"),
        (COM_READ_SINGLE, "kompas.com", "Rusia Tanggapi Sanksi Baru dari Uni Eropa",
         datetime(2024, 3, 2, 19, 5, tzinfo=timezone(timedelta(hours=8))), ["Lukman Hakim"], None,
         ["DW"], None),
        (COM_COPY, "kompas.com", "Korea Selatan Panggil Duta Besar Rusia", None, [], None, [], "SEOUL"),
        (COM_LEGACY, "kompas.com", "Putin Terima Kunjungan Delegasi Korea Utara di Kremlin",
         datetime(2019, 3, 5, 17, 19, tzinfo=WIB), ["Veronika Sari"], "Ayu Rachmawati", [], "MOSKWA"),
        (VIDEO, "kompas.tv", "Detik-detik Kedatangan Putin di Pyongyang",
         datetime(2023, 4, 11, 20, 49, tzinfo=WIB), ["Siti Nurhaliza", "Taufik Hidayat"], None, [], None),
    ],
    ids=["tv-desktop", "tv-amp", "tv-amp-glued", "tv-body-only", "com-read", "com-read-single",
         "com-copy", "com-legacy", "video"],
)
def test_layout_metadata(text, site, title, published, authors, editor, source, dateline):
    art = parse_snapshot(text)
    assert art.site == site
    assert art.title == title
    assert art.published == published
    assert art.authors == authors
    assert art.editor == editor
    assert art.source == source
    assert art.dateline == dateline
    for p in art.body:
        assert not p.startswith(("Baca", "Sumber", "Penulis", "#", "Terkini", "Simak breaking"))
        assert "KOMPAS.TV -" not in p and "KOMPAS.com" not in p


def test_tv_desktop_details():
    art = parse_snapshot(TV_DESKTOP)
    assert art.photo_credit == ["AP Photo", "Budi Lestari"]
    assert art.caption.startswith("Menteri Luar Negeri Rusia tiba")
    assert art.related == ["Harga Minyak Naik Setelah Pengumuman Kerja Sama Baru"]
    assert len(art.body) == 3
    assert art.body[0].startswith("Rusia dan Korea Utara sepakat")
    assert all("menlu-rusia" not in p for p in art.body)  # the slug line is not body


def test_tv_amp_glued_splits_timestamp_and_lead():
    art = parse_snapshot(TV_AMP_GLUED)
    assert art.body[0].startswith("Presiden Rusia mengirim surat")
    assert len(art.body) == 3


def test_body_only_truncated_source_is_flagged():
    art = parse_snapshot(TV_BODY_ONLY)
    assert "source-cut" in art.flags and "truncated" in art.flags
    assert "no-timestamp" in art.flags
    assert art.body[0].startswith("Ukraina melaporkan")


def test_complete_source_at_end_is_not_cut():
    art = parse_snapshot(TV_BODY_ONLY.replace("Sumber : Asso", "Sumber : Reuters") + "\n")
    assert "source-cut" not in art.flags
    assert art.source == ["Reuters"]


def test_com_read_view_details():
    art = parse_snapshot(COM_READ)
    assert art.photo_credit == ["AFP", "STR", "KCNA", "KNS"]
    assert art.related == ["Mengapa Kim Jong Un Selalu Bepergian dengan Kereta?"]
    assert len(art.body) == 3
    assert all(p != "5" for p in art.paragraphs)  # the share count is not body


def test_com_read_bullet_related_and_cityless_dateline():
    art = parse_snapshot(COM_READ_SINGLE)
    assert art.related == ["Uni Eropa Sepakati Paket Sanksi Ke-13", "Daftar Perusahaan yang Terkena Sanksi"]
    assert art.body[0].startswith("Kementerian Luar Negeri Rusia menyebut")
    assert len(art.body) == 3


def test_com_copy_view_uses_printed_canonical_url():
    art = parse_snapshot(COM_COPY)
    assert art.url == ("https://www.kompas.com/global/read/2024/11/05/101500270/"
                       "korea-selatan-panggil-duta-besar-rusia")
    assert art.article_id == "kompas.com:20241105101500270"
    assert "no-timestamp" in art.flags
    assert art.related == ["Rusia Bantah Kirim Teknologi Rudal", "Korea Utara Kirim Amunisi ke Rusia"]
    assert len(art.body) == 3
    assert not any("Judul Lain" in p for p in art.paragraphs)


def test_com_legacy_caption_and_credit():
    art = parse_snapshot(COM_LEGACY)
    assert art.caption == _CAP
    assert art.photo_credit == ["KOMPAS", "ANDI WIBOWO"]
    assert len(art.body) == 3


def test_video_credits_and_furniture():
    art = parse_snapshot(VIDEO)
    assert art.credits["Narator"] == ["Bima Putra"]
    assert art.credits["Video Editor"] == ["Reza Gunawan"]
    assert art.credits["Produser"] == ["Maya Lestari"]
    assert art.credits["Musik"] == ["Audio Bebas"]
    assert art.related == ["https://www.kompas.tv/internasional/505050/putin-tiba-di-pyongyang"]
    assert len(art.body) == 2
    assert not any(p.startswith("#") or "Video lain" in p for p in art.paragraphs)


def test_url_on_first_line_and_weekday_mismatch():
    text = ("https://amp.kompas.com/global/read/2024/06/19/153000170/putin-tiba?utm_source=x\n"
            + COM_READ_SINGLE.replace("Sabtu (2/3/2024)", "Senin (2/3/2024)"))
    art = parse_snapshot(text)
    assert art.url == "https://www.kompas.com/global/read/2024/06/19/153000170/putin-tiba"
    assert art.article_id == "kompas.com:20240619153000170"
    assert art.section == "global"
    assert "weekday-mismatch" in art.flags
    assert "weekday-mismatch" not in parse_snapshot(COM_READ_SINGLE).flags


def test_print_style_dateline_is_kompas_id():
    text = ("JAKARTA, KOMPAS — Pemerintah Indonesia menyerukan penyelesaian damai di Semenanjung Korea.\n\n"
            "Seruan itu disampaikan dalam forum regional di Jakarta pada pekan lalu.")
    art = parse_snapshot(text)
    assert art.site == "kompas.id" and art.dateline == "JAKARTA"


def test_embedded_post_is_embed_not_body():
    text = TV_DESKTOP.replace(
        "Sumber : The Strait",
        "Kami siap bekerja sama lebih erat pic.twitter.com/AbC123xyz\n\n"
        "— Kementerian Luar Negeri (@kemenlu_contoh) August 22, 2025\n\n"
        "Sumber : The Strait",
    )
    art = parse_snapshot(text)
    kinds = dict(zip(art.paragraphs, art.paragraph_kinds))
    assert kinds["Kami siap bekerja sama lebih erat pic.twitter.com/AbC123xyz"] == "embed"
    assert sum(k == "embed" for k in art.paragraph_kinds) == 2
    assert len(art.body) == 3


# --- other outlets --------------------------------------------------------------------------

OTHER = [
    ("Istanbul (ANTARA) - Turki menawarkan diri menjadi tuan rumah perundingan damai berikutnya.",
     "ISTANBUL"),
    ("Jakarta, CNN Indonesia -- Rusia menyatakan siap menambah pasokan gandum ke Indonesia tahun ini.",
     "JAKARTA"),
    ("KONTAN.CO.ID - SEOUL. Bank sentral Korea Selatan menahan suku bunga acuan pada bulan ini.",
     "SEOUL"),
    ("REPUBLIKA.CO.ID, MOSKOW -- Kremlin menolak berkomentar soal laporan pengiriman pasukan.",
     "MOSKOW"),
    ("Liputan6.com, Moskow - Pemerintah Rusia mengumumkan latihan militer gabungan pekan depan.",
     "MOSKOW"),
    ("TRIBUNNEWS.COM - Sejumlah negara Barat mengecam uji coba rudal terbaru di kawasan itu.", None),
]


@pytest.mark.parametrize("lead, city", OTHER, ids=["antara", "cnn", "kontan", "republika", "liputan6", "tribun"])
def test_other_outlets_generic_path(lead, city):
    text = (f"Judul Berita dari Media Lain\n29 Oktober 2024 | 19.00 WIB\n{lead}\n"
            "Para pejabat menyebut keputusan itu akan diumumkan secara resmi dalam waktu dekat.")
    art = parse_snapshot(text)
    assert art.site == "other"
    assert art.dateline == city
    assert art.title == "Judul Berita dari Media Lain"
    assert art.published == datetime(2024, 10, 29, 19, 0, tzinfo=WIB)
    assert len(art.body) == 2 and not art.body[0].startswith(lead.split()[0])


def test_other_outlet_url_wins():
    art = parse_snapshot(COM_READ, url="https://www.antaranews.com/berita/123/judul?utm_source=x")
    assert art.site == "other"
    assert art.url == "https://antaranews.com/berita/123/judul"


# --- errors ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "bad",
    ["", "   \n\n  ", "https://www.kompas.tv/internasional/1/x", "abc\x00def ghi", "\x01\x02\x03\x04" * 50,
     "BERITA LAINNYA\nFOLLOW US\nClose Ads x", "Judul\nMenu\nBeranda"],
    ids=["empty", "blank", "url-only", "nul", "control", "furniture-only", "no-prose"],
)
def test_not_an_article_raises_kit_error(bad):
    with pytest.raises(KompasParseError) as info:
        parse_snapshot(bad)
    assert "\n" not in str(info.value) and str(info.value)


def test_many_lines_single_paragraph_is_fine():
    text = "Judul Singkat\n" + " ".join(["kata"] * 5000) + "."
    art = parse_snapshot(text)
    assert art.title == "Judul Singkat" and len(art.body) == 1


# --- arbitrary input: an Article or KompasParseError, nothing else ---------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_KOMPASISH = st.lists(
    st.sampled_from([
        "", "> >", "Kompas.tv - 30 November 2024, 10:52 WIB", "Penulis : A-B Editor : C-D",
        "PYONGYANG, KOMPAS.TV - ", "Baca Juga:", "• Judul Lain Di Sini", "Sumber : Asso", "Tim Redaksi",
        "Kata kata biasa yang membentuk sebuah kalimat panjang.", "BERITA LAINNYA", "Lihat Foto",
        "(Sumber: A/B via C)", "13/09/2023, 06:23 WITA", "EditorNama", "|", "Oke", "#tagar",
        "— Nama (@akun) August 22, 2025", "pic.twitter.com/x1", "https://www.kompas.com/global/copy/2024/01/01/1/x",
    ]),
    max_size=25,
).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=3000), _KOMPASISH, st.binary(max_size=500)))
def test_arbitrary_input_never_crashes(data):
    try:
        art = parse_snapshot(data)
    except KompasParseError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert art.body and len(art.paragraph_kinds) == len(art.paragraphs)
        assert art.published is None or art.published.tzinfo is not None


# --- clean_body: shared by the text and HTML paths ------------------------------------------

from kompaskit.furniture import clean_body  # noqa: E402

LEAD = "Presiden Rusia bertemu pemimpin Korea Utara di Vladivostok pada pekan lalu."
SECOND = "Kedua pemimpin membahas kerja sama pertahanan dan ekonomi selama tiga jam."


@pytest.mark.parametrize(
    "marker",
    ["BERITA LAINNYA", "FOLLOW US", "TERBARU", "VIDEO TERPOPULER", "Close Ads x", "Terkini Lainnya",
     "Video Terkait", "Oke", "Gabung ke Channel WhatsApp KompasTV untuk update berita terbaru dan terpercaya.",
     "Simak breaking news dan berita pilihan kami langsung di ponselmu. WhatsApp Channel : https://www.whatsapp.com/channel/abc",
     "Bagikan artikel ini melalui"],
)
def test_trailing_blocks_end_the_body(marker):
    cb = clean_body([LEAD, SECOND, marker, "Judul artikel lain yang tampil di bawah.", "Paragraf lain sesudahnya."])
    assert cb.paragraphs == [LEAD, SECOND]
    assert cb.ended_by_furniture


@pytest.mark.parametrize(
    "lines, related",
    [
        (["Baca Juga: Rusia Uji Rudal Baru"], ["Rusia Uji Rudal Baru"]),
        (["Baca juga: Rusia Uji Rudal Baru"], ["Rusia Uji Rudal Baru"]),
        (["BACA JUGA: Rusia Uji Rudal Baru"], ["Rusia Uji Rudal Baru"]),
        (["Baca juga Rusia Uji Rudal Baru"], ["Rusia Uji Rudal Baru"]),
        (["Baca juga:", "• Rusia Uji Rudal Baru", "• Korut Kirim Amunisi"], ["Rusia Uji Rudal Baru", "Korut Kirim Amunisi"]),
        (["Berita Terkait", "Rusia Uji Rudal Baru", "Korut Kirim Amunisi"], ["Rusia Uji Rudal Baru", "Korut Kirim Amunisi"]),
        (["Artikel terkait: https://www.kompas.tv/internasional/1/x"], ["https://www.kompas.tv/internasional/1/x"]),
    ],
    ids=["tv", "com", "caps", "no-colon", "bullets", "berita-terkait", "artikel-terkait"],
)
def test_related_links_never_body(lines, related):
    cb = clean_body([LEAD, *lines, SECOND])
    assert cb.related == related
    assert cb.paragraphs == [LEAD, SECOND]


def test_in_body_advert_and_inline_photo_dropped():
    cb = clean_body([LEAD, "Menangkan gawai terbaru dengan berlangganan sekarang!", "Kompas.id",
                     "Lihat Foto", "Suasana pertemuan di Vladivostok. (AFP/STR)", "12", "#rusia #korut", SECOND])
    assert cb.paragraphs == [LEAD, SECOND]


def test_html_credit_table_rows_become_metadata():
    cb = clean_body([LEAD, SECOND, "| Penulis | : Dimas Pratama |", "| Editor | : Lina Marlina |"])
    assert cb.paragraphs == [LEAD, SECOND]
    assert cb.authors == ["Dimas Pratama"] and cb.editor == "Lina Marlina"


def test_cut_snapshot_is_truncated():
    art = parse_snapshot(f"Judul Berita Singkat\n{LEAD}\nKedua pemimpin membahas kerja sama pertahanan dan")
    assert "truncated" in art.flags
    assert "truncated" not in parse_snapshot(f"Judul Berita Singkat\n{LEAD}\n{SECOND}").flags


def test_read_view_editor_label_and_labelled_url():
    text = COM_READ_SINGLE.replace("Penulis\n", "Penulis\nWulan Sari\nEditor\n")
    art = parse_snapshot("URL: https://www.kompas.com/global/read/2024/03/02/190500270/rusia\n" + text)
    assert art.authors == ["Lukman Hakim"] and art.editor == "Wulan Sari"
    assert art.title == "Rusia Tanggapi Sanksi Baru dari Uni Eropa"
    assert art.article_id == "kompas.com:20240302190500270"


@pytest.mark.parametrize(
    "header, authors",
    [("Ahmad Fauzi - detikNews\nRabu, 30 Okt 2024 10:15 WIB", ["Ahmad Fauzi"]),
     ("CNN Indonesia\nRabu, 30 Okt 2024 10:15 WIB", []),
     ("Tim Redaksi Contoh, Jurnalis · Rabu 30 Oktober 2024 10:15 WIB", [])],
    ids=["detik-byline", "outlet-line", "okezone-line"],
)
def test_other_outlet_headers(header, authors):
    text = (f"Rusia Bantah Tuduhan Pengiriman Senjata\n{header}\n"
            "Jakarta - Pemerintah Rusia membantah tuduhan bahwa pihaknya mengirim senjata dalam beberapa bulan terakhir.\n"
            "Bantahan itu disampaikan juru bicara pemerintah kepada wartawan.")
    art = parse_snapshot(text)
    assert art.title == "Rusia Bantah Tuduhan Pengiriman Senjata"
    assert art.authors == authors
    assert art.published == datetime(2024, 10, 30, 10, 15, tzinfo=WIB)
    assert art.dateline == "JAKARTA" and art.site == "other"
    assert art.body[0].startswith("Pemerintah Rusia membantah")


def test_video_page_without_url_is_kompas_tv_by_its_credit_block():
    text = VIDEO.replace("Artikel terkait: https://www.kompas.tv/internasional/505050/putin-tiba-di-pyongyang\n", "")
    art = parse_snapshot(text)
    assert art.site == "kompas.tv" and art.related == []
    assert art.dateline is None and art.editor is None


@pytest.mark.parametrize("fixture", [TV_DESKTOP, TV_AMP, COM_READ, COM_LEGACY, VIDEO], ids=["tv", "amp", "com", "legacy", "video"])
@pytest.mark.parametrize(
    "mangle",
    [lambda t: "\ufeff" + t.replace("\n", "\r\n"),
     lambda t: t.replace("\n", "\n\n\n"),
     lambda t: t.replace(" ", "\u00a0", 3).replace("\n", "  \n\t")],
    ids=["bom-crlf", "blank-lines", "nbsp-trailing-space"],
)
def test_copy_noise_does_not_change_fields(fixture, mangle):
    clean, noisy = parse_snapshot(fixture), parse_snapshot(mangle(fixture))
    for field in ("site", "title", "published", "authors", "editor", "source", "dateline", "related", "paragraphs"):
        assert getattr(noisy, field) == getattr(clean, field), field


def test_html_is_refused_with_a_pointer_to_read_html():
    with pytest.raises(KompasParseError, match="read_html"):
        parse_snapshot("<!DOCTYPE html><html><body><p>" + LEAD + "</p></body></html>")


@pytest.mark.parametrize("title", ["Putin Sambut Kim Jong Un di Bandara (VIDEO)", "Rusia Kirim Bantuan ke Korut (AFP)"])
def test_title_ending_in_parentheses_is_not_a_caption(title):
    art = parse_snapshot(TV_DESKTOP.replace("Menlu Rusia Kunjungi Pyongyang, Bahas Kerja Sama Energi", title))
    assert art.title == title
    assert art.photo_credit == ["AP Photo", "Budi Lestari"]
