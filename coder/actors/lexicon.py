"""One compiled Aho-Corasick matcher over every surface form, and the unit finder that uses it.

Text is lowercased and folded char-for-char (curly quotes -> ', hyphens and dashes -> space), so offsets
in the folded text are offsets in the original. Case rules are checked on the original text afterwards:
all-caps acronyms must be upper case there ("US" is not "us"), and a capitalised form must start with a
capital ("Chad", not "chad"). Hits must be whole words; the leftmost, then longest, hit wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import ahocorasick_rs

from .load import ActorData

_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "-": " ", "\u2010": " ",
                       "\u2011": " ", "\u2013": " ", "\u2014": " ", "\u00a0": " "})
_TOKEN = re.compile(r"[A-Za-z0-9]+")


def fold(text: str) -> str:
    """Lowercase and fold punctuation without changing the length (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # e.g. "İ" lowercases to two code points
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD)


def upper_positions(form: str) -> tuple[int, ...]:
    """Offsets in `form` that must be upper case in the text for the form to match."""
    if not any(c.islower() for c in form):
        return tuple(i for i, c in enumerate(form) if c.isupper())
    pos = {0} if form[0].isupper() else set()
    for m in _TOKEN.finditer(form):
        tok = m.group()
        if sum(c.isalpha() for c in tok) >= 2 and not any(c.islower() for c in tok):
            pos.update(i for i in range(m.start(), m.end()) if form[i].isupper())
    return tuple(sorted(pos))


@dataclass(frozen=True)
class Entry:
    """What a surface form stands for: kind is country|agent|group|leader|unknown|stop."""

    kind: str
    ref: Any  # Country / Agent / Group / Leader record, or None
    sub: str = ""  # for countries: name|demonym|metonym


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    entries: tuple[Entry, ...]


class Lexicon:
    """The compiled matcher; build once per process (see ActorDictionary.load)."""

    def __init__(self, data: ActorData) -> None:
        table: dict[str, list[tuple[Entry, tuple[int, ...]]]] = {}

        def add(form: str, entry: Entry) -> None:
            key = fold(form)
            if key.strip():
                table.setdefault(key, []).append((entry, upper_positions(form)))

        g = data.grammar
        for form in g["stop_forms"]:
            add(form, Entry("stop", None))
        for form in g["unknown_qualifiers"]:
            add(form, Entry("unknown", None))
        for c in data.countries:
            for form in c.aliases:
                add(form, Entry("country", c, "name"))
            for form in c.demonyms:
                add(form, Entry("country", c, "demonym"))
                if not form.endswith(("s", "sh", "ch", "ese", "x", "z")):  # "Palestinians" -> civilians
                    add(form + "s", Entry("country", c, "people"))
            for form in c.metonyms:
                add(form, Entry("country", c, "metonym"))
        for a in data.agents:
            for form in a.forms:
                # agent words ignore case, except all-caps acronyms ("RAB", "UAV")
                add(form.lower() if any(c.islower() for c in form) else form, Entry("agent", a))
        for gr in data.groups:
            for form in gr.forms:
                add(form, Entry("group", gr))
        for ld in data.leaders:
            for form in ld.forms:
                add(form, Entry("leader", ld))
        self.keys = list(table)
        self.values = [tuple(table[k]) for k in self.keys]
        self._ac = ahocorasick_rs.AhoCorasick(self.keys, matchkind=ahocorasick_rs.MatchKind.Standard)

    def units(self, text: str, low: str | None = None) -> list[Unit]:
        """Whole-word, case-checked, leftmost-longest non-overlapping dictionary hits in `text`."""
        low = fold(text) if low is None else low
        n = len(text)
        cands = []
        for idx, s, e in self._ac.find_matches_as_indexes(low, overlapping=True):
            if (s > 0 and low[s - 1].isalnum()) or (e < n and low[e].isalnum()):
                continue
            ents = tuple(ent for ent, pos in self.values[idx] if all(text[s + i].isupper() for i in pos))
            if ents:
                cands.append((s, -e, ents))
        cands.sort(key=lambda c: (c[0], c[1]))
        out: list[Unit] = []
        last = -1
        for s, ne, ents in cands:
            if s >= last:
                out.append(Unit(s, -ne, ents))
                last = -ne
        return out
