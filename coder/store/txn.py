"""One write transaction on a dataset: stage new rows, build the next version, publish it atomically.

The caller holds the lock (see lock.py). Decisions per article (`decide`): skip it when the current
version already holds it with the same content hash and versions; code it otherwise. Coded articles that the
current version already holds are *replaced*: the files holding their old rows are rewritten without them
(under new names) in the next version; all other files are hard-linked, so a version costs O(files), not
O(bytes). See layout.py for the publication and recovery scheme.
"""
from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from coder.schema import to_array
from coder.store import index as ix
from coder.store import layout
from coder.store.compact import CompactPolicy, compact_partition
from coder.store.files import (ROW_GROUP_ROWS, file_metadata, list_files, partition_dir, split_by_year,
                               write_file)
from coder.store.ledger import Ledger
from coder.store.pause import pause_point, pause_requested

RUN_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MiB = 1024 * 1024
LEDGER = "ledger.sqlite"  # the run's per-article bookkeeping, in its stage directory


def check_run_id(run_id: str) -> str:
    if not RUN_ID_RE.match(run_id):
        raise ValueError(f"run id {run_id!r} is not usable in file names: use 1-100 characters from "
                         "A-Z a-z 0-9 . _ - starting with a letter or digit")
    return run_id


@dataclass
class CommitResult:
    """What a commit did. `version` is None when there was nothing to publish (the dataset is unchanged)."""

    version: int | None
    previous: int | None
    files_staged: int = 0
    files_linked: int = 0
    files_rewritten: int = 0
    files_removed: int = 0
    files_compacted: int = 0
    articles_replaced: int = 0
    rows_written: int = 0
    files_total: int = 0
    pruned_versions: list[int] = field(default_factory=list)


