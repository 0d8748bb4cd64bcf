"""Parquet files of the events dataset: hive partition paths, unique names, file metadata.

Files hold every column except `year`, which lives only in the path (`year=2020`, or
`year=__HIVE_DEFAULT_PARTITION__` for rows without a date), as pyarrow, Spark, DuckDB and Polars expect.
"""
from __future__ import annotations

import json
import os
from itertools import groupby
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from coder.store.layout import NULL_PARTITION

PARTITION_COLUMN = "year"
PARTITION_TYPE = pa.int32()
ROW_GROUP_ROWS = 32 * 1024  # the writer holds one encoded row group in memory: keep it small


def partition_dir(year: int | None) -> str:
    """The hive directory name for a year (None -> the null partition)."""
    return f"{PARTITION_COLUMN}={NULL_PARTITION if year is None else int(year)}"


def split_by_year(table: pa.Table) -> list[tuple[int | None, pa.Table]]:
    """Split rows by the `year` column and drop it; years in ascending order, null last, each year's rows in
    their order. One stable sort by year and zero-copy slices (a filter per year went over every column
    once per year)."""
    if PARTITION_COLUMN not in table.column_names:
        raise ValueError(f"event table has no '{PARTITION_COLUMN}' column; columns are {table.column_names}")
    years = table.column(PARTITION_COLUMN).cast(PARTITION_TYPE)
    rest = table.drop_columns([PARTITION_COLUMN])
    if pc.count_distinct(years, mode="all").as_py() <= 1:
        return [(years[0].as_py(), rest)] if table.num_rows else []
    order = pc.array_sort_indices(years, null_placement="at_end")  # stable: a year's rows keep their order
    rest, sorted_years = rest.take(order), years.take(order).to_pylist()
    out: list[tuple[int | None, pa.Table]] = []
    start = 0
    for year, rows in groupby(sorted_years):
        n = sum(1 for _ in rows)
        out.append((year, rest.slice(start, n)))
        start += n
    return out


def file_metadata(versions: dict[str, str], run_id: str) -> dict[bytes, bytes]:
    """Key-value metadata stored in every file: the schema and coder versions, and the run that wrote it."""
    return {b"coder.versions": json.dumps(versions, sort_keys=True).encode(), b"coder.run_id": run_id.encode()}


def write_file(path: Path, table: pa.Table, metadata: dict[bytes, bytes]) -> int:
    """Write one Parquet file durably (fsynced). Returns its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = dict(table.schema.metadata or {})
    meta.update(metadata)
    table = table.replace_schema_metadata(meta)
    with open(path, "wb") as f:
        pq.write_table(table, f, compression="zstd", row_group_size=ROW_GROUP_ROWS)
        f.flush()
        os.fsync(f.fileno())
    return path.stat().st_size


def list_files(events_dir: Path) -> list[str]:
    """Relative paths (`year=2020/name.parquet`) of the data files of a version, sorted."""
    if not events_dir.is_dir():
        return []
    out = []
    for part in sorted(events_dir.iterdir()):
        if part.is_dir() and part.name.startswith(PARTITION_COLUMN + "="):
            out.extend(f"{part.name}/{f.name}" for f in sorted(part.iterdir()) if f.name.endswith(".parquet"))
    return out
