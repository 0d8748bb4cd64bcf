"""ACLED-style parentheses after a place name its admin2 and admin1: "Goenega (Barsalogho, Sanmatenga)",
"Al Arqoub area (Khwlan, Sanaa)", "Colon (Colon)". The last part pins the admin1 (and so the country); the
place before the parentheses is then looked up inside that admin1, where a skeleton match is safe.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from .types import PlaceMention

_GROUP_RE = re.compile(r"\(([^()\n]{2,80})\)")
# the name right before "(": capitalised words, optionally followed by a generic word ("area", "upazila")
_WORD = r"(?:[A-Z][\w'’-]*|al|el|an|ad|as|ash|ar|at|az|de|du|la|le|of)"
_ANCHOR_RE = re.compile(
    rf"(?<![\w'’-])({_WORD}(?:[ \t]{_WORD}){{0,4}})"
    r"(?:[ \t](?:area|areas|district|sub-district|subdistrict|upazila|village|town|city|locality|commune|"
    r"department|dept|sector|forest|region|province|neighbourhood|neighborhood|camp|county|municipality|"
    r"valley|mountain|mountains|hill|hills))?[ \t]*$")
_PARTICLES = frozenset("al el an ad as ash ar at az de du la le of".split())
# what an _ANCHOR_RE match is made of, read backwards from "(": blanks, then at most six chunks of word
# characters, apostrophes and hyphens (five words and the generic word; a word is one whole chunk: the
# look-behind and the blank or end after each word see to it) with blanks between them
_ANCHOR_CHARS_REV_RE = re.compile(r"[ \t]*(?:[\w'’-]+(?:[ \t]+[\w'’-]+){0,5})?")


def _anchor_match(text: str, end: int) -> re.Match | None:
    """`_ANCHOR_RE.search(text, max(0, end - 80), end)`, tried only where a match can start: a match ends at
    `end` and is at most six blank-separated chunks of word characters, apostrophes and hyphens, so it starts
    at one of the last six chunk starts before `end` (a search from the start of a long run of words tried
    every position of it, each reading up to five words on: ~13 us an anchor)."""
    window = text[max(0, end - 80):end]
    return _ANCHOR_RE.search(text, end - _ANCHOR_CHARS_REV_RE.match(window[::-1]).end(), end)


class ParenGroup:
    """One parenthetical: its span, the mentions of each comma part (last = admin1 level), the anchor text
    before it (may be no mention at all) and the mention that covers the anchor, if any.

    The anchor is read from the text when first asked for (`_paren_place` asks for few groups; a search
    of the 80 characters before every parenthetical was a quarter of `paren_groups`). Immutable."""

    __slots__ = ("start", "end", "parts", "anchor_mention", "_text", "_anchor")

    def __init__(self, start: int, end: int, parts: tuple[tuple[PlaceMention, ...], ...],
                 anchor_mention: PlaceMention | None, text: str) -> None:
        self.start, self.end, self.parts, self.anchor_mention = start, end, parts, anchor_mention
        self._text = text
        self._anchor: tuple[str, int] | None = None

    @property
    def anchor(self) -> str:
        return (self._anchor or self._read_anchor())[0]

    @property
    def anchor_start(self) -> int:
        return (self._anchor or self._read_anchor())[1]

    def _read_anchor(self) -> tuple[str, int]:
        """(anchor words without leading particles, their start); ("", start of "(") when none."""
        am = _anchor_match(self._text, self.start)
        anchor, a_start = "", self.start
        if am is not None:
            words = am.group(1).split()
            while words and words[0] in _PARTICLES:
                words.pop(0)
            anchor = " ".join(words)
            a_start = am.start(1)
        self._anchor = (anchor, a_start)
        return self._anchor

    def __repr__(self) -> str:
        return (f"ParenGroup(start={self.start}, end={self.end}, parts={self.parts}, anchor={self.anchor!r}, "
                f"anchor_start={self.anchor_start}, anchor_mention={self.anchor_mention})")


def paren_groups(text: str, mentions: list[PlaceMention]) -> tuple[ParenGroup, ...]:
    """All parentheticals holding at least one place mention, in text order (linear in text length)."""
    if "(" not in text:
        return ()
    out = []
    starts = [m.start for m in mentions]
    for g in _GROUP_RE.finditer(text):
        a, b = g.start(1), g.end(1)
        i = bisect_left(starts, a)
        inside = []
        while i < len(mentions) and mentions[i].end <= b:
            inside.append(mentions[i])
            i += 1
        if not inside:
            continue
        pieces = g.group(1).split(",")
        parts: list[list[PlaceMention]] = [[] for _ in pieces]
        if len(pieces) == 1:
            parts[0] = inside
        else:
            cut = [a]
            for c in pieces[:-1]:
                cut.append(cut[-1] + len(c) + 1)
            for m in inside:
                k = bisect_left(cut, m.start + 1) - 1
                parts[k].append(m)
        gs = a - 1
        j = bisect_left(starts, gs) - 1  # the last mention before "(": "northwestern Yemen (Razih, Sadah)",
        covering = mentions[j] if j >= 0 and mentions[j].end >= gs - 30 else None  # "X (Y) upazila (A, B)"
        out.append(ParenGroup(gs, b + 1, tuple([tuple(p) for p in parts]), covering, text))
    return tuple(out)
