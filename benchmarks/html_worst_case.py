"""Worst-case seconds per MB of HTML, before and after the HTML guard, in one run (issue 13).

Usage::

    python benchmarks/html_worst_case.py [--sizes 100000,300000,1000000] [--cap 20] [--repeat 3]

Pathological shapes (built here, each wrapped in a small article page):

* ``attributes`` -- one element carrying many attributes (``a0="x" a1="x" ...``);
* ``tiny-paragraphs`` -- ``<p>a</p>`` repeated;
* ``line-breaks`` -- ``a<br>`` repeated;
* ``deep-nesting`` -- ``<div>`` nested N deep.

Each shape and size is timed with three methods in the same run, each in a worker process under
a time cap (`--cap` seconds, default 20 = the build's per-file budget; a capped case prints
``>cap``): ``trafilatura`` (bare ``trafilatura.extract``), ``no guard`` (the kit's
``htmlprocessing.extract_html`` as `readers` called it before the guard) and ``guarded``
(``readers.read_html``: guard, then the same extraction). Normal-page speed: the five
kompas.com pages of ``../shared/data/kompas-html-2016/`` (median of `--repeat` rounds).

Prints one row per case: seconds and seconds per MB for each method. Keep sizes <= 1 MB on a
shared machine: without the guard the bigger cases run into the cap.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kompaskit.workers import run_chunks

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "data" / "kompas-html-2016"
BODY = "<p>" + " ".join(["Pemerintah kota meresmikan jembatan baru di tepi sungai."] * 4) + "</p>"


def page(inner: str) -> bytes:
    return ("<html><head><title>Uji</title></head><body><div class='read__content'>"
            f"{BODY * 3}{inner}</div></body></html>").encode()


def attributes(size: int) -> bytes:
    return page("<div " + " ".join(f'a{i}="x"' for i in range(size // 8)) + ">x</div>")


def tiny_paragraphs(size: int) -> bytes:
    return page("<p>a</p>" * (size // 8))


def line_breaks(size: int) -> bytes:
    return page("a<br>" * (size // 5))


def deep_nesting(size: int) -> bytes:
    n = size // 11
    return page("<div>" * n + "x" + "</div>" * n)


SHAPES = {"attributes": attributes, "tiny-paragraphs": tiny_paragraphs, "line-breaks": line_breaks,
          "deep-nesting": deep_nesting}


def time_method(method: str, html: bytes, repeat: int = 1) -> float:
    """Median seconds of `method` on `html` (an error counts: the time to the error)."""
    import trafilatura

    from kompaskit.article import KompasParseError
    from kompaskit.htmlprocessing import extract_html
    from kompaskit.readers import read_html

    fn = {"trafilatura": lambda: trafilatura.extract(html), "no guard": lambda: extract_html(html),
          "guarded": lambda: read_html(html)}[method]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        try:
            fn()
        except KompasParseError:
            pass
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _timed(method: str, html: bytes, repeat: int) -> float:
    return time_method(method, html, repeat)


def _one(results: list) -> object:
    return results[0]


def _capped(task, message: str) -> None:
    return None


def measure(cases: list[tuple[str, bytes, int]], cap: float) -> list[float | None]:
    """Seconds per case [(method, html, repeat)], None when over `cap` (worker replaced)."""
    out = run_chunks([[c] for c in cases], _timed, _one, _one, _capped, jobs=1, file_timeout=cap)
    return list(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100000,300000,1000000")
    ap.add_argument("--cap", type=float, default=20.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    methods = ("trafilatura", "no guard", "guarded")
    cases, labels = [], []
    for shape, make in SHAPES.items():
        for size in sizes:
            html = make(size)
            for method in methods:
                cases.append((method, html, 1))
                labels.append((shape, len(html), method))
    normal = sorted(PAGES.glob("*.html")) if PAGES.is_dir() else []
    for path in normal:
        for method in methods:
            cases.append((method, path.read_bytes(), args.repeat))
            labels.append((f"kompas page {path.stem}", path.stat().st_size, method))
    seconds = measure(cases, args.cap)

    print(f"{'case':<34}{'bytes':>10}  " + "".join(f"{m + ' s (s/MB)':>24}" for m in methods))
    worst: dict[tuple[str, str], float] = {}
    capped: set[tuple[str, str]] = set()
    for i in range(0, len(labels), len(methods)):
        shape, size, _ = labels[i]
        group = "normal pages" if shape.startswith("kompas page") else "pathological"
        cells = []
        for j, method in enumerate(methods):
            s = seconds[i + j]
            per_mb = (args.cap if s is None else s) / (size / 1e6)
            if per_mb >= worst.get((group, method), 0.0):
                worst[(group, method)] = per_mb
                capped.discard((group, method))
                if s is None:
                    capped.add((group, method))
            cells.append(f">{args.cap:g} (>{per_mb:,.0f})" if s is None else f"{s:.3f} ({per_mb:,.1f})")
        print(f"{shape:<34}{size:>10}  " + "".join(f"{c:>24}" for c in cells))
    print()
    for group in ("pathological", "normal pages"):
        if any(k[0] == group for k in worst):
            print(f"worst case, {group}: " + ", ".join(
                f"{m} {'>' if (group, m) in capped else ''}{worst[(group, m)]:,.1f} s/MB" for m in methods))
    if not normal:
        print(f"(normal pages skipped: {PAGES} not found)")


if __name__ == "__main__":
    main()
