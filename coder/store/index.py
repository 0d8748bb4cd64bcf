"""The article index of a version: which article, coded from which content with which versions, is in which file.

One row per (article, file); an article coded with no events has one row with a null file, so it is still
known and skipped next time. The index lives inside the version directory, so it switches with the events.
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


def versions_key(versions: dict[str, str]) -> str:
    """Canonical text of a versions dict, stored per article and compared on the next run."""
    return json.dumps(versions, sort_keys=True, separators=(",", ":"))


def empty_index() -> pa.Table:
    return INDEX_SCHEMA.empty_table()


def read_index(path: Path) -> pa.Table:
    if not path.exists():
        return empty_index()
    return pq.read_table(path, schema=INDEX_SCHEMA)


def write_index(path: Path, index: pa.Table) -> None:
    import os
    with open(path, "wb") as f:
        pq.write_table(index, f, compression="zstd")
        f.flush()
        os.fsync(f.fileno())


def known_keys(index: pa.Table) -> dict[str, str]:
    """article_id -> 'content_hash|versions', the key a new run compares against to skip an article."""
    ids = index.column("article_id").to_pylist()
    hashes = index.column("content_hash").to_pylist()
    vers = index.column("versions").to_pylist()
    return {a: f"{h}|{v}" for a, h, v in zip(ids, hashes, vers)}


def files_of(index: pa.Table, article_ids: set[str]) -> set[str]:
    """The data files holding rows of any of these articles."""
    if not article_ids or index.num_rows == 0:
        return set()
    mask = pc.is_in(index.column("article_id"), value_set=pa.array(sorted(article_ids), pa.string()))
    return {f for f in index.filter(mask).column("file").to_pylist() if f is not None}


def update(index: pa.Table, drop_ids: set[str], file_map: dict[str, str | None], new_rows: pa.Table) -> pa.Table:
    """Drop rows of replaced articles, rename files that were rewritten or merged, add the new rows.

    `file_map` maps an old file to its successor (None: the file is gone, so are its index rows).
    The result is sorted by (article_id, file) and has no duplicate rows.
    """
    if drop_ids and index.num_rows:
        keep = pc.invert(pc.is_in(index.column("article_id"), value_set=pa.array(sorted(drop_ids), pa.string())))
        index = index.filter(keep)
    if file_map and index.num_rows:
        files = index.column("file").to_pylist()
        mapped = [file_map.get(f, f) if f is not None else None for f in files]
        gone = [f is not None and m is None for f, m in zip(files, mapped)]
        index = index.set_column(index.schema.get_field_index("file"), "file", pa.array(mapped, pa.string()))
        if any(gone):
            index = index.filter(pc.invert(pa.array(gone)))
    merged = pa.concat_tables([index, new_rows.cast(INDEX_SCHEMA)])
    if merged.num_rows == 0:
        return empty_index()
    distinct = merged.group_by(INDEX_SCHEMA.names, use_threads=False).aggregate([])
    return distinct.select(INDEX_SCHEMA.names).sort_by([("article_id", "ascending"), ("file", "ascending")])
