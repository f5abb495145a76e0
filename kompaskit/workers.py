"""Per-file work in worker processes, with a time budget per file and no orphan workers.

``run_chunks(chunks, per_file, finish, combine, on_overrun, jobs=1, file_timeout=20.0)`` yields
one result per chunk, in input order, whatever the timing:

* each chunk goes to a worker process, which calls ``per_file(*task)`` for its tasks one by one,
  then ``finish(results) -> C`` (e.g. rows -> Arrow, so results travel compactly);
* a file that runs longer than `file_timeout` seconds gets ``on_overrun(task, message)`` as its
  result (e.g. an ``errors`` row "took longer than 20 s: ..."), its worker is killed and replaced,
  and the chunk's other files are processed again by the new worker; a worker that dies (a
  crash, the OOM killer) gets the same treatment with "worker died";
* ``combine([C, ...]) -> C`` joins the pieces of a chunk that was split that way.

`jobs` = 1 still runs the files in one worker subprocess so the budget holds; ``file_timeout``
None (or <= 0) with `jobs` = 1 runs in this process, without a budget.

Workers die with the build: on Linux each sets ``PR_SET_PDEATHSIG`` (SIGKILL when the thread
that started it ends), and on every OS a watcher thread exits the worker when its parent pid
changes or its task pipe closes. Callables must be picklable (top-level functions, partials).
"""
from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from . import pipeline, schema

DEFAULT_FILE_TIMEOUT = 20.0  # seconds per raw file (read + analysis); the CLI's --file-timeout
PARENT_POLL_SECONDS = 0.5  # how often a worker checks that its parent is alive
PR_SET_PDEATHSIG = 1  # <sys/prctl.h>

Task = Sequence[Any]


# --------------------------------------------------------------------------- worker side

def die_with_parent(parent_pid: int) -> None:
    """Make this process end when `parent_pid` ends: prctl(PR_SET_PDEATHSIG, SIGKILL) on Linux,
    plus a daemon thread polling ``os.getppid()`` (the portable fallback)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="kompaskit-parent-watch", daemon=True).start()


def _worker_main(conn: Connection, parent_pid: int, per_file: Callable, finish: Callable) -> None:
    """Worker loop: receive (job_id, tasks), report ("start", job_id, i) before each task and
    ("done", job_id, finish(results)) at the end; a closed pipe (parent gone) ends the worker."""
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if job is None:
            os._exit(0)
        job_id, tasks = job
        results = []
        try:
            for i, task in enumerate(tasks):
                conn.send(("start", job_id, i))
                results.append(per_file(*task))
            conn.send(("done", job_id, finish(results)))
        except Exception as exc:  # a bug in per_file: one line to the parent, never a traceback
            text = " ".join(str(exc).split())[:200]
            conn.send(("failed", job_id, f"{type(exc).__name__}: {text}" if text else type(exc).__name__))


# --------------------------------------------------------------------------- parent side

def _context() -> mp.context.BaseContext:
    """fork where available (fast start, the pool's historic behaviour), else spawn."""
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


class _Worker:
    def __init__(self, ctx, per_file: Callable, finish: Callable):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, os.getpid(), per_file, finish),
                                daemon=True, name="kompaskit-worker")
        self.proc.start()
        child.close()
        self.job: tuple[int, list, list] | None = None  # (chunk index, piece, tasks)
        self.current = 0  # index in job tasks of the file being processed
        self.started = 0.0

    def send(self, job: tuple[int, list, list]) -> None:
        self.job, self.current, self.started = job, 0, time.monotonic()
        self.conn.send((job[0], job[2]))

    def kill(self) -> None:
        try:
            self.proc.kill()
        except (OSError, ValueError):
            pass
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(2)
        if self.proc.is_alive():
            self.kill()
        else:
            self.conn.close()


