"""One `coder run`, end to end, as a library: read -> code on an engine -> stage -> publish atomically.

Exit codes (RunSummary.exit_code; the CLI exits with it):
    0  the run completed (rejects are counted, not fatal)
    1  the run failed (an error, or more rejected input than --max-reject-rate); nothing was published
    2  bad usage (UsageError: a bad option value)
    3  another run holds the lock on DIR (LockedError, raised before anything is touched)

The reject rate is rejected input records (unreadable, invalid, duplicate ids with other content) divided by
input records read. Over `max_reject_rate` the run publishes nothing: a mostly unreadable input usually means
a wrong file or format, and publishing the little that was read would look like a real, complete day.
The rejects file is still written so the operator can see why.

Files: DIR/runs/<run-id>.json is written at the start (status "running") and rewritten at the end
("completed" or "failed"); a run killed with SIGKILL leaves "running" there. DIR/rejects/<run-id>.jsonl has one
JSON object per Reject; with `dropped=True`, DIR/dropped/<run-id>.jsonl has one per Dropped trigger.
Retrying with the same run id rewrites these three files.
"""
from __future__ import annotations

import dataclasses
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator

from coder import collector, memo
from coder.engine import ENGINES, default_workers, map_batches, worker_id
from coder.models import Article, Dropped, Reject
from coder.store import CompactPolicy, LockedError, Transaction, check_run_id, compact_dataset, dataset_lock, recover

__all__ = ["EXIT_FAILED", "EXIT_LOCKED", "EXIT_OK", "EXIT_USAGE", "LockedError", "RunConfig", "RunSummary",
           "UsageError", "compact", "format_log", "run"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
BATCH_CHARS = 8_000_000  # a batch also closes at this much text, so huge articles cannot blow up memory

LogFn = Callable[[str, dict[str, Any]], None]


class UsageError(ValueError):
    """A bad option value; the CLI exits with 2."""


@dataclass(frozen=True)
class RunConfig:
    inputs: list[str]
    out: str
    run_id: str | None = None
    full_refresh: bool = False
    workers: int | None = None  # None: the CPUs this process may use
    engine: str = "local"
    scheduler: str | None = None
    dropped: bool = False
    max_reject_rate: float | None = None
    batch_articles: int = 200
    options: Any = None  # coder.pipeline.CodeOptions; None means the defaults
    compact: bool = True  # compact partitions past CompactPolicy.max_files files
    keep_seconds: float = 900.0  # how long replaced versions stay for readers in flight


@dataclass
class RunSummary:
    run_id: str
    out: str
    kind: str = "run"
    status: str = "running"
    exit_code: int = EXIT_OK
    message: str = ""
    inputs: list[str] = field(default_factory=list)
    started: str = ""
    finished: str | None = None
    full_refresh: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    reject_rate: float = 0.0
    max_reject_rate: float | None = None
    versions: dict[str, str] = field(default_factory=dict)
    durations: dict[str, float] = field(default_factory=dict)
    dataset: dict[str, Any] = field(default_factory=dict)
    engine: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=1, sort_keys=False) + "\n"


@dataclass(frozen=True)
class TaskResult:
    """What one batch sends back to the client: compact (an Arrow table, not dicts) and picklable."""

    table: Any  # pyarrow.Table | None
    rejects: list[Reject]
    dropped: list[Dropped]
    articles: list[tuple[str, str]]
    stats: dict[str, Any]
    worker: str


def code_task(articles: list[Article], options: Any, keep_dropped: bool) -> TaskResult:
    """The pure function the engines run: code a batch, return its rows as one Arrow table."""
    from coder.pipeline import code_batch
    from coder.schema import rows_to_table

    with collector.paused():  # the rows and their columns hold no cycles either (see coder/collector.py)
        res = code_batch(articles, options)
        table = rows_to_table(res.rows) if res.rows else None
        res.rows = []
    return TaskResult(table, res.rejects, res.dropped if keep_dropped else [], res.articles, res.stats, worker_id())


def format_log(event: str, fields: dict[str, Any], fmt: str = "text") -> str:
    """One log line: `--log-format json` gives one JSON object per line for log collectors."""
    if fmt == "json":
        return json.dumps({"ts": _now(), "event": event, **fields}, default=str)
    return f"{_now()} {event} " + " ".join(f"{k}={v}" for k, v in fields.items())


