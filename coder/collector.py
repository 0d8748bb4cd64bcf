"""Pausing Python's cyclic garbage collector around work that makes many objects and no reference cycles.

Coding a batch makes ~100k objects (sentences, traces, candidates, mentions, rows) that live until the batch
ends and are then freed by reference counting. With the collector on, every one of them was scanned at
least once while it lived (~7% of a run). `paused()` turns it off for such a stretch and back on after, so
it then scans only what outlives the stretch; tests check that coding a batch leaves no cycles behind.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside the block, and back as it was after it (also on an exception); nests."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
