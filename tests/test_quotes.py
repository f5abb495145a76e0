"""Quote extraction: a table of Indonesian constructions (own sentences), the seed, the table, views."""
from __future__ import annotations

import pandas as pd
import pytest

from kompaskit.article import Article
from kompaskit.quotes import COLUMNS, TABLE_COLUMNS, cue_lookup, extract_quotes, quote_rows, quotes_table

# (id, text, expected quotes [(content substring, speaker, kind)], quotes that must NOT be found)
CASES: list[tuple[str, str, list[tuple[str, str | None, str]], list[str]]] = [
    # --- cue after the quote
    ("after-kata", "“Kami siap membantu,” kata Budi Santoso.",
     [("Kami siap membantu,", "Budi Santoso", "direct")], []),
    ("after-ujar", "“Harga beras naik lagi,” ujar Siti Rahayu kepada wartawan.",
     [("Harga beras naik lagi,", "Siti Rahayu", "direct")], []),
    ("after-ucap", "“Kami tidak akan mundur,” ucap Agus Salim di Jakarta.",
     [("Kami tidak akan mundur,", "Agus Salim", "direct")], []),
    ("after-tutur", "“Jalan ini rusak sejak tahun lalu,” tutur Rina Marlina.",
     [("Jalan ini rusak sejak tahun lalu,", "Rina Marlina", "direct")], []),
    ("after-jelas", "“Proyek selesai bulan depan,” jelas Dedi Kurniawan.",
     [("Proyek selesai bulan depan,", "Dedi Kurniawan", "direct")], []),
    ("after-ungkap", "“Banyak warga belum menerima bantuan,” ungkap Lina Marpaung.",
     [("Banyak warga belum menerima bantuan,", "Lina Marpaung", "direct")], []),
    ("after-imbuh", "“Stok cukup sampai Lebaran,” imbuh Hendra Wijaya.",
     [("Stok cukup sampai Lebaran,", "Hendra Wijaya", "direct")], []),
    ("after-tambah", "“Kami akan evaluasi,” tambah Yusuf Mansur.",
     [("Kami akan evaluasi,", "Yusuf Mansur", "direct")], []),
    ("after-lanjut", "“Pasar dibuka kembali besok,” lanjut Wawan Setiawan.",
     [("Pasar dibuka kembali besok,", "Wawan Setiawan", "direct")], []),
    ("after-sebut", "“Ada tiga korban luka,” sebut Joni Iskandar.",
     [("Ada tiga korban luka,", "Joni Iskandar", "direct")], []),
    ("after-tegas", "“Tidak ada toleransi bagi pelanggar,” tegas Maria Ulfa.",
     [("Tidak ada toleransi bagi pelanggar,", "Maria Ulfa", "direct")], []),
    ("after-role-name", "“Ekspor tumbuh lima persen,” kata Menteri Perdagangan Rudi Hartono.",
     [("Ekspor tumbuh lima persen,", "Rudi Hartono", "direct")], []),
    ("after-role-apposition",
     "“Kami menolak tuduhan itu,” kata juru bicara Kementerian Luar Negeri, Teuku Rahman, di Jakarta.",
     [("Kami menolak tuduhan itu,", "Teuku Rahman", "direct")], []),
    ("after-name-mid-sentence", "“Semua harus antre,” kata Bambang Sutejo, Senin (4/3/2024).",
     [("Semua harus antre,", "Bambang Sutejo", "direct")], []),
    ("after-no-comma", "“Tidak” kata Andi Wijaya singkat.",
     [("Tidak", "Andi Wijaya", "direct")], []),
    ("after-exclamation", "“Mundur!” seru Komandan Yudi Prasetyo.",
     [("Mundur!", "Yudi Prasetyo", "direct")], []),
    ("after-question", "“Siapa yang bertanggung jawab?” tanya Lukman Hakim.",
     [("Siapa yang bertanggung jawab?", "Lukman Hakim", "direct")], []),
    # --- cue typos tolerated where unambiguous
    ("typo-ujanya", "Gubernur Anwar Fauzi meninjau lokasi banjir.\n“Kami kirim perahu,” ujanya.",
     [("Kami kirim perahu,", "Anwar Fauzi", "direct")], []),
    ("typo-katnya", "Bupati Sri Wahyuni hadir di lokasi.\n“Semua aman,” katnya.",
     [("Semua aman,", "Sri Wahyuni", "direct")], []),
    ("typo-mengatkan", "Ketua RT Joko Susilo mengatkan, warga sudah dievakuasi ke balai desa.",
     [("warga sudah dievakuasi ke balai desa", "Joko Susilo", "indirect")], []),
    # --- clitics and pronouns
    ("clitic-after-indirect", "Menteri Keuangan Dewi Lestari mengatakan, defisit masih terkendali.\n"
     "“Kami tetap hati-hati,” ujarnya.",
     [("defisit masih terkendali", "Dewi Lestari", "indirect"), ("Kami tetap hati-hati,", "Dewi Lestari", "direct")], []),
    ("clitic-katanya", "Kepala Desa Sukamaju Ahmad Fauzan meninjau sawah.\n“Panen tahun ini bagus,” katanya.",
     [("Panen tahun ini bagus,", "Ahmad Fauzan", "direct")], []),
    ("pronoun-ia", "Wali Kota Bogor Andi Pratama membuka pasar itu.\nIa mengatakan, pasar akan buka setiap hari.",
     [("pasar akan buka setiap hari", "Andi Pratama", "indirect")], []),
    ("pronoun-dia-after", "Presiden Rudi Wibowo datang ke Medan.\n“Saya ingin melihat langsung,” kata dia.",
     [("Saya ingin melihat langsung,", "Rudi Wibowo", "direct")], []),
    ("pronoun-beliau", "Ketua Umum Partai Maju Hasan Basri hadir.\nBeliau menegaskan bahwa partainya solid menghadapi pemilu.",
     [("partainya solid menghadapi pemilu", "Hasan Basri", "indirect")], []),
    ("pronoun-most-recent", "Menteri Agama Umar Said bertemu Gubernur Tono Suratno.\n"
     "“Kami sepakat soal jadwal,” kata Tono.\n“Semua sudah siap,” ujarnya.",
     [("Kami sepakat soal jadwal,", "Tono Suratno", "direct"), ("Semua sudah siap,", "Tono Suratno", "direct")], []),
    ("ia-pun-menegaskan", "Perdana Menteri Ivan Petrov menolak tuduhan itu.\nIa pun menegaskan, negaranya berhak membela diri.",
     [("negaranya berhak membela diri", "Ivan Petrov", "indirect")], []),
    # --- short names and role nouns
    ("short-name", "Menteri Pekerjaan Umum Diana Kusumastuti meninjau tol.\n“Jalan tol siap dipakai mudik,” kata Diana.",
     [("Jalan tol siap dipakai mudik,", "Diana Kusumastuti", "direct")], []),
    ("short-name-kim", "Pemimpin Korea Utara Kim Jong-un menerima tamu.\n“Kami bersahabat,” ujar Kim.",
     [("Kami bersahabat,", "Kim Jong-un", "direct")], []),
    ("role-noun-presiden", "Presiden Joko Widodo meresmikan bendungan.\n“Bendungan ini untuk petani,” kata Presiden.",
     [("Bendungan ini untuk petani,", "Joko Widodo", "direct")], []),
    ("role-noun-menlu", "Menlu Retno Marsudi tiba di Jenewa.\n“Indonesia mendukung gencatan senjata,” ujar Menlu.",
     [("Indonesia mendukung gencatan senjata,", "Retno Marsudi", "direct")], []),
    ("role-noun-gubernur", "Gubernur Jawa Barat Ridwan Kamil memantau banjir.\n"
     "Menurut Gubernur, pompa air sudah dikerahkan ke lokasi.",
     [("pompa air sudah dikerahkan ke lokasi", "Ridwan Kamil", "indirect")], []),
    # --- cue before the quote
    ("before-mengatakan-direct", "Kapolda Irjen Bima Sakti mengatakan, “Pelaku sudah kami tangkap.”",
     [("Pelaku sudah kami tangkap.", "Bima Sakti", "direct")], []),
    ("before-colon", "Ketua KPU Hasyim Ali berkata: “Pemilu tetap sesuai jadwal.”",
     [("Pemilu tetap sesuai jadwal.", "Hasyim Ali", "direct")], []),
    ("before-menurut-direct", "Menurut Lestari Moerdijat, “Pendidikan adalah kunci.”",
     [("Pendidikan adalah kunci.", "Lestari Moerdijat", "direct")], []),
    ("before-bahwa-direct", "Fadli Rahman menegaskan bahwa “tidak ada perubahan aturan.”",
     [("tidak ada perubahan aturan.", "Fadli Rahman", "direct")], []),
    ("before-kata-role", "Kata Menteri Kesehatan Budi Gunadi: “Vaksin aman.”",
     [("Vaksin aman.", "Budi Gunadi", "direct")], []),
    # --- indirect speech
    ("indirect-mengatakan", "Budi Karyadi mengatakan, harga cabai turun sejak pekan lalu.",
     [("harga cabai turun sejak pekan lalu", "Budi Karyadi", "indirect")], []),
    ("indirect-menurut", "Menurut Rahmat Hidayat, kebijakan itu perlu dievaluasi secara menyeluruh.",
     [("kebijakan itu perlu dievaluasi secara menyeluruh", "Rahmat Hidayat", "indirect")], []),
    ("indirect-menurutnya", "Ekonom Faisal Basri hadir dalam diskusi itu.\nMenurutnya, inflasi akan turun tahun depan.",
     [("inflasi akan turun tahun depan", "Faisal Basri", "indirect")], []),
    ("indirect-bahwa", "Siti Aminah menyatakan bahwa sekolah akan dibuka bulan depan.",
     [("sekolah akan dibuka bulan depan", "Siti Aminah", "indirect")], []),
    ("indirect-berjanji", "Wali Kota Made Suarta berjanji memperbaiki drainase di seluruh kota.",
     [("memperbaiki drainase di seluruh kota", "Made Suarta", "indirect")], []),
    ("indirect-adverb", "Kepolisian Daerah Bali sebelumnya menyebut pelaku berjumlah tiga orang.",
     [("pelaku berjumlah tiga orang", "Kepolisian Daerah Bali", "indirect")], []),
    ("indirect-generic-verb-comma", "Pengamat politik Arya Fernandes melihat, koalisi itu rapuh sejak awal.",
     [("koalisi itu rapuh sejak awal", "Arya Fernandes", "indirect")], []),
    ("mixed-scare-inside", "Andi Mallarangeng mengatakan, pemerintah harus “lebih peka” terhadap keluhan warga.",
     [("pemerintah harus “lebih peka” terhadap keluhan warga", "Andi Mallarangeng", "mixed")], ["lebih peka"]),
    # --- organisations as speakers
    ("org-intelijen", "Intelijen Korea Selatan menyebut Korea Utara telah mengirim pasukan ke Rusia.",
     [("Korea Utara telah mengirim pasukan ke Rusia", "Intelijen Korea Selatan", "indirect")], []),
    ("org-kcna-after", "“Latihan itu provokasi,” tulis KCNA dalam laporannya.",
     [("Latihan itu provokasi,", None, "direct")], []),  # speaker name checked in test_speaker_types
    ("org-kremlin", "Kremlin membantah, pasukannya menyerang fasilitas sipil di Kharkiv.",
     [("pasukannya menyerang fasilitas sipil di Kharkiv", "Kremlin", "indirect")], []),
    ("org-kementerian", "Kementerian Pertahanan Rusia mengatakan, dua drone ditembak jatuh di Belgorod.",
     [("dua drone ditembak jatuh di Belgorod", "Kementerian Pertahanan Rusia", "indirect")], []),
    # --- via: relaying outlets
    ("via-dikutip-dari", "“Kami siap berunding,” kata Vladimir Putin dikutip dari Reuters.",
     [("Kami siap berunding,", "Vladimir Putin", "direct")], []),
    ("via-dilansir", "“Serangan itu ilegal,” ujar Antony Blinken, dilansir dari Al Jazeera, Senin.",
     [("Serangan itu ilegal,", "Antony Blinken", "direct")], []),
    ("via-kepada-outlet", "“Kami tidak akan menyerah,” kata Volodymyr Zelenskyy kepada BBC.",
     [("Kami tidak akan menyerah,", "Volodymyr Zelenskyy", "direct")], []),
    # --- Kompas print style: ” opening and closing; multi-paragraph
    ("print-style", "”Ini sudah sangat mendesak,” kata Presiden Joko Widodo di Istana.",
     [("Ini sudah sangat mendesak,", "Joko Widodo", "direct")], []),
    ("print-style-two", "”Pertama, data harus benar,” kata Lurah Siti Nurhaliza.\n”Kedua, bantuan harus tepat,” ujarnya.",
     [("Pertama, data harus benar,", "Siti Nurhaliza", "direct"), ("Kedua, bantuan harus tepat,", "Siti Nurhaliza", "direct")], []),
    ("multi-paragraph-print", "Gubernur Anies Baswedan menjelaskan kebijakan baru.\n”Kami membatasi jam operasional.\n"
     "”Warga diminta tetap di rumah,” katanya.",
     [("Kami membatasi jam operasional.\n”Warga diminta tetap di rumah,", "Anies Baswedan", "direct")], []),
    ("multi-paragraph-curly", "“Kami sudah menyiapkan posko.\n“Relawan juga sudah bergerak,” kata Kepala BPBD Yanto Suryanto.",
     [("Kami sudah menyiapkan posko.\n“Relawan juga sudah bergerak,", "Yanto Suryanto", "direct")], []),
    ("straight-quotes", "\"Kami butuh air bersih,\" kata Ketua RW Darto Wiyono.",
     [("Kami butuh air bersih,", "Darto Wiyono", "direct")], []),
    ("nested-single", "“Dia bilang ‘tunggu saja’ lalu pergi,” kata Nina Kurnia.",
     [("Dia bilang ‘tunggu saja’ lalu pergi,", "Nina Kurnia", "direct")], ["tunggu saja"]),
    ("nested-straight-single", "\"Mereka berteriak 'merdeka' bersama,\" ujar Hadi Susanto.",
     [("Mereka berteriak 'merdeka' bersama,", "Hadi Susanto", "direct")], []),
    ("quote-no-cue-paragraph", "Menteri Sosial Tri Handayani mengunjungi posko.\n“Bantuan harus sampai hari ini juga.”",
     [("Bantuan harus sampai hari ini juga.", "Tri Handayani", "direct")], []),
    # --- scare quotes, titles, captions
    ("scare-quote", "Program “Kampung Tangguh” diluncurkan di Surabaya pekan ini.", [], ["Kampung Tangguh"]),
    ("scare-quote-term", "Istilah “new normal” kini dipakai luas oleh pemerintah daerah.", [], ["new normal"]),
    ("film-title", "Film “Laskar Pelangi” diputar ulang di bioskop.", [], ["Laskar Pelangi"]),
    ("caption-quote", "Presiden Joko Widodo memberi keterangan di Istana Bogor. “Kita harus bekerja keras,” kata Presiden.",
     [("Kita harus bekerja keras,", "Joko Widodo", "direct")], []),
    ("caption-speaker-colon", "Kepala BMKG Dwikorita Karnawati: “Waspadai cuaca ekstrem sepekan ke depan.”",
     [("Waspadai cuaca ekstrem sepekan ke depan.", "Dwikorita Karnawati", "direct")], []),
    ("not-speech-relative", "Warga yang mengatakan tidak tahu apa-apa dibebaskan polisi.", [], []),
    ("unnamed-speaker", "Presiden Joko Widodo meninjau pasar.\n“Harga naik terus,” ujar seorang pedagang.",
     [("Harga naik terus,", "seorang pedagang", "direct")], []),
    ("dateline-then-quote", "JAKARTA, KOMPAS — “Kami siap,” kata Kapolri Listyo Sigit.",
     [("Kami siap,", "Listyo Sigit", "direct")], []),
]


