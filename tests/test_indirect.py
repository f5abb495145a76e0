"""Indirect speech, speakers and relays as Kompas world news writes them (issue 14 items 2-3).

Every sentence here is written for the test (same shapes as the issue's examples, own words).
"""
from __future__ import annotations

import pytest

from kompaskit.quotes import extract_quotes


def rows(text: str) -> list[dict]:
    return extract_quotes(text).to_dict("records")


def one(text: str, start: str) -> dict:
    """The single statement whose text starts with `start`."""
    hits = [r for r in rows(text) if r["text"].startswith(start)]
    assert len(hits) == 1, rows(text)
    return hits[0]


# ---- reporting clauses: verb-first / subject-first, with and without `bahwa`
@pytest.mark.parametrize("text, content, speaker", [
    ("Menteri Pertahanan Jepang Gen Nakatani mengatakan bahwa patroli udara akan ditambah tahun depan.",
     "patroli udara", "Gen Nakatani"),
    ("Menteri Pertahanan Jepang Gen Nakatani mengatakan patroli udara akan ditambah tahun depan.",
     "patroli udara", "Gen Nakatani"),
    ("Kementerian Luar Negeri Jepang pada Selasa (3/12/2024) menegaskan, latihan itu melanggar kesepakatan.",
     "latihan itu", "Kementerian Luar Negeri Jepang"),
    ("Filipina pada Senin mengatakan, kapal patroli mereka dihadang di dekat karang itu.",
     "kapal patroli", "Filipina"),
])
def test_reporting_clause(text, content, speaker):
    r = one(text, content)
    assert r["kind"] == "indirect" and r["speaker"] == speaker


def test_menurut_before_after_and_without_comma():
    assert one("Menurut Perdana Menteri Anwar Ibrahim, perundingan akan dilanjutkan bulan depan.",
               "perundingan")["speaker"] == "Anwar Ibrahim"
    r = one("Perundingan itu, menurut Perdana Menteri Anwar Ibrahim sudah hampir selesai.", "Perundingan itu")
    assert r["speaker"] == "Anwar Ibrahim"
    assert one("Menurut Anwar Ibrahim perundingan akan dilanjutkan bulan depan.", "perundingan")["speaker"] == "Anwar Ibrahim"
    r = one("Menurut pejabat keamanan Filipina, dua kapal asing terlihat di perairan itu.", "dua kapal")
    assert r["speaker_mention"] == "pejabat keamanan Filipina"


def test_speech_tag_inside_or_after_a_paraphrase():
    text = ("Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Vladivostok.\n"
            "Kini, lanjut Putin, kedua negara sedang membahas kerja sama di bidang antariksa.")
    r = one(text, "kedua negara")
    assert r["speaker"] == "Vladimir Putin" and r["cue"] == "lanjut"
    r = one("Presiden Rusia Vladimir Putin bertemu Kim Jong Un.\nPertemuan ini sangat produktif, katanya.",
            "Pertemuan ini")
    assert r["speaker"] == "Vladimir Putin"


def test_back_reference_attributes_the_previous_sentence():
    text = ("Pasukan Korea Utara disebut sudah tiba di wilayah Kursk sejak awal bulan.\n"
            "Hal itu disampaikan oleh Kepala Intelijen Militer Ukraina Kyrylo Budanov.")
    r = one(text, "Pasukan Korea Utara")
    assert r["speaker"] == "Kyrylo Budanov" and r["kind"] == "indirect"
    text = ("Latihan gabungan itu akan digelar dua kali setahun. Pernyataan itu diungkapkan "
            "Menteri Pertahanan Korea Selatan Kim Yong-hyun pada Rabu.")
    assert one(text, "Latihan gabungan")["speaker"] == "Kim Yong-hyun"


def test_mengutip_y_bahwa_y_speaks():
    text = ("Anggota parlemen Lee Seong-kweun mengutip Badan Intelijen Nasional Korea Selatan (NIS) bahwa "
            "ribuan tentara telah dikirim ke Rusia.")
    r = one(text, "ribuan tentara")
    assert "NIS" in r["speaker"] or "Badan Intelijen" in r["speaker"]
    assert r["speaker_type"] == "organisation"


@pytest.mark.parametrize("text, content, cue", [
    ("Kim Jong Un menyampaikan terima kasih kepada rakyat Rusia atas sambutan hangatnya.", "terima kasih", "menyampaikan"),
    ("Kementerian Luar Negeri China mengutuk serangan terhadap konvoi bantuan itu.", "serangan terhadap", "mengutuk"),
    ("Pemerintah Jepang mengumumkan paket bantuan senilai 5 juta dollar AS untuk korban banjir.", "paket bantuan", "mengumumkan"),
])
def test_speech_acts_with_noun_objects(text, content, cue):
    r = one(text, content)
    assert r["cue"] == cue and r["kind"] == "indirect"


def test_outlet_reports_as_speaker():
    r = one("Kantor berita Yonhap melaporkan, dua rudal jatuh di luar zona ekonomi eksklusif Jepang.", "dua rudal")
    assert r["speaker_type"] == "organisation" and "Yonhap" in r["speaker"]
    r = one("Dua rudal jatuh di luar zona ekonomi eksklusif Jepang, Yonhap melaporkan.", "Dua rudal")
    assert "Yonhap" in r["speaker"]


