"""Stream Articles and Rejects from input paths: files, directories (recursive), URLs, or "-" (stdin).

Paths go through fsspec, so `s3://` or `gs://` work where the matching filesystem is installed.
JSON Lines (plain or gzip) are read line by line and never held whole in memory; a .txt file is
one article and is read whole.
"""
from __future__ import annotations

import gzip
import posixpath
import sys
import zlib
from typing import BinaryIO, Iterable, Iterator

import fsspec

from coder.ingest.jsonl import excerpt, parse_record
from coder.ingest.txt import parse_txt
from coder.models import Article, Reject

STDIN = "-"
STDIN_NAME = "<stdin>"
FORMATS = (".txt", ".jsonl", ".jsonl.gz")


def _format_of(path: str) -> str | None:
    low = path.lower()
    return next((f for f in sorted(FORMATS, key=len, reverse=True) if low.endswith(f)), None)


def _unreadable(input_file: str, exc: BaseException, line: int | None = None) -> Reject:
    where = f"{input_file}:{line}" if line else input_file
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return Reject(input_file=input_file, line=line, reason="unreadable",
                  message=f"{where}: cannot read: {reason} ({type(exc).__name__})")


def read_jsonl_stream(stream: BinaryIO | Iterable[bytes], input_file: str) -> Iterator[Article | Reject]:
    """Records of a binary JSON Lines stream, one line at a time; blank lines are not records."""
    line = 0
    it = iter(stream)
    while True:
        try:
            raw = next(it)
        except StopIteration:
            return
        except (OSError, EOFError, zlib.error) as exc:  # truncated or corrupt gzip, I/O error
            yield _unreadable(input_file, exc, line + 1)
            return
        line += 1
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue
        yield parse_record(raw, input_file, line)


def _read_txt(fs: fsspec.AbstractFileSystem, path: str, input_file: str) -> Article | Reject:
    try:
        with fs.open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return _unreadable(input_file, exc)
    article_id = posixpath.basename(path)[: -len(".txt")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Reject(input_file=input_file, line=None, reason="not-utf8", article_id=article_id,
                      message=f"{input_file}: byte {exc.start} is not UTF-8 ({exc.reason}); "
                              "re-encode the file as UTF-8",
                      raw=excerpt(data[max(0, exc.start - 100): exc.start + 100]))
    if not text.strip():
        return Reject(input_file=input_file, line=None, reason="empty-text", article_id=article_id,
                      message=f"{input_file}: the file has no text")
    return parse_txt(text, article_id, input_file)


def _read_file(fs: fsspec.AbstractFileSystem, path: str, input_file: str) -> Iterator[Article | Reject]:
    fmt = _format_of(path)
    if fmt == ".txt":
        yield _read_txt(fs, path, input_file)
        return
    if fmt is None:
        yield Reject(input_file=input_file, line=None, reason="unsupported-format",
                     message=f"{input_file}: not a .txt, .jsonl or .jsonl.gz file; rename it or convert it")
        return
    try:
        f = fs.open(path, "rb")
    except OSError as exc:
        yield _unreadable(input_file, exc)
        return
    with f:
        stream = gzip.GzipFile(fileobj=f, mode="rb") if fmt == ".jsonl.gz" else f
        yield from read_jsonl_stream(stream, input_file)


def _is_hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in rel.split("/"))


def _read_one(inp: str) -> Iterator[Article | Reject]:
    if inp == STDIN:
        yield from read_jsonl_stream(sys.stdin.buffer, STDIN_NAME)
        return
    try:
        fs, root = fsspec.core.url_to_fs(inp)
        is_dir = fs.isdir(root)
    except (OSError, ValueError, ImportError) as exc:
        yield _unreadable(inp, exc)
        return
    if not is_dir:
        if not fs.exists(root):
            yield Reject(input_file=inp, line=None, reason="unreadable",
                         message=f"{inp}: no such file or directory")
            return
        yield from _read_file(fs, root, inp)
        return
    root_s = root.rstrip("/")
    found = []
    for path in fs.find(root_s):
        rel = path[len(root_s):].lstrip("/") if path.startswith(root_s) else posixpath.basename(path)
        if rel and not _is_hidden(rel) and _format_of(rel):
            found.append((rel, path))
    for rel, path in sorted(found):
        yield from _read_file(fs, path, inp.rstrip("/") + "/" + rel)


def read_inputs(inputs: list[str]) -> Iterator[Article | Reject]:
    """Articles and Rejects from every input in order; directories in sorted path order.

    In a directory only .txt/.jsonl/.jsonl.gz files are read (other and hidden files are left alone);
    a file named explicitly in another format is a Reject "unsupported-format".
    """
    for inp in inputs:
        yield from _read_one(inp)
