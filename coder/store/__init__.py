"""The events dataset on disk: versioned, published by atomic symlink swap, incremental per article.

Public API:
    dataset_lock(root, run_id)            context manager; raises LockedError if another run holds DIR
    recover(root) -> list[str]            delete leftovers of killed runs (call under the lock)
    Transaction(root, run_id, versions, full_refresh=False, policy=CompactPolicy())
        .decide(article_id, content_hash) -> "code" | "skip" | "conflict"
        .add(table)                       stage event rows (a pyarrow table with `year`, `article_id`)
        .commit(compact=True) -> CommitResult    build and publish the next version
    compact_dataset(root, run_id, policy) -> CommitResult   merge small files of every partition now
    read_events(root) -> pyarrow.dataset.Dataset            the published dataset, with `year` as int32
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from coder.store import layout
from coder.store.compact import CompactPolicy
from coder.store.files import PARTITION_COLUMN, PARTITION_TYPE
from coder.store.layout import recover
from coder.store.lock import LockedError, dataset_lock
from coder.store.txn import CommitResult, Transaction, check_run_id

if TYPE_CHECKING:  # pyarrow.dataset imports pandas (~0.25 s): only readers pay for it
    import pyarrow.dataset as ds

__all__ = ["CompactPolicy", "CommitResult", "LockedError", "Transaction", "check_run_id", "compact_dataset",
           "dataset_lock", "partitioning", "read_events", "recover"]


def partitioning() -> ds.Partitioning:
    """The partitioning readers should pass to pyarrow so `year` comes back as int32 (null for no date)."""
    import pyarrow.dataset as ds

    return ds.partitioning(pa.schema([(PARTITION_COLUMN, PARTITION_TYPE)]), flavor="hive")


def read_events(root: str | Path) -> ds.Dataset:
    """Open the published dataset through a resolved snapshot of DIR/events."""
    import os

    import pyarrow.dataset as ds
    events = os.path.realpath(Path(root) / layout.EVENTS)
    return ds.dataset(events, format="parquet", partitioning=partitioning())


def compact_dataset(root: str | Path, run_id: str, versions: dict[str, str] | None = None,
                    policy: CompactPolicy = CompactPolicy()) -> CommitResult:
    """Merge the small files of every partition into a new version (the caller holds the lock)."""
    txn = Transaction(root, run_id, versions or {}, policy=policy)
    if txn.base is None:
        txn.abort()
        return CommitResult(version=None, previous=None)
    return txn.commit(force_compact=True)
