"""The article index of a version: which article, coded from which content with which versions, is in which file.

One row per (article, file); an article coded with no events has one row with a null file, so it is still
known and skipped next time. The index lives inside the version directory, so it switches with the events.

Memory: the index has a row per article, so a transaction holds it in WORK_SCHEMA, where the columns that
repeat one value over many rows (`versions`, ~180 characters; `run_id`) are dictionary-encoded (4 bytes a row
instead of a copy of the text), and all updates are vectorised Arrow kernels (no per-row Python objects, no
hash join or group-by, whose tables cost several times the index). On disk it stays INDEX_SCHEMA (plain
strings), written in slices.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

INDEX_SCHEMA = pa.schema([
    ("article_id", pa.string()),
    ("content_hash", pa.string()),
    ("versions", pa.string()),  # JSON of {"coder":..., "rules":..., ...} the article was coded with
    ("file", pa.string()),      # `year=2020/name.parquet`; null when the article has no events
    ("run_id", pa.string()),
])


_DICT = pa.dictionary(pa.int32(), pa.string())
WORK_SCHEMA = pa.schema([
    ("article_id", pa.string()),
    ("content_hash", pa.string()),
    ("versions", _DICT),
    ("file", pa.string()),
    ("run_id", _DICT),
])
WRITE_ROWS = 16 * 1024  # rows cast back to plain strings (and encoded by the writer) at a time


def constant(value: str, n: int) -> pa.DictionaryArray:
    """`n` rows of one string, as a dictionary array (4 bytes a row)."""
    import numpy as np
    return pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, dtype=np.int32)), pa.array([value], pa.string()))


def versions_key(versions: dict[str, str]) -> str:
    """Canonical text of a versions dict, stored per article and compared on the next run."""
    return json.dumps(versions, sort_keys=True, separators=(",", ":"))


def empty_index() -> pa.Table:
    return INDEX_SCHEMA.empty_table()


def read_index(path: Path) -> pa.Table:
    if not path.exists():
        return empty_index()
    return pq.read_table(path, schema=INDEX_SCHEMA)


def read_work_index(path: Path) -> pa.Table:
    """The index in WORK_SCHEMA (compact in memory), for a transaction to update."""
    if not path.exists():
        return WORK_SCHEMA.empty_table()
    t = pq.read_table(path, columns=INDEX_SCHEMA.names, read_dictionary=["versions", "run_id"])
    return t.cast(WORK_SCHEMA)


def write_index(path: Path, index: pa.Table) -> None:
    """Write durably in INDEX_SCHEMA, casting a slice at a time (the index may be held in WORK_SCHEMA)."""
    import os
    with open(path, "wb") as f:
        with pq.ParquetWriter(f, INDEX_SCHEMA, compression="zstd") as w:
            for start in range(0, index.num_rows, WRITE_ROWS):
                w.write_table(index.slice(start, WRITE_ROWS).cast(INDEX_SCHEMA), row_group_size=WRITE_ROWS)
        f.flush()
        os.fsync(f.fileno())


def known_keys(index: pa.Table, vkey: str) -> dict[str, str]:
    """article_id -> content_hash of the articles coded with versions `vkey`, and -> "" for articles coded with
    other versions (known, so replaced when coded again, but never skipped). A new run compares against it."""
    if index.num_rows == 0:
        return {}
    same = pc.fill_null(pc.equal(index.column("versions").cast(pa.string()), vkey), False)
    hashes = pc.if_else(same, index.column("content_hash"), "")
    return dict(zip(index.column("article_id").to_pylist(), hashes.to_pylist()))


def files_of(index: pa.Table, article_ids: set[str] | pa.Array) -> set[str]:
    """The data files holding rows of any of these articles."""
    if not len(article_ids) or index.num_rows == 0:
        return set()
    value_set = article_ids if isinstance(article_ids, pa.Array) else pa.array(sorted(article_ids), pa.string())
    files = index.filter(pc.is_in(index.column("article_id"), value_set=value_set)).column("file")
    return {f for f in pc.unique(files).to_pylist() if f is not None}


def update(index: pa.Table, drop_ids: set[str] | pa.Array, file_map: dict[str, str | None],
           new_rows: pa.Table) -> pa.Table:
    """Drop rows of replaced articles, rename files that were rewritten or merged, add the new rows.

    `file_map` maps an old file to its successor (None: the file is gone, so are its index rows).
    The result (WORK_SCHEMA) is sorted by (article_id, file) and has one row per (article_id, file).
    """
    index = index.cast(WORK_SCHEMA)
    if len(drop_ids) and index.num_rows:
        value_set = drop_ids if isinstance(drop_ids, pa.Array) else pa.array(sorted(drop_ids), pa.string())
        index = index.filter(pc.invert(pc.is_in(index.column("article_id"), value_set=value_set)))
    if file_map and index.num_rows:
        files = index.column("file")
        olds = list(file_map)
        pos = pc.index_in(files, value_set=pa.array(olds, pa.string()))
        in_map = pc.is_valid(pos)
        successor = pc.take(pa.array([file_map[o] for o in olds], pa.string()), pos)
        index = index.set_column(index.schema.get_field_index("file"), "file",
                                 pc.if_else(in_map, successor, files))
        gone = pc.and_(in_map, pc.is_null(successor))
        index = index.filter(pc.invert(gone))
    merged = pa.concat_tables([index, new_rows.cast(WORK_SCHEMA)])
    if merged.num_rows == 0:
        return WORK_SCHEMA.empty_table()
    merged = merged.sort_by([("article_id", "ascending"), ("file", "ascending")])  # nulls last
    return _drop_repeats(merged.combine_chunks())


def _drop_repeats(t: pa.Table) -> pa.Table:
    """Keep the first of consecutive rows with the same (article_id, file): they say the same thing (all rows of
    an article come from one run), e.g. after two files holding rows of one article were merged into one."""
    if t.num_rows < 2:
        return t
    ids, files = t.column("article_id"), t.column("file")
    same_id = pc.equal(ids.slice(1), ids.slice(0, t.num_rows - 1))
    f1, f0 = files.slice(1), files.slice(0, t.num_rows - 1)
    same_file = pc.fill_null(pc.equal(f1, f0), False)
    same_file = pc.or_(same_file, pc.and_(pc.is_null(f1), pc.is_null(f0)))
    repeat = pc.and_(same_id, same_file)
    if not pc.any(repeat).as_py():
        return t
    keep = pa.concat_arrays([pa.array([True]), pc.invert(repeat).combine_chunks()])
    return t.filter(keep)
