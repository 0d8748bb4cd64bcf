"""Which characters can a regex match start with? (lower-cased; None = any character).

Used to split the date patterns into small per-first-character alternations, so that trying a
candidate start costs a handful of patterns instead of all of them. It over-approximates (a larger
set is always safe), never under-approximates.
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


def _seq(seq: list) -> tuple[frozenset[str] | None, bool]:
    """(first characters, can-match-empty) of a sequence of parse-tree items."""
    acc: set[str] = set()
    for op, av in seq:
        if op in _SKIP:
            continue
        if op is C.LITERAL:
            return frozenset(acc | {chr(av).lower()}), False
        if op is C.IN:
            s = _in(av)
            return (None if s is None else frozenset(acc | s)), False
        if op is C.BRANCH:
            sets = [_seq(b) for b in av[1]]
            chars, nullable = set(acc), False
            for s, n in sets:
                if s is None:
                    return None, False
                chars |= s
                nullable = nullable or n
        elif op is C.SUBPATTERN:
            s, nullable = _seq(av[3])
            if s is None:
                return None, False
            chars = acc | s
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            s, n = _seq(av[2])
            if s is None:
                return None, False
            chars, nullable = acc | s, n or av[0] == 0
        else:
            return None, False
        acc = set(chars)
        if not nullable:
            return frozenset(acc), False
    return frozenset(acc), True


def first_chars(source: str) -> frozenset[str] | None:
    """Lower-cased characters a match of `source` may start with; None if any or if it may be empty."""
    chars, nullable = _seq(list(P.parse(source, re.IGNORECASE)))
    return None if nullable or chars is None else chars
