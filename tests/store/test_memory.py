"""The memory-lean paths of a transaction: staged files appended across flushes, and the per-article bookkeeping
(articles seen and coded, their files, the base index) in an on-disk ledger from which the next index is streamed."""
from __future__ import annotations

import tracemalloc

import pyarrow as pa
import pyarrow.parquet as pq

from coder.store import Transaction, dataset_lock, read_events, recover
from coder.store import index as ix
from coder.store.ledger import _NEXT_INDEX, Ledger
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


def test_index_is_written_as_plain_strings_sorted_by_article(tmp_path):
    run_once(tmp_path, "r1", [("b", "h1", []), ("a", "h1", [2020])])
    path = tmp_path / ".versions" / "000001" / "index.parquet"
    assert pq.read_schema(path).remove_metadata().equals(ix.INDEX_SCHEMA)
    assert ix.read_index(path).to_pylist() == [
        {"article_id": "a", "content_hash": "h1", "versions": ix.versions_key(VERSIONS),
         "file": "year=2020/r1-v000001-p00001.parquet", "run_id": "r1"},
        {"article_id": "b", "content_hash": "h1", "versions": ix.versions_key(VERSIONS), "file": None,
         "run_id": "r1"}]


def write_base(path, rows):
    pq.write_table(pa.table({k: [r[i] for r in rows] for i, k in enumerate(ix.INDEX_SCHEMA.names)},
                            schema=ix.INDEX_SCHEMA), path)


def test_ledger_skips_only_same_content_and_versions_and_rejects_conflicts(tmp_path):
    write_base(tmp_path / "index.parquet", [("a", "h1", "V", "f1", "r0"), ("a", "h1", "V", "f2", "r0"),
                                            ("b", "h2", "OLD", None, "r0"), ("c", "h3", "V", None, "r0")])
    ledger = Ledger(tmp_path / "ledger.sqlite", "V", "r1")
    ledger.load_base(tmp_path / "index.parquet")
    assert [ledger.decide(a, h) for a, h in [("a", "h1"), ("b", "h2"), ("c", "other"), ("d", "h4")]] == [
        "skip", "code", "code", "code"]  # b: other versions; c: other content; d: new
    assert [ledger.decide(a, h) for a, h in [("d", "h4"), ("d", "h5"), ("a", "h1")]] == [
        "skip", "conflict", "skip"]  # repeats in this run: same content skipped, other content a conflict
    ledger.close()


def test_ledger_next_index_maps_files_drops_gone_ones_replaced_articles_and_repeats(tmp_path):
    write_base(tmp_path / "index.parquet", [("a", "h", "V", "f1", "r1"), ("a", "h", "V", "f2", "r1"),
                                            ("b", "h", "V", "f3", "r1"), ("c", "h", "V", None, "r1"),
                                            ("d", "h", "V", "f1", "r1"), ("g", "h", "V", "f3", "r1")])
    ledger = Ledger(tmp_path / "ledger.sqlite", "V2", "r2")
    ledger.load_base(tmp_path / "index.parquet")
    for aid in "bef":
        ledger.decide(aid, "h2")
    ledger.add_coded([("b", "h2"), ("e", "h2"), ("f", "h2")])
    ledger.add_pairs(["b", "f"], "s1")
    ledger.add_pairs(["b", "x"], "s1")  # b again in the same file; x was not finished: not indexed
    assert (ledger.replaced_count(), ledger.affected_files(), ledger.coded_among(["a", "b", "g"])) == (
        1, {"f3"}, {"b"})
    file_map = {"f1": "m1", "f2": "m1", "f3": "f3b", "s1": "c1"}
    rows = [tuple(r.values()) for b in ledger.next_index(file_map, keep_base=True) for r in b.to_pylist()]
    assert rows == [("a", "h", "V", "m1", "r1"), ("b", "h2", "V2", "c1", "r2"), ("c", "h", "V", None, "r1"),
                    ("d", "h", "V", "m1", "r1"), ("e", "h2", "V2", None, "r2"), ("f", "h2", "V2", "c1", "r2"),
                    ("g", "h", "V", "f3b", "r1")]
    rows = [tuple(r.values()) for b in ledger.next_index({"f1": None}, keep_base=True) for r in b.to_pylist()]
    assert [r[:1] + r[3:4] for r in rows] == [("a", "f2"), ("b", "s1"), ("c", None), ("e", None), ("f", "s1"),
                                              ("g", "f3")]  # f1 is gone and so are its rows
    rows = [r["article_id"] for b in ledger.next_index({}, keep_base=False) for r in b.to_pylist()]
    assert rows == ["b", "e", "f"]  # a full refresh keeps only this run's articles
    plan = " ".join(r[-1] for r in ledger._db.execute("EXPLAIN QUERY PLAN " + _NEXT_INDEX, {"vkey": "", "run_id": ""}))
    assert "SEARCH p USING COVERING INDEX pairs_article" in plan, plan  # not a scan of pairs per coded article
    ledger.close()


def test_a_runs_bookkeeping_is_on_disk_not_in_memory(tmp_path):
    """100,000 articles decided, coded and staged leave the transaction's Python memory where 1,000 left it
    (held in dicts and lists, their ids and hashes alone were ~20 MB)."""
    def bookkeeping(n):
        with dataset_lock(tmp_path / str(n), "r1"):
            txn = Transaction(tmp_path / str(n), "r1", VERSIONS)
            tracemalloc.start()
            for k in range(0, n, 1000):
                coded = [(f"article-{i:09d}", f"{i:064x}") for i in range(k, k + 1000)]
                for aid, h in coded:
                    assert txn.decide(aid, h) == "code"
                txn.add(None, coded)
            held, _ = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            txn.abort()
        return held

    small, large = bookkeeping(1_000), bookkeeping(100_000)
    assert large - small < 1_000_000, (small, large)


def test_rerun_with_new_versions_recodes_and_replaces(tmp_path):
    run_once(tmp_path, "r1", [("a", "h1", [2020])])
    res = run_once(tmp_path, "r2", [("a", "h1", [2021])], versions={**VERSIONS, "rules": "r2"})
    assert (res.articles_replaced, res.rows_written) == (1, 1)
    t = read_events(tmp_path).to_table()
    assert list(zip(t["event_id"].to_pylist(), t["year"].to_pylist())) == [("a-h1-0", 2021)]
    res = run_once(tmp_path, "r3", [("a", "h1", [2021])], versions={**VERSIONS, "rules": "r2"})
    assert res.version is None  # same content, same versions: skipped, nothing to publish
