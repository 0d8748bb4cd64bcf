"""Test hook: `CODER_PAUSE_AT=<stage>` makes a run stop at that stage so a test can SIGKILL it there.

Stages, in order: writing (the first rows are staged on disk, more batches to come), staged (all staged files written),
compacting (merged files written, small files not yet dropped), publishing (the new version directory is
complete, before the symlink swap), published (after the swap, before cleanup and the run summary).
The process prints `coder: paused at <stage> (pid N)` on stderr and sleeps CODER_PAUSE_SECONDS (default 600).
"""
from __future__ import annotations

import os
import sys
import time

STAGES = ("writing", "staged", "compacting", "publishing", "published")


def pause_requested(stage: str) -> bool:
    return os.environ.get("CODER_PAUSE_AT") == stage


def pause_point(stage: str) -> None:
    """Sleep here if CODER_PAUSE_AT names this stage; a no-op otherwise (one getenv)."""
    if os.environ.get("CODER_PAUSE_AT") != stage:
        return
    print(f"coder: paused at {stage} (pid {os.getpid()})", file=sys.stderr, flush=True)
    time.sleep(float(os.environ.get("CODER_PAUSE_SECONDS", "600")))
