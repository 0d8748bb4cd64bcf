"""Incremental transactions: skip unchanged articles, replace edited ones, keep absent ones, full refresh."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from coder.store import CompactPolicy, Transaction, check_run_id, dataset_lock, read_events
from coder.store.index import read_index
from store_helpers import VERSIONS, dataset_rows, event_files, rows_for, run_once, snapshot

A = ("a", "h1", [2020, 2021])
B = ("b", "h1", [2021])
C = ("c", "h1", [None])


def ids(root):
    return sorted({(r["article_id"], r["event_id"]) for r in read_events(root).to_table().to_pylist()})


def test_first_run_writes_hive_partitions_including_the_null_one(tmp_path):
    res = run_once(tmp_path, "r1", [A, B, C])
    assert (res.version, res.previous, res.files_staged, res.rows_written) == (1, None, 3, 4)
    assert event_files(tmp_path) == ["year=2020/r1-v000001-p00001.parquet", "year=2021/r1-v000001-p00002.parquet",
                                     "year=__HIVE_DEFAULT_PARTITION__/r1-v000001-p00003.parquet"]
    assert (tmp_path / "events").readlink().as_posix() == ".versions/000001/events"
    t = read_events(tmp_path).to_table()
    assert sorted(zip(t["event_id"].to_pylist(), t["year"].to_pylist()), key=str) == [
        ("a-h1-0", 2020), ("a-h1-1", 2021), ("b-h1-0", 2021), ("c-h1-0", None)]


def test_file_metadata_records_versions_and_run(tmp_path):
    run_once(tmp_path, "r1", [A])
    meta = pq.read_schema(tmp_path / "events" / "year=2020" / "r1-v000001-p00001.parquet").metadata
    assert json.loads(meta[b"coder.versions"]) == VERSIONS
    assert meta[b"coder.run_id"] == b"r1"


def test_rerun_over_same_input_changes_nothing(tmp_path):
    run_once(tmp_path, "r1", [A, B, C])
    before = snapshot(tmp_path)
    res = run_once(tmp_path, "r2", [A, B, C])
    assert res.version is None
    assert snapshot(tmp_path) == before
    assert (tmp_path / "events").readlink().as_posix() == ".versions/000001/events"


def test_input_split_over_two_runs_equals_one_run(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    run_once(one, "r1", [A, B, C])
    run_once(two, "r1", [A])
    run_once(two, "r2", [B, C])
    assert dataset_rows(two) == dataset_rows(one)


def test_edited_article_has_only_its_new_rows_and_others_are_untouched(tmp_path):
    run_once(tmp_path, "r1", [A, B, C])
    res = run_once(tmp_path, "r2", [("a", "h2", [2021])])
    assert (res.version, res.articles_replaced) == (2, 1)
    assert ids(tmp_path) == [("a", "a-h2-0"), ("b", "b-h1-0"), ("c", "c-h1-0")]
    index = read_index(tmp_path / ".versions" / "000002" / "index.parquet").to_pylist()
    assert [(r["article_id"], r["content_hash"], r["file"]) for r in index] == [
        ("a", "h2", "year=2021/r2-v000002-p00001.parquet"),
        ("b", "h1", "year=2021/r2-v000002-r00002.parquet"),
        ("c", "h1", "year=__HIVE_DEFAULT_PARTITION__/r1-v000001-p00003.parquet"),
    ]
    assert not (tmp_path / "events" / "year=2020").exists()  # a's only 2020 row is gone, so is the partition


def test_changed_versions_recode_an_article_that_is_in_the_input(tmp_path):
    run_once(tmp_path, "r1", [A, B])
    with dataset_lock(tmp_path, "r2"):
        txn = Transaction(tmp_path, "r2", {**VERSIONS, "rules": "r2"})
        assert [txn.decide("a", "h1"), txn.decide("b", "h1"), txn.decide("a", "h1"), txn.decide("a", "hX")] == [
            "code", "code", "skip", "conflict"]
        txn.abort()
    assert not (tmp_path / ".staging" / "r2").exists()


def test_article_with_no_events_is_remembered_and_skipped(tmp_path):
    run_once(tmp_path, "r1", [("z", "h1", []), A])
    res = run_once(tmp_path, "r2", [("z", "h1", [2020])])
    assert res.version is None
    index = read_index(tmp_path / ".versions" / "000001" / "index.parquet").to_pylist()
    assert [(r["article_id"], r["file"]) for r in index] == [
        ("a", "year=2020/r1-v000001-p00001.parquet"), ("a", "year=2021/r1-v000001-p00002.parquet"), ("z", None)]


def test_full_refresh_replaces_the_dataset_with_the_given_input_only(tmp_path):
    run_once(tmp_path, "r1", [A, B, C])
    res = run_once(tmp_path, "r2", [B], full_refresh=True)
    assert (res.version, res.files_linked) == (2, 0)
    assert ids(tmp_path) == [("b", "b-h1-0")]
    assert event_files(tmp_path) == ["year=2021/r2-v000002-p00001.parquet"]


def test_old_versions_are_pruned_after_the_grace_period_but_the_previous_is_kept(tmp_path):
    for i in range(4):
        with dataset_lock(tmp_path, f"r{i}"):
            txn = Transaction(tmp_path, f"r{i}", VERSIONS, keep_seconds=0)
            txn.decide(f"a{i}", "h")
            txn.add(__import__("pyarrow").Table.from_pylist(rows_for(f"a{i}", "h", [2020])), [(f"a{i}", "h")])
            txn.commit()
    assert sorted(p.name for p in (tmp_path / ".versions").iterdir()) == ["000003", "000004"]


def test_thirty_daily_runs_keep_at_most_four_files_per_partition(tmp_path):
    every = []
    for day in range(30):
        arts = [(f"d{day}-{k}", "h", [2019 + (day + k) % 3, None if k == 0 else 2020]) for k in range(5)]
        every.extend(arts)
        res = run_once(tmp_path, f"day{day:02d}", arts)
        assert res.version == day + 1
        per_part = {}
        for f in event_files(tmp_path):
            per_part.setdefault(f.split("/")[0], []).append(f)
        assert max(len(v) for v in per_part.values()) <= 4, per_part
    assert len(dataset_rows(tmp_path)) == 300
    idx = read_index(tmp_path / "events" / ".." / "index.parquet")
    assert {f for f in idx.column("file").to_pylist() if f} == set(event_files(tmp_path))
    # and the index still lets a rerun skip everything
    assert run_once(tmp_path, "again", every).version is None


def test_forced_compaction_merges_each_partition_to_one_file(tmp_path):
    from coder.store import compact_dataset
    for day in range(3):
        run_once(tmp_path, f"d{day}", [(f"x{day}", "h", [2020, None])])
    before = dataset_rows(tmp_path)
    with dataset_lock(tmp_path, "c"):
        res = compact_dataset(tmp_path, "c", policy=CompactPolicy())
    assert (res.version, res.files_compacted) == (4, 6)
    assert event_files(tmp_path) == ["year=2020/c-v000004-c00001.parquet",
                                     "year=__HIVE_DEFAULT_PARTITION__/c-v000004-c00002.parquet"]
    assert dataset_rows(tmp_path) == before
    with dataset_lock(tmp_path, "c2"):
        assert compact_dataset(tmp_path, "c2").version is None  # nothing left to merge: nothing published


@pytest.mark.parametrize("bad", ["", "../x", "a b", "-lead", "x" * 101])
def test_run_ids_must_be_safe_file_names(bad):
    with pytest.raises(ValueError, match="is not usable in file names"):
        check_run_id(bad)


def test_an_article_the_coder_failed_on_keeps_its_old_rows_and_is_retried(tmp_path):
    import pyarrow as pa
    run_once(tmp_path, "r1", [A, B])
    with dataset_lock(tmp_path, "r2"):
        txn = Transaction(tmp_path, "r2", VERSIONS)
        assert [txn.decide("a", "h2"), txn.decide("b", "h2")] == ["code", "code"]
        txn.add(pa.Table.from_pylist(rows_for("b", "h2", [2022])), [("b", "h2")])  # "a" failed in the coder
        txn.commit()
    assert ids(tmp_path) == [("a", "a-h1-0"), ("a", "a-h1-1"), ("b", "b-h2-0")]
    with dataset_lock(tmp_path, "r3"):
        txn = Transaction(tmp_path, "r3", VERSIONS)
        assert [txn.decide("a", "h2"), txn.decide("b", "h2")] == ["code", "skip"]
        txn.abort()


def test_a_first_run_without_events_still_publishes_an_empty_dataset(tmp_path):
    res = run_once(tmp_path, "r1", [])
    assert (res.version, res.files_total) == (1, 0)
    assert (tmp_path / "events").is_symlink() and event_files(tmp_path) == []
    assert run_once(tmp_path, "r2", []).version is None


def test_within_one_run_the_first_occurrence_of_an_id_wins_even_when_it_is_skipped(tmp_path):
    run_once(tmp_path, "r1", [A])
    with dataset_lock(tmp_path, "r2"):
        txn = Transaction(tmp_path, "r2", VERSIONS)
        assert [txn.decide("a", "h1"), txn.decide("a", "h2"), txn.decide("a", "h1")] == ["skip", "conflict", "skip"]
        txn.abort()
    assert not (tmp_path / ".staging").exists()
