"""Issue 15: events as real Kompas pages write them (fixtures written for these tests, in the
shape of the issue's examples): dated statements, several events per sentence, the main
predicate's type, gift/veto, citation dates, certainty, actors without fragments, merging
differently worded reports, and embeds yielding nothing."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

from kompaskit.article import Article
from kompaskit.events import extract_events, load_actors, merge_events
from kompaskit.temporal import mentions_table

WIB = timezone(timedelta(hours=7))
PUB = datetime(2024, 10, 23, 9, 0, tzinfo=WIB)  # a Wednesday


def _events(paragraphs: list[str], published: datetime = PUB, aid: str = "t:1",
            kinds: list[str] | None = None) -> pd.DataFrame:
    art = Article(article_id=aid, published=published, paragraphs=paragraphs,
                  paragraph_kinds=kinds or ["body"] * len(paragraphs))
    return extract_events(art, mentions_table(art))


def _kinds(events: pd.DataFrame) -> list[tuple[str, str]]:
    return sorted((r.event_type, str(r.date_start.date())) for r in events.itertuples())


# ---------------------------------------------------------------- dated statements
def test_dated_statement_is_an_event_with_its_speaker():
    ev = _events(["Choe Son Hui, menteri luar negeri Korea Utara, pada Senin (21/10/2024) "
                  "melontarkan kecaman keras terhadap Korea Selatan."])
    assert _kinds(ev) == [("statement", "2024-10-21")]
    assert ev.iloc[0]["actors"][0] == "Choe Son Hui"


def test_passive_statement_names_its_speaker_after_the_cue():
    ev = _events(["Hal itu dikatakan Presiden Joe Biden dalam jumpa pers Selasa (22/10/2024)."])
    assert _kinds(ev) == [("statement", "2024-10-22")]
    assert ev.iloc[0]["actors"][0] == "Joe Biden"


def test_statement_dated_a_few_days_after_something_is_vague_but_kept():
    ev = _events(["Pernyataan itu dirilis hanya beberapa hari setelah Seoul menuduh "
                  "Pyongyang mengirim tentara ke Rusia."])
    assert list(ev["event_type"]) == ["statement"]
    row = ev.iloc[0]
    assert row["granularity"] == "vague" and row["date_end"] <= pd.Timestamp("2024-10-23")


def test_speech_date_and_content_date_are_two_events():
    ev = _events(["Ukraina pada Senin mengatakan, pertahanan udaranya menembak jatuh puluhan "
                  "drone dalam serangan Rusia semalam."], datetime(2024, 10, 22, 8, tzinfo=WIB))
    kinds = _kinds(ev)
    assert ("statement", "2024-10-21") in kinds
    strike = ev[ev["event_type"] == "strike"].iloc[0]
    # "semalam" of a Monday statement: the night from Sunday to Monday
    assert strike["date_start"] == pd.Timestamp("2024-10-20")
    assert strike["date_end"] == pd.Timestamp("2024-10-22")
    assert strike["certainty"] == "reported"  # told by the sentence's speaker


# ---------------------------------------------------------------- several events per sentence
def test_each_date_of_a_sentence_dates_its_own_event():
    ev = _events(["Putin tiba di Pyongyang pada Rabu (19/6/2024), sementara Belousov bertemu "
                  "Kim Jong-un pada Jumat (29/11/2024)."], datetime(2024, 11, 30, tzinfo=WIB))
    assert _kinds(ev) == [("meeting", "2024-11-29"), ("visit", "2024-06-19")]


def test_coordinated_predicates_share_one_date():
    ev = _events(["Pasukan Rusia menyerang kota itu pada 7 Oktober lalu.",
                  "Sejak saat itu, Rusia menggempur Kharkiv tanpa henti dan mengerahkan "
                  "pasukan tambahan ke perbatasan."])
    second = ev[ev["para_idx"] == 1]
    assert sorted(second["event_type"]) == ["strike", "troop_deployment"]
    assert (second["date_start"] == pd.Timestamp("2024-10-07")).all()
    assert all("since" in flags for flags in second["mention_flags"])


def test_main_clause_of_a_when_clause_takes_its_date():
    ev = _events(["Paket bantuan itu diumumkan ketika Presiden Volodymyr Zelensky "
                  "mengunjungi Washington pertengahan pekan ini."],
                 datetime(2024, 9, 29, 10, tzinfo=WIB))
    assert sorted(ev["event_type"]) == ["statement", "visit"]
    assert (ev["date_start"] == pd.Timestamp("2024-09-24")).all()
    assert (ev["date_end"] == pd.Timestamp("2024-09-27")).all()


# ---------------------------------------------------------------- type from the main predicate
@pytest.mark.parametrize("sentence,etype", [
    ("Putin tiba di Korea Utara pada Rabu (19/6/2024) dini hari, dalam lawatan yang digelar "
     "di tengah sanksi yang dipimpin Amerika Serikat.", "visit"),
    ("Pemerintah AS memberikan izin memakai rudal jarak jauh untuk serangan ke wilayah Rusia "
     "pada Minggu (17/11/2024).", "authorisation"),
    ("Putin meratifikasi perjanjian kemitraan itu pada Sabtu (9/11/2024).", "ratification"),
    ("Serangan Rusia ke Odesa pada Jumat (18/10/2024) menewaskan sedikitnya delapan orang.",
     "strike"),
    ("Putin menghadiahkan sebuah limusin Aurus kepada Kim Jong-un pada 18 Februari.", "gift"),
    ("Rusia memveto perpanjangan mandat panel ahli PBB pada Kamis (28/3/2024).", "veto"),
    ("Kremlin memerintahkan pasukan ke perbatasan pekan lalu.", "troop_deployment"),
    ("Korea Utara melakukan uji coba rudal balistik pada Senin pagi.", "launch"),
])
def test_type_comes_from_the_main_predicate(sentence, etype):
    assert list(_events([sentence])["event_type"]) == [etype]


def test_citation_date_is_not_an_event_date():
    ev = _events(["Dilansir dari Newsweek, Kamis (17/10/2024), Kim Jong-un menerima "
                  "Menteri Pertahanan Rusia Andrei Belousov pekan lalu."])
    assert not (ev["date_start"] == pd.Timestamp("2024-10-17")).any()
    assert list(ev["event_type"]) == ["meeting"]  # dated by "pekan lalu"


@pytest.mark.parametrize("sentence,certainty", [
    ("Menurut Yonhap, Korea Utara menembakkan rudal pada Senin (21/10/2024).", "reported"),
    ("Korea Utara diduga mengirim pasukan ke Rusia pada Jumat (18/10/2024).", "hedged"),
    ("Korea Utara menembakkan rudal pada Senin (21/10/2024).", "asserted"),
])
def test_certainty_is_kept(sentence, certainty):
    assert list(_events([sentence])["certainty"]) == [certainty]


# ---------------------------------------------------------------- actors
@pytest.mark.parametrize("sentence,fragments", [
    ("Presiden Afrika Selatan Cyril Ramaphosa bertemu Putin pada Jumat (25/10/2024).",
     {"Afrika Selatan Cyril"}),
    ("Pemimpin Tertinggi Korea Utara Kim Jong Un bertemu Putin pada Jumat (25/10/2024).",
     {"Tertinggi Korea Utara", "Kim Jong", "Korut Kim Jong"}),
    ("Menteri Luar Negeri Korut Kim Jong bertemu Lavrov di Moskwa pada Jumat (25/10/2024).",
     {"Korut Kim Jong", "Negeri Korut"}),
])
def test_no_fragment_actors(sentence, fragments):
    actors = {a for lst in _events([sentence])["actors"] for a in lst}
    assert actors and not actors & fragments, actors
    known = set(load_actors().kind)  # canonical names of the registry
    assert actors <= known, actors - known


def test_leaders_are_canonical_and_hyphen_joined_states_are_both_actors():
    ev = _events(["Kim Jong Un dan Vladimir Putin bertemu pada Rabu (13/9/2023).",
                  "Perang Rusia-Ukraina memasuki hari ke-600 pada Senin (21/10/2024)."])
    assert {"Kim Jong-un", "Vladimir Putin"} <= set(ev.iloc[0]["actors"])
    assert {"Rusia", "Ukraina"} <= set(ev[ev["event_type"] == "strike"].iloc[0]["actors"])


# ---------------------------------------------------------------- merging
def test_three_differently_worded_reports_of_one_summit_merge():
    a = _events(["Kim Jong-un dan Vladimir Putin menggelar pertemuan di Kosmodrom Vostochny, "
                 "Rabu (13/9/2023)."], datetime(2023, 9, 13, 20, tzinfo=WIB), "a:1")
    b = _events(["Korea Utara dan Rusia menggelar pertemuan puncak pada 13 September 2023."],
                datetime(2023, 9, 14, 7, tzinfo=WIB), "b:1")
    c = _events(["Pemimpin Korea Utara berkunjung ke Rusia bulan lalu dan bertemu Putin."],
                datetime(2023, 10, 2, 9, tzinfo=WIB), "c:1")
    merged = merge_events(pd.concat([c, b, a], ignore_index=True))
    assert len(merged) == 1, merged[["event_type", "date_start", "actors"]]
    ev = merged.iloc[0]
    assert ev["n_articles"] == 3
    assert ev["first_reported"] == pd.Timestamp("2023-09-13 20:00", tz="Asia/Jakarta")
    assert ev["granularity"] == "day" and ev["date_start"] == pd.Timestamp("2023-09-13")
    assert sorted(ev["evidence"]) == ["a:1:0", "b:1:0", "c:1:0"]


def test_a_year_long_span_does_not_swallow_a_day():
    a = _events(["Rusia melancarkan invasi ke Ukraina pada 2022."], aid="a:1")
    b = _events(["Rusia menyerang Kharkiv pada Sabtu (21/5/2022)."], aid="b:1")
    assert len(merge_events(pd.concat([a, b], ignore_index=True))) == 2


def test_statements_merge_only_with_the_same_speaker():
    a = _events(["Kim Yo-jong pada Selasa (22/10/2024) mengecam Korea Selatan."], aid="a:1")
    b = _events(["Yoon Suk Yeol pada Selasa (22/10/2024) mengecam Korea Utara."], aid="b:1")
    assert len(merge_events(pd.concat([a, b], ignore_index=True))) == 2


# ---------------------------------------------------------------- body only
def test_embed_paragraph_yields_no_mention_and_no_event():
    paragraphs = ["Kim Jong-un bertemu Belousov pada Jumat (29/11/2024).",
                  "Putin bertemu Kim pada Rabu (19/6/2024) di Pyongyang, tulis akun itu."]
    art = Article(article_id="e:1", published=datetime(2024, 11, 30, tzinfo=WIB),
                  paragraphs=paragraphs, paragraph_kinds=["body", "embed"])
    mentions = mentions_table(art)
    assert set(mentions["para_idx"]) == {0}
    ev = extract_events(art, mentions)
    assert list(ev["para_idx"]) == [0]
    # even when handed a mention of the embed, no event comes from it
    body_only = Article(article_id="e:1", published=art.published, paragraphs=paragraphs)
    assert list(extract_events(art, mentions_table(body_only))["para_idx"]) == [0]


# ---------------------------------------------------------------- figure and focus
def test_focus_keeps_events_involving_both_states_and_reference_follows_actor():
    from kompaskit.events import involving, involving_actor, load_reference

    ev = pd.DataFrame({"event_id": ["a", "b", "c"],
                       "actors": [["Kim Jong-un", "Vladimir Putin"], ["Vladimir Putin"],
                                  ["Rusia", "Korea Utara", "Ukraina"]]})
    assert list(involving(ev)["event_id"]) == ["a", "c"]
    ref = load_reference()
    biden = involving_actor(ref, "Joe Biden")
    assert len(biden) >= 1 and all("Joe Biden" in a for a in biden["actor_list"])
    # a state filter keeps the milestones of its people too (Putin -> Rusia)
    assert len(involving_actor(ref, "Rusia")) > len(involving_actor(ref, "Vladimir Putin")) > 0


def test_reference_labels_never_overlap():
    import matplotlib.pyplot as plt

    from kompaskit.plots.timeline import plot_timeline

    days = pd.date_range("2024-06-17", periods=6, freq="D")
    ref = pd.DataFrame({"date_start": days, "date_end": days + pd.Timedelta(days=1),
                        "granularity": "day",
                        "event_type": ["meeting", "agreement", "visit", "gift", "veto", "strike"]})
    events = pd.DataFrame({"event_id": ["x"], "date_start": [pd.Timestamp("2024-06-01")],
                           "date_end": [pd.Timestamp("2024-07-01")], "granularity": ["month"],
                           "event_type": ["meeting"], "n_articles": [1]})
    fig = plot_timeline(events, ref)
    fig.canvas.draw()
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_text() in set(ref["event_type"])]
    top = ax.get_window_extent()
    assert len(labels) == len(ref)
    boxes = [t.get_window_extent() for t in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
    assert all(b.y1 <= top.y1 + 1 for b in boxes)  # inside the axes: the lane made room
    plt.close(fig)


def test_statement_links_the_quote_of_its_sentence():
    from kompaskit.quotes import quote_rows

    art = Article(article_id="q:1", published=PUB, paragraphs=[
        "Kim Yo-jong pada Selasa (22/10/2024) mengatakan, “Seoul akan membayar mahal atas "
        "provokasi ini.”"])
    quotes = quote_rows(art)
    assert quotes, "the quotes analyser finds the direct quote"
    ev = extract_events(art, mentions_table(art), None, quotes)
    statement = ev[ev["event_type"] == "statement"].iloc[0]
    assert statement["quote_ids"] == [quotes[0]["quote_id"]]
    assert statement["actors"][0] == "Kim Yo-jong"
    assert merge_events(ev).iloc[0]["quote_ids"] == [quotes[0]["quote_id"]]
    # without quotes the event stands, unlinked
    assert extract_events(art, mentions_table(art)).iloc[0]["quote_ids"] == []


def test_a_term_of_office_is_no_event_date():
    ev = _events(["Ketua Umum asosiasi periode 2016-2019 Budi Santoso mengatakan, pasar tumbuh."])
    assert ev.empty


def test_a_visit_dated_by_arrival_covers_the_summit_next_day():
    from kompaskit.events import coverage, load_reference

    def visit(day: str) -> pd.DataFrame:
        start = pd.Timestamp(day)
        return pd.DataFrame({"event_id": [day], "date_start": [start],
                             "date_end": [start + pd.Timedelta(days=1)], "granularity": ["day"],
                             "event_type": ["visit"], "actors": [["Kim Jong-un", "Rusia"]],
                             "evidence": [["a:0"]]})

    ref = load_reference()
    summit = ref[ref["date"] == "2023-09-13"]
    assert coverage(visit("2023-09-12"), summit).iloc[0]["status"] == "covered"
    assert coverage(visit("2023-09-05"), summit).iloc[0]["status"] == "not covered"


def test_memorial_ceremony_is_dated_as_the_chronology_types_it():
    ev = _events(["Kim Jong-un menggelar upacara penghormatan bagi tentara yang gugur di Kursk "
                  "pada Kamis (21/8/2025)."], datetime(2025, 8, 22, tzinfo=WIB))
    assert list(ev["event_type"]) == ["statement"]


def test_actor_dropdown_leaves_out_fragments():
    from kompaskit.widgets.timeline import actor_options

    ev = pd.DataFrame({"actors": [["Kim Jong", "Kim Jong-un", "Afrika Selatan Cyril"],
                                  ["Rusia", "Tertinggi Korea Utara", "Budi Santoso"]]})
    assert actor_options(ev) == ["(all)", "Budi Santoso", "Kim Jong-un", "Rusia"]


# ---------------------------------------------------------------- group actors
def test_armed_forces_are_an_actor_beside_their_state():
    ev = _events(["Pada Senin (21/10/2024), pasukan Korut menyerang sebuah desa di perbatasan.",
                  "Prajurit Rusia pada Selasa (22/10/2024) masih bertempur melawan tentara Ukraina."])
    first, second = (list(a) for a in ev.sort_values("date_start")["actors"])
    assert first[:2] == ["pasukan Korea Utara", "Korea Utara"], first
    assert {"prajurit Rusia", "Rusia", "tentara Ukraina", "Ukraina"} <= set(second), second


def test_group_actors_count_for_their_state_when_merging_and_in_the_dropdown():
    from kompaskit.events import expand_actors
    from kompaskit.widgets.timeline import actor_options

    gaz = load_actors()
    assert expand_actors(["militer Myanmar"], gaz) >= {"militer Myanmar", "Myanmar"}
    assert expand_actors(["pasukan bayangan"], gaz) == {"pasukan bayangan"}  # no state: itself only
    a = _events(["Tentara Korea Utara menyerang pos Ukraina pada Sabtu (19/10/2024)."], aid="a:1")
    b = _events(["Korea Utara menyerang pos Ukraina di Kursk pada 19 Oktober 2024."], aid="b:1")
    assert len(merge_events(pd.concat([a, b], ignore_index=True))) == 1
    ev = pd.DataFrame({"actors": [["tentara Korea Utara", "pasukan Entah"]]})
    assert actor_options(ev) == ["(all)", "tentara Korea Utara"]


def test_an_institution_has_one_actor_name_whichever_lexicon_knows_the_alias():
    from kompaskit.events.lexicons import canonical_actor

    gaz = load_actors()
    assert canonical_actor("dinas intelijen Korea Selatan", gaz) == canonical_actor("NIS", gaz)


def test_a_speaker_named_as_armed_forces_is_the_group_actor_and_anonymous_sources_are_none():
    from kompaskit.events.lexicons import canonical_actor

    gaz = load_actors()
    assert canonical_actor("Militer Korut", gaz) == "militer Korea Utara"
    ev = _events(["\"Ranjau itu dipasang pada Senin (21/10/2024),\" kata sumber yang enggan "
                  "disebutkan identitasnya kepada wartawan."])
    assert len(ev) == 1  # the dated statement is kept, without its unnamed source as an actor
    assert not any("sumber" in a.lower() for lst in ev["actors"] for a in lst), ev["actors"].tolist()
