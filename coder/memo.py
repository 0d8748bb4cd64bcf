"""One budget for the memos that live as long as a process.

Memos (dicts that remember pure answers across articles: a word's gazetteer status, an actor unit resolved
on a date) make a long run fast. Each has its own cap, but together they are what makes a process's memory
grow with its input until every cap is reached, which may take millions of articles. `trim` clears every
registered memo when their entries together pass a budget, so a run's peak memory stops growing early.
Answers do not change (a memo only remembers): tests code the same articles trimming after every article
and compare every field.
"""
from __future__ import annotations

from typing import Any, Callable

BUDGET = 66_000  # memo entries, all memos together (~16 MB); dense news refills them in ~6,000 articles

_MEMOS: list[tuple[str, Any]] = []  # (name, dict) for `coder explain`-style debugging and tests


def register(name: str, memo: dict) -> dict:
    """Put `memo` under the budget; returns it, so a memo is declared as `self._x = register("x", {})`."""
    _MEMOS.append((name, memo))
    return memo


def register_cache(name: str, fn: Callable) -> Callable:
    """Put an `functools.lru_cache` function under the budget (its own maxsize still applies)."""
    _MEMOS.append((name, fn))
    return fn


def _size(memo: Any) -> int:
    return len(memo) if isinstance(memo, dict) else memo.cache_info().currsize


def entries() -> int:
    """Entries held by all registered memos."""
    return sum(_size(m) for _, m in _MEMOS)


def sizes() -> dict[str, int]:
    """Entries per registered memo (names may repeat: one per loaded resource)."""
    out: dict[str, int] = {}
    for name, m in _MEMOS:
        out[name] = out.get(name, 0) + _size(m)
    return out


def clear() -> None:
    """Forget every remembered answer (all memos at once: some key on objects that others hand out)."""
    for _, m in _MEMOS:
        if isinstance(m, dict):
            m.clear()
        else:
            m.cache_clear()


def trim(budget: int | None = None) -> bool:
    """Clear all memos if together they hold more than `budget` (default `BUDGET`) entries; True if it did.
    Call it between articles, never while one is being coded (an article's objects may be keys of the memos)."""
    if entries() > (BUDGET if budget is None else budget):
        clear()
        return True
    return False
