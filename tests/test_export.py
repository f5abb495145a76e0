"""export_table: CSV for spreadsheets (lists joined, ISO timestamps, UTF-8 BOM), Parquet that
reads back, atomic writes."""
from __future__ import annotations

import pandas as pd
import pytest


def test_export_table_csv_is_plain_text_and_parquet_keeps_types(tmp_path):
    import pyarrow as pa

    import kompaskit

    df = pd.DataFrame({
        "quote_id": ["q1", "q2", "q3"],
        "via": pd.Series(pd.arrays.ArrowExtensionArray(
            pa.array([["KCNA", "Yonhap"], [], ["AFP"]], pa.list_(pa.large_string())))),
        "authors": [["Ni Luh", "Agus"], [], ["Dé"]],  # object lists as a user might build
        "relation": pd.Series(["via", "sumber", "via"], dtype="category"),
        "published": pd.to_datetime(["2024-11-30 10:52", None, "2024-06-19 08:00"]).tz_localize("Asia/Jakarta"),
    })
    csv, parquet = kompaskit.export_table(df, "quotes sample", outdir=tmp_path, formats=("csv", "parquet"))
    assert csv.name == "quotes-sample.csv" and csv.read_bytes().startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(csv, keep_default_na=False)
    assert back["via"].tolist() == ["KCNA; Yonhap", "", "AFP"]
    assert back["authors"].tolist() == ["Ni Luh; Agus", "", "Dé"]
    assert back["relation"].tolist() == ["via", "sumber", "via"]
    assert back["published"].tolist() == ["2024-11-30T10:52:00+07:00", "", "2024-06-19T08:00:00+07:00"]
    same = pd.read_parquet(parquet)  # an Arrow list column saved as is would not read back
    assert [list(v) for v in same["via"]] == [["KCNA", "Yonhap"], [], ["AFP"]]
    assert isinstance(same["relation"].dtype, pd.CategoricalDtype)
    assert str(same["published"].dt.tz) == "Asia/Jakarta"
    assert not list(tmp_path.glob(".*.tmp"))
    with pytest.raises(ValueError, match="unknown table format"):
        kompaskit.export_table(df, "x", outdir=tmp_path, formats=("xls",))


def test_table_dir_follows_env_then_project(tmp_path, monkeypatch):
    from kompaskit import export

    monkeypatch.setenv(export.TABLE_DIR_ENV, str(tmp_path / "mine"))
    assert export.table_dir() == tmp_path / "mine"
    (path,) = export.export_table(pd.DataFrame({"a": [1]}), "t")
    assert path == tmp_path / "mine" / "t.csv" and path.exists()
    monkeypatch.delenv(export.TABLE_DIR_ENV)
    assert export.table_dir().parts[-2:] == ("reports", "tables")


def test_csv_flattens_arrays_dicts_missing_items_and_repeated_names():
    import numpy as np

    from kompaskit.export import flat_for_csv

    df = pd.DataFrame({
        "arr": [np.array(["a", "b"]), np.array([], dtype=object), None],
        "relations": [{"said": 3, "via": 1}, {}, None],
        "items": [["x", None, pd.NA], [], float("nan")],
        "naive": pd.to_datetime(["2024-06-01", None, "2024-06-03"]),
    })
    flat = flat_for_csv(df)
    assert flat["arr"].tolist() == ["a; b", "", ""]
    assert flat["relations"].tolist() == ["said: 3; via: 1", "", ""]
    assert flat["items"].tolist() == ["x", "", ""]
    assert flat["naive"].tolist() == ["2024-06-01", "", "2024-06-03"]  # dates, as events.date_start
    timed = flat_for_csv(pd.DataFrame({"t": pd.to_datetime(["2024-06-01 10:30", "2024-06-02 00:00"])}))
    assert timed["t"].tolist() == ["2024-06-01T10:30:00", "2024-06-02T00:00:00"]
    twice = pd.concat([df[["items"]], df[["items"]]], axis=1)
    assert flat_for_csv(twice).values.tolist() == [["x", "x"], ["", ""], ["", ""]]
    assert list(flat_for_csv(pd.DataFrame()).columns) == []