def overrun_message(task: Task, seconds: float) -> str:
    """The one-line reason for a file that exceeded its budget."""
    name = task[1] if len(task) > 1 else task[0]
    return f"took longer than {seconds:g} s: {name} (worker stopped; raise --file-timeout to allow more)"


def run_chunks(chunks: Sequence[Sequence[Task]], per_file: Callable[..., Any],
               finish: Callable[[list], Any], combine: Callable[[list], Any],
               on_overrun: Callable[[Task, str], Any], *, jobs: int = 1,
               file_timeout: float | None = DEFAULT_FILE_TIMEOUT,
               on_chunk_done: Callable[[int], None] | None = None) -> Iterator[Any]:
    """One result per chunk of `chunks`, in input order (see the module docstring).

    `on_chunk_done(n_files)` is called as each chunk's result is yielded (e.g. a progress bar)."""
    chunks = [list(c) for c in chunks]
    if not chunks:
        return
    if (file_timeout is None or file_timeout <= 0) and jobs <= 1:
        for chunk in chunks:
            yield finish([per_file(*task) for task in chunk])
            if on_chunk_done:
                on_chunk_done(len(chunk))
        return
    budget = float(file_timeout) if file_timeout and file_timeout > 0 else None
    ctx = _context()
    n_workers = max(1, min(jobs, len(chunks)))
    # a chunk's pieces: ("todo", tasks) | ("busy", tasks) | ("done", C)
    pieces: dict[int, list[list]] = {}
    queue: deque[tuple[int, list, list]] = deque()
    next_chunk = 0  # next chunk not yet queued
    next_yield = 0
    window = 2 * n_workers + 2  # chunks in flight ahead of the one to yield: bounds memory
    workers: list[_Worker] = []
    try:
        workers = [_Worker(ctx, per_file, finish) for _ in range(n_workers)]
        while next_yield < len(chunks):
            while next_chunk < len(chunks) and next_chunk < next_yield + window:
                piece = ["todo", chunks[next_chunk]]
                pieces[next_chunk] = [piece]
                queue.append((next_chunk, piece, chunks[next_chunk]))
                next_chunk += 1
            for i, w in enumerate(workers):
                if w.job is None and queue:
                    if not w.proc.is_alive():  # died while idle: never blame a file for it
                        w.kill()
                        workers[i] = w = _Worker(ctx, per_file, finish)
                    job = queue.popleft()
                    job[1][0] = "busy"
                    w.send(job)
            busy = [w for w in workers if w.job is not None]
            timeout = None
            if budget is not None and busy:
                now = time.monotonic()
                timeout = max(0.0, min(w.started + budget - now for w in busy))
            ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout)
            for i, w in enumerate(workers):
                if w.job is None:
                    continue
                failure = None
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        while w.job is not None and w.conn.poll():
                            kind, _, payload = w.conn.recv()
                            if kind == "start":
                                w.current, w.started = payload, time.monotonic()
                            elif kind == "failed":
                                failure = f"worker error: {payload}"
                                break
                            else:
                                w.job[1][:] = ["done", payload]
                                w.job = None
                    except (EOFError, OSError):
                        failure = _death_message(w)
                    if w.job is not None and failure is None and not w.proc.is_alive():
                        failure = _death_message(w)
                if failure is None and w.job is not None and budget is not None \
                        and time.monotonic() - w.started > budget:
                    failure = overrun_message(w.job[2][w.current], budget)
                if failure is not None:
                    ci, piece, tasks = w.job
                    k = w.current
                    w.kill()
                    workers[i] = _Worker(ctx, per_file, finish)
                    _split(pieces[ci], piece, tasks, k, finish([on_overrun(tasks[k], failure)]), queue, ci)
            while next_yield < len(chunks) and all(p[0] == "done" for p in pieces[next_yield]):
                parts = [p[1] for p in pieces.pop(next_yield)]
                yield parts[0] if len(parts) == 1 else combine(parts)
                if on_chunk_done:
                    on_chunk_done(len(chunks[next_yield]))
                next_yield += 1
    finally:
        for w in workers:
            if w.job is None:
                w.stop()
            else:
                w.kill()


