"""Who did it to whom: pick actor1 (who acted) and actor2 (the target) among the actor phrases of a sentence.

Positional rules over the sentence, in this order of evidence:
- an agent introduced by "by" right after the trigger or before a trigger noun ("an airstrike by Afghan
  forces", "were killed by Afghan military airstrikes");
- an actor directly modifying a trigger noun ("Israeli airstrikes", "a Saudi-led coalition airstrike");
- the subject: the nearest actor before the trigger that is not itself the object of a preposition
  ("protesters, believed to be linked to HTS, have blocked the road" -> protesters);
and for the target: the first actor after the trigger ("strikes on/against rebel positions"), else the
subject of a passive kill verb before the trigger ("7 civilians were killed by a NATO airstrike").
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Sequence

from coder.actors.model import evolve
from coder.models import filled
from coder.sentences import Token

_PREPS = {"to", "with", "of", "from", "against", "on", "at", "in", "into", "near", "toward", "towards", "for",
          "targeting", "targeted", "across", "between", "among", "over", "about", "like"}
_LOCATIVE = {"in", "near", "across", "of", "over", "into", "inside", "from", "throughout", "within", "to", "at",
              "outside", "around", "toward", "towards", "through"}
_DET = {"a", "an", "the", "its", "their", "his", "her"}
_DIRECTION = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
              "northeastern", "northwestern", "southeastern", "southwestern", "rural", "eastern-central"}
_PASSIVE_AUX = {"was", "were", "been", "being", "got", "is", "are"}
_SPEECH = {"said", "says", "say", "told", "reported", "reports", "claimed", "stated", "added", "confirmed",
           "announced", "tweeted", "wrote"}
_PASSIVE_VICTIM = {"killed", "wounded", "injured", "hit", "targeted", "struck", "died", "dead", "displaced",
                   "bombed", "shelled", "attacked", "destroyed", "pounded"}


@dataclass(frozen=True)
class Dyad:
    actor1: Any | None
    actor2: Any | None
    why: str


def _dyad(actor1: Any | None, actor2: Any | None, why: str) -> Dyad:
    """Dyad(actor1, actor2, why) without the frozen __init__ (three object.__setattr__ calls): one per trigger."""
    return filled(Dyad, {"actor1": actor1, "actor2": actor2, "why": why})


def choose(actors: Sequence[Any], tokens: Sequence[Token], ts: int, te: int, pos: str,
           roles: dict[str, Any], lows: list[str] | None = None, ends: list[int] | None = None) -> Dyad:
    """actors: phrases with .start/.end (sentence-relative chars); trigger tokens [ts, te).

    `lows` (each token's .low) and `ends` (each token's .end) may be passed by a caller that has them."""
    if not actors:
        return _dyad(None, None, "no actor named in the sentence")
    if lows is None:
        lows = [t.low for t in tokens]
    if ends is None:
        ends = [t.end for t in tokens]
    spans: list[tuple[int, int, Any]] = []  # (first token, end token, actor)
    before: list[tuple[int, int, Any]] = []
    after: list[tuple[int, int, Any]] = []
    overlapping: list[tuple[int, int, Any]] = []
    for a in actors:
        s, e = bisect_right(ends, a.start), bisect_right(ends, a.end - 1) + 1
        # a bare country name after a locative preposition is a place ("targets in Syria"), not an actor
        if getattr(a, "role", None) == "GOV" and _is_bare_state(a) and _after_locative(lows, s):
            continue
        # the source of a report after the event ("..., the US Africa Command said", "according to the army")
        # is not a party; before it ("The army said its aircraft struck") it is the actor unless another is named
        if s >= te and _is_source(lows, s, e):
            continue
        span = (s, e, a)
        spans.append(span)
        if e <= ts:
            before.append(span)
        # a phrase that starts at the trigger ("bombing regime positions") is what the trigger acts on
        if s >= te or (s >= ts and e > te):
            after.append(span)
        if s < ts and (ts < e or e >= te):
            overlapping.append(span)
    a1 = None
    why = ""
    role2 = roles.get("actor2")
    if role2 == "party":  # "an agreement between Turkey and Russia"
        for k, (s, e, a) in enumerate(spans[:-1]):
            s2, e2, b = spans[k + 1]
            if s > 0 and lows[s - 1] == "between" and lows[e:s2] in (["and"], ["&"]):
                return _dyad(a, b, "parties named 'between ... and ...'")
    accused = _accused(spans, lows, ts) if spans and not _ACCUSE.isdisjoint(lows) else None
    if accused is not None:  # "The RSF accused the army of violating the ceasefire": the army acted
        return _dyad(accused, None, "the accused of 'accused ... of'")
    if overlapping:  # "NATO airstrike", "Turkish drones": the phrase holds the trigger
        a1, why = overlapping[0][2], "the actor phrase includes the trigger"
    # "by X" after the trigger (passive or noun complement)
    for s, e, a in (after if a1 is None else []):
        if s - te <= 4 and s > 0 and (lows[s - 1] == "by" or (s > 1 and lows[s - 2] == "by" and lows[s - 1] in _DET)):
            a1, why = a, "agent after 'by'"
            break
        if s - te > 4:
            break
    # "killed by X airstrikes": by + actor right before a trigger noun
    if a1 is None and before and pos == "noun":
        s, e, a = before[-1]
        if ts - e <= 2:
            a1, why = a, "modifies the trigger noun"
    if a1 is None:
        # among the actors not after a preposition ("free"), prefer the nearest that a verb follows ("Turkey
        # managed to ... by bombing"), then the nearest (only the first choice is used: the loop below
        # always stops at it)
        first = nearest_free = None
        for k in range(len(before) - 1, -1, -1):
            s, e, _ = before[k]
            if s > 0 and lows[s - 1] in _PREPS:
                continue
            if nearest_free is None:
                nearest_free = k
            if _verb_follows(lows, e, ts) and not _is_source(lows, s, e):
                first = k
                break
        if first is None:
            first = nearest_free
        for k in ([] if first is None else [first]):
            s, e, a = before[k]
            # "Syrian regime troops and allied Iranian militias mass": the first conjunct acts, the rest assist
            while k > 0 and _conjoined(lows, before[k - 1][1], s) and not (
                    before[k - 1][0] > 0 and lows[before[k - 1][0] - 1] in _PREPS):
                k -= 1
                s, e, lead = before[k]
                a = evolve(lead, assoc=tuple(lead.assoc) + (a,) + tuple(a.assoc)) if _distinct(lead, a) else lead
            a1, why = a, "subject before the trigger"
            break
    if a1 is None and role2 == "party" and after:
        a1, why = after[0][2], "party named after the trigger"

    a2 = None
    if role2 not in (None, "none"):
        if role2 == "party":
            parties = [a for _, _, a in spans if a is not a1 and _key(a) != _key(a1)]
            a2 = parties[0] if parties else None
        else:
            for s, e, a in after:
                if a is a1 or (a1 is not None and _key(a) == _key(a1)):
                    continue
                a2 = a
                break
            if a2 is None:  # "7 civilians were killed by ...", "rebel positions were hit by ..."
                for s, e, a in reversed(before):
                    if a is a1:
                        continue
                    window = lows[e:ts + 1]
                    if len(window) <= 7 and not _PASSIVE_AUX.isdisjoint(window) and (
                            not _PASSIVE_VICTIM.isdisjoint(window)):
                        a2 = a
                        break
    return _dyad(a1, a2, why or "")


def _key(a: Any) -> tuple:
    return (getattr(a, "code", None), getattr(a, "country", None)) if a is not None else (None, None)


def _is_bare_state(a: Any) -> bool:
    """A country or capital named on its own (its GOV actor), as opposed to "Syrian troops"."""
    return getattr(a, "role", None) == "GOV" and " " not in a.text.strip() and a.text[:1].isupper()


def _conjoined(lows: list[str], prev_end: int, start: int) -> bool:
    between = lows[prev_end:start]
    return bool(between) and between[0] in ("and", "&", ",") and len(between) <= 3 and all(
        w in ("and", "&", ",", "allied", "its", "their", "affiliated", "backed", "pro-government") for w in between)


def _distinct(a: Any, b: Any) -> bool:
    return getattr(a, "code", None) != getattr(b, "code", None)


_AUX = {"has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "did", "does", "do", "said",
        "says", "also", "reportedly", "then", "again", "began", "begun", "continued", "set", "sent", "struck",
        "hit", "launched", "managed", "carried", "conducted", "claimed", "say", "allegedly", "on", "yesterday",
        "today", "later", "earlier", "recently", "jointly", "themselves", "itself"}


def _verb_follows(lows: list[str], end: int, ts: int) -> bool:
    """The token after an actor phrase looks like its verb: an auxiliary, a past form, or the trigger."""
    if end >= ts:
        return True
    nxt = lows[end]
    return nxt in _AUX or (nxt.endswith("ed") and len(nxt) > 4)


def _after_locative(lows: list[str], s: int) -> bool:
    """'in Syria', 'in southern Lebanon', 'across the north of Syria'."""
    k = s - 1
    while k >= 0 and (lows[k] in _DIRECTION or lows[k] in _DET):
        k -= 1
    return k >= 0 and lows[k] in _LOCATIVE


def _is_source(lows: list[str], s: int, e: int) -> bool:
    """'..., the army said' / 'according to police': the actor reports the event."""
    if e < len(lows) and lows[e] in _SPEECH:
        return True
    return s >= 2 and (lows[s - 1] == "to" and lows[s - 2] == "according"
                       or s >= 3 and lows[s - 2] == "to" and lows[s - 3] == "according")


_ANAPHOR = {"its", "their", "it", "they", "his", "her"}


def reporter_of(actors: Sequence[Any], lows: list[str], tokens: Sequence[Token], ca: int, cb: int,
                ends: list[int] | None = None) -> Any | None:
    """'The army said its aircraft had struck ...': when the event's clause names no actor but refers back to
    one ("its", "they"), the actor is the speaker of the reporting verb just before the clause."""
    if ca < 2 or not any(w in _ANAPHOR for w in lows[ca:cb]):
        return None
    speech = ca - 1 if lows[ca - 1] in _SPEECH else (ca - 2 if lows[ca - 1] == "that" and lows[ca - 2] in _SPEECH else -1)
    if speech < 1:
        return None
    if ends is None:
        ends = [t.end for t in tokens]
    for a in reversed(actors):
        if bisect_right(ends, a.end - 1) + 1 == speech:
            return a
    return None


_ACCUSE = {"accused", "accuses", "accusing", "accuse", "blamed", "blames", "blaming", "blame"}


def _accused(spans: list, lows: list[str], ts: int) -> Any | None:
    """'X accused Y of violating ...' / 'blamed Y for ...': Y, when the trigger follows 'of'/'for'."""
    for s, e, a in spans:
        k = s - 1 if s > 0 and lows[s - 1] not in _DET else s - 2
        if k >= 0 and lows[k] in _ACCUSE and e < ts and any(w in ("of", "for") for w in lows[e:ts]) \
                and ts - e <= 4:
            return a
    return None
