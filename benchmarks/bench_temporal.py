"""parse_temporal throughput (paragraphs/s) on the dev pages' body paragraphs and on the seed,
against the previous commit's module when given (``--baseline REF``). Usage:
    PYTHONPATH=. python benchmarks/bench_temporal.py [--repeat 5]
Prints paragraphs/s (best of the repeats) and mentions found; target: >= 5,000 paragraphs/s."""
from __future__ import annotations

import argparse
import pathlib
import time

from kompaskit import readers, temporal

SHARED = pathlib.Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def paragraphs() -> list[tuple[str, object]]:
    files = sorted((SHARED / "kompas-dev" / "pages").glob("*.txt")) + \
        sorted((SHARED / "seed").glob("*.txt"))
    out = []
    for f in files:
        try:
            arts = readers.read(f)
        except Exception as exc:  # a bench reports, it does not stop on one page
            print(f"skip {f.name}: {exc}")
            continue
        out += [(p, a.published) for a in arts for p in a.body]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--copies", type=int, default=10, help="corpus copies per run")
    args = ap.parse_args()
    paras = paragraphs() * args.copies
    temporal.parse_temporal(paras[0][0], paras[0][1])
    best, found = None, 0
    for _ in range(args.repeat):
        t = time.perf_counter()
        found = sum(len(temporal.parse_temporal(p, a)) for p, a in paras)
        secs = time.perf_counter() - t
        best = secs if best is None else min(best, secs)
    print(f"parse_temporal: {len(paras)} paragraphs, {found} mentions, "
          f"{len(paras) / best:,.0f} paragraphs/s (best of {args.repeat})")


if __name__ == "__main__":
    main()
