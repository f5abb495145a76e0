"""ipywidgets views over the kit's tables.

Every interactive view is built with `filtered_view`: filter controls (CSS class ``kk-filter``)
above an output area (``kk-view-output``). The render callback gets the current control values.
Errors inside a callback are shown in the output with class ``kk-error`` and kept on
``view.errors`` so a test (headless or in a browser) can fail on them; a headless notebook run
never sees callback errors, which is why each notebook also draws a static default figure.
"""
from __future__ import annotations

import traceback
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..dates import publication_month
from .table import table_html


def filtered_view(controls: dict[str, Any], render: Callable[..., None], title: str | None = None):
    """A VBox of `controls` and an Output that `render(**values)` fills on every change.

    Returns the VBox; ``box.refresh()`` re-renders, ``box.errors`` lists callback errors.
    """
    import ipywidgets as w
    from IPython.display import HTML, display

    out = w.Output()
    out.add_class("kk-view-output")
    errors: list[str] = []

    def refresh(*_: Any) -> None:
        values = {name: ctl.value for name, ctl in controls.items()}
        with out:
            out.clear_output(wait=True)
            try:
                render(**values)
            except Exception as exc:  # shown, recorded, and visible to the browser test
                errors.append(f"{type(exc).__name__}: {exc}")
                display(HTML(f'<pre class="kk-error">{type(exc).__name__}: {exc}\n'
                             f'{traceback.format_exc(limit=3)}</pre>'))

    for ctl in controls.values():
        ctl.add_class("kk-filter")
        ctl.observe(refresh, names="value")
    header = [w.HTML(f"<b>{title}</b>")] if title else []
    box = w.VBox([*header, w.HBox(list(controls.values()), layout=w.Layout(flex_flow="row wrap")), out])
    box.refresh = refresh  # type: ignore[attr-defined]
    box.errors = errors  # type: ignore[attr-defined]
    box.controls = controls  # type: ignore[attr-defined]
    refresh()
    return box


def options_with_all(values: pd.Series | list, all_label: str = "(all)") -> list[str]:
    """Dropdown options: '(all)' then the distinct non-empty values, sorted."""
    s = values if isinstance(values, pd.Series) else pd.Series(values, dtype="object")
    arrow_type = getattr(s.dtype, "pyarrow_dtype", None)
    if arrow_type is not None and str(arrow_type).startswith(("list", "large_list")):
        s = s.explode()  # a pd.ArrowDtype list column: exploded without Python lists
    elif s.dtype == object and len(s) and s.map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
        s = s.explode()
    s = s.dropna()
    try:  # distinct values first (a Categorical gives only those present): millions of rows stay cheap
        s = s.unique()
    except TypeError:  # unhashable cells (e.g. NumPy arrays from pd.read_parquet)
        pass
    distinct = sorted({str(v) for v in s if str(v).strip()})
    return [all_label, *distinct]


def month_periods(dates: pd.Series) -> pd.Series:
    """The publication month (WIB, `kompaskit.dates.publication_month`) of each value as a
    monthly Period (NaT when missing): what every widget filters on."""
    dates = pd.Series(dates)
    months = publication_month(dates)
    codes, labels = pd.factorize(months.astype(object).to_numpy())  # few distinct months: parse each once
    periods = pd.PeriodIndex(list(labels), freq="M")
    values = periods.take(np.where(codes < 0, 0, codes)) if len(periods) else pd.PeriodIndex([None] * len(codes), freq="M")
    return pd.Series(values, index=dates.index).where(codes >= 0)


def date_range_slider(dates: pd.Series, description: str = "dates"):
    """A SelectionRangeSlider over the publication months (WIB) spanned by `dates` (tz-aware, or
    naive = UTC); option values are monthly Periods."""
    import ipywidgets as w

    present = month_periods(dates).dropna()
    if present.empty:
        months = [pd.Period("2000-01", "M")]
    else:
        months = list(pd.period_range(present.min(), present.max(), freq="M"))
    options = [(str(m), m) for m in months]
    return w.SelectionRangeSlider(options=options, index=(0, len(options) - 1),
                                  description=description, continuous_update=False,
                                  layout=w.Layout(width="420px"))


__all__ = ["filtered_view", "options_with_all", "date_range_slider", "month_periods", "table_html"]
