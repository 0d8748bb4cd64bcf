"""Decide, for one trigger in one sentence, whether it is an event and with which code.

Pure functions over the compiled RuleSet and the sentence's tokens. A decision records the rule, the code,
and either the evidence for coding or the reason for dropping ("dropped: conditional 'if'"), which is what
`coder explain` and `coder run --dropped` show.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from coder.rules import Condition, Rule, RuleSet, Seq, SeqIndex
from coder.sentences import Token


@dataclass(frozen=True)
class Decision:
    rule: Rule
    coded: bool
    code_key: str | None  # key into the family's code table
    reason: str  # "coded" or a drop slug
    detail: str  # human-readable explanation
    tok_start: int
    tok_end: int


def token_span(tokens: list[Token], start: int, end: int, ends: list[int] | None = None) -> tuple[int, int]:
    """Token indices [i, j) covering sentence-relative character span [start, end)."""
    ends = ends if ends is not None else [t.end for t in tokens]
    i = bisect.bisect_right(ends, start)
    j = i
    while j < len(tokens) and tokens[j].start < end:
        j += 1
    return i, max(j, i + 1)


def _seq_at(lows: list[str], i: int, seq: Seq) -> bool:
    if i + len(seq) > len(lows):
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
            exclude: tuple[int, int] | None) -> tuple[int, int, Seq] | None:
    for seq in index.at(lows[i]):
        if (hi is None or i + len(seq) <= hi) and _seq_at(lows, i, seq):
            if exclude and i < exclude[1] and i + len(seq) > exclude[0]:
                continue
            return i, i + len(seq), seq
    return None


def find_seq(lows: list[str], lo: int, hi: int, index: SeqIndex,
             exclude: tuple[int, int] | None = None) -> tuple[int, int, Seq] | None:
    """First occurrence (nearest to `lo` going right) of any sequence starting in tokens [lo, hi)."""
    for i in range(max(lo, 0), min(hi, len(lows))):
        hit = _hit_at(lows, i, index, None, exclude)
        if hit:
            return hit
    return None


def find_seq_back(lows: list[str], lo: int, hi: int, index: SeqIndex,
                  exclude: tuple[int, int] | None = None) -> tuple[int, int, Seq] | None:
    """Nearest occurrence to `hi` (scanning leftwards) of a sequence lying inside tokens [lo, hi)."""
    for i in range(min(hi, len(lows)) - 1, max(lo, 0) - 1, -1):
        hit = _hit_at(lows, i, index, hi, exclude)
        if hit:
            return hit
    return None


def clause_bounds(lows: list[str], ts: int, te: int, breaks: frozenset[str]) -> tuple[int, int]:
    """Tokens [a, b) of the clause around the trigger: between the nearest break words on each side."""
    a = ts
    while a > 0 and lows[a - 1] not in breaks:
        a -= 1
    b = te
    while b < len(lows) and lows[b] not in breaks:
        b += 1
    return a, b


def condition_hit(cond: Condition, lows: list[str], ts: int, te: int,
                  vocab: frozenset[str] | None = None) -> tuple[int, int, Seq] | None:
    if vocab is not None and not cond.seqs.may_occur(vocab):
        return None
    trig = (ts, te)
    if cond.side in ("before", "both"):
        hi = ts
        while True:
            hit = find_seq_back(lows, ts - cond.window, hi, cond.seqs, exclude=trig)
            if not hit or not _vetoed(cond, lows, hit):
                break
            hi = hit[1] - 1
        if hit:
            return hit
    if cond.side in ("after", "both"):
        lo = te
        while True:
            hit = find_seq(lows, lo, te + cond.window, cond.seqs, exclude=trig)
            if not hit or not _vetoed(cond, lows, hit):
                break
            lo = hit[0] + 1
        if hit:
            if cond.linked_by and not find_seq(lows, te, hit[0], cond.linked_by):
                return None
            return hit
    return None


def _vetoed(cond: Condition, lows: list[str], hit: tuple[int, int, Seq]) -> bool:
    """'military police' is not police: a hit right after an `unless_after` word does not count."""
    return bool(cond.unless_after) and hit[0] > 0 and lows[hit[0] - 1] in cond.unless_after


def decide(rs: RuleSet, rule: Rule, tokens: list[Token], ts: int, te: int, is_question: bool,
           lows: list[str] | None = None, vocab: frozenset[str] | None = None) -> Decision:
    lows = lows if lows is not None else [t.low for t in tokens]
    vocab = vocab if vocab is not None else frozenset(lows)
    words = " ".join(lows[ts:te])

    def drop(reason: str, detail: str) -> Decision:
        return Decision(rule, False, None, reason, f"dropped: {detail}", ts, te)

    if rule.requires_any:
        if not any(condition_hit(c, lows, ts, te, vocab) for c in rule.requires_any):
            names = ", ".join(sorted({c.name for c in rule.requires_any}))
            return drop("missing-context", f"no {names} near '{words}'")
    for c in rule.forbids:
        hit = condition_hit(c, lows, ts, te, vocab)
        if hit:
            return drop(c.reason or "forbidden", f"{c.reason or 'forbidden'} '{' '.join(hit[2])}'")

    code_key = rule.cameo
    cue_span: tuple[int, int] | None = None
    if rule.cues:
        ca, cb = clause_bounds(lows, ts, te, rs.strong_breaks)
        for c in rule.cues:
            hit = condition_hit(c, lows[:cb], ts, te)
            if hit and hit[0] >= ca - 2:
                code_key, cue_span = c.cameo, (hit[0], hit[1])
                break
        if code_key is None:
            return drop(rule.no_cue or "no-cue", f"{rule.no_cue or 'no cue'}: '{words}' is only mentioned")

    if is_question:
        return drop("question", "question '?'")

    a, b = clause_bounds(lows, ts, te, rs.weak_breaks)
    for chk in rs.checks:
        if (chk.families and rule.family not in chk.families) or not chk.seqs.may_occur(vocab):
            continue
        if chk.scope == "before":
            lo, hi = max(a, ts - chk.window), ts
        elif chk.scope == "after":
            lo, hi = te, min(b, te + chk.window)
        elif chk.scope == "clause":
            lo, hi = a, b
        else:
            lo, hi = 0, len(lows)
        hit = find_seq_back(lows, lo, hi, chk.seqs, exclude=(ts, te))
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
        return drop(chk.reason, f"{chk.reason} '{' '.join(hit[2])}'")

    if rule.pos == "noun":
        anc = _anchor(rs, lows, ts, te, a, b)
        if anc:
            return drop(rs.anchor.reason, f"{rs.anchor.reason} '{anc} ... {words}'")

    for c in rule.refine:
        if condition_hit(c, lows, ts, te) or (c.seqs and find_seq(lows, ts, te, c.seqs)):
            code_key = c.cameo
            break
    return Decision(rule, True, code_key, "coded", f"coded: {rule.id} '{words}'", ts, te)


def _agreed_code(rule: Rule) -> str | None:
    return rule.cues[-1].cameo if rule.cues else None


def _anchor(rs: RuleSet, lows: list[str], ts: int, te: int, a: int, b: int) -> str | None:
    """'following three months of ceasefire', 'before the March 5 ceasefire': the anchor word, else None."""
    anc = rs.anchor
    i = ts
    steps = 0
    while i > 0 and steps <= anc.window:
        for seq in anc.seqs:
            n = len(seq)
            if i - n >= 0 and _seq_at(lows, i - n, seq):
                if any(lows[k] in anc.event_verbs_after for k in range(te, min(b, te + 4))):
                    return None
                return " ".join(seq)
        prev = lows[i - 1]
        if prev in anc.through or prev.isdigit() or prev[:1].isdigit():
            i -= 1
            steps += 1
            continue
        break
    return None
