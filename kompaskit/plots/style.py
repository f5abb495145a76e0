"""Shared look of every figure: page width, colour-safe palettes, legends outside the data,
the "(n = …)" caption, and the figure that explains why there is nothing to draw.

Palettes are Okabe–Ito and Paul Tol's muted set (distinguishable with the common colour-vision
deficiencies); bars get a thin white edge and legends sit outside the axes, so a swatch is never
drawn on top of a bar of its own colour.
"""
from __future__ import annotations

import math
import textwrap
from typing import Iterable

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch

PAGE_WIDTH = 7.5  # inches: every report figure is at most this wide (A4/Letter text width + margins)
BAR_EDGE = {"edgecolor": "white", "linewidth": 0.6}

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
TOL_MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
             "#AA4499"]
CATEGORY_CYCLE = [*OKABE_ITO[:7], *TOL_MUTED]
MISSING_COLOUR = "#BBBBBB"

# Colours by source type, shared by every view so a legend means the same everywhere.
SOURCE_TYPE_COLOURS: dict[str, str] = {
    "state_media": "#D55E00",
    "wire": "#0072B2",
    "public_broadcaster": "#009E73",
    "newspaper": "#CC79A7",
    "tv": "#E69F00",
    "online": "#56B4E9",
    "government": "#882255",
    "intelligence": "#AA4499",
    "military": "#332288",
    "international_org": "#44AA99",
    "think_tank": "#999933",
    "person": "#F0E442",
    "kompas": "#000000",
    "unknown": MISSING_COLOUR,
}

_PLURALS = {"article": "articles", "quote": "quotes", "paragraph": "paragraphs", "hop": "hops",
            "source": "sources", "link": "links", "speaker": "speakers", "claim": "claims"}


def counted(n: int, noun: str) -> str:
    """'1 article', '412 quotes' (thousands separated)."""
    return f"{n:,} {noun if n == 1 else _PLURALS.get(noun, noun + 's')}"


def n_caption(n: int, noun: str, n_articles: int | None = None) -> str:
    """'(n = 412 quotes in 57 articles)'; without `n_articles`: '(n = 412 quotes)'."""
    inner = counted(n, noun)
    if n_articles is not None and noun != "article":
        inner += f" in {counted(n_articles, 'article')}"
    return f"(n = {inner})"


def category_colours(labels: Iterable[str], known: dict[str, str] | None = None) -> dict[str, str]:
    """A colour per label: `known` ones first, the rest from `CATEGORY_CYCLE` in order (no repeats
    until the cycle runs out); 'unknown' is grey."""
    known = known or {}
    used = set(known.values())
    free = [c for c in CATEGORY_CYCLE if c not in used]
    out: dict[str, str] = {}
    for i, label in enumerate(dict.fromkeys(str(x) for x in labels)):
        if label in known:
            out[label] = known[label]
        elif label in ("unknown", "other", "undated"):
            out[label] = MISSING_COLOUR
        else:
            out[label] = free.pop(0) if free else CATEGORY_CYCLE[i % len(CATEGORY_CYCLE)]
    return out


def text_colour_on(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (relative luminance, WCAG)."""
    rgb = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    return "black" if luminance > 0.18 else "white"


def legend_outside(ax, handles: list | None = None, title: str | None = None, fontsize: float = 7.5):
    """A frameless legend right of `ax`, outside the data area (swatches edged, so a light one
    still reads on white)."""
    kwargs = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0), "borderaxespad": 0.0,
              "frameon": False, "fontsize": fontsize, "title": title, "title_fontsize": fontsize}
    if handles is not None:
        return ax.legend(handles=handles, **kwargs)
    return ax.legend(**kwargs)


def swatches(colours: dict[str, str]) -> list[Patch]:
    """Legend patches for a label -> colour mapping, each with a thin dark edge."""
    return [Patch(facecolor=c, edgecolor="#333333", linewidth=0.5, label=str(label).replace("_", " "))
            for label, c in colours.items()]


def wrap_label(text: str, width: int) -> str:
    """`text` wrapped to lines of at most `width` characters, never cut."""
    return "\n".join(textwrap.wrap(" ".join(str(text).split()), width=width, break_long_words=False)) or str(text)


def thin_month_ticks(ax, labels: list[str], max_labels: int = 24) -> None:
    """Label at most `max_labels` of the month ticks (every k-th), rotated, so they never collide."""
    step = max(1, math.ceil(len(labels) / max_labels))
    ax.set_xticks(range(len(labels)), [lab if i % step == 0 else "" for i, lab in enumerate(labels)])
    ax.tick_params(axis="x", rotation=60, labelsize=7)


def empty_figure(message: str, figsize: tuple[float, float] = (PAGE_WIDTH, 2.0)):
    """A figure that says why there is nothing to draw (better than a blank or an error)."""
    fig, ax = plt.subplots(figsize=figsize)
    ax.axis("off")
    ax.text(0.5, 0.5, wrap_label(message, 90), ha="center", va="center", fontsize=10)
    return fig


def page_figure(height: float, **kwargs):
    """A figure `PAGE_WIDTH` wide with constrained layout (room for outside legends)."""
    return plt.subplots(figsize=(PAGE_WIDTH, height), layout="constrained", **kwargs)



__all__ = ["PAGE_WIDTH", "SOURCE_TYPE_COLOURS", "OKABE_ITO", "TOL_MUTED", "CATEGORY_CYCLE", "counted",
           "n_caption", "category_colours", "text_colour_on", "legend_outside", "swatches", "wrap_label",
           "thin_month_ticks", "empty_figure", "page_figure"]
