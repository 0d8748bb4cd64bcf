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

from coder.store import index as ix
from coder.store import layout
from coder.store.compact import CompactPolicy, compact_partition
from coder.store.files import (ROW_GROUP_ROWS, file_metadata, list_files, partition_dir, split_by_year,
                               write_file)
from coder.store.pause import pause_point, pause_requested

RUN_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MiB = 1024 * 1024


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
        self.base_index = (ix.WORK_SCHEMA.empty_table() if full_refresh or self.base is None
                           else ix.read_work_index(layout.version_dir(self.root, self.base) / layout.INDEX))
        self.known = ix.known_keys(self.base_index, self.vkey)  # article_id -> content_hash ("": re-code)
        self.stage = self.root / layout.STAGING / run_id
        self.stage_events = self.stage / layout.EVENTS
        self.stage_events.mkdir(parents=True, exist_ok=True)
        self.meta = file_metadata(self.versions, run_id)
        # per-article bookkeeping is the only state that grows with the input: one dict entry per article,
        # the rest as Arrow arrays
        self._seen: dict[str, str] = {}  # article_id -> content_hash of every article of this run's input
        self._coded: list[pa.Table] = []  # (article_id, content_hash) the coder finished, in input order
        self.articles_coded = 0
        self._buffers: dict[int | None, list[pa.Table]] = {}
        self._buffered = 0
        # one open staged file per partition: each flush appends row groups to it, so staged rows live on disk
        # (not in memory until commit) and a run stages one file per partition, not one per flush
        self._writers: dict[int | None, _StagedFile] = {}
        self._pairs: list[pa.Table] = []  # (article_id, file) of staged rows
        self._seq = 0
        self.files_staged = 0
        self.rows_written = 0
        self._wrote_first = False

    # ---- staging -------------------------------------------------------------------------------------
    def decide(self, article_id: str, content_hash: str) -> str:
        """'code', 'skip' (already in the dataset, or earlier in this run, unchanged) or 'conflict'
        (same id earlier in this run with other content: the first one wins, the caller rejects this one)."""
        seen = self._seen.get(article_id)
        if seen is not None:
            return "skip" if seen == content_hash else "conflict"
        self._seen[article_id] = content_hash
        if self.known.get(article_id) == content_hash:
            return "skip"
        return "code"

    def add(self, table: pa.Table | None, coded: list[tuple[str, str]]) -> None:
        """Stage the event rows (a table with `year` and `article_id`) of the articles in `coded`.

        `coded` lists (article_id, content_hash) of every article the coder finished, with or without events.
        An article sent to coding but not listed (the coder failed on it) keeps its previous rows and index
        entry, so the next run tries it again.
        """
        if coded:
            self._coded.append(pa.table({"article_id": pa.array([a for a, _ in coded], pa.string()),
                                         "content_hash": pa.array([h for _, h in coded], pa.string())}))
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
            ids = pc.unique(table.column("article_id"))
            self._pairs.append(pa.table({"article_id": ids, "file": pa.array([staged.rel] * len(ids), pa.string())}))
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
        self._seen = {}  # decide() is over: the per-article dict of the input is garbage before the index work
        pause_point("staged")
        res = CommitResult(version=None, previous=self.base, files_staged=self.files_staged,
                           rows_written=self.rows_written)
        if not self.articles_coded and not self.full_refresh and not force_compact and self.base is not None:
            self._drop_stage()
            return res
        vdir = self.stage / "version"
        events = vdir / layout.EVENTS
        events.mkdir(parents=True, exist_ok=True)
        coded = self._coded_table()
        coded_ids = coded.column("article_id")
        replaced = (coded_ids.filter(pc.is_in(coded_ids, value_set=self.base_index.column("article_id")))
                    .combine_chunks().unique() if self.base_index.num_rows else pa.array([], pa.string()))
        res.articles_replaced = len(replaced)
        file_map: dict[str, str | None] = {}
        if not self.full_refresh and self.base is not None:
            base_events = layout.version_dir(self.root, self.base) / layout.EVENTS
            affected = ix.files_of(self.base_index, replaced)
            for rel in list_files(base_events):
                src, dst = base_events / rel, events / rel
                dst.parent.mkdir(parents=True, exist_ok=True)
                if rel not in affected:
                    _link_or_copy(src, dst)
                    res.files_linked += 1
                    continue
                table = pq.read_table(src)
                kept = table.filter(pc.invert(pc.is_in(table.column("article_id"), value_set=replaced)))
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
        new_rows = self._index_rows(coded)
        if compact or force_compact:
            compacted = self._compact(events, force_compact)
            res.files_compacted = len(compacted)
            file_map = {old: compacted.get(new, new) if new is not None else None for old, new in file_map.items()}
            file_map.update(compacted)
            new_rows = ix.update(new_rows, set(), compacted, ix.WORK_SCHEMA.empty_table())
            if not self.articles_coded and not self.full_refresh and not compacted and self.base is not None:
                self._drop_stage()  # a compaction that found nothing to merge publishes nothing
                return res
        for part in list(events.iterdir()):
            if part.is_dir() and not any(part.iterdir()):
                part.rmdir()  # a partition whose last rows were replaced
        index = ix.update(ix.WORK_SCHEMA.empty_table() if self.full_refresh else self.base_index, replaced, file_map,
                          new_rows)
        self.base_index = self.known = None  # type: ignore[assignment]  # no longer needed: free them
        ix.write_index(vdir / layout.INDEX, index)
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

    def _coded_table(self) -> pa.Table:
        empty = pa.table({"article_id": pa.array([], pa.string()), "content_hash": pa.array([], pa.string())})
        return pa.concat_tables([empty, *self._coded]).combine_chunks()

    def _index_rows(self, coded: pa.Table) -> pa.Table:
        """Index rows of this run (WORK_SCHEMA): one per (article, staged file), or one with a null file for
        an article without events. Vectorised lookups, not a hash join: this table has a row per article."""
        empty = pa.table({"article_id": pa.array([], pa.string()), "file": pa.array([], pa.string())})
        pairs = pa.concat_tables([empty, *self._pairs]).combine_chunks()
        self._pairs = []
        ids = coded.column("article_id")
        pos = pc.index_in(pairs.column("article_id"), value_set=ids)
        pairs = pairs.filter(pc.is_valid(pos))  # rows of an article the coder did not finish are not indexed
        pos = pos.filter(pc.is_valid(pos))
        no_rows = coded.filter(pc.invert(pc.is_in(ids, value_set=pairs.column("article_id"))))
        article_id = pa.concat_arrays([pairs.column("article_id").combine_chunks(),
                                       no_rows.column("article_id").combine_chunks()])
        content_hash = pa.concat_arrays([pc.take(coded.column("content_hash"), pos).combine_chunks(),
                                         no_rows.column("content_hash").combine_chunks()])
        file = pa.concat_arrays([pairs.column("file").combine_chunks(), pa.nulls(no_rows.num_rows, pa.string())])
        n = len(article_id)
        return pa.table([article_id, content_hash, ix.constant(self.vkey, n), file, ix.constant(self.run_id, n)],
                        schema=ix.WORK_SCHEMA)

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

    def _drop_stage(self) -> None:
        import shutil
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