@pytest.mark.parametrize("case_id,text,expected,forbidden", CASES, ids=[c[0] for c in CASES])
def test_construction(case_id, text, expected, forbidden):
    df = extract_quotes(text)
    assert list(df.columns) == COLUMNS
    for content, speaker, kind in expected:
        rows = df[df["text"] == content]
        assert len(rows) == 1, f"{case_id}: {content!r} not found in {df[['text', 'kind', 'speaker']].to_dict('records')}"
        row = rows.iloc[0]
        assert text[row["start"]:row["end"]] == content
        assert row["kind"] == kind, f"{case_id}: kind {row['kind']}"
        if speaker is not None:
            assert row["speaker"] == speaker, f"{case_id}: speaker {row['speaker']!r} ({row['rule']})"
    for text_not_quote in forbidden:
        assert not (df["text"] == text_not_quote).any(), f"{case_id}: {text_not_quote!r} is not speech"
    if not expected:
        assert df.empty or not (df["kind"] == "direct").any()


def test_table_has_sixty_constructions():
    assert len(CASES) >= 60


def test_exact_direct_counts_and_cues():
    text = "”Pertama, data harus benar,” kata Lurah Siti Nurhaliza.\n”Kedua, bantuan harus tepat,” ujarnya."
    df = extract_quotes(text)
    assert list(df["kind"]) == ["direct", "direct"]
    assert list(df["cue"]) == ["kata", "ujar"]
    assert list(df["speaker_mention"]) == ["Lurah Siti Nurhaliza", "-nya"]