def run(cfg: RunConfig, progress: Callable[[int, int], None] | None = None, log: LogFn | None = None) -> RunSummary:
    """Code `cfg.inputs` into the dataset at `cfg.out`. Raises UsageError or LockedError; returns the summary
    otherwise (exit_code 1 and a message when the run failed). `progress(articles_seen, events)` is called
    after each batch."""
    _check(cfg)
    lean_arrow_memory()
    from coder.pipeline import CodeOptions

    options = cfg.options if cfg.options is not None else CodeOptions()
    if hasattr(options, "keep_dropped"):  # do not compute and ship dropped triggers nobody asked for
        options = dataclasses.replace(options, keep_dropped=cfg.dropped)
    log = log or (lambda event, fields: None)
    run_id = check_run_id(cfg.run_id) if cfg.run_id else new_run_id()
    root = Path(cfg.out)
    t0 = time.perf_counter()
    summary = RunSummary(run_id=run_id, out=str(root), inputs=list(cfg.inputs), started=_now(),
                         full_refresh=cfg.full_refresh, max_reject_rate=cfg.max_reject_rate,
                         engine={"name": cfg.engine, "workers": cfg.workers or default_workers(),
                                 "scheduler": cfg.scheduler})
    with dataset_lock(root, run_id):
        for sub in ("runs", "rejects") + (("dropped",) if cfg.dropped else ()):
            (root / sub).mkdir(exist_ok=True)
        _write_atomic(root / "runs" / f"{run_id}.json", summary.to_json())
        log("run.start", {"run_id": run_id, "out": str(root), "inputs": list(cfg.inputs), "engine": cfg.engine})
        txn = None
        try:
            removed = recover(root)
            if removed:
                log("run.recovered", {"removed": removed})
            summary.versions = _versions(options, in_process=cfg.engine == "local" and cfg.workers == 1)
            txn = Transaction(root, run_id, summary.versions, full_refresh=cfg.full_refresh,
                              keep_seconds=cfg.keep_seconds)
            _code_all(cfg, options, txn, summary, root, run_id, progress, log)
            memo.clear()  # coding is over: its memos' memory is reused by the commit instead of added to it
            summary.durations["read_and_code"] = round(time.perf_counter() - t0, 3)
            c = summary.counts
            records = c["articles_read"] + c["input_rejects"]
            rejected = c["input_rejects"] + c["duplicate_ids"]
            summary.reject_rate = round(rejected / records, 6) if records else 0.0
            if records == 0:  # a cron job pointed at an empty or wrong folder must not look like a quiet day
                summary.warnings.append(
                    f"no input records found in {', '.join(cfg.inputs)}: directories are read for *.txt, "
                    "*.jsonl and *.jsonl.gz files (hidden files are skipped); check the input path")
                log("run.warning", {"run_id": run_id, "warning": summary.warnings[-1]})
            if cfg.max_reject_rate is not None and summary.reject_rate > cfg.max_reject_rate:
                txn.abort()
                txn = None
                _fail(summary, f"reject rate {summary.reject_rate:.3f} is over --max-reject-rate "
                               f"{cfg.max_reject_rate}: {rejected} of {records} input records were rejected (see "
                               f"{root / 'rejects' / (run_id + '.jsonl')}); nothing was published")
            else:
                t1 = time.perf_counter()
                res = txn.commit(compact=cfg.compact)
                txn = None
                summary.durations["publish"] = round(time.perf_counter() - t1, 3)
                summary.dataset = dataclasses.asdict(res)
                summary.status, summary.exit_code = "completed", EXIT_OK
                summary.message = (f"published version {res.version}" if res.version is not None
                                   else "nothing new to publish; the dataset is unchanged")
        except Exception as e:  # the summary must say why; the CLI prints the message and exits 1
            _fail(summary, f"{type(e).__name__}: {e}")
        except BaseException:
            _fail(summary, "interrupted")
            raise
        finally:
            if txn is not None:
                txn.abort()
            summary.finished = _now()
            summary.durations["total"] = round(time.perf_counter() - t0, 3)
            _write_atomic(root / "runs" / f"{run_id}.json", summary.to_json())
            log("run.done" if summary.exit_code == EXIT_OK else "run.failed",
                {"run_id": run_id, "status": summary.status, "exit_code": summary.exit_code,
                 "message": summary.message, **summary.counts})
    return summary


