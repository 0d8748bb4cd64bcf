"""Per-article bookkeeping of one transaction, kept on disk so that a run's memory does not grow with its input.

A run must remember every article id it has read (to skip a repeat and reject a conflicting duplicate), which
articles the coder finished and which staged files hold their rows, and, on an incremental run, the article index
of the current version (to skip unchanged articles and to drop the old rows of replaced ones). Held in Python
and Arrow this cost ~1 KB per article during the run and several times that while the next index was built at
commit. Here it lives in a SQLite file (SQLite ships with Python) in the run's stage directory, with a bounded
page cache, and the next version's index is streamed out of it in sorted slices.

The file is scratch: no journal, no fsync. A killed run's stage directory, ledger included, is deleted by the next
run's recovery like its staged files; the published index is the Parquet file written by `write_index`.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from coder.schema import to_array
from coder.store.index import INDEX_SCHEMA

CACHE_KIB = 2048  # SQLite page cache of a ledger (its sorts spill to temporary files)
_FETCH_ROWS = 2048  # rows taken from SQLite at a time (each a tuple of new str objects)
_BATCH_ROWS = 4096  # index rows per Arrow batch (and row group) written
_IN_CHUNK = 500  # ids per `IN (...)` query (SQLite allows 999 parameters by default)

_TABLES = """
CREATE TABLE base(article_id TEXT NOT NULL, content_hash TEXT, versions TEXT, file TEXT, run_id TEXT);
CREATE TABLE seen(article_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE coded(article_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE pairs(article_id TEXT NOT NULL, file TEXT NOT NULL);
CREATE TABLE fmap(old TEXT PRIMARY KEY, new TEXT) WITHOUT ROWID;
"""

# The next index: base rows of articles not coded again (their files renamed by the file map, rows of removed
# files dropped), then one row per (coded article, staged file), or one with a null file for a coded article
# without events. Ordered as the index is kept: by article_id, then file with nulls last (Arrow's order; SQLite
# compares TEXT bytewise, as Arrow compares UTF-8 strings).
_NEXT_INDEX = """
SELECT article_id, content_hash, versions, file, run_id FROM (
  SELECT b.article_id, b.content_hash, b.versions, CASE WHEN m.old IS NULL THEN b.file ELSE m.new END AS file,
         b.run_id, (m.old IS NOT NULL AND m.new IS NULL) AS gone
    FROM base b LEFT JOIN fmap m ON m.old = b.file
   WHERE NOT EXISTS (SELECT 1 FROM coded c WHERE c.article_id = b.article_id)
  UNION ALL
  SELECT c.article_id, c.content_hash, :vkey, CASE WHEN m.old IS NULL THEN p.file ELSE m.new END, :run_id,
         (m.old IS NOT NULL AND m.new IS NULL)
    FROM coded c JOIN pairs p ON p.article_id = c.article_id LEFT JOIN fmap m ON m.old = p.file
  UNION ALL
  SELECT c.article_id, c.content_hash, :vkey, NULL, :run_id, 0
    FROM coded c WHERE NOT EXISTS (SELECT 1 FROM pairs p WHERE p.article_id = c.article_id)
) WHERE NOT gone
ORDER BY article_id, file IS NULL, file
"""


class Ledger:
    """The on-disk bookkeeping of one transaction (see the module docstring). `vkey` is the versions key of
    this run, `run_id` goes into the index rows it adds."""

    def __init__(self, path: Path, vkey: str, run_id: str) -> None:
        self.path = Path(path)
        self.vkey = vkey
        self.run_id = run_id
        self.has_base = False
        if self.path.exists():
            self.path.unlink()  # a leftover of a killed run under the same id: scratch, never reused
        self._db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE", f"cache_size=-{CACHE_KIB}",
                       "locking_mode=EXCLUSIVE"):
            self._db.execute(f"PRAGMA {pragma}")
        self._db.executescript(_TABLES)
        self._db.execute("BEGIN")  # one transaction for the run: no commit per statement

    # ---- during the run ------------------------------------------------------------------------------
    def load_base(self, index_path: Path) -> None:
        """Copy the current version's index (Parquet) into the ledger, a slice at a time."""
        if not index_path.exists():
            return
        insert = "INSERT INTO base VALUES (?, ?, ?, ?, ?)"
        for batch in pq.ParquetFile(index_path).iter_batches(batch_size=_BATCH_ROWS, columns=INDEX_SCHEMA.names):
            self._db.executemany(insert, zip(*(batch.column(i).to_pylist() for i in range(batch.num_columns))))
            self.has_base = True
        self._db.execute("CREATE INDEX base_article ON base(article_id)")

    def decide(self, article_id: str, content_hash: str) -> str:
        """'skip' (earlier in this run with the same content, or in the base index with the same content and
        versions), 'conflict' (earlier in this run with other content) or 'code'."""
        if self._db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (article_id, content_hash)).rowcount == 0:
            (seen,) = self._db.execute("SELECT content_hash FROM seen WHERE article_id = ?", (article_id,)).fetchone()
            return "skip" if seen == content_hash else "conflict"
        if self.has_base:
            known = self._db.execute("SELECT content_hash, versions FROM base WHERE article_id = ? LIMIT 1",
                                     (article_id,)).fetchone()
            if known is not None and known == (content_hash, self.vkey):
                return "skip"
        return "code"

    def add_coded(self, coded: Iterable[tuple[str, str]]) -> None:
        """(article_id, content_hash) of articles the coder finished (the first entry of an id wins)."""
        self._db.executemany("INSERT OR IGNORE INTO coded VALUES (?, ?)", coded)

    def add_pairs(self, article_ids: Iterable[str], file: str) -> None:
        """These articles have rows in this staged file."""
        self._db.executemany("INSERT INTO pairs VALUES (?, ?)", ((a, file) for a in article_ids))

    def forget_seen(self) -> None:
        """decide() is over: drop what only it needed."""
        self._db.execute("DELETE FROM seen")

    # ---- at commit -----------------------------------------------------------------------------------
    def replaced_count(self) -> int:
        """Coded articles that the base index holds (their old rows are replaced)."""
        if not self.has_base:
            return 0
        return self._db.execute("SELECT COUNT(*) FROM coded c WHERE EXISTS "
                                "(SELECT 1 FROM base b WHERE b.article_id = c.article_id)").fetchone()[0]

    def affected_files(self) -> set[str]:
        """Base files holding rows of a replaced article."""
        if not self.has_base:
            return set()
        rows = self._db.execute("SELECT DISTINCT b.file FROM coded c JOIN base b ON b.article_id = c.article_id "
                                "WHERE b.file IS NOT NULL")
        return {f for (f,) in rows}

    def coded_among(self, article_ids: Iterable[str]) -> set[str]:
        """The ids in `article_ids` that this run coded."""
        ids = list(dict.fromkeys(article_ids))
        out: set[str] = set()
        for k in range(0, len(ids), _IN_CHUNK):
            chunk = ids[k:k + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            out.update(a for (a,) in self._db.execute(
                f"SELECT article_id FROM coded WHERE article_id IN ({marks})", chunk))
        return out

    def next_index(self, file_map: dict[str, str | None], keep_base: bool) -> Iterator[pa.RecordBatch]:
        """The next version's index (INDEX_SCHEMA), sorted by (article_id, file), one row per (article_id,
        file), in batches. `file_map` renames files (None: the file is gone, and so are its rows); without
        `keep_base` the base index is left out (a full refresh)."""
        self._db.execute("CREATE INDEX IF NOT EXISTS pairs_article ON pairs(article_id)")  # built once, at the end
        self._db.execute("DELETE FROM fmap")
        self._db.executemany("INSERT INTO fmap VALUES (?, ?)", file_map.items())
        if not keep_base:
            self._db.execute("DELETE FROM base")
        cur = self._db.execute(_NEXT_INDEX, {"vkey": self.vkey, "run_id": self.run_id})
        shared: dict[str | None, str | None] = {}  # versions, file and run_id repeat: one str object each
        last: tuple | None = None
        kept: list[tuple] = []
        while rows := cur.fetchmany(_FETCH_ROWS):
            for aid, h, versions, file, run_id in rows:  # one row per (article_id, file): rows of one key say
                if (aid, file) != last:                  # the same (all come from one run)
                    last = (aid, file)
                    kept.append((aid, h, shared.setdefault(versions, versions), shared.setdefault(file, file),
                                 shared.setdefault(run_id, run_id)))
            if len(kept) >= _BATCH_ROWS or len(shared) > _FETCH_ROWS:
                yield _batch(kept)
                kept = []
                shared.clear()
        if kept:
            yield _batch(kept)

    def write_index(self, path: Path, file_map: dict[str, str | None], keep_base: bool) -> int:
        """Write the next index durably to `path` (Parquet, INDEX_SCHEMA); returns its number of rows."""
        n = 0
        with open(path, "wb") as f:
            with pq.ParquetWriter(f, INDEX_SCHEMA, compression="zstd") as w:
                for batch in self.next_index(file_map, keep_base):
                    w.write_batch(batch, row_group_size=_BATCH_ROWS)
                    n += batch.num_rows
            f.flush()
            os.fsync(f.fileno())
        return n

    def close(self) -> None:
        """Close the database (its file goes with the stage directory)."""
        try:
            self._db.close()
        except sqlite3.Error:  # noqa: PERF203 - closing scratch; nothing to keep
            pass


def _batch(rows: list[tuple]) -> pa.RecordBatch:
    """Columns built from buffers: pa.array on Python strings imports pandas (~50 MB, 0.3 s) into a run that
    has no other use for it."""
    return pa.RecordBatch.from_arrays([to_array(col, pa.string()) for col in zip(*rows)], schema=INDEX_SCHEMA)
