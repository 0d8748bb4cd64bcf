"""Bounded, ordered submission shared by the engines: keep at most `limit` futures open, yield in order."""
from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterable, Iterator


def bounded_ordered(submit: Callable[[Any], Any], result: Callable[[Any], Any], items: Iterable[Any],
                    limit: int, cancel: Callable[[Any], Any] = lambda f: None) -> Iterator[Any]:
    """Submit items lazily, never holding more than `limit` pending futures; yield results in input order."""
    pending: deque = deque()
    it = iter(items)
    try:
        for item in it:
            pending.append(submit(item))
            if len(pending) >= limit:
                yield result(pending.popleft())
        while pending:
            yield result(pending.popleft())
    finally:
        for f in pending:
            cancel(f)
