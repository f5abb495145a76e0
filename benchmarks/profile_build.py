"""Profile a serial build with cProfile and say which stage costs what per article.

Usage::

    python benchmarks/profile_build.py RAW_DIR [--top 25] [--save build.prof]

Builds RAW_DIR (``jobs=1``, ``force=True``) into a temp folder under cProfile, then prints

* per stage (reader, each analyser, table assembly, Parquet writing, duplicate merging, event
  merging): cumulative seconds, ms per article and share of the build — the stages are the
  entry points `pipeline.analyse_article` / `builder.build` call, so they add up to the build;
* the kit's own functions by cumulative time (pandas and regex work they call included);
* the top functions by own time (tottime) with their module, for the owners to optimise;
* own time summed by module (which file the CPU is actually spent in).
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

# (label, module file suffix, function name): entry points whose cumulative time is a stage
STAGES = (
    ("read (readers.read: sniff + textformat/html + Kompas layer)", "kompaskit/readers.py", "read"),
    ("quotes.quote_rows", "kompaskit/quotes/extract.py", "quote_rows"),
    ("provenance.attribution_rows", "kompaskit/provenance/hops.py", "attribution_rows"),
    ("temporal.mention_rows", "kompaskit/temporal/__init__.py", "mention_rows"),
    ("events.candidate_rows", "kompaskit/events/extract.py", "candidate_rows"),
    ("pipeline.process_chunk (all per-file work + frame assembly)", "kompaskit/pipeline.py", "process_chunk"),
    ("store.atomic_write (Parquet, cache + final)", "kompaskit/store.py", "atomic_write"),
    ("assemble.merge_duplicates", "kompaskit/assemble.py", "merge_duplicates"),
    ("events.merge_events (whole corpus)", "kompaskit/events/merge.py", "merge_events"),
    ("builder.build (total)", "kompaskit/builder.py", "build"),
)


def profile_build(raw: Path, top: int = 25, save: str | None = None) -> dict:
    from kompaskit import corpus

    out = Path(tempfile.mkdtemp(prefix="kompaskit-prof-"))
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    report = corpus.build(raw, out, jobs=1, force=True, progress=False)
    prof.disable()
    wall = time.perf_counter() - t
    if save:
        prof.dump_stats(save)
    stats = pstats.Stats(prof)
    n = max(1, report.n_files)
    print(f"{report}\nprofiled wall time {wall:.1f} s for {report.n_files} files "
          f"({wall / n * 1000:.1f} ms/file, cProfile overhead included)\n")

    entries = stats.stats  # {(file, line, func): (cc, nc, tottime, cumtime, callers)}
    total = None
    rows = []
    for label, suffix, func in STAGES:
        cum = sum(v[3] for k, v in entries.items() if k[0].endswith(suffix) and k[2] == func)
        calls = sum(v[1] for k, v in entries.items() if k[0].endswith(suffix) and k[2] == func)
        rows.append((label, cum, calls))
        if func == "build":
            total = cum
    print(f"{'stage':62} {'seconds':>8} {'ms/file':>8} {'share':>6} {'calls':>7}")
    for label, cum, calls in rows:
        share = f"{cum / total * 100:5.1f}%" if total else "-"
        print(f"{label:62} {cum:8.2f} {cum / n * 1000:8.2f} {share:>6} {calls:7d}")

    by_module: dict[str, float] = defaultdict(float)
    for (file, _line, _func), v in entries.items():
        by_module[_module(file)] += v[2]
    print(f"\nown time by module (top {min(top, len(by_module))})")
    for mod, tt in sorted(by_module.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {mod:60} {tt:8.2f} s  {tt / n * 1000:7.2f} ms/file")

    print(f"\ntop {top} kompaskit functions by cumulative time (their pandas/regex calls included)")
    kk = [(k, v) for k, v in entries.items() if "kompaskit" in Path(k[0]).parts
          and k[2] not in ("build", "process_chunk", "process_file", "analyse_article", "run", "_run_tasks")]
    for (file, line, func), v in sorted(kk, key=lambda kv: -kv[1][3])[:top]:
        print(f"  {v[3]:7.2f} s cum  {v[3] / n * 1000:7.2f} ms/file  {v[1]:8d} calls  {_module(file)}:{line} {func}")

    print(f"\ntop {top} functions by own time")
    funcs = sorted(entries.items(), key=lambda kv: -kv[1][2])[:top]
    for (file, line, func), v in funcs:
        print(f"  {v[2]:7.2f} s  {v[1]:9d} calls  {_module(file)}:{line} {func}")
    return {"report": str(report), "wall_s": wall, "stages": rows,
            "by_module": dict(by_module)}


def _module(file: str) -> str:
    """A readable module name for a code path: kompaskit/x.py, pandas/core/..., <built-in>."""
    if file.startswith("<") or file == "~":
        return "<built-in>"
    p = Path(file)
    parts = p.parts
    for anchor in ("site-packages", "lib"):
        if anchor in parts:
            i = len(parts) - 1 - parts[::-1].index(anchor)
            rest = parts[i + 1:]
            if anchor == "site-packages":
                return "/".join(rest[:3])
    if "kompaskit" in parts:
        i = len(parts) - 1 - parts[::-1].index("kompaskit")
        return "/".join(parts[i:])
    return "/".join(parts[-2:])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("raw")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--save", default=None, help="write the raw cProfile stats here")
    args = ap.parse_args(argv)
    profile_build(Path(args.raw), args.top, args.save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
