"""The declarative pipeline: a table is one record plus its row function; everything else follows."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import kompaskit
from kompaskit import builder, pipeline, schema
from kompaskit.pipeline import TableSpec

ROOT = Path(__file__).resolve().parents[1]


def word_count_rows(article) -> list[dict]:
    """Toy row function: words per body paragraph."""
    return [{"article_id": article.article_id, "para_idx": i, "n_words": len(text.split())}
            for i, text in enumerate(article.paragraphs)]


@pytest.fixture()
def toy_table():
    spec = pipeline.register(TableSpec("word_counts", "file", word_count_rows, doc="toy"),
                             columns={"article_id": schema.STR, "para_idx": schema.I32,
                                      "n_words": schema.I32})
    yield spec
    pipeline.unregister("word_counts")
    schema.TABLES.pop("word_counts", None)


def test_a_registered_table_is_built_cached_loaded_and_documented(toy_table, tmp_path: Path,
                                                                   seed_path: Path, seed_text: str):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(seed_path, raw / "a.txt")
    first = kompaskit.build(raw, out, progress=False)
    assert first.n_parsed == 1 and first.tables["word_counts"] == 17
    built = pd.read_parquet(out / "word_counts.parquet")
    assert list(built.columns) == ["article_id", "para_idx", "n_words"]
    assert built["n_words"].gt(0).all()

    # cached: a second file is parsed alone, the first one's toy rows come from the cache
    text = seed_text.replace("Pemimpin Korea Utara", "Pemimpin tertinggi Korea Utara")
    (raw / "b.txt").write_text(text, encoding="utf-8")
    second = kompaskit.build(raw, out, progress=False)
    assert (second.n_parsed, second.n_reused) == (1, 1)
    c = kompaskit.load(out)
    assert set(c.word_counts["article_id"]) == set(c.articles["article_id"])
    assert len(c.word_counts) == len(c.paragraphs)
    assert "word_counts" in repr(c) and "word_counts" in c.tables()

    # documented: the generated column index lists it
    assert "`word_counts` (per raw file): `article_id`, `para_idx`, `n_words`" in pipeline.columns_markdown()


def test_a_new_table_changes_the_build_key(toy_table):
    key_with = builder.build_key()
    pipeline.unregister("word_counts")
    try:
        assert builder.build_key() != key_with
    finally:
        pipeline.register(toy_table)


def test_a_table_needing_an_unknown_table_is_refused():
    with pytest.raises(ValueError, match="needs unknown"):
        pipeline.register(TableSpec("bad", "file", word_count_rows, needs=("nope",)),
                          columns={"article_id": schema.STR})
    assert "bad" not in pipeline.TABLES


def test_derived_lists_follow_the_records():
    assert pipeline.per_file_tables() == ("articles", "paragraphs", "quotes", "attributions",
                                          "mentions", "event_candidates", "errors")
    assert pipeline.final_tables() == ("articles", "paragraphs", "quotes", "attributions",
                                       "sources", "mentions", "events", "errors")
    from kompaskit import corpus

    assert corpus.FINAL_TABLES == pipeline.final_tables()
    c = kompaskit.load(ROOT / "no-such-folder", missing="empty")
    assert set(c.tables()) == set(pipeline.final_tables())


def test_docs_column_index_matches_the_pipeline():
    doc = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    assert pipeline.update_doc(doc) == doc, "run: python -m kompaskit.pipeline --doc"
    # every column of every public table appears in its prose section too
    for name in pipeline.final_tables():
        section = doc.split(f"## {name} ", 1)
        assert len(section) == 2, f"docs/tables.md has no section for {name}"
        body = section[1].split("\n## ", 1)[0]
        missing = [c for c in pipeline.TABLES[name].columns if f"`{c}`" not in body]
        assert not missing, f"docs/tables.md, section {name}, does not describe {missing}"


def _package_copy(tmp_path: Path) -> Path:
    pkg = tmp_path / "kompaskit"
    shutil.copytree(ROOT / "kompaskit", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    return pkg


def test_editing_a_view_keeps_the_cache_editing_an_analyser_does_not(tmp_path: Path):
    pkg = _package_copy(tmp_path)
    key = builder.build_key(pkg=pkg)
    for rel in ("plots/__init__.py", "widgets/__init__.py", "export.py", "report.py", "cli.py"):
        path = pkg / rel
        path.write_text(path.read_text(encoding="utf-8") + "\n# a new colour\n", encoding="utf-8")
    assert builder.build_key(pkg=pkg) == key
    quotes = pkg / "quotes" / "extract.py"
    quotes.write_text(quotes.read_text(encoding="utf-8") + "\n# a new rule\n", encoding="utf-8")
    assert builder.build_key(pkg=pkg) != key


def test_editing_a_plot_module_does_not_reparse(tmp_path: Path, seed_path: Path, monkeypatch):
    """End to end: the build's key comes from a package copy whose plot module is then edited."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(seed_path, raw / "a.txt")
    pkg = _package_copy(tmp_path)
    real = builder.build_key
    monkeypatch.setattr(builder, "build_key", lambda html_engine="trafilatura": real(html_engine, pkg=pkg))
    assert kompaskit.build(raw, out, progress=False).n_parsed == 1
    (pkg / "plots" / "__init__.py").write_text("# edited\n", encoding="utf-8")
    assert kompaskit.build(raw, out, progress=False).up_to_date
    (pkg / "temporal" / "rules.py").write_text((pkg / "temporal" / "rules.py").read_text() + "\n# edited\n")
    assert kompaskit.build(raw, out, progress=False).n_parsed == 1


def test_process_chunk_gives_typed_arrow_per_table(seed_path: Path):
    res = pipeline.process_chunk([(str(seed_path), "a.txt", "x")])
    assert set(res) == set(pipeline.per_file_tables())
    assert res["quotes"].num_rows > 0 and res["quotes"].schema.field("start").type == pa.int32()
    assert set(res["paragraphs"].column("_file").to_pylist()) == {"a.txt"}
