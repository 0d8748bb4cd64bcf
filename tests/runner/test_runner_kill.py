"""The real CLI in subprocesses: SIGKILL during a run leaves the previous dataset; the next run completes; the lock."""
from __future__ import annotations

import os
import signal

import pytest

from coder.runner import RunConfig, run

from runner_helpers import cli, record, rows, run_proc, start, write_jsonl


@pytest.mark.parametrize("stage", ["writing", "publishing"])
def test_sigkill_mid_run_keeps_the_previous_dataset_and_the_next_run_completes(tmp_path, stage):
    first = write_jsonl(tmp_path / "a.jsonl", [record(i) for i in range(8)])
    both = write_jsonl(tmp_path / "b.jsonl", [record(i) for i in range(16)])
    ref, out = tmp_path / "ref", tmp_path / "out"
    assert run(RunConfig(inputs=[first], out=str(out), workers=1, run_id="r1")).exit_code == 0
    before = rows(out)
    assert before

    p = start(cli(both, out, "r2"), pause_at=stage)
    line = p.stderr.readline()
    assert line.strip() == f"coder: paused at {stage} (pid {p.pid})"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    assert rows(out) == before
    assert '"status": "running"' in (out / "runs" / "r2.json").read_text()

    done = run_proc(cli(both, out, "r2"))
    assert done.returncode == 0, done.stderr
    # the reference is coded by the same kind of process right after, so both see the same rules on disk
    assert run_proc(cli(both, ref, "ref")).returncode == 0
    assert rows(out) == rows(ref)
    assert len({r["event_id"] for r in rows(out)}) == len(rows(out))


def test_a_second_run_exits_with_the_lock_message_and_code_3(tmp_path):
    inp = write_jsonl(tmp_path / "a.jsonl", [record(i) for i in range(4)])
    out = tmp_path / "out"
    p = start(cli(inp, out, "first"), pause_at="staged")
    try:
        assert p.stderr.readline().strip() == f"coder: paused at staged (pid {p.pid})"
        second = run_proc(cli(inp, out, "second"))
        assert second.returncode == 3
        assert second.stderr.startswith(f"Error: {out}: another coder run holds the lock {out}/.lock (pid {p.pid}, "
                                        "run-id first, since ")
        assert not (out / "runs" / "second.json").exists()
    finally:
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
