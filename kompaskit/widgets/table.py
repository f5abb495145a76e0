"""HTML tables for the widget views: left-aligned wrapped text, empty cells for missing values,
fixed layout at 100 % of the output width so every column stays visible (no horizontal scroll
at 1280 px). Styles are inline so JupyterLab's right-aligned table CSS cannot override them.

`table_html(df)` -> str (a ``<table class="kk-table">``); `cell_text(value)` -> str.
"""
from __future__ import annotations

import html
import math
import re
from typing import Any

import numpy as np
import pandas as pd

LIST_SEPARATOR = "; "
MIN_COLUMN_WEIGHT = 5  # characters: even a narrow column gets room for a short word
PADDING_WEIGHT = 2  # characters' worth of cell padding, added to every column
MAX_COLUMN_WEIGHT = 32  # characters: a long-text column wraps rather than starve the others
WORD_CAP = 14  # characters: a longer word (an id, a URL) may break inside a narrower column
CELL_STYLE = ("text-align:left;vertical-align:top;white-space:normal;overflow-wrap:anywhere;"
              "padding:2px 6px;border-bottom:1px solid #e0e0e0;")
_BREAK_POINTS = re.compile(r"(?<=[_/])|\s+")
TABLE_STYLE = "table-layout:fixed;width:100%;border-collapse:collapse;margin:0;font-size:12px;"


def _missing(v: Any) -> bool:
    if v is None or v is pd.NaT or v is pd.NA:
        return True
    return isinstance(v, float) and math.isnan(v)


def cell_text(v: Any) -> str:
    """What a cell shows: '' for missing, lists joined with '; ', times as 'YYYY-MM-DD HH:MM'
    (in their own zone), floats with at most 3 decimals."""
    if isinstance(v, np.ndarray):
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        return LIST_SEPARATOR.join(cell_text(x) for x in v if not _missing(x))
    if isinstance(v, dict):
        return LIST_SEPARATOR.join(f"{k}: {cell_text(x)}" for k, x in v.items())
    if _missing(v):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d") if (v.hour, v.minute, v.second) == (0, 0, 0) and v.tz is None \
            else v.strftime("%Y-%m-%d %H:%M")
    if isinstance(v, (float, np.floating)):
        return f"{float(v):.3f}".rstrip("0").rstrip(".")
    return str(v)


def _words(text: str) -> list[str]:
    """The unbreakable pieces of `text` as shown: words, split after '_' and '/' (see `_breakable`)."""
    return [w for w in _BREAK_POINTS.split(text) if w]


def _breakable(text: str) -> str:
    """`text` escaped for HTML, with a line-break opportunity after '_' and '/' (long snake_case
    names and URLs wrap at their joints instead of mid-word)."""
    return html.escape(text).replace("_", "_<wbr>").replace("/", "/<wbr>")


def column_weights(texts: dict[str, list[str]]) -> dict[str, float]:
    """Relative width of each column, in characters: enough for its longest word (up to
    `WORD_CAP`) and header word, and for its 90th-percentile cell (up to `MAX_COLUMN_WEIGHT`)."""
    weights = {}
    for name, cells in texts.items():
        longest_word = max((len(w) for c in [name, *cells] for w in _words(c)), default=0)
        spans = sorted(min(len(c), MAX_COLUMN_WEIGHT) if " " in c else min(len(c), WORD_CAP) for c in cells) or [0]
        typical = spans[math.ceil(0.9 * (len(spans) - 1))]
        weights[name] = float(max(MIN_COLUMN_WEIGHT, min(longest_word, WORD_CAP), typical) + PADDING_WEIGHT)
    return weights


def table_html(df: pd.DataFrame, max_rows: int | None = None) -> str:
    """`df` (first `max_rows` rows) as a self-styled HTML table (class ``kk-table``), index dropped."""
    shown = df if max_rows is None else df.head(max_rows)
    texts = {str(col): [cell_text(v) for v in shown.iloc[:, i]] for i, col in enumerate(shown.columns)}
    weights = column_weights(texts)
    total = sum(weights.values()) or 1.0
    cols = "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in weights.values())
    head = "".join(f'<th style="{CELL_STYLE}font-weight:600;">{_breakable(name)}</th>' for name in texts)
    body = "".join(
        "<tr>" + "".join(f'<td style="{CELL_STYLE}">{_breakable(texts[name][r])}</td>' for name in texts) + "</tr>"
        for r in range(len(shown)))
    return (f'<div class="kk-table-wrap" style="width:100%;max-width:100%;">'
            f'<table class="kk-table" style="{TABLE_STYLE}"><colgroup>{cols}</colgroup>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


__all__ = ["table_html", "cell_text", "column_weights"]
