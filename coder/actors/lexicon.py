"""One compiled Aho-Corasick matcher over every surface form, and the unit finder that uses it.

Text is lowercased and folded char-for-char (curly quotes -> ', hyphens and dashes -> space), so offsets
in the folded text are offsets in the original. Case rules are checked on the original text afterwards:
all-caps acronyms must be upper case there ("US" is not "us"), and a capitalised form must start with a
capital ("Chad", not "chad"). Hits must be whole words; the leftmost, then longest, hit wins.
"""
from __future__ import annotations

import re
from operator import itemgetter
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick_rs

from .load import ActorData

_FOLD_PAIRS = (("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("`", "'"), ("-", " "), ("\u2010", " "),
               ("\u2011", " "), ("\u2013", " "), ("\u2014", " "), ("\u00a0", " "))
_ASCII_FOLD_PAIRS = tuple(p for p in _FOLD_PAIRS if p[0].isascii())  # all fold's ASCII path can meet
_TOKEN = re.compile(r"[A-Za-z0-9]+")
# bytes.translate table: an ASCII letter or digit stays, any other byte becomes a space (see Lexicon.units)
_WORD_BYTES = bytes(b if chr(b).isalnum() and b < 128 else 32 for b in range(256))


def fold(text: str) -> str:
    """Lowercase and fold punctuation without changing the length (offsets stay valid).

    A chain of `in` tests and replace() calls: str.translate with a dict leaves its fast path as soon as
    the text holds one non-ASCII character (a curly quote), and then costs ~30 us a sentence.
    """
    low = text.lower()
    if low.isascii() and len(low) == len(text):  # nearly every sentence: only ASCII pairs can apply
        pairs = _ASCII_FOLD_PAIRS
    else:
        pairs = _FOLD_PAIRS
        if len(low) != len(text):  # e.g. "İ" lowercases to two code points
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for a, b in pairs:
        if a in low:
            low = low.replace(a, b)
    return low


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


class Unit(NamedTuple):
    """A dictionary hit: text[start:end] with the entries whose case rules it passed.

    `uid` names that exact entry tuple (Lexicon.sets[uid]), so the composer can look up what it
    precomputed for it instead of re-reading the entries on every sentence. A NamedTuple because one
    is made per hit, and a frozen dataclass costs several times as much to build.
    """

    start: int
    end: int
    entries: tuple[Entry, ...]
    uid: int = -1


_new_tuple = tuple.__new__
_START = itemgetter(1)  # of a matcher hit (key index, start, end)


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
        # Every entry tuple a hit can yield, numbered (uid): a key whose entries have no case rule
        # yields all of them (_plain); otherwise the entries that pass depend only on which of the
        # key's distinct case rules (_checks) pass, so each pass-mask maps to one precomputed tuple.
        self.sets: list[tuple[tuple[Entry, ...], str]] = []   # uid -> (entries, folded key)
        self._plain: list[int | None] = []
        self._checks: list[tuple[tuple[int, ...], ...]] = []
        self._by_mask: list[dict[int, int]] = []
        for key, vals in zip(self.keys, self.values):
            rules = tuple(dict.fromkeys(pos for _, pos in vals))
            if rules == ((),):
                self._plain.append(len(self.sets))
                self.sets.append((tuple(ent for ent, _ in vals), key))
                self._checks.append(())
                self._by_mask.append({})
                continue
            by_mask = {}
            for mask in range(1, 1 << len(rules)):
                by_mask[mask] = len(self.sets)
                self.sets.append((tuple(ent for ent, pos in vals if mask >> rules.index(pos) & 1), key))
            self._plain.append(None)
            self._checks.append(rules)
            self._by_mask.append(by_mask)
        # (a DFA is faster on a micro-benchmark, but not inside a whole run, where its size costs cache misses)
        self._ac = ahocorasick_rs.AhoCorasick(self.keys, matchkind=ahocorasick_rs.MatchKind.Standard)
        # The ASCII path (nearly every sentence): the keys padded with a space on both sides, searched in the
        # bytes of " " + low + " " with every non-alphanumeric byte made a space. A hit is then always a whole
        # word (about half the raw hits were not: "is" in "this"), and bytes are searched ~2x faster than str.
        # A key with a non-alphanumeric character ("saudi led coalition", "u.s.") is checked against the text,
        # since any punctuation maps to the same space.
        # (a key that is not ASCII cannot occur in ASCII text: it gets a pattern no ASCII text holds)
        padded = [b" " + key.encode("ascii").translate(_WORD_BYTES) + b" " if key.isascii()
                  else b"\xff%d\xff" % i for i, key in enumerate(self.keys)]
        self._word_ac = None
        if len(set(padded)) == len(padded):  # else two keys would share a pattern: the str path only
            self._word_ac = ahocorasick_rs.BytesAhoCorasick(
                padded, matchkind=ahocorasick_rs.MatchKind.Standard,
                implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        self._verify = [not key.isalnum() for key in self.keys]
        self._no_verify = [False] * len(self.keys)  # (the str path matches keys exactly)

    def units(self, text: str, low: str | None = None) -> list[Unit]:
        """Whole-word, case-checked, leftmost-longest non-overlapping dictionary hits in `text`."""
        sets = self.sets
        return [_new_tuple(Unit, (s, e, sets[uid][0], uid)) for s, e, uid in self.hits(text, low)]

    def hits(self, text: str, low: str | None = None) -> list[tuple[int, int, int]]:
        """units() as (start, end, uid) triples (the composer reads an entry tuple by its uid)."""
        low = fold(text) if low is None else low
        if low.isascii() and self._word_ac is not None:
            # a padded hit at [s, e) of the padded bytes is the key at [s, e - 2) of low; every hit is a whole
            # word, but a key with punctuation or spaces must be checked against the text
            cands = self._word_ac.find_matches_as_indexes((" " + low + " ").encode("ascii").translate(_WORD_BYTES),
                                                          overlapping=True)
            shift, verify = 2, self._verify
        else:
            n = len(text)
            cands = [(idx, s, e) for idx, s, e in self._ac.find_matches_as_indexes(low, overlapping=True)
                     if not ((s > 0 and low[s - 1].isalnum()) or (e < n and low[e].isalnum()))]
            shift, verify = 0, self._no_verify
        if not cands:
            return []
        # leftmost, then longest, of the hits that pass their case rules. Hits come in order of their end:
        # reversed and sorted (stably) by start, they come by start, then longest first ((start, end) is
        # unique per hit). A hit overlapping the last one taken is skipped; one that fails its case rules
        # is dropped without blocking later ones (so rules are checked only for hits that could be taken).
        cands.reverse()
        cands.sort(key=_START)
        keys, plain, checks, by_mask = self.keys, self._plain, self._checks, self._by_mask
        out = []
        last = -1
        for idx, s, e in cands:
            if s < last:
                continue
            e -= shift
            if verify[idx] and low[s:e] != keys[idx]:
                continue
            uid = plain[idx]
            if uid is None:
                mask = 0
                for k, pos in enumerate(checks[idx]):
                    for i in pos:
                        if not text[s + i].isupper():
                            break
                    else:
                        mask |= 1 << k
                if not mask:
                    continue
                uid = by_mask[idx][mask]
            last = e
            out.append((s, e, uid))
        return out
