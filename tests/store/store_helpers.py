"""Small builders for store tests: a fixed event schema of our own and rows derived from (article, hash)."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pyarrow as pa

from coder.store import CompactPolicy, Transaction, dataset_lock, read_events, recover

SCHEMA = pa.schema([
    ("event_id", pa.string()),
    ("article_id", pa.string()),
    ("article_hash", pa.string()),
    ("year", pa.int32()),
    ("event_date", pa.date32()),
    ("family", pa.string()),
    ("fatalities", pa.int32()),
    ("latitude", pa.float64()),
    ("tags", pa.list_(pa.string())),
])
VERSIONS = {"coder": "0.1.0", "rules": "r1", "actors": "a1", "gazetteer": "g1"}


def rows_for(article_id: str, content_hash: str, years: list[int | None]) -> list[dict]:
    """One event per year given; the event_id depends on the article, its content and the position."""
    return [{
        "event_id": f"{article_id}-{content_hash}-{i}", "article_id": article_id, "article_hash": content_hash,
        "year": y, "event_date": None if y is None else dt.date(y, 3, 1 + i), "family": "AIRSTRIKE",
        "fatalities": None if i % 2 else i, "latitude": None if y is None else 35.5, "tags": [] if i else None,
    } for i, y in enumerate(years)]


def run_once(root: Path, run_id: str, articles: list[tuple[str, str, list[int | None]]],
             versions: dict[str, str] = VERSIONS, full_refresh: bool = False,
             policy: CompactPolicy = CompactPolicy()):
    """One transaction, as the runner does it: lock, recover, decide, add rows of coded articles, commit."""
    with dataset_lock(root, run_id):
        recover(root)
        txn = Transaction(root, run_id, versions, full_refresh=full_refresh, policy=policy)
        rows, coded = [], []
        for aid, h, years in articles:
            if txn.decide(aid, h) == "code":
                rows.extend(rows_for(aid, h, years))
                coded.append((aid, h))
        txn.add(pa.Table.from_pylist(rows, SCHEMA) if rows else None, coded)
        return txn.commit()


def dataset_rows(root: Path) -> list[tuple]:
    """Every published row as a sorted list of tuples (order-free comparison of datasets)."""
    if not (Path(root) / "events").exists():
        return []
    t = read_events(root).to_table()
    return sorted((tuple(r.values()) for r in t.select(sorted(t.column_names)).to_pylist()), key=repr)


def event_files(root: Path) -> list[str]:
    events = Path(root) / "events"
    return sorted(str(p.relative_to(events)) for p in events.rglob("*.parquet")) if events.exists() else []


def snapshot(root: Path) -> dict[str, bytes]:
    """Bytes of every file a reader globbing DIR/events sees."""
    events = Path(os.path.realpath(Path(root) / "events"))
    return {str(p.relative_to(events)): p.read_bytes() for p in sorted(events.rglob("*.parquet"))}
