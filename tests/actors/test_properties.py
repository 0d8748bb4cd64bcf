"""Property tests: folding keeps offsets; find() returns ordered, non-overlapping, exact spans."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coder.actors import ActorDictionary
from coder.actors.lexicon import fold

D = ActorDictionary.load()
WORDS = ["Russian", "and", "regime", "planes", "Turkish", "drones", "in", "Syria", "'s", "air force", "IS",
         "is", "fighters", "US", "us", "protesters", "the", "Taliban", "militants", ",", "-", "Moscow", "said",
         "Niger", "Nigeria", "İstanbul", "—", "unknown", "gunmen", "pro-", "Kenyan", "police", "Assad"]


@given(st.text())
def test_fold_keeps_length(text):
    assert len(fold(text)) == len(text)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.sampled_from([None, "SYR", "AFG", "KEN"]))
def test_find_spans_are_exact_ordered_and_disjoint(words, ctx):
    text = " ".join(words)
    found = D.find(text, context_country=ctx)
    last = 0
    for a in found:
        assert text[a.start:a.end] == a.text
        assert a.start >= last
        last = a.end
        assert 1 <= a.inter <= 8 and a.entry_ids


@given(st.text(max_size=200))
def test_find_never_fails_on_any_text(text):
    for a in D.find(text):
        assert text[a.start:a.end] == a.text
