"""Attribution hops (kompaskit.provenance): seed must-haves, a table of Indonesian cue sentences,
quote relays, the outlet graph, plots and the widget."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from kompaskit.article import Article
from kompaskit.provenance import (ATTRIBUTION_COLUMNS, attribute, graph, paragraph_source_types,
                                  resolve_source)


# --------------------------------------------------------------------------- seed article

@pytest.fixture(scope="module")
def seed_quotes(seed_article: Article) -> pd.DataFrame:
    from kompaskit.quotes import quotes_table

    return quotes_table(seed_article)


@pytest.fixture(scope="module")
def seed_hops(seed_article: Article, seed_quotes: pd.DataFrame) -> pd.DataFrame:
    return attribute(seed_article, seed_quotes)


def _para_index(article: Article, needle: str) -> int:
    hits = [i for i, p in enumerate(article.paragraphs) if needle in p]
    assert len(hits) == 1, f"{needle!r} should be in exactly one paragraph, found {hits}"
    return hits[0]


def test_seed_columns(seed_hops):
    assert list(seed_hops.columns[:len(ATTRIBUTION_COLUMNS)]) == ATTRIBUTION_COLUMNS


def test_seed_footer_is_voice_of_america(seed_hops):
    footer = seed_hops[seed_hops["target"] == "article"]
    assert footer[["source", "relation", "hop"]].values.tolist() == [["Voice of America", "sumber", 0]]


def test_seed_voa_quoted_on_first_direct_quote(seed_article, seed_hops, seed_quotes):
    idx = _para_index(seed_article, "dikutip dari Voice of America")
    para = seed_hops[(seed_hops["target"] == "paragraph") & (seed_hops["para_idx"] == idx)]
    assert (para["source"] + "|" + para["relation"]).tolist() == ["Voice of America|dikutip_dari"]
    # the first direct quote of the article is that paragraph's quote, relayed by VOA
    direct = seed_quotes[seed_quotes["kind"].isin(["direct", "mixed"])].sort_values(["para_idx", "start"])
    assert len(direct), "the quotes table should find the seed's direct quotes"
    first = direct.iloc[0]
    assert int(first["para_idx"]) == idx
    chain = seed_hops[(seed_hops["target"] == "quote") & (seed_hops["target_id"] == str(first["quote_id"]))]
    chain = chain.sort_values("hop")
    assert chain.iloc[0][["source", "relation"]].tolist() == ["Voice of America", "dikutip_dari"]
    said = chain[chain["relation"] == "said"]
    assert said["source"].tolist() == ["Kim Jong-un"] and int(said["hop"].iloc[0]) > 0


def test_seed_kcna_reported_on_paragraph_3(seed_hops):
    p3 = seed_hops[(seed_hops["target"] == "paragraph") & (seed_hops["para_idx"] == 3)]
    assert ["KCNA", "dilaporkan", 0] in p3[["source", "relation", "hop"]].values.tolist()
    assert p3.loc[p3["source"] == "KCNA", "source_mention"].iloc[0] == "Kantor Berita Korea Utara KCNA"


def test_seed_kcna_not_reported(seed_article, seed_hops):
    idx = _para_index(seed_article, "tak mengungkuit")
    rows = seed_hops[(seed_hops["target"] == "paragraph") & (seed_hops["para_idx"] == idx)]
    assert rows[["source", "relation"]].values.tolist() == [["KCNA", "not_reported"]]


def test_seed_south_korean_intelligence_on_two_paragraphs(seed_hops):
    nis = resolve_source("intelijen Korea Selatan")[0]
    rows = seed_hops[(seed_hops["target"] == "paragraph") & (seed_hops["source"] == nis)]
    assert rows["para_idx"].nunique() == 2
    assert set(rows["relation"]) == {"dilaporkan", "menyebut"}
    assert set(rows["source_type"]) == {"intelligence"}


def test_seed_photo_chain_order(seed_hops):
    photo = seed_hops[seed_hops["target"] == "photo"]
    # hop 0 is nearest to the reader, so origin -> reader is descending hop
    flow = photo.sort_values("hop", ascending=False)["source"].tolist()
    assert flow == ["KCNA", "Korea News Service", "AP"]
    assert set(photo["relation"]) == {"photo_credit"}


def test_seed_every_body_paragraph_has_a_hop(seed_article, seed_hops):
    body = {i for i, k in enumerate(seed_article.paragraph_kinds) if k == "body"}
    assert len(body) >= 15
    covered = set(seed_hops.loc[seed_hops["target"] == "paragraph", "para_idx"].astype(int))
    assert body <= covered
    inherited = seed_hops[seed_hops["relation"] == "inherited"]
    assert set(inherited["source"]) == {"Voice of America"}
    assert len(inherited) < len(body)  # explicit cues are not overwritten by the footer


# --------------------------------------------------------------------------- cue table

def _chains(text: str) -> list[tuple[int, int, str, str]]:
    art = Article(article_id="t", site="kompas.com", paragraphs=[text])
    df = attribute(art)
    df = df[(df["target"] == "paragraph") & (df["relation"] != "inherited")]
    return [(int(c), int(h), s, r) for c, h, s, r in df[["chain", "hop", "source", "relation"]].values]


# (sentence, expected [(chain, hop, source, relation)]); [] means "no explicit cue"
CUES = [
    ("Seperti dilaporkan Reuters, Rusia menambah pasukan di perbatasan.",
     [(0, 0, "Reuters", "dilaporkan")]),
    ("Sebagaimana dilaporkan kantor berita Yonhap, Seoul meningkatkan kewaspadaan.",
     [(0, 0, "Yonhap", "dilaporkan")]),
    ("Pasukan itu dilaporkan oleh Kyiv Independent tiba di Kursk pekan lalu.",
     [(0, 0, "Kyiv Independent", "dilaporkan")]),
    ("Hal itu dikutip dari Al Jazeera, Minggu (1/12/2024).",
     [(0, 0, "Al Jazeera", "dikutip_dari")]),
    ("Dilansir dari BBC, serangan itu menewaskan tiga orang.", [(0, 0, "BBC", "dilansir")]),
    ("Dilansir Associated Press, kapal itu berlabuh di Vladivostok.", [(0, 0, "AP", "dilansir")]),
    ("Menurut Institute for the Study of War, pasukan Korea Utara sudah terlibat pertempuran.",
     [(0, 0, "ISW", "menurut")]),
    ("Menurut juru bicara Kremlin Dmitry Peskov, pertemuan itu berlangsung hangat.",
     [(0, 0, "Dmitry Peskov", "menurut")]),
    ("Kantor berita TASS melaporkan Belousov tiba di Pyongyang pada Jumat.",
     [(0, 0, "TASS", "melaporkan")]),
    ("Sementara itu, Yonhap melaporkan bahwa Korea Utara kembali meluncurkan rudal.",
     [(0, 0, "Yonhap", "melaporkan")]),
    ("Pasukan Rusia merebut dua desa di Donetsk, lapor Reuters.", [(0, 0, "Reuters", "lapor")]),
    ("Pertemuan itu berlangsung tertutup, tulis The New York Times.",
     [(0, 0, "The New York Times", "tulis")]),
    ("“Kami tidak akan mundur,” kata Zelensky kepada BBC.",
     [(0, 0, "BBC", "kepada"), (0, 1, "Volodymyr Zelensky", "said")]),
    ("Peskov mengatakan kepada kantor berita RIA Novosti bahwa tidak ada rencana pertemuan.",
     [(0, 0, "RIA Novosti", "kepada"), (0, 1, "Dmitry Peskov", "said")]),
    ("“Situasinya sangat serius,” ujar seorang pejabat Korea Selatan kepada Kyodo.",
     [(0, 0, "Kyodo", "kepada"), (0, 1, "seorang pejabat Korea Selatan", "said")]),
    ("Intelijen Korea Selatan menyebut sekitar 3.000 tentara tambahan dikirim ke Rusia.",
     [(0, 0, "NIS (South Korea)", "menyebut")]),
    ("Badan Intelijen Nasional (NIS) menyebutkan jumlah korban terus bertambah.",
     [(0, 0, "NIS (South Korea)", "menyebut")]),
    ("Menurut Kepala Staf Gabungan Korea Selatan (JCS), rudal itu terbang sejauh 1.000 kilometer.",
     [(0, 0, "JCS (South Korea)", "menurut")]),
    ("Menurut Gedung Putih, bantuan militer akan dikirim bulan depan.",
     [(0, 0, "White House", "menurut")]),
    ("Departemen Luar Negeri AS menyebut kerja sama itu melanggar resolusi PBB.",
     [(0, 0, "US State Department", "menyebut")]),
    ("Berdasarkan laporan Pentagon, sekitar 11.000 tentara Korea Utara berada di Kursk.",
     [(0, 0, "Pentagon", "berdasarkan")]),
    ("Kemhan Rusia menyebutkan dua drone ditembak jatuh.",
     [(0, 0, "Russian Defence Ministry", "menyebut")]),
    ("Interfax melaporkan ledakan di pangkalan udara.", [(0, 0, "Interfax", "melaporkan")]),
    ("Sementara itu, Kementerian Pertahanan Korea Selatan dalam keterangannya menyebut rudal jatuh di laut.",
     [(0, 0, "South Korea Defence Ministry", "menyebut")]),
    ("Mengutip Newsweek, harga minyak naik tajam setelah pengumuman itu.",
     [(0, 0, "Newsweek", "mengutip")]),
    ("Informasi itu bersumber dari Ukrainska Pravda.", [(0, 0, "Ukrainska Pravda", "bersumber")]),
    ("Dalam wawancara dengan NHK, Perdana Menteri Jepang mengungkapkan kekhawatirannya.",
     [(0, 0, "NHK", "wawancara")]),
    ("Seperti diberitakan Kompas.com sebelumnya, kedua negara meneken pakta pertahanan.",
     [(0, 0, "Kompas.com", "diberitakan")]),
    ("Menurut laporan Newsweek, Korea Utara juga mengirim artileri.", [(0, 0, "Newsweek", "menurut")]),
    ("Kim Yo-jong mengklaim drone Korea Selatan menyusup ke Pyongyang.",
     [(0, 0, "Kim Yo-jong", "mengklaim")]),
    ("Menurut Sekjen NATO Mark Rutte, kehadiran tentara Korea Utara adalah eskalasi berbahaya.",
     [(0, 0, "Mark Rutte", "menurut")]),
    ("Menurut PBB, lebih dari 12.000 warga sipil tewas.", [(0, 0, "UN", "menurut")]),
    ("Seperti dilaporkan Deutsche Welle, Jerman menambah bantuan.", [(0, 0, "DW", "dilaporkan")]),
    ("Menurut Menteri Pertahanan Korea Selatan Kim Yong-hyun, Pyongyang bisa mendapat teknologi satelit.",
     [(0, 0, "Menteri Pertahanan Korea Selatan Kim Yong-hyun", "menurut")]),
    # nested chains
    ("Seperti dilaporkan Reuters mengutip kantor berita KCNA, Kim menginspeksi pabrik drone.",
     [(0, 0, "Reuters", "dilaporkan"), (0, 1, "KCNA", "mengutip")]),
    ("Dilansir dari CNN yang mengutip pejabat AS, Washington menilai ancaman meningkat.",
     [(0, 0, "CNN", "dilansir"), (0, 1, "pejabat AS", "mengutip")]),
    ("Al Jazeera melaporkan, mengutip Kementerian Pertahanan Rusia, bahwa dua desa telah direbut.",
     [(0, 0, "Al Jazeera", "melaporkan"), (0, 1, "Russian Defence Ministry", "mengutip")]),
    ("Menurut The Washington Post, yang mengutip sumber intelijen, rencana itu disetujui.",
     [(0, 0, "The Washington Post", "menurut"), (0, 1, "sumber intelijen", "mengutip")]),
    ("Seperti dilaporkan The Guardian yang mengutip Kyiv Independent, mengutip intelijen militer "
     "Ukraina, ribuan tentara tiba di Kursk.",
     [(0, 0, "The Guardian", "dilaporkan"), (0, 1, "Kyiv Independent", "mengutip"),
      (0, 2, "HUR (Ukraine)", "mengutip")]),
    ("Dilansir Ukrinform via Reuters, serangan drone menghantam Odesa.",
     [(0, 0, "Reuters", "via"), (0, 1, "Ukrinform", "dilansir")]),
    # several sources side by side, several chains in one paragraph
    ("Seperti dilaporkan Reuters dan AFP, ledakan terdengar di Kyiv.",
     [(0, 0, "Reuters", "dilaporkan"), (0, 0, "AFP", "dilaporkan")]),
    ("Dikutip dari Reuters, AFP, dan Kyodo, pertemuan itu digelar di Tokyo.",
     [(0, 0, "Reuters", "dikutip_dari"), (0, 0, "AFP", "dikutip_dari"), (0, 0, "Kyodo", "dikutip_dari")]),
    ("Menurut NK News dan Yonhap, satelit itu gagal mencapai orbit.",
     [(0, 0, "NK News", "menurut"), (0, 0, "Yonhap", "menurut")]),
    ("Menurut Reuters, Putin memerintahkan serangan balasan.", [(0, 0, "Reuters", "menurut")]),
    ("Menurut Reuters, Rusia menyerang Kharkiv, sementara AFP melaporkan serangan lain di Odesa.",
     [(0, 0, "Reuters", "menurut"), (1, 0, "AFP", "melaporkan")]),
    # negations (explicit non-reports), including the press's typos
    ("KCNA tidak menyebutkan kapan uji coba berikutnya akan dilakukan.", [(0, 0, "KCNA", "not_reported")]),
    ("Kremlin tak menyinggung soal pengiriman pasukan dalam pernyataannya.",
     [(0, 0, "Kremlin", "not_reported")]),
    ("Pyongyang belum mengonfirmasi laporan tersebut.", [(0, 0, "Pyongyang", "not_reported")]),
    ("Media pemerintah Korea Utara tak mengungkit pertemuan tersebut.",
     [(0, 0, "Media pemerintah Korea Utara", "not_reported")]),
    ("Pentagon tidak mengungkapkan jumlah pasti tentara yang tewas.", [(0, 0, "Pentagon", "not_reported")]),
    ("Rodong Sinmun sendiri tak menyebut nama pejabat Rusia yang hadir.",
     [(0, 0, "Rodong Sinmun", "not_reported")]),
    ("KCNA tidak mengungkt rincian kesepakatan itu.", [(0, 0, "KCNA", "not_reported")]),
    # no cue: these must not invent a source
    ("Rusia tidak membantah tuduhan itu.", []),
    ("Korban dilaporkan tewas dalam serangan itu.", []),
    ("Menurut rencana, pertemuan digelar bulan depan.", []),
    ("Menurut dia, kerja sama itu saling menguntungkan.", []),
    ("Ia menyebut Barat sebagai provokator.", []),
    ("Laporan itu menyebut ribuan tentara telah dikerahkan.", []),
    ("Presiden Putin berbicara kepada wartawan di Kremlin.", []),
    ("Kerja sama itu mencakup bidang antara lain energi dan pertahanan.", []),
]


def test_cue_table_is_large_enough():
    assert len(CUES) >= 40
    assert sum(1 for _, exp in CUES if any(r == "not_reported" for *_, r in exp)) >= 5
    assert sum(1 for _, exp in CUES if any(h > 0 for _, h, _, _ in exp)) >= 5


@pytest.mark.parametrize("sentence,expected", CUES, ids=[s[:40] for s, _ in CUES])
def test_cue_sentence(sentence, expected):
    assert sorted(_chains(sentence)) == sorted(expected)


# --------------------------------------------------------------------------- quotes, graph, views

def test_quote_relay_from_quotes_table():
    art = Article(article_id="kompas.com:1", site="kompas.com", source=["Reuters"], paragraphs=[
        "“Kami siap,” kata Peskov seperti dikutip dari TASS.",
        "“Kami juga siap,” ujarnya.",
    ])
    quotes = pd.DataFrame({"quote_id": ["a", "b"], "article_id": ["kompas.com:1"] * 2, "para_idx": [0, 1],
                           "speaker": ["Dmitry Peskov", "Dmitry Peskov"], "speaker_type": ["person"] * 2,
                           "via": [["TASS"], []]})
    hops = attribute(art, quotes)
    qa = hops[(hops["target"] == "quote") & (hops["target_id"] == "a")].sort_values("hop")
    assert qa[["hop", "source", "relation"]].values.tolist() == [[0, "TASS", "dikutip_dari"],
                                                                 [1, "Dmitry Peskov", "said"]]
    qb = hops[(hops["target"] == "quote") & (hops["target_id"] == "b")].sort_values("hop")
    assert qb[["hop", "source", "relation"]].values.tolist() == [[0, "Reuters", "inherited"],
                                                                 [1, "Dmitry Peskov", "said"]]


def test_no_footer_inherits_the_site_outlet():
    art = Article(article_id="kompas.tv:2", site="kompas.tv", paragraphs=["Kalimat tanpa sumber."])
    hops = attribute(art)
    assert hops[["source", "relation", "source_type"]].values.tolist() == [["Kompas TV", "inherited", "kompas"]]


def test_embed_paragraphs_are_not_inherited_and_empty_article_is_empty():
    art = Article(article_id="x", paragraphs=["Menurut Reuters, hujan.", "tweet"],
                  paragraph_kinds=["body", "embed"])
    assert attribute(art)["para_idx"].tolist() == [0]
    empty = attribute(Article(article_id="e"))
    assert list(empty.columns) == ATTRIBUTION_COLUMNS and empty.empty


def _small_corpus():
    import types

    arts = [
        Article(article_id="kompas.tv:1", site="kompas.tv", source=["Voice of America"],
                published=pd.Timestamp("2024-11-30 10:52", tz="Asia/Jakarta"), title="Satu",
                photo_credit=["Korean Central News Agency", "Korea News Service", "AP"],
                paragraphs=["Kalimat pertama.", "Seperti dilaporkan Reuters mengutip KCNA, Kim hadir.",
                            "KCNA tak menyebutkan jumlah pasukan.", "Kalimat terakhir."]),
        Article(article_id="kompas.com:2", site="kompas.com", source=["Reuters"],
                published=pd.Timestamp("2024-12-02 08:00", tz="Asia/Jakarta"), title="Dua",
                paragraphs=["Menurut Yonhap, rudal diluncurkan.", "Kalimat lain."]),
    ]
    att = pd.concat([attribute(a) for a in arts], ignore_index=True)
    articles = pd.DataFrame([a.to_record() for a in arts])
    paragraphs = pd.DataFrame([(a.article_id, i, t, "body") for a in arts for i, t in enumerate(a.paragraphs)],
                              columns=["article_id", "para_idx", "text", "kind"])
    return types.SimpleNamespace(attributions=att, articles=articles, paragraphs=paragraphs)


def test_graph_weights_and_article_ids():
    corpus = _small_corpus()
    G = graph(corpus)
    # footer + 2 inherited paragraphs of article 1
    assert G["Kompas TV"]["Voice of America"]["weight"] == 3
    assert G["Kompas TV"]["Reuters"]["weight"] == 1
    assert G["Reuters"]["KCNA"]["weight"] == 1
    assert G["Reuters"]["KCNA"]["relations"] == {"mengutip": 1}
    # footer + 1 inherited paragraph of article 2
    assert G["Kompas.com"]["Reuters"]["weight"] == 2
    assert G["Kompas.com"]["Reuters"]["article_ids"] == ["kompas.com:2"]
    # photo chain: AP delivered to Kompas TV, Korea News Service to AP, KCNA to Korea News Service
    assert G.has_edge("Kompas TV", "AP") and G.has_edge("AP", "Korea News Service")
    assert G.has_edge("Korea News Service", "KCNA")
    assert not G.has_edge("Kompas TV", "KCNA")  # the not_reported hop is not a claim
    assert G.nodes["KCNA"]["type"] == "state_media" and G.nodes["Kompas TV"]["type"] == "kompas"
    assert G.nodes["Reuters"]["n_articles"] == 2
    # a plain attributions frame works too (one generic citing outlet)
    H = graph(corpus.attributions)
    assert H["Kompas"]["Reuters"]["weight"] == 3


def test_paragraph_source_types_prefers_explicit_over_not_reported():
    corpus = _small_corpus()
    prim = paragraph_source_types(corpus.attributions)
    assert len(prim) == 6
    row = prim[(prim["article_id"] == "kompas.tv:1") & (prim["para_idx"] == 1)]
    assert row["source"].tolist() == ["Reuters"]


def test_plots_return_figures():
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from kompaskit.plots.provenance import (plot_chain, plot_outlet_graph, plot_source_type_shares,
                                            source_type_shares)

    corpus = _small_corpus()
    row = corpus.articles.iloc[0].copy()
    row["raw_path"], row["raw_sha256"] = "data/raw/x.txt", "ab" * 32
    fig = plot_chain(corpus.attributions, "kompas.tv:1", corpus.paragraphs, row)
    assert isinstance(fig, Figure)
    title = fig.axes[0].get_title(loc="left")
    assert "data/raw/x.txt" in title and "abababab" in title
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "photo credit" and any(lab.startswith("¶1") for lab in labels)
    shares = source_type_shares(corpus.attributions, corpus.articles, by="month")
    assert list(shares.index) == ["2024-11", "2024-12"]
    assert shares.sum(axis=1).round(6).tolist() == [1.0, 1.0]
    assert isinstance(plot_source_type_shares(corpus.attributions, corpus.articles), Figure)
    assert isinstance(plot_outlet_graph(graph(corpus)), Figure)
    # nothing to draw -> an explanatory figure, not an error
    import networkx as nx

    assert isinstance(plot_chain(pd.DataFrame()), Figure)
    assert isinstance(plot_outlet_graph(nx.DiGraph()), Figure)
    plt.close("all")


def test_outlet_graph_labels_do_not_overlap_with_60_nodes():
    import matplotlib.pyplot as plt
    import networkx as nx

    from kompaskit.plots.provenance import plot_outlet_graph
    from kompaskit.provenance import sources_table

    reg = sources_table()
    G = nx.DiGraph()
    for i, (name, typ) in enumerate(zip(reg["source"], reg["type"])):
        G.add_edge("Kompas TV" if i % 2 else "Kompas.com", name, weight=1 + i % 7)
        G.nodes[name]["type"] = typ
    G.nodes["Kompas TV"]["type"] = G.nodes["Kompas.com"]["type"] = "kompas"
    assert G.number_of_nodes() >= 60
    fig = plot_outlet_graph(G, max_sources=G.number_of_nodes())  # all drawn (default: top 30 + "other")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [t.get_window_extent(renderer) for t in ax.texts if (t.get_gid() or "").startswith("node:")]
    assert len(boxes) == G.number_of_nodes()
    overlaps = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
                if boxes[i].overlaps(boxes[j])]
    assert overlaps == []
    plt.close(fig)


def test_widget_filters_change_output():
    from kompaskit.widgets.provenance import provenance_view

    corpus = _small_corpus()
    box = provenance_view(corpus)
    everything = box.state["last"]
    assert len(everything) == len(corpus.attributions)
    box.controls["relation"].value = "not_reported"
    assert box.state["last"]["source"].tolist() == ["KCNA"]
    box.controls["relation"].value = "(all)"
    box.controls["article"].value = "kompas.com:2"
    assert set(box.state["last"]["article_id"]) == {"kompas.com:2"}
    box.controls["article"].value = "(all)"
    box.controls["source_type"].value = "state_media"
    assert set(box.state["last"]["source_type"]) == {"state_media"}
    box.controls["source_type"].value = "(all)"
    box.controls["months"].index = (0, 0)  # November 2024 only
    assert set(box.state["last"]["article_id"]) == {"kompas.tv:1"}
    assert box.errors == []


# --------------------------------------------------------------------------- robustness

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from(["menurut", "Reuters", "dilaporkan", "seperti", "kepada", "kata", "tak",
                          "mengungkit", "KCNA", "yang", "mengutip", "via", "dan", ",", ".", "“", "”",
                          "Yonhap", "melaporkan", "Ia", "pejabat", "AS", "dikutip", "dari", "(", ")"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.lists(_WORDS, max_size=25).map(" ".join), st.text(max_size=80)),
                min_size=1, max_size=6),
       st.lists(st.one_of(st.none(), st.text(max_size=20)), max_size=3))
def test_any_text_gets_hops_without_crashing(paragraphs, footer):
    art = Article(article_id="h", site="kompas.tv", paragraphs=paragraphs,
                  source=[f for f in footer if f is not None], photo_credit=footer)  # type: ignore[arg-type]
    hops = attribute(art)
    assert list(hops.columns) == ATTRIBUTION_COLUMNS
    body = {i for i, p in enumerate(paragraphs) if p}
    assert body <= set(hops.loc[hops["target"] == "paragraph", "para_idx"].astype(int))
    assert (hops["hop"] >= 0).all()


def test_binary_and_huge_paragraphs():
    junk = (b"\x00\xff\xfe" * 200).decode("latin-1")
    long = "Menurut Reuters, " + "kata " * 50000 + "kepada wartawan."
    hops = attribute(Article(article_id="b", paragraphs=[junk, long]))
    assert set(hops["para_idx"].astype(int)) == {0, 1}
    assert "Reuters" in set(hops["source"])


@pytest.mark.parametrize("credit,origin_to_reader", [
    (["Korean Central News Agency", "Korea News Service", "AP"], ["KCNA", "Korea News Service", "AP"]),
    (["AP Photo", "Ahn Young-joon"], ["Ahn Young-joon", "AP"]),  # agency/photographer
    (["KOMPAS.com", "NABILLA TASHANDRA"], ["NABILLA TASHANDRA", "Kompas.com"]),
    (["Reuters"], ["Reuters"]),
])
def test_photo_credit_order(credit, origin_to_reader):
    hops = attribute(Article(article_id="p", photo_credit=credit))
    photo = hops[hops["target"] == "photo"].sort_values("hop", ascending=False)
    assert photo["source"].tolist() == origin_to_reader
    assert photo["hop"].tolist() == list(range(len(credit) - 1, -1, -1))


def test_photo_credit_from_caption_when_reader_left_it_empty():
    art = Article(article_id="c", caption="Kim bertemu Belousov. (Sumber: KCNA/Korea News Service via AP)")
    photo = attribute(art).sort_values("hop")
    assert photo["source"].tolist() == ["AP", "Korea News Service", "KCNA"]
    assert set(photo["evidence"]) == {"KCNA/Korea News Service via AP"}


# --------------------------------------------------------------------------- cue lexicon as data

_CUE_HEADER = "cue,position,relation,notes\n"


def _user_chains(text: str, cues_csv=None) -> list[tuple[int, int, str, str]]:
    art = Article(article_id="u", site="kompas.com", paragraphs=[text])
    df = attribute(art, cues_csv=cues_csv)
    df = df[(df["target"] == "paragraph") & (df["relation"] != "inherited")]
    return sorted((int(c), int(h), s, r) for c, h, s, r in df[["chain", "hop", "source", "relation"]].values)


def test_shipped_cue_lexicon_is_well_formed():
    from kompaskit.provenance import CUE_COLUMNS, CUE_POSITIONS, CUES_CSV, cues_table

    table = cues_table()
    assert list(table.columns) == CUE_COLUMNS
    assert set(table["position"]) == set(CUE_POSITIONS)  # every position has shipped cues
    needs_relation = table["position"].isin(["pre", "post", "continuation"])
    assert (table.loc[needs_relation, "relation"] != "").all()
    assert not table.duplicated(["cue", "position"]).any()
    # every shipped row is in use (none shadowed by another spelling of the same cue)
    shipped = pd.read_csv(CUES_CSV, dtype=str, keep_default_na=False)
    assert len(table) == len(shipped)
    assert set(table.loc[table["position"] == "terminator", "cue"]) >= {"minggu", "Minggu"}
    # the relations the cue sentences above expect all come from the CSV
    expected = {r for _, exp in CUES for *_, r in exp} - {"said", "kepada", "not_reported"}
    assert expected <= set(table["relation"])


def test_user_cue_csv_adds_a_pre_cue(tmp_path):
    # "dikabarin" (slang for "dikabarkan") is not a shipped cue: no hop until a user CSV adds it
    sentence = "Seperti dikabarin Yonhap, Korea Utara kembali menembakkan rudal balistik."
    assert _user_chains(sentence) == []
    mine = tmp_path / "cues.csv"
    mine.write_text(_CUE_HEADER + "[seperti|sebagaimana] dikabarin [oleh|dari],pre,dikabarin,slang\n",
                    encoding="utf-8")
    assert _user_chains(sentence, mine) == [(0, 0, "Yonhap", "dikabarin")]
    # the optional words of the notation are consumed, not taken into the source mention
    hops = attribute(Article(article_id="u", paragraphs=["Dikabarin oleh kantor berita KCNA, uji coba berhasil."]),
                     cues_csv=mine)
    cue_hops = hops[hops["relation"] == "dikabarin"]
    assert cue_hops["source"].tolist() == ["KCNA"]
    assert cue_hops["rule"].tolist() == ["pre_cue:dikabarin"]
    assert _user_chains(sentence) == []  # the shipped lexicon is unchanged


def test_user_cue_csvs_from_environment(tmp_path, monkeypatch):
    post = tmp_path / "post.csv"
    post.write_text(_CUE_HEADER + "ngabarin,post,ngabarin,\n", encoding="utf-8")
    neg = tmp_path / "neg.csv"
    neg.write_text(_CUE_HEADER + "mengabarin,negation,not_reported,\n", encoding="utf-8")
    monkeypatch.setenv("KOMPASKIT_ATTRIBUTION_CUES", os.pathsep.join([str(post), str(neg)]))
    assert _user_chains("Yonhap ngabarin bahwa rudal jatuh di Laut Jepang.") == [(0, 0, "Yonhap", "ngabarin")]
    assert _user_chains("KCNA tidak mengabarin jumlah korban.") == [(0, 0, "KCNA", "not_reported")]
    # negated verbs tolerate one typo, user verbs included
    assert _user_chains("KCNA tidak mengabrin jumlah korban.") == [(0, 0, "KCNA", "not_reported")]


def test_user_cue_csv_continuation_and_renamed_relation(tmp_path):
    mine = tmp_path / "cues.csv"
    mine.write_text(_CUE_HEADER + "nukil (dari|dr),continuation,mengutip,\n"
                    "menurut [laporan|keterangan|data|informasi|pernyataan] [dari],pre,according_to,renamed\n",
                    encoding="utf-8")
    assert _user_chains("Seperti dilaporkan Reuters nukil dari KCNA, Kim meninjau pabrik.", mine) == [
        (0, 0, "Reuters", "dilaporkan"), (0, 1, "KCNA", "mengutip")]
    # a user row with a shipped cue and position replaces it in place
    assert _user_chains("Menurut Reuters, Putin memerintahkan serangan.", mine) == [
        (0, 0, "Reuters", "according_to")]
    assert _user_chains("Menurut Reuters, Putin memerintahkan serangan.") == [(0, 0, "Reuters", "menurut")]


@pytest.mark.parametrize("content", [
    b"\xff\xfe\x00\x01binary\x00",
    b"word,kind\ndikabarin,pre\n",  # no cue/position columns
    b"cue,position,relation,notes\ndikabarin,sebelum,dikabarin,\n",  # unknown position
    b"cue,position,relation,notes\ndikabarin [oleh,pre,dikabarin,\n",  # unclosed bracket
    b"cue,position,relation,notes\n[oleh],pre,dikabarin,\n",  # nothing required
    b"cue,position,relation,notes\ndikabarin,pre,,\n",  # pre cue without relation
    b"cue,position,relation,notes\ntidak bilang,negation,not_reported,\n",  # negation is one word
])
def test_bad_user_cue_csv_raises_kit_error(tmp_path, content):
    from kompaskit import KompasParseError
    from kompaskit.provenance import cues_table

    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    with pytest.raises(KompasParseError):
        cues_table(bad)


def test_empty_user_cue_csv_changes_nothing(tmp_path):
    from kompaskit.provenance import cues_table

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert cues_table(empty).equals(cues_table())


def test_reload_cues_sees_an_edited_csv(tmp_path):
    from kompaskit.provenance import reload_cues

    mine = tmp_path / "edit.csv"
    mine.write_text(_CUE_HEADER + "dikabarin,pre,dikabarin,\n", encoding="utf-8")
    sentence = "Dikabarin Yonhap, rudal jatuh di laut."
    assert _user_chains(sentence, mine) == [(0, 0, "Yonhap", "dikabarin")]
    mine.write_text(_CUE_HEADER + "dikabarin,pre,kabar,\n", encoding="utf-8")
    reload_cues()
    assert _user_chains(sentence, mine) == [(0, 0, "Yonhap", "kabar")]


def test_negation_after_non_breaking_space():
    # scraped text often has U+00A0 between words: still a negated report, not a "melaporkan" hop
    assert _user_chains("Pemerintah Provinsi DKI Jakarta tak\u00a0melaporkan jumlah korban.") == [
        (0, 0, "Pemerintah Provinsi DKI Jakarta", "not_reported")]


def test_continuation_cue_ends_the_source_mention():
    # "berdasarkan laporan" continues the chain: Reuters is the mention before it, not the
    # rightmost registered name of the whole span
    assert _user_chains("Menurut Reuters berdasarkan laporan KCNA, Kim meninjau pabrik.") == [
        (0, 0, "Reuters", "menurut"), (0, 1, "KCNA", "berdasarkan")]


def test_user_generic_head_opens_an_unregistered_source(tmp_path):
    sentence = "Menurut warganet di Seoul, antrean mengular sejak pagi."
    assert _user_chains(sentence) == []  # a lower-case word that is not a known head: no source
    mine = tmp_path / "heads.csv"
    mine.write_text(_CUE_HEADER + "warganet,generic_head,,netizens\n", encoding="utf-8")
    assert _user_chains(sentence, mine) == [(0, 0, "warganet", "menurut")]


# --------------------------------------------------------------------------- rows API (issue 7)

def _quote_rows_of(article: Article) -> list[dict]:
    """The quotes of an article as rows: `quotes.quote_rows` when it exists, else the table's records."""
    from kompaskit import quotes

    if hasattr(quotes, "quote_rows"):
        return quotes.quote_rows(article)
    return quotes.quotes_table(article).to_dict("records")


