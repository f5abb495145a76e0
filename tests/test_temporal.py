"""Indonesian temporal expressions: table-driven resolution, context, false positives, seed."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pandas as pd
import pytest

from kompaskit.article import Article
from kompaskit.temporal import MENTION_COLUMNS, TABLE_COLUMNS, mentions_table, parse_temporal

WIB = timezone(timedelta(hours=7))
SAT = datetime(2024, 11, 30, 10, 52, tzinfo=WIB)  # the seed's publication time (a Saturday)
SUN = datetime(2025, 1, 5, 8, 0, tzinfo=WIB)  # a Sunday early in a year
LEAP = datetime(2024, 3, 1, 9, 0, tzinfo=WIB)
MID = datetime(2024, 7, 10, 12, 0, tzinfo=WIB)  # a Wednesday

# (text, anchor, expected surface, start, end (exclusive), granularity)
CASES = [
    # numeric dates with and without weekday
    ("Jumat (29/11/2024)", SAT, "Jumat (29/11/2024)", "2024-11-29", "2024-11-30", "day"),
    ("Sabtu (30/11/2024)", SAT, "Sabtu (30/11/2024)", "2024-11-30", "2024-12-01", "day"),
    ("29/11/2024", SAT, "29/11/2024", "2024-11-29", "2024-11-30", "day"),
    ("Jum'at (29/11/2024)", SAT, "Jum'at (29/11/2024)", "2024-11-29", "2024-11-30", "day"),
    ("Rabu (27/11)", SAT, "Rabu (27/11)", "2024-11-27", "2024-11-28", "day"),
    ("Senin (6/1/2025)", SUN, "Senin (6/1/2025)", "2025-01-06", "2025-01-07", "day"),
    ("Minggu (1/12/2024)", SAT, "Minggu (1/12/2024)", "2024-12-01", "2024-12-02", "day"),
    ("Selasa (31/12)", SUN, "Selasa (31/12)", "2024-12-31", "2025-01-01", "day"),
    ("Selasa (2/1)", SAT, "Selasa (2/1)", "2024-01-02", "2024-01-03", "day"),  # weekday picks year
    # day month year
    ("29 November 2024", SAT, "29 November 2024", "2024-11-29", "2024-11-30", "day"),
    ("29 Nov 2024", SAT, "29 Nov 2024", "2024-11-29", "2024-11-30", "day"),
    ("29 Nov. 2024", SAT, "29 Nov. 2024", "2024-11-29", "2024-11-30", "day"),
    ("Kamis, 28 November 2024", SAT, "Kamis, 28 November 2024", "2024-11-28", "2024-11-29", "day"),
    ("1 Desember 2024", SAT, "1 Desember 2024", "2024-12-01", "2024-12-02", "day"),
    ("tanggal 17 Agustus 2024", SAT, "tanggal 17 Agustus 2024", "2024-08-17", "2024-08-18", "day"),
    ("17 Agt 2024", SAT, "17 Agt 2024", "2024-08-17", "2024-08-18", "day"),
    ("29 Februari 2024", SAT, "29 Februari 2024", "2024-02-29", "2024-03-01", "day"),
    ("29 Juni", SAT, "29 Juni", "2024-06-29", "2024-06-30", "day"),
    ("3 Desember", SAT, "3 Desember", "2024-12-03", "2024-12-04", "day"),
    ("10 Juni lalu", SAT, "10 Juni lalu", "2024-06-10", "2024-06-11", "day"),
    ("28 Desember lalu", SUN, "28 Desember lalu", "2024-12-28", "2024-12-29", "day"),
    # month year and year
    ("November 2024", SAT, "November 2024", "2024-11-01", "2024-12-01", "month"),
    ("September 2023", SAT, "September 2023", "2023-09-01", "2023-10-01", "month"),
    ("Nov 2024", SAT, "Nov 2024", "2024-11-01", "2024-12-01", "month"),
    ("bulan Juni 2024", SAT, "bulan Juni 2024", "2024-06-01", "2024-07-01", "month"),
    ("pada Mei 2024", SAT, "Mei 2024", "2024-05-01", "2024-06-01", "month"),
    ("Februari 2024", SAT, "Februari 2024", "2024-02-01", "2024-03-01", "month"),
    ("tahun 2023", SAT, "tahun 2023", "2023-01-01", "2024-01-01", "year"),
    ("pada 2022", SAT, "2022", "2022-01-01", "2023-01-01", "year"),
    ("sejak 2014", SAT, "2014", "2014-01-01", "2015-01-01", "year"),
    ("pada tahun 1950", SAT, "tahun 1950", "1950-01-01", "1951-01-01", "year"),
    # ranges
    ("19-20 Juni 2024", SAT, "19-20 Juni 2024", "2024-06-19", "2024-06-21", "day"),
    ("19–20 Juni 2024", SAT, "19–20 Juni 2024", "2024-06-19", "2024-06-21", "day"),
    ("19 hingga 21 Juni 2024", SAT, "19 hingga 21 Juni 2024", "2024-06-19", "2024-06-22", "day"),
    ("12 sampai 13 September 2023", SAT, "12 sampai 13 September 2023", "2023-09-12",
     "2023-09-14", "day"),
    ("29 November - 1 Desember 2024", SAT, "29 November - 1 Desember 2024", "2024-11-29",
     "2024-12-02", "day"),
    ("30 Desember 2024 hingga 2 Januari 2025", SAT, "30 Desember 2024 hingga 2 Januari 2025",
     "2024-12-30", "2025-01-03", "day"),
    ("Juni hingga Agustus 2024", SAT, "Juni hingga Agustus 2024", "2024-06-01", "2024-09-01",
     "month"),
    ("Juni-Agustus 2024", SAT, "Juni-Agustus 2024", "2024-06-01", "2024-09-01", "month"),
    ("Desember 2023 hingga Februari 2024", SAT, "Desember 2023 hingga Februari 2024",
     "2023-12-01", "2024-03-01", "month"),
    ("tahun 2022-2024", SAT, "tahun 2022-2024", "2022-01-01", "2025-01-01", "year"),
    # days relative to the anchor
    ("kemarin", SAT, "kemarin", "2024-11-29", "2024-11-30", "day"),
    ("hari ini", SAT, "hari ini", "2024-11-30", "2024-12-01", "day"),
    ("besok", SAT, "besok", "2024-12-01", "2024-12-02", "day"),
    ("lusa", SAT, "lusa", "2024-12-02", "2024-12-03", "day"),
    ("kemarin lusa", SAT, "kemarin lusa", "2024-11-28", "2024-11-29", "day"),
    ("kemarin", SUN, "kemarin", "2025-01-04", "2025-01-05", "day"),
    ("kemarin", LEAP, "kemarin", "2024-02-29", "2024-03-01", "day"),
    ("besok pagi", SAT, "besok pagi", "2024-12-01", "2024-12-02", "day"),
    # N units ago / later
    ("3 hari lalu", SAT, "3 hari lalu", "2024-11-27", "2024-11-28", "day"),
    ("tiga hari lalu", SAT, "tiga hari lalu", "2024-11-27", "2024-11-28", "day"),
    ("dua hari yang lalu", SAT, "dua hari yang lalu", "2024-11-28", "2024-11-29", "day"),
    ("tiga hari mendatang", SAT, "tiga hari mendatang", "2024-12-03", "2024-12-04", "day"),
    ("tiga hari lagi", SAT, "tiga hari lagi", "2024-12-03", "2024-12-04", "day"),
    ("2 hari kemudian", SAT, "2 hari kemudian", "2024-12-02", "2024-12-03", "day"),
    ("2 pekan lalu", SAT, "2 pekan lalu", "2024-11-11", "2024-11-18", "week"),
    ("dua minggu lalu", SAT, "dua minggu lalu", "2024-11-11", "2024-11-18", "week"),
    ("sepekan lalu", SAT, "sepekan lalu", "2024-11-18", "2024-11-25", "week"),
    ("dua pekan mendatang", SAT, "dua pekan mendatang", "2024-12-09", "2024-12-16", "week"),
    ("tiga bulan lalu", SAT, "tiga bulan lalu", "2024-08-01", "2024-09-01", "month"),
    ("sebulan lalu", SAT, "sebulan lalu", "2024-10-01", "2024-11-01", "month"),
    ("enam bulan mendatang", SAT, "enam bulan mendatang", "2025-05-01", "2025-06-01", "month"),
    ("dua tahun lalu", SAT, "dua tahun lalu", "2022-01-01", "2023-01-01", "year"),
    ("lima tahun silam", SAT, "lima tahun silam", "2019-01-01", "2020-01-01", "year"),
    ("dua belas tahun lalu", SAT, "dua belas tahun lalu", "2012-01-01", "2013-01-01", "year"),
    ("dua tahun mendatang", SAT, "dua tahun mendatang", "2026-01-01", "2027-01-01", "year"),
    # this / last / next unit
    ("pekan lalu", SAT, "pekan lalu", "2024-11-18", "2024-11-25", "week"),
    ("minggu lalu", SAT, "minggu lalu", "2024-11-18", "2024-11-25", "week"),
    ("Minggu lalu", SAT, "Minggu lalu", "2024-11-18", "2024-11-25", "week"),
    ("pekan ini", SAT, "pekan ini", "2024-11-25", "2024-12-02", "week"),
    ("minggu depan", SAT, "minggu depan", "2024-12-02", "2024-12-09", "week"),
    ("pekan depan", SAT, "pekan depan", "2024-12-02", "2024-12-09", "week"),
    ("pekan lalu", SUN, "pekan lalu", "2024-12-23", "2024-12-30", "week"),
    ("bulan lalu", SAT, "bulan lalu", "2024-10-01", "2024-11-01", "month"),
    ("bulan ini", SAT, "bulan ini", "2024-11-01", "2024-12-01", "month"),
    ("bulan depan", SAT, "bulan depan", "2024-12-01", "2025-01-01", "month"),
    ("bulan lalu", SUN, "bulan lalu", "2024-12-01", "2025-01-01", "month"),
    ("tahun lalu", SAT, "tahun lalu", "2023-01-01", "2024-01-01", "year"),
    ("tahun ini", SAT, "tahun ini", "2024-01-01", "2025-01-01", "year"),
    ("tahun depan", SAT, "tahun depan", "2025-01-01", "2026-01-01", "year"),
    ("tahun lalu", SUN, "tahun lalu", "2024-01-01", "2025-01-01", "year"),
    # named months relative to the anchor
    ("Juni lalu", SAT, "Juni lalu", "2024-06-01", "2024-07-01", "month"),
    ("pada Juni lalu", SAT, "Juni lalu", "2024-06-01", "2024-07-01", "month"),
    ("Desember lalu", SAT, "Desember lalu", "2023-12-01", "2024-01-01", "month"),
    ("Desember lalu", SUN, "Desember lalu", "2024-12-01", "2025-01-01", "month"),
    ("November lalu", SAT, "November lalu", "2023-11-01", "2023-12-01", "month"),
    ("Januari mendatang", SAT, "Januari mendatang", "2025-01-01", "2025-02-01", "month"),
    ("Juli ini", MID, "Juli ini", "2024-07-01", "2024-08-01", "month"),
    ("pada Desember", SAT, "Desember", "2024-12-01", "2025-01-01", "month"),
    ("pada Oktober", SAT, "Oktober", "2024-10-01", "2024-11-01", "month"),
    ("sejak Maret", SAT, "Maret", "2024-03-01", "2024-04-01", "month"),
    ("hingga Januari", SAT, "Januari", "2025-01-01", "2025-02-01", "month"),
    ("bulan Agustus", MID, "bulan Agustus", "2024-08-01", "2024-09-01", "month"),
    # weekdays alone
    ("Jumat", SAT, "Jumat", "2024-11-29", "2024-11-30", "day"),
    ("Sabtu", SAT, "Sabtu", "2024-11-30", "2024-12-01", "day"),
    ("Rabu", SAT, "Rabu", "2024-11-27", "2024-11-28", "day"),
    ("pada Minggu", SAT, "Minggu", "2024-11-24", "2024-11-25", "day"),
    ("hari Jumat", SAT, "hari Jumat", "2024-11-29", "2024-11-30", "day"),
    ("Senin lalu", SAT, "Senin lalu", "2024-11-25", "2024-11-26", "day"),
    ("Sabtu lalu", SAT, "Sabtu lalu", "2024-11-23", "2024-11-24", "day"),
    ("Senin depan", SAT, "Senin depan", "2024-12-02", "2024-12-03", "day"),
    ("Jumat malam", SAT, "Jumat malam", "2024-11-29", "2024-11-30", "day"),
    ("Rabu", MID, "Rabu", "2024-07-10", "2024-07-11", "day"),
    # parts of a month, year or week
    ("awal November", SAT, "awal November", "2024-11-01", "2024-11-11", "month"),
    ("pertengahan November 2024", SAT, "pertengahan November 2024", "2024-11-11", "2024-11-21",
     "month"),
    ("akhir November 2024", SAT, "akhir November 2024", "2024-11-21", "2024-12-01", "month"),
    ("akhir Februari 2024", SAT, "akhir Februari 2024", "2024-02-21", "2024-03-01", "month"),
    ("awal Juni lalu", SAT, "awal Juni lalu", "2024-06-01", "2024-06-11", "month"),
    # issue 15: honest widths for parts of a year (first quarter, June-August, December)
    ("awal tahun 2024", SAT, "awal tahun 2024", "2024-01-01", "2024-04-01", "quarter"),
    ("akhir 2023", SAT, "akhir 2023", "2023-12-01", "2024-01-01", "month"),
    ("pertengahan tahun lalu", SAT, "pertengahan tahun lalu", "2023-06-01", "2023-09-01",
     "quarter"),
    ("akhir tahun ini", SAT, "akhir tahun ini", "2024-12-01", "2025-01-01", "month"),
    ("awal tahun depan", SAT, "awal tahun depan", "2025-01-01", "2025-04-01", "quarter"),
    ("akhir bulan lalu", SAT, "akhir bulan lalu", "2024-10-21", "2024-11-01", "month"),
    ("awal bulan depan", SAT, "awal bulan depan", "2024-12-01", "2024-12-11", "month"),
    ("akhir pekan lalu", SAT, "akhir pekan lalu", "2024-11-23", "2024-11-25", "week"),
    ("akhir pekan ini", SAT, "akhir pekan ini", "2024-11-30", "2024-12-02", "week"),
    # issue 15: expressions of real pages (parts of days, weeks, windows ending at the anchor)
    ("semalam", SAT, "semalam", "2024-11-29", "2024-12-01", "day"),
    ("Senin pagi", SAT, "Senin pagi", "2024-11-25", "2024-11-26", "day"),
    ("Senin dini hari", SAT, "Senin dini hari", "2024-11-25", "2024-11-26", "day"),
    ("pada hari Sabtu kemarin", MID, "hari Sabtu kemarin", "2024-07-06", "2024-07-07", "day"),
    ("Sabtu (18/5)", MID, "Sabtu (18/5)", "2024-05-18", "2024-05-19", "day"),
    ("pertengahan pekan ini", SAT, "pertengahan pekan ini", "2024-11-26", "2024-11-29", "week"),
    ("awal pekan ini", SAT, "awal pekan ini", "2024-11-25", "2024-11-28", "week"),
    ("pertengahan Oktober", SAT, "pertengahan Oktober", "2024-10-11", "2024-10-21", "month"),
    ("akhir tahun", SAT, "akhir tahun", "2024-12-01", "2025-01-01", "month"),
    ("akhir tahun", LEAP, "akhir tahun", "2023-12-01", "2024-01-01", "month"),
    ("akhir tahun lalu", SAT, "akhir tahun lalu", "2023-12-01", "2024-01-01", "month"),
    ("awal bulan ini", SAT, "awal bulan ini", "2024-11-01", "2024-11-11", "month"),
    ("baru-baru ini", SAT, "baru-baru ini", "2024-10-30", "2024-12-01", "vague"),
    ("dalam seminggu terakhir", SAT, "dalam seminggu terakhir", "2024-11-23", "2024-12-01",
     "week"),
    ("dalam beberapa hari terakhir", SAT, "dalam beberapa hari terakhir", "2024-11-23",
     "2024-12-01", "vague"),
    ("dalam beberapa tahun terakhir", SAT, "dalam beberapa tahun terakhir", "2021-01-01",
     "2024-12-01", "vague"),
    ("selama tiga pekan terakhir ini", SAT, "selama tiga pekan terakhir ini", "2024-11-09",
     "2024-12-01", "week"),
    ("sembilan bulan terakhir", MID, "sembilan bulan terakhir", "2023-10-10", "2024-07-11",
     "month"),
    ("tiga bulan terakhir", SAT, "tiga bulan terakhir", "2024-08-30", "2024-12-01", "month"),
    ("sepanjang tahun ini", SAT, "sepanjang tahun ini", "2024-01-01", "2024-12-01", "year"),
    ("sejak Agustus lalu", SAT, "Agustus lalu", "2024-08-01", "2024-09-01", "month"),
    ("sejak 2011", SAT, "2011", "2011-01-01", "2012-01-01", "year"),
    ("7 Oktober lalu", SAT, "7 Oktober lalu", "2024-10-07", "2024-10-08", "day"),
    ("beberapa hari setelah", SAT, "beberapa hari setelah", "2024-11-21", "2024-11-30",
     "vague"),
    ("pada 1950-1953", SAT, "1950-1953", "1950-01-01", "1954-01-01", "year"),
    ("dekade 1970-an", SAT, "dekade 1970-an", "1970-01-01", "1980-01-01", "decade"),
    ("pukul 08.00 hingga 21.00 waktu setempat", SAT, "pukul 08.00 hingga 21.00 waktu setempat",
     "2024-11-30", "2024-12-01", "datetime"),
    # quarters
    ("kuartal III 2024", SAT, "kuartal III 2024", "2024-07-01", "2024-10-01", "quarter"),
    ("triwulan pertama 2025", SAT, "triwulan pertama 2025", "2025-01-01", "2025-04-01",
     "quarter"),
    ("kuartal keempat tahun lalu", SAT, "kuartal keempat tahun lalu", "2023-10-01",
     "2024-01-01", "quarter"),
]


@pytest.mark.parametrize("text,anchor,surface,start,end,granularity", CASES,
                         ids=[f"{c[0]}@{c[1]:%Y-%m-%d}" for c in CASES])
def test_expression_table(text, anchor, surface, start, end, granularity):
    df = parse_temporal(f"Ia mengatakan hal itu {text} di Jakarta.", anchor)
    hits = df[df["surface"] == surface]
    assert len(hits) == 1, df[["surface", "rule"]].to_dict("records")
    row = hits.iloc[0]
    assert row["value_start"] == pd.Timestamp(start)
    assert row["value_end"] == pd.Timestamp(end)
    assert row["granularity"] == granularity
    assert len(df) == 1, "no extra mention should come out of the frame sentence"


def test_table_is_large_enough():
    assert len(CASES) >= 80


def test_columns_and_types():
    df = parse_temporal("Kim bertemu Belousov, Jumat (29/11/2024), dan pulang besok.", SAT)
    assert list(df.columns) == MENTION_COLUMNS
    assert str(df["value_start"].dtype).startswith("datetime64")
    assert df["value_start"].dt.tz is None
    assert (df["value_start"] == df["value_start"].dt.normalize()).all()
    text = "Kim bertemu Belousov, Jumat (29/11/2024), dan pulang besok."
    for _, r in df.iterrows():
        assert text[r["start"]:r["end"]] == r["surface"]
        assert isinstance(r["flags"], list)
    absolute, relative = df.iloc[0], df.iloc[1]
    assert absolute["anchor"] is None and relative["anchor"] == "2024-11-30"


def test_month_never_gets_an_invented_day():
    row = parse_temporal("pada September 2023", SAT).iloc[0]
    assert row["granularity"] == "month"
    assert row["value_start"].day == 1 and row["value_end"] == pd.Timestamp("2023-10-01")


def test_weekday_contradicting_date_is_flagged_and_not_trusted():
    row = parse_temporal("Kamis (29/11/2024)", SAT).iloc[0]
    assert "weekday-mismatch" in row["flags"]
    assert row["value_start"] == pd.Timestamp("2024-11-29")
    good = parse_temporal("Jumat (29/11/2024)", SAT).iloc[0]
    assert "weekday-mismatch" not in good["flags"]


def test_part_of_day_on_dated_mention():
    row = parse_temporal("Serangan terjadi Jumat (29/11/2024) malam.", SAT).iloc[0]
    assert row["surface"] == "Jumat (29/11/2024) malam"
    assert row["granularity"] == "day" and "part-of-day:malam" in row["flags"]
    row = parse_temporal("Ia tiba Kamis pagi.", SAT).iloc[0]
    assert row["value_start"] == pd.Timestamp("2024-11-28") and "part-of-day:pagi" in row["flags"]


def test_sentence_final_dot_is_not_part_of_a_month():
    df = parse_temporal("Kim tiba pada 29 November. Ia pulang 2 Des. 2024.", SAT)
    assert list(df["surface"]) == ["29 November", "2 Des. 2024"]


def test_year_inferred_for_day_month_is_flagged():
    row = parse_temporal("Rabu (27/11)", SAT).iloc[0]
    assert "inferred-year" in row["flags"]
    assert "inferred-year" not in parse_temporal("27 November 2024", SAT).iloc[0]["flags"]


def test_vague_expressions_refer_to_previous_dated_mention():
    text = ("Keduanya bertemu pada 13 September 2023. Sejak itu, hubungan kedua negara membaik. "
            "Kala itu, Putin memuji Kim.")
    df = parse_temporal(text, SAT)
    # issue 15 (GUIDE: "sejak X" is X's span with since): the antecedent's span and granularity
    assert list(df["granularity"]) == ["day", "day", "day"]
    since, then = df.iloc[1], df.iloc[2]
    assert since["anchor"] == "2023-09-13" and "since" in since["flags"]
    assert since["value_start"] == pd.Timestamp("2023-09-13")
    assert since["value_end"] == pd.Timestamp("2023-09-14")
    assert then["value_start"] == pd.Timestamp("2023-09-13") and "at-that-time" in then["flags"]
    assert then["value_end"] == pd.Timestamp("2023-09-14")


def test_sebelumnya_is_vague_and_before_its_reference():
    df = parse_temporal("Perjanjian itu berlaku 4 Desember 2024. Sebelumnya, Putin meneken.", SAT)
    row = df.iloc[1]
    assert row["granularity"] == "vague" and pd.isna(row["value_start"])
    assert row["value_end"] == pd.Timestamp("2024-12-04")


def test_vague_without_reference_is_left_open():
    row = parse_temporal("Sejak itu hubungan membaik.", SAT).iloc[0]
    assert row["granularity"] == "vague" and pd.isna(row["value_start"])
    assert "no-reference" in row["flags"]


def test_kemudian_counts_from_the_previous_dated_mention():
    df = parse_temporal("Perjanjian diteken 19 Juni 2024. Dua hari kemudian, Putin pulang.", SAT)
    row = df.iloc[1]
    assert row["value_start"] == pd.Timestamp("2024-06-21") and row["granularity"] == "day"
    assert row["anchor"] == "2024-06-19" and "relative-to-mention" in row["flags"]


@pytest.mark.parametrize("text", [
    "Intelijen menyebut lebih dari 10.000 pasukan dikirim.",
    "Ia pun menegaskan, oleh karenanya Rusia berhak untuk membela diri.",
    "Mei Lin tiba di Jakarta untuk bertemu keluarganya.",
    "Warga berkumpul usai salat Jumat di masjid raya.",
    "Mereka pergi Jumatan di masjid dekat rumah.",
    "Sepertiga (1/3) warga menolak, kata survei.",
    "Skor akhir 2/3 untuk tim tamu.",
    "Sebanyak 2024 orang mengungsi dari wilayah itu.",
    "Rudal Hwasong-18 diluncurkan dari lokasi rahasia.",
    "Resolusi 2231 Dewan Keamanan PBB tetap berlaku.",
    "Harga naik 1,5 persen menjadi 2.025 dolar.",
    "Pasukan Rusia berusaha memukul mundur pasukan Ukraina.",
])
def test_false_positives(text):
    df = parse_temporal(text, SAT)
    assert df.empty, df[["surface", "rule"]].to_dict("records")


def test_minggu_lower_case_is_a_week_not_sunday():
    row = parse_temporal("Kunjungan itu terjadi minggu ini.", SAT).iloc[0]
    assert row["granularity"] == "week"


def test_no_anchor_resolves_absolute_forms_only():
    df = parse_temporal("Jumat (29/11/2024) lalu kemarin dan Juni lalu", None)
    absolute = df[df["surface"] == "Jumat (29/11/2024)"].iloc[0]
    assert absolute["value_start"] == pd.Timestamp("2024-11-29")
    relative = df[df["surface"] != "Jumat (29/11/2024)"]
    assert len(relative) == 2
    assert relative["value_start"].isna().all()
    assert all("no-anchor" in f for f in relative["flags"])


@pytest.mark.parametrize("anchor", [
    "2024-11-30T10:52:00+07:00", pd.Timestamp("2024-11-29T20:00:00Z"), date(2024, 11, 30),
    pd.Timestamp("2024-11-30 10:52", tz="Asia/Jakarta"),
])
def test_anchor_types(anchor):
    row = parse_temporal("kemarin", anchor).iloc[0]
    assert row["value_start"] == pd.Timestamp("2024-11-29")


@pytest.mark.parametrize("bad", ["", None, "\x00\x01\xff\ufffd", "   \n\n  ", 12345])
def test_bad_input_returns_empty_frame(bad):
    df = parse_temporal(bad, SAT)
    assert list(df.columns) == MENTION_COLUMNS
    assert df.empty or (df["end"] > df["start"]).all()


def test_mentions_table_carries_article_and_paragraph():
    art = Article(article_id="kompas.tv:1", published=SAT,
                  paragraphs=["Kedua pemimpin bertemu 13 September 2023 di Rusia.",
                              "Paragraf tanpa tanggal.",
                              "Sejak itu, kerja sama militer meningkat pekan lalu."])
    df = mentions_table(art)
    assert list(df.columns) == TABLE_COLUMNS
    assert list(df["para_idx"]) == [0, 2, 2]
    assert set(df["article_id"]) == {"kompas.tv:1"}
    since = df.iloc[1]
    # issue 15: "sejak itu" takes its antecedent's span and granularity, flagged since
    assert since["granularity"] == "day" and since["anchor"] == "2023-09-13"
    assert "since" in since["flags"]


def test_mentions_table_without_published_flags_no_anchor():
    art = Article(article_id="x", published=None,
                  paragraphs=["Pertemuan pada 29 November 2024 dan bulan ini."])
    df = mentions_table(art)
    assert df.iloc[0]["value_start"] == pd.Timestamp("2024-11-29")
    # issue 15: without `published`, the body's explicit date anchors "bulan ini" (flagged)
    assert "anchor-from-body" in df.iloc[1]["flags"]
    assert df.iloc[1]["value_start"] == pd.Timestamp("2024-11-01")
    bare = Article(article_id="z", published=None, paragraphs=["Pertemuan bulan ini."])
    assert "no-anchor" in mentions_table(bare).iloc[0]["flags"]
    assert mentions_table(Article(article_id="y")).empty


def test_seed_mentions(seed_article):
    df = mentions_table(seed_article)
    got = {(r.surface, r.value_start, r.value_end, r.granularity) for r in df.itertuples()}
    expected = {
        ("Jumat (29/11/2024)", pd.Timestamp("2024-11-29"), pd.Timestamp("2024-11-30"), "day"),
        ("Sabtu (30/11/2024)", pd.Timestamp("2024-11-30"), pd.Timestamp("2024-12-01"), "day"),
        ("Juni lalu", pd.Timestamp("2024-06-01"), pd.Timestamp("2024-07-01"), "month"),
        ("September 2023", pd.Timestamp("2023-09-01"), pd.Timestamp("2023-10-01"), "month"),
        ("bulan ini", pd.Timestamp("2024-11-01"), pd.Timestamp("2024-12-01"), "month"),
    }
    assert expected <= got
    for r in df.itertuples():
        assert seed_article.paragraphs[r.para_idx][r.start:r.end] == r.surface
    assert not df["surface"].str.contains("10.000").any()





TOKENS = ["Jumat", "(29/11/2024)", "Juni", "lalu", "pada", "September", "2023", "bulan", "ini",
          "pekan", "minggu", "Minggu", "tahun", "awal", "akhir", "pertengahan", "hingga", "-",
          "19", "31", "2/1", "(30/2)", "Sabtu", "kemarin", "lusa", "dua", "hari", "kemudian",
          "sejak", "itu", "sebelumnya", "kuartal", "III", "10.000", "Mei", "Kim", "Rusia", ",",
          ".", "malam", "Desember", "Februari", "29", "2024", "(", ")", "tiga", "mendatang"]


def test_random_token_soup_never_breaks_the_contract():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(TOKENS), max_size=14),
           st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))
    def check(tokens, anchor):
        text = " ".join(tokens)
        df = parse_temporal(text, anchor)
        assert list(df.columns) == MENTION_COLUMNS
        for r in df.itertuples():
            assert text[r.start:r.end] == r.surface and r.end > r.start
            assert r.granularity in {"day", "week", "month", "quarter", "year", "datetime", "vague"}
            if not pd.isna(r.value_start) and not pd.isna(r.value_end):
                assert r.value_end > r.value_start
                assert r.value_start == r.value_start.normalize()
        assert (df["start"].diff().dropna() > 0).all()  # ordered, non-overlapping
        assert (df["start"].iloc[1:].to_numpy() >= df["end"].iloc[:-1].to_numpy()).all()

    check()


# ---------------------------------------------------------------- rows API (issue 7)
def _assert_rows_match_table(article) -> list[dict]:
    from kompaskit.temporal import mention_rows, mentions_frame

    rows = mention_rows(article)
    table = mentions_table(article)
    assert rows == table.to_dict("records")  # same values and Python types (NaT is one object)
    assert all(list(r) == TABLE_COLUMNS for r in rows)
    if rows:
        pd.testing.assert_frame_equal(pd.DataFrame(rows, columns=TABLE_COLUMNS, dtype=object),
                                      table.astype(object), check_column_type=False)
    pd.testing.assert_frame_equal(mentions_frame(rows), table)
    return rows


def test_mention_rows_equal_mentions_table(seed_article, make_synthetic_articles):
    seed_rows = _assert_rows_match_table(seed_article)
    assert any(r["surface"] == "Jumat (29/11/2024)" for r in seed_rows)
    articles = make_synthetic_articles(50, seed=3)
    n_rows = sum(len(_assert_rows_match_table(a)) for a in articles)
    assert n_rows > len(articles)  # the synthetic texts carry dates: the check is not vacuous
    r = next(r for a in articles for r in _assert_rows_match_table(a) if r["anchor"])
    assert isinstance(r["start"], int) and isinstance(r["para_idx"], int)
    assert isinstance(r["value_start"], pd.Timestamp) and isinstance(r["flags"], list)


def test_mention_rows_of_empty_article_and_frame_of_many():
    from kompaskit.temporal import mention_rows, mentions_frame

    assert mention_rows(Article(article_id="kosong")) == []
    empty = mentions_frame([])
    assert list(empty.columns) == TABLE_COLUMNS and empty.empty
    assert str(empty["value_start"].dtype) == "datetime64[ns]"
    a = Article(article_id="a", published=SAT, paragraphs=["Rapat digelar Senin (25/11/2024)."])
    b = Article(article_id="b", published=None, paragraphs=["Sejak itu tidak ada kabar.",
                                                            "Rapat lanjutan pada Juni 2024."])
    both = mentions_frame(mention_rows(a) + mention_rows(b))
    assert list(both["article_id"]) == ["a", "b", "b"]
    assert list(both["para_idx"]) == [0, 0, 1]
    assert both.iloc[1]["flags"] == ["no-reference"] and pd.isna(both.iloc[1]["value_start"])
    assert both.iloc[2]["value_end"] == pd.Timestamp("2024-07-01")


GATE_TOKENS = TOKENS + ["lagi", "Q3", "q2", "kala", "waktu", "saat", "ketika", "sepekan",
                        "silam", "setahun", "s.d.", "s/d", "sampai", "1998", "Triwulan", "IV",
                        "berikutnya", "yang", "2025", "–", "dan", "tanggal", "Jum'at",
                        # whole phrases, so that each gated rule is exercised often
                        "dua hari lalu", "tiga pekan kemudian", "sebulan lagi", "setahun silam",
                        "beberapa hari sebelumnya", "kala itu", "waktu itu", "Q3 2024",
                        "2019 - 2021", "1 - 3 Desember 2024", "29 November - 2 Desember 2024",
                        "kuartal III 2024", "triwulan kedua tahun lalu", "empat belas tahun lalu"]


def _ungated(text: str, anchor):
    """scan_temporal with every pattern run (the cue gate switched off)."""
    from kompaskit import temporal

    saved = temporal._rules_for
    temporal._rules_for = lambda features: tuple(temporal._PATTERNS)
    try:
        return temporal.scan_temporal(text, anchor)
    finally:
        temporal._rules_for = saved


def test_cue_gate_never_drops_a_mention(seed_article):
    """The cheap word gate only skips patterns that cannot match: same mentions without it."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kompaskit.temporal import scan_temporal

    for par in seed_article.paragraphs:
        assert scan_temporal(par, SAT) == _ungated(par, SAT)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(GATE_TOKENS), max_size=14),
           st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))
    def check(tokens, anchor):
        text = " ".join(tokens)
        assert scan_temporal(text, anchor) == _ungated(text, anchor)

    check()


