"""The shared layers: dates (months, WIB, publication month), lexicons (one loader) and the
entity registry every analyser resolves names through."""
import pandas as pd
import pytest

from kompaskit import dates, entities, lexicons


def test_publication_month_is_wib_for_every_input_form():
    # 2024-12-01 05:00 WIB is 2024-11-30 22:00 UTC: month 2024-12 whichever way it arrives
    aware = pd.Series(pd.to_datetime(["2024-12-01 05:00"]).tz_localize("Asia/Jakarta"))
    utc = pd.Series(pd.to_datetime(["2024-11-30 22:00"]).tz_localize("UTC"))
    naive_utc = pd.Series(pd.to_datetime(["2024-11-30 22:00"]))
    strings = ["2024-12-01T05:00:00+07:00", "2024-11-30T22:00:00Z", None, "not a date"]
    assert dates.publication_month(aware).tolist() == ["2024-12"]
    assert dates.publication_month(utc).tolist() == ["2024-12"]
    assert dates.publication_month(naive_utc).tolist() == ["2024-12"]
    out = dates.publication_month(strings)
    assert out.iloc[:2].tolist() == ["2024-12", "2024-12"] and out.iloc[2:].isna().all()


def test_month_and_weekday_names():
    assert dates.MONTHS["agustus"] == dates.MONTHS["agt"] == dates.MONTHS["aug"] == 8
    assert dates.MONTHS["nopember"] == 11 and dates.WEEKDAYS["jum'at"] == 4
    assert dates.WEEKDAYS["senin"] == 0 and dates.WEEKDAYS["minggu"] == 6


def test_lexicon_user_folder_and_legacy_variable(tmp_path, monkeypatch):
    shipped = lexicons.read_lexicon("sources")
    (tmp_path / "sources.csv").write_text("source,aliases,type,country,notes\n"
                                          "Korea Herald,The Korea Herald,newspaper,KR,\n", "utf-8")
    legacy = tmp_path / "more.csv"
    legacy.write_text("source,aliases,type,country,notes\nKyodo,Kyodo News,wire,JP,\n", "utf-8")
    monkeypatch.setenv("KOMPASKIT_LEXICONS", str(tmp_path))
    monkeypatch.setenv("KOMPASKIT_SOURCES", str(legacy))
    df = lexicons.read_lexicon("sources")
    assert len(df) == len(shipped) + 2
    assert df["source"].tolist()[-2:] == ["Korea Herald", "Kyodo"]
    assert lexicons.lexicon_files("sources")[1:] == [tmp_path / "sources.csv", legacy]


def test_fingerprint_changes_with_a_user_lexicon(tmp_path, monkeypatch):
    before = lexicons.lexicons_fingerprint()
    (tmp_path / "actors.csv").write_text("actor,type,country,aliases,metonym_for,notes\n"
                                         "Sergei Shoigu,person,RU,Shoigu,,\n", "utf-8")
    monkeypatch.setenv("KOMPASKIT_LEXICONS", str(tmp_path))
    assert lexicons.lexicons_fingerprint() != before


@pytest.mark.parametrize("content, expect", [
    (b"source,aliases\nA,\"b,c\",x,y,z\n", "row 2"),
    (b"\xff\xfe\x00bad", "not a readable UTF-8 CSV"),
    (b"", "empty file"),
    (b"name,aliases\nA,b\n", "missing column(s) source"),
])
def test_bad_lexicon_is_one_line_naming_file(tmp_path, content, expect):
    p = tmp_path / "sources.csv"
    p.write_bytes(content)
    with pytest.raises(lexicons.LexiconError) as err:
        lexicons.read_csv_rows(p, ("source",))
    msg = str(err.value)
    assert "\n" not in msg and str(p) in msg and expect in msg


@pytest.mark.parametrize("mention, name, kind, state", [
    ("Kim Jong Un", "Kim Jong-un", "person", "Korea Utara"),
    ("kim jong-un", "Kim Jong-un", "person", "Korea Utara"),
    ("Putin", "Vladimir Putin", "person", "Rusia"),
    ("kantor berita KCNA", "KCNA", "outlet", "Korea Utara"),
    ("Badan Intelijen Nasional (NIS)", "NIS (South Korea)", "organisation", "Korea Selatan"),
    ("Korsel", "Korea Selatan", "state", "Korea Selatan"),
    ("Jokowi", "Joko Widodo", "person", "Indonesia"),
])
def test_resolve_one_entity_per_name(mention, name, kind, state):
    e = entities.resolve(mention)
    assert e is not None and (e.name, e.kind, e.state) == (name, kind, state)
    assert entities.canonical_name(mention) == name


