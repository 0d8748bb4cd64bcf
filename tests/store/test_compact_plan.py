"""The compaction planner: when a partition is merged, and how inputs are grouped."""
from __future__ import annotations

from hypothesis import given, strategies as st

from coder.store.compact import CompactPolicy, plan

P = CompactPolicy(max_files=4, small_bytes=100, target_bytes=250)


def test_nothing_until_the_partition_exceeds_max_files():
    assert plan([("a", 10), ("b", 10), ("c", 10), ("d", 10)], P) == []
    assert plan([("a", 10), ("b", 10), ("c", 10), ("d", 10), ("e", 10)], P) == [["a", "b", "c", "d", "e"]]


def test_big_files_are_left_alone_and_groups_roll_over_at_the_target():
    files = [("big1", 500), ("a", 90), ("b", 90), ("c", 90), ("big2", 100), ("d", 90), ("e", 5)]
    assert plan(files, P) == [["a", "b"], ["c", "d", "e"]]


def test_force_merges_even_a_small_partition_but_never_a_single_file():
    assert plan([("a", 10), ("b", 10)], P, force=True) == [["a", "b"]]
    assert plan([("a", 10)], P, force=True) == []


@given(st.lists(st.integers(min_value=0, max_value=400), max_size=30), st.booleans())
def test_groups_are_disjoint_small_at_least_two_and_within_target(sizes, force):
    files = [(f"f{i}", s) for i, s in enumerate(sizes)]
    size = dict(files)
    groups = plan(files, P, force)
    names = [n for g in groups for n in g]
    assert len(names) == len(set(names))
    for g in groups:
        assert len(g) >= 2
        assert all(size[n] < P.small_bytes for n in g)
        assert sum(size[n] for n in g) <= P.target_bytes
    if not force and len(files) <= P.max_files:
        assert groups == []
    # target >= 2 x small: every small file is merged except at most the last one
    if force or len(files) > P.max_files:
        assert sum(1 for n, s in files if s < P.small_bytes and n not in names) <= 1