@pytest.fixture(scope="module")
def synthetic_articles(make_synthetic_articles, seed_article) -> list[Article]:
    """The seed plus 50 articles of the benchmark generator (seed paragraphs, PFSA-ID dev text if present)."""
    return [seed_article, *make_synthetic_articles(50, seed=3)]


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: (None if v is pd.NA else v) for k, v in r.items()} for r in df.to_dict("records")]


def test_rows_equal_the_dataframe_on_seed_and_synthetic(synthetic_articles):
    from kompaskit.provenance import attribution_rows
    from kompaskit.quotes import quotes_table

    targets = set()
    for art in synthetic_articles:
        df = attribute(art, quotes_table(art))
        rows = attribution_rows(art, _quote_rows_of(art))
        assert all(list(r) == ATTRIBUTION_COLUMNS for r in rows)
        assert rows == _records(df), art.article_id
        as_frame = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS).astype(
            {"hop": "int64", "chain": "int64", "para_idx": "Int64"})
        pd.testing.assert_frame_equal(as_frame, df, check_dtype=False)
        for r in rows:
            assert type(r["hop"]) is int and type(r["chain"]) is int
            assert r["para_idx"] is None or type(r["para_idx"]) is int
            assert (r["para_idx"] is None) == (r["target"] in ("article", "photo"))
        targets |= {r["target"] for r in rows}
    # the sample exercises every kind of hop, quote relays included
    assert targets == {"article", "photo", "paragraph", "quote"}


