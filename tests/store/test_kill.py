"""SIGKILL at every stage leaves the previous dataset intact and readable; the next run completes the work.
Also: a second run while one holds the lock fails at once with the lock message."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from coder.store import LockedError, dataset_lock, read_events
from store_helpers import dataset_rows, event_files, run_once, snapshot

HOLD = str(Path(__file__).parent / "_hold.py")
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


def start(root: Path, run_id: str, spec: list, stage: str | None, max_files: int = 1) -> subprocess.Popen:
    env = dict(ENV)
    if stage:
        env["CODER_PAUSE_AT"] = stage
    return subprocess.Popen([sys.executable, HOLD, str(root), run_id, json.dumps(spec), str(max_files)],
                            env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def wait_paused(p: subprocess.Popen, stage: str) -> None:
    line = p.stderr.readline()
    if line.strip() != f"coder: paused at {stage} (pid {p.pid})":
        p.kill()  # before reading the rest: a paused child would hold stderr open for its whole pause
        pytest.fail(f"expected the pause line on stderr, got {line!r}; then: {p.stderr.read()!r}")


FIRST = [["a", "h1", [2020, 2021]], ["b", "h1", [2020]]]
# edits a, adds c; partition 2020 then holds 2 files > max_files 1, so the run also compacts
SECOND = [["a", "h2", [2020]], ["b", "h1", [2020]], ["c", "h1", [2020, None]]]


@pytest.mark.parametrize("stage", ["writing", "staged", "compacting", "publishing", "published"])
def test_sigkill_at_each_stage(tmp_path, stage):
    ref = tmp_path / "ref"
    run_once(ref, "r1", FIRST)
    run_once(ref, "r2", SECOND)
    root = tmp_path / "out"
    run_once(root, "r1", FIRST)
    before_rows, before_bytes = dataset_rows(root), snapshot(root)

    p = start(root, "r2", SECOND, stage)
    wait_paused(p, stage)
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    if stage == "published":  # the swap happened: readers see the complete new dataset
        assert dataset_rows(root) == dataset_rows(ref)
    else:
        assert dataset_rows(root) == before_rows
        assert snapshot(root) == before_bytes

    p = start(root, "r2", SECOND, None)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 0, err
    assert dataset_rows(root) == dataset_rows(ref)
    assert not (root / ".staging").exists() or not any((root / ".staging").iterdir())
    event_ids = [r["event_id"] for r in read_events(root).to_table().to_pylist()]
    assert sorted(event_ids) == ["a-h2-0", "b-h1-0", "c-h1-0", "c-h1-1"]


def test_second_run_fails_at_once_while_the_first_holds_the_lock(tmp_path):
    p = start(tmp_path, "first", FIRST, "staged")
    wait_paused(p, "staged")
    try:
        with pytest.raises(LockedError) as e:
            with dataset_lock(tmp_path, "second"):
                pass
        assert str(e.value) == (
            f"{tmp_path}: another coder run holds the lock {tmp_path}/.lock (pid {p.pid}, run-id first, since "
            f"{json.loads((tmp_path / '.lock').read_text())['since']}); wait for it to finish (the lock is released "
            "when it exits or is killed) and retry")
    finally:
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
    with dataset_lock(tmp_path, "third"):  # a killed holder leaves no lock behind
        pass
    assert event_files(tmp_path) == []
