"""Run the build's per-file work on Dask: a bag over chunks of raw files.

`builder.build(..., engine="dask", scheduler=ADDRESS)` calls :func:`run_chunks`; every chunk is a
list of ``(path, raw_path, sha)`` and is processed by the same pure function as the default
engine (`pipeline.process_chunk`), so the tables are identical. The frames come back to the client
in chunk order and `builder.build` writes the Parquet tables from them as usual.

With ``scheduler=None`` a `distributed.LocalCluster` (2 worker processes, 1 thread each, no
dashboard) is started for the run and closed after it. With an address (``tcp://host:8786``) the
run uses that existing cluster; its workers must see the raw files at the same paths (a shared
filesystem) and have kompaskit installed. Dask is imported here only, never by ``import kompaskit``.
"""
from __future__ import annotations

import logging
from typing import Any, Sequence

import pandas as pd

from .pipeline import process_chunk

Task = tuple[str, str, str]


def _local_cluster(n_workers: int = 2):
    from distributed import LocalCluster

    return LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                        dashboard_address=None, silence_logs=logging.ERROR)


def run_chunks(chunks: Sequence[Sequence[Task]], scheduler: str | Any | None = None,
               html_engine: str = "trafilatura") -> list[dict[str, pd.DataFrame]]:
    """Process `chunks` of ``(path, raw_path, sha)`` on Dask; one result dict per chunk, in order.

    `scheduler`: None (a LocalCluster for this run), a scheduler address, or a
    `distributed.Client` to reuse.
    """
    if not chunks:
        return []
    try:
        import dask.bag as db
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("the dask engine needs the extra: pip install 'kompaskit[dask]'") from exc

    bag = db.from_sequence([list(c) for c in chunks], npartitions=len(chunks))
    # one chunk per partition; bag order follows partition order, so results keep chunk order
    results = bag.map(process_chunk, html_engine=html_engine)

    if scheduler is not None and not isinstance(scheduler, str):  # an existing Client
        return list(scheduler.compute(results, sync=True))
    cluster = _local_cluster() if scheduler is None else None
    try:
        with Client(cluster if cluster is not None else scheduler,
                    set_as_default=False) as client:
            return list(client.compute(results, sync=True))
    finally:
        if cluster is not None:
            cluster.close()
