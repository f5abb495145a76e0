"""schema: rows and DataFrames become Arrow tables with the contract's types, whatever the mess."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa

from kompaskit import schema


def test_contract_columns_are_always_present_and_typed():
    t = schema.rows_to_arrow([], "quotes")
    assert t.schema.names == list(schema.TABLES["quotes"])
    assert t.schema.field("via").type == schema.LIST
    assert t.schema.field("start").type == pa.int32()


def test_rows_and_frames_agree_on_messy_values():
    rows = [{"article_id": "a", "authors": ("x", None), "n_paragraphs": 2.0, "flags": None,
             "published": pd.Timestamp("2024-11-30 10:52", tz="Asia/Jakarta")},
            {"article_id": "b", "authors": "y", "n_paragraphs": None, "flags": ["t"],
             "published": None}]
    from_rows = schema.rows_to_arrow(rows, "articles")
    from_frame = schema.to_arrow(pd.DataFrame(rows), "articles")
    for col in ("article_id", "authors", "n_paragraphs", "flags", "published"):
        assert from_rows.column(col).to_pylist() == from_frame.column(col).to_pylist(), col
    assert from_rows.column("authors").to_pylist() == [["x"], ["y"]]
    assert from_rows.column("n_paragraphs").to_pylist() == [2, None]


def test_list_column_of_plain_strings_becomes_one_item_lists():
    t = schema.to_arrow(pd.DataFrame({"authors": ["x", None]}), "articles")
    assert t.column("authors").to_pylist() == [["x"], []]


def test_a_value_that_cannot_take_the_type_is_null_not_a_crash():
    t = schema.rows_to_arrow([{"n_paragraphs": 1.5}, {"n_paragraphs": 3}], "articles")
    assert t.column("n_paragraphs").to_pylist() == [None, 3]


def test_extra_columns_are_inferred_and_mixed_types_become_strings():
    t = schema.rows_to_arrow([{"x": 1, "y": "a"}, {"x": 2, "y": 3}], "errors")
    assert t.column("x").to_pylist() == [1, 2]
    assert t.column("y").to_pylist() == ["a", "3"] and t.schema.field("y").type == schema.STR
