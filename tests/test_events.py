"""Events: extraction from the seed and synthetic articles, merging, reference coverage."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

from kompaskit.article import Article, KompasParseError
from kompaskit.events import (CANDIDATE_COLUMNS, EVENT_COLUMNS, certainty_of, coverage,
                              extract_events, load_actors, load_reference, load_triggers,
                              merge_events)
from kompaskit.temporal import mentions_table

WIB = timezone(timedelta(hours=7))


def _article(aid: str, published: datetime | None, paragraphs: list[str], **kw) -> Article:
    return Article(article_id=aid, published=published, paragraphs=paragraphs, **kw)


def _events_of(article: Article, attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    return extract_events(article, mentions_table(article), attributions)





@pytest.fixture(scope="module")
def seed_events(seed_article) -> pd.DataFrame:
    return _events_of(seed_article)


def _one(events: pd.DataFrame, etype: str, start: str) -> pd.Series:
    hit = events[(events["event_type"] == etype) & (events["date_start"] == pd.Timestamp(start))]
    assert len(hit) == 1, events[["event_type", "date_start", "mention"]].to_dict("records")
    return hit.iloc[0]


# ---------------------------------------------------------------- the seed
def test_seed_meeting_with_belousov(seed_events, seed_article):
    ev = _one(seed_events, "meeting", "2024-11-29")
    assert ev["granularity"] == "day" and ev["date_end"] == pd.Timestamp("2024-11-30")
    assert {"Kim Jong-un", "Andrei Belousov"} <= set(ev["actors"])
    aid, _, idx = ev["evidence"][0].rpartition(":")
    assert aid == seed_article.article_id
    assert "Belousov" in seed_article.paragraphs[int(idx)]
    assert ev["first_reported"] == pd.Timestamp("2024-11-30 10:52", tz="Asia/Jakarta")


def test_seed_agreement_with_putin(seed_events):
    ev = _one(seed_events, "agreement", "2024-06-01")
    assert ev["granularity"] == "month" and ev["date_end"] == pd.Timestamp("2024-07-01")
    assert "Vladimir Putin" in ev["actors"]
    assert "Kim Jong-un" in ev["actors"]  # "Itu termasuk …" carries the previous subject


def test_seed_leaders_meeting_in_russia(seed_events):
    ev = _one(seed_events, "meeting", "2023-09-01")
    assert ev["granularity"] == "month"
    assert ev["location"] == "Rusia"
    assert {"Rusia", "Korea Utara"} <= set(ev["actors"])  # Moskow and Pyongyang as metonyms


def test_seed_us_authorisation(seed_events):
    ev = _one(seed_events, "authorisation", "2024-11-01")
    assert ev["granularity"] == "month" and ev["date_end"] == pd.Timestamp("2024-12-01")
    assert {"Joe Biden", "Amerika Serikat", "Ukraina"} <= set(ev["actors"])
    assert "izin" in ev["summary"]


def test_seed_report_date_does_not_date_an_event(seed_events):
    # "Seperti dilaporkan KCNA, Sabtu (30/11/2024), pada pertemuan itu ..." dates the report
    assert not (seed_events["date_start"] == pd.Timestamp("2024-11-30")).any()


def test_seed_candidates_shape(seed_events):
    assert list(seed_events.columns) == CANDIDATE_COLUMNS
    assert (seed_events["n_articles"] == 1).all()
    assert seed_events["sources"].map(lambda s: "Voice of America" in s).all()
    assert seed_events["summary"].map(lambda s: "\n" not in s and len(s) > 20).all()


def test_seed_coverage(seed_events):
    cov = coverage(merge_events(seed_events), load_reference()).set_index("date")
    for milestone in ("2024-11-29", "2024-06-19", "2023-09-13"):
        assert cov.loc[milestone, "status"] == "covered", milestone
        assert cov.loc[milestone, "n_articles"] == 1
    later = cov[cov.index.str.startswith("2025")]
    assert len(later) >= 3 and (later["status"] == "not covered").all()
    assert cov.loc["2024-03-28", "status"] == "not covered"


# ---------------------------------------------------------------- synthetic sentences
SAT = datetime(2024, 11, 30, 10, 0, tzinfo=WIB)


@pytest.mark.parametrize("sentence,expected", [
    ("Kim bertemu Putin di Pyongyang, Rabu (19/6/2024).", "asserted"),
    ("Menurut Yonhap, Kim bertemu Putin pada Rabu (19/6/2024).", "reported"),
    ("Seperti dilaporkan KCNA, Kim bertemu Putin pada 19 Juni 2024.", "reported"),
    ("Kim diduga bertemu Putin pada 19 Juni 2024.", "hedged"),
    ("Pasukan itu kabarnya dikirim pada Oktober 2024.", "hedged"),
    ("Kim dilaporkan bertemu Putin pada 19 Juni 2024.", "hedged"),
    ("Kim disebut-sebut bertemu Putin pada 19 Juni 2024.", "hedged"),
])
def test_certainty(sentence, expected):
    assert certainty_of(sentence) == expected
    events = _events_of(_article("t:1", SAT, [sentence]))
    assert list(events["certainty"]) == [expected]


@pytest.mark.parametrize("sentence,etype", [
    ("Putin meratifikasi perjanjian itu pada 9 November 2024.", "ratification"),
    ("Korea Utara mengirimkan ribuan kontainer amunisi ke Rusia pada Agustus 2024.",
     "arms_transfer"),
    ("Korea Utara mengerahkan sekitar 10.000 pasukan ke Rusia pada Oktober 2024.",
     "troop_deployment"),
    ("Rusia menggempur Kiev dengan rudal pada Minggu (17/11/2024).", "strike"),
    ("Korea Utara meluncurkan rudal balistik pada Kamis (31/10/2024).", "launch"),
    ("Uni Eropa menjatuhkan sanksi baru terhadap Korea Utara pada Desember 2024.", "sanction"),
    ("Korea Selatan dan AS menggelar latihan militer gabungan pada Agustus 2024.", "exercise"),
    ("Puluhan tentara Korea Utara tewas di Kursk pada Desember 2024.", "casualty"),
    ("Lavrov berkunjung ke Pyongyang pada Oktober 2023.", "visit"),
    ("Kim menegaskan dukungannya kepada Rusia pada Jumat (29/11/2024).", "statement"),
])
def test_event_types(sentence, etype):
    events = _events_of(_article("t:2", SAT, [sentence]))
    assert list(events["event_type"]) == [etype]


def test_no_event_without_date_or_trigger():
    art = _article("t:3", SAT, ["Kim bertemu Putin di Pyongyang.",  # no date
                                "Cuaca di Pyongyang cerah pada Jumat (29/11/2024).",  # no trigger
                                # issue 15: "sejak itu" now takes its antecedent's date, so
                                # the undated case is "sebelumnya" (vague, no value)
                                "Sebelumnya, Korea Utara mengirimkan amunisi."])  # vague only
    assert extract_events(art, mentions_table(art)).empty


def test_actor_coreference_from_caption_and_locative_place():
    art = _article("t:4", SAT,
                   ["Ia berbicara dengan Shafiq Rahmanov di Pyongyang, Jumat (29/11/2024)."],
                   caption="Menteri Luar Negeri Tajikistan Shafiq Rahmanov tiba di Pyongyang.")
    ev = _events_of(art).iloc[0]
    assert "Shafiq Rahmanov" in ev["actors"]
    assert ev["location"] == "Pyongyang" and "Korea Utara" not in ev["actors"]


def test_sources_come_from_attributions_of_that_paragraph():
    art = _article("t:5", SAT, ["Kim bertemu Putin pada 19 Juni 2024.",
                                "Putin meneken perjanjian itu pada 19 Juni 2024."],
                   source=["Voice of America"])
    attributions = pd.DataFrame({"article_id": ["t:5", "t:5"], "para_idx": [1, 1],
                                 "source": ["KCNA", "Reuters"], "relation": ["menurut", "via"]})
    ev = _events_of(art, attributions).set_index("para_idx")
    assert ev.loc[1, "sources"] == ["KCNA", "Reuters"]
    assert ev.loc[0, "sources"] == ["Voice of America"]  # no hop for that paragraph


def test_extract_events_handles_empty_inputs():
    assert extract_events(_article("t:6", SAT, []), None).empty
    art = _article("t:7", None, ["Kim bertemu Putin bulan lalu."])  # no anchor: no date
    assert extract_events(art, mentions_table(art)).empty


def test_sources_read_from_attribution_rows_like_the_table():
    """Attribution rows (list of dicts) and their DataFrame give the same sources: hops about
    the paragraph first, quote hops when there are none, "not_reported" and empty sources
    skipped, article-level hops (no para_idx) as the fallback before ``article.source``."""
    from kompaskit.events import candidate_rows

    art = _article("t:8", SAT, ["Kim bertemu Putin pada 19 Juni 2024.",
                                "Putin meneken perjanjian itu pada 19 Juni 2024.",
                                "Shoigu berkunjung ke Pyongyang pada 13 September 2024."],
                   source=["Voice of America"])
    hops = [
        {"target": "paragraph", "para_idx": 1, "source": "KCNA", "relation": "menurut"},
        {"target": "quote", "para_idx": 1, "source": "Yonhap", "relation": "via"},
        {"target": "quote", "para_idx": 2, "source": "TASS", "relation": "via"},
        {"target": "paragraph", "para_idx": 2, "source": "Kremlin", "relation": "not_reported"},
        {"target": "paragraph", "para_idx": 2, "source": "  ", "relation": "via"},
        {"target": "paragraph", "para_idx": 1, "source": None, "relation": "via"},
        {"target": "article", "para_idx": None, "source": "Kompas.com", "relation": "via"},
    ]
    mentions = mentions_table(art)
    from_rows = candidate_rows(art, mentions.to_dict("records"), hops)
    sources = {r["para_idx"]: r["sources"] for r in from_rows}
    assert sources == {0: ["Kompas.com"], 1: ["KCNA"], 2: ["TASS"]}
    as_frame = pd.DataFrame(hops)
    as_frame["para_idx"] = as_frame["para_idx"].astype("Int64")  # as provenance types it
    pd.testing.assert_frame_equal(extract_events(art, mentions, as_frame),
                                  pd.DataFrame(from_rows, columns=CANDIDATE_COLUMNS))
    no_article_hop = [h for h in hops if h["target"] != "article"]
    assert candidate_rows(art, None, no_article_hop)[0]["sources"] == ["Voice of America"]


def test_candidate_rows_empty_and_fresh_empty_frames():
    from kompaskit.events import candidate_rows

    art = _article("t:9", SAT, ["Cuaca cerah sepanjang hari."])
    assert candidate_rows(art, []) == []
    assert candidate_rows(art, pd.DataFrame()) == []
    assert candidate_rows(_article("t:10", SAT, []), None) == []
    first = extract_events(art, [])
    assert list(first.columns) == CANDIDATE_COLUMNS and first.empty
    assert str(first["date_start"].dtype) == "datetime64[ns]"
    first["extra"] = 1  # a caller changing its empty frame does not change the next one
    assert list(extract_events(art, None).columns) == CANDIDATE_COLUMNS


def _assert_candidate_rows_match(article) -> list[dict]:
    """candidate_rows on upstream rows == extract_events on upstream DataFrames."""
    from kompaskit.events import candidate_rows, candidates_frame
    from kompaskit.provenance import attribute, attribution_rows
    from kompaskit.quotes import quotes_table
    from kompaskit.temporal import mention_rows

    quotes = quotes_table(article)
    table = extract_events(article, mentions_table(article), attribute(article, quotes))
    rows = candidate_rows(article, mention_rows(article),
                          attribution_rows(article, quotes.to_dict("records")))
    assert all(list(r) == CANDIDATE_COLUMNS for r in rows)
    if rows:
        pd.testing.assert_frame_equal(pd.DataFrame(rows, columns=CANDIDATE_COLUMNS), table)
    else:
        assert table.empty
    pd.testing.assert_frame_equal(candidates_frame(rows), table)
    return rows


def test_candidate_rows_equal_extract_events(seed_article, make_synthetic_articles):
    seed_rows = _assert_candidate_rows_match(seed_article)
    assert {"meeting", "agreement"} <= {r["event_type"] for r in seed_rows}
    articles = make_synthetic_articles(50, seed=4)
    rows = [r for a in articles for r in _assert_candidate_rows_match(a)]
    assert len(rows) > len(articles) // 2  # the synthetic texts carry events: not vacuous
    assert any(r["sources"] for r in rows)
    r = rows[0]
    assert isinstance(r["date_start"], pd.Timestamp) and isinstance(r["para_idx"], int)
    assert isinstance(r["actors"], list) and isinstance(r["published"], pd.Timestamp)


# ---------------------------------------------------------------- merging
def _three_reports() -> pd.DataFrame:
    a = _article("k:1", datetime(2024, 6, 20, 8, 0, tzinfo=WIB),
                 ["Presiden Rusia Vladimir Putin dan Kim Jong-un menandatangani perjanjian "
                  "kemitraan strategis komprehensif di Pyongyang, Rabu (19/6/2024)."])
    b = _article("k:2", datetime(2024, 6, 21, 9, 30, tzinfo=WIB),
                 ["Perjanjian yang diteken Putin dan Kim di Pyongyang pada 19 Juni 2024 itu "
                  "memuat klausul saling membantu."])
    c = _article("k:3", datetime(2024, 7, 15, 12, 0, tzinfo=WIB),
                 ["Menurut KCNA, Kim Jong-un meneken perjanjian pertahanan dengan Putin bulan lalu."])
    return pd.concat([_events_of(x) for x in (c, a, b)], ignore_index=True)


def test_merge_three_reports_into_one_event():
    candidates = _three_reports()
    assert len(candidates) == 3
    events = merge_events(candidates)
    assert len(events) == 1
    ev = events.iloc[0]
    assert ev["n_articles"] == 3
    assert ev["first_reported"] == pd.Timestamp("2024-06-20 08:00", tz="Asia/Jakarta")
    assert ev["granularity"] == "day" and ev["date_start"] == pd.Timestamp("2024-06-19")
    assert sorted(ev["evidence"]) == ["k:1:0", "k:2:0", "k:3:0"]
    assert {"Vladimir Putin", "Kim Jong-un"} <= set(ev["actors"])
    assert ev["certainty"] == "asserted"
    assert list(events.columns[: len(EVENT_COLUMNS)]) == EVENT_COLUMNS


def test_merge_keeps_apart_different_type_date_or_actors():
    rows = []
    base = {"granularity": "day", "location": None, "summary": "s", "sources": [],
            "n_articles": 1, "certainty": "asserted", "trigger": "", "mention": "",
            "mention_flags": [], "para_idx": 0}
    specs = [("a", "meeting", "2024-06-19", ["Kim Jong-un", "Vladimir Putin"]),
             ("b", "agreement", "2024-06-19", ["Kim Jong-un", "Vladimir Putin"]),  # other type
             ("c", "meeting", "2024-06-25", ["Kim Jong-un", "Vladimir Putin"]),  # other day
             ("d", "meeting", "2024-06-19", ["Joe Biden"])]  # no shared actor
    for aid, etype, day, actors in specs:
        start = pd.Timestamp(day)
        rows.append({**base, "event_id": f"{aid}:0:0", "article_id": aid, "event_type": etype,
                     "date_start": start, "date_end": start + pd.Timedelta(days=1),
                     "actors": actors, "evidence": [f"{aid}:0"],
                     "published": pd.Timestamp("2024-07-01", tz="Asia/Jakarta"),
                     "first_reported": pd.Timestamp("2024-07-01", tz="Asia/Jakarta")})
    events = merge_events(pd.DataFrame(rows))
    assert len(events) == 4 and (events["n_articles"] == 1).all()
    month = {**rows[2], "event_id": "e:0:0", "article_id": "e", "evidence": ["e:0"],
             "date_start": pd.Timestamp("2024-06-01"), "date_end": pd.Timestamp("2024-07-01"),
             "granularity": "month", "actors": ["Vladimir Putin"]}
    events = merge_events(pd.DataFrame([*rows, month]))
    # the June meeting (month) bridges the two meeting days sharing Putin
    merged = events[events["n_articles"] == 3].iloc[0]
    assert merged["granularity"] == "day" and sorted(merged["evidence"]) == ["a:0", "c:0", "e:0"]


def test_merge_empty():
    out = merge_events(pd.DataFrame(columns=CANDIDATE_COLUMNS))
    assert out.empty and set(EVENT_COLUMNS) <= set(out.columns)


# ---------------------------------------------------------------- reference and lexicons
def test_load_reference_shipped_and_user_file(tmp_path, reference_csv):
    ref = load_reference()
    shipped = pd.read_csv(reference_csv)
    assert len(ref) == len(shipped)
    row = ref[ref["date"] == "2024-01"].iloc[0]
    assert row["date_start"] == pd.Timestamp("2024-01-01")
    assert row["date_end"] == pd.Timestamp("2024-02-01")
    own = tmp_path / "mine.csv"
    own.write_text("date,granularity,event_type,actors,location,summary,reported_by\n"
                   "2024-11-29,day,meeting,Kim Jong-un; Andrei Belousov,Pyongyang,x,KCNA\n",
                   encoding="utf-8")
    mine = load_reference(own)
    assert mine.iloc[0]["actor_list"] == ["Kim Jong-un", "Andrei Belousov"]


@pytest.mark.parametrize("content", [b"", b"\x00\xff\xfe binary", b"tanggal;jenis\n1;2\n"])
def test_load_reference_bad_input(tmp_path, content):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    with pytest.raises(KompasParseError):
        load_reference(bad)


def test_coverage_without_events():
    cov = coverage(merge_events(pd.DataFrame(columns=CANDIDATE_COLUMNS)))
    assert len(cov) == len(load_reference()) and (cov["status"] == "not covered").all()


def test_lexicons_are_user_extendable(tmp_path, monkeypatch):
    triggers = tmp_path / "triggers.csv"
    triggers.write_text("kind,label,priority,pattern,notes\nevent,sanction,5,blokade laut,\n",
                        encoding="utf-8")
    actors = tmp_path / "actors.csv"
    actors.write_text("actor,type,country,aliases,metonym_for,notes\n"
                      "Rodrigo Duterte,person,PH,Duterte,,\n", encoding="utf-8")
    art = _article("t:8", SAT, ["Duterte mengumumkan blokade laut pada Jumat (29/11/2024)."])
    before = _events_of(art).iloc[0]
    assert before["event_type"] == "statement" and "Rodrigo Duterte" not in before["actors"]
    monkeypatch.setenv("KOMPASKIT_EVENT_TRIGGERS", str(triggers))
    monkeypatch.setenv("KOMPASKIT_ACTORS", str(actors))
    after = _events_of(art).iloc[0]
    assert after["event_type"] == "sanction" and "Rodrigo Duterte" in after["actors"]
    assert "Rodrigo Duterte" in load_actors().canonical.values()
    assert any(label == "sanction" for label, _, _ in load_triggers().events)


# ---------------------------------------------------------------- figure and widget
def _small_corpus():
    from types import SimpleNamespace
    events = pd.DataFrame({
        "event_id": ["e1", "e2", "e3"],
        "date_start": pd.to_datetime(["2024-11-29", "2024-06-01", "2023-09-01"]),
        "date_end": pd.to_datetime(["2024-11-30", "2024-07-01", "2023-10-01"]),
        "granularity": ["day", "month", "month"],
        "event_type": ["meeting", "agreement", "meeting"],
        "actors": [["Kim Jong-un", "Andrei Belousov"], ["Vladimir Putin"], ["Rusia", "Korea Utara"]],
        "location": [None, None, "Rusia"],
        "summary": ["Kim bertemu Belousov.", "Perjanjian diteken Juni lalu.", "Pertemuan di Rusia."],
        "evidence": [["a:2"], ["a:7", "b:1"], ["a:9"]],
        "sources": [["KCNA"], ["Voice of America"], ["Voice of America"]],
        "n_articles": [1, 2, 1],
        "first_reported": pd.to_datetime(["2024-11-30 10:52"]).tz_localize("Asia/Jakarta").repeat(3),
        "certainty": ["reported", "asserted", "asserted"],
    })
    paragraphs = pd.DataFrame({"article_id": ["a", "a", "a", "b"], "para_idx": [2, 7, 9, 1],
                               "text": ["Hal itu diungkapkan Kim saat bertemu Belousov.",
                                        "Kerja sama strategis ditandatangani Juni lalu.",
                                        "Pertemuan kedua pemimpin di Rusia, September 2023.",
                                        "Traktat itu diteken di Pyongyang."]})
    sources = pd.DataFrame({"source": ["KCNA", "Voice of America"],
                            "aliases": [["Korean Central News Agency"], ["VOA"]],
                            "type": ["state_media", "public_broadcaster"], "country": ["KP", "US"],
                            "notes": ["", ""]})
    return SimpleNamespace(events=events, paragraphs=paragraphs, sources=sources)


def test_plot_timeline_points_for_days_bars_for_months():
    import matplotlib.collections as mc
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from kompaskit.plots.timeline import REFERENCE_LANE, plot_timeline

    corpus = _small_corpus()
    ref = coverage(corpus.events.assign(actors=corpus.events["actors"]), load_reference())
    ref = ref.merge(load_reference()[["date", "date_start", "date_end"]], on="date")
    fig = plot_timeline(corpus.events, ref, fit=False)  # issue 15: fit=False shows every milestone
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == REFERENCE_LANE and {"meeting", "agreement"} <= set(labels)
    points = [c for c in ax.collections if isinstance(c, mc.PathCollection)]
    bars = [c for c in ax.collections if not isinstance(c, mc.PathCollection)]
    assert sum(len(c.get_offsets()) for c in points) >= 1 + (ref["granularity"] == "day").sum()
    # the two month events and the month milestones are bars, never points
    assert len(bars) >= 2 + (ref["granularity"] == "month").sum()
    plt.close(fig)
    # issue 15: by default the axis fits the events shown; milestones outside are left out
    fig = plot_timeline(corpus.events, ref)
    lo, hi = (mdates.num2date(x).replace(tzinfo=None) for x in fig.axes[0].get_xlim())
    assert lo <= corpus.events["date_start"].min() and hi >= corpus.events["date_end"].max()
    span = corpus.events["date_end"].max() - corpus.events["date_start"].min()
    assert (hi - lo) <= span * 1.2 + pd.Timedelta(days=30)
    plt.close(fig)
    empty = plot_timeline(corpus.events.iloc[:0])
    assert "No dated events" in empty.axes[0].texts[0].get_text()
    plt.close(empty)


def test_timeline_filters_and_widget():
    from kompaskit.widgets.timeline import evidence_table, events_html, filter_events, timeline_view

    corpus = _small_corpus()
    assert list(filter_events(corpus)["event_id"]) == ["e1", "e2", "e3"]
    assert list(filter_events(corpus, actor="Vladimir Putin")["event_id"]) == ["e2"]
    assert list(filter_events(corpus, source_type="state_media")["event_id"]) == ["e1"]
    assert list(filter_events(corpus, certainty="reported")["event_id"]) == ["e1"]
    assert list(filter_events(corpus, date_range=(pd.Period("2024-06", "M"),
                                                  pd.Period("2024-10", "M")))["event_id"]) == ["e2"]
    assert filter_events(corpus, actor="nobody").empty
    links = evidence_table(corpus.events, corpus.paragraphs)
    assert len(links) == 4
    assert links.set_index("evidence").loc["b:1", "paragraph"] == "Traktat itu diteken di Pyongyang."
    page = events_html(corpus.events, corpus.paragraphs)
    assert "Traktat itu diteken di Pyongyang." in page and page.count("<details") == 4

    box = timeline_view(corpus, load_reference())
    # issue 15: the default focus is events involving both Russia and North Korea
    assert box.errors == [] and set(box.state["last"]["event_id"]) == {"e1", "e3"}
    box.controls["focus"].value = False  # the toggle shows all
    assert box.errors == [] and len(box.state["last"]) == 3
    box.controls["event_type"].value = "meeting"
    assert box.errors == [] and set(box.state["last"]["event_id"]) == {"e1", "e3"}
    box.controls["actor"].value = "Andrei Belousov"
    assert list(box.state["last"]["event_id"]) == ["e1"]
    slider = box.controls["date_range"]
    slider.index = (0, 1)
    assert box.errors == [] and box.state["last"].empty