def lean_arrow_memory() -> None:
    """Make this process's Arrow allocations come from the system allocator (unless ARROW_DEFAULT_MEMORY_POOL
    names one). pyarrow's default, mimalloc, keeps freed pages for reuse: the client's many short-lived tables
    (a result per batch, the index at commit) then ratchet its RSS up with the input; measured on 133k
    articles, peak client RSS 488 MB with mimalloc, 408 MB with the system pool, at the same speed."""
    import pyarrow as pa
    if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        pa.set_memory_pool(pa.system_memory_pool())


def compact(out: str, run_id: str | None = None, log: LogFn | None = None) -> RunSummary:
    """`coder compact DIR`: merge the small files of every partition into a new version, atomically."""
    lean_arrow_memory()
    log = log or (lambda event, fields: None)
    root = Path(out)
    if not (root / "events").is_symlink():
        raise UsageError(f"{root}: no coder dataset here (no events link); give the --out DIR of a previous run")
    run_id = check_run_id(run_id) if run_id else new_run_id("compact")
    t0 = time.perf_counter()
    summary = RunSummary(run_id=run_id, out=str(root), kind="compact", started=_now())
    with dataset_lock(root, run_id):
        try:
            recover(root)
            res = compact_dataset(root, run_id, policy=CompactPolicy())
            summary.dataset = dataclasses.asdict(res)
            summary.status = "completed"
            summary.message = (f"published version {res.version}: {res.files_compacted} files merged"
                               if res.version is not None else "nothing to merge; the dataset is unchanged")
        except Exception as e:
            _fail(summary, f"{type(e).__name__}: {e}")
        summary.finished = _now()
        summary.durations["total"] = round(time.perf_counter() - t0, 3)
        (root / "runs").mkdir(exist_ok=True)
        _write_atomic(root / "runs" / f"{run_id}.json", summary.to_json())
        log("compact.done", {"run_id": run_id, "status": summary.status, "message": summary.message})
    return summary


# ---- internals -------------------------------------------------------------------------------------------

def _code_all(cfg: RunConfig, options: Any, txn: Transaction, summary: RunSummary, root: Path, run_id: str,
              progress: Callable[[int, int], None] | None, log: LogFn) -> None:
    c = summary.counts
    c.update({k: 0 for k in ("articles_read", "articles_skipped", "articles_coded", "articles_failed",
                             "duplicate_ids", "input_rejects", "coding_rejects", "sentences", "events", "dropped",
                             "chars", "events_without_date")})
    rejects_tmp = root / "rejects" / f".{run_id}.jsonl.tmp"
    dropped_tmp = root / "dropped" / f".{run_id}.jsonl.tmp"
    workers_seen: set[str] = set()
    try:
        _stream(cfg, options, txn, c, rejects_tmp, dropped_tmp, workers_seen, summary, progress)
    finally:  # the rejects read so far are worth keeping even when the run fails
        if rejects_tmp.exists():
            os.replace(rejects_tmp, root / "rejects" / f"{run_id}.jsonl")
        if cfg.dropped and dropped_tmp.exists():
            os.replace(dropped_tmp, root / "dropped" / f"{run_id}.jsonl")
    summary.engine["workers_seen"] = sorted(workers_seen)
    log("run.coded", {"run_id": run_id, **c})


