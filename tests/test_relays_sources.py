"""Relays in quotes.via and cited sources (issue 14 items 3-4). Fixtures written for the test."""
from __future__ import annotations

from kompaskit.article import Article
from kompaskit.provenance import attribution_rows, resolve_source
from kompaskit.quotes import extract_quotes


def first(text: str) -> dict:
    out = extract_quotes(text).to_dict("records")
    assert out, text
    return out[0]


def test_sentence_initial_source_tag_becomes_the_relay():
    r = first("Dikutip dari Sky News, dalam jumpa pers itu Presiden Rusia Vladimir Putin mengatakan bahwa "
              "latihan bersama akan digelar tahun depan.")
    assert r["speaker"] == "Vladimir Putin" and r["via"] == ["Sky News"]
    assert r["text"].startswith("latihan bersama")


def test_source_tag_then_menurut():
    r = first("Dilansir dari DW, menurut KCNA, rudal jelajah baru itu diuji di lepas pantai timur.")
    assert r["speaker"] == "KCNA" and r["via"] == ["DW"]
    assert r["text"].startswith("rudal jelajah")  # the tag is not content


def test_praise_tag_with_relay_after_the_speaker():
    r = first("\"Dia sahabat sejati yang selalu menepati janji,\" puji Putin dilansir dari CNBC News.")
    assert r["kind"] == "direct" and r["cue"] == "puji"
    assert r["speaker"] == "Vladimir Putin" and r["via"] == ["CNBC News"]


def test_addressee_outlet_is_a_relay():
    r = first("Juru bicara Kremlin Dmitry Peskov mengatakan kepada kantor berita TASS, kunjungan itu berjalan lancar.")
    assert r["speaker"] == "Dmitry Peskov" and r["via"] == ["TASS"]


def test_outlet_relaying_another_outlet():
    r = first("Adapun KCNA via Yonhap melaporkan, delegasi Rusia tiba di Pyongyang untuk perundingan.")
    assert r["speaker"] == "KCNA" and r["via"] == ["Yonhap"]


def _sources(article: Article) -> list[dict]:
    return attribution_rows(article)


def test_photographer_is_not_a_source_the_agency_is():
    art = Article(article_id="p1", paragraphs=["Korea Utara kembali menguji rudal balistik."],
                  paragraph_kinds=["body"],
                  caption="Peluncur rudal di Pyongyang. (Sumber: Lee Jin-man/Associated Press)")
    photo = [r for r in _sources(art) if r["target"] == "photo"]
    agencies = [r["source"] for r in photo if r["source_type"] != "person"]
    assert agencies == ["AP"]
    assert {r["source_type"] for r in photo if r["source_mention"] == "Lee Jin-man"} == {"person"}


def test_cut_footer_resolves_by_unique_prefix():
    art = Article(article_id="f1", source=["Asso"], paragraphs=["Seoul memanggil duta besar Rusia."],
                  paragraph_kinds=["body"])
    footer = [r for r in _sources(art) if r["target"] == "article"]
    assert [(r["source"], r["source_type"]) for r in footer] == [("AP", "wire")]
    # too short or ambiguous prefixes stay as written
    assert resolve_source("Ass")[1] == "unknown"


def test_institution_that_states_something_is_a_source():
    text = "Pasukan khusus Ukraina mengatakan, dua tentara Korea Utara ditangkap di wilayah Kursk."
    q = extract_quotes(text)
    q.insert(0, "quote_id", ["q1"])
    q.insert(1, "para_idx", [0])
    art = Article(article_id="i1", paragraphs=[text], paragraph_kinds=["body"])
    said = [r for r in attribution_rows(art, q) if r["relation"] == "said"]
    assert said and said[0]["source_type"] == "military" and said[0]["source_country"] == "UA"


def test_generic_mentions_keep_their_words_with_type_and_country():
    assert resolve_source("media pemerintah Korea Utara") == ("media pemerintah Korea Utara", "state_media", "KP")
    assert resolve_source("pasukan khusus Ukraina") == ("pasukan khusus Ukraina", "military", "UA")
    name, kind, country = resolve_source("militer Korea Selatan")
    assert kind == "military" and country == "KR"


def test_untyped_unnamed_speakers_are_not_cited_sources():
    text = "Seorang warga setempat mengatakan, ledakan terdengar dua kali sebelum subuh."
    q = extract_quotes(text)
    q.insert(0, "quote_id", ["q1"])
    q.insert(1, "para_idx", [0])
    art = Article(article_id="u1", paragraphs=[text], paragraph_kinds=["body"])
    assert not [r for r in attribution_rows(art, q) if r["relation"] == "said" and r["source_type"] != "person"]


def test_published_by_outlet_is_a_source():
    text = ("Dalam komentar yang dipublikasikan oleh media pemerintah Iran, menteri itu memuji kerja sama "
            "kedua negara.")
    art = Article(article_id="m1", paragraphs=[text], paragraph_kinds=["body"])
    assert "media pemerintah Iran" in {r["source_mention"] for r in attribution_rows(art)}


def test_title_with_demonstrative_points_back_to_the_person_introduced_earlier():
    text = ("Komandan Armada Timur, Laksamana Budi Hartono, mengatakan patroli akan ditambah.\n\n"
            "\"Kami menjaga nelayan di perairan itu,\" kata Kepala Staf Angkatan Laut itu pada Senin.")
    rows = extract_quotes(text).to_dict("records")
    direct = [r for r in rows if r["kind"] == "direct"]
    assert direct and direct[0]["speaker"] == "Budi Hartono", rows


def test_title_with_demonstrative_and_nobody_before_is_not_a_person_name():
    r = first("\"Kami siaga penuh,\" kata Kepala Staf Angkatan Laut itu.")
    assert r["speaker"] != "Angkatan Laut" and "itu" not in r["speaker"]


def test_document_speaks_for_its_issuer():
    r = first("\"Sanksi itu tidak sah,\" kata pernyataan yang dirilis di situs web Kementerian Luar "
              "Negeri Rusia pada Sabtu.")
    assert r["speaker"] == "Kementerian Luar Negeri Rusia", r
    r = first("\"Kami tidak akan mundur,\" tulis unggahan di akun resmi Kremlin.")
    assert r["speaker"] == "Kremlin", r


def test_speakers_carry_the_registry_country_like_sources_do():
    rows = extract_quotes("Presiden Rusia Vladimir Putin mengatakan bahwa kerja sama akan diperluas.\n\n"
                          "\"Kami siap,\" kata Kementerian Luar Negeri Korea Utara.\n\n"
                          "\"Harga naik,\" kata seorang warga.").to_dict("records")
    by_speaker = {r["speaker"]: r["speaker_country"] for r in rows}
    assert by_speaker["Vladimir Putin"] == "RU"
    assert by_speaker["Kementerian Luar Negeri Korea Utara"] == "KP"
    assert by_speaker["seorang warga"] == ""


def test_a_bare_title_gets_no_country_from_a_longer_registry_name():
    r = first("\"Kami siap,\" kata Kepala Staf itu.")
    assert r["speaker_country"] == "", r  # `Kepala Staf Gabungan` (JCS) is not any chief of staff
    r = first("\"Uji coba berhasil,\" kata Korean Central News Agency (KCNA).")
    assert r["speaker_country"] == "KP", r
