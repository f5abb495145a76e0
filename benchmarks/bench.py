"""Benchmarks: speed and memory of the kit, against its peers, with the issue's targets.

``python -m kompaskit bench [--sizes 1000,10000,100000] [--parts ...] [--jobs 2] [--quick]``
prints a table (measure, value, target, PASS/FAIL) and writes everything to
``benchmarks/results/bench-<UTC timestamp>.json`` (with cpu count, python and platform).

Parts (``--parts``, comma separated; default all):

* ``html``: the five 2015-2016 kompas.com pages, each method on the same pages in one run,
  interleaved, median over ``--repeat`` rounds: ``kompaskit.read_html`` per engine, bare
  ``trafilatura.bare_extraction(with_metadata=True)``, newspaper3k ``Article.parse()`` (html set,
  no download), bare ``lxml.html.fromstring``. ms/page and the ratio to bare trafilatura.
* ``build``: a fresh ``corpus.build`` (``--jobs`` processes) of each synthetic corpus
  (``benchmarks/synth.py``) in a child process: seconds, articles/s, peak RSS (sum over the
  child's process tree, sampled with psutil; getrusage maxima too) and per-article time at N
  relative to the smallest N.
* ``load``: ``kompaskit.load()`` of the largest built corpus in five fresh processes (median), and
  the time of each notebook's widget filter on those tables (see :func:`_filter_timings` for what is timed).
* ``rebuild``: incremental rebuild with nothing changed, then with 1% of the files edited (the
  edits are undone afterwards, so the cached corpus stays as generated).
* ``analysers``: ``extract_quotes`` on the whole detokenised PFSA-ID dev text; ``attribute()``
  on 1,000 articles then ``graph``; ``parse_temporal`` paragraphs/s.
* ``import``: ``import kompaskit`` in a fresh interpreter (best of 5), and whether that pulled in
  dask, newspaper, networkx or matplotlib.

Corpora are generated once per size into ``benchmarks/results/corpora/`` (git-ignored).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

PARTS = ("html", "build", "load", "rebuild", "analysers", "import")
DEFAULT_SIZES = (1000, 10000, 100000)
QUICK_SIZES = (40,)
HEAVY_MODULES = ("dask", "distributed", "newspaper", "networkx", "matplotlib", "trafilatura")
# targets from issue 7: (key, comparison, limit, unit)
TARGET_READ_HTML_RATIO = 1.3
TARGET_ARTICLES_PER_S = 300.0
TARGET_100K_SECONDS = 360.0
TARGET_RSS_MB = 2048.0
TARGET_LINEAR = 1.2
TARGET_REBUILD_S = 10.0
TARGET_LOAD_S = 3.0
LOAD_ROUNDS = 5  # fresh processes timing load()
TARGET_FILTER_MS = 200.0
TARGET_IMPORT_S = 0.5
DATELINE_RE = re.compile(r"KOMPAS\.(?:TV|com)\s*[-–—]\s*")  # where the rebuild part edits a file


# --------------------------------------------------------------------------- helpers

def _root() -> Path:
    from kompaskit.settings import project_root

    return project_root(Path(__file__).parent) or Path(__file__).resolve().parents[1]


def _synth():
    """The generator module ``benchmarks/synth.py`` (not part of the installed package)."""
    path = _root() / "benchmarks" / "synth.py"
    spec = spec_from_file_location("kompaskit_bench_synth", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"benchmark generator not found: {path}")
    mod = module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def machine_info() -> dict[str, Any]:
    info: dict[str, Any] = {
        "cpu_count": os.cpu_count(), "python": sys.version.split()[0],
        "platform": platform.platform(), "processor": platform.processor() or platform.machine(),
    }
    try:
        import psutil

        info["memory_gb"] = round(psutil.virtual_memory().total / 2**30, 1)
        info["cpu_count_physical"] = psutil.cpu_count(logical=False)
    except ImportError:
        pass
    try:  # the CPU model, for reading numbers across machines
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for mod in ("pandas", "pyarrow", "trafilatura", "lxml", "dask"):
        try:
            from importlib.metadata import version

            versions[mod] = version(mod)
        except Exception:
            versions[mod] = None
    info["versions"] = versions
    return info


def _median_time(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _run_child(args: list[str], timeout: float | None = None) -> dict[str, Any]:
    """Run ``_child(args)`` in a fresh interpreter; returns its JSON plus the tree's peak RSS."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "_child", *args]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=str(_root()))
    peak = _sample_tree_rss(proc, timeout)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child {args[0]} failed ({proc.returncode}): {err.strip()[-2000:]}")
    line = [ln for ln in out.splitlines() if ln.startswith("{")][-1]
    res = json.loads(line)
    res["wall_s"] = round(wall, 3)
    if peak is not None:
        res["peak_tree_rss_mb"] = round(peak / 2**20, 1)
    return res


