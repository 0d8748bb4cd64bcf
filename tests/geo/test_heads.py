"""heads.arrow: the first words of multi-word names, written at build time, must equal what the names give."""
import gc
from pathlib import Path

import pyarrow.ipc as ipc
from hypothesis import given, settings
from hypothesis import strategies as st

from coder.geo.gazetteer import DATA
from coder.geo.heads import head_len, head_lengths, head_skeletons, heads_of, read_heads, write_heads

KEYS = sorted(["al dali", "al hasakah", "al qaim city", "idlib", "ras al ain", "ras al ain town bis", "kabul",
               "ras", "rasa x", "al"])


def test_head_lengths_by_hand():
    assert head_lengths(KEYS) == {"al": 3, "ras": 5, "rasa": 2}
    assert head_skeletons(["al", "ras", "saraqib"]) == frozenset({"al", "rs", "srkb"})
    most, skels = heads_of(KEYS)
    assert [head_len(KEYS, most, w) for w in ("al", "ras", "rasa", "ra", "idlib", "kabul", "zzz", "")] == \
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
    assert all(head_len(keys, gaz._head_most, w) == first_len.get(w, 0) for w in words)
    assert [head_len(keys, gaz._head_most, w) for w in ("al", "maarrat", "jisr", "saraqib")] == [6, 4, 4, 0]


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
