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

FIGURE_DIR_ENV = "KOMPASKIT_FIGURES"

# Colours by source / event type, shared by every view so a legend means the same everywhere.
SOURCE_TYPE_COLOURS: dict[str, str] = {
    "state_media": "#c0392b",
    "wire": "#2c7fb8",
    "public_broadcaster": "#41ab5d",
    "newspaper": "#7b3294",
    "tv": "#fdae61",
    "online": "#80cdc1",
    "government": "#8c510a",
    "intelligence": "#e7298a",
    "military": "#525252",
    "international_org": "#1b9e77",
    "think_tank": "#66a61e",
    "person": "#e6ab02",
    "kompas": "#08306b",
    "unknown": "#bdbdbd",
}


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


def empty_figure(message: str, figsize: tuple[float, float] = (8, 2.5)):
    """A figure that says why there is nothing to draw (better than a blank or an error)."""
    fig, ax = plt.subplots(figsize=figsize)
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, wrap=True)
    return fig


from .overview import plot_articles_per_month  # noqa: E402

__all__ = ["export", "empty_figure", "figure_dir", "SOURCE_TYPE_COLOURS", "plot_articles_per_month"]
