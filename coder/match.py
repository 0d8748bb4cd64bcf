"""Decide, for one trigger in one sentence, whether it is an event and with which code.

Pure functions over the compiled RuleSet and the sentence's tokens. A decision records the rule, the code,
and either the evidence for coding or the reason for dropping ("dropped: conditional 'if'"), which is what
`coder explain` and `coder run --dropped` show.
"""
from __future__ import annotations

import bisect
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from coder.models import filled
from coder.rules import Condition, Rule, RuleSet, Seq, SeqIndex, StatementCheck


@dataclass(frozen=True)
class Decision:
    rule: Rule
    coded: bool
    code_key: str | None  # key into the family's code table
    reason: str  # "coded" or a drop slug
    detail: str  # human-readable explanation
    tok_start: int
    tok_end: int


def _decision(rule: Rule, coded: bool, code_key: str | None, reason: str, detail: str, ts: int, te: int) -> Decision:
    """`Decision(...)` without the frozen dataclass's __init__ (one object.__setattr__ per field): the
    fields go straight into the instance dict; the object is equal to the constructed one (tested)."""
    return filled(Decision, {"rule": rule, "coded": coded, "code_key": code_key, "reason": reason,
                             "detail": detail, "tok_start": ts, "tok_end": te})


def token_span(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int]:
    """Token indices [i, j) covering sentence-relative character span [start, end), from the tokens'
    starts and ends (`sentences.token_columns`)."""
    i = bisect.bisect_right(ends, start)
    j = bisect_left(starts, end)
    return i, (j if j > i else i + 1)


class Words:
    """One sentence's lowercased tokens with, for every word list of the rule set, the positions where one
    of its sequences may start: one pass over the tokens, shared by every condition and check of every
    trigger in the sentence, so a lookup visits only the places where a word of the list occurs."""

    __slots__ = ("lows", "n", "_slots", "_at", "_other", "_checks")

    def __init__(self, lows: list[str], rs: RuleSet | None = None, text: str | None = None) -> None:
        """`text`: the sentence's lowered text with straight apostrophes, when at hand (`lows` are its tokens):
        whether a token holds an apostrophe is then one test of it instead of a join of the tokens."""
        self.lows = lows
        self.n = len(lows)
        slots = self._slots = rs.slots if rs is not None else None
        at: dict[int, list[int]] = {}
        self._at = at
        self._other: dict[SeqIndex, list[int]] = {}
        self._checks: tuple[list[StatementCheck], list[tuple[StatementCheck, list[int]]]] | None = None
        if slots is None:
            return
        by_word = slots.by_word
        for i, w in enumerate(lows):
            ks = by_word.get(w)
            if ks is not None:
                for k in ks:
                    found = at.get(k)
                    if found is None:
                        at[k] = [i]
                    else:
                        found.append(i)
        by_suffix = slots.by_suffix
        # "didn't" may start a sequence of "n't ...": only where a token has the clitics' common mark (')
        if by_suffix and (slots.suffix_mark is None or slots.suffix_mark in (text or "".join(lows))):
            suffixes = tuple(suf for suf, _ in by_suffix)
            for i, w in enumerate(lows):
                if w.endswith(suffixes):
                    for suf, ks in by_suffix:
                        if w.endswith(suf) and w != suf:
                            for k in ks:
                                found = at.get(k)
                                if found is None:
                                    at[k] = [i]
                                else:
                                    j = bisect.bisect_left(found, i)
                                    if j == len(found) or found[j] != i:
                                        found.insert(j, i)

    def starts(self, index: SeqIndex) -> list[int]:
        """Sorted positions where some sequence of `index` may start (where `index.at` is not empty)."""
        slot = index.slot
        if slot is not None and slot[0] is self._slots:
            return self._at.get(slot[1], ())
        found = self._other.get(index)
        if found is None:  # a word list from outside the rule set: look it up on its own
            firsts, sufs = index.firsts, index.suffixes
            found = [i for i, w in enumerate(self.lows) if w in firsts or (sufs and w.endswith(sufs))]
            self._other[index] = found
        return found

    def checks(self, checks: list[StatementCheck]) -> list[tuple[StatementCheck, list[int]]]:
        """The statement checks with a word in this sentence (the others cannot fire), in their order,
        each with its `starts`."""
        live = self._checks
        if live is None or live[0] is not checks:
            pairs = []
            at, mine = self._at, self._slots
            for c in checks:
                slot = c.seqs.slot
                starts = at.get(slot[1]) if slot is not None and slot[0] is mine else self.starts(c.seqs)
                if starts:
                    pairs.append((c, starts))
            live = self._checks = (checks, pairs)
        return live[1]

    def clause(self, ts: int, te: int, breaks: frozenset[str]) -> tuple[int, int]:
        """`clause_bounds` from the sorted positions of the break words."""
        k = self._slots.breaks_slot(breaks) if self._slots is not None else None
        if k is not None:
            bp = self._at.get(k, ())
        else:
            bp = [i for i, w in enumerate(self.lows) if w in breaks]
        return clause_from_breaks(bp, ts, te, self.n)


