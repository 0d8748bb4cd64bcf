"""Dask engine (optional extra `coder[dask]`): a cluster you name, or a LocalCluster started and closed here.

On an existing cluster (dask-ssh, dask-kubernetes, dask-yarn, ...) the workers need this package installed at
the same version; only batches of articles and their results travel, the output directory is written by the
client, so workers need no access to it.
"""
from __future__ import annotations

import logging
from typing import Callable, Iterable, Iterator, TypeVar

from coder.engine.ordered import bounded_ordered

T = TypeVar("T")
R = TypeVar("R")


def map_dask(fn: Callable[[T], R], batches: Iterable[T], *, workers: int | None, scheduler: str | None,
             in_flight: int | None) -> Iterator[R]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("engine 'dask' needs the optional extra: pip install 'coder[dask]'") from None
    from coder.engine import default_workers

    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        n = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 1))
        limit = in_flight or 2 * n
        def submit(batch):
            # scatter first: the batch goes straight to a worker instead of into the task graph, which the
            # scheduler would otherwise keep in its task records (client memory grew ~6 KB per article)
            data = client.scatter(batch, hash=False)
            return client.submit(fn, data, pure=False)

        yield from bounded_ordered(submit, lambda f: f.result(), batches, limit, cancel=lambda f: f.cancel())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