def test_via_outlets():
    df = extract_quotes("“Kami siap berunding,” kata Vladimir Putin dikutip dari Reuters.")
    assert df.loc[0, "via"] == ["Reuters"]
    df = extract_quotes("“Kami tidak akan menyerah,” kata Volodymyr Zelenskyy kepada BBC.")
    assert df.loc[0, "via"] == ["BBC"]
    df = extract_quotes("“Kami tidak akan menyerah,” kata Volodymyr Zelenskyy kepada wartawan.")
    assert df.loc[0, "via"] == []
    df = extract_quotes("“Serangan itu ilegal,” ujar Antony Blinken, dilansir dari Al Jazeera, Senin.")
    assert df.loc[0, "via"] == ["Al Jazeera"]


def test_speaker_types():
    df = extract_quotes("Intelijen Korea Selatan menyebut Korea Utara telah mengirim pasukan ke Rusia.\n"
                        "“Kami siap berunding,” kata Vladimir Putin.")
    assert list(df["speaker_type"]) == ["organisation", "person"]
    df = extract_quotes("“Latihan itu provokasi,” tulis KCNA dalam laporannya.")
    assert df.loc[0, "speaker_type"] == "organisation"
    # the provenance registry's canonical name when it ships, else the kit's own outlet list
    assert df.loc[0, "speaker"] in {"KCNA", "Korean Central News Agency"}