def test_quote_rows_and_quote_frame_give_the_same_hops():
    from kompaskit.provenance import attribution_rows

    art = Article(article_id="kompas.com:5", site="kompas.com", source=["Reuters"], paragraphs=[
        "“Kami siap,” kata Peskov seperti dikutip dari TASS.",
        "“Kami juga siap,” ujarnya.",
    ])
    quotes = [{"quote_id": "a", "article_id": "kompas.com:5", "para_idx": 0, "speaker": "Dmitry Peskov",
               "speaker_type": "person", "via": ["TASS"]},
              {"quote_id": "b", "article_id": "kompas.com:5", "para_idx": 1, "speaker": "Dmitry Peskov",
               "speaker_type": "person", "via": []}]
    rows = attribution_rows(art, quotes)
    assert rows == attribution_rows(art, pd.DataFrame(quotes))
    assert rows == _records(attribute(art, quotes))
    said = [(r["target_id"], r["hop"], r["source"], r["relation"]) for r in rows if r["target"] == "quote"]
    assert sorted(said) == [("a", 0, "TASS", "dikutip_dari"), ("a", 1, "Dmitry Peskov", "said"),
                            ("b", 0, "Reuters", "inherited"), ("b", 1, "Dmitry Peskov", "said")]


def test_quote_rows_with_missing_fields_do_not_crash():
    from kompaskit.provenance import attribution_rows

    art = Article(article_id="kompas.tv:6", site="kompas.tv", paragraphs=["“Tidak,” kata Lavrov."])
    rows = attribution_rows(art, [{"speaker": "Sergei Lavrov", "para_idx": "x"}, "bukan baris"])
    quote = [r for r in rows if r["target"] == "quote"]
    # no quote_id: numbered by position; an unreadable para_idx becomes None
    assert [(r["target_id"], r["source"], r["relation"], r["para_idx"]) for r in quote][-1] == \
        ("0", "Sergei Lavrov", "said", None)
    assert attribution_rows(art, []) == attribution_rows(art)


