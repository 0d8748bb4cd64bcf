"""Where things live in an output directory, and the atomic moves between them.

    DIR/events -> .versions/000007/events   symlink; the only path readers use
    DIR/.versions/<n>/events/year=2020/*.parquet, year=__HIVE_DEFAULT_PARTITION__/*.parquet
    DIR/.versions/<n>/index.parquet         article index of version n (switches with the events)
    DIR/.versions/<n>/VERSION.json          written last inside the version, before it is renamed in
    DIR/.staging/<run-id>/                  work area of a running run; never visible to readers
    DIR/runs/<run-id>.json, DIR/rejects/<run-id>.jsonl, DIR/dropped/<run-id>.jsonl, DIR/.lock

Publication: a version is built complete under .staging, fsynced, renamed to .versions/<n>, then a new
symlink is os.replace()d onto DIR/events (rename(2) is atomic). Parquet files are immutable and every file
name is unique for all time (it carries the version number it was first published in), so a name seen in a
listing always means the same bytes: a reader that lists DIR/events sees exactly one version's files, never a
partial, stale or doubled file. A reader that wants a fixed snapshot across several listings resolves the link
once (os.path.realpath(DIR/events)); previous versions are kept for a grace period for such readers.
Recovery (under the lock): .staging and any version newer than the one DIR/events points to are leftovers of
a killed run and are deleted; the previous dataset was never touched.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

EVENTS = "events"
VERSIONS = ".versions"
STAGING = ".staging"
INDEX = "index.parquet"
VERSION_FILE = "VERSION.json"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


def version_name(n: int) -> str:
    return f"{n:06d}"


def current_version(root: Path) -> int | None:
    """The version DIR/events points to, or None for a new directory."""
    link = root / EVENTS
    if not link.exists() and not link.is_symlink():
        return None
    if not link.is_symlink():
        raise RuntimeError(
            f"{link} is a plain directory, not the symlink this coder publishes through; "
            "move it away (or use a fresh --out DIR) and rerun")
    target = Path(os.readlink(link))  # relative: .versions/000007/events
    try:
        return int(target.parent.name)
    except ValueError:
        raise RuntimeError(f"{link} points to {target}, which is not a coder version; fix or remove the link") from None


def version_dir(root: Path, n: int) -> Path:
    return root / VERSIONS / version_name(n)


def list_versions(root: Path) -> list[int]:
    d = root / VERSIONS
    if not d.is_dir():
        return []
    return sorted(int(p.name) for p in d.iterdir() if p.name.isdigit())


def fsync_path(path: Path) -> None:
    """fsync a file or a directory so a rename or link that follows survives a crash."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(top: Path) -> None:
    """fsync every file and directory under `top` (files first, then their directories)."""
    for dirpath, _dirs, files in os.walk(top, topdown=False):
        for f in files:
            fsync_path(Path(dirpath) / f)
        fsync_path(Path(dirpath))


def swap_events_link(root: Path, n: int) -> None:
    """Point DIR/events at version n in one atomic rename."""
    tmp = root / f".events.tmp-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.join(VERSIONS, version_name(n), EVENTS), tmp)
    os.replace(tmp, root / EVENTS)
    fsync_path(root)


def recover(root: Path) -> list[str]:
    """Delete what a killed run left behind. Call only while holding the lock. Returns what was removed."""
    root = Path(root)
    removed: list[str] = []
    staging = root / STAGING
    if staging.exists():
        shutil.rmtree(staging)
        removed.append(STAGING)
    for p in root.glob(".events.tmp-*"):
        p.unlink()
        removed.append(p.name)
    cur = current_version(root)
    for n in list_versions(root):
        if cur is None or n > cur:
            shutil.rmtree(version_dir(root, n))
            removed.append(f"{VERSIONS}/{version_name(n)}")
    return removed


def prune_versions(root: Path, keep_seconds: float, now: float | None = None) -> list[int]:
    """Drop old versions: keep the current one, the one before it, and any replaced less than keep_seconds ago.

    A version stops being current when its successor is published, so the successor's mtime is the moment
    readers stopped being sent to it.
    """
    root = Path(root)
    now = time.time() if now is None else now
    cur = current_version(root)
    if cur is None:
        return []
    versions = [n for n in list_versions(root) if n < cur]
    dropped = []
    for i, n in enumerate(versions):
        if n == versions[-1]:
            break  # the immediately previous version is always kept
        successor = versions[i + 1]
        replaced_at = version_dir(root, successor).stat().st_mtime
        if now - replaced_at >= keep_seconds:
            shutil.rmtree(version_dir(root, n))
            dropped.append(n)
    return dropped