def test_cue_lookup_typos():
    assert cue_lookup("ujanya")[0] == "ujar"
    assert cue_lookup("mengatkan")[0] == "mengatakan"
    assert cue_lookup("kata")[0] == "kata"
    assert cue_lookup("rumah") is None


@pytest.mark.parametrize("bad", ["", "   ", "\n\n", "\x00\x01binary", "tanpa kutipan sama sekali.", "“", "”tak tertutup"])
def test_bad_input_does_not_crash(bad):
    df = extract_quotes(bad)
    assert list(df.columns) == COLUMNS
    for r in df.itertuples():
        assert 0 <= r.start <= r.end <= len(bad)


# --- the seed article ------------------------------------------------------------------------
def _seed_body(seed_text: str) -> str:
    """The seed's body paragraphs by simple means: after the dateline, before `Sumber :`."""
    body = seed_text.split("KOMPAS.TV - ", 1)[1].split("Sumber :", 1)[0]
    paras = [p.strip() for p in body.split("\n") if p.strip() and not p.strip().startswith("Baca Juga")]
    return "\n".join(paras)


def _check_seed(df: pd.DataFrame) -> None:
    direct = df[df["kind"] == "direct"]
    assert len(direct) == 2
    assert set(direct["speaker"]) == {"Kim Jong-un"}
    assert list(direct["cue"]) == ["ucap", "ujar"]
    assert all("Voice of America" in v for v in direct["via"])
    ind = df[df["kind"] == "indirect"]

    def speaker_of(cue: str, fragment: str) -> str:
        rows = ind[(ind["cue"] == cue) & ind["text"].str.contains(fragment, regex=False)]
        assert len(rows) == 1, (cue, fragment, ind[["cue", "text"]].to_dict("records"))
        return rows.iloc[0]["speaker"]

    assert speaker_of("menegaskan", "Rusia berhak untuk membela diri") == "Kim Jong-un"
    assert speaker_of("berjanji", "meningkatkan hubungan dengan Rusia") == "Kim Jong-un"
    assert speaker_of("menyebut", "10.000 pasukan") == "Intelijen Korea Selatan"


