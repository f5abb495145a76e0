"""Metadata primitives: timestamps, bylines, sources, photo credits, datelines, weekdays."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from kompaskit.metadata import (
    MONTHS,
    check_weekdays,
    has_weekday_mismatch,
    match_dateline,
    parse_byline,
    parse_bylines,
    parse_credit_line,
    parse_credit_chain,
    parse_source_line,
    parse_timestamp,
    split_caption_credit,
    split_names,
    split_sources,
    strip_dateline,
)


def tz(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("30 November 2024, 10:52 WIB", datetime(2024, 11, 30, 10, 52, tzinfo=tz(7))),
        ("Kompas.tv - 30 November 2024, 10:52 WIB", datetime(2024, 11, 30, 10, 52, tzinfo=tz(7))),
        ("Kompas dunia | 20 Juni 2024, 08:50 WIB", datetime(2024, 6, 20, 8, 50, tzinfo=tz(7))),
        ("Kompas.com - 13/09/2023, 06:23 WIB", datetime(2023, 9, 13, 6, 23, tzinfo=tz(7))),
        ("Selasa, 16 Februari 2016 | 14:38 WIB", datetime(2016, 2, 16, 14, 38, tzinfo=tz(7))),
        ("11 April 2023, 20:49 WIB", datetime(2023, 4, 11, 20, 49, tzinfo=tz(7))),
        ("29 Oktober 2024 | 19.00 WIB", datetime(2024, 10, 29, 19, 0, tzinfo=tz(7))),
        ("5 Mei 2022, 09:15 WITA", datetime(2022, 5, 5, 9, 15, tzinfo=tz(8))),
        ("7 Agu 2021, 21:05 WIT", datetime(2021, 8, 7, 21, 5, tzinfo=tz(9))),
        ("7 Agt 2021 21:05", datetime(2021, 8, 7, 21, 5, tzinfo=tz(7))),
        ("Rabu, 2 Okt 2024 - 07:30 WIB", datetime(2024, 10, 2, 7, 30, tzinfo=tz(7))),
        ("1 Des 2019", datetime(2019, 12, 1, tzinfo=tz(7))),
        ("2024-11-30T10:52:00+07:00", datetime(2024, 11, 30, 10, 52, tzinfo=tz(7))),
        ("Kompas.tv - 30 November 2024, 10:52 WIBPYONGYANG, KOMPAS.TV - x",
         datetime(2024, 11, 30, 10, 52, tzinfo=tz(7))),
    ],
)
def test_parse_timestamp(text, expected):
    got = parse_timestamp(text)
    assert got == expected
    assert got.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", ["", None, "tanpa tanggal", "31 Februari 2024, 10:00 WIB", "99/99/2024"])
def test_parse_timestamp_none(text):
    assert parse_timestamp(text) is None


def test_month_abbreviations_complete():
    for short, month in [("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("mei", 5), ("jun", 6),
                         ("jul", 7), ("agu", 8), ("agt", 8), ("sep", 9), ("okt", 10), ("nov", 11),
                         ("des", 12)]:
        assert MONTHS[short] == month


@pytest.mark.parametrize(
    "line, authors, editor",
    [
        ("Penulis : Haryo Jati | Editor : Desy Afrianti", ["Haryo Jati"], "Desy Afrianti"),
        ("Penulis : Haryo-Jati Editor : Desy-Afrianti", ["Haryo Jati"], "Desy Afrianti"),
        ("Penulis : Rina Kartika", ["Rina Kartika"], None),
        ("Penulis : Rina Kartika, Budi Santoso | Editor : Agus Salim", ["Rina Kartika", "Budi Santoso"], "Agus Salim"),
        ("EditorAyu Rachmawati", [], "Ayu Rachmawati"),
        ("Editor : Ayu Rachmawati", [], "Ayu Rachmawati"),
        ("Penulis Veronika Sari | EditorAyu Rachmawati", ["Veronika Sari"], "Ayu Rachmawati"),
        ("Penulis: Siti Nurhaliza", ["Siti Nurhaliza"], None),
        ("Penulis Naskah: Taufik Hidayat", ["Taufik Hidayat"], None),
    ],
)
def test_parse_byline(line, authors, editor):
    by = parse_byline(line)
    assert by is not None
    assert by.authors == authors
    assert by.editor == editor


@pytest.mark.parametrize(
    "line, role, names",
    [
        ("Video Editor: Reza Gunawan", "Video Editor", ["Reza Gunawan"]),
        ("Narator: Bima Putra", "Narator", ["Bima Putra"]),
        ("Produser: Maya Lestari, Joko Susilo", "Produser", ["Maya Lestari", "Joko Susilo"]),
        ("Musik: Audio Bebas", "Musik", ["Audio Bebas"]),
    ],
)
def test_video_credits_are_not_editor(line, role, names):
    by = parse_byline(line)
    assert by.role == role and by.names == names
    assert by.editor is None and by.authors == []


@pytest.mark.parametrize(
    "line",
    ["Penulis buku itu menjelaskan bahwa perang belum usai.", "Editor", "Penulis",
     "Editorial media asing menyoroti kunjungan itu."],
)
def test_not_a_byline(line):
    assert parse_byline(line) is None


def test_split_names_drops_contributor_prefix():
    assert split_names("Kontributor Semarang, Titis Anis dan Budi Hartono") == ["Titis Anis", "Budi Hartono"]


@pytest.mark.parametrize(
    "line, sources",
    [
        ("Sumber : Voice of America", ["Voice of America"]),
        ("Sumber : The Strait Times/Business Insider", ["The Strait Times", "Business Insider"]),
        ("Sumber AFP", ["AFP"]),
        ("Sumber Reuters", ["Reuters"]),
        ("Sumber: Reuters, AFP", ["Reuters", "AFP"]),
        ("Sumber : Asso", ["Asso"]),
        ("Sumber: Kompas.com", ["Kompas.com"]),
    ],
)
def test_source_lines(line, sources):
    assert parse_source_line(line) == sources
    assert split_sources(line) == sources


@pytest.mark.parametrize(
    "line",
    ["Sumber itu menambahkan, ancaman itu sangat serius.", "Sumber dana proyek itu berasal dari pinjaman."],
)
def test_source_prose_is_not_a_source_line(line):
    assert parse_source_line(line) is None


@pytest.mark.parametrize(
    "credit, chain",
    [
        ("Korean Central News Agency/Korea News Service via AP", ["Korean Central News Agency", "Korea News Service", "AP"]),
        ("(Sumber: AP Photo/Lee Min-ho)", ["AP Photo", "Lee Min-ho"]),
        ("KOMPAS/ANDI WIBOWO", ["KOMPAS", "ANDI WIBOWO"]),
        ("AFP/STR/KCNA VIA KNS", ["AFP", "STR", "KCNA", "KNS"]),
        ("Xinhua", ["Xinhua"]),
    ],
)
def test_parse_credit_chain(credit, chain):
    assert parse_credit_chain(credit) == chain


@pytest.mark.parametrize(
    "caption, chain",
    [
        ("Warga berkumpul di alun-alun. (Sumber: Reuters/Dita Putri)", ["Reuters", "Dita Putri"]),
        ("Warga berkumpul di alun-alun. (AFP/STR)", ["AFP", "STR"]),
        ("Warga berkumpul di alun-alun. KOMPAS/RANI AYU", ["KOMPAS", "RANI AYU"]),
        ("Warga berkumpul di alun-alun. KOMPAS.com/ADITYA JAYA", ["KOMPAS.com", "ADITYA JAYA"]),
        ("Tentara berlatih di perbatasan. AFP/JUNG YEON-JE", ["AFP", "JUNG YEON-JE"]),
        ("Roket meluncur dari landasan di Rusia utara. AFP PHOTO / ROSCOSMOS", ["AFP PHOTO", "ROSCOSMOS"]),
        ("Warga menunggu di stasiun. AP Photo/Ahn Young-joon", ["AP Photo", "Ahn Young-joon"]),
        ("Hal itu disampaikan kepada AP/Reuters.", []),  # prose ends with a full stop
        ("Pejabat AS/PBB menyebut hal itu", []),
        ("Warga berkumpul di alun-alun.", []),
    ],
)
def test_split_caption_credit(caption, chain):
    assert split_caption_credit(caption)[1] == chain


@pytest.mark.parametrize(
    "par, city, rest",
    [
        ("PYONGYANG, KOMPAS.TV - Pemimpin Korea Utara berbicara.", "PYONGYANG", "Pemimpin Korea Utara berbicara."),
        ("PYONYANG, KOMPAS.TV - Ejaan kota dibiarkan.", "PYONYANG", "Ejaan kota dibiarkan."),
        ("Kiev, KOMPAS.com - Kota dibiarkan seperti dicetak.", "KIEV", "Kota dibiarkan seperti dicetak."),
        ("KYIV, KOMPAS.com – Tanda pisah en.", "KYIV", "Tanda pisah en."),
        ("SEOUL, KOMPAS.com — Tanda pisah em.", "SEOUL", "Tanda pisah em."),
        ("KUALA LUMPUR, KOMPAS.com - Kota dua kata.", "KUALA LUMPUR", "Kota dua kata."),
        ("KOMPAS.com - Tanpa kota.", None, "Tanpa kota."),
        ("JAKARTA, KOMPAS — Gaya cetak lama.", "JAKARTA", "Gaya cetak lama."),
        ("Istanbul (ANTARA) - Kantor berita Antara.", "ISTANBUL", "Kantor berita Antara."),
        ("Jakarta, CNN Indonesia -- Gaya CNN Indonesia.", "JAKARTA", "Gaya CNN Indonesia."),
        ("KONTAN.CO.ID - SEOUL. Gaya Kontan.", "SEOUL", "Gaya Kontan."),
        ("REPUBLIKA.CO.ID, MOSKOW -- Gaya Republika.", "MOSKOW", "Gaya Republika."),
        ("Liputan6.com, Moskow - Gaya Liputan6.", "MOSKOW", "Gaya Liputan6."),
        ("TRIBUNNEWS.COM - Gaya Tribun.", None, "Gaya Tribun."),
        ("JAKARTA - Gaya Okezone.", "JAKARTA", "Gaya Okezone."),
    ],
)
def test_strip_dateline(par, city, rest):
    assert strip_dateline(par) == (city, rest)


@pytest.mark.parametrize(
    "par",
    ["Pemimpin Korea Utara Kim Jong-un menyalahkan Ukraina.", "Kim Jong-un tiba di Moskow.", ""],
)
def test_no_dateline_keeps_paragraph(par):
    assert strip_dateline(par) == (None, par)


def test_weekday_check():
    checks = check_weekdays("Jumat (29/11/2024) lalu dan Sabtu (29/11/2024) kemarin, Rabu (4/11/205).")
    assert [c.matches for c in checks] == [True, False]  # the impossible year is skipped
    assert has_weekday_mismatch(["Kamis (20/6/2024) ini."]) is False
    assert has_weekday_mismatch(["Rabu (20/6/2024) ini."]) is True
    assert has_weekday_mismatch(["Jum'at (21/6/2024)."]) is False


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_primitives_never_raise_on_arbitrary_text(s):
    ts = parse_timestamp(s)
    assert ts is None or ts.tzinfo is not None
    city, rest = strip_dateline(s)
    assert city is None or city == city.upper()
    assert isinstance(rest, str)
    for fn in (parse_credit_chain, split_sources, check_weekdays):
        assert isinstance(fn(s), list)
    parse_byline(s)
    parse_source_line(s)


# --- Kompas desk datelines and outlet spellings -------------------------------------------

@pytest.mark.parametrize(
    "par, city, site",
    [
        ("Jakarta, KompasOtomotif – Mobil listrik baru mulai dijual pekan ini.", "JAKARTA", "kompas.com"),
        ("JAKARTA, KompasTekno - Ponsel lipat baru dirilis di Jakarta.", "JAKARTA", "kompas.com"),
        ("KompasTekno - Aplikasi pesan itu menambah fitur baru.", None, "kompas.com"),
        ("Bandung, KompasBola — Tim tamu menang dua gol tanpa balas.", "BANDUNG", "kompas.com"),
        ("KOMPAS.com – Harga minyak dunia naik pada perdagangan Senin.", None, "kompas.com"),
        ("KOMPAS.TV - Hujan deras mengguyur ibu kota sejak pagi.", None, "kompas.tv"),
        ("Moskwa, Kompas.tv — Kremlin menggelar jumpa pers.", "MOSKWA", "kompas.tv"),
        ("SEOUL, KompasTV - Parlemen menggelar rapat darurat.", "SEOUL", "kompas.tv"),
        ("PYONGYANG, KOMAPSTV - Ejaan outlet yang salah tetap dikenali.", "PYONGYANG", "kompas.tv"),
        ("JAKARTA, KOMPAS.id - Pemerintah menyiapkan anggaran baru.", "JAKARTA", "kompas.id"),
        ("KOMPAS.id - Harga beras stabil menjelang akhir tahun.", None, "kompas.id"),
        ("JAKARTA, KOMPAS — Gaya cetak lama.", "JAKARTA", "kompas.id"),
        ("TEMPO.CO, Jakarta - Gaya Tempo.", "JAKARTA", "other"),
        ("Jakarta (ANTARA) - Gaya Antara.", "JAKARTA", "other"),
    ],
)
def test_desk_and_outlet_datelines(par, city, site):
    d = match_dateline(par)
    assert d is not None and d.city == city and d.site == site
    assert strip_dateline(par) == (city, re.split(r"\s[-–—]+\s", par, maxsplit=1)[1])


@pytest.mark.parametrize(
    "par",
    ["Kompasiana - platform blog itu ramai dikunjungi.", "Kompas berita itu tidak jelas, katanya.",
     "Putin (kiri) - tamu negaranya di Kremlin.", "Rusia - Ukraina Memanas"],
)
def test_not_datelines(par):
    city, rest = strip_dateline(par)
    assert (city, rest) == (None, par) or match_dateline(par).site == "other"
    assert match_dateline(par) is None or match_dateline(par).site != "kompas.com"


def test_pipe_joined_credit_lines():
    got = parse_bylines("Narator: Dina Karina | Video Editor: Joko Susilo | Produser: Hanna Fauzie")
    assert [(b.role, b.names) for b in got] == [("Narator", ["Dina Karina"]), ("Video Editor", ["Joko Susilo"]),
                                                ("Produser", ["Hanna Fauzie"])]
    got = parse_bylines("Penulis: Rofi Ali Majid, Ikhsan Abdul Hakim | Penulis Naskah: Rofi Ali Majid")
    assert [b.authors for b in got] == [["Rofi Ali Majid", "Ikhsan Abdul Hakim"], ["Rofi Ali Majid"]]
    one = parse_bylines("Penulis:Vanessa Sari dan Bayu Aji|Editor:Edy A. Putra")
    assert len(one) == 1 and one[0].authors == ["Vanessa Sari", "Bayu Aji"] and one[0].editor == "Edy A. Putra"
    assert parse_bylines("Rusia-Korut Teken Pakta | Ini Isinya") is None
    assert parse_bylines("Narator: Dina Karina | kata dia kepada wartawan.") is None


def test_pewarta_is_an_author():
    assert parse_byline("Pewarta: Yoanita Hastryka Djohan").authors == ["Yoanita Hastryka Djohan"]


@pytest.mark.parametrize(
    "line, items",
    [
        ("Sumber : Reuters | Yonhap", ["Reuters", "Yonhap"]),
        ("SUMBER : Reuters, Yonhap", ["Reuters", "Yonhap"]),
        ("Sumber : Reuters.", ["Reuters"]),
        ("Sumber: Reuters, The Guardian.", ["Reuters", "The Guardian"]),
        ("SUMBER ENERGI BARU", None),
        ("Sumber Kompas menyebutkan hal itu.", None),
    ],
)
def test_source_line_variants(line, items):
    assert parse_source_line(line) == items


def test_credit_row_with_source_part():
    bylines, sources = parse_credit_line("Penulis : Haryo Jati | Editor : Desy Afrianti | Sumber : Reuters/AP")
    assert [b.authors for b in bylines if b.authors] == [["Haryo Jati"]]
    assert [b.editor for b in bylines if b.editor] == ["Desy Afrianti"]
    assert sources == ["Reuters", "AP"]
    assert parse_credit_line("Sumber : Reuters | Yonhap") is None  # a source line, not a byline
    assert parse_credit_line("Penulis : Haryo Jati | Sumber itu mengatakan hal lain.") is None


def test_republika_rep_red_row():
    bylines, sources = parse_credit_line("Rep: Dwina Agustin/ Red: Setyanavidita Livikacansera")
    assert [b.authors for b in bylines if b.authors] == [["Dwina Agustin"]]
    assert [b.editor for b in bylines if b.editor] == ["Setyanavidita Livikacansera"] and sources == []
    assert parse_byline("Reporter: Rina Wulandari").role == "Reporter"  # not swallowed by `Rep:`
    assert parse_credit_line("Pejabat AS/PBB menyebut hal itu") is None
