"""heads.arrow: the first words of multi-word names, written at build time, must equal what the names give."""
from pathlib import Path

from coder.geo.gazetteer import DATA
from coder.geo.heads import head_lengths, head_skeletons, read_heads, write_heads


def test_head_lengths_by_hand():
    keys = ["al dali", "al hasakah", "al qaim city", "idlib", "ras al ain", "ras al ain town bis", "kabul"]
    assert head_lengths(keys) == {"al": 3, "ras": 5}
    assert head_skeletons({"al": 3, "ras": 5, "saraqib": 2}) == frozenset({"al", "rs", "srkb"})


def test_shipped_heads_are_those_of_the_shipped_names(gaz):
    first_len = head_lengths(gaz._names.keys)
    assert gaz._first_len == first_len
    assert gaz._skel_first == head_skeletons(first_len)
    assert (gaz._first_len["al"], gaz._first_len["maarrat"], gaz._first_len["jisr"]) == (6, 4, 4)
    assert "saraqib" not in gaz._first_len


def test_heads_of_another_names_file_are_not_used(tmp_path: Path):
    path = tmp_path / "heads.arrow"
    write_heads(["ras al ain", "kabul"], path, names_rows=2, names_bytes=100)
    assert read_heads(path, 2, 100) == ({"ras": 3}, frozenset({"rs"}))
    assert read_heads(path, 3, 100) is None  # names rebuilt alone: the loader works them out again
    assert read_heads(path, 2, 101) is None
    assert read_heads(tmp_path / "missing.arrow", 2, 100) is None


def test_shipped_heads_file_matches_names_file():
    import pyarrow.ipc as ipc

    with ipc.open_file(str(DATA / "names.arrow")) as f:
        rows = f.read_all().num_rows
    assert read_heads(DATA / "heads.arrow", rows, (DATA / "names.arrow").stat().st_size) is not None
