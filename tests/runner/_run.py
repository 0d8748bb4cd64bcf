"""Test helper: one coder run in its own process, exit code as the CLI gives it.

usage: python _run.py OUT RUN_ID WORKERS ENGINE INPUT...   (RUN_ID '-' for a generated one)
"""
import sys

from coder.runner import EXIT_LOCKED, LockedError, RunConfig, run

if __name__ == "__main__":
    out, run_id, workers, engine, *inputs = sys.argv[1:]
    try:
        s = run(RunConfig(inputs=inputs, out=out, run_id=None if run_id == "-" else run_id,
                          workers=int(workers), engine=engine, batch_articles=4))
    except LockedError as e:
        print(f"coder: {e}", file=sys.stderr)
        sys.exit(EXIT_LOCKED)
    print(s.to_json())
    if s.exit_code:
        print(f"coder: {s.message}", file=sys.stderr)
    sys.exit(s.exit_code)
