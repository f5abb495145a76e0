"""Command line: ``kompaskit build|fetch|eval-quotes|report|bench`` (also ``python -m kompaskit``)."""
from __future__ import annotations

import argparse
import sys

from . import __version__


def _build(args: argparse.Namespace) -> int:
    from .corpus import build

    try:
        report = build(args.raw_dir, args.out, jobs=args.jobs, engine=args.engine,
                       scheduler=args.scheduler, html_engine=args.html_engine, force=args.force,
                       progress=not args.quiet)
    except FileNotFoundError as exc:
        print(f"kompaskit build: {exc}", file=sys.stderr)
        return 2
    print(report, file=sys.stderr)
    if report.n_errors:
        print(f"  {report.n_errors} file(s) or analyses could not be read: see "
              f"{report.out_dir / 'errors.parquet'} (kompaskit.load().errors)", file=sys.stderr)
    return 0  # completed, even with recorded errors


# subcommands that own their options (e.g. `fetch --to DIR URL`): name -> (module, help)
DELEGATED = {
    "fetch": ("kompaskit.fetch", "capture URLs to gzipped WARC in data/raw/ (fetch --help)"),
    "discover": ("kompaskit.discover", "find article URLs and write a manifest CSV (discover --help)"),
    "hydrate": ("kompaskit.hydrate", "fetch a manifest into WARC captures, live or archived (hydrate --help)"),
    "eval-quotes": ("kompaskit.evalquotes", "score quote extraction on a PFSA-ID split"),
    "eval-analysis": ("kompaskit.evalanalysis", "score quotes, events and sources on annotated pages"),
    "report": ("kompaskit.report", "execute the notebooks headless and export figures"),
    "bench": ("kompaskit.bench", "run the benchmarks (speed and memory vs peers)"),
}


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kompaskit", description=__doc__)
    p.add_argument("--version", action="version", version=f"kompaskit {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build data/processed/ tables from data/raw/")
    b.add_argument("raw_dir", nargs="?", default=None, help="raw folder (default data/raw)")
    b.add_argument("--out", default=None, help="output folder (default data/processed)")
    b.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    b.add_argument("--engine", choices=["local", "dask"], default="local")
    b.add_argument("--scheduler", default=None, help="Dask scheduler address (engine dask)")
    b.add_argument("--html-engine", choices=["trafilatura", "newspaper"], default="trafilatura")
    b.add_argument("--force", action="store_true", help="ignore the incremental cache")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.set_defaults(func=_build)

    # listed for --help; main() hands their arguments straight to the module's own main()
    for name, (_, help_) in DELEGATED.items():
        sub.add_parser(name, help=help_, add_help=False)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in DELEGATED:
        from importlib import import_module

        return int(import_module(DELEGATED[argv[0]][0]).main(argv[1:]) or 0)
    args = make_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