# ---------------------------------------------------------------- issue 13 item 8, issue 15
@pytest.mark.parametrize("text,flag", [
    ("31 Februari 2024", "invalid-date"),
    ("32 Januari 2024", "invalid-date"),
    ("Senin (31/2/2024)", "invalid-date"),
    ("1 Januari 1899", "implausible-year"),
    ("15 Agustus 9999", "implausible-year"),
    ("1000000 tahun lalu", "implausible-offset"),
])
def test_impossible_dates_are_flagged_not_widened(text, flag):
    df = parse_temporal(f"Peristiwa itu terjadi {text} menurut laporan.", SAT)
    assert len(df) == 1, df[["surface", "rule"]].to_dict("records")
    row = df.iloc[0]
    assert row["surface"] == text and flag in row["flags"]
    assert pd.isna(row["value_start"]) and pd.isna(row["value_end"])


def test_digit_runs_in_relative_expressions_are_honoured():
    row = parse_temporal("Kejadian itu 300 hari lalu.", SAT).iloc[0]
    assert row["surface"] == "300 hari lalu"
    assert row["value_start"] == pd.Timestamp("2024-02-04")


def test_sejak_marks_an_open_range_from_its_expression():
    for text, start in [("sejak Agustus lalu", "2024-08-01"), ("sejak 2011", "2011-01-01"),
                        ("semenjak awal bulan ini", "2024-11-01")]:
        row = parse_temporal(f"Hubungan membaik {text}.", SAT).iloc[0]
        assert "since" in row["flags"] and row["value_start"] == pd.Timestamp(start), text
    assert "since" not in parse_temporal("pada Agustus lalu", SAT).iloc[0]["flags"]


