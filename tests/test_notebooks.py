"""Every notebook runs top to bottom, headless, on tables built from data/raw/.

The suite cannot hang: each cell has `kompaskit.report.CELL_TIMEOUT` seconds (nbclient), the
kernel is checked alive before each cell, and pytest-timeout bounds each notebook test as a whole.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import kompaskit
from kompaskit.report import CELL_TIMEOUT, NotebookRunError, execute_notebook, notebook_paths

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = notebook_paths(ROOT / "notebooks")
NOTEBOOK_TEST_TIMEOUT = 900  # s, pytest-timeout's outer guard for one whole notebook


def test_curated_notebooks_exist():
    names = [p.name for p in NOTEBOOKS]
    for prefix in ("00-start-here", "01-provenance", "02-quotes", "03-timeline"):
        assert any(n.startswith(prefix) for n in names), f"missing notebook {prefix}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_committed_without_outputs(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, path.name


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    figures = tmp_path_factory.mktemp("figures")
    tables = tmp_path_factory.mktemp("tables")
    kompaskit.build(ROOT / "data" / "raw", out, progress=False)
    return out, figures, tables


def _write_notebook(path: Path, sources: list[str]) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.mark.notebook
@pytest.mark.timeout(120)
def test_stuck_cell_fails_fast_naming_the_cell_and_its_source(tmp_path):
    """A cell that never finishes fails within 60 s, with its index and source in the message
    (issue 17: notebook tests once waited ~10 minutes on idle widget cells)."""
    path = _write_notebook(tmp_path / "stuck.ipynb", [
        "jumlah = 1",
        "import time\nwhile True:  # sel macet\n    time.sleep(0.5)",
        "print('tidak pernah')",
    ])
    t0 = time.monotonic()
    with pytest.raises(NotebookRunError) as err:
        execute_notebook(path, timeout=5)
    elapsed = time.monotonic() - t0
    assert elapsed < 60, f"a stuck cell took {elapsed:.0f} s to fail"
    message = str(err.value)
    assert "stuck.ipynb: cell 1 did not finish within 5 s" in message
    assert "while True:  # sel macet" in message


@pytest.mark.notebook
@pytest.mark.timeout(120)
def test_dead_kernel_and_cell_error_name_the_cell(tmp_path):
    dies = _write_notebook(tmp_path / "dies.ipynb", ["import os\nos._exit(1)", "print('tidak')"])
    t0 = time.monotonic()
    with pytest.raises(NotebookRunError, match=r"dies.ipynb: cell 0 killed the kernel; its source:\n    import os"):
        execute_notebook(dies, timeout=30)
    assert time.monotonic() - t0 < 60
    raises = _write_notebook(tmp_path / "raises.ipynb", ["x = 1", "rata_rata = x / 0"])
    with pytest.raises(NotebookRunError, match=r"raises.ipynb: cell 1 raised ZeroDivisionError") as err:
        execute_notebook(raises)
    assert "rata_rata = x / 0" in str(err.value)


def test_cell_timeout_is_at_most_a_minute():
    assert 0 < CELL_TIMEOUT <= 60


@pytest.mark.notebook
@pytest.mark.timeout(NOTEBOOK_TEST_TIMEOUT)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_headless_and_exports_figures(path: Path, built, monkeypatch):
    out, figures, tables = built
    monkeypatch.setenv("KOMPASKIT_PROCESSED", str(out))
    monkeypatch.setenv("KOMPASKIT_FIGURES", str(figures))
    monkeypatch.setenv("KOMPASKIT_TABLES", str(tables))
    before = set(figures.glob("*"))
    nb = execute_notebook(path, timeout=CELL_TIMEOUT)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    new = {p.name for p in set(figures.glob("*")) - before}
    stems = {n.rsplit(".", 1)[0] for n in new}
    assert stems, f"{path.name} exported no figure"
    for stem in stems:
        assert {f"{stem}.png", f"{stem}.svg", f"{stem}.pdf"} <= new
    # the curated notebooks (01-03) also export a summary table for spreadsheets
    if path.stem[:2] in {"01", "02", "03"}:
        csvs = [p for p in tables.glob(f"{path.stem[:2]}-*.csv")]
        assert csvs, f"{path.name} exported no table"
        assert all(len(pd.read_csv(p)) > 0 for p in csvs), "an exported table is empty"
