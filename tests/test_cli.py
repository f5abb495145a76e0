"""The command line: `python -m kompaskit` and the console script share one entry point."""
from __future__ import annotations

import subprocess
import sys

import pytest

from kompaskit import __version__
from kompaskit.cli import main


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kompaskit", *args], capture_output=True,
                          text=True, timeout=120)


def test_version_and_help():
    proc = _run("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"kompaskit {__version__}"
    proc = _run("--help")
    for sub in ("build", "fetch", "eval-quotes", "report", "bench"):
        assert sub in proc.stdout


@pytest.mark.parametrize("sub", ["fetch", "eval-quotes", "report", "build"])
def test_subcommand_help_is_its_own(sub):
    proc = _run(sub, "--help")
    assert proc.returncode == 0, proc.stderr
    assert f"kompaskit {sub}" in proc.stdout


def test_options_before_positionals_reach_the_subcommand(tmp_path):
    # `fetch --to DIR URL` must parse (a file:// URL is refused without touching the network)
    code = main(["fetch", "--to", str(tmp_path), "--delay", "0", "file:///etc/passwd"])
    assert code != 0
    assert list(tmp_path.iterdir()) == []


def test_unknown_command_fails():
    proc = _run("frobnicate")
    assert proc.returncode == 2 and "invalid choice" in proc.stderr


# --------------------------------------------------------------------------- issue 17: loud, one-line

import os
import shutil
import signal
import time
from pathlib import Path

import kompaskit
from kompaskit.errors import KompasError, TablesNotBuiltError


def _assert_one_line_failure(proc: subprocess.CompletedProcess, code: int = 2) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    err = proc.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    return err


def test_load_without_tables_names_the_folder_and_the_command(tmp_path):
    with pytest.raises(TablesNotBuiltError) as info:
        kompaskit.load(tmp_path / "nothing")
    assert isinstance(info.value, KompasError)
    msg = str(info.value)
    assert str(tmp_path / "nothing") in msg and "kompaskit build" in msg and "\n" not in msg


def test_load_of_tables_from_an_incompatible_kit_says_rebuild(tmp_path, seed_path):
    import pyarrow.parquet as pq

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(seed_path, raw / "a.txt")
    kompaskit.build(raw, out, progress=False)
    path = (out / "quotes.parquet").resolve()
    pq.write_table(pq.read_table(path).drop_columns(["speaker"]), path)
    with pytest.raises(KompasError, match="--force"):
        kompaskit.load(out)


def test_build_of_a_file_says_give_the_folder(tmp_path, seed_path):
    err = _assert_one_line_failure(_run("build", str(seed_path), "--out", str(tmp_path / "out")))
    assert "is a file" in err and str(seed_path.parent) in err


def test_build_of_an_empty_folder_warns(tmp_path):
    (tmp_path / "raw").mkdir()
    proc = _run("build", str(tmp_path / "raw"), "--out", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 0 and "warning: no raw files" in proc.stderr


def test_unreadable_files_are_listed_and_written_as_csv(tmp_path, seed_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(seed_path, raw / "a.txt")
    for i in range(12):
        (raw / f"bad-{i:02d}.txt").write_bytes(b"")
    proc = _run("build", str(raw), "--out", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 0, proc.stderr
    listed = [line for line in proc.stderr.splitlines() if "bad-" in line]
    assert len(listed) == 10 and all(": " in line for line in listed)
    import pandas as pd

    csv = pd.read_csv(tmp_path / "out" / "errors.csv")
    assert len(csv) == 12 and set(csv.columns) >= {"raw_path", "stage", "message"}


def test_jobs_default_is_the_cpu_count_and_jobs_1_works(tmp_path, seed_path, monkeypatch):
    from kompaskit import builder

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert builder.default_jobs() == builder.MAX_DEFAULT_JOBS
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert builder.default_jobs() == 2
    seen = {}
    real = builder.build

    def spy(*args, **kwargs):
        seen["jobs"] = kwargs["jobs"]
        return real(*args, **kwargs)

    monkeypatch.setattr(builder, "build", spy)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(seed_path, raw / "a.txt")
    assert main(["build", str(raw), "--out", str(tmp_path / "o1"), "--quiet"]) == 0
    assert seen["jobs"] == 2
    assert main(["build", str(raw), "--out", str(tmp_path / "o2"), "--quiet", "--jobs", "1"]) == 0
    assert seen["jobs"] == 1
    assert "--jobs" not in (Path(__file__).resolve().parents[1] / "Makefile").read_text().split(
        "## build data/processed/")[1].split("\n\n")[0]


def test_every_option_has_help_and_no_rest_markup():
    import argparse

    from kompaskit.cli import make_parser

    assert "``" not in _run("--help").stdout
    parser = make_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    build = sub.choices["build"]
    for action in [*parser._actions, *build._actions]:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
            continue
        assert action.help and len(action.help.split()) >= 2, f"{action.dest} has no help text"
        assert "``" not in action.help
    assert "``" not in _run("build", "--help").stdout


def test_an_unexpected_failure_is_one_line_unless_debug(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("x")
    # an out folder that cannot be made: one line, exit 1; --debug shows the traceback
    blocker = tmp_path / "file"
    blocker.write_text("")
    proc = _run("build", str(raw), "--out", str(blocker / "out"), "--quiet")
    err = _assert_one_line_failure(proc, code=1)
    assert "--debug" in err
    proc = _run("--debug", "build", str(raw), "--out", str(blocker / "out"), "--quiet")
    assert proc.returncode != 0 and "Traceback" in proc.stderr


@pytest.mark.slow
def test_ctrl_c_during_a_build_is_one_line_and_keeps_the_tables(tmp_path, synth):
    raw, out = tmp_path / "raw", tmp_path / "out"
    synth.generate(raw, 600, seed=4)
    first = subprocess.run([sys.executable, "-m", "kompaskit", "build", str(raw), "--out", str(out),
                            "--quiet", "--jobs", "2"], capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    published = (out / "current").resolve()
    before = {p.name: p.resolve() for p in out.glob("*.parquet")}
    synth.mutate(raw, fraction=0.9)
    # a terminal's Ctrl-C: SIGINT at its default even when this run was started in the
    # background of a script (which starts its jobs with SIGINT ignored, and Python keeps that)
    proc = subprocess.Popen([sys.executable, "-m", "kompaskit", "build", str(raw), "--out", str(out),
                             "--quiet", "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    # Ctrl-C once the new generation exists (the build is parsing), not at a guessed moment
    while not [p for p in out.glob("gen-*") if p.resolve() != published] and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip() == "kompaskit build: interrupted: tables unchanged"
    assert {p.name: p.resolve() for p in out.glob("*.parquet")} == before
    assert [p.name for p in out.glob("gen-*")] == [published.name], "the unpublished generation is removed"
    assert len(kompaskit.load(out).articles) > 0


def test_bench_outside_a_checkout_is_one_clear_line(monkeypatch, capsys):
    from kompaskit import cli

    monkeypatch.setattr(cli, "project_root", lambda start=None: None)
    assert main(["bench", "--quick"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "checkout" in err and "benchmarks/bench.py" in err
