"""Which words can a match of a regex start with? (lower-cased; None = cannot tell).

Used to split the date patterns into small per-first-word alternations, so that trying a candidate
start costs a handful of patterns instead of all of them, and words no pattern starts with cost
nothing. Computed from the parsed regex (re._parser), so it cannot drift from the patterns.
"""
from __future__ import annotations

import re
from functools import lru_cache
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


@lru_cache(maxsize=256)
def _parsed(source: str) -> list:
    """The parse tree's top sequence (first_words and first_two_words read the same sources: parse once)."""
    return list(P.parse(source, re.IGNORECASE))


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
        open_, closed = _run(_parsed(source), {""})
    except _Unbounded:
        return None
    words = closed | open_
    return None if "" in words else frozenset(words)


def first_words_split(source: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """first_words as (closed, open): a closed word is followed, in every match that starts with it, by a
    character that is not a letter (so it is the whole run of letters there); an open word may be followed
    by anything (the match may end after it, or a letter may follow). None if unknown."""
    try:
        open_, closed = _run(_parsed(source), {""})
    except _Unbounded:
        return None
    if "" in closed or "" in open_:
        return None
    return frozenset(closed - open_), frozenset(open_)


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


# ---- first two words ------------------------------------------------------------------------------------
# find_dates tries, at a word, the patterns that may start with it (first_words). Most tries fail or are
# won by a late pattern ("on 5 March" fails six "on <weekday>" patterns first), so the word after it
# narrows them further: first_two_words(source) says which (first word, second word) pairs a match may
# start with. Words here are what find_dates reads from the text: maximal runs of \w characters (letters,
# digits, "_"), lower-cased, DIGIT for a run that starts with a digit; the second word is the next run
# after the first, whatever non-word characters lie between. ANY_SECOND stands for "any second word, or
# none": the match may end, or reach a character class that cannot be told, before its second word ends.

ANY_SECOND = None
_MAX_PREFIX = 40
_MAX_STATES = 5000


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what sre's \w matches in a str pattern


def _step(states: set[tuple], chars: frozenset[str] | None, pairs: set[tuple]) -> set[tuple]:
    """Feed one character (any of `chars`, lower-cased; None = cannot tell) to each state.

    States: ("w1", letters so far) in a first word of letters; ("d1",) in a first word that starts with a
    digit; ("s", w1) between the words; ("w2", w1, letters so far); ("d2", w1). A finished second word
    goes to `pairs` and leaves the states.
    """
    out: set[tuple] = set()
    for st in states:
        tag = st[0]
        if chars is None:
            if tag == "w1" or tag == "d1":
                raise _Unbounded
            pairs.add((st[1], ANY_SECOND))
            continue
        for ch in chars:
            if tag == "w1":
                if ch.isalpha():
                    if len(st[1]) >= _MAX_PREFIX:
                        raise _Unbounded
                    out.add(("w1", st[1] + ch))
                elif st[1] == "":
                    if ch.isdigit():
                        out.add(("d1",))
                    else:  # a match that starts with a non-letter: find_dates never tries it (as first_words)
                        pairs.add((ch, ANY_SECOND))
                elif _word_char(ch):
                    pairs.add((st[1], ANY_SECOND))
                else:
                    out.add(("s", st[1]))
            elif tag == "d1":
                out.add(st if _word_char(ch) else ("s", DIGIT))
            elif tag == "s":
                if ch.isalpha():
                    out.add(("w2", st[1], ch))
                elif ch.isdigit():
                    out.add(("d2", st[1]))
                elif _word_char(ch):
                    pairs.add((st[1], ANY_SECOND))
                else:
                    out.add(st)
            elif tag == "w2":
                if ch.isalpha():
                    if len(st[2]) >= _MAX_PREFIX:
                        pairs.add((st[1], ANY_SECOND))
                    else:
                        out.add(("w2", st[1], st[2] + ch))
                elif _word_char(ch):
                    pairs.add((st[1], ANY_SECOND))
                else:
                    pairs.add((st[1], st[2]))
            elif _word_char(ch):  # d2
                out.add(st)
            else:
                pairs.add((st[1], DIGIT))
    if len(out) > _MAX_STATES:
        raise _Unbounded
    return out


_BOUNDARY = (C.AT_BOUNDARY, C.AT_UNI_BOUNDARY, C.AT_LOC_BOUNDARY)


def _boundary(states: set[tuple], pairs: set[tuple]) -> set[tuple]:
    """A \\b: after a word character the word ends there (the next character is not one)."""
    out: set[tuple] = set()
    for st in states:
        tag = st[0]
        if tag == "w1":
            out.add(("s", st[1]) if st[1] else st)
        elif tag == "d1":
            out.add(("s", DIGIT))
        elif tag == "w2":
            pairs.add((st[1], st[2]))
        elif tag == "d2":
            pairs.add((st[1], DIGIT))
        else:
            out.add(st)
    return out


def _run2(seq: list, states: set[tuple], pairs: set[tuple]) -> set[tuple]:
    """Feed a sequence of the parse tree to the states (see _step); returns the states still open."""
    for op, av in seq:
        if not states:
            break
        if op is C.AT and av in _BOUNDARY:
            states = _boundary(states, pairs)
        elif op in _SKIP:  # other anchors, look-arounds: zero width
            continue
        elif op is C.LITERAL:
            states = _step(states, frozenset(chr(av).lower()), pairs)
        elif op is C.IN:
            states = _step(states, _in(av), pairs)
        elif op is C.BRANCH:
            new: set[tuple] = set()
            for b in av[1]:
                new |= _run2(b, set(states), pairs)
            states = new
        elif op is C.SUBPATTERN:
            states = _run2(av[3], states, pairs)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            reach: set[tuple] = set(states) if lo == 0 else set()
            cur = set(states)
            k = 0
            while cur and k < hi:
                k += 1
                cur = _run2(sub, cur, pairs)
                if k >= lo:
                    cur -= reach  # states seen before lead nowhere new
                    reach |= cur
                elif k > 100:
                    raise _Unbounded
            states = reach
        else:
            states = _step(states, None, pairs)
    return states


def first_two_words(source: str) -> frozenset[tuple[str, str | None]] | None:
    """(first word, second word) pairs a match of `source` may start with (see above); None if unknown.

    Sound, not tight: every match's pair, or (its first word, ANY_SECOND), is in the set.
    """
    pairs: set[tuple] = set()
    try:
        left = _run2(_parsed(source), {("w1", "")}, pairs)
    except _Unbounded:
        return None
    for st in left:  # the match may end here
        if st[0] == "w1":
            pairs.add((st[1], ANY_SECOND))
        elif st[0] == "d1":
            pairs.add((DIGIT, ANY_SECOND))
        elif st[0] == "d2":
            pairs.add((st[1], DIGIT))
        else:
            pairs.add((st[1], ANY_SECOND))
    return frozenset(pairs)
