"""Inputs and process helpers for runner tests: hand-written news records, a run in a real subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as ds

from coder.store import partitioning

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

SENTENCES = [
    "Russian warplanes carried out airstrikes on Saraqib in Idlib province on Monday, killing five civilians.",
    "Turkey deployed hundreds of troops to the Syrian border near Kilis on Tuesday.",
    "The warring parties in Libya agreed to a ceasefire in Tripoli on Wednesday.",
    "Protesters blocked the main road in Beirut with burning tyres on Thursday.",
    "Syrian government aircraft bombed the town of Ariha in Idlib on Friday, killing three people.",
]
FILLER = "Markets were calm and the weather was mild across the region."


def record(i: int, prefix: str = "art", edit: str = "") -> dict:
    year = 2019 + i % 3
    body = " ".join([SENTENCES[i % len(SENTENCES)], FILLER, SENTENCES[(i + 2) % len(SENTENCES)]])
    return {"id": f"{prefix}-{i:03d}", "title": f"Report {i}", "published": f"{year}-03-{1 + i % 27:02d}",
            "source": "Test Wire", "text": (body + " " + edit).strip() if i % 7 else FILLER}


def write_jsonl(path: Path, records: list[dict], extra_lines: list[str] = ()) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + "".join(x + "\n" for x in extra_lines))
    return str(path)


def rows(out: Path) -> list[dict]:
    """All published rows, sorted by event_id (every column, `year` as int32)."""
    events = os.path.realpath(out / "events")
    t = ds.dataset(events, format="parquet", partitioning=partitioning()).to_table()
    return sorted(t.to_pylist(), key=lambda r: r["event_id"])


def cli(inp: str, out: Path, run_id: str) -> list[str]:
    """The real command line: `python -m coder run INPUT --out DIR --run-id ID` (1 worker, small batches)."""
    return [sys.executable, "-m", "coder", "run", inp, "--out", str(out), "--run-id", run_id, "--workers", "1",
            "--batch-articles", "4", "--quiet"]


def start(args: list[str], pause_at: str | None = None) -> subprocess.Popen:
    env = dict(ENV)
    if pause_at:
        env["CODER_PAUSE_AT"] = pause_at
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def run_proc(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=ENV, capture_output=True, text=True, timeout=180, cwd=ROOT)
