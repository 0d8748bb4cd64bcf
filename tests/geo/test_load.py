"""Loading the shipped gazetteer and its matcher: < 2 s CPU and < 300 MB, measured in a fresh process."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, resource, time
t = time.process_time()
from coder.geo import Gazetteer
g = Gazetteer.load()
g.find("Warm up: Idlib.")
cpu = time.process_time() - t
# VmHWM is this process's own peak; ru_maxrss would carry over the forking parent's (pytest's) peak
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
import sys
print(json.dumps({"cpu": cpu, "rss_mb": rss, "n": len(g), "pandas": "pandas" in sys.modules}))
"""


def test_load_is_fast_and_small():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True)
    m = json.loads(out.stdout)
    assert m["n"] > 140_000
    assert m["cpu"] < 2.0, m
    assert m["rss_mb"] < 300, m
    assert m["pandas"] is False  # pyarrow's to_numpy would import it (~0.3 s): offsets are read from buffers


def test_to_numpy_reads_buffers_like_pyarrow():
    import numpy as np
    import pyarrow as pa

    from coder.geo.gazetteer import _to_numpy

    for arr, want in [(pa.array([3, 1, 2], pa.int32()), [3, 1, 2]),
                      (pa.array([5, 6, 7, 8], pa.int64()).slice(1, 2), [6, 7]),
                      (pa.array([1, None, 3], pa.int16()), [1.0, np.nan, 3.0]),
                      (pa.array([9, 1, None, 4], pa.int8()).slice(1), [1.0, np.nan, 4.0]),
                      (pa.array([0.5, None], pa.float64()), [0.5, np.nan]),
                      (pa.array([], pa.int32()), [])]:
        got = _to_numpy(arr)
        assert np.array_equal(got, np.array(want), equal_nan=True), (arr, got)
        assert got.dtype == (np.float64 if arr.null_count else np.dtype(str(arr.type).replace("double", "float64")))


def test_shipped_data_is_compact_and_attributed():
    data = ROOT / "coder" / "geo" / "data"
    assert sum(p.stat().st_size for p in data.iterdir()) < 25_000_000
    assert "CC BY 4.0" in (data / "ATTRIBUTION.md").read_text(encoding="utf-8")


def test_contents(gaz):
    kinds = {}
    for i in range(len(gaz)):
        k = gaz._value("kind", i)
        kinds[k] = kinds.get(k, 0) + 1
    places_1000 = sum(1 for i in range(len(gaz)) if gaz._value("kind", i) == "place"
                      and gaz._value("population", i) >= 1000)
    assert places_1000 >= 140_000
    assert kinds["admin1"] >= 3500 and kinds["admin2"] >= 40_000 and kinds["country"] >= 240
    sup = [gaz.entry(i) for i in range(len(gaz)) if gaz._value("geonames_id", i) is None]
    assert len(sup) >= 100 and len({e.cc for e in sup}) >= 15