def test_empty_article_rows_and_frame_types():
    from kompaskit.provenance import attribution_rows

    art = Article(article_id="kosong")
    assert attribution_rows(art) == []
    df = attribute(art)
    assert df.empty and list(df.columns) == ATTRIBUTION_COLUMNS
    assert (str(df["hop"].dtype), str(df["chain"].dtype), str(df["para_idx"].dtype)) == ("int64", "int64", "Int64")


def test_attribute_many_takes_quote_rows(synthetic_articles):
    from kompaskit.provenance import attribute_many
    from kompaskit.quotes import quotes_table

    arts = synthetic_articles[:6]
    rows = [r for a in arts for r in _quote_rows_of(a)]
    assert rows  # the sample has quotes to split by article
    frame = pd.concat([quotes_table(a) for a in arts], ignore_index=True)
    want = pd.concat([attribute(a, quotes_table(a)) for a in arts], ignore_index=True)
    pd.testing.assert_frame_equal(attribute_many(arts, rows), want)
    pd.testing.assert_frame_equal(attribute_many(arts, frame), want)


def test_views_same_on_loaded_categoricals_as_on_strings(tmp_path, synth):
    """`load()` gives attributions' repeated columns as Categoricals: the chain view, the
    source-type shares and the unknown-sources table must equal those of plain strings."""
    import matplotlib.pyplot as plt

    import kompaskit
    from kompaskit.plots import provenance as pp
    from kompaskit.provenance import unknown_sources

    raw, out = tmp_path / "raw", tmp_path / "out"
    synth.generate(raw, 40, seed=5)
    kompaskit.build(raw, out, progress=False)
    c = kompaskit.load(out)
    cat = c.attributions
    assert isinstance(cat["target"].dtype, pd.CategoricalDtype)
    plain = cat.assign(**{col: cat[col].astype(object) for col in cat.columns
                          if isinstance(cat[col].dtype, pd.CategoricalDtype)})
    both = cat.groupby("article_id")["target"].agg(lambda s: {"photo", "article"} <= set(s))
    article_id = both[both].index[0]  # an article with a photo credit and a Sumber footer

    def labels(att):
        fig = pp.plot_chain(att, article_id, paragraphs=c.paragraphs)
        ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        plt.close(fig)
        return ticks

    ticks = labels(cat)
    assert ticks == labels(plain)
    assert ticks.index("photo credit") < ticks.index("article (Sumber)")
    pd.testing.assert_frame_equal(pp.source_type_shares(cat, c.articles),
                                  pp.source_type_shares(plain, c.articles), check_names=False)
    pd.testing.assert_frame_equal(unknown_sources(cat).reset_index(drop=True),
                                  unknown_sources(plain).reset_index(drop=True),
                                  check_dtype=False, check_categorical=False)