def test_seed_text(seed_text):
    _check_seed(extract_quotes(_seed_body(seed_text)))


def test_seed_article(seed_path):
    from kompaskit import read_text

    article = read_text(seed_path)
    table = quotes_table(article)
    _check_seed(table)
    for r in table.itertuples():
        assert article.paragraphs[r.para_idx][r.start:r.end] == r.text
        assert article.paragraph_kinds[r.para_idx] == "body"


# --- quotes_table on a hand-built Article ---------------------------------------------------------
def test_quotes_table_multi_paragraph_and_embeds():
    art = Article(article_id="kompas.tv:123", paragraphs=[
        "Gubernur Anies Baswedan menjelaskan kebijakan baru.",
        "”Kami membatasi jam operasional.",
        "“Ini kutipan dari unggahan media sosial,” tulis akun itu.",
        "”Warga diminta tetap di rumah,” katanya.",
    ], paragraph_kinds=["body", "body", "embed", "body"])
    t = quotes_table(art)
    assert list(t.columns) == TABLE_COLUMNS
    direct = t[t["kind"] == "direct"]
    assert list(direct["para_idx"]) == [1, 3]  # the embed is skipped, para_idx indexes all paragraphs
    assert direct["quote_id"].nunique() == 1
    assert direct["quote_id"].iloc[0].startswith("kompas.tv:123:q")
    for r in t.itertuples():
        assert art.paragraphs[r.para_idx][r.start:r.end] == r.text
    assert set(direct["speaker"]) == {"Anies Baswedan"}
    assert "Ini kutipan" not in " ".join(t["text"])


