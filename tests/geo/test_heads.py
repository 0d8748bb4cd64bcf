"""heads.arrow: the first words of multi-word names, written at build time, must equal what the names give."""
import gc
from pathlib import Path

import pyarrow.ipc as ipc

from coder.geo.gazetteer import DATA, _Index
from coder.geo.heads import head_len, head_lengths, head_skeletons, heads_of, read_heads, write_heads

KEYS = sorted(["al dali", "al hasakah", "al qaim city", "idlib", "ras al ain", "ras al ain town bis", "kabul",
               "ras", "rasa x", "al"])


def test_head_lengths_by_hand():
    assert head_lengths(KEYS) == {"al": 3, "ras": 5, "rasa": 2}
    assert head_skeletons(["al", "ras", "saraqib"]) == frozenset({"al", "rs", "srkb"})
    most, skels = heads_of(KEYS)
    lower_bound = _Index.from_dict({k: [0] for k in KEYS}, block=3).lower_bound
    assert [head_len(lower_bound, most, w) for w in ("al", "ras", "rasa", "ra", "idlib", "kabul", "zzz", "")] == \
        [3, 5, 2, 0, 0, 0, 0, 0]
    assert skels == frozenset({"al", "rs"})


def test_heads_file_round_trip_and_mismatch(tmp_path: Path):
    path = tmp_path / "heads.arrow"
    write_heads(KEYS, path, names_bytes=100)
    got = read_heads(path, len(KEYS), 100)
    assert got is not None
    most, skels = got
    gc.collect()  # the memory map is closed: the values stay readable
    assert (list(most), skels) == (list(heads_of(KEYS)[0]), frozenset({"al", "rs"}))
    assert read_heads(path, len(KEYS) + 1, 100) is None  # names rebuilt alone: the loader works them out again
    assert read_heads(path, len(KEYS), 101) is None
    assert read_heads(tmp_path / "missing.arrow", len(KEYS), 100) is None


def test_shipped_heads_are_those_of_the_shipped_names(gaz):
    keys = gaz._names.keys
    with ipc.open_file(str(DATA / "names.arrow")) as f:
        rows = f.read_all().num_rows
    shipped = read_heads(DATA / "heads.arrow", rows, (DATA / "names.arrow").stat().st_size)
    assert shipped is not None  # heads.arrow was derived from the shipped names.arrow
    most, skels = heads_of(keys)
    assert bytes(most) == bytes(gaz._head_most)
    assert gaz._skel_first == skels
    first_len = head_lengths(keys)
    words = {k.split(" ", 1)[0] for k in keys}
    lower_bound = gaz._names.lower_bound
    assert all(head_len(lower_bound, gaz._head_most, w) == first_len.get(w, 0) for w in words)
    assert [head_len(lower_bound, gaz._head_most, w) for w in ("al", "maarrat", "jisr", "saraqib")] == [6, 4, 4, 0]

