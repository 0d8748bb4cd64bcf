"""Local engine: a process pool (forkserver start: no inherited threads or locks), or in-process for 1 worker."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

from coder.engine.ordered import bounded_ordered

T = TypeVar("T")
R = TypeVar("R")


def map_local(fn: Callable[[T], R], batches: Iterable[T], *, workers: int, in_flight: int) -> Iterator[R]:
    if workers == 1:
        for b in batches:
            yield fn(b)
        return
    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        yield from bounded_ordered(lambda b: pool.submit(fn, b), lambda f: f.result(), batches,
                                   max(in_flight, workers), cancel=lambda f: f.cancel())
