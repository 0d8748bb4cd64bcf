"""Bounded files: merge the small files of a partition once it holds more than `max_files` files.

Daily runs add about one small file per partition; past the threshold the small files of that partition are
streamed (row group by row group, so memory stays bounded) into as few files as the size target allows.
Each input file goes whole into one output, so the article index can follow with a plain file -> file map.
Files whose column schemas differ (a schema change between runs) are never mixed in one output.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pyarrow as pa
import pyarrow.parquet as pq

MiB = 1024 * 1024


@dataclass(frozen=True)
class CompactPolicy:
    """When and how to merge. After every run each partition holds at most `max_files` small files."""

    max_files: int = 4           # a partition with more files than this is compacted
    small_bytes: int = 32 * MiB  # only files smaller than this are merged
    target_bytes: int = 128 * MiB  # merged outputs roll over past this size
    rows_per_group: int = 32 * 1024  # rows held in memory while merging (one output row group)


def plan(files: list[tuple[str, int]], policy: CompactPolicy, force: bool = False) -> list[list[str]]:
    """Groups of files (relative names, with sizes) of ONE partition to merge into one output each.

    Without `force`, nothing happens until the partition holds more than `max_files` files.
    """
    if not force and len(files) <= policy.max_files:
        return []
    small = [(name, size) for name, size in files if size < policy.small_bytes]
    if len(small) < 2:
        return []
    groups: list[list[str]] = [[]]
    total = 0
    for name, size in small:
        if groups[-1] and total + size > policy.target_bytes:
            groups.append([])
            total = 0
        groups[-1].append(name)
        total += size
    return [g for g in groups if len(g) >= 2]


def merge(inputs: list[Path], out: Path, policy: CompactPolicy) -> None:
    """Stream `inputs` (same column schema) into one fsynced file `out`, keeping their key-value metadata."""
    first = pq.ParquetFile(inputs[0])
    schema = first.schema_arrow
    all_versions = []
    for p in inputs:
        meta = pq.read_schema(p).metadata or {}
        v = meta.get(b"coder.versions")
        if v is not None and v not in all_versions:
            all_versions.append(v)
    meta = dict(schema.metadata or {})
    if all_versions:
        meta[b"coder.versions"] = all_versions[-1]
        meta[b"coder.versions_all"] = json.dumps([json.loads(v) for v in all_versions]).encode()
    schema = schema.with_metadata(meta)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as f:
        with pq.ParquetWriter(f, schema, compression="zstd") as writer:
            pending: list[pa.RecordBatch] = []
            rows = 0
            for p in inputs:
                for batch in pq.ParquetFile(p).iter_batches(batch_size=policy.rows_per_group):
                    pending.append(batch.replace_schema_metadata(meta))
                    rows += batch.num_rows
                    if rows >= policy.rows_per_group:
                        writer.write_table(pa.Table.from_batches(pending, schema))
                        pending, rows = [], 0
            if pending:
                writer.write_table(pa.Table.from_batches(pending, schema))
        f.flush()
        os.fsync(f.fileno())
    pa.default_memory_pool().release_unused()  # hand freed buffers back, so merging many files stays flat


def same_columns(a: Path, b: Path) -> bool:
    return pq.read_schema(a).remove_metadata().equals(pq.read_schema(b).remove_metadata())


def compact_partition(events: Path, partition: str, policy: CompactPolicy, force: bool,
                      new_name: Callable[[], str], before_drop: Callable[[], None] = lambda: None
                      ) -> dict[str, str]:
    """Merge small files of `events/partition`; returns {old relative file: new relative file}."""
    pdir = events / partition
    files = [(f.name, f.stat().st_size) for f in sorted(pdir.iterdir()) if f.name.endswith(".parquet")]
    mapping: dict[str, str] = {}
    for group in plan(files, policy, force):
        # split the group where the column schema changes, so outputs never mix schemas
        runs: list[list[str]] = [[group[0]]]
        for name in group[1:]:
            if same_columns(pdir / runs[-1][0], pdir / name):
                runs[-1].append(name)
            else:
                runs.append([name])
        for run in runs:
            if len(run) < 2:
                continue
            out = new_name()
            merge([pdir / n for n in run], pdir / out, policy)
            for n in run:
                mapping[f"{partition}/{n}"] = f"{partition}/{out}"
    if mapping:
        before_drop()
        for old in mapping:
            (events / old).unlink()
    return mapping
