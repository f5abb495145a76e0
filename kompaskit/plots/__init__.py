"""Figures: matplotlib only. `export(fig, name)` writes PNG (200 dpi), SVG and PDF.

SVG and PDF are byte-identical for the same input: the SVG hash salt is fixed and the
``Date``/``CreationDate`` metadata dropped, so re-running a notebook does not churn the files.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import matplotlib

if not os.environ.get("DISPLAY") and "MPLBACKEND" not in os.environ:
    matplotlib.use("Agg")  # headless runs (CI, nbclient) must not need a display
import matplotlib.pyplot as plt  # noqa: E402

from ..settings import output_dir, output_paths, write_atomic  # noqa: E402
from .overview import plot_articles_per_month  # noqa: E402
from .style import SOURCE_TYPE_COLOURS, empty_figure  # noqa: E402

FIGURE_DIR_ENV = "KOMPASKIT_FIGURES"


def figure_dir(outdir: str | os.PathLike | None = None) -> Path:
    """Where figures go: `outdir`, else $KOMPASKIT_FIGURES, else ./reports/figures of the project."""
    return output_dir(outdir, FIGURE_DIR_ENV, "reports/figures")


def export(fig: Any, name: str, outdir: str | os.PathLike | None = None,
           formats: tuple[str, ...] = ("png", "svg", "pdf")) -> list[Path]:
    """Write `fig` as <outdir>/<name>.{png,svg,pdf}; return the paths written.

    PNG at 200 dpi; SVG and PDF deterministic (fixed hash salt, no creation date).
    The figure is closed in pyplot afterwards (still usable as an object).
    """
    written = []
    for path in output_paths(name, "figure", figure_dir(outdir), formats):
        fmt = path.suffix[1:]
        kwargs: dict[str, Any] = {"format": fmt, "bbox_inches": "tight"}
        if fmt == "png":
            kwargs["dpi"] = 200
        elif fmt == "svg":
            kwargs["metadata"] = {"Date": None}
        elif fmt == "pdf":
            kwargs["metadata"] = {"CreationDate": None, "ModDate": None}
        with matplotlib.rc_context({"svg.hashsalt": "kompaskit", "svg.fonttype": "path"}):
            written.append(write_atomic(path, lambda tmp: fig.savefig(tmp, **kwargs)))
    # Detach from pyplot so the inline backend does not draw it a second time; the Figure
    # object still works (end a notebook cell with `fig` to show it once).
    plt.close(fig)
    return written


__all__ = ["export", "empty_figure", "figure_dir", "SOURCE_TYPE_COLOURS", "plot_articles_per_month"]