def test_unknown_names_and_cut_names():
    assert entities.resolve("Tampaknya") is None and entities.resolve("") is None
    assert entities.canonical_name("  seorang pejabat AS, ") == "seorang pejabat AS"
    # a cut footer resolves when one registry name starts with it
    assert entities.resolve("Asso").name == "AP"
    assert entities.resolve("Kor") is None  # too short to be a prefix


def test_find_entities_longest_match_word_bounded():
    text = "Kim Jong Un menerima Putin; dikutip dari kantor berita KCNA dan Reuters, antara lain."
    found = [(m.text, m.entity.name) for m in entities.find_entities(text)]
    assert ("Kim Jong Un", "Kim Jong-un") in found and ("Putin", "Vladimir Putin") in found
    assert ("kantor berita KCNA", "KCNA") in found and ("Reuters", "Reuters") in found
    assert all(t != "antara" for t, _ in found)  # the word, not the agency Antara
    for m in entities.find_entities(text):
        assert text[m.start:m.end] == m.text


def test_registry_keeps_every_lexicon_row():
    # a row naming an entity another lexicon knows merges into it: its name becomes an alias
    table = entities.entities_table()
    for lexicon, col in (("sources", "source"), ("actors", "actor"), ("quote_aliases", "name")):
        for name in lexicons.read_lexicon(lexicon)[col]:
            e = entities.resolve(name)
            assert e is not None and name in (e.name, *e.aliases), (lexicon, name)
    assert set(table["kind"]) <= set(entities.KINDS)
    assert table["name"].is_unique


def test_one_lexicon_folder_extends_provenance_and_events(tmp_path, monkeypatch):
    """$KOMPASKIT_LEXICONS is the one way to extend every lexicon: the provenance registry, the
    attribution cues and the events' actor gazetteer all read a folder's CSV of the same name."""
    from kompaskit import provenance
    from kompaskit.events.lexicons import load_actors

    (tmp_path / "sources.csv").write_text("source,aliases,type,country,notes\n"
                                          "Dong-A Ilbo,harian Dong-A Ilbo,newspaper,KR,\n", "utf-8")
    (tmp_path / "actors.csv").write_text("actor,type,country,aliases,metonym_for,notes\n"
                                         "Dmitry Medvedev,person,RU,Medvedev,,\n", "utf-8")
    assert provenance.resolve_source("harian Dong-A Ilbo")[1] == "unknown"
    monkeypatch.setenv("KOMPASKIT_LEXICONS", str(tmp_path))
    provenance.reload_sources()
    entities.reload()
    try:
        assert provenance.resolve_source("harian Dong-A Ilbo")[:3] == ("Dong-A Ilbo", "newspaper", "KR")
        assert load_actors().canonical.get("Medvedev") == "Dmitry Medvedev"
        assert entities.resolve("harian Dong-A Ilbo").kind == "outlet"
    finally:
        monkeypatch.delenv("KOMPASKIT_LEXICONS")
        provenance.reload_sources()
        entities.reload()


def test_a_bad_user_lexicon_stops_the_build_before_anything_is_written(tmp_path, monkeypatch, seed_path):
    """Issue 13: a malformed lexicon CSV is one line naming the file and row, and the out folder
    is left as it was (here: never created)."""
    import kompaskit
    from kompaskit.builder import BuildError

    raw, out, lex = tmp_path / "raw", tmp_path / "out", tmp_path / "lex"
    raw.mkdir(), lex.mkdir()
    (raw / "a.txt").write_bytes(seed_path.read_bytes())
    (lex / "sources.csv").write_text("source,aliases,type,country,notes\nA,\"b\",x,y,z,extra\n", "utf-8")
    monkeypatch.setenv("KOMPASKIT_LEXICONS", str(lex))
    with pytest.raises(BuildError) as err:
        kompaskit.build(raw, out, progress=False)
    msg = str(err.value)
    assert "\n" not in msg and "sources.csv" in msg and "row 2" in msg
    assert not out.exists() or not any(out.iterdir())
