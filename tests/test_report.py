"""`kompaskit report` refuses to run without built tables (issue 17): one line on stderr, a
non-zero exit, and the figures already in reports/figures/ left as they were."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _report(tmp_path: Path, processed: Path) -> tuple[subprocess.CompletedProcess, Path]:
    figures = tmp_path / "figures"
    figures.mkdir()
    good = figures / "01-provenance-source-types.png"
    good.write_bytes(b"\x89PNG a good figure from yesterday's build")
    env = {**os.environ, "KOMPASKIT_PROCESSED": str(processed), "KOMPASKIT_FIGURES": str(figures),
           "KOMPASKIT_TABLES": str(tmp_path / "tables"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([sys.executable, "-m", "kompaskit", "report", "--out", str(tmp_path / "nb")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return proc, figures


def _assert_refused(proc: subprocess.CompletedProcess, figures: Path, tmp_path: Path) -> None:
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode != 0, proc.stderr
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("kompaskit report: ") and "build" in lines[0], lines[0]
    assert "Traceback" not in proc.stderr
    assert [p.name for p in figures.iterdir()] == ["01-provenance-source-types.png"]
    assert (figures / "01-provenance-source-types.png").read_bytes().startswith(b"\x89PNG a good")
    assert not (tmp_path / "nb").exists(), "no notebook was run"


def test_report_refuses_without_tables_and_keeps_figures(tmp_path):
    t0 = time.monotonic()
    proc, figures = _report(tmp_path, tmp_path / "no-such-processed")
    assert time.monotonic() - t0 < 60
    _assert_refused(proc, figures, tmp_path)
    assert "no-such-processed" in proc.stderr, "the message names the folder it looked in"


def test_report_refuses_on_a_build_of_nothing(tmp_path):
    import kompaskit

    empty_raw = tmp_path / "raw"
    empty_raw.mkdir()
    processed = tmp_path / "processed"
    kompaskit.build(empty_raw, processed, progress=False)
    proc, figures = _report(tmp_path, processed)
    _assert_refused(proc, figures, tmp_path)


@pytest.mark.notebook
@pytest.mark.timeout(180)
def test_report_fails_a_stuck_cell_within_its_timeout_naming_it(tmp_path, capsys, monkeypatch):
    """`kompaskit report` runs notebooks with the same per-cell timeout as the tests: a stuck
    cell fails the run (exit 1) in seconds, with the notebook, cell index and source."""
    import nbformat

    import kompaskit
    from kompaskit import report

    processed = tmp_path / "processed"
    kompaskit.build(ROOT / "data" / "raw", processed, progress=False)
    monkeypatch.setenv("KOMPASKIT_PROCESSED", str(processed))
    monkeypatch.setenv("KOMPASKIT_FIGURES", str(tmp_path / "figures"))
    monkeypatch.setenv("KOMPASKIT_TABLES", str(tmp_path / "tables"))
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import time"),
                nbformat.v4.new_code_cell("time.sleep(3600)  # menunggu selamanya")]
    nbformat.write(nb, notebooks / "00-macet.ipynb")
    t0 = time.monotonic()
    code = report.main(["--notebooks", str(notebooks), "--out", str(tmp_path / "out"), "--timeout", "5"])
    assert time.monotonic() - t0 < 60
    err = capsys.readouterr().err
    assert code == 1
    assert "FAILED 00-macet.ipynb: cell 1 did not finish within 5 s" in err
    assert "time.sleep(3600)  # menunggu selamanya" in err
    assert "0/1 notebooks ran" in err
