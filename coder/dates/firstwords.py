"""Which words can a match of a regex start with? (lower-cased; None = cannot tell).

Used to split the date patterns into small per-first-word alternations, so that trying a candidate
start costs a handful of patterns instead of all of them, and words no pattern starts with cost
nothing. Computed from the parsed regex (re._parser), so it cannot drift from the patterns.
"""
from __future__ import annotations

import re
import re._constants as C  # noqa: N812 - the stdlib's own names for the parse tree
import re._parser as P  # noqa: N812

_DIGITS = frozenset("0123456789")
_SKIP = {C.AT, C.ASSERT, C.ASSERT_NOT}


def _in(items: list) -> frozenset[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av).lower())
        elif op is C.RANGE:
            out.update(chr(i).lower() for i in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av in (C.CATEGORY_DIGIT, C.CATEGORY_UNI_DIGIT):
            out.update(_DIGITS)
        elif op is C.CATEGORY and av in (C.CATEGORY_SPACE, C.CATEGORY_UNI_SPACE):
            out.update(" \t\n\r\f\v")
        else:
            return None
    return frozenset(out)


DIGIT = "#digit"  # stands for "a number" among first words
_MAX_WORDS = 5000


class _Unbounded(Exception):
    pass


def _run(seq: list, open_: set[str]) -> tuple[set[str], set[str]]:
    """Feed a sequence to the first words being built: (still-open prefixes, finished first words)."""
    closed: set[str] = set()
    for op, av in seq:
        if not open_:
            break
        if op in _SKIP:
            continue
        if op is C.LITERAL:
            ch = chr(av).lower()
            if ch.isalpha():
                open_ = {p + ch for p in open_}
            else:
                closed |= {p for p in open_ if p}
                if "" in open_:
                    closed.add(DIGIT if ch.isdigit() else ch)
                open_ = set()
        elif op is C.IN:
            s = _in(av)
            if s is None or any(c.isalpha() for c in s):
                raise _Unbounded
            closed |= {p for p in open_ if p}
            if "" in open_:
                closed |= {DIGIT if c.isdigit() else c for c in s}
            open_ = set()
        elif op is C.BRANCH:
            new_open: set[str] = set()
            for b in av[1]:
                o, c = _run(b, set(open_))
                new_open |= o
                closed |= c
            open_ = new_open
        elif op is C.SUBPATTERN:
            open_, c = _run(av[3], open_)
            closed |= c
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            reach: set[str] = set(open_) if lo == 0 else set()
            cur = set(open_)
            for k in range(1, min(hi, 4) + 1):
                cur, c = _run(sub, cur)
                closed |= c
                if k >= lo:
                    reach |= cur
                if not cur:
                    break
            else:
                if cur and hi > 4:
                    raise _Unbounded
            open_ = reach
        else:
            raise _Unbounded
        if len(open_) + len(closed) > _MAX_WORDS:
            raise _Unbounded
    return open_, closed


def first_words(source: str) -> frozenset[str] | None:
    """Lower-cased words a match of `source` may start with (DIGIT for a number); None if unknown.

    Each word is the run of letters up to the first non-letter, e.g. "mid" for "mid-March".
    """
    try:
        open_, closed = _run(list(P.parse(source, re.IGNORECASE)), {""})
    except _Unbounded:
        return None
    words = closed | open_
    return None if "" in words else frozenset(words)


def lookbehind(source: str) -> int:
    """How many characters before a match's start the regex may read in a look-behind ((?<=...), (?<!...)).

    find_dates memoises phrases by their text and this much text before them, so it must be an upper bound.
    """
    def walk(node: object) -> int:
        if isinstance(node, P.SubPattern):
            return max((walk(item) for item in node.data), default=0)
        if isinstance(node, (list, tuple)):
            if len(node) == 2 and (node[0] is C.ASSERT or node[0] is C.ASSERT_NOT) and node[1][0] < 0:
                return max(node[1][1].getwidth()[1], walk(node[1][1]))
            return max((walk(item) for item in node), default=0)
        return 0

    return walk(P.parse(source, re.IGNORECASE))