def test_quotes_table_empty_article():
    t = quotes_table(Article(article_id="x"))
    assert list(t.columns) == TABLE_COLUMNS and t.empty


# --- quote_rows: the plain rows behind quotes_table ------------------------------------------------
def _check_rows_match_table(article: Article) -> list[dict]:
    rows = quote_rows(article)
    table = quotes_table(article)
    assert all(list(r) == TABLE_COLUMNS for r in rows)
    for r in rows:  # plain Python values, as the build concatenates them
        assert type(r["para_idx"]) is int and type(r["start"]) is int and type(r["end"]) is int
        assert type(r["confidence"]) is float and type(r["via"]) is list
        assert isinstance(r["text"], str) and isinstance(r["speaker"], str)
    pd.testing.assert_frame_equal(pd.DataFrame(rows, columns=TABLE_COLUMNS), table, check_exact=True)
    return rows


def test_quote_rows_equal_table_seed(seed_article):
    rows = _check_rows_match_table(seed_article)
    assert {r["speaker"] for r in rows if r["kind"] == "direct"} == {"Kim Jong-un"}


def test_quote_rows_equal_table_synthetic(make_synthetic_articles):
    """~50 articles from the benchmark's synthetic-corpus generator (seed paragraphs, plus PFSA-ID
    dev passages when ../shared is present)."""
    kinds: set[str] = set()
    n_rows = 0
    for article in make_synthetic_articles(50, seed=7):
        rows = _check_rows_match_table(article)
        n_rows += len(rows)
        kinds |= {r["kind"] for r in rows}
    assert n_rows > 50 and {"direct", "indirect"} <= kinds  # the comparison is not over empty tables


