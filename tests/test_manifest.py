"""The shared manifest format (kompaskit.manifest): rows, de-duplication, atomic writes."""
from __future__ import annotations

import pandas as pd
import pytest

from kompaskit.manifest import (
    MANIFEST_COLUMNS,
    ManifestError,
    manifest_row,
    merge_rows,
    read_manifest,
    write_manifest,
)


def test_manifest_row_canonicalises_and_keys():
    row = manifest_row("https://amp.kompas.com/global/read/2024/06/19/061500370/putin-tiba?page=all",
                       title="  Putin   tiba ", published="2024-06-19")
    assert row == {"url": "https://www.kompas.com/global/read/2024/06/19/061500370/putin-tiba",
                   "article_key": "kompas.com:20240619061500370", "site": "kompas.com",
                   "title": "Putin tiba", "published": "2024-06-19", "discovered_via": "",
                   "discovered_at": ""}
    assert list(row) == list(MANIFEST_COLUMNS)


def test_merge_rows_dedupes_by_key_and_fills_blanks():
    a = manifest_row("https://www.kompas.tv/internasional/515210/pakta", discovered_via="listing")
    b = manifest_row("https://beta.kompas.tv/amp/internasional/515210/pakta", title="Pakta",
                     published="2024-06-19", discovered_via="sitemap")
    c = manifest_row("https://www.kompas.com/global/read/2019/04/25/171000270/x", published="2019-04-25",
                     discovered_via="cdx")
    frame = merge_rows([a, b, c, {"url": "not a url"}])
    assert list(frame["article_key"]) == ["kompas.com:20190425171000270", "kompas.tv:515210"]
    tv = frame.iloc[1]
    assert (tv["title"], tv["published"], tv["discovered_via"]) == ("Pakta", "2024-06-19", "listing+sitemap")


def test_write_then_read_roundtrip(tmp_path):
    frame = merge_rows([manifest_row("https://www.kompas.tv/internasional/515210/pakta", title="Pakta, \"kata\" Kim")])
    path = write_manifest(frame, tmp_path / "sub" / "m.csv")
    assert [p.name for p in path.parent.iterdir()] == ["m.csv"]
    good, problems = read_manifest(path)
    assert problems == [] and good.to_dict("records") == frame.to_dict("records")


def test_non_kompas_rows_kept_when_asked(tmp_path):
    path = tmp_path / "m.csv"
    pd.DataFrame({"url": ["https://news.detik.com/berita/d-1/x", "https://www.kompas.tv/internasional/1234/y"]}).to_csv(path, index=False)
    strict, problems = read_manifest(path)
    assert len(strict) == 1 and problems[0].line == 2 and "not a kompas.com / kompas.tv URL" in str(problems[0])
    loose, problems = read_manifest(path, kompas_only=False)
    assert list(loose["site"]) == ["other", "kompas.tv"] and problems == []


def test_missing_url_column_and_missing_file_are_one_line(tmp_path):
    (tmp_path / "m.csv").write_text("link,title\nhttps://www.kompas.tv/internasional/1234/y,x\n")
    with pytest.raises(ManifestError, match="no 'url' column"):
        read_manifest(tmp_path / "m.csv")
    with pytest.raises(ManifestError, match="cannot read manifest"):
        read_manifest(tmp_path / "absent.csv")
