"""workers.run_chunks: per-file time budget, worker replacement, input order, no orphans.

On main (issue 13, "Why"): the build's ProcessPoolExecutor had no per-file budget (one
pathological file hung the whole build), and after `kill -9` of the build with --jobs 2 pool
workers stayed alive (2 of 8 trials).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kompaskit import pipeline, schema
from kompaskit.workers import concat_tables, overrun_rows, rows_to_tables, run_chunks


def slow_square(name: str, seconds: float) -> tuple[str, float | str]:
    """Test work: sleep `seconds` (a hang when large), then return the name and a value."""
    time.sleep(seconds)
    return (name, seconds * seconds)


def crash_on(name: str, seconds: float) -> tuple[str, float]:
    """Test work: the process dies hard (as under the OOM killer) for the name 'crash'."""
    if name == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    return (name, seconds)


def raise_on(name: str, seconds: float) -> tuple[str, float]:
    if name == "bug":
        raise RuntimeError("analyser bug\nwith a second line")
    return (name, seconds)


def as_list(results: list) -> list:
    return list(results)


def join(parts: list[list]) -> list:
    return [item for part in parts for item in part]


def overrun(task, message: str) -> tuple[str, str]:
    return (task[0], message)


def _run(chunks, fn=slow_square, **kw):
    return list(run_chunks(chunks, fn, as_list, join, overrun, **kw))


def test_overrunning_file_is_reported_and_the_rest_go_on() -> None:
    """main: no budget at all; a file that hangs stops the build. Here the hanging file becomes
    a one-line 'took longer than' result, its worker is replaced, and later files (in the same
    chunk and in later chunks) are still processed, in input order."""
    chunks = [[("a", 0.0), ("hang", 60.0), ("b", 0.0)], [("c", 0.0), ("d", 0.0)]]
    t0 = time.monotonic()
    out = _run(chunks, jobs=1, file_timeout=1.0)
    elapsed = time.monotonic() - t0
    assert elapsed < 20, elapsed  # not the 60 s the hanging file wanted
    assert [r[0] for r in out[0]] == ["a", "hang", "b"]
    assert out[0][0] == ("a", 0.0) and out[0][2] == ("b", 0.0)
    assert out[0][1][1].startswith("took longer than 1 s:")
    assert out[1] == [("c", 0.0), ("d", 0.0)]


def test_order_is_input_order_whatever_the_timing() -> None:
    """Chunks finish out of order on two workers (the first is the slowest) and come back in
    input order; two overruns in one chunk on different workers keep their places too."""
    chunks = [[("slow", 0.6)], [("x", 0.0)], [("h1", 30.0), ("m", 0.0), ("h2", 30.0), ("n", 0.0)],
              [("y", 0.1)], [("z", 0.0)]]
    out = _run(chunks, jobs=2, file_timeout=1.5)
    names = [[r[0] for r in chunk] for chunk in out]
    assert names == [["slow"], ["x"], ["h1", "m", "h2", "n"], ["y"], ["z"]]
    assert out[2][1] == ("m", 0.0) and out[2][3] == ("n", 0.0)
    assert "took longer than 1.5 s" in out[2][0][1] and "took longer than 1.5 s" in out[2][2][1]


def test_dead_worker_and_raising_work_are_one_line_each() -> None:
    out = _run([[("a", 1.0), ("crash", 0.0), ("b", 2.0)], [("bug", 0.0), ("c", 3.0)]],
               fn=crash_on, jobs=1, file_timeout=10)
    assert out[0][0] == ("a", 1.0) and out[0][2] == ("b", 2.0)
    assert out[0][1][1].startswith("worker died (signal 9)")
    out = _run([[("bug", 0.0), ("c", 3.0)]], fn=raise_on, jobs=1, file_timeout=10)
    assert out[0][0][1].startswith("worker error: RuntimeError: analyser bug with a second line")
    assert out[0][1] == ("c", 3.0)


def test_no_budget_with_one_job_runs_in_process() -> None:
    pid_chunks = [[("a", 0.0)], [("b", 0.0)]]
    assert _run(pid_chunks, jobs=1, file_timeout=None) == [[("a", 0.0)], [("b", 0.0)]]


def test_build_adapters_make_arrow_tables_with_the_errors_row() -> None:
    rows = overrun_rows(("/x/a.html", "data/raw/a.html", "ab" * 32), "took longer than 20 s: a")
    tables = rows_to_tables([rows])
    assert set(tables) == set(pipeline.per_file_tables())
    err = tables["errors"].to_pylist()
    assert err == [{"raw_path": "data/raw/a.html", "stage": "read", "error": "FileTimeout",
                    "message": "took longer than 20 s: a", "raw_sha256": "ab" * 32,
                    "_file": "data/raw/a.html"}]
    both = concat_tables([tables, tables])
    assert both["errors"].num_rows == 2 and both["articles"].num_rows == 0


PARENT = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from kompaskit.workers import run_chunks
    from tests.test_workers import slow_square, as_list, join, overrun
    chunks = [[("w%d" % i, 300.0)] for i in range(4)]
    for _ in run_chunks(chunks, slow_square, as_list, join, overrun, jobs={jobs}, file_timeout=600):
        pass
""")


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def _running(pid: int) -> bool:
    """The process exists and is not a zombie (a zombie holds no memory and runs nothing)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find child pids")
@pytest.mark.parametrize("jobs", [1, 2])
def test_kill_9_of_the_parent_leaves_no_worker(jobs: int) -> None:
    """main: after kill -9 of a --jobs 2 build, pool workers stayed alive (~120 MB each) in 2 of
    8 trials. Here a parent running workers busy on 300 s tasks is killed with SIGKILL; every
    worker is gone within a few seconds."""
    root = str(Path(__file__).resolve().parents[1])
    parent = subprocess.Popen([sys.executable, "-c", PARENT.format(root=root, jobs=jobs)], cwd=root)
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < jobs:
            time.sleep(0.2)
            workers = _children(parent.pid)
            assert parent.poll() is None, "parent script ended early"
        assert len(workers) == jobs, workers
        time.sleep(0.5)  # the workers are inside their 300 s tasks
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        alive = workers
        while alive and time.monotonic() < deadline:
            time.sleep(0.2)
            alive = [p for p in workers if _running(p)]
        assert not alive, f"workers still alive after kill -9 of the parent: {alive}"
    finally:
        if parent.poll() is None:
            parent.kill()


def test_a_worker_that_dies_while_idle_is_replaced_without_blaming_a_file() -> None:
    """Two chunks on one worker; the worker is killed between them (by pid, from the
    on_chunk_done callback): the second chunk still runs normally."""
    import kompaskit.workers as workers_module

    seen: list[int] = []

    def kill_idle_worker(n_files: int) -> None:
        seen.append(n_files)
        if len(seen) == 1:
            for pid in _children(os.getpid()):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.5)

    out = list(workers_module.run_chunks([[("a", 0.0)], [("b", 0.0)]], slow_square, as_list, join, overrun,
                                         jobs=1, file_timeout=10, on_chunk_done=kill_idle_worker))
    assert out == [[("a", 0.0)], [("b", 0.0)]]
