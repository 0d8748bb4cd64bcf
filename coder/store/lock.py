"""An OS file lock (flock) on DIR/.lock so that only one run or compaction touches a dataset at a time.

flock is released by the kernel when the process dies (SIGKILL included), so a killed run never leaves a
stale lock behind; the lock file itself is harmless and is reused.
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LOCK_NAME = ".lock"


class LockedError(Exception):
    """Another process holds the dataset lock. The CLI maps this to exit code 3."""


@contextmanager
def dataset_lock(root: str | Path, run_id: str) -> Iterator[Path]:
    """Hold the exclusive lock on `root` for the duration of the block, or raise LockedError at once."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            raise LockedError(
                f"{root}: another coder run holds the lock {path}{holder}; "
                "wait for it to finish (the lock is released when it exits or is killed) and retry"
            ) from None
        info = json.dumps({"pid": os.getpid(), "run_id": run_id,
                           "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
        os.ftruncate(fd, 0)
        os.pwrite(fd, info.encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _read_holder(fd: int) -> str:
    """Describe the lock holder from what it wrote into the lock file (best effort, for the message)."""
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode() or "{}")
    except (OSError, ValueError):
        return ""
    if not info:
        return ""
    return f" (pid {info.get('pid')}, run-id {info.get('run_id')}, since {info.get('since')})"
