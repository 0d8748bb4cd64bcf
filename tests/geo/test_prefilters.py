"""Cheap tests that decide whether a costly regex needs to run must never skip a match it would find."""
from hypothesis import given, settings, strategies as st

from coder.geo.gazetteer import _AFTER_PAIRS, _AFTER_RE, _after_could

WORDS = ["province", "Province", "PROVINCE", "city", "tv", "TV", "FM", "fm", "news agency", "daily", "ſtate",
         "wilayah", "area", "said", "and", "on", "district", "environs", "Television", "x"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(WORDS + [" ", "\t", "  "]), max_size=4).map("".join))
def test_after_pair_filter_never_hides_a_match(rest):
    text = " " + rest
    pair = text[1:3]
    if _AFTER_RE.match(text, 0) is not None:
        assert _after_could(pair, {})


def test_after_pair_filter_known_cases():
    memo: dict = {}
    assert _after_could("pr", memo) and _after_could("PR", memo) and _after_could("ſt", memo)
    assert _after_could(" p", memo) and _after_could("\tx", memo)  # more blanks: always try
    assert not _after_could("sa", memo) and not _after_could("an", memo) and not _after_could("o", memo)
    assert memo == {"pr": True, "PR": True, "ſt": True, " p": True, "\tx": True, "sa": False, "an": False,
                    "o": False}
    assert isinstance(_AFTER_PAIRS, dict)
