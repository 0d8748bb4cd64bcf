"""Find date phrases in a text (patterns.yaml), in one left-to-right pass.

The small per-first-word alternations only locate a phrase; the matching pattern's own regex then
reads the fields of that span. Phrases that name an impossible day ("31 February") are dropped
here, so resolve() never sees them.
"""
from __future__ import annotations

import re
from typing import Any

from coder.dates.calendar import valid_day
from coder.dates.firstwords import DIGIT
from coder.dates.lexicon import CORE, DIGIT_RUN, Lexicon, Pattern, load
from coder.dates.model import DateMention, build_mention, moved

MAX_WORDS_BEFORE = 7   # a phrase starts at most this many words before its core ("since the truce of 12 ...")
MAX_CHARS_BEFORE = 80
_WORD = re.compile(r"\b\w+")
_NEXT_WORD = re.compile(r"\W*(\w+)")  # the word after a word (Lexicon.narrow)
# The same for plain ASCII texts (see Lexicon.alternation): same matches there, without Unicode tables.
_WORD_ASCII = re.compile(r"\b\w+", re.ASCII)
_NEXT_WORD_ASCII = re.compile(r"\W*(\w+)", re.ASCII)


def _int(s: str | None) -> int | None:
    if s is None:
        return None
    digits = s[:2] if s[:2].isdigit() else s[:1]
    return int(digits)


def _month(lex: Lexicon, s: str | None) -> int | None:
    if s is None:
        return None
    if s.isdigit():
        return int(s)
    return lex.months.get(s.rstrip(".").lower())


def _mention(lex: Lexicon, pat: Pattern, text: str, s: int, e: int) -> DateMention | None:
    m = pat.regex.fullmatch(text, s, e)
    if m is None:  # cannot happen for a span the master found, but never guess
        return None
    g = m.groupdict()
    kind = pat.kind
    inner = None
    if kind == "anchor":
        kind = lex.anchors[" ".join(g["prep"].lower().split())]
        i0, i1 = m.span("inner")
        im = lex.inner_master.fullmatch(text, i0, i1)
        if im is None:
            return None
        inner = _mention(lex, lex.group_to_pattern[im.lastgroup], text, i0, i1)  # type: ignore[index]
        if inner is None or inner.kind == "future":
            return None
    day, month, year = _int(g.get("d")), _month(lex, g.get("m")), g.get("y")
    year = int(year) if year else None
    day2, month2 = _int(g.get("d2")), _month(lex, g.get("m2"))
    if day is not None and month is not None and not valid_day(year, month, day):
        return None
    if day2 is not None:
        month2 = month2 or month
        wraps = g.get("m2") is not None and month is not None and month2 is not None and month2 < month
        if month2 is None or not valid_day(year, month2, day2) or ((month2, day2) <= (month, day)
                                                                    and not wraps):
            return None  # "28 December to 2 January" wraps into the next year; "5 to 3 March" is no range
    wd = g.get("wd")
    n = g.get("n")
    part = g.get("part")
    return build_mention(
        s, e, text[s:e], kind, pat.id, day, month, year, day2, month2,
        lex.weekdays[wd.lower()] if wd else None,
        (int(n) if n.isdigit() else lex.numbers[n.lower()]) if n else None,
        lex.parts[" ".join(part.lower().split())] if part else None,
        bool(g.get("earlier")),
        inner,
    )


def _core_positions(lex: Lexicon, text: str) -> list[int]:
    """Where the text has a digit run, a month name or a core word (words.cores): every phrase has one.

    One Aho-Corasick pass over the lower-cased text finds them all (~3x faster than a regex for the cased
    ones plus a str.find per core word); see lexicon.CoreFinder for how a hit becomes a core.
    """
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two characters: lower the others one by one, keep those as they are
        low = "".join([lc if len(lc) == 1 else c for c, lc in zip(text, map(str.lower, text))])
    roles = lex.core_finder.roles
    hits = []
    for k, s, e in lex.core_finder.automaton.find_matches_as_indexes(low, overlapping=True):
        role = roles[k]
        if role is CORE or (s == 0 or text[s - 1] not in _ASCII_DIGITS if role is DIGIT_RUN
                            else text[s:e] in role):
            hits.append(s)
    hits.sort()
    return hits


_ASCII_DIGITS = "0123456789"  # cased_cores' [0-9]


_MEMO_SIZE = 20000
_MISSING: Any = object()


def find_dates(text: str) -> list[DateMention]:
    """Date phrases in `text`, non-overlapping, in order of position (see find_date_spans)."""
    return [moved(p, s) for s, _, p in find_date_spans(text)]