def _seq_at(lows: list[str], i: int, seq: Seq, n: int) -> bool:
    """`seq` at token i of lows[:n]."""
    if i + len(seq) > n:
        return False
    for k, w in enumerate(seq):
        tok = lows[i + k]
        if tok == w:
            continue
        if w in SeqIndex.SUFFIXES and tok.endswith(w):
            continue
        return False
    return True


def _hit_at(lows: list[str], i: int, index: SeqIndex, hi: int | None,
            exclude: tuple[int, int] | None, n: int) -> tuple[int, int, Seq] | None:
    tok = lows[i]
    clitic = index.clitic_seqs
    for seq in (index.at(tok) if clitic else index.by_first.get(tok, ())):
        j = i + len(seq)
        if (hi is None or j <= hi) and j <= n and (
                j == i + 1 or (_seq_at(lows, i, seq, n) if clitic and seq in clitic else tuple(lows[i:j]) == seq)):
            if exclude and i < exclude[1] and j > exclude[0]:
                continue
            return i, j, seq
    return None


def _find(starts: list[int], lows: list[str], lo: int, hi: int, index: SeqIndex,
          exclude: tuple[int, int] | None, n: int) -> tuple[int, int, Seq] | None:
    """`find_seq` over the word positions `starts` of `index` (not empty)."""
    if hi > n:
        hi = n
    for k in range(bisect_left(starts, lo), len(starts)):
        i = starts[k]
        if i >= hi:
            break
        hit = _hit_at(lows, i, index, None, exclude, n)
        if hit:
            return hit
    return None


def _find_back(starts: list[int], lows: list[str], lo: int, hi: int, index: SeqIndex,
               exclude: tuple[int, int] | None, n: int) -> tuple[int, int, Seq] | None:
    """`find_seq_back` over the word positions `starts` of `index` (not empty)."""
    if lo < 0:
        lo = 0
    for k in range(bisect_left(starts, hi if hi < n else n) - 1, -1, -1):
        i = starts[k]
        if i < lo:
            break
        hit = _hit_at(lows, i, index, hi, exclude, n)
        if hit:
            return hit
    return None


def find_seq(words: Words, lo: int, hi: int, index: SeqIndex, exclude: tuple[int, int] | None = None,
             n: int | None = None) -> tuple[int, int, Seq] | None:
    """First occurrence (nearest to `lo` going right) of any sequence starting in tokens [lo, hi) of
    the first n tokens (default: all)."""
    starts = words.starts(index)
    if not starts:
        return None
    return _find(starts, words.lows, lo, hi, index, exclude, words.n if n is None else n)


