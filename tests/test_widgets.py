"""Shared widget helpers: dropdown options whatever the column dtype."""
from __future__ import annotations

import pandas as pd


def test_dropdown_options_same_for_object_arrow_and_categorical_columns():
    """Widget dropdowns list the distinct non-empty values whatever the column's dtype: object
    lists and Categoricals (as `load()` gives) or Arrow lists."""
    import pyarrow as pa

    from kompaskit.widgets import options_with_all

    lists = [["KCNA", "Yonhap"], [], ["AFP"], ["KCNA"]]
    as_object = pd.Series(lists, dtype=object)
    as_arrow = pd.Series(pd.arrays.ArrowExtensionArray(pa.array(lists, pa.list_(pa.large_string()))))
    expected = ["(all)", "AFP", "KCNA", "Yonhap"]
    assert options_with_all(as_object) == options_with_all(as_arrow) == expected
    names = pd.Series(["wire", "tv", None, " ", "wire"])
    cat = names.astype("category")
    assert options_with_all(names) == options_with_all(cat) == ["(all)", "tv", "wire"]
    # a filtered Categorical keeps its unused categories; the options list only what is there
    assert options_with_all(cat[cat == "tv"]) == ["(all)", "tv"]


def test_dropdown_options_from_numpy_array_cells():
    """Frames read back with pd.read_parquet hold NumPy arrays, not lists, in list columns."""
    import numpy as np

    from kompaskit.widgets import options_with_all

    cells = pd.Series([np.array(["KCNA", "AFP"]), np.array([], dtype=object), None])
    assert options_with_all(cells) == ["(all)", "AFP", "KCNA"]