def _sample_tree_rss(proc: subprocess.Popen, timeout: float | None, every: float = 0.1) -> int | None:
    """Poll until `proc` ends; the largest summed RSS of it and its children (psutil), else None."""
    try:
        import psutil
    except ImportError:
        proc.wait(timeout)
        return None
    peak = 0
    start = time.perf_counter()
    try:
        root = psutil.Process(proc.pid)
    except psutil.Error:
        proc.wait(timeout)
        return None
    while proc.poll() is None:
        total = 0
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            procs = []
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        peak = max(peak, total)
        if timeout is not None and time.perf_counter() - start > timeout:
            proc.kill()
            break
        time.sleep(every)
    return peak


# --------------------------------------------------------------------------- child work

def _rusage() -> dict[str, float]:
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"maxrss_self_mb": round(me, 1), "maxrss_children_mb": round(kids, 1)}


def _cpu_seconds() -> float:
    """User + system CPU of this process and its waited-for children (the build's workers)."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _child(argv: list[str]) -> int:
    """Work run in a fresh process; prints one JSON line."""
    what = argv[0]
    if what == "build":
        raw, out, jobs, engine, force = argv[1], argv[2], int(argv[3]), argv[4], argv[5] == "1"
        from kompaskit import builder as corpus

        phase = {"per_file_s": 0.0}
        iter_results = corpus.iter_results

        def timed_iter_results(*a, **kw):  # splits the build: per-file work vs table assembly
            it = iter_results(*a, **kw)
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    return
                finally:
                    phase["per_file_s"] += time.perf_counter() - t0
                yield item

        corpus.iter_results = timed_iter_results
        cpu0 = _cpu_seconds()
        t = time.perf_counter()
        rep = corpus.build(raw, out, jobs=jobs, engine=engine, force=force, progress=False)
        secs = time.perf_counter() - t
        res = {"seconds": round(secs, 3), "per_file_phase_s": round(phase["per_file_s"], 3),
               "assembly_phase_s": round(secs - phase["per_file_s"], 3),
               "cpu_s": round(_cpu_seconds() - cpu0, 3),
               "n_files": rep.n_files, "n_parsed": rep.n_parsed,
               "n_reused": rep.n_reused, "n_articles": rep.n_articles,
               "n_duplicates": rep.n_duplicates, "n_errors": rep.n_errors,
               "up_to_date": rep.up_to_date, "tables": rep.tables, **_rusage()}
    elif what == "load":
        out, repeat = argv[1], int(argv[2])
        import kompaskit

        import resource

        r0, t = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        corpus = kompaskit.load(out)
        load_s = time.perf_counter() - t
        r1 = resource.getrusage(resource.RUSAGE_SELF)
        rows = {name: len(df) for name, df in corpus.tables().items()}
        # system time is mostly page faults: on a VM, fresh memory can cost several times more
        res = {"load_s": round(load_s, 3), "rows": rows, "user_s": round(r1.ru_utime - r0.ru_utime, 3),
               "sys_s": round(r1.ru_stime - r0.ru_stime, 3),
               "filters": _filter_timings(corpus, repeat) if repeat else [], **_rusage()}
    else:
        raise SystemExit(f"unknown child task {what!r}")
    print(json.dumps(res, default=str))
    return 0


def _filter_timings(corpus: Any, repeat: int) -> list[dict[str, Any]]:
    """Median ms of each notebook view's filter update on the loaded tables.

    For each of quotes / provenance / timeline: if ``kompaskit.widgets.<view>`` exposes a pure
    filter function (``filter_<table>`` taking the table(s) and control values), it is timed;
    otherwise the equivalent vectorised pandas masks a widget applies on a control change
    (described in ``what``) are timed, so the number reflects the tables' size and dtypes.
    """
    import numpy as np
    import pandas as pd

    arts = corpus.articles
    published = (arts.set_index("article_id")["published"] if len(arts) else pd.Series(dtype="datetime64[ns, UTC]"))
    timings = []

    def add(view: str, what: str, fn: Callable[[], Any]) -> None:
        fn()  # warm-up (first call may build caches)
        ms = _median_time(fn, repeat) * 1000
        # a plain pandas mask is a reference point, not the kit's widget: no target applies
        timings.append({"view": view, "what": what, "ms": round(ms, 2), "widget": False})

    q = corpus.quotes
    speakers = q["speaker"].dropna().value_counts().index[:1].tolist() if len(q) else []
    q_pub = q["article_id"].map(published) if len(q) else pd.Series(dtype=object)

    def quotes_filter():
        mask = np.ones(len(q), dtype=bool)
        if len(q):
            mask &= q["kind"].isin(["direct", "indirect"]).to_numpy()
            if speakers:
                mask &= (q["speaker"] == speakers[0]).fillna(False).to_numpy()
            lo, hi = pd.Timestamp("2024-01-01", tz="Asia/Jakarta"), pd.Timestamp("2025-01-01", tz="Asia/Jakarta")
            mask &= ((q_pub >= lo) & (q_pub < hi)).fillna(False).to_numpy()
        return q[mask]

    add("quotes", "quotes: kind in {direct,indirect} & speaker == most frequent & published in 2024 "
        "(published joined once)", quotes_filter)

    at = corpus.attributions

    def provenance_filter():
        if not len(at):
            return at
        mask = at["source_type"].isin(["wire", "foreign_media", "state_media"]) & (at["hop"] <= 2)
        sub = at[mask.fillna(False)]
        return sub.groupby(["source", "source_type"], dropna=False).size()

    add("provenance", "attributions: source_type in {wire,foreign_media,state_media} & hop <= 2, "
        "then edge counts by source", provenance_filter)

    ev = corpus.events
    actor_sets = ev["actors"].map(lambda v: frozenset(v) if v is not None else frozenset()) if len(ev) else []

    def timeline_filter():
        if not len(ev):
            return ev
        lo, hi = pd.Timestamp("2024-01-01"), pd.Timestamp("2025-01-01")
        mask = (ev["date_start"] >= lo) & (ev["date_start"] < hi)
        mask &= pd.Series([bool(s & {"Rusia", "Korea Utara"}) for s in actor_sets], index=ev.index)
        return ev[mask.fillna(False)]

    add("timeline", "events: date_start in 2024 & actors meet {Rusia, Korea Utara}", timeline_filter)

    m = corpus.mentions

    def mentions_filter():
        if not len(m):
            return m
        lo, hi = pd.Timestamp("2024-06-01"), pd.Timestamp("2024-07-01")
        return m[((m["value_start"] < hi) & (m["value_end"] > lo)).fillna(False)]

    add("timeline", "mentions: value range overlaps June 2024", mentions_filter)
    timings.extend(_widget_module_timings(corpus, repeat))
    return timings


def _widget_module_timings(corpus: Any, repeat: int) -> list[dict[str, Any]]:
    """Time the filter functions the notebook widget modules expose, when they exist.

    Each view module prepares its table once per view (untimed, as in the notebook) and then
    filters on every control change: that filter call is what is timed, with realistic control
    values (the most frequent source, a one-year month range...). A module that is missing or
    whose API differs is skipped with the reason recorded.
    """
    from importlib import import_module

    out: list[dict[str, Any]] = []

    def timed(view: str, what: str, fn: Callable[[], Any]) -> None:
        try:
            fn()
            ms = _median_time(fn, repeat) * 1000
            out.append({"view": view, "what": what, "ms": round(ms, 2), "widget": True})
        except Exception as exc:  # an API change must not break the benchmark
            out.append({"view": view, "what": what, "ms": None, "widget": True,
                        "error": f"{type(exc).__name__}: {exc}"[:300]})

    try:
        prov = import_module("kompaskit.widgets.provenance")
    except Exception:
        prov = None
    if prov is not None and hasattr(prov, "prepare") and hasattr(prov, "filter_hops"):
        import pandas as pd

        hops = prov.prepare(corpus.attributions, corpus.articles)
        counts = hops["source"].dropna().value_counts()  # a Categorical also counts absent ones
        src = counts[counts > 0].index[:1].tolist() or [prov.ALL]
        months = (pd.Period("2024-01", "M"), pd.Period("2024-12", "M"))
        timed("provenance", "widgets.provenance.filter_hops(source=most frequent, months=2024)",
              lambda: prov.filter_hops(hops, source=src[0], months=months, full_range=False))
        timed("provenance", "widgets.provenance.filter_hops(source_type=wire)",
              lambda: prov.filter_hops(hops, source_type="wire"))
    for view in ("quotes", "timeline"):
        try:
            mod = import_module(f"kompaskit.widgets.{view}")
        except Exception:
            continue
        adapter = WIDGET_ADAPTERS.get(view)
        if adapter is not None:
            for what, fn in adapter(mod, corpus):
                timed(view, what, fn)
    return out


def _quotes_adapter(mod: Any, corpus: Any) -> list[tuple[str, Callable[[], Any]]]:
    """widgets.quotes: `prepare_quotes` once, then `filter_quotes(prepared=...)` per change."""
    import pandas as pd

    prepared = mod.prepare_quotes(corpus.quotes, corpus.articles)
    speaker = prepared["speaker"].dropna().value_counts().index[:1].tolist() or [mod.ALL]
    months = (pd.Period("2024-01", "M"), pd.Period("2024-12", "M"))
    return [
        ("widgets.quotes.filter_quotes(speaker=most frequent, kind=direct, months=2024)",
         lambda: mod.filter_quotes(corpus.quotes, speaker=speaker[0], kind="direct", months=months,
                                   prepared=prepared)),
        ("widgets.quotes.filter_quotes(search='rusia')",
         lambda: mod.filter_quotes(corpus.quotes, search="rusia", prepared=prepared)),
    ]


def _timeline_adapter(mod: Any, corpus: Any) -> list[tuple[str, Callable[[], Any]]]:
    """widgets.timeline: `filter_events(corpus, ...)` (its index is built on the first call)."""
    import pandas as pd

    ev = corpus.events
    actors = ev["actors"].explode().dropna().value_counts().index[:1].tolist() if len(ev) else []
    actor = actors[0] if actors else mod.ALL
    span = (pd.Period("2024-01", "M"), pd.Period("2024-12", "M"))
    return [
        (f"widgets.timeline.filter_events(actor=most frequent, date_range=2024)",
         lambda: mod.filter_events(corpus, actor=actor, date_range=span)),
    ]


WIDGET_ADAPTERS = {"quotes": _quotes_adapter, "timeline": _timeline_adapter}


# --------------------------------------------------------------------------- parts

def bench_html(repeat: int) -> dict[str, Any]:
    """ms/page of each HTML method on the kompas-html-2016 pages, ratios vs bare trafilatura."""
    folder = _root().parent / "shared" / "data" / "kompas-html-2016"
    pages = sorted(folder.glob("*.html")) if folder.is_dir() else []
    if not pages:
        return {"skipped": f"no pages in {folder}"}
    htmls = [p.read_text(encoding="utf-8", errors="replace") for p in pages]

    import lxml.html
    import trafilatura

    from kompaskit.readers import read_html

    def newspaper_parse(html: str):
        from newspaper import Article

        a = Article("")
        a.download(input_html=html)
        a.parse()
        return a

    methods: dict[str, Callable[[str], Any]] = {
        "kompaskit.read_html(trafilatura)": lambda h: read_html(h, engine="trafilatura"),
        "kompaskit.read_html(newspaper)": lambda h: read_html(h, engine="newspaper"),
        "trafilatura.bare_extraction(with_metadata)": lambda h: trafilatura.bare_extraction(h, with_metadata=True),
        "newspaper3k Article.parse()": newspaper_parse,
        "lxml.html.fromstring": lambda h: lxml.html.fromstring(h),
    }
    errors = {}
    for name, fn in methods.items():  # warm-up: imports, caches, first-call costs
        try:
            for h in htmls:
                fn(h)
        except Exception as exc:
            errors[name] = f"{type(exc).__name__}: {exc}"[:200]
    rounds: dict[str, list[float]] = {name: [] for name in methods if name not in errors}
    for _ in range(max(1, repeat)):
        for name in rounds:  # interleaved, so drift hits every method alike
            fn = methods[name]
            t = time.perf_counter()
            for h in htmls:
                fn(h)
            rounds[name].append((time.perf_counter() - t) / len(htmls))
    base = statistics.median(rounds["trafilatura.bare_extraction(with_metadata)"]) if \
        "trafilatura.bare_extraction(with_metadata)" in rounds else None
    rows = []
    for name, ts in rounds.items():
        ms = statistics.median(ts) * 1000
        rows.append({"method": name, "ms_per_page": round(ms, 3),
                     "ratio_vs_bare_trafilatura": round(ms / (base * 1000), 3) if base else None})
    return {"pages": [p.name for p in pages], "rounds": max(1, repeat), "methods": rows,
            "errors": errors}


def ensure_corpus(n: int, corpora: Path, seed: int) -> Path:
    """The synthetic corpus of `n` files (generated once, reused while the generator is unchanged)."""
    synth = _synth()
    folder = corpora / f"synth-{n}-s{seed}-v{synth.GENERATOR_VERSION}"
    done = folder / ".complete"
    if not done.exists():
        if folder.exists():
            shutil.rmtree(folder)
        t = time.perf_counter()
        synth.generate(folder, n, seed=seed)
        done.write_text(f"{n} files in {time.perf_counter() - t:.1f} s\n")
    return folder


def bench_build(sizes: list[int], corpora: Path, work: Path, jobs: int, seed: int,
                engine: str = "local") -> dict[str, Any]:
    runs = []
    for n in sizes:
        raw = ensure_corpus(n, corpora, seed)
        out = work / f"out-{n}"
        if out.exists():
            shutil.rmtree(out)
        res = _run_child(["build", str(raw), str(out), str(jobs), engine, "1"])
        secs = res["seconds"]
        res.update(n=n, jobs=jobs, engine=engine, raw=str(raw), out=str(out),
                   files_per_s=round(res["n_files"] / secs, 1) if secs else None,
                   articles_per_s=round(res["n_articles"] / secs, 1) if secs else None,
                   ms_per_file=round(secs / max(1, res["n_files"]) * 1000, 3),
                   cpu_ms_per_file=round(res["cpu_s"] / max(1, res["n_files"]) * 1000, 3))
        runs.append(res)
        print(f"  build {n}: {secs:.1f} s, {res['files_per_s']} files/s, "
              f"peak {res.get('peak_tree_rss_mb')} MB", file=sys.stderr)
    base = runs[0]["ms_per_file"] if runs else None
    cpu_base = runs[0]["cpu_ms_per_file"] if runs else None
    for r in runs:
        r["per_article_time_vs_smallest"] = round(r["ms_per_file"] / base, 3) if base else None
        # CPU time is less disturbed than wall time when other work shares the machine
        r["per_article_cpu_vs_smallest"] = round(r["cpu_ms_per_file"] / cpu_base, 3) if cpu_base else None
    return {"runs": runs}


def bench_rebuild(sizes: list[int], corpora: Path, work: Path, jobs: int, seed: int,
                  built: dict[int, Path], changed_max_n: int | None = None) -> dict[str, Any]:
    runs = []
    for n in sizes:
        raw = ensure_corpus(n, corpora, seed)
        out = built.get(n) or work / f"out-{n}"
        if not (out / "articles.parquet").exists():  # not built in this run: build (untimed)
            _run_child(["build", str(raw), str(out), str(jobs), "local", "1"])
        same = _run_child(["build", str(raw), str(out), str(jobs), "local", "0"])
        if changed_max_n is not None and n > changed_max_n:  # its memory is about 2x the build's
            runs.append({"n": n, "unchanged_s": same["seconds"],
                         "unchanged_up_to_date": same["up_to_date"],
                         "changed_1pct_s": None, "changed_files": 0, "changed_parsed": 0,
                         "peak_tree_rss_mb": same.get("peak_tree_rss_mb"),
                         "changed_skipped": f"n > --rebuild-changed-max {changed_max_n}"})
            print(f"  rebuild {n}: unchanged {same['seconds']:.2f} s (1% changed skipped)", file=sys.stderr)
            continue
        originals = {}
        files = sorted(raw.rglob("*.txt"))
        picked = random.Random(seed).sample(files, max(1, round(len(files) * 0.01)))
        for p in picked:
            originals[p] = p.read_bytes()
        try:
            for p in picked:  # edit 1%: one sentence added to the lead paragraph
                text = originals[p].decode("utf-8")
                m = DATELINE_RE.search(text)
                at = m.end() if m else len(text)
                p.write_text(text[:at] + "Berita ini diperbarui. " + text[at:], encoding="utf-8")
            changed = _run_child(["build", str(raw), str(out), str(jobs), "local", "0"])
        finally:
            for p, data in originals.items():  # leave the cached corpus as generated
                p.write_bytes(data)
        # the corpus is back to its original text: bring the tables back in line (untimed)
        _run_child(["build", str(raw), str(out), str(jobs), "local", "0"])
        runs.append({"n": n, "unchanged_s": same["seconds"], "unchanged_up_to_date": same["up_to_date"],
                     "changed_1pct_s": changed["seconds"], "changed_files": len(picked),
                     "changed_parsed": changed["n_parsed"],
                     "peak_tree_rss_mb": changed.get("peak_tree_rss_mb")})
        print(f"  rebuild {n}: unchanged {same['seconds']:.2f} s, 1% changed {changed['seconds']:.2f} s",
              file=sys.stderr)
    return {"runs": runs}


def bench_load(out: Path, repeat: int, rounds: int = LOAD_ROUNDS) -> dict[str, Any]:
    """`load()` in `rounds` fresh processes (median reported: a first touch of fresh memory
    varies several-fold on a virtual machine), the widget filters timed in the first."""
    res = _run_child(["load", str(out), str(repeat)])
    children = [res] + [_run_child(["load", str(out), "0"]) for _ in range(rounds - 1)]
    runs = [c["load_s"] for c in children]
    res.update(load_s=round(statistics.median(runs), 3), load_runs=runs, out=str(out),
               load_cpu=[{"user_s": c.get("user_s"), "sys_s": c.get("sys_s")} for c in children])
    return res


IMPORT_PROBE = (
    "import json, sys, time\n"
    "t = time.perf_counter()\n"
    "import kompaskit\n"
    "secs = time.perf_counter() - t\n"
    "heavy = sorted(m for m in %r if m in sys.modules)\n"
    "print(json.dumps({'import_s': secs, 'heavy_loaded': heavy}))\n" % (HEAVY_MODULES,)
)


def bench_import(repeat: int = 5) -> dict[str, Any]:
    """`import kompaskit` timed inside fresh interpreters (interpreter start-up not counted)."""
    runs = []
    for _ in range(max(1, repeat)):
        proc = subprocess.run([sys.executable, "-c", IMPORT_PROBE], capture_output=True, text=True,
                              cwd=str(_root()), timeout=120)
        if proc.returncode != 0:
            raise RuntimeError(f"import kompaskit failed: {proc.stderr.strip()[-2000:]}")
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    times = [r["import_s"] for r in runs]
    return {"best_s": round(min(times), 4), "median_s": round(statistics.median(times), 4),
            "heavy_loaded": runs[0]["heavy_loaded"], "runs": len(runs)}


def bench_analysers(corpora: Path, seed: int, n_articles: int, pfsa_sentences: int | None) -> dict[str, Any]:
    """extract_quotes on PFSA-ID dev; attribute()+graph on `n_articles`; parse_temporal paragraphs/s."""
    import pandas as pd

    from kompaskit import provenance, quotes, temporal
    from kompaskit.readers import read

    res: dict[str, Any] = {}
    dev = _root().parent / "shared" / "data" / "pfsa-id" / "dev.txt"
    if dev.exists():
        from kompaskit.evalquotes import detokenize, read_split

        sents = read_split(dev)
        if pfsa_sentences:
            sents = sents[:pfsa_sentences]
        text = detokenize(sents).text
        quotes.extract_quotes(text[:2000])  # warm-up: lexicons load once
        t = time.perf_counter()
        found = quotes.extract_quotes(text)
        secs = time.perf_counter() - t
        res["extract_quotes"] = {"chars": len(text), "sentences": len(sents), "seconds": round(secs, 3),
                                 "chars_per_s": round(len(text) / secs), "quotes": len(found)}
    else:
        res["extract_quotes"] = {"skipped": f"no {dev}"}

    raw = ensure_corpus(max(n_articles, 1), corpora, seed)
    arts = []
    for p in sorted(raw.rglob("*.txt"))[:n_articles]:
        try:
            arts.extend(read(p))
        except Exception:
            pass
    qs = [quotes.quotes_table(a) for a in arts]
    provenance.attribute(arts[0], qs[0])  # warm-up
    t = time.perf_counter()
    attrs = [provenance.attribute(a, q) for a, q in zip(arts, qs)]
    attr_s = time.perf_counter() - t
    table = pd.concat(attrs, ignore_index=True) if attrs else pd.DataFrame()
    articles = pd.DataFrame([{"article_id": a.article_id, "site": a.site} for a in arts])
    t = time.perf_counter()
    g = provenance.graph(SimpleNamespace(attributions=table, articles=articles,
                                         sources=provenance.sources_table()))
    graph_s = time.perf_counter() - t
    res["attribute_graph"] = {"articles": len(arts), "attribute_s": round(attr_s, 3),
                              "attribute_ms_per_article": round(attr_s / max(1, len(arts)) * 1000, 3),
                              "graph_s": round(graph_s, 3), "rows": len(table),
                              "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
    paras = [(p, a.published) for a in arts for p in a.paragraphs]
    temporal.parse_temporal(paras[0][0], paras[0][1])  # warm-up
    t = time.perf_counter()
    n_mentions = sum(len(temporal.parse_temporal(p, anchor)) for p, anchor in paras)
    secs = time.perf_counter() - t
    res["parse_temporal"] = {"paragraphs": len(paras), "seconds": round(secs, 3),
                             "paragraphs_per_s": round(len(paras) / secs, 1) if secs else None,
                             "mentions": n_mentions}
    return res


# --------------------------------------------------------------------------- report

def _status(ok: bool | None) -> str:
    return "-" if ok is None else ("PASS" if ok else "FAIL")


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every measured value beside its issue-7 target, with PASS / FAIL (`-` if no target)."""
    rows: list[dict[str, Any]] = []

    def add(part, measure, value, target, ok, unit=""):
        rows.append({"part": part, "measure": measure, "value": value, "unit": unit,
                     "target": target, "status": _status(ok)})

    parts = results["parts"]
    html = parts.get("html") or {}
    for m in html.get("methods", []):
        ratio = m["ratio_vs_bare_trafilatura"]
        is_target = m["method"] == "kompaskit.read_html(trafilatura)"
        add("html", f"{m['method']} ms/page (x bare trafilatura)",
            f"{m['ms_per_page']:.2f} ({ratio:.2f}x)" if ratio is not None else f"{m['ms_per_page']:.2f}",
            f"<= {TARGET_READ_HTML_RATIO}x" if is_target else "",
            (ratio <= TARGET_READ_HTML_RATIO) if is_target and ratio is not None else None)
    if "skipped" in html:
        add("html", "skipped", html["skipped"], "", None)
    build = (parts.get("build") or {}).get("runs", [])
    for r in build:
        n = r["n"]
        add("build", f"build {n} files: articles/s (files/s)",
            f"{r['articles_per_s']} ({r['files_per_s']})", f">= {TARGET_ARTICLES_PER_S:.0f}/s",
            r["articles_per_s"] is not None and r["articles_per_s"] >= TARGET_ARTICLES_PER_S)
        add("build", f"build {n} files: seconds", r["seconds"],
            f"<= {TARGET_100K_SECONDS:.0f} s at 100k" if n >= 100000 else "",
            (r["seconds"] <= TARGET_100K_SECONDS) if n >= 100000 else None, "s")
        rss = r.get("peak_tree_rss_mb")
        if rss is None:
            rss = r["maxrss_self_mb"] + r["jobs"] * r["maxrss_children_mb"]
        add("build", f"build {n} files: peak RSS (process tree)", rss,
            f"<= {TARGET_RSS_MB:.0f} MB", rss <= TARGET_RSS_MB, "MB")
        if "per_file_phase_s" in r:
            add("build", f"build {n} files: per-file phase / table assembly",
                f"{r['per_file_phase_s']} / {r['assembly_phase_s']}", "", None, "s")
        if "cpu_ms_per_file" in r:
            add("build", f"build {n} files: CPU ms per file (all processes)", r["cpu_ms_per_file"],
                "", None, "ms")
        if r is not build[0]:
            add("build", f"time/article at {n} vs {build[0]['n']}", r["per_article_time_vs_smallest"],
                f"<= {TARGET_LINEAR}", r["per_article_time_vs_smallest"] <= TARGET_LINEAR)
            cpu_ratio = r.get("per_article_cpu_vs_smallest")
            if cpu_ratio is not None:
                add("build", f"CPU time/article at {n} vs {build[0]['n']}", cpu_ratio,
                    f"<= {TARGET_LINEAR}", cpu_ratio <= TARGET_LINEAR)
    if build and max(r["n"] for r in build) < 100000:
        big = build[-1]
        est = big["seconds"] / big["n_files"] * 100000
        add("build", f"100k seconds, extrapolated from {big['n']} (not measured)", round(est, 1),
            f"<= {TARGET_100K_SECONDS:.0f} s", None, "s")
    for r in (parts.get("rebuild") or {}).get("runs", []):
        n = r["n"]
        is_big = n >= 100000
        add("rebuild", f"rebuild {n}, nothing changed", r["unchanged_s"],
            f"<= {TARGET_REBUILD_S:.0f} s at 100k" if is_big else "",
            (r["unchanged_s"] <= TARGET_REBUILD_S) if is_big else None, "s")
        if r["changed_1pct_s"] is not None:
            add("rebuild", f"rebuild {n}, 1% changed ({r['changed_files']} files)", r["changed_1pct_s"],
                "", None, "s")
    load = parts.get("load") or {}
    if "load_s" in load:
        n = load.get("rows", {}).get("articles", 0)
        is_big = n >= 90000
        runs = load.get("load_runs", [load["load_s"]])
        cpu = [c for c in load.get("load_cpu", []) if c.get("user_s") is not None]
        cpu_note = (f"; CPU user {min(c['user_s'] for c in cpu):.1f}-{max(c['user_s'] for c in cpu):.1f}, "
                    f"system {min(c['sys_s'] for c in cpu):.1f}-{max(c['sys_s'] for c in cpu):.1f} s"
                    if cpu else "")
        add("load", f"load() of {n} articles' tables, median of {len(runs)} fresh processes "
            f"(min {min(runs):.2f}, max {max(runs):.2f}{cpu_note})", load["load_s"],
            f"<= {TARGET_LOAD_S:.0f} s at 100k", (load["load_s"] <= TARGET_LOAD_S) if is_big else None, "s")
        for f in load.get("filters", []):
            widget = f.get("widget", True)
            ok = None if f["ms"] is None or not widget else f["ms"] <= TARGET_FILTER_MS
            label = "widget filter" if widget else "reference pandas mask"
            add("load", f"{label} {f['view']}: {f['what'][:52]}", f["ms"],
                f"<= {TARGET_FILTER_MS:.0f} ms" if widget else "(reference)", ok, "ms")
    an = parts.get("analysers") or {}
    eq = an.get("extract_quotes") or {}
    if "seconds" in eq:
        add("analysers", f"extract_quotes on PFSA-ID dev ({eq['chars']} chars)", eq["seconds"], "", None, "s")
    ag = an.get("attribute_graph") or {}
    if ag:
        add("analysers", f"attribute() on {ag['articles']} articles", ag["attribute_s"], "", None, "s")
        add("analysers", "graph() on those attributions", ag["graph_s"], "", None, "s")
    pt = an.get("parse_temporal") or {}
    if pt:
        add("analysers", "parse_temporal paragraphs/s", pt["paragraphs_per_s"], "", None, "/s")
    imp = parts.get("import") or {}
    if imp:
        add("import", "import kompaskit (fresh process, best of runs)", imp["best_s"],
            f"<= {TARGET_IMPORT_S} s", imp["best_s"] <= TARGET_IMPORT_S, "s")
        add("import", "heavy modules pulled in by import", ",".join(imp["heavy_loaded"]) or "none",
            "none of dask/newspaper/networkx/matplotlib",
            not (set(imp["heavy_loaded"]) & {"dask", "distributed", "newspaper", "networkx", "matplotlib"}))
    return rows


