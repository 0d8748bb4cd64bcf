"""Loading the shipped gazetteer and its matcher: < 2 s CPU and < 300 MB, measured in a fresh process."""
import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from coder.geo.gazetteer import DATA, _every, _Index

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


def test_word_lists_read_as_stripped_casefolded_lines(tmp_path: Path):
    from coder.geo.gazetteer import _read_words

    def plain(text: str) -> frozenset:
        return frozenset(ln.strip().casefold() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))

    cases = ["# a comment\n# another\nabc\nStraße\nzeta", "", "# only\n", "a\n\nb\n", " a\nb", "a b\nc",
             "a\n#b\nc", "a\n # b\n", "# x\x0bword\nb\n", "a\r\nB\r\n", "a\u2028b\n", "#c\r\nx\n"]
    for i, text in enumerate(cases):
        path = tmp_path / f"w{i}.txt"
        path.write_bytes(text.encode("utf-8"))
        assert _read_words(path) == plain(path.read_text(encoding="utf-8")), text
    assert _read_words(tmp_path / "w0.txt") == frozenset({"abc", "strasse", "zeta"})
    assert _read_words(DATA / "english_words.txt") == plain((DATA / "english_words.txt").read_text(encoding="utf-8"))
    assert _read_words(DATA / "blocked.txt") == plain((DATA / "blocked.txt").read_text(encoding="utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab#ßΣ \t\n\x0b\u2028\u00a0", max_size=30))
def test_word_lists_property(text: str):
    from coder.geo import gazetteer

    fast = gazetteer._read_words_text(text)
    assert fast == frozenset(ln.strip().casefold() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def test_dictionary_indices_read_from_buffers():
    import numpy as np
    import pyarrow as pa

    from coder.geo.gazetteer import _indices

    for arr, want in [(pa.array(["b", None, "a", "b", None]).dictionary_encode().indices, [0, -1, 1, 0, -1]),
                      (pa.array(["x", None, "y", "x"]).dictionary_encode().indices.slice(1), [-1, 1, 0]),
                      (pa.array([2, 0, 1], pa.int8()), [2, 0, 1]),
                      (pa.array([None, None], pa.int32()), [-1, -1]),
                      (pa.array([], pa.int32()), [])]:
        got = _indices(arr)
        assert got.tolist() == want, (arr, got)
        assert got.dtype == (np.int32 if arr.null_count else np.dtype(str(arr.type)))


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text(alphabet="ab c", max_size=5), max_size=40), st.lists(st.text(alphabet="ab c", max_size=6)),
       st.integers(1, 5))
def test_index_lookups_equal_bisect_on_all_keys(keys: set, probes: list, block: int):
    from bisect import bisect_left

    ordered = sorted(keys)
    index = _Index.from_dict({k: [i] for i, k in enumerate(ordered)}, block=block)
    assert index.keys == ordered and len(index) == len(ordered)
    for p in probes + ordered + [k + " " for k in ordered]:
        i = bisect_left(ordered, p)
        assert index.lower_bound(p) == (i, ordered[i] if i < len(ordered) else None)
        assert index.find(p) == (i if i < len(ordered) and ordered[i] == p else -1)
        assert index.has_prefix(p) == any(k.startswith(p) for k in ordered)
        assert index.get(p) == ((i,) if p in keys else ())


def test_shipped_names_lookups(gaz):
    names = gaz._names
    assert names.get("idlib") and names.find("idlib") >= 0 and "saraqib" in names
    assert names.find("zzzzzzzzq") == -1 and not names.has_prefix("zzzzzzzzq")
    assert names.has_prefix("al qa") and names.has_prefix("maarrat ")
    assert names.lower_bound("") == (0, names.keys[0]) and names.lower_bound("\uffff") == (len(names), None)


def test_every_reads_string_buffers():
    import pyarrow as pa

    arr = pa.array(["a", "bé", "", "dd", "e", "ff", "g"])
    assert _every(arr, 1) == arr.to_pylist()
    assert _every(arr, 3) == ["a", "dd", "g"]
    assert _every(arr.slice(2, 4), 2) == ["", "e"]
    assert _every(pa.array(["x", None, "z"]), 2) == ["x", "z"]
    assert _every(pa.array([], pa.string()), 64) == []
