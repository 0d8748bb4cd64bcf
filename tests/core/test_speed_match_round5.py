"""Round-5 speed paths of matching equal the plain code they replace: the trigger search rules out most
places its automaton finds by the character that follows the first word, without the regex."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coder.rules import WHITESPACE, load_ruleset
from coder.sentences import plain_lower

_RS = load_ruleset()
_WORDS = sorted({w for p in _RS.phrase_rules for w in p.split(" ")})
# the pieces a first word meets: separators, punctuation, word characters glued to it, odd characters
_GLUE = [" ", "  ", " \n ", "-", " - ", "\n", "\xa0", "\u2003", ",", ", ", ".", ". ", "s", "ed", "_", "'", "’",
         "“", "3", "x", "a", "the", "and", "é", "Σ", "\u212a", "ı", "ſ", "İ"]
_texts = st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_WORDS).map(str.upper),
                            st.sampled_from(_GLUE)), max_size=30).map("".join)


def _plain(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _RS.trigger_regex.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(_texts)
def test_find_triggers_with_the_follow_test_is_the_regex(text):
    expect = _plain(text)
    assert [(m.start(), m.end(), m.group()) for m in _RS.find_triggers(text)] == expect
    low = plain_lower(text)
    if low is not None:
        assert [(m.start(), m.end(), m.group()) for m in _RS.find_triggers(text, low)] == expect


def test_find_triggers_known_cases():
    cases = ["Troops moved. Troop surge, troop  buildup and troops-movement; troopsurge",
             "On the road, on  alert, ON-ALERT, on\nalert, on\xa0high alert, on the alert, on,alert",
             "roads, road-block, road  blocks, road\tblockade, road to Idlib, roadblock’s, road_block",
             "military buildup; military\u2003build up; military bases; highway, blockade; highway blockade.",
             "air strikes air-strike airstrike2 air and drone strikes air raid’s AIR RAID re-deployed redeploy"]
    for text in cases:
        assert [(m.start(), m.end(), m.group()) for m in _RS.find_triggers(text, plain_lower(text))] == \
            _plain(text)
    got = [m.group() for m in _RS.find_triggers(cases[1], plain_lower(cases[1]))]
    assert got == ["on  alert", "ON-ALERT", "on\nalert", "on\xa0high alert"]


def test_what_may_follow_a_first_word():
    starts = _RS.trigger_starts
    patterns = {p: k for k, p in enumerate(starts.patterns)}
    seps = frozenset(WHITESPACE + "-")
    road = patterns["road"]  # no phrase on its own: a separator, then "b" (block...) or "s" (sit in)
    assert starts.follow[road] == seps and starts.then[road] == seps | {"b", "s"}
    on = patterns["on "]  # a short first word with its separator: the next word may follow at once
    assert starts.follow[on] == starts.then[on] == seps | {"a", "h", "m", "r", "s"}
    airstrike = patterns["airstrike"]  # a phrase: any character but a word character may follow
    assert starts.follow[airstrike] is None and starts.then[airstrike] is None
