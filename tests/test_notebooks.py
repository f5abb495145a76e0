"""Every notebook runs top to bottom, headless, on tables built from data/raw/."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import kompaskit
from kompaskit.report import execute_notebook, notebook_paths

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = notebook_paths(ROOT / "notebooks")


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


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_headless_and_exports_figures(path: Path, built, monkeypatch):
    out, figures, tables = built
    monkeypatch.setenv("KOMPASKIT_PROCESSED", str(out))
    monkeypatch.setenv("KOMPASKIT_FIGURES", str(figures))
    monkeypatch.setenv("KOMPASKIT_TABLES", str(tables))
    before = set(figures.glob("*"))
    nb = execute_notebook(path, timeout=600)
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
