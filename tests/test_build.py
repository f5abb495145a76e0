"""The corpus build: bad input recorded not fatal, raw files untouched, incremental, atomic, merges."""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import kompaskit
from kompaskit import corpus as corpus_mod

BAD_FILES = {
    "empty.txt": b"",
    "binary.bin": bytes(range(256)) * 64,
    "invalid-utf8.txt": b"\xff\xfe\xfa\xfb not text \xc3\x28 \xa0\xa1" * 50,
    "nul.txt": b"JAKARTA, KOMPAS.com - Ada\x00\x00\x00 nol di sini.\n" * 20,
    "no-body.html": b"<html><head><title>Kosong</title></head></html>",
    "not-an-article.txt": b"daftar belanja\ntelur\nberas\n",
    "archive.zip": None,  # filled below
    "broken.warc.gz": gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>")[:60],
}


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("artikel.txt", "PYONGYANG, KOMPAS.TV - isi")
    return buf.getvalue()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _build_cli(raw: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kompaskit", "build", str(raw), "--out", str(out),
                           "--quiet", *extra], capture_output=True, text=True, timeout=600)


@pytest.fixture()
def bad_folder(tmp_path: Path, seed_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(seed_path, raw / seed_path.name)
    for name, data in BAD_FILES.items():
        (raw / name).write_bytes(_zip_bytes() if data is None else data)
    with open(raw / "huge-single-line.txt", "wb") as fh:  # 50 MB, one line
        block = b"kata " * 200_000
        for _ in range(50):
            fh.write(block)
    return raw


def test_build_survives_bad_files_and_never_touches_raw(bad_folder: Path, tmp_path: Path):
    before = {p.name: (_sha(p), p.stat().st_mtime_ns) for p in bad_folder.iterdir()}
    out = tmp_path / "processed"
    proc = _build_cli(bad_folder, out)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    after = {p.name: (_sha(p), p.stat().st_mtime_ns) for p in bad_folder.iterdir()}
    assert after == before, "raw files must stay byte-identical"

    c = kompaskit.load(out)
    bad_names = set(BAD_FILES) | {"huge-single-line.txt"}
    listed = {Path(p).name for p in c.errors["raw_path"]}
    assert bad_names <= listed, f"not in errors: {bad_names - listed}"
    for msg in c.errors["message"]:
        assert msg and "\n" not in msg and len(msg) <= 300
    assert (c.errors["stage"].isin(["read", "extract", "parse", "analyse"])).all()
    seed_rows = c.articles[c.articles["raw_path"].str.endswith("belousov.txt")]
    assert len(seed_rows) == 1
    assert seed_rows["title"].iloc[0].startswith("Kim Jong-Un Tegaskan Rusia")
    assert int(seed_rows["n_paragraphs"].iloc[0]) == 17
    assert not c.errors["raw_path"].str.endswith("belousov.txt").any()


def test_tables_follow_the_contract(tmp_path: Path, seed_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(seed_path, raw / seed_path.name)
    report = kompaskit.build(raw, tmp_path / "out", progress=False)
    assert report.n_articles == 1 and report.n_errors == 0
    c = kompaskit.load(tmp_path / "out")
    from kompaskit.schema import TABLES

    for name, cols in TABLES.items():
        df = getattr(c, name)
        assert list(df.columns[: len(cols)]) == list(cols), name
    art = c.articles.iloc[0]
    assert str(art["published"]) == "2024-11-30 10:52:00+07:00"
    assert art["authors"] == ["Haryo Jati"] and art["source"] == ["Voice of America"]
    assert art["raw_kind"] == "text" and len(art["raw_sha256"]) == 64
    assert art["raw_sha256"] == _sha(seed_path)
    assert art["text"].count("\n\n") == 16
    p = c.paragraphs
    assert list(p["para_idx"]) == list(range(17)) and set(p["kind"]) == {"body"}
    assert not p["text"].str.contains("Baca Juga|BERITA LAINNYA|WhatsApp").any()
    assert len(c.sources) >= 60
    for name in ("quotes", "attributions", "mentions", "events"):
        assert len(getattr(c, name)) > 0, f"{name} is empty for the seed"


def test_rebuild_is_incremental_and_idempotent(tmp_path: Path, seed_path: Path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(seed_path, raw / "a.txt")
    (raw / "junk.txt").write_bytes(b"")
    first = kompaskit.build(raw, out, progress=False)
    assert (first.n_parsed, first.n_reused) == (2, 0)
    tables1 = {n: pd.read_parquet(out / f"{n}.parquet") for n in corpus_mod.FINAL_TABLES}

    second = kompaskit.build(raw, out, progress=False)
    assert second.up_to_date and second.n_parsed == 0
    for n in corpus_mod.FINAL_TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{n}.parquet"), tables1[n])

    # a new file is parsed alone; the seed comes from the cache
    text = seed_path.read_text(encoding="utf-8").replace("Haryo Jati", "Rina Ayu")
    text = text.replace("Kim Jong-Un Tegaskan", "Kim Jong-Un Kembali Tegaskan")
    # a different body, so a different content key (same body = same article, merged)
    text = text.replace("Pemimpin Korea Utara Kim Jong-un menyalahkan", "Pemimpin tertinggi Korea Utara Kim Jong-un kembali menyalahkan")
    (raw / "b.txt").write_text(text, encoding="utf-8")
    third = kompaskit.build(raw, out, progress=False)
    assert (third.n_parsed, third.n_reused) == (1, 2)
    c = kompaskit.load(out)
    assert len(c.articles) == 2
    assert sorted(a[0] for a in c.articles["authors"]) == ["Haryo Jati", "Rina Ayu"]

    # a removed file's rows disappear; nothing else is re-parsed
    (raw / "b.txt").unlink()
    fourth = kompaskit.build(raw, out, progress=False)
    assert fourth.n_parsed == 0 and len(kompaskit.load(out).articles) == 1
    for n in ("articles", "paragraphs", "quotes"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{n}.parquet"), tables1[n])


def test_duplicates_merge_by_article_key(tmp_path: Path, seed_text: str):
    raw = tmp_path / "raw"
    raw.mkdir()
    slug = "kim-jong-un-tegaskan-rusia-pantas-membela-diri"
    (raw / "desktop.txt").write_text(f"https://www.kompas.tv/internasional/555123/{slug}\n" + seed_text,
                                     encoding="utf-8")
    (raw / "amp.txt").write_text(
        f"https://beta.kompas.tv/amp/internasional/555123/{slug}?page=all&medium=x\n" + seed_text,
        encoding="utf-8")
    (raw / "copy.txt").write_text(seed_text, encoding="utf-8")  # no URL: merges by content hash
    (raw / "copy2.txt").write_text(seed_text, encoding="utf-8")
    report = kompaskit.build(raw, tmp_path / "out", progress=False)
    c = kompaskit.load(tmp_path / "out")
    assert report.n_duplicates == 2
    assert len(c.articles) == 2
    keyed = c.articles[c.articles["url"].notna()].iloc[0]
    assert keyed["article_id"].startswith("kompas.tv") and "555123" in keyed["article_id"]
    assert len(keyed["duplicate_paths"]) == 1
    # child tables only hold the kept copy's rows
    assert c.paragraphs.groupby("article_id").size().tolist() == [17, 17]


def test_writes_are_atomic(tmp_path: Path, seed_path: Path, monkeypatch):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(seed_path, raw / "a.txt")
    kompaskit.build(raw, out, progress=False)
    good = (out / "articles.parquet").read_bytes()

    import pyarrow.parquet as pq

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", crash)
    with pytest.raises(OSError):
        kompaskit.build(raw, out, progress=False, force=True)
    assert (out / "articles.parquet").read_bytes() == good, "a failed write must leave the old table"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_cli_reports_missing_raw_folder(tmp_path: Path):
    proc = _build_cli(tmp_path / "nope", tmp_path / "out")
    assert proc.returncode == 2 and "raw folder not found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_load_without_build_gives_empty_typed_tables(tmp_path: Path):
    # issue 17: load() now raises by default when nothing was built (tests/test_cli.py);
    # missing="empty" keeps the old empty typed tables
    c = kompaskit.load(tmp_path / "never-built", missing="empty")
    assert len(c.articles) == 0 and "published" in c.articles.columns
    assert len(c.events) == 0 and "first_reported" in c.events.columns


def test_new_user_lexicon_invalidates_the_cache(tmp_path: Path, seed_path: Path, monkeypatch):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(seed_path, raw / "a.txt")
    kompaskit.build(raw, out, progress=False)
    assert kompaskit.build(raw, out, progress=False).up_to_date
    extra = tmp_path / "my-sources.csv"
    extra.write_text("source,aliases,type,country,notes\nRadio Uji,RU Uji,tv,ID,test\n")
    monkeypatch.setenv("KOMPASKIT_SOURCES", str(extra))
    again = kompaskit.build(raw, out, progress=False)
    assert not again.up_to_date and again.n_parsed == 1
    extra.write_text("source,aliases,type,country,notes\nRadio Uji,RU Uji|Uji FM,tv,ID,test\n")
    assert kompaskit.build(raw, out, progress=False).n_parsed == 1  # edited file: new key
    assert kompaskit.build(raw, out, progress=False).up_to_date


def test_damaged_cache_is_rebuilt_not_trusted(tmp_path: Path, seed_path: Path, seed_text: str):
    raw, out, ref = tmp_path / "raw", tmp_path / "out", tmp_path / "ref"
    raw.mkdir()
    shutil.copy(seed_path, raw / "a.txt")
    (raw / "b.txt").write_text(seed_text.replace("Pemimpin Korea Utara", "Pemimpin tertinggi Korea Utara"),
                               encoding="utf-8")
    kompaskit.build(raw, out, progress=False)
    (out / ".cache" / "paragraphs.parquet").write_bytes(b"not parquet")
    (raw / "b.txt").write_text(seed_text.replace("Pemimpin Korea Utara", "Pemimpin Korut"), encoding="utf-8")
    report = kompaskit.build(raw, out, progress=False)
    assert report.n_parsed == 2  # nothing reused from a cache that does not read
    kompaskit.build(raw, ref, progress=False, force=True)
    for name in corpus_mod.FINAL_TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"),
                                      pd.read_parquet(ref / f"{name}.parquet"), obj=name)


def test_html_engine_is_part_of_the_build_key(tmp_path: Path, html2016_dir: Path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(html2016_dir / "kompas-singlepage2.html", raw / "a.html")
    kompaskit.build(raw, out, progress=False)
    again = kompaskit.build(raw, out, progress=False, html_engine="newspaper")
    assert not again.up_to_date and again.n_parsed == 1
    assert kompaskit.load(out).articles["parser"].iloc[0].startswith("newspaper")


def test_raw_path_does_not_depend_on_how_the_folder_is_spelled(tmp_path: Path, seed_path: Path,
                                                                monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(seed_path, raw / "a.txt")
    monkeypatch.chdir(tmp_path)
    kompaskit.build("raw", tmp_path / "out", progress=False)
    second = kompaskit.build(str(raw.resolve()), tmp_path / "out", progress=False)
    assert second.up_to_date


def test_one_row_set_per_article_inside_one_file(tmp_path: Path, html2016_dir: Path):
    """A WARC holding the same page twice (e.g. its amp URL) yields one article's rows."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = (html2016_dir / "kompas-singlepage2.html").read_bytes()
    raw = tmp_path / "raw"
    raw.mkdir()
    url = "http://nasional.kompas.com/read/2016/02/16/14382361/Menteri.Yuddy"
    with open(raw / "cap.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for u in (url, url.replace("nasional.kompas.com/read", "amp.kompas.com/nasional/read")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(u, "response", payload=io.BytesIO(html),
                                                          http_headers=headers))
    kompaskit.build(raw, tmp_path / "out", progress=False)
    c = kompaskit.load(tmp_path / "out")
    assert len(c.articles) == 1 and c.articles["duplicate_paths"].iloc[0] == []
    assert not c.paragraphs.duplicated(["article_id", "para_idx"]).any()
    assert not c.quotes.duplicated(["quote_id", "para_idx"]).any()


def test_load_matches_parquet_with_list_cells_and_categoricals(tmp_path: Path, synth):
    """load(): every value as stored; list cells are Python lists; attributions' repeated string
    columns are Categoricals with sorted categories; files in LZ4 row groups; a loaded table
    saved with pandas reads back with pandas."""
    import pyarrow.parquet as pq

    from kompaskit import schema

    raw, out = tmp_path / "raw", tmp_path / "out"
    synth.generate(raw, 60, seed=11)
    kompaskit.build(raw, out, progress=False)
    c = kompaskit.load(out)
    assert len(c.attributions) > 100 and len(c.quotes) > 10
    for name, df in c.tables().items():
        stored = pq.read_table(out / f"{name}.parquet")
        assert list(df.columns) == stored.column_names and len(df) == stored.num_rows, name
        meta = pq.read_metadata(out / f"{name}.parquet")
        if meta.num_rows:
            assert "LZ4" in meta.row_group(0).column(0).compression, name
        for field in stored.schema:
            col = df[field.name]
            if str(field.type).startswith("list"):
                assert col.dtype == object, (name, field.name)
                cells = list(col)
                assert all(type(v) is list for v in cells), (name, field.name)
                assert cells == [v or [] for v in stored.column(field.name).to_pylist()]
            elif field.name in schema.CATEGORICAL.get(name, ()):
                assert isinstance(col.dtype, pd.CategoricalDtype), (name, field.name)
                cats = list(col.cat.categories)
                assert cats == sorted(cats)
                values = [None if pd.isna(v) else v for v in col.astype(object)]
                assert values == stored.column(field.name).to_pylist(), (name, field.name)
    # the categorical columns filter and group as strings do
    rel = c.attributions["relation"]
    top = rel.value_counts().index[0]
    assert (rel == top).sum() == (rel.astype(str) == top).sum() > 0
    assert c.attributions.sort_values("source")["source"].astype(str).is_monotonic_increasing
    for name in ("quotes", "attributions", "events"):
        df = getattr(c, name)
        df.to_parquet(tmp_path / f"copy-{name}.parquet")
        again = pd.read_parquet(tmp_path / f"copy-{name}.parquet")
        assert again.shape == df.shape and list(again.columns) == list(df.columns)


def test_row_groups_hold_about_16_mb(tmp_path: Path):
    import pyarrow as pa

    wide = pa.table({"text": ["x" * 2000] * 30_000})  # 60 MB: several groups
    narrow = pa.table({"n": list(range(200_000))})  # 0.8 MB: capped at 65,536 rows
    assert corpus_mod._row_group_rows(wide) == 16_000_000 // (wide.nbytes // 30_000)
    assert corpus_mod._row_group_rows(narrow) == corpus_mod.MAX_ROW_GROUP_ROWS
    assert corpus_mod._row_group_rows(pa.table({"n": pa.array([], pa.int32())})) >= 1024


def test_loaded_tables_can_be_edited_in_place(tmp_path: Path, seed_path: Path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(seed_path, raw / "a.txt")
    kompaskit.build(raw, out, progress=False)
    c = kompaskit.load(out)
    c.attributions.loc[0, "hop"] = 5
    c.paragraphs.iloc[0, c.paragraphs.columns.get_loc("para_idx")] = 99
    c.events.loc[0, "date_start"] = pd.Timestamp("2024-06-19")
    c.articles.loc[0, "title"] = "edited"
    assert (c.attributions.loc[0, "hop"], c.paragraphs.loc[0, "para_idx"]) == (5, 99)
    assert c.events.loc[0, "date_start"] == pd.Timestamp("2024-06-19")
    assert kompaskit.load(out).articles.loc[0, "title"] != "edited"  # the files are untouched


def test_raw_listing_skips_symlinked_folders_and_loops(tmp_path: Path, seed_path: Path):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    shutil.copy(seed_path, raw / "sub" / "a.txt")
    shutil.copy(seed_path, raw / ".hidden.txt")
    (raw / "alias").symlink_to(raw / "sub", target_is_directory=True)
    (raw / "loop").symlink_to(raw, target_is_directory=True)
    (raw / "linked.txt").symlink_to(raw / "sub" / "a.txt")
    files = corpus_mod.list_raw_files(raw)
    assert [p.relative_to(raw).as_posix() for p in files] == ["linked.txt", "sub/a.txt"]


def test_gzipped_snapshot_builds_and_merges_with_its_plain_copy(tmp_path: Path, seed_path: Path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "seed.txt.gz").write_bytes(gzip.compress(seed_path.read_bytes()))
    kompaskit.build(raw, out, progress=False)
    only_gz = kompaskit.load(out)
    assert len(only_gz.articles) == 1 and only_gz.articles.loc[0, "raw_path"].endswith("seed.txt.gz")
    assert len(only_gz.errors) == 0 and len(only_gz.quotes) > 0
    shutil.copy(seed_path, raw / "seed.txt")
    report = kompaskit.build(raw, out, progress=False)
    both = kompaskit.load(out)
    assert report.n_duplicates == 1 and len(both.articles) == 1
    assert list(both.articles.loc[0, "duplicate_paths"])  # the other copy is named