def test_quote_rows_empty_article():
    assert quote_rows(Article(article_id="x")) == []
    art = Article(article_id="y", paragraphs=["Tanpa kutipan sama sekali."])
    assert quote_rows(art) == [] and quotes_table(art).empty


def test_indirect_cue_regex_matches_longest_form():
    """The cue-form regex (built as a trie) finds what a longest-first alternation finds."""
    import re

    from kompaskit.quotes import lexicon

    lex = lexicon()
    forms = sorted((f for f, (_, pos, _) in lex.cues.items() if pos == "any"), key=len, reverse=True)
    flat = re.compile(r"\b(" + "|".join(map(re.escape, forms)) + r")\b")
    texts = ["Ia mengaku, mengakui dan mengakuinya; ia mengatakannya lalu mengatakan hal lain.",
             "Warga menilai, menilainya berlebihan; pejabat itu membantah dan membantahnya.",
             "mengatakanx mengata kan berkata-kata berkatanya, menulis", ""]
    for text in texts:
        assert ([(m.span(), m.group(1)) for m in lex.indirect_re.finditer(text)]
                == [(m.span(), m.group(1)) for m in flat.finditer(text)])
    assert lex.indirect_re.search("Ia mengakuinya.").group(1) == "mengakuinya"


def test_remembered_names_follow_each_texts_vocabulary():
    """A capitalised word the text also uses in lower case is not part of a name; what one text
    taught about a run must not leak into the next (names are remembered across texts)."""
    alone = "Vaksinasi Budi Santoso hadir di balai kota.\n“Semua warga sudah terdaftar,” katanya."
    with_word = "Program vaksinasi berjalan lancar.\n" + alone
    for _ in range(2):  # in both orders
        assert list(extract_quotes(alone)["speaker"]) == ["Vaksinasi Budi Santoso"]
        assert list(extract_quotes(with_word)["speaker"]) == ["Budi Santoso"]