def find_date_spans(text: str) -> list[tuple[int, int, DateMention]]:
    """find_dates as (start, end, phrase) triples, where `phrase` is the DateMention as found at offset 0
    (start 0; shared by every place that phrase occurs, so it is not copied for each: a caller that needs
    only the offsets and what resolve() reads takes these; find_dates moves each to its place).

    Around each core (see _core_positions), the words up to MAX_WORDS_BEFORE words back that can
    start a phrase are tried from the leftmost on, each with only the patterns that can start with
    that word (lexicon.starts); the first match that reaches the core wins. This gives the same
    leftmost, first-pattern match as scanning with the whole alternation (a property test checks
    it), at a small fraction of the cost; each word is tried at most once, so time is linear.

    A word's patterns, and the mention a matched phrase makes, are memoised (lex.word_keys,
    lex.phrases): the mention depends only on the phrase and the few characters before it that its
    pattern may read (lex.context: one for a \\b, more for a look-behind).
    """
    lex = load()
    cores = _core_positions(lex, text)
    if not cores:
        return []
    starts, word_keys, phrases, context, narrowed = lex.starts, lex.word_keys, lex.phrases, lex.context, lex.narrowed
    # ASCII without the four separators \x1c-\x1f, which Unicode \s matches and ASCII \s does not
    ascii_only = (text.isascii() and "\x1c" not in text and "\x1d" not in text and "\x1e" not in text
             and "\x1f" not in text)
    if ascii_only:
        compiled, word_rx, next_word = lex.compiled_ascii, _WORD_ASCII, _NEXT_WORD_ASCII.match
    else:
        compiled, word_rx, next_word = lex.compiled, _WORD, _NEXT_WORD.match
    finditer = word_rx.finditer
    out: list[tuple[int, int, DateMention]] = []
    done = 0    # end of the last phrase found: phrases do not overlap
    tried = -1  # last start tried: a start that failed for one core fails for every later one too
    for c in cores:
        if c < done:
            continue
        lo = c - MAX_CHARS_BEFORE
        if lo <= tried:
            lo = tried + 1
        if lo < done:
            lo = done
        words = list(finditer(text, lo, c + 1))
        n = len(words)
        if not n:
            continue
        last = words[-1]
        tried = last.start()
        # the last word may be cut at c + 1: read it whole (the others end before it)
        last_word = last.group() if last.end() <= c else word_rx.match(text, tried).group()  # type: ignore[union-attr]
        i = n - MAX_WORDS_BEFORE if n > MAX_WORDS_BEFORE else 0
        while i < n:
            w = words[i]
            i += 1
            word = w.group() if i < n else last_word
            first = word_keys.get(word, _MISSING)
            if first is _MISSING:
                if len(word_keys) >= _MEMO_SIZE:
                    word_keys.clear()
                w1 = DIGIT if word[0].isdigit() else word.lower()
                first = word_keys[word] = (w1 if word.isascii() else starts[w1]) if w1 in starts else None
            if first is None:
                continue
            s = w.start()
            if first.__class__ is str:  # narrow the word's patterns by the word after it
                if i < n:  # the next word of the window (words are consecutive runs of \w)
                    second = words[i].group() if i < n - 1 else last_word
                else:
                    nx = next_word(text, s + len(word))
                    second = nx.group(1) if nx is not None else ""
                pair = (first, second)
                key = narrowed.get(pair, _MISSING)
                if key is _MISSING:
                    if len(narrowed) >= _MEMO_SIZE:
                        narrowed.clear()
                    key = narrowed[pair] = lex.narrow(first, second)
                if key is None:
                    continue
            else:  # a non-ASCII word: all its patterns (see Lexicon.narrow)
                key = first
            m = (compiled.get(key) or lex.alternation(key, ascii_only)).match(text, s)
            if m is None:
                continue
            e = m.end()
            if e <= c:
                continue
            group: str = m.lastgroup  # type: ignore[assignment]  # a match of an alternation of named groups
            b = s - context[group]
            if b < 0:
                b = 0
            memo = (group, text[b:e], s - b)
            found = phrases.get(memo, _MISSING)
            if found is _MISSING:
                found = _mention(lex, lex.group_to_pattern[group], text, s, e)  # type: ignore[index]
                if found is not None:
                    found = moved(found, -s)
                if len(phrases) >= _MEMO_SIZE:
                    phrases.clear()
                phrases[memo] = found
            if found is not None:
                out.append((s, e, found))
                done = e
                break
    return out
