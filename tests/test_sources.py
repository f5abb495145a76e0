"""The source registry: shipped CSV, alias uniqueness, resolution, user extension."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from kompaskit.provenance import (attribute, resolve_source, sources_table, unknown_sources)
from kompaskit.article import Article

KNOWN_TYPES = {"wire", "state_media", "public_broadcaster", "newspaper", "tv", "online", "government",
               "intelligence", "military", "international_org", "think_tank", "person", "kompas"}


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    return sources_table()


def test_registry_size_and_fields(registry):
    assert len(registry) >= 60
    assert list(registry.columns) == ["source", "aliases", "type", "country", "notes"]
    assert registry["source"].is_unique
    assert set(registry["type"]) <= KNOWN_TYPES
    assert registry["country"].map(lambda c: bool(re.fullmatch(r"[A-Z]{2}", c))).all()
    assert registry["aliases"].map(lambda a: isinstance(a, list)).all()


def test_aliases_unique_across_entries(registry):
    seen: dict[str, str] = {}
    for name, aliases in zip(registry["source"], registry["aliases"]):
        for alias in {name.casefold(), *(a.casefold() for a in aliases)}:
            assert alias not in seen, f"{alias!r} is listed for both {seen[alias]!r} and {name!r}"
            seen[alias] = name


def test_every_alias_resolves_to_its_entry(registry):
    for name, aliases, typ, country in registry[["source", "aliases", "type", "country"]].values:
        for alias in [name, *aliases]:
            assert resolve_source(alias) == (name, typ, country), alias
            assert resolve_source(alias.upper())[0] == name or " " not in alias


@pytest.mark.parametrize("mention,canonical", [
    ("Kantor Berita Korea Utara KCNA", "KCNA"),
    ("Korean Central News Agency", "KCNA"),
    ("Kantor Berita Pusat Korea", "KCNA"),
    ("Associated Press", "AP"),
    ("VOA", "Voice of America"),
    ("The Strait Times", "The Straits Times"),
    ("intelijen Korea Selatan", "NIS (South Korea)"),
    ("Badan Intelijen Nasional", "NIS (South Korea)"),
    ("Kepala Staf Gabungan", "JCS (South Korea)"),
    ("Gedung Putih", "White House"),
    ("Departemen Luar Negeri AS", "US State Department"),
    ("PBB", "UN"),
    ("Kementerian Pertahanan Rusia", "Russian Defence Ministry"),
    ("kantor berita pemerintah Rusia, TASS", "TASS"),  # registry alias inside a longer mention
    ("juru bicara Kremlin Dmitry Peskov", "Dmitry Peskov"),  # head of the apposition wins
])
def test_known_mentions(mention, canonical):
    assert resolve_source(mention)[0] == canonical


def test_unknown_mention_stays_as_written():
    assert resolve_source("Harian Pyongyang Times") == ("Harian Pyongyang Times", "unknown", "")
    assert resolve_source("") == ("", "unknown", "")
    assert resolve_source(None) == ("", "unknown", "")  # type: ignore[arg-type]


def test_single_word_aliases_are_case_sensitive_inside_text():
    # "antara" (between) is not Antara the news agency; "detik" (seconds) is not Detik
    art = Article(article_id="x", paragraphs=[
        "Menurut antara kedua pihak, ketegangan turun dalam hitungan detik.",
        "Menurut Antara, ketegangan turun."])
    hops = attribute(art)
    explicit = hops[hops["relation"] == "menurut"]
    assert explicit[["para_idx", "source"]].values.tolist() == [[1, "Antara"]]


def test_user_csv_extends_registry(tmp_path, monkeypatch):
    extra = tmp_path / "mine.csv"
    extra.write_text("source,aliases,type,country,notes\n"
                     "Pyongyang Times,Harian Pyongyang Times|The Pyongyang Times,state_media,KP,weekly\n"
                     "Reuters,kantor berita Reuters|Reuters News,wire,GB,replaced\n", encoding="utf-8")
    table = sources_table(extra)
    assert "Pyongyang Times" in set(table["source"])
    assert table.loc[table["source"] == "Reuters", "notes"].item() == "replaced"
    assert resolve_source("Harian Pyongyang Times", extra_csv=extra) == ("Pyongyang Times", "state_media", "KP")
    assert resolve_source("Harian Pyongyang Times")[1] == "unknown"  # shipped registry unchanged
    monkeypatch.setenv("KOMPASKIT_SOURCES", str(extra))
    assert resolve_source("The Pyongyang Times")[0] == "Pyongyang Times"
    art = Article(article_id="y", paragraphs=["Seperti dilaporkan Harian Pyongyang Times, panen meningkat."])
    hops = attribute(art)
    assert hops.loc[hops["relation"] == "dilaporkan", "source_type"].tolist() == ["state_media"]


def test_bad_user_csv_raises_kit_error(tmp_path):
    from kompaskit import KompasParseError

    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00\x01binary\x00")
    with pytest.raises(KompasParseError):
        sources_table(bad)
    nocols = tmp_path / "nocols.csv"
    nocols.write_text("name,kind\nX,wire\n", encoding="utf-8")
    with pytest.raises(KompasParseError):
        sources_table(nocols)


def test_unknown_sources_lists_unregistered_mentions():
    art = Article(article_id="z", paragraphs=[
        "Seperti dilaporkan Harian Pyongyang Times, panen meningkat.",
        "Menurut Harian Pyongyang Times, hujan turun.",
        "Menurut Reuters, hujan turun."])
    table = unknown_sources(attribute(art))
    assert table["source_mention"].tolist() == ["Harian Pyongyang Times"]
    assert table["n"].tolist() == [2]
    assert table["relations"].tolist() == [["dilaporkan", "menurut"]]
    assert unknown_sources(pd.DataFrame()).empty


def test_reload_sources_sees_an_edited_csv(tmp_path):
    from kompaskit.provenance import reload_sources

    extra = tmp_path / "edit.csv"
    extra.write_text("source,aliases,type,country,notes\nChongryon,,state_media,JP,\n", encoding="utf-8")
    assert resolve_source("Chongryon", extra_csv=extra)[1] == "state_media"
    extra.write_text("source,aliases,type,country,notes\nChongryon,,government,JP,\n", encoding="utf-8")
    reload_sources()
    assert resolve_source("Chongryon", extra_csv=extra)[1] == "government"
