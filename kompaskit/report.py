"""Execute the curated notebooks headless (nbclient) and keep executed copies.

``kompaskit report [--notebooks DIR] [--out DIR] [--timeout S]``: refuses to start (one line,
exit 2, figures untouched) when no tables are built; otherwise runs every ``NN-*.ipynb`` in order
from inside the notebooks folder, writes the executed copy and an HTML export to
``reports/notebooks/`` (the committed notebooks stay output-free), and fails loudly if any cell
raises, runs past the per-cell timeout or kills its kernel. Figures are exported by the notebooks
themselves through ``kompaskit.plots.export``.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbclient.util import run_sync

from .corpus import load
from .export import table_dir
from .plots import figure_dir
from .settings import project_root

CELL_TIMEOUT = 60  # s per cell, for `kompaskit report` and the notebook tests alike
SOURCE_PREVIEW_LINES = 12


class NotebookRunError(RuntimeError):
    """A notebook cell failed, timed out or lost its kernel; the message names the notebook,
    the cell index and the cell's source."""


def notebook_paths(nb_dir: Path) -> list[Path]:
    """The curated notebooks, in their numbered order."""
    return sorted(p for p in nb_dir.glob("*.ipynb") if not p.name.startswith("."))


def _source_preview(source: str) -> str:
    lines = source.strip().splitlines()
    if len(lines) > SOURCE_PREVIEW_LINES:
        lines = [*lines[:SOURCE_PREVIEW_LINES], f"... ({len(lines) - SOURCE_PREVIEW_LINES} more lines)"]
    return "\n".join("    " + line for line in lines)


def _cell_failure(path: Path, index: int, cell, what: str) -> NotebookRunError:
    return NotebookRunError(f"{path.name}: cell {index} {what}; its source:\n{_source_preview(cell.source)}")


def execute_notebook(path: Path, out_dir: Path | None = None, timeout: int = CELL_TIMEOUT,
                     kernel_name: str = "python3"):
    """Run `path` top to bottom in its own folder; return the executed notebook node.

    Each cell gets `timeout` seconds; the kernel is checked to be alive before every cell (and
    by nbclient while a cell runs). Raises `NotebookRunError` naming the cell (index, source) on
    an error, a timeout or a dead kernel.
    """
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name, interrupt_on_timeout=False,
                            raise_on_iopub_timeout=False, startup_timeout=timeout,
                            resources={"metadata": {"path": str(path.parent)}})
    client.reset_execution_trackers()
    with client.setup_kernel():
        info = client.wait_for_reply(client.kc.kernel_info())  # as nbclient's execute(): language_info
        if info is not None and "language_info" in info["content"]:
            nb.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(nb.cells):
            if not run_sync(client.kc.is_alive)():
                raise _cell_failure(path, index, cell, "was not run: the kernel is dead")
            try:
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            except CellTimeoutError:
                raise _cell_failure(path, index, cell, f"did not finish within {timeout} s") from None
            except DeadKernelError:
                raise _cell_failure(path, index, cell, "killed the kernel") from None
            except CellExecutionError as exc:
                raise _cell_failure(path, index, cell, f"raised {exc.ename}: {exc.evalue}") from exc
        client.set_widgets_metadata()
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out_dir / path.name)
        try:
            from nbconvert import HTMLExporter

            body, _ = HTMLExporter().from_notebook_node(nb)
            (out_dir / path.with_suffix(".html").name).write_text(body, encoding="utf-8")
        except Exception as exc:  # HTML is a convenience; the executed .ipynb is the record
            print(f"  (no HTML export for {path.name}: {exc})", file=sys.stderr)
    return nb


def missing_tables_message() -> str | None:
    """Why the notebooks cannot run (no built tables, or no articles in them), else None."""
    try:
        corpus = load(tables=["articles"])
    except Exception as exc:  # load() names the folder and the command to build
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if len(corpus.articles):
        return None
    return (f"no built tables in {corpus.path}: run `kompaskit build` (or `make build`) first; "
            "figures left untouched")


def main(argv: list[str] | None = None) -> int:
    root = project_root() or Path.cwd()
    ap = argparse.ArgumentParser(prog="kompaskit report", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notebooks", type=Path, default=root / "notebooks",
                    help="folder of the NN-*.ipynb notebooks (default: notebooks/)")
    ap.add_argument("--out", type=Path, default=root / "reports" / "notebooks",
                    help="where the executed notebooks and their HTML go (default: reports/notebooks/)")
    ap.add_argument("--timeout", type=int, default=CELL_TIMEOUT,
                    help=f"seconds a cell may run before the run fails (default {CELL_TIMEOUT})")
    args = ap.parse_args(argv)
    paths = notebook_paths(args.notebooks)
    if not paths:
        print(f"kompaskit report: no notebooks in {args.notebooks}", file=sys.stderr)
        return 1
    refusal = missing_tables_message()
    if refusal:
        print(f"kompaskit report: {refusal}", file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        t0 = time.perf_counter()
        try:
            execute_notebook(path, args.out, timeout=args.timeout)
            print(f"ran {path.name} in {time.perf_counter() - t0:.1f} s -> {args.out / path.name}",
                  file=sys.stderr)
        except NotebookRunError as exc:
            failed += 1
            print(f"FAILED {exc}", file=sys.stderr)
    figures = figure_dir()
    n_fig = len(list(figures.glob("*.png"))) if figures.exists() else 0
    tables = table_dir()
    n_tab = len(list(tables.glob("*.csv"))) if tables.exists() else 0
    print(f"kompaskit report: {len(paths) - failed}/{len(paths)} notebooks ran; "
          f"{n_fig} figures in {figures}; {n_tab} tables in {tables}", file=sys.stderr)
    return 1 if failed else 0