# --- plots and widgets on small frames ------------------------------------------------------------
def _toy_quotes() -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = pd.DataFrame({
        "article_id": ["a1", "a2", "a3"],
        "site": ["kompas.tv", "kompas.com", "kompas.tv"],
        "published": pd.to_datetime(["2024-06-19 10:00+07:00", "2024-10-01 09:00+07:00",
                                     "2024-11-30 10:52+07:00"]),
        "title": ["Putin di Pyongyang", "Pasukan ke Rusia", "Kim bertemu Belousov"],
    })
    quotes = pd.DataFrame({
        "quote_id": ["a1:q1", "a1:q2", "a2:q1", "a3:q1", "a3:q2"],
        "article_id": ["a1", "a1", "a2", "a3", "a3"],
        "para_idx": [0, 1, 2, 3, 4],
        "start": [0, 0, 0, 0, 0], "end": [10, 10, 10, 10, 10],
        "text": ["Kami bersahabat", "Kerja sama strategis", "Pasukan dikirim", "Rusia berhak membela diri",
                 "Kami mendukung"],
        "kind": ["direct", "indirect", "indirect", "indirect", "direct"],
        "speaker": ["Vladimir Putin", "Kim Jong-un", "Intelijen Korea Selatan", "Kim Jong-un", "Kim Jong-un"],
        "speaker_mention": ["Putin", "Kim", "Intelijen Korea Selatan", "Ia", "-nya"],
        "speaker_type": ["person", "person", "organisation", "person", "person"],
        "cue": ["kata", "mengatakan", "menyebut", "menegaskan", "ujar"],
        "via": [["Reuters"], [], ["Yonhap"], [], ["Voice of America"]],
        "confidence": [0.95, 0.75, 0.75, 0.75, 0.85],
        "rule": ["cue-after", "cue-indirect", "cue-indirect", "cue-indirect", "cue-after-clitic"],
    })
    return quotes, articles


def test_plots_return_figures():
    import matplotlib.pyplot as plt

    from kompaskit.plots import quotes as qp

    quotes, articles = _toy_quotes()
    for fig in (qp.plot_top_speakers(quotes), qp.plot_speaker_types(quotes, articles),
                qp.plot_quotes_by_month(quotes, articles), qp.plot_relay_chains(quotes)):
        assert fig.axes, "a figure with axes"
        plt.close(fig)
    empty = qp.plot_top_speakers(quotes.iloc[0:0])
    assert empty.axes  # an explanatory empty figure, not an error
    plt.close(empty)


def test_widget_filters_change_output():
    from kompaskit.widgets.quotes import filter_quotes, quote_browser

    quotes, articles = _toy_quotes()
    assert len(filter_quotes(quotes, articles, speaker="Kim Jong-un")) == 3
    assert len(filter_quotes(quotes, articles, kind="direct")) == 2
    assert len(filter_quotes(quotes, articles, via="Yonhap")) == 1
    assert len(filter_quotes(quotes, articles, search="berhak")) == 1
    assert len(filter_quotes(quotes, articles, months=(pd.Period("2024-11", "M"), pd.Period("2024-11", "M")))) == 2
    box = quote_browser(quotes, articles)
    before = box.last_view_size  # type: ignore[attr-defined]
    box.controls["speaker"].value = "Vladimir Putin"
    after = box.last_view_size  # type: ignore[attr-defined]
    assert before == 5 and after == 1
    box.controls["search"].value = "tidak ada teks seperti ini"
    assert box.last_view_size == 0  # type: ignore[attr-defined]
    assert box.errors == []


def test_widget_filters_same_on_arrow_list_columns():
    """`via` may come as an Arrow list column (e.g. pd.read_parquet(dtype_backend="pyarrow")):
    the filters must not depend on that."""
    import pyarrow as pa

    from kompaskit.widgets.quotes import _via_key, _via_keys, filter_quotes

    quotes, articles = _toy_quotes()
    arrow = quotes.assign(via=pd.Series(pd.arrays.ArrowExtensionArray(
        pa.array([list(v) for v in quotes["via"]], pa.list_(pa.large_string())))))
    assert isinstance(arrow["via"].dtype, pd.ArrowDtype)
    assert _via_keys(arrow["via"]).tolist() == [_via_key(v) for v in quotes["via"]]
    shifted = arrow["via"].set_axis(range(100, 100 + len(arrow)))  # any index, not only 0..n-1
    assert _via_keys(shifted).tolist() == [_via_key(v) for v in quotes["via"]]
    for outlet in {o for v in quotes["via"] for o in v} | {"Tidak Ada"}:
        assert (filter_quotes(arrow, articles, via=outlet)["quote_id"].tolist()
                == filter_quotes(quotes, articles, via=outlet)["quote_id"].tolist())
