"""The Dask engine and the process pool give the same tables as the default serial build."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kompaskit import corpus





@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory: pytest.TempPathFactory, seed_path: Path, synth) -> Path:
    """data/raw's seed, 40 synthetic variants of it (with amp/beta duplicates) and one bad file."""
    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(seed_path, raw / seed_path.name)
    synth.generate(raw / "synth", 40, seed=3, dup_rate=0.15)
    (raw / "rusak.bin").write_bytes(bytes(range(256)) * 16)  # recorded in `errors`, not fatal
    return raw


@pytest.fixture(scope="module")
def serial(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> corpus.Corpus:
    out = tmp_path_factory.mktemp("serial")
    corpus.build(raw_dir, out, jobs=1, progress=False)
    return corpus.load(out)


def _assert_same_tables(a: corpus.Corpus, b: corpus.Corpus) -> None:
    for name in corpus.FINAL_TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_serial_build_is_not_trivial(serial: corpus.Corpus) -> None:
    # the equality tests below only mean something if the tables have rows to compare
    assert len(serial.articles) >= 30
    assert serial.articles["duplicate_paths"].map(len).sum() >= 1  # amp/beta copies merged
    assert len(serial.paragraphs) > 10 * len(serial.articles) / 2
    assert len(serial.quotes) > 0 and len(serial.mentions) > 0
    assert (serial.errors["raw_path"].str.endswith("rusak.bin")).any()


def test_jobs_2_equals_jobs_1(raw_dir: Path, serial: corpus.Corpus, tmp_path: Path) -> None:
    # 42 files = 3 chunks of corpus.CHUNK, so the pool really runs several tasks
    assert len(corpus.list_raw_files(raw_dir)) > 2 * corpus.CHUNK
    corpus.build(raw_dir, tmp_path, jobs=2, progress=False)
    _assert_same_tables(serial, corpus.load(tmp_path))


@pytest.mark.slow
def test_dask_local_cluster_equals_default(raw_dir: Path, serial: corpus.Corpus, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    report = corpus.build(raw_dir, tmp_path, engine="dask", progress=False)  # its own LocalCluster
    assert report.n_parsed == report.n_files
    _assert_same_tables(serial, corpus.load(tmp_path))


@pytest.mark.slow
def test_dask_existing_scheduler_equals_default(raw_dir: Path, serial: corpus.Corpus,
                                                tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from kompaskit.daskengine import run_chunks

    files = corpus.list_raw_files(raw_dir)
    tasks = [(str(p), p.as_posix(), corpus.sha256_file(p)) for p in files]
    chunks = [tasks[i:i + 5] for i in range(0, len(tasks), 5)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        assert len(cluster.workers) == 2
        corpus.build(raw_dir, tmp_path, engine="dask", scheduler=cluster.scheduler_address,
                     progress=False)
        with distributed.Client(cluster) as client:
            remote = run_chunks(chunks, scheduler=client)
    _assert_same_tables(serial, corpus.load(tmp_path))
    # results come back one per chunk, in chunk order, equal to running the chunk here
    assert len(remote) == len(chunks)
    for chunk, got in zip(chunks, remote):
        want = corpus.process_chunk(chunk)
        assert list(got) == list(want)
        for name in want:
            # per-chunk results are Arrow tables typed by the schema
            assert got[name].equals(want[name]), name


def test_run_chunks_empty_input() -> None:
    from kompaskit.daskengine import run_chunks

    assert run_chunks([]) == []


def test_dask_not_imported_by_kit() -> None:
    code = ("import sys, kompaskit, kompaskit.corpus, kompaskit.daskengine; "
            "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
