"""Execute the curated notebooks headless (nbclient) and keep executed copies.

``kompaskit report [--notebooks DIR] [--out DIR] [--timeout S]``: runs every ``NN-*.ipynb`` in
order from inside the notebooks folder, writes the executed copy and an HTML export to
``reports/notebooks/`` (the committed notebooks stay output-free), and fails loudly if any cell
raises. Figures are exported by the notebooks themselves through ``kompaskit.plots.export``.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .settings import project_root


def notebook_paths(nb_dir: Path) -> list[Path]:
    """The curated notebooks, in their numbered order."""
    return sorted(p for p in nb_dir.glob("*.ipynb") if not p.name.startswith("."))


def execute_notebook(path: Path, out_dir: Path | None = None, timeout: int = 600,
                     kernel_name: str = "python3"):
    """Run `path` top to bottom in its own folder; return the executed notebook node.

    Raises nbclient's CellExecutionError (with the failing cell's traceback) on any error.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
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


def main(argv: list[str] | None = None) -> int:
    root = project_root() or Path.cwd()
    ap = argparse.ArgumentParser(prog="kompaskit report", description=__doc__)
    ap.add_argument("--notebooks", type=Path, default=root / "notebooks")
    ap.add_argument("--out", type=Path, default=root / "reports" / "notebooks")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    args = ap.parse_args(argv)
    paths = notebook_paths(args.notebooks)
    if not paths:
        print(f"kompaskit report: no notebooks in {args.notebooks}", file=sys.stderr)
        return 1
    failed = 0
    for path in paths:
        t0 = time.perf_counter()
        try:
            execute_notebook(path, args.out, timeout=args.timeout)
            print(f"ran {path.name} in {time.perf_counter() - t0:.1f} s -> {args.out / path.name}",
                  file=sys.stderr)
        except Exception as exc:
            failed += 1
            last = str(exc).strip().splitlines()
            print(f"FAILED {path.name}: {last[-1] if last else type(exc).__name__}", file=sys.stderr)
            print(str(exc), file=sys.stderr)
    figures = root / "reports" / "figures"
    n_fig = len(list(figures.glob("*.png"))) if figures.exists() else 0
    from .export import table_dir

    tables = table_dir()
    n_tab = len(list(tables.glob("*.csv"))) if tables.exists() else 0
    print(f"kompaskit report: {len(paths) - failed}/{len(paths)} notebooks ran; "
          f"{n_fig} figures in {figures}; {n_tab} tables in {tables}", file=sys.stderr)
    return 1 if failed else 0