def test_saat_itu_takes_its_antecedent_or_stays_vague():
    df = parse_temporal("Trump tiba di Tokyo pada 5 November lalu. Saat itu, Trump bertemu "
                        "keluarga korban.", datetime(2017, 11, 17, tzinfo=WIB))
    then = df.iloc[1]
    assert then["granularity"] == "day" and then["value_start"] == pd.Timestamp("2017-11-05")
    assert "at-that-time" in then["flags"]
    # an antecedent more than two paragraphs back is not trusted: left vague
    art = Article(article_id="v", published=SAT,
                  paragraphs=["Keduanya bertemu pada September 2023.", "Paragraf lain.",
                              "Paragraf lain lagi.", "Saat itu, Putin memuji Kim.",
                              "Sebelumnya, Rusia menolak."])
    df = mentions_table(art)
    far = df[df["para_idx"] == 3].iloc[0]
    assert far["granularity"] == "vague" and pd.isna(far["value_start"])
    before = df[df["para_idx"] == 4].iloc[0]
    assert before["granularity"] == "vague" and pd.isna(before["value_start"])


def test_semalam_and_clock_times_belong_to_the_day_just_named():
    df = parse_temporal("Kyiv pada Minggu (20/10/2024) mengatakan serangan itu terjadi semalam.",
                        SAT)
    night = df[df["surface"] == "semalam"].iloc[0]
    assert night["value_start"] == pd.Timestamp("2024-10-19")
    assert night["value_end"] == pd.Timestamp("2024-10-21")
    art = Article(article_id="c", published=SAT,
                  paragraphs=["Latihan digelar Sabtu (23/11/2024).",
                              "Menurut Xinhua, latihan berlangsung pukul 08.00 hingga 21.00 "
                              "waktu setempat."])
    clock = mentions_table(art).iloc[1]
    assert clock["granularity"] == "datetime"
    assert clock["value_start"] == pd.Timestamp("2024-11-23")
    assert {"clock:08:00", "clock-end:21:00"} <= set(clock["flags"])


