"""Round-2 speed paths of sentences, matching and the pipeline equal the plain code they replace:
objects built without their dataclass __init__, the memoised abbreviation decision."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from coder.match import Decision, _decision
from coder.models import Sentence
from coder.pipeline import Trace, _trace
from coder.rules import load_ruleset
from coder.sentences import _ABBREV, _is_abbreviation, _sentence, split_sentences

_RS = load_ruleset()


def test_fast_decision_is_the_dataclass():
    rule = _RS.rules[0]
    fast = _decision(rule, True, "195", "coded", "coded: x 'y'", 3, 5)
    plain = Decision(rule, True, "195", "coded", "coded: x 'y'", 3, 5)
    assert fast == plain and repr(fast) == repr(plain)
    assert type(fast) is Decision and fast.tok_end == 5
    try:
        fast.coded = False
    except AttributeError:
        pass
    else:
        raise AssertionError("a Decision must stay frozen")


def test_fast_sentence_and_trace_are_the_dataclasses():
    s = _sentence(2, 10, 14, "Hi.")
    assert s == Sentence(index=2, start=10, end=14, text="Hi.") and hash(s) == hash(Sentence(2, 10, 14, "Hi."))
    t = _trace(s, "struck", 1, 7, None, "boilerplate", "dropped")
    assert t == Trace(s, "struck", 1, 7, None, "boilerplate", "dropped") and t.mention is None
    t.reason = "other"  # the resolver overwrites reason and detail
    assert t.reason == "other"


def _plain_is_abbreviation(text: str, dot: int, next_start: int) -> bool:
    wm = re.compile(r"([A-Za-z][A-Za-z.]*)$").search(text, max(0, dot - 12), dot)
    if not wm:
        return False
    word = wm.group(1).lower().rstrip(".")
    if word in _ABBREV or (len(word) == 1 and word.isalpha()):
        return True
    nxt = text[next_start:next_start + 1]
    return bool(nxt) and nxt.islower()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ.Mr Gen.e.g J1 \n", max_size=40), st.data())
def test_memoised_abbreviation_is_the_plain_decision(text, data):
    for dot in [i for i, c in enumerate(text) if c == "."]:
        nxt = data.draw(st.integers(dot + 1, len(text) + 1))
        assert _is_abbreviation(text, dot, dot + 1, nxt) == _plain_is_abbreviation(text, dot, nxt)


def test_abbreviations_do_not_split():
    text = "Gen. Smith said U.S. jets struck approx. five sites. Mr. Jones left."
    assert [s.text for s in split_sentences(text)] == [
        "Gen. Smith said U.S. jets struck approx. five sites.", "Mr. Jones left."]
    # the same word before a dot decides again with another next character
    assert [s.text for s in split_sentences("It fell by 5 pct. Then it rose. It fell by 5 pct. and rose.")] == [
        "It fell by 5 pct.", "Then it rose.", "It fell by 5 pct. and rose."]
