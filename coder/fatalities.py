"""Fatality counts from a sentence, following the ACLED conventions in the codebook.

Numbers in digits or words; "dozens" = 12, "hundreds" = 100, "tens" = 10, "scores" = 20; "several",
"many", "a few" without a number = 3; no mention, or only "casualties"/"injured" = 0. Across mentions of one
event the lowest figure wins (events.merge does that).
"""
from __future__ import annotations

import re

import ahocorasick_rs

from coder.dates.firstwords import DIGIT, first_words_split

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "a single": 1,
}
_VAGUE = {"dozens": 12, "dozen": 12, "hundreds": 100, "tens": 10, "scores": 20, "several": 3, "many": 3,
          "a few": 3, "few": 3, "some": 3, "a number": 3, "numerous": 3, "multiple": 3, "thousands": 1000}
_NUM = (r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|"
        r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a single|"
        r"dozens|dozen|hundreds|tens|scores|several|many|a few|some|a number|numerous|multiple|thousands)")
_QUAL = r"(?:at least |some |about |around |nearly |almost |up to |more than |over |approximately |roughly )?"
_VICTIM = (r"(?:[\w'-]+\s){0,3}?(?:people|persons|civilians|militants|fighters|soldiers|troops|members|men|women|"
           r"children|policemen|police(?:\s?officers)?|officers|rebels|insurgents|combatants|villagers|residents|"
           r"protesters|others|personnel|guards|individuals|worshippers|students|farmers|of them|jihadists|"
           r"terrorists|gunmen|attackers|recruits|commanders|workers|passengers|family members|relatives)")
_KILL = r"(?:killed|killing|kills|dead|died|die|slain|lost their lives|perished|were killed|was killed|death)"
_SOURCES = (
    rf"\b(?:killed|killing|kills|left|leaving|claimed the lives of|killed off)\s+{_QUAL}{_NUM}\b",
    rf"\b{_QUAL}{_NUM}\s+{_VICTIM}?\s*(?:\w+\s){{0,3}}?(?:were|was|have been|had been|are|got)?\s*"
    rf"(?:reportedly\s)?{_KILL}\b",
    rf"\b(?:death toll|toll)\s+(?:\w+\s){{0,4}}?(?:to|at|of|reached|rose to|stood at)\s+{_QUAL}{_NUM}\b",
)
_PATTERNS = [re.compile(src, re.IGNORECASE) for src in _SOURCES]
# The same patterns without IGNORECASE, for lower-cased ASCII text: their words are all lower case, and on
# ASCII text ignoring case is the same as lower-casing first. sre matches them ~3.5x faster.
_LOWER = [re.compile(src) for src in _SOURCES]
# A word each pattern cannot match without (lower case): a sentence that has none of them skips the pattern.
# 85% of sentences with an event trigger mention no death at all.
_NEEDS = (
    ("kill", "left", "leaving", "claimed the lives of"),
    ("kill", "dead", "die", "slain", "lost their lives", "perished", "death"),
    ("toll",),
)
# Non-ASCII letters that IGNORECASE matches to ASCII letters (İ ı ſ and the Kelvin sign): in a sentence with
# one of them, a needed word may be spelt without its ASCII letters, so every pattern is run as it is.
_ASCII_LOOKALIKES = re.compile("[\u0130\u0131\u017f\u212a]")


def _start_finder() -> tuple[ahocorasick_rs.BytesAhoCorasick, tuple[tuple[int, ...], ...]]:
    """The words each pattern's matches may start with (read from the regexes), as one Aho-Corasick
    automaton, with the patterns each hit may start (a digit for a number).

    It searches the bytes of _padded(low), where a hit of " word" is always at the start of a word. A word
    the regex always follows with a non-letter (first_words_split: closed) is searched whole, with the space
    or digit after it: "a" (of "a few") then no longer hits "and", "at" no longer hits "attack"."""
    by_key: dict[bytes, list[int]] = {}
    for i, src in enumerate(_SOURCES):
        split = first_words_split(src)
        if split is None:
            raise ValueError(f"coder/fatalities.py: pattern {i + 1} may start with any word; start it with "
                             "literal words or a number")
        closed, open_ = split
        for w in closed | open_:
            if w == DIGIT:
                keys = [b" " + d.encode("ascii") for d in "0123456789"]
            elif not (w.isascii() and w.isalpha()):
                raise ValueError(f"coder/fatalities.py: pattern {i + 1} may start with {w!r}; its first "
                                 "words must be ASCII letters or a number")
            elif w in closed:  # the whole run of letters: a non-letter (a space or a digit once padded) after it
                keys = [b" " + w.encode("ascii") + after.encode("ascii") for after in " 0123456789"]
            else:
                keys = [b" " + w.encode("ascii")]
            for k in keys:
                by_key.setdefault(k, []).append(i)
    keys = sorted(by_key)
    return ahocorasick_rs.BytesAhoCorasick(keys), tuple(tuple(sorted(set(by_key[k]))) for k in keys)


