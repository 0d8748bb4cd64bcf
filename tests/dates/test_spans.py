"""find_date_spans gives find_dates' phrases as (start, end, phrase at offset 0): the phrase is shared by every
place it occurs, and moving it to its start gives find_dates' record."""
from __future__ import annotations

from coder.dates.find import find_date_spans, find_dates
from coder.dates.model import moved

TEXT = ("On Monday, jets struck the town, and on Monday again after the 5 March ceasefire; "
        "fighting resumed last week and since 12 April 2021.")


def test_spans_are_find_dates_at_offset_zero() -> None:
    spans = find_date_spans(TEXT)
    found = find_dates(TEXT)
    assert [(s, e) for s, e, _ in spans] == [(d.start, d.end) for d in found]
    assert [moved(p, s) for s, _, p in spans] == found
    assert all(p.start == 0 and p.end == e - s for s, e, p in spans)
    assert [TEXT[s:e] for s, e, _ in spans][:2] == ["On Monday", "on Monday"]


def test_a_repeated_phrase_is_one_shared_record() -> None:
    (s1, _, p1), (s2, _, p2) = find_date_spans("It rained on Friday. Troops left on Friday.")
    assert (s1, s2) == (10, 33)
    assert p1 is p2 and p1.text == "on Friday" and p1.kind == "weekday"


def test_first_words_split_tells_whole_words_from_prefixes() -> None:
    from coder.dates.firstwords import DIGIT, first_words_split

    # "a" and "about" are always followed by a non-letter; "kill" may be followed by letters (the match ends)
    assert first_words_split(r"\b(?:a few|about \d+)\s") == (frozenset({"a", "about"}), frozenset())
    assert first_words_split(r"\bkill") == (frozenset(), frozenset({"kill"}))
    assert first_words_split(r"(?:on|\d+)-") == (frozenset({"on", DIGIT}), frozenset())
    assert first_words_split(r"\w+ died") is None
