"""ACLED-style parentheses after a place name its admin2 and admin1: "Goenega (Barsalogho, Sanmatenga)",
"Al Arqoub area (Khwlan, Sanaa)", "Colon (Colon)". The last part pins the admin1 (and so the country); the
place before the parentheses is then looked up inside that admin1, where a skeleton match is safe.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class ParenGroup:
    """One parenthetical: its span, the mentions of each comma part (last = admin1 level), the anchor text
    before it (may be no mention at all) and the mention that covers the anchor, if any."""

    start: int
    end: int
    parts: tuple[tuple[PlaceMention, ...], ...]
    anchor: str
    anchor_start: int
    anchor_mention: PlaceMention | None


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
        lo = max(0, g.start() - 80)
        am = _ANCHOR_RE.search(text, lo, g.start())
        anchor, a_start = "", g.start()
        if am is not None:
            words = am.group(1).split()
            while words and words[0] in _PARTICLES:
                words.pop(0)
            anchor = " ".join(words)
            a_start = am.start(1)
        j = bisect_left(starts, g.start()) - 1  # the last mention before "(": "northwestern Yemen (Razih, Sadah)",
        covering = mentions[j] if j >= 0 and mentions[j].end >= g.start() - 30 else None  # "X (Y) upazila (A, B)"
        out.append(ParenGroup(g.start(), g.end(), tuple(tuple(p) for p in parts), anchor, a_start, covering))
    return tuple(out)
