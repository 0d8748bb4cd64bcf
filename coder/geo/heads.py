"""The first words of multi-word names, worked out once when the gazetteer is built instead of at every load.

`find` reads on after a capitalised word as far as the longest name that word starts, and tries the skeleton
index only after a word whose skeleton starts a multi-word skeleton key. Both come from the sorted name keys.
Working them out from the 440k keys cost ~0.4 s of every process's start; the build writes them to
`heads.arrow`, one row: `most`, aligned with the name keys (at the first key that starts with "w ", the most
words a name starting with word w has; 0 elsewhere), and `skeletons` (the skeletons of those first words).
`most` is read zero-copy from the memory map (the file is not compressed), so a word's count is one bisect in
the keys, done when a word is first seen. The file records the row count and byte size of the names file it
was derived from: a mismatch (names rebuilt alone) makes the loader work them out again.
"""
from __future__ import annotations

from bisect import bisect_left
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc

from .normalize import skel_token

_META_ROWS = b"names_rows"
_META_SIZE = b"names_bytes"
Heads = tuple[Sequence[int], frozenset[str]]  # (most, aligned with the sorted keys; skeletons of first words)


def head_lengths(keys: Iterable[str]) -> dict[str, int]:
    """First word of each multi-word key -> most words a key starting with it has."""
    first_len: dict[str, int] = {}
    for k in keys:
        if " " in k:
            w = k.split(" ", 1)[0]
            first_len[w] = max(first_len.get(w, 0), k.count(" ") + 1)
    return first_len


def head_skeletons(words: Iterable[str]) -> frozenset[str]:
    """Skeletons of the first words (a word whose skeleton is here may start a multi-word skeleton key)."""
    return frozenset(skel_token(k) for k in words)


def heads_of(keys: list[str]) -> Heads:
    """`most` (a bytearray aligned with the sorted `keys`) and the head skeletons, worked out from the keys."""
    first_len = head_lengths(keys)
    most = bytearray(len(keys))
    for w, n in first_len.items():
        most[bisect_left(keys, w + " ")] = n
    return most, head_skeletons(first_len)


def head_len(lower_bound: Callable[[str], tuple[int, str | None]], most: Sequence[int], word: str) -> int:
    """The most words of a name that starts with `word` (a one-word key), 0 when no multi-word name does.
    `lower_bound(key)` = (i, keys[i]) for the first of the sorted keys not below `key` (None past the end)."""
    p = word + " "
    i, k = lower_bound(p)
    return most[i] if k is not None and k.startswith(p) else 0


def write_heads(keys: list[str], path: Path, names_bytes: int) -> None:
    """Write `heads.arrow` for the sorted `keys` of a names file of `names_bytes` bytes (build time)."""
    import pyarrow.feather as feather  # build time only: it imports pandas

    most, skeletons = heads_of(keys)
    table = pa.table({"most": pa.array([list(most)], pa.list_(pa.int8())),
                      "skeletons": pa.array([sorted(skeletons)], pa.list_(pa.string()))})
    table = table.replace_schema_metadata({_META_ROWS: str(len(keys)).encode(),
                                           _META_SIZE: str(names_bytes).encode()})
    # uncompressed (~0.6 MB): read zero-copy from the memory map (decompressing cost ~9 MB of resident memory)
    feather.write_feather(table, path, compression="uncompressed")


def read_heads(path: Path, names_rows: int, names_bytes: int) -> Heads | None:
    """(most, head skeletons) from `heads.arrow`, or None when it is missing or was derived from another
    names file than the one of `names_rows` keys and `names_bytes` bytes."""
    if not path.exists():
        return None
    with pa.memory_map(str(path)) as src:
        table = ipc.open_file(src, options=ipc.IpcReadOptions(use_threads=False)).read_all()
    meta = table.schema.metadata or {}
    if meta.get(_META_ROWS) != str(names_rows).encode() or meta.get(_META_SIZE) != str(names_bytes).encode():
        return None
    most = table.column("most").chunk(0).values
    if len(most) != names_rows or most.null_count or most.offset:
        return None
    # a memoryview of the int8 values: indexing gives a Python int
    view = memoryview(np.frombuffer(most.buffers()[1], dtype=np.int8, count=names_rows))
    return view, frozenset(table.column("skeletons").chunk(0).values.to_pylist())
