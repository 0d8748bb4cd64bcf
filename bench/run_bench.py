"""Throughput and memory benchmark of `coder run` on 1 and 2 local workers and Dask with 2 workers.

usage: python bench/run_bench.py [INPUT=bench/data/news.jsonl] [CONFIGS=local:1,local:2,dask:2] [NAME]
Each configuration codes INPUT into a fresh output directory in its own process tree; a sampler reads the
RSS of every process in the tree (psutil, 4 times a second). Reported: MB/s and articles/s over the whole run
(start-up included), peak RSS per process, and the largest RSS at each quarter of the run (flat = no growth).
Results go to bench/results/bench.json (bench-<configs>.json with CONFIGS, NAME.json with NAME).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ONE = """
import json, sys
from coder.runner import RunConfig, run
s = run(RunConfig(inputs=[sys.argv[1]], out=sys.argv[2], workers=int(sys.argv[3]), engine=sys.argv[4]))
import resource
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"exit_code": s.exit_code, "message": s.message, "counts": s.counts, "durations": s.durations,
                  "workers_seen": s.engine.get("workers_seen"), "client_cpu_s": round(ru.ru_utime + ru.ru_stime, 1)}))
"""


def tree(p: psutil.Process) -> list[psutil.Process]:
    try:
        return [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def bench_one(inp: str, engine: str, workers: int) -> dict:
    out = HERE / "data" / f"out-{Path(inp).stem}-{engine}-{workers}"  # per input: benches can run side by side
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", ONE, inp, str(out), str(workers), engine], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peak: dict[int, tuple[str, int]] = {}
    series: list[tuple[float, int]] = []  # (seconds, largest RSS of any process in the tree)
    while proc.poll() is None:
        biggest = 0
        for p in tree(root):
            try:
                rss = p.memory_info().rss
                name = " ".join(p.cmdline()[:3])[:60]
            except psutil.Error:
                continue
            biggest = max(biggest, rss)
            if rss > peak.get(p.pid, ("", 0))[1]:
                peak[p.pid] = (name, rss)
        series.append((time.perf_counter() - t0, biggest))
        time.sleep(0.25)
    wall = time.perf_counter() - t0
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{engine}:{workers} failed ({proc.returncode}): {stderr[-2000:]}")
    summary = json.loads(stdout.strip().splitlines()[-1])
    size = os.path.getsize(inp)
    quarters = []
    for q in (0.25, 0.5, 0.75, 1.0):
        window = [rss for t, rss in series if (q - 0.25) * wall <= t < q * wall + 1e-9]
        quarters.append(round(max(window, default=0) / 2**20, 1))
    return {
        "engine": engine, "workers": workers, "wall_s": round(wall, 2), "input_mb": round(size / 2**20, 1),
        "mb_per_s": round(size / 2**20 / wall, 2), "articles_per_s": round(summary["counts"]["articles_read"] / wall),
        "articles": summary["counts"]["articles_read"], "events": summary["counts"]["events"],
        "durations": summary["durations"], "workers_seen": len(summary["workers_seen"] or []),
        "client_cpu_s": summary["client_cpu_s"], "load_avg_1m_at_end": round(os.getloadavg()[0], 2),
        "peak_rss_mb_per_process": sorted((round(r / 2**20, 1) for _, r in peak.values()), reverse=True),
        "largest_rss_mb_by_quarter": quarters,
    }


def main() -> None:
    inp = sys.argv[1] if len(sys.argv) > 1 else str(HERE / "data" / "news.jsonl")
    configs = (sys.argv[2] if len(sys.argv) > 2 else "local:1,local:2,dask:2").split(",")
    results = []
    for c in configs:
        engine, workers = c.split(":")
        r = bench_one(inp, engine, int(workers))
        print(json.dumps(r), flush=True)
        results.append(r)
    base = next((r for r in results if r["engine"] == "local" and r["workers"] == 1), None)
    if base:
        for r in results:
            r["speedup_vs_local_1"] = round(r["mb_per_s"] / base["mb_per_s"], 2)
    (HERE / "results").mkdir(exist_ok=True)
    name = "bench.json" if len(sys.argv) <= 2 else f"bench-{sys.argv[2].replace(':', '').replace(',', '-')}.json"
    if len(sys.argv) > 3:
        name = f"{sys.argv[3]}.json"
    (HERE / "results" / name).write_text(json.dumps(
        {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cpus": len(os.sched_getaffinity(0)),
         "results": results}, indent=1) + "\n")
    print(f"{'config':10} {'MB/s':>7} {'art/s':>7} {'speedup':>7} {'peak MB/proc':>14} quarters(MB)")
    for r in results:
        print(f"{r['engine']}:{r['workers']:<5} {r['mb_per_s']:7.2f} {r['articles_per_s']:7d} "
              f"{r.get('speedup_vs_local_1', 0):7.2f} {r['peak_rss_mb_per_process'][0]:14.1f} "
              f"{r['largest_rss_mb_by_quarter']}")


if __name__ == "__main__":
    main()