def test_embed_paragraphs_have_no_mentions():
    art = Article(article_id="e", published=SAT,
                  paragraphs=["Kim tiba Jumat (29/11/2024).", "Postingan: Sabtu (30/11/2024)."],
                  paragraph_kinds=["body", "embed"])
    assert list(mentions_table(art)["para_idx"]) == [0]


def test_sebelumnya_paragraphs_away_is_before_the_report_not_an_old_date(seed_article):
    df = mentions_table(seed_article)
    before = df[df["surface"].str.lower() == "sebelumnya"]
    assert len(before) == 1
    # the seed's "Intelijen Korea Selatan sebelumnya menyebut ..." is a late-2024 claim
    assert before.iloc[0]["value_end"] == pd.Timestamp("2024-11-30")


def test_body_dates_anchor_a_page_without_published():
    art = Article(article_id="b", published=None,
                  paragraphs=["Putin menerima Kim pada Kamis (21/11/2024).",
                              "Pertemuan lanjutan digelar 20 November dan bulan ini juga."])
    df = mentions_table(art).set_index("surface")
    assert df.loc["20 November", "value_start"] == pd.Timestamp("2024-11-20")
    assert df.loc["bulan ini", "value_start"] == pd.Timestamp("2024-11-01")
    assert "anchor-from-body" in df.loc["bulan ini", "flags"]


def test_n_units_after_an_undated_event_has_no_values():
    row = parse_temporal("Iran menyerang dua pekan setelah konsulatnya dihantam.", SAT).iloc[0]
    assert row["rule"] == "after-event" and pd.isna(row["value_start"])
    assert "relative-to-event" in row["flags"]
