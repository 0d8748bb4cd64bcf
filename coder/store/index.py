"""The article index of a version: which article, coded from which content with which versions, is in which file.

One row per (article, file); an article coded with no events has one row with a null file, so it is still
known and skipped next time. The index lives inside the version directory, so it switches with the events.
It has a row per article, so a transaction never holds it in memory: it is copied into the run's ledger
(ledger.py, on disk) and the next version's index is streamed out of the ledger, sorted by (article_id, file).
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
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
