"""The first words of multi-word names, worked out once when the gazetteer is built instead of at every load.

`find` reads on after a capitalised word as far as the longest name that word starts, and tries the skeleton
index only after a word whose skeleton starts a multi-word skeleton key. Both come from the sorted name keys:
`head_lengths` (first word -> most words of a name it starts) and `head_skeletons` (their skeletons). Working
them out from the 440k keys cost ~0.4 s of every process's start; the build writes them to `heads.arrow`
(word, most, skeleton), which loads in a few milliseconds. The file records the row count and byte size of
the names file it was derived from: a mismatch (names rebuilt alone) makes the loader work them out again.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.ipc as ipc

from .normalize import skel_token

_META_ROWS = b"names_rows"
_META_SIZE = b"names_bytes"


def head_lengths(keys: Iterable[str]) -> dict[str, int]:
    """First word of each multi-word key -> most words a key starting with it has."""
    first_len: dict[str, int] = {}
    for k in keys:
        if " " in k:
            w = k.split(" ", 1)[0]
            first_len[w] = max(first_len.get(w, 0), k.count(" ") + 1)
    return first_len


def head_skeletons(first_len: Iterable[str]) -> frozenset[str]:
    """Skeletons of the first words (a word whose skeleton is here may start a multi-word skeleton key)."""
    return frozenset(skel_token(k) for k in first_len)


def write_heads(keys: Iterable[str], path: Path, names_rows: int, names_bytes: int) -> None:
    """Write `heads.arrow` for the names file of `names_rows` keys and `names_bytes` bytes (build time)."""
    import pyarrow.feather as feather  # build time only: it imports pandas

    first_len = head_lengths(keys)
    words = sorted(first_len)
    table = pa.table({"word": pa.array(words, pa.string()),
                      "most": pa.array([first_len[w] for w in words], pa.int8()),
                      "skeleton": pa.array([skel_token(w) for w in words], pa.string()).dictionary_encode()})
    table = table.replace_schema_metadata({_META_ROWS: str(names_rows).encode(),
                                           _META_SIZE: str(names_bytes).encode()})
    # uncompressed (~1.3 MB): read zero-copy from the memory map (decompressing cost ~9 MB of resident memory)
    feather.write_feather(table, path, compression="uncompressed", chunksize=max(1, table.num_rows))


def read_heads(path: Path, names_rows: int, names_bytes: int) -> tuple[dict[str, int], frozenset[str]] | None:
    """(head lengths, head skeletons) from `heads.arrow`, or None when it is missing or was derived from
    another names file than the one of `names_rows` keys and `names_bytes` bytes."""
    if not path.exists():
        return None
    with pa.memory_map(str(path)) as src:
        table = ipc.open_file(src, options=ipc.IpcReadOptions(use_threads=False)).read_all()
    meta = table.schema.metadata or {}
    if meta.get(_META_ROWS) != str(names_rows).encode() or meta.get(_META_SIZE) != str(names_bytes).encode():
        return None
    words = table.column("word").to_pylist()
    most = table.column("most").to_pylist()
    skels = table.column("skeleton").combine_chunks()
    return dict(zip(words, most)), frozenset(skels.dictionary.to_pylist())
