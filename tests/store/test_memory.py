"""The memory-lean paths of a transaction: staged files appended across flushes, the index in WORK_SCHEMA
(dictionary-encoded, vectorised updates), and skip decisions that compare versions without per-row strings."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from coder.store import Transaction, dataset_lock, read_events, recover
from coder.store import index as ix
from store_helpers import SCHEMA, VERSIONS, event_files, rows_for, run_once


def staged_run(root, run_id, batches, flush_bytes):
    """One run whose rows arrive in several batches, with a tiny flush threshold (a flush per batch)."""
    with dataset_lock(root, run_id):
        recover(root)
        txn = Transaction(root, run_id, VERSIONS, flush_bytes=flush_bytes)
        for batch in batches:
            rows, coded = [], []
            for aid, h, years in batch:
                assert txn.decide(aid, h) == "code"
                rows.extend(rows_for(aid, h, years))
                coded.append((aid, h))
            txn.add(pa.Table.from_pylist(rows, SCHEMA), coded)
        return txn.commit(compact=False)


def test_flushes_append_row_groups_to_one_staged_file_per_partition(tmp_path):
    batches = [[("a", "h1", [2020]), ("b", "h1", [2020, 2021])], [("c", "h1", [2020])], [("d", "h1", [2021])]]
    res = staged_run(tmp_path, "r1", batches, flush_bytes=1)
    assert (res.files_staged, res.rows_written) == (2, 5)
    assert event_files(tmp_path) == ["year=2020/r1-v000001-p00001.parquet", "year=2021/r1-v000001-p00002.parquet"]
    f2020 = pq.ParquetFile(tmp_path / "events" / "year=2020" / "r1-v000001-p00001.parquet")
    assert (f2020.metadata.num_row_groups, f2020.metadata.num_rows) == (2, 3)  # batches 1 and 2
    assert f2020.schema_arrow.metadata[b"coder.run_id"] == b"r1"
    idx = ix.read_index(tmp_path / ".versions" / "000001" / "index.parquet")
    assert idx.schema.equals(ix.INDEX_SCHEMA)
    assert [(r["article_id"], r["file"]) for r in idx.to_pylist()] == [
        ("a", "year=2020/r1-v000001-p00001.parquet"), ("b", "year=2020/r1-v000001-p00001.parquet"),
        ("b", "year=2021/r1-v000001-p00002.parquet"), ("c", "year=2020/r1-v000001-p00001.parquet"),
        ("d", "year=2021/r1-v000001-p00002.parquet")]


def test_a_schema_change_between_flushes_starts_a_new_staged_file(tmp_path):
    with dataset_lock(tmp_path, "r1"):
        txn = Transaction(tmp_path, "r1", VERSIONS, flush_bytes=1)
        txn.decide("a", "h1"), txn.decide("b", "h1")
        txn.add(pa.Table.from_pylist(rows_for("a", "h1", [2020]), SCHEMA), [("a", "h1")])
        wider = SCHEMA.append(pa.field("extra", pa.string()))
        txn.add(pa.Table.from_pylist([{**r, "extra": "x"} for r in rows_for("b", "h1", [2020])], wider),
                [("b", "h1")])
        res = txn.commit(compact=False)
    assert res.files_staged == 2
    assert event_files(tmp_path) == ["year=2020/r1-v000001-p00001.parquet", "year=2020/r1-v000001-p00002.parquet"]
    assert "extra" not in pq.read_schema(tmp_path / "events" / "year=2020" / "r1-v000001-p00001.parquet").names
    assert sorted(read_events(tmp_path).to_table()["event_id"].to_pylist()) == ["a-h1-0", "b-h1-0"]


def test_index_is_held_dictionary_encoded_and_written_as_plain_strings(tmp_path):
    run_once(tmp_path, "r1", [("a", "h1", [2020]), ("b", "h1", [])])
    path = tmp_path / ".versions" / "000001" / "index.parquet"
    assert pq.read_schema(path).remove_metadata().equals(ix.INDEX_SCHEMA)
    work = ix.read_work_index(path)
    assert work.schema.equals(ix.WORK_SCHEMA)
    assert work.to_pylist() == ix.read_index(path).to_pylist() == [
        {"article_id": "a", "content_hash": "h1", "versions": ix.versions_key(VERSIONS),
         "file": "year=2020/r1-v000001-p00001.parquet", "run_id": "r1"},
        {"article_id": "b", "content_hash": "h1", "versions": ix.versions_key(VERSIONS), "file": None,
         "run_id": "r1"}]


def test_known_keys_skip_only_same_content_and_versions():
    index = pa.table({"article_id": ["a", "a", "b", "c"], "content_hash": ["h1", "h1", "h2", "h3"],
                      "versions": ["V", "V", "OLD", "V"], "file": ["f1", "f2", None, None],
                      "run_id": ["r1"] * 4}, schema=ix.INDEX_SCHEMA).cast(ix.WORK_SCHEMA)
    assert ix.known_keys(index, "V") == {"a": "h1", "b": "", "c": "h3"}
    assert ix.known_keys(ix.WORK_SCHEMA.empty_table(), "V") == {}


def test_update_maps_files_drops_gone_ones_and_merged_duplicates():
    def table(rows):
        return pa.table({k: [r[i] for r in rows] for i, k in enumerate(ix.INDEX_SCHEMA.names)},
                        schema=ix.INDEX_SCHEMA)

    base = table([("a", "h", "V", "f1", "r1"), ("a", "h", "V", "f2", "r1"), ("b", "h", "V", "f3", "r1"),
                  ("c", "h", "V", None, "r1"), ("d", "h", "V", "f1", "r1")])
    new = table([("b", "h2", "V2", "f9", "r2"), ("e", "h", "V2", None, "r2")])
    out = ix.update(base.cast(ix.WORK_SCHEMA), pa.array(["b"]), {"f1": "m1", "f2": "m1", "f3": None}, new)
    assert out.schema.equals(ix.WORK_SCHEMA)
    assert [tuple(r.values()) for r in out.to_pylist()] == [
        ("a", "h", "V", "m1", "r1"), ("b", "h2", "V2", "f9", "r2"), ("c", "h", "V", None, "r1"),
        ("d", "h", "V", "m1", "r1"), ("e", "h", "V2", None, "r2")]


def test_rerun_with_new_versions_recodes_and_replaces(tmp_path):
    run_once(tmp_path, "r1", [("a", "h1", [2020])])
    res = run_once(tmp_path, "r2", [("a", "h1", [2021])], versions={**VERSIONS, "rules": "r2"})
    assert (res.articles_replaced, res.rows_written) == (1, 1)
    t = read_events(tmp_path).to_table()
    assert list(zip(t["event_id"].to_pylist(), t["year"].to_pylist())) == [("a-h1-0", 2021)]
    res = run_once(tmp_path, "r3", [("a", "h1", [2021])], versions={**VERSIONS, "rules": "r2"})
    assert res.version is None  # same content, same versions: skipped, nothing to publish
