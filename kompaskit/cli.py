"""Command line: kompaskit build|fetch|eval-quotes|report|bench (also python -m kompaskit).

Every failure is one line on stderr and a non-zero exit (a traceback only with ``--debug``);
Ctrl-C during a build leaves the published tables as they were and says so.
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

from . import __version__
from .settings import project_root

DESCRIPTION = ("kompaskit: turn saved Kompas pages (HTML, WARC, text snapshots) into tables "
               "and run the research notebooks. Add --debug to any command for a traceback.")
MAX_LISTED_ERRORS = 10


def _build(args: argparse.Namespace) -> int:
    from .builder import BuildError, build, default_jobs
    from .loader import load

    jobs = args.jobs if args.jobs is not None else default_jobs()
    if jobs < 1:
        print("kompaskit build: --jobs must be 1 or more", file=sys.stderr)
        return 2
    try:
        report = build(args.raw_dir, args.out, jobs=jobs, engine=args.engine,
                       scheduler=args.scheduler, html_engine=args.html_engine, force=args.force,
                       progress=not args.quiet,
                       file_timeout=args.file_timeout if args.file_timeout > 0 else None)
    except (FileNotFoundError, BuildError) as exc:
        print(f"kompaskit build: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:  # e.g. --engine dask without the extra
        print(f"kompaskit build: {exc}", file=sys.stderr)
        return 2
    print(report, file=sys.stderr)
    if report.n_files == 0:
        print(f"kompaskit build: warning: no raw files in {args.raw_dir or 'data/raw'} (save HTML "
              "pages, WARC captures or text snapshots there, or run `kompaskit fetch URL`)",
              file=sys.stderr)
    if report.n_errors:
        errors = load(report.out_dir, tables=["errors"]).errors
        print(f"  {report.n_errors} file(s) or analyses could not be read; the first "
              f"{min(MAX_LISTED_ERRORS, len(errors))}:", file=sys.stderr)
        for row in errors.head(MAX_LISTED_ERRORS).itertuples(index=False):
            print(f"    {row.raw_path}: {row.message}", file=sys.stderr)
        print(f"  all of them: {report.out_dir / 'errors.csv'} (kompaskit.load().errors)",
              file=sys.stderr)
    return 0  # completed, even with recorded errors


def _bench_main(argv: list[str]) -> int:
    """`kompaskit bench`: runs ``benchmarks/bench.py`` of the checkout (not shipped in the package)."""
    root = project_root(Path(__file__).parent) or project_root()
    path = None if root is None else root / "benchmarks" / "bench.py"
    if path is None or not path.is_file():
        print("kompaskit bench: the benchmarks live in a kompaskit checkout (benchmarks/bench.py); "
              "run it from a clone of the repository", file=sys.stderr)
        return 2
    spec = spec_from_file_location("kompaskit_benchmarks_bench", path)
    module = module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return int(module.main(argv) or 0)


# subcommands that own their options (e.g. `fetch --to DIR URL`): name -> (module, help)
DELEGATED = {
    "fetch": ("kompaskit.fetch", "capture URLs to gzipped WARC in data/raw/ (fetch --help)"),
    "discover": ("kompaskit.discover", "find article URLs and write a manifest CSV (discover --help)"),
    "hydrate": ("kompaskit.hydrate", "fetch a manifest into WARC captures, live or archived (hydrate --help)"),
    "eval-quotes": ("kompaskit.evalquotes", "score quote extraction on a PFSA-ID split"),
    "eval-analysis": ("kompaskit.evalanalysis", "score quotes, events and sources on annotated pages"),
    "report": ("kompaskit.report", "execute the notebooks headless and export figures"),
    "bench": (None, "run the benchmarks from a checkout (speed and memory vs peers)"),
}


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kompaskit", description=DESCRIPTION)
    p.add_argument("--version", action="version", version=f"kompaskit {__version__}")
    p.add_argument("--debug", action="store_true", help="show a traceback when a command fails")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build data/processed/ tables from data/raw/",
                       description="Build the tables (Parquet) from a folder of raw files. "
                                   "Incremental: unchanged files are not read again.")
    b.add_argument("raw_dir", nargs="?", default=None, help="raw folder (default data/raw)")
    b.add_argument("--out", default=None, help="output folder (default data/processed)")
    b.add_argument("--jobs", type=int, default=None,
                   help="worker processes (default: the CPU count, at most 8; 1 = no pool)")
    b.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="where the per-file work runs: local processes (default) or Dask")
    b.add_argument("--scheduler", default=None, help="Dask scheduler address (engine dask)")
    b.add_argument("--html-engine", choices=["trafilatura", "newspaper"], default="trafilatura",
                   help="main-text extractor for HTML pages (default trafilatura)")
    b.add_argument("--file-timeout", type=float, default=20.0, metavar="S",
                   help="seconds one file's read and analysis may take before it becomes an errors "
                        "row and its worker is replaced (default 20; 0 = no budget, engine local)")
    b.add_argument("--force", action="store_true", help="ignore the incremental cache")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--debug", action="store_true", help="show a traceback when the build fails")
    b.set_defaults(func=_build)

    # listed for --help; main() hands their arguments straight to the module's own main()
    for name, (_, help_) in DELEGATED.items():
        sub.add_parser(name, help=help_, add_help=False)
    return p


def _run(argv: list[str]) -> int:
    if argv and argv[0] in DELEGATED:
        module = DELEGATED[argv[0]][0]
        if module is None:
            return _bench_main(argv[1:])
        return int(import_module(module).main(argv[1:]) or 0)
    args = make_parser().parse_args(argv)
    return args.func(args)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in argv
    if debug and (not argv or argv[0] != "--debug") and argv[0] in DELEGATED:
        argv = [a for a in argv if a != "--debug"]  # delegated parsers do not know it
    elif argv[:1] == ["--debug"]:
        argv = argv[1:]
    command = argv[0] if argv else "kompaskit"
    try:
        return _run(argv)
    except KeyboardInterrupt:
        if debug:
            raise
        what = "tables unchanged" if command == "build" else "stopped"
        print(f"kompaskit {command}: interrupted: {what}", file=sys.stderr)
        return 130
    except Exception as exc:  # one line for the researcher; --debug for the developer
        if debug:
            raise
        msg = " ".join(str(exc).split()) or type(exc).__name__
        print(f"kompaskit {command}: {type(exc).__name__}: {msg[:300]} (add --debug for details)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
