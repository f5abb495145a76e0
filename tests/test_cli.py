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
