"""Single-core throughput of `coder run`, timed as whole processes at several input sizes.

usage: python bench/single_core.py [MB ...] [--repeat N]   (default: 10 25 50, once)

Builds bench/data/dev-<MB>.jsonl with corpus_from_dev.py if missing, runs
`coder run FILE --out DIR --workers 1 --quiet` under /usr/bin/time-like accounting (wall clock and the peak
RSS of the child), and prints MB/s, articles/s and peak memory per size, plus a JSON line for the notes.
MB per CPU second (user + system time of the child) is printed too: on a busy machine it is the steadier figure.
The package is byte-compiled first, as pip does when it installs it.
With --repeat N every size is run N times, the sizes taking turns (so that a slow spell of a shared machine
falls on all of them), and the median and the best run of each size are printed as well.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=float, help="input sizes in MB (default: 10 25 50)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size, the sizes taking turns")
    args = ap.parse_args()
    sizes = args.sizes or [10.0, 25.0, 50.0]
    # an installed package runs from bytecode that pip compiled at install time; the source tree would be
    # recompiled by every process when PYTHONDONTWRITEBYTECODE is set (~0.1-0.2 s each), so compile it first
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "coder")], check=True)
    results = []
    for _ in range(args.repeat):
        for mb in sizes:
            results.append(_run_once(mb))
    if args.repeat > 1:
        for mb in sizes:
            runs = [r for r in results if r["target_mb"] == mb]
            rates = [r["mb_per_s"] for r in runs]
            print(f"{runs[0]['mb']:>6} MB  median {statistics.median(rates):.2f} MB/s  best {max(rates):.2f}  "
                  f"worst {min(rates):.2f}  over {len(rates)} runs; peak RSS up to "
                  f"{max(r['peak_rss_mb'] for r in runs)} MB", flush=True)
    print(json.dumps(results))


def _run_once(mb: float) -> dict:
    src = DATA / f"dev-{mb:g}.jsonl"
    if not src.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "corpus_from_dev.py"), str(mb), str(src)], check=True)
    n_articles = sum(1 for _ in src.open(encoding="utf-8"))
    size = src.stat().st_size
    out = Path(tempfile.mkdtemp(prefix="coder-bench-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "coder", "run", str(src), "--out", str(out), "--workers", "1", "--quiet"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    assert status == 0, f"coder run failed with status {status}"
    summary = json.loads(next((out / "runs").glob("*.json")).read_text())
    shutil.rmtree(out)
    cpu = usage.ru_utime + usage.ru_stime
    r = {"target_mb": mb, "mb": round(size / 1e6, 1), "articles": n_articles, "events": summary["counts"]["events"],
         "seconds": round(wall, 1), "mb_per_s": round(size / 1e6 / wall, 2),
         "cpu_seconds": round(cpu, 1), "mb_per_cpu_s": round(size / 1e6 / cpu, 2),
         "articles_per_s": round(n_articles / wall, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}
    print(f"{r['mb']:>6} MB {r['articles']:>7} articles {r['events']:>7} events {r['seconds']:>7} s "
          f"{r['mb_per_s']:>6} MB/s ({r['mb_per_cpu_s']} MB per CPU s) {r['articles_per_s']:>7} art/s "
          f"peak {r['peak_rss_mb']} MB", flush=True)
    return r


if __name__ == "__main__":
    main()