def _death_message(w: _Worker) -> str:
    w.proc.join(1)
    code = w.proc.exitcode
    how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    task = w.job[2][w.current]
    name = task[1] if len(task) > 1 else task[0]
    return f"worker died ({how}) while processing {name}"


def _split(chunk_pieces: list[list], piece: list, tasks: list, k: int, failed: Any,
           queue: deque, ci: int) -> None:
    """Replace `piece` (its `tasks`; file `k` failed) by: tasks before k (again), the failure's
    result, tasks after k; the redo pieces go to the front of the queue (chunk order)."""
    new: list[list] = []
    if k > 0:
        new.append(["todo", tasks[:k]])
    new.append(["done", failed])
    if k + 1 < len(tasks):
        new.append(["todo", tasks[k + 1:]])
    at = next(j for j, p in enumerate(chunk_pieces) if p is piece)
    chunk_pieces[at:at + 1] = new
    queue.extendleft(reversed([(ci, p, p[1]) for p in new if p[0] == "todo"]))


# --------------------------------------------------------------------------- build adapters
# per_file -> {table: [row]} (e.g. corpus.process_file), finished into one Arrow table per table

def rows_to_tables(results: list[dict[str, list[dict]]]) -> dict[str, Any]:
    """`finish` for the build: per-file {table: rows} dicts -> {table: Arrow table} (as
    ``corpus.process_chunk`` returns; ``event_candidates`` rows use the ``events`` schema)."""
    merged: dict[str, list[dict]] = {name: [] for name in pipeline.per_file_tables()}
    for rows in results:
        for name, items in rows.items():
            merged.setdefault(name, []).extend(items)
    return {name: schema.rows_to_arrow(items, pipeline.schema_name(name)) for name, items in merged.items()}


def concat_tables(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """`combine` for the build: {table: Arrow} pieces of one chunk -> one {table: Arrow}, in order."""
    names = dict.fromkeys(name for part in parts for name in part)
    return {name: schema.concat_arrow([p[name] for p in parts if p.get(name) is not None])
            for name in names}


def overrun_rows(task: Task, message: str) -> dict[str, list[dict]]:
    """`on_overrun` for the build: the file's only row is an ``errors`` row (stage ``read``, error
    ``FileTimeout``, or ``WorkerFailure`` for a dead worker) with the ``_file`` per-file rows carry."""
    path, raw_path, sha = (list(task) + [None, None])[:3]
    raw_path = raw_path or path
    rows: dict[str, list[dict]] = {name: [] for name in pipeline.per_file_tables()}
    error = "FileTimeout" if message.startswith("took longer") else "WorkerFailure"
    rows["errors"].append({"raw_path": raw_path, "stage": "read", "error": error,
                           "message": message, "raw_sha256": sha or "", "_file": raw_path})
    return rows


def build_chunk_results(chunks: Sequence[Sequence[Task]], per_file: Callable[..., dict[str, list[dict]]],
                        *, jobs: int = 1, file_timeout: float | None = DEFAULT_FILE_TIMEOUT,
                        on_chunk_done: Callable[[int], None] | None = None) -> Iterator[dict[str, Any]]:
    """The build's per-chunk results ({table: Arrow table}, as ``corpus.process_chunk`` gives),
    in chunk order, each file under the `file_timeout` budget. `per_file(path, raw_path, sha)`
    -> {table: [row]} (e.g. ``functools.partial(corpus.process_file, html_engine=...)``); an
    overrun or a dead worker is the file's one ``errors`` row (see `overrun_rows`)."""
    return run_chunks(chunks, per_file, rows_to_tables, concat_tables, overrun_rows, jobs=jobs,
                      file_timeout=file_timeout, on_chunk_done=on_chunk_done)
