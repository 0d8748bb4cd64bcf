"""Single-core throughput of `coder run`, timed as whole processes at several input sizes.

usage: python bench/single_core.py [MB ...]   (default: 10 25 50)

Builds bench/data/dev-<MB>.jsonl with corpus_from_dev.py if missing, runs
`coder run FILE --out DIR --workers 1 --quiet` under /usr/bin/time-like accounting (wall clock and the peak
RSS of the child), and prints MB/s, articles/s and peak memory per size, plus a JSON line for the notes.
MB per CPU second (user + system time of the child) is printed too: on a busy machine it is the steadier figure.
The package is byte-compiled first, as pip does when it installs it.
"""
from __future__ import annotations

import json
import os
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
    sizes = [float(x) for x in sys.argv[1:]] or [10.0, 25.0, 50.0]
    # an installed package runs from bytecode that pip compiled at install time; the source tree would be
    # recompiled by every process when PYTHONDONTWRITEBYTECODE is set (~0.1-0.2 s each), so compile it first
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "coder")], check=True)
    results = []
    for mb in sizes:
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
        r = {"mb": round(size / 1e6, 1), "articles": n_articles, "events": summary["counts"]["events"],
             "seconds": round(wall, 1), "mb_per_s": round(size / 1e6 / wall, 2),
             "cpu_seconds": round(cpu, 1), "mb_per_cpu_s": round(size / 1e6 / cpu, 2),
             "articles_per_s": round(n_articles / wall, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}
        results.append(r)
        print(f"{r['mb']:>6} MB {r['articles']:>7} articles {r['events']:>7} events {r['seconds']:>7} s "
              f"{r['mb_per_s']:>6} MB/s ({r['mb_per_cpu_s']} MB per CPU s) {r['articles_per_s']:>7} art/s "
              f"peak {r['peak_rss_mb']} MB", flush=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