def _stream(cfg: RunConfig, options: Any, txn: Transaction, c: dict[str, int], rejects_tmp: Path,
            dropped_tmp: Path, workers_seen: set[str], summary: RunSummary,
            progress: Callable[[int, int], None] | None) -> None:
    """Read, batch, code on the engine, stage; counts go into `c`."""
    with open(rejects_tmp, "w", encoding="utf-8") as rej, \
            (open(dropped_tmp, "w", encoding="utf-8") if cfg.dropped else open(os.devnull, "w")) as drp:

        def batches() -> Iterator[list[Article]]:
            batch: list[Article] = []
            chars = 0
            from coder.ingest import read_inputs
            for item in read_inputs(list(cfg.inputs)):
                if isinstance(item, Reject):
                    c["input_rejects"] += 1
                    rej.write(_jsonl(item))
                    continue
                c["articles_read"] += 1
                decision = txn.decide(item.id, item.content_hash)
                if decision == "skip":
                    c["articles_skipped"] += 1
                    continue
                if decision == "conflict":
                    c["duplicate_ids"] += 1
                    rej.write(_jsonl(Reject(
                        item.input_file or "", item.line, "duplicate-id",
                        f"article id {item.id!r} appears again in this run with different content; the first "
                        "one was coded and this one left out: give every article its own id", item.id)))
                    continue
                batch.append(item)
                chars += len(item.text)
                if len(batch) >= cfg.batch_articles or chars >= BATCH_CHARS:
                    yield batch
                    batch, chars = [], 0
            if batch:
                yield batch

        fn = partial(code_task, options=options, keep_dropped=cfg.dropped)
        sent = 0
        for res in map_batches(fn, batches(), engine=cfg.engine, workers=cfg.workers, scheduler=cfg.scheduler):
            txn.add(res.table, res.articles)
            workers_seen.add(res.worker)
            st = res.stats
            sent += 1
            c["articles_coded"] += len(res.articles)
            c["sentences"] += int(st.get("sentences", 0))
            c["events"] += 0 if res.table is None else res.table.num_rows
            c["chars"] += int(st.get("chars", 0))
            c["events_without_date"] += int(st.get("events_without_date", 0))
            c["coding_rejects"] += len(res.rejects)
            c["articles_failed"] += sum(1 for r in res.rejects if r.reason == "coder-error")
            for r in res.rejects:
                rej.write(_jsonl(r))
            for d in res.dropped:
                drp.write(_jsonl(d))
            c["dropped"] += len(res.dropped)
            if progress is not None:
                progress(c["articles_read"], c["events"])
        c["rejects"] = c["input_rejects"] + c["duplicate_ids"] + c["coding_rejects"]
        c["articles"] = c["articles_read"]
    summary.engine["batches"] = sent


def _versions(options: Any, in_process: bool) -> dict[str, str]:
    """The coder, rules, dictionaries and gazetteer versions. Computing them loads every resource (~250 MB),
    so unless this process codes too, ask a short-lived child process and keep the client small."""
    from coder.pipeline import versions
    if in_process:
        return versions(options)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver")) as pool:
        return pool.submit(versions, options).result()


def _check(cfg: RunConfig) -> None:
    if not cfg.inputs:
        raise UsageError("no input given: name at least one file, directory, URL or '-' for stdin")
    if cfg.engine not in ENGINES:
        raise UsageError(f"--engine {cfg.engine!r} is unknown: choose one of {', '.join(ENGINES)}")
    if cfg.workers is not None and cfg.workers < 1:
        raise UsageError(f"--workers must be at least 1, got {cfg.workers}")
    if cfg.scheduler and cfg.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if cfg.batch_articles < 1:
        raise UsageError(f"batch_articles must be at least 1, got {cfg.batch_articles}")
    if cfg.max_reject_rate is not None and not 0.0 <= cfg.max_reject_rate <= 1.0:
        raise UsageError(f"--max-reject-rate must be between 0 and 1, got {cfg.max_reject_rate}")
    if cfg.run_id is not None:
        try:
            check_run_id(cfg.run_id)
        except ValueError as e:
            raise UsageError(f"--run-id: {e}") from None
    out = Path(cfg.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} exists and is not a directory")


def _fail(summary: RunSummary, message: str) -> None:
    summary.status, summary.exit_code, summary.message = "failed", EXIT_FAILED, message


def new_run_id(prefix: str = "") -> str:
    """A sortable, unique run id: 20261128T143400Z-3fa2c1."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    return f"{prefix + '-' if prefix else ''}{stamp}-{secrets.token_hex(3)}"


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _jsonl(record: Any) -> str:
    return json.dumps(dataclasses.asdict(record), ensure_ascii=False, default=str) + "\n"


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
