"""Run one pure function over a stream of batches: in this process, in local processes, or on Dask.

    map_batches(fn, batches, *, engine="local", workers=None, scheduler=None, in_flight=None) -> Iterator[R]

Results come back in input order. At most `in_flight` batches (default 2 x workers) are submitted and not yet
consumed, so memory stays flat however long the input stream is. `fn` and the batches must pickle.
`workers=None` means the CPUs this process may use (os.sched_getaffinity). workers=1 with the local engine
runs in-process (no pickling). Dask is an optional extra and is imported only when engine="dask".
"""
from __future__ import annotations

import os
import socket
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")


def default_workers() -> int:
    """The CPUs this process may run on (respects taskset/cgroup affinity, unlike os.cpu_count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def worker_id() -> str:
    """Identity of the process running a task (host:pid), for results to carry."""
    return f"{socket.gethostname()}:{os.getpid()}"


def map_batches(fn: Callable[[T], R], batches: Iterable[T], *, engine: str = "local", workers: int | None = None,
                scheduler: str | None = None, in_flight: int | None = None) -> Iterator[R]:
    """Apply `fn` to every batch on the chosen engine and yield the results in order."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if scheduler is not None and engine != "dask":
        raise ValueError("a scheduler address only makes sense with engine='dask'")
    if engine == "dask":
        from coder.engine.daskrun import map_dask
        return map_dask(fn, batches, workers=workers, scheduler=scheduler, in_flight=in_flight)
    from coder.engine.local import map_local
    n = workers or default_workers()
    return map_local(fn, batches, workers=n, in_flight=in_flight or 2 * n)