class Transaction:
    """Stage rows of one run and publish them as the next version (or, with full_refresh, a fresh dataset)."""

    def __init__(self, root: str | Path, run_id: str, versions: dict[str, str], *, full_refresh: bool = False,
                 policy: CompactPolicy = CompactPolicy(), flush_bytes: int = 8 * MiB,
                 keep_seconds: float = 900.0) -> None:
        self.root = Path(root)
        self.run_id = check_run_id(run_id)
        self.versions = dict(versions)
        self.vkey = ix.versions_key(self.versions)
        self.full_refresh = full_refresh
        self.policy = policy
        self.flush_bytes = flush_bytes
        self.keep_seconds = keep_seconds
        self.base = layout.current_version(self.root)
        self.n = (max(layout.list_versions(self.root), default=0) if self.base is None else self.base) + 1
        self.stage = self.root / layout.STAGING / run_id
        self.stage_events = self.stage / layout.EVENTS
        self.stage_events.mkdir(parents=True, exist_ok=True)
        self.meta = file_metadata(self.versions, run_id)
        # per-article bookkeeping (articles seen, coded, their staged files; the base index) grows with the
        # input, so it lives on disk in the stage directory, not in memory (see ledger.py)
        self.ledger: Ledger | None = Ledger(self.stage / LEDGER, self.vkey, run_id)
        if not full_refresh and self.base is not None:
            self.ledger.load_base(layout.version_dir(self.root, self.base) / layout.INDEX)
        self.articles_coded = 0
        self._buffers: dict[int | None, list[pa.Table]] = {}
        self._buffered = 0
        # one open staged file per partition: each flush appends row groups to it, so staged rows live on disk
        # (not in memory until commit) and a run stages one file per partition, not one per flush
        self._writers: dict[int | None, _StagedFile] = {}
        self._seq = 0
        self.files_staged = 0
        self.rows_written = 0
        self._wrote_first = False

    # ---- staging -------------------------------------------------------------------------------------
    def decide(self, article_id: str, content_hash: str) -> str:
        """'code', 'skip' (already in the dataset, or earlier in this run, unchanged) or 'conflict'
        (same id earlier in this run with other content: the first one wins, the caller rejects this one)."""
        return self._ledger().decide(article_id, content_hash)

    def add(self, table: pa.Table | None, coded: list[tuple[str, str]]) -> None:
        """Stage the event rows (a table with `year` and `article_id`) of the articles in `coded`.

        `coded` lists (article_id, content_hash) of every article the coder finished, with or without events.
        An article sent to coding but not listed (the coder failed on it) keeps its previous rows and index
        entry, so the next run tries it again.
        """
        if coded:
            self._ledger().add_coded(coded)
            self.articles_coded += len(coded)
        if table is None or table.num_rows == 0:
            return
        for year, part in split_by_year(table):
            self._buffers.setdefault(year, []).append(part)
        self._buffered += table.nbytes
        if self._buffered >= self.flush_bytes or (not self._wrote_first and pause_requested("writing")):
            self.flush()  # (the test hook writes the first rows at once, so a kill finds a staged file mid-run)

    def flush(self) -> None:
        """Append the buffered rows to the open staged file of each partition (a new file when the columns
        changed, so a file never mixes schemas)."""
        for year, parts in sorted(self._buffers.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
            table = pa.concat_tables(parts, promote_options="default")
            parts.clear()
            staged = self._writers.get(year)
            if staged is not None and not staged.accepts(table):
                staged.close()
                staged = None
            if staged is None:
                rel = f"{partition_dir(year)}/{self._name('p')}"
                staged = self._writers[year] = _StagedFile(self.stage_events, rel, table.schema, self.meta)
                self.files_staged += 1
            staged.write(table)
            self._ledger().add_pairs(pc.unique(table.column("article_id")).to_pylist(), staged.rel)
            self.rows_written += table.num_rows
            del table
            if not self._wrote_first:
                self._wrote_first = True
                pause_point("writing")
        self._buffers.clear()
        self._buffered = 0
        pa.default_memory_pool().release_unused()

    def _name(self, kind: str) -> str:
        self._seq += 1
        return f"{self.run_id}-v{self.n:06d}-{kind}{self._seq:05d}.parquet"

    # ---- publication ---------------------------------------------------------------------------------
    def commit(self, *, compact: bool = True, force_compact: bool = False) -> CommitResult:
        """Build the next version from the current one plus the staged rows, and publish it atomically."""
        self.flush()
        self._close_writers()
        ledger = self._ledger()
        ledger.forget_seen()  # decide() is over
        pause_point("staged")
        res = CommitResult(version=None, previous=self.base, files_staged=self.files_staged,
                           rows_written=self.rows_written)
        if not self.articles_coded and not self.full_refresh and not force_compact and self.base is not None:
            self._drop_stage()
            return res
        vdir = self.stage / "version"
        events = vdir / layout.EVENTS
        events.mkdir(parents=True, exist_ok=True)
        res.articles_replaced = ledger.replaced_count()
        file_map: dict[str, str | None] = {}
        if not self.full_refresh and self.base is not None:
            base_events = layout.version_dir(self.root, self.base) / layout.EVENTS
            affected = ledger.affected_files()
            for rel in list_files(base_events):
                src, dst = base_events / rel, events / rel
                dst.parent.mkdir(parents=True, exist_ok=True)
                if rel not in affected:
                    _link_or_copy(src, dst)
                    res.files_linked += 1
                    continue
                table = pq.read_table(src)
                ids = table.column("article_id")
                replaced = to_array(sorted(ledger.coded_among(pc.unique(ids).to_pylist())), pa.string())
                kept = table.filter(pc.invert(pc.is_in(ids, value_set=replaced)))
                res.files_removed += 1
                if kept.num_rows:
                    new_rel = f"{rel.split('/')[0]}/{self._name('r')}"
                    write_file(events / new_rel, kept, {})
                    file_map[rel] = new_rel
                    res.files_rewritten += 1
                else:
                    file_map[rel] = None
        for rel in list_files(self.stage_events):
            (events / rel).parent.mkdir(parents=True, exist_ok=True)
            os.rename(self.stage_events / rel, events / rel)
        if compact or force_compact:
            compacted = self._compact(events, force_compact)
            res.files_compacted = len(compacted)
            file_map = {old: compacted.get(new, new) if new is not None else None for old, new in file_map.items()}
            file_map.update(compacted)
            if not self.articles_coded and not self.full_refresh and not compacted and self.base is not None:
                self._drop_stage()  # a compaction that found nothing to merge publishes nothing
                return res
        for part in list(events.iterdir()):
            if part.is_dir() and not any(part.iterdir()):
                part.rmdir()  # a partition whose last rows were replaced
        ledger.write_index(vdir / layout.INDEX, file_map, keep_base=not self.full_refresh)
        res.files_total = len(list_files(events))
        (vdir / layout.VERSION_FILE).write_text(json.dumps({
            "version": self.n, "previous": self.base, "run_id": self.run_id, "full_refresh": self.full_refresh,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "files": res.files_total,
            "versions": self.versions}, indent=1) + "\n")
        layout.fsync_tree(vdir)
        (self.root / layout.VERSIONS).mkdir(exist_ok=True)
        os.rename(vdir, layout.version_dir(self.root, self.n))
        layout.fsync_path(self.root / layout.VERSIONS)
        pause_point("publishing")
        layout.swap_events_link(self.root, self.n)
        res.version = self.n
        pause_point("published")
        self._drop_stage()
        res.pruned_versions = layout.prune_versions(self.root, self.keep_seconds)
        return res

    def abort(self) -> None:
        """Forget everything staged; the published dataset is untouched."""
        self._buffers.clear()
        try:
            self._close_writers()
        except Exception:  # noqa: BLE001 - the stage is deleted next anyway
            self._writers.clear()
        self._drop_stage()

    def _compact(self, events: Path, force: bool) -> dict[str, str]:
        mapping: dict[str, str] = {}
        paused = []

        def before_drop() -> None:
            if not paused:
                paused.append(True)
                pause_point("compacting")

        for part in sorted(p.name for p in events.iterdir() if p.is_dir()):
            mapping.update(compact_partition(events, part, self.policy, force, lambda: self._name("c"),
                                             before_drop))
        return mapping

    def _close_writers(self) -> None:
        writers, self._writers = self._writers, {}
        for staged in writers.values():
            staged.close()

    def _ledger(self) -> Ledger:
        if self.ledger is None:
            raise RuntimeError(f"transaction {self.run_id} is over (committed or aborted): start a new one")
        return self.ledger

    def _drop_stage(self) -> None:
        import shutil
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None
        if self.stage.exists():
            shutil.rmtree(self.stage)
        try:
            self.stage.parent.rmdir()  # .staging, when no other stage is left in it
        except OSError:
            pass


def _link_or_copy(src: Path, dst: Path) -> None:
    """Hard-link an immutable file into the new version (copy if the filesystem cannot link)."""
    try:
        os.link(src, dst)
    except OSError:
        import shutil
        shutil.copy2(src, dst)


class _StagedFile:
    """A staged Parquet file kept open across flushes: every flush adds row groups; closed (footer written,
    fsynced) at commit."""

    def __init__(self, stage_events: Path, rel: str, schema: pa.Schema, metadata: dict[bytes, bytes]) -> None:
        self.rel = rel
        self.path = stage_events / rel
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.columns = schema.remove_metadata()
        meta = dict(schema.metadata or {})
        meta.update(metadata)
        self.schema = schema.with_metadata(meta)
        self._writer: pq.ParquetWriter | None = pq.ParquetWriter(str(self.path), self.schema, compression="zstd")

    def accepts(self, table: pa.Table) -> bool:
        return table.schema.remove_metadata().equals(self.columns)

    def write(self, table: pa.Table) -> None:
        assert self._writer is not None, f"{self.rel} is already closed"
        self._writer.write_table(table.replace_schema_metadata(self.schema.metadata), row_group_size=ROW_GROUP_ROWS)

    def close(self) -> None:
        if self._writer is None:
            return
        self._writer.close()
        self._writer = None
        layout.fsync_path(self.path)
