"""Table-identity harness: build tables from a raw folder with some checkout's code, then write a
canonical digest of every table, so two commits can be shown to build the same tables.

The digest of a table is the sha256 of its rows in a canonical form: columns in the table's own
order (order is part of the contract), every cell as JSON (timestamps as ISO strings with their
zone, lists as lists, NaN/None as null), rows sorted. The column names, types and row count are
recorded beside it. Only the published tables are compared (not the cache or manifest, which hold
mtimes).

Usage::

    python benchmarks/compare_tables.py build RAW_DIR --tables OUT_DIR [--code CHECKOUT] --save D.json
    python benchmarks/compare_tables.py digest OUT_DIR --save D.json
    python benchmarks/compare_tables.py compare A.json B.json        # exit 1 on any difference

``--code CHECKOUT`` runs the build with that checkout first on PYTHONPATH (e.g. a `git archive`
of an older commit); default: the kompaskit this interpreter imports.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

TABLES = ("articles", "paragraphs", "quotes", "attributions", "sources", "mentions", "events",
          "errors")


def _cell(value: Any) -> Any:
    """A JSON-able, canonical form of one Arrow/Python cell value."""
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_cell(v) for v in value]
    if isinstance(value, dict):
        return {k: _cell(v) for k, v in sorted(value.items())}
    if isinstance(value, bytes):
        return value.hex()
    return value


def table_digest(path: Path) -> dict[str, Any]:
    """{columns, types, rows, sha256, lines} of one Parquet table (`lines`: canonical rows)."""
    import pyarrow.parquet as pq

    tbl = pq.read_table(path)
    cols = tbl.column_names
    data = [tbl.column(c).to_pylist() for c in cols]
    lines = sorted(json.dumps([_cell(col[i]) for col in data], ensure_ascii=False, sort_keys=True)
                   for i in range(tbl.num_rows))
    h = hashlib.sha256("\n".join(cols).encode())
    for line in lines:
        h.update(line.encode())
        h.update(b"\n")
    return {"columns": cols, "types": [str(f.type) for f in tbl.schema], "rows": tbl.num_rows,
            "sha256": h.hexdigest(), "lines": lines}


def digest_tables(out_dir: Path) -> dict[str, Any]:
    """Digest of every published table under `out_dir` (missing ones recorded as missing)."""
    from_dir = published_dir(out_dir)
    result = {}
    for name in TABLES:
        p = from_dir / f"{name}.parquet"
        result[name] = table_digest(p) if p.exists() else {"missing": True}
    return result


def published_dir(out_dir: Path) -> Path:
    """The folder holding the published tables: the generation named by ``CURRENT`` when there
    is one (kompaskit after build generations), else `out_dir` itself."""
    current = out_dir / "CURRENT"
    if current.exists():
        return out_dir / current.read_text().strip()
    return out_dir


def build_tables(raw: Path, out: Path, code: Path | None) -> None:
    """`kompaskit build RAW --out OUT --force` in a fresh interpreter, with `code` first on the path."""
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    cmd = [sys.executable, "-m", "kompaskit", "build", str(raw), "--out", str(out), "--quiet",
           "--force", "--jobs", "1"]
    subprocess.run(cmd, env=env, check=True)


def compare(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """Differences between two digests, one line each (empty: identical)."""
    problems = []
    for name in TABLES:
        ta, tb = a.get(name, {}), b.get(name, {})
        if ta.get("sha256") == tb.get("sha256") and ta.get("types") == tb.get("types"):
            continue
        if ta.get("columns") != tb.get("columns"):
            problems.append(f"{name}: columns {ta.get('columns')} != {tb.get('columns')}")
        if ta.get("types") != tb.get("types"):
            problems.append(f"{name}: types differ")
        if ta.get("rows") != tb.get("rows"):
            problems.append(f"{name}: {ta.get('rows')} rows != {tb.get('rows')} rows")
        only_a = sorted(set(ta.get("lines", [])) - set(tb.get("lines", [])))
        only_b = sorted(set(tb.get("lines", [])) - set(ta.get("lines", [])))
        problems.append(f"{name}: {len(only_a)} rows only in A, {len(only_b)} only in B"
                        + (f"; first in A: {only_a[0][:200]}" if only_a else "")
                        + (f"; first in B: {only_b[0][:200]}" if only_b else ""))
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build RAW_DIR with a checkout's code, then digest")
    b.add_argument("raw_dir", type=Path)
    b.add_argument("--tables", type=Path, required=True, help="output folder for the tables")
    b.add_argument("--code", type=Path, default=None, help="checkout whose kompaskit builds")
    b.add_argument("--save", type=Path, required=True, help="digest file (JSON) to write")
    d = sub.add_parser("digest", help="digest already built tables")
    d.add_argument("out_dir", type=Path)
    d.add_argument("--save", type=Path, required=True)
    c = sub.add_parser("compare", help="compare two digest files")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "compare":
        problems = compare(json.loads(args.a.read_text()), json.loads(args.b.read_text()))
        for line in problems:
            print(line)
        print("identical" if not problems else f"{len(problems)} difference(s)")
        return 1 if problems else 0
    if args.cmd == "build":
        build_tables(args.raw_dir, args.tables, args.code)
        out = args.tables
    else:
        out = args.out_dir
    digest = digest_tables(out)
    args.save.parent.mkdir(parents=True, exist_ok=True)
    args.save.write_text(json.dumps(digest, ensure_ascii=False))
    for name, t in digest.items():
        print(f"{name:13s} {t.get('rows', 'missing'):>7} rows  {t.get('sha256', '')[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