def find_seq_back(words: Words, lo: int, hi: int, index: SeqIndex, exclude: tuple[int, int] | None = None,
                  n: int | None = None) -> tuple[int, int, Seq] | None:
    """Nearest occurrence to `hi` (scanning leftwards) of a sequence lying inside tokens [lo, hi) of
    the first n tokens (default: all)."""
    starts = words.starts(index)
    if not starts:
        return None
    return _find_back(starts, words.lows, lo, hi, index, exclude, words.n if n is None else n)


def clause_from_breaks(bp: Sequence[int], ts: int, te: int, n: int) -> tuple[int, int]:
    """`clause_bounds` of a sentence of n tokens from the sorted positions `bp` of its break words."""
    if not bp:
        return 0, (n if te <= n else te)
    k = bisect.bisect_left(bp, ts)
    a = bp[k - 1] + 1 if k else 0
    k = bisect.bisect_left(bp, te, k)
    return a, (bp[k] if k < len(bp) else (n if te <= n else te))


def clause_bounds(lows: list[str], ts: int, te: int, breaks: frozenset[str]) -> tuple[int, int]:
    """Tokens [a, b) of the clause around the trigger: between the nearest break words on each side."""
    a = ts
    while a > 0 and lows[a - 1] not in breaks:
        a -= 1
    b = te
    while b < len(lows) and lows[b] not in breaks:
        b += 1
    return a, b


def condition_hit(cond: Condition, words: Words, ts: int, te: int,
                  n: int | None = None) -> tuple[int, int, Seq] | None:
    """The condition's nearest hit around trigger tokens [ts, te) within the first n tokens, else None."""
    starts = words.starts(cond.seqs)
    if not starts:
        return None
    trig = (ts, te)
    lows = words.lows
    if n is None:
        n = words.n
    side, window, seqs = cond.side, cond.window, cond.seqs
    if side != "after":  # "before" or "both"
        k = bisect_left(starts, ts)
        if k and starts[k - 1] >= ts - window:  # a word of the list starts in the window
            hi = ts
            while True:
                hit = _find_back(starts, lows, ts - window, hi, seqs, trig, n)
                if not hit or not _vetoed(cond, lows, hit):
                    break
                hi = hit[1] - 1
            if hit:
                return hit
    if side != "before":  # "after" or "both"
        k = bisect_left(starts, te)
        if k < len(starts) and starts[k] < te + window:
            lo = te
            while True:
                hit = _find(starts, lows, lo, te + window, seqs, trig, n)
                if not hit or not _vetoed(cond, lows, hit):
                    break
                lo = hit[0] + 1
            if hit:
                if cond.linked_by and not find_seq(words, te, hit[0], cond.linked_by, None, n):
                    return None
                return hit
    return None


def _vetoed(cond: Condition, lows: list[str], hit: tuple[int, int, Seq]) -> bool:
    """'military police' is not police: a hit right after an `unless_after` word does not count."""
    return bool(cond.unless_after) and hit[0] > 0 and lows[hit[0] - 1] in cond.unless_after


