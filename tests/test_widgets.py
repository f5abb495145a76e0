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


def test_widget_tables_wrap_left_aligned_with_empty_cells_for_missing_values():
    """Issue 17: widget tables showed `nan`, squeezed the summary column to ~15 characters
    (right-aligned) and cut the evidence column off at 1400 px."""
    import re

    import numpy as np

    from kompaskit.widgets import table_html
    from kompaskit.widgets.table import MAX_COLUMN_WEIGHT, MIN_COLUMN_WEIGHT, PADDING_WEIGHT

    long_text = "Korea Utara mengirim pasukan ke Rusia menurut intelijen Korea Selatan " * 4
    df = pd.DataFrame({
        "article_id": ["kompas.tv:1", "kompas.tv:2"],
        "hop": [0, np.nan],
        "source": ["KCNA", None],
        "evidence": [long_text, float("nan")],
        "via": [["Reuters", "AP"], []],
        "published": [pd.Timestamp("2024-12-01 05:00", tz="Asia/Jakarta"), pd.NaT],
    }, index=[10, 11])
    html = table_html(df)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html)
    assert len(cells) == 12
    assert not any(c.lower() in {"nan", "none", "nat", "<na>"} for c in cells)
    assert cells[6:12] == ["kompas.tv:2", "", "", "", "", ""]
    assert cells[4] == "Reuters; AP" and cells[5] == "2024-12-01 05:00" and cells[1] == "0"
    styles = re.findall(r'<t[dh] style="([^"]*)"', html)
    assert styles and all("text-align:left" in s and "white-space:normal" in s and "overflow-wrap:anywhere" in s
                          for s in styles)
    assert "table-layout:fixed;width:100%" in html
    widths = [float(w) for w in re.findall(r'<col style="width:([\d.]+)%">', html)]
    assert len(widths) == 6 and abs(sum(widths) - 100) < 0.1
    assert widths[3] == max(widths), "the long-text column gets the most room"
    expected = [PADDING_WEIGHT + w for w in  # longest header word / cell (or word) per column
                (11, MIN_COLUMN_WEIGHT, MIN_COLUMN_WEIGHT + 1, MAX_COLUMN_WEIGHT, 11, 16)]
    assert widths == [round(100 * w / sum(expected), 2) for w in expected]
    assert "10" not in cells, "the index is not a column"


def test_explorer_and_browser_render_html_tables_and_their_own_figure(monkeypatch):
    import IPython.display
    from matplotlib.figure import Figure

    from kompaskit.widgets.provenance import provenance_view
    from kompaskit.widgets.quotes import quote_browser

    articles = pd.DataFrame({"article_id": ["a1"], "site": ["kompas.tv"],
                             "published": [pd.Timestamp("2024-12-01 05:00", tz="Asia/Jakarta")]})
    attributions = pd.DataFrame({
        "article_id": ["a1"], "target": ["paragraph"], "target_id": ["a1:0"], "para_idx": [0], "hop": [0],
        "chain": [0], "source": ["KCNA"], "source_type": ["state_media"], "relation": ["according_to"],
        "evidence": [None]})
    quotes = pd.DataFrame({"quote_id": ["q1"], "article_id": ["a1"], "para_idx": [0], "text": ["Kami siap"],
                           "kind": ["direct"], "speaker": ["Kim Jong-un"], "speaker_type": ["person"],
                           "cue": [None], "via": [[]]})
    corpus = type("C", (), {"attributions": attributions, "articles": articles, "paragraphs": None})()
    for make in (lambda: provenance_view(corpus), lambda: quote_browser(quotes, articles)):
        shown: list = []  # what the view's render displays (no kernel here to capture it)
        monkeypatch.setattr(IPython.display, "display", lambda *objs, **_: shown.extend(objs))
        box = make()
        assert box.errors == []
        html = " ".join(o.data for o in shown if isinstance(o, IPython.display.HTML))
        assert 'class="kk-table"' in html and ">nan<" not in html and ">None<" not in html
        assert not any(isinstance(o, pd.DataFrame) for o in shown), "no raw DataFrame repr with nan"
        assert any(isinstance(o, Figure) for o in shown), "a figure under the table"
