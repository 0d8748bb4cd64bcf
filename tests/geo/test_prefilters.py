"""Cheap tests that decide whether a costly regex needs to run must never skip a match it would find."""
from hypothesis import given, settings, strategies as st

from coder.geo.gazetteer import _AFTER_RE, _AFTER_STARTS, _after_could

WORDS = ["province", "Province", "PROVINCE", "provinces", "city", "tv", "TV", "tv_", "tvs", "FM", "fm", "Fm.",
         "news agency", "news", "daily", "ſtate", "wilayah", "area", "said", "and", "on", "to", "town",
         "district", "environs", "Television", "x", "-", ".", "_"]


@settings(max_examples=800)
@given(st.lists(st.sampled_from(WORDS + [" ", "\t", "  "]), max_size=4).map("".join))
def test_after_start_filter_never_hides_a_match(rest):
    text = " " + rest
    if _AFTER_RE.match(text, 0) is not None:
        assert _after_could(text[1:4], {})


def test_after_start_filter_known_cases():
    memo: dict = {}
    for yes in ("pro", "PRO", "ſta", "tv", "tv.", "FM ", "fm", "new", " p", "\tx"):
        assert _after_could(yes, memo), yes
    for no in ("sai", "and", "to ", "tvs", "tv_", "o", "ci", "str"):
        assert not _after_could(no, memo), no
    assert memo["to "] is False and memo["tv."] is True
    assert isinstance(_AFTER_STARTS, dict)