def format_table(rows: list[dict[str, Any]]) -> str:
    head = ("part", "measure", "value", "target", "status")
    cells = [head] + [(r["part"], r["measure"], f"{r['value']} {r['unit']}".strip(), r["target"], r["status"])
                      for r in rows]
    widths = [max(len(str(c[i])) for c in cells) for i in range(len(head))]
    lines = []
    for j, c in enumerate(cells):
        lines.append("  ".join(str(v).ljust(w) for v, w in zip(c, widths)).rstrip())
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="kompaskit bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=None, help="corpus sizes, e.g. 1000,10000,100000")
    ap.add_argument("--parts", default=",".join(PARTS), help=f"comma separated: {','.join(PARTS)}")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="build processes")
    ap.add_argument("--engine", choices=["local", "dask"], default="local")
    ap.add_argument("--repeat", type=int, default=None, help="rounds for HTML and filter timings")
    ap.add_argument("--quick", action="store_true", help="CI-sized run: tiny corpora, one round")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--results", default=None, help="JSON folder (default benchmarks/results)")
    ap.add_argument("--corpora", default=None, help="synthetic corpora folder (default <results>/corpora)")
    ap.add_argument("--work", default=None, help="keep the built tables here (default: a temp folder)")
    ap.add_argument("--rebuild-changed-max", type=int, default=None,
                    help="skip the 1%%-changed rebuild above this N (it needs about 2x the build's memory)")
    ap.add_argument("--analyse-articles", type=int, default=None, help="articles for attribute/temporal (1000)")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--"]:  # `kompaskit bench -- --quick`
        argv = argv[1:]
    args = ap.parse_args(argv)

    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        ap.error(f"unknown part(s) {sorted(unknown)}; choose from {','.join(PARTS)}")
    sizes = ([int(s) for s in args.sizes.split(",") if s.strip()] if args.sizes
             else list(QUICK_SIZES if args.quick else DEFAULT_SIZES))
    sizes = sorted(set(sizes))
    repeat = args.repeat or (1 if args.quick else 20)
    results_dir = Path(args.results) if args.results else _root() / "benchmarks" / "results"
    corpora = Path(args.corpora) if args.corpora else results_dir / "corpora"
    results_dir.mkdir(parents=True, exist_ok=True)
    corpora.mkdir(parents=True, exist_ok=True)
    n_analyse = args.analyse_articles or (min(40, sizes[0]) if args.quick else 1000)

    started = datetime.now(timezone.utc)
    results: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"), "machine": machine_info(),
        "args": {"sizes": sizes, "parts": parts, "jobs": args.jobs, "engine": args.engine,
                 "repeat": repeat, "quick": args.quick, "seed": args.seed}, "parts": {}}
    path = results_dir / f"bench-{started:%Y%m%dT%H%M%SZ}.json"

    def save() -> None:  # after every part, so a long run that dies still leaves its numbers
        results["targets"] = targets(results)
        path.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="kompaskit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        built: dict[int, Path] = {}
        if "import" in parts:
            print(f"bench {datetime.now():%H:%M:%S}: import", file=sys.stderr)
            results["parts"]["import"] = bench_import(3 if args.quick else 7)
            save()
        if "html" in parts:
            print(f"bench {datetime.now():%H:%M:%S}: html", file=sys.stderr)
            results["parts"]["html"] = bench_html(repeat)
            save()
        if "analysers" in parts:
            print(f"bench {datetime.now():%H:%M:%S}: analysers", file=sys.stderr)
            results["parts"]["analysers"] = bench_analysers(corpora, args.seed, n_analyse,
                                                            200 if args.quick else None)
            save()
        if "build" in parts:
            print(f"bench {datetime.now():%H:%M:%S}: build {sizes} with {args.jobs} job(s)", file=sys.stderr)
            results["parts"]["build"] = bench_build(sizes, corpora, work, args.jobs, args.seed, args.engine)
            built = {r["n"]: Path(r["out"]) for r in results["parts"]["build"]["runs"]}
            save()
        if "rebuild" in parts:
            print(f"bench {datetime.now():%H:%M:%S}: rebuild", file=sys.stderr)
            results["parts"]["rebuild"] = bench_rebuild(sizes, corpora, work, args.jobs, args.seed, built,
                                                        args.rebuild_changed_max)
            save()
        if "load" in parts:
            n = sizes[-1]
            out = work / f"out-{n}"
            if not (out / "articles.parquet").exists():
                print(f"bench {datetime.now():%H:%M:%S}: building {n} for load (untimed)", file=sys.stderr)
                _run_child(["build", str(ensure_corpus(n, corpora, args.seed)), str(out), str(args.jobs),
                            "local", "1"])
            print(f"bench {datetime.now():%H:%M:%S}: load", file=sys.stderr)
            results["parts"]["load"] = bench_load(out, repeat)
            save()
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    results["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    save()
    m = results["machine"]
    print(f"kompaskit bench on {m['cpu_count']} CPU(s), Python {m['python']}, {m['platform']}")
    print(format_table(results["targets"]))
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["_child"]:  # a measured child process (see `_run_child`)
        sys.exit(_child(sys.argv[2:]))
    sys.exit(main())
