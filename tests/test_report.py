"""`kompaskit report` refuses to run without built tables (issue 17): one line on stderr, a
non-zero exit, and the figures already in reports/figures/ left as they were."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

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