def decide(rs: RuleSet, rule: Rule, words: Words, ts: int, te: int, is_question: bool) -> Decision:
    """The decision for trigger tokens [ts, te) of the sentence `words` (one Words per sentence, shared by
    every trigger and rule decided in it)."""
    lows = words.lows
    text = lows[ts] if te == ts + 1 and ts < words.n else " ".join(lows[ts:te])  # most triggers are one word

    if rule.requires_any:
        for c in rule.requires_any:
            if condition_hit(c, words, ts, te):
                break
        else:
            names = _names(rs, rule.requires_any)
            return _decision(rule, False, None, "missing-context", f"dropped: no {names} near '{text}'", ts, te)
    for c in rule.forbids:
        hit = condition_hit(c, words, ts, te)
        if hit:
            reason = c.reason or "forbidden"
            return _decision(rule, False, None, reason, f"dropped: {reason} '{' '.join(hit[2])}'", ts, te)

    code_key = rule.cameo
    cue_span: tuple[int, int] | None = None
    if rule.cues:
        ca, cb = words.clause(ts, te, rs.strong_breaks)
        for c in rule.cues:
            hit = condition_hit(c, words, ts, te, cb)
            if hit and hit[0] >= ca - 2:
                code_key, cue_span = c.cameo, (hit[0], hit[1])
                break
        if code_key is None:
            reason = rule.no_cue or "no-cue"
            return _decision(rule, False, None, reason,
                            f"dropped: {rule.no_cue or 'no cue'}: '{text}' is only mentioned", ts, te)

    if is_question:
        return _decision(rule, False, None, "question", "dropped: question '?'", ts, te)

    a, b = words.clause(ts, te, rs.weak_breaks)
    family = rule.family
    n_all = words.n
    for chk, starts in words.checks(rs.checks):
        if chk.families and family not in chk.families:
            continue
        scope = chk.scope
        if scope == "before":
            lo, hi = max(a, ts - chk.window), ts
        elif scope == "after":
            lo, hi = te, min(b, te + chk.window)
        elif scope == "clause":
            lo, hi = a, b
        else:
            lo, hi = 0, words.n
        k = bisect_left(starts, hi)
        if not k or starts[k - 1] < lo:
            continue  # no word of the check starts in [lo, hi)
        hit = _find_back(starts, lows, lo, hi, chk.seqs, (ts, te), n_all)
        if hit and cue_span and hit[0] < cue_span[1] and hit[1] > cue_span[0]:
            hit = None  # the cue itself ("agreed" in "agreed to a ceasefire") is not a statement marker
        if not hit:
            continue
        override = rule.statements.get(chk.reason)
        if override == "keep":
            continue
        if override:
            if code_key in (None, rule.cameo) or (cue_span and code_key == _agreed_code(rule)):
                code_key = override
            continue
        return _decision(rule, False, None, chk.reason, f"dropped: {chk.reason} '{' '.join(hit[2])}'", ts, te)

    if rule.pos == "noun":
        anc = _anchor(rs, lows, ts, te, a, b)
        if anc:
            reason = rs.anchor.reason
            return _decision(rule, False, None, reason, f"dropped: {reason} '{anc} ... {text}'", ts, te)

    for c in rule.refine:
        if condition_hit(c, words, ts, te) or (c.seqs and find_seq(words, ts, te, c.seqs)):
            code_key = c.cameo
            break
    return _decision(rule, True, code_key, "coded", f"coded: {rule.id} '{text}'", ts, te)


def _names(rs: RuleSet, conds: tuple[Condition, ...]) -> str:
    """The conditions' names, sorted and joined (remembered in the rule set per tuple of conditions)."""
    known = rs._names.get(id(conds))
    if known is None or known[0] is not conds:  # an id is reused only after its tuple is gone
        known = rs._names[id(conds)] = (conds, ", ".join(sorted({c.name for c in conds})))
    return known[1]


def _agreed_code(rule: Rule) -> str | None:
    return rule.cues[-1].cameo if rule.cues else None


def _anchor(rs: RuleSet, lows: list[str], ts: int, te: int, a: int, b: int) -> str | None:
    """'following three months of ceasefire', 'before the March 5 ceasefire': the anchor word, else None."""
    anc = rs.anchor
    n_all = len(lows)
    i = ts
    steps = 0
    while i > 0 and steps <= anc.window:
        prev = lows[i - 1]
        for seq in anc.seqs.ending_with(prev):
            n = len(seq)
            if i - n >= 0 and (n == 1 or _seq_at(lows, i - n, seq, n_all)):
                if any(lows[k] in anc.event_verbs_after for k in range(te, min(b, te + 4))):
                    return None
                return " ".join(seq)
        if prev in anc.through or prev.isdigit() or prev[:1].isdigit():
            i -= 1
            steps += 1
            continue
        break
    return None