def test_passive_source_tag_is_not_a_statement():
    out = rows("Dikutip dari AP, kapal induk itu berlabuh di Busan pada Sabtu.")
    assert out == []


@pytest.mark.parametrize("text", [
    "Kedua pemimpin bertemu di Pyongyang, di mana mereka melanjutkan pembicaraan lebih lanjut.",
    "NIS saat ini masih berusaha memastikan jumlah pasti korban di pihak Korea Utara.",
])
def test_non_speech_verbs_are_not_statements(text):
    assert rows(text) == []


def test_written_banner_is_not_a_person_statement():
    text = ("Presiden Rusia Vladimir Putin tiba di Pyongyang pada Rabu dini hari.\n"
            "Warga membawa spanduk bertuliskan, \"Selamat datang sahabat kami dari Rusia yang agung.\"")
    assert not [r for r in rows(text) if r["speaker"] == "Vladimir Putin" and "Selamat datang" in r["text"]]


def test_content_starts_at_the_content_not_the_addressee():
    r = one("Juru bicara Kremlin Dmitry Peskov, menjelaskan kepada media Rusia bahwa mobil itu hadiah pribadi.",
            "mobil itu")
    assert r["speaker"] == "Dmitry Peskov"


# ---- one speaker, no boundaries inside names, organisations are not persons
def test_sentence_boundary_never_enters_a_name():
    text = ("Menteri Pertahanan Rusia Andrei Belousov tiba di Pyongyang. Ia mengatakan kerja sama kedua "
            "negara akan diperluas.")
    r = one(text, "kerja sama")
    assert r["speaker"] == "Andrei Belousov"
    assert all(". " not in str(x["speaker"]) for x in rows(text))


def test_states_and_institutions_are_organisations():
    r = one("Korsel menegaskan bahwa latihan itu bersifat defensif.", "latihan itu")
    assert r["speaker_type"] != "person"
    r = one("Militer Korea Selatan mengatakan, peluncuran terdeteksi pukul 07.10 waktu setempat.", "peluncuran")
    assert r["speaker_type"] == "organisation"


@pytest.mark.parametrize("word", ["Tampaknya", "Para", "Korsel"])
def test_common_words_are_never_persons(word):
    text = f"{word} pejabat itu mengatakan bahwa perundingan akan diteruskan pekan depan."
    assert not [r for r in rows(text) if r["speaker"] == word and r["speaker_type"] == "person"]


def test_embed_paragraph_yields_no_quote():
    from kompaskit.article import Article
    from kompaskit.quotes import quote_rows

    art = Article(article_id="t1", paragraphs=[
        "Presiden Korea Selatan mengatakan bahwa latihan akan dilanjutkan.",
        "Akun resmi militer mengatakan bahwa unggahan ini palsu.",
    ], paragraph_kinds=["body", "embed"])
    got = quote_rows(art)
    assert {r["para_idx"] for r in got} == {0}


def test_one_name_per_speaker_in_an_article():
    text = ("Pemimpin Korea Utara Kim Jong Un mengatakan bahwa hubungan kedua negara makin erat.\n"
            "Kim Jong-un menambahkan, kunjungan balasan akan dilakukan tahun depan.\n"
            "Intelijen Korea Selatan mengatakan, pasukan sudah dikirim ke Rusia.\n"
            "NIS menambahkan, jumlah pasukan itu mencapai ribuan orang.")
    speakers = [r["speaker"] for r in rows(text)]
    assert speakers == ["Kim Jong Un", "Kim Jong Un", "Intelijen Korea Selatan", "Intelijen Korea Selatan"]


def test_negated_speech_verb_is_no_statement():
    text = "Kedutaan Besar Rusia di Jakarta tidak menanggapi ketika dimintai komentar tentang laporan itu."
    assert rows(text) == []


def test_role_description_with_itu_refers_back():
    text = ("Presiden Prancis Emmanuel Macron tiba di Beijing pada Selasa.\n"
            "\"Kami datang untuk bekerja sama,\" kata presiden dari Partai Renaissance itu.")
    r = one(text, "Kami datang")
    assert r["speaker"] == "Emmanuel Macron" and r["speaker_type"] == "person"


def test_back_reference_does_not_duplicate_an_attributed_sentence():
    text = ("Ia pun menegaskan, kedua negara berhak membela diri dari ancaman luar.\n"
            "Hal itu diungkapkan Menteri Luar Negeri Rusia Sergei Lavrov di Moskwa.")
    assert len([r for r in rows(text) if "berhak membela" in r["text"]]) == 1


@pytest.mark.parametrize("tag", ["Hal tersebut dikatakan oleh", "Pernyataan itu disampaikan", "Hal itu diungkapkan oleh"])
def test_back_reference_variants(tag):
    text = (f"Kapal selam itu akan dikirim ke Laut Jepang akhir bulan ini. {tag} juru bicara Angkatan Laut "
            "Korea Selatan Jang Do-young.")
    r = one(text, "Kapal selam")
    assert r["speaker"] == "Jang Do-young"
