"""Bounded memos keyed by an object's identity, shared by the gazetteer and the geo resolver.

The gazetteer hands out one tuple per name (candidate lists, entries), so `id(obj)` is a cheap key. An id is
reused once its object dies, so each value is stored with the object itself: a hit counts only if it was
stored for this very object, and holding the object keeps its id from being reused while the entry lives.
"""
from __future__ import annotations

MEMO_MAX = 100_000  # entries per memo: these memos live as long as the process
MISS = object()


def memo_get(memo: dict, key: object, owner: object) -> object:
    """The value stored under `key` for `owner`, else MISS."""
    hit = memo.get(key)
    return hit[1] if hit is not None and hit[0] is owner else MISS


def memo_put(memo: dict, key: object, owner: object, value: object, limit: int | None = None) -> object:
    """Store `value` for `owner` while the memo has fewer than `limit` (default MEMO_MAX) entries; returns
    the value."""
    if len(memo) < (MEMO_MAX if limit is None else limit):
        memo[key] = (owner, value)
    return value
