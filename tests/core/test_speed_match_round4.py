"""Round-4 speed paths of matching equal the plain code they replace: the token regex with a character-set
start, the article lowered once (`plain_lower`) and its sentences tokenised from slices of it, and the
trigger search fed that lowered text."""
from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from coder.rules import load_ruleset
from coder.sentences import (_ABBREV_MEMO, _MARKS, _TOKEN_SPLIT, lowered_columns, plain_lower, split_sentences,
                             token_columns)
from tests.core.test_speed_match_equivalence import _old_split

_RS = load_ruleset()
# the token regex before round 4 (possessive, one alternative per kind of token)
_OLD_SPLIT = re.compile(r"(\d++(?:[.,]\d++)++|\w++(?:['’\-]\w++)*+|[^\w\s])", re.UNICODE)

_PIECES = sorted({w for p in _RS.phrase_rules for w in p.split()})[:80] + [
    "on", "alert", "The", "AND", "US", "Mr", "didn't", "won’t", "50,000", "1.5", "3.", ",4", "x-ray", "a_b"]
_ODD = [" ", "  ", "-", "--", "\n", ". ", "?", ",", ".", "’", "'", "\t", "\xa0", "\u2003", "\x1c", "\x1f", "_",
        "3", "x", "ı", "ſ", "İ", "\u212a", "Σ", "ΟΔΟΣ", "é", "٣", "Ⅻ", "“", "”", "—", "…", "\x92", "Ⓐ", "(", "]"]
texts = st.lists(st.sampled_from(_PIECES + _ODD), max_size=40).map("".join)
plain_texts = st.lists(st.sampled_from(_PIECES + [" ", ". ", ",", "’", "'", "-", "\n", "\u212a", "3", "_", "“", "”",
                                                 "—", "\x92", "…"]),
                       max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, st.text(max_size=30)))
def test_token_regex_splits_as_before(text):
    assert _TOKEN_SPLIT.split(text) == _OLD_SPLIT.split(text)


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, plain_texts), st.data())
def test_lowered_slices_give_the_token_columns(text, data):
    low = plain_lower(text)
    if low is None:
        return
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    assert lowered_columns(low[a:b]) == token_columns(text[a:b])


def test_plain_lower_known_cases():
    assert plain_lower("Didn’t STRIKE") == "didn't strike"
    assert plain_lower("\u212aM 5") == "km 5"  # the Kelvin sign lowers to an ASCII k
    assert plain_lower("") == ""
    assert plain_lower("İD") is None  # lowers to two characters
    assert plain_lower("ΟΔΟΣ") is None and plain_lower("café") is None  # not ASCII once lowered
    assert plain_lower("a\x1cb") is None and plain_lower("a\xa0b") is None  # blanks to Unicode \s only
    assert plain_lower("“Jets” HIT — a\x92s…") == "“jets” hit — a\x92s…"  # marks: tokens of their own
    assert lowered_columns(plain_lower("“Jets” HIT—")) == ([0, 1, 5, 7, 10], [1, 5, 6, 10, 11],
                                                         ["“", "jets", "”", "hit", "—"])
    assert lowered_columns(plain_lower("Jets STRUCK 50,000 didn’t (AFP).")) == (
        [0, 5, 12, 19, 26, 27, 30, 31], [4, 11, 18, 25, 27, 30, 31, 32],
        ["jets", "struck", "50,000", "didn't", "(", "afp", ")", "."])


def test_the_usual_marks_are_marks():
    assert _MARKS and all(re.match(r"[\w\s]", c) is None and c.lower() == c for c in _MARKS)
    assert plain_lower("a”b\x92c⁂d") == "a”b\x92c⁂d"  # a mark out of the list: found by the regex
    assert plain_lower("”é") is None and plain_lower("”\u2003") is None


def test_only_letters_and_the_apostrophe_lower_to_another_ascii_character():
    """What `plain_lower` relies on: a character whose lowercase (’ straightened) is one other ASCII
    character has that character's regex classes."""
    found = set()
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        low = c.lower()
        if low != c and len(low) == 1 and low.isascii():
            found.add(c)
    found.add("’")
    assert found == set("ABCDEFGHIJKLMNOPQRSTUVWXYZ\u212a’")
    for c in found:
        low = c.lower().replace("’", "'")
        for rx in (r"\w", r"\d", r"\s", r"[.,'’\-]"):
            assert bool(re.match(rx, c)) == bool(re.match(rx, low)), (c, rx)


def test_a_mark_is_only_the_lowercase_of_a_mark():
    """What `plain_lower` relies on too: a character whose lowercase is one character, not ASCII, neither a
    word character nor a blank, is neither itself (so both regexes make it a token of its own)."""
    def mark(c: str) -> bool:
        return re.match(r"[\w\s]", c) is None

    for cp in range(0x80, sys.maxunicode + 1):
        c = chr(cp)
        low = c.lower()
        if len(low) == 1 and not low.isascii() and mark(low):
            assert mark(c) and re.match(r"[.,'\-]", low) is None, hex(cp)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, plain_texts))
def test_find_triggers_on_the_plain_lowered_text(text):
    low = plain_lower(text)
    expect = [(m.start(), m.end(), m.group()) for m in _RS.trigger_regex.finditer(text)]
    assert [(m.start(), m.end(), m.group()) for m in _RS.find_triggers(text, low)] == expect


def test_fast_candidate_is_the_dataclass():
    from coder.match import Words, decide
    from coder.models import Sentence
    from coder.pipeline import _candidate, _trace
    from coder.resolve import Candidate

    sent = Sentence(0, 0, 17, "Jets struck Gaza.")
    lows = ["jets", "struck", "gaza", "."]
    d = decide(_RS, _RS.rules_for("struck")[0], Words(lows, _RS), 1, 2, False)
    tr = _trace(sent, "struck", 5, 11, d, d.reason, d.detail)
    fast = _candidate(sent, lows, d, tr, [0, 5, 12, 16], [4, 11, 16, 17])
    assert fast == Candidate(sent, None, lows, d, tr, [0, 5, 12, 16], [4, 11, 16, 17])
    assert type(fast) is Candidate and fast.tokens is None and fast.ends == [4, 11, 16, 17]


def test_missing_context_names_are_the_sorted_condition_names():
    from coder.match import Words, decide

    for rule in _RS.rules:
        if rule.requires_any:
            d = decide(_RS, rule, Words(["nothing", "here"], _RS), 0, 1, False)
            names = ", ".join(sorted({c.name for c in rule.requires_any}))
            assert (d.reason, d.detail) == ("missing-context", f"dropped: no {names} near 'nothing'"), rule.id
            assert decide(_RS, rule, Words(["nothing", "here"], _RS), 0, 1, False).detail == d.detail  # remembered


@settings(max_examples=200, deadline=None)
@given(plain_texts)
def test_words_with_the_lowered_text_are_the_words_without(text):
    from coder.match import Words

    low = plain_lower(text)
    lows = lowered_columns(low)[2]
    assert Words(lows, _RS, low)._at == Words(lows, _RS)._at


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Mr", "Gen", "approx", "U.S", "J", "killed", "3", "(5)", "five", "Five", "e.g",
                                 ". ", ".\n", "\n\n", "? ", " ", ".\" ", "x"]), max_size=30).map("".join))
def test_sentences_with_the_abbreviation_memo_cold_and_warm(text):
    _ABBREV_MEMO.clear()
    cold = [(s.start, s.end) for s in split_sentences(text)]
    warm = [(s.start, s.end) for s in split_sentences(text)]  # the memo's answers are read inline now
    assert cold == warm == _old_split(text)
