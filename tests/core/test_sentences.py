"""Sentence splitting with exact offsets; a paragraph break always ends a sentence."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coder.sentences import split_sentences, tokenize


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_abbreviations_and_initials_do_not_split():
    t = ("Gen. Mohammed said U.S. forces struck at 5 a.m. on Monday. Lt. Col. J. Smith denied it. "
         "The U.N. envoy, Mr. Pedersen, arrived approx. two hours later!")
    assert texts(t) == ["Gen. Mohammed said U.S. forces struck at 5 a.m. on Monday.",
                        "Lt. Col. J. Smith denied it.",
                        "The U.N. envoy, Mr. Pedersen, arrived approx. two hours later!"]


def test_paragraph_break_and_headline_lines_end_sentences():
    t = "Turkey reinforces Idlib\n\nOn Thursday the army set up posts\nRead also: something\nand more"
    assert texts(t) == ["Turkey reinforces Idlib", "On Thursday the army set up posts",
                        "Read also: something\nand more"]


def test_quotes_stay_with_their_sentence():
    assert texts('He said: "We struck them." Then he left.') == ['He said: "We struck them."', "Then he left."]


@given(st.text(max_size=400))
def test_offsets_point_into_the_text(text):
    prev_end = 0
    for i, s in enumerate(split_sentences(text)):
        assert s.index == i
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text and s.text
        assert s.start >= prev_end
        prev_end = s.end


def test_tokens_keep_hyphens_and_apostrophes():
    assert [t.low for t in tokenize("Russia’s air-strikes didn't stop")] == [
        "russia's", "air-strikes", "didn't", "stop"]


@given(st.text(max_size=200))
def test_tokens_point_into_the_text(text):
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text
        assert tok.low == tok.text.lower().replace("’", "'")