# bytes.translate table: an ASCII letter or digit stays, any other byte becomes a space
_WORD_BYTES = bytes(b if chr(b).isalnum() and b < 128 else 32 for b in range(256))


def _padded(low: str) -> bytes:
    """The lower-cased ASCII text with a space around it and every byte but a letter or digit made a space.

    A word after a space there starts after a non-word character or "_" (where the patterns' \\b fails: a
    try there finds nothing), so the places skipped are places where no match can start."""
    return (" " + low + " ").encode("ascii").translate(_WORD_BYTES)


# Scanning a sentence with a regex costs sre an attempt at every character (~150 ns each for pattern 2,
# whose start is an optional qualifier and a number). Every match starts with one of its pattern's first
# words, after a word boundary: one pass finds those places, and the pattern is tried there only.
_STARTS, _STARTS_OF = _start_finder()


def number_value(word: str) -> int | None:
    w = word.lower().strip()
    if w.replace(",", "").isdigit():
        return int(w.replace(",", ""))
    if w in _VAGUE:
        return _VAGUE[w]
    parts = re.split(r"[\s-]+", w)
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        return _UNITS[parts[0]] + _UNITS[parts[1]]
    return _UNITS.get(w)


def fatalities(sentence: str) -> int:
    """Lowest stated death count in the sentence; 0 when none is stated."""
    low = sentence.lower()
    ascii_text = sentence.isascii()
    if not ascii_text and _ASCII_LOOKALIKES.search(sentence) is not None:
        return _lowest(sentence, _PATTERNS, None)
    # the words of _NEEDS, shortened to what they share (tests check that each holds one of these)
    if not ("kill" in low or "left" in low or "leaving" in low or "lives" in low or "dea" in low or "die" in low
            or "slain" in low or "perish" in low or "toll" in low):
        return 0
    return _lowest_at_starts(low) if ascii_text else _lowest(sentence, _PATTERNS, low)


def _lowest_at_starts(low: str) -> int:
    """_lowest for a lower-cased ASCII sentence, trying each pattern only where one of its matches may start.

    Gives what finditer gives: the leftmost match, then the leftmost from its end on, and so on; a place
    skipped is one where the pattern cannot match (tests compare with the plain scan)."""
    starts: tuple[list[int], ...] = ([], [], [])
    roles = _STARTS_OF
    # a hit of " word" at s in _padded(low) is the word at s in low (see _start_finder)
    for k, s, _ in _STARTS.find_matches_as_indexes(_padded(low), overlapping=True):
        for i in roles[k]:
            starts[i].append(s)
    found: list[int] = []
    for pat, needs, at in zip(_LOWER, _NEEDS, starts):
        if not at:
            continue
        # a match holds one of the pattern's needed words: none starts after the last of them
        last = max([low.rfind(w) for w in needs])
        if last < 0:
            continue
        match = pat.match
        end = 0
        for p in sorted(set(at)):
            if p > last:
                break
            if p < end:
                continue
            m = match(low, p)
            if m is not None:
                end = m.end()
                _add_count(m, found)
    return min(found) if found else 0


def _lowest(text: str, patterns: list[re.Pattern[str]], low: str | None) -> int:
    """The lowest count the patterns find in text, skipping those whose needed words `low` lacks."""
    found: list[int] = []
    for pat, needs in zip(patterns, _NEEDS):
        if low is not None and not any(w in low for w in needs):
            continue
        for m in pat.finditer(text):
            _add_count(m, found)
    return min(found) if found else 0


def _add_count(m: re.Match[str], found: list[int]) -> None:
    """The count a match states, if it is a number and a plausible one."""
    v = number_value(m.group("num"))
    if v is not None and v < 100000:
        found.append(v)
