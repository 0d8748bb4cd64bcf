"""The speed paths of coder.dates give exactly what the plain code gives.

Load validates patterns with a stand-in for %INNER% and compiles the full regexes lazily; mentions
are built without the dataclass __init__; valid_day skips the calendar for days <= 28.
"""
from __future__ import annotations

import calendar
import pickle
import re
from dataclasses import fields
from functools import lru_cache
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coder.dates import DatePatternError, find_dates
from coder.dates.calendar import valid_day
from coder.dates.firstwords import first_words
from coder.dates.lexicon import _strip_groups, build, load
from coder.dates.model import DateMention, build_mention

SMALL = """
words:
  cores: [day]
  months: {1: [January, Jan], 3: [March, Mar]}
  weekdays: {0: [Monday]}
  numbers: {one: 1}
  parts_of_day: [night]
  lead_ins: ["on"]
  parts_of_period: {early: early}
  anchor_prepositions: {before: anchor_before}
  anchor_nouns: [truce]
patterns:
  - id: day.dm
    kind: day
    inner: true
    pattern: '(?:%LEAD%)?(?P<d>%DAY%)\\s+(?P<m>%MONA%)'
  - id: anchor.x
    kind: anchor
    pattern: ANCHOR
"""


def test_build_mention_equals_the_dataclass() -> None:
    inner = DateMention(start=3, end=8, text="March", kind="month", pattern_id="month.bare", month=3)
    values = dict(start=1, end=30, text="before the March truce", kind="anchor_before", pattern_id="anchor.x",
                  day=None, month=None, year=2020, day2=None, month2=None, weekday=2, n=None, part="late",
                  earlier=True, inner=inner)
    fast = build_mention(**values)
    slow = DateMention(**values)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert list(values) == [f.name for f in fields(DateMention)]  # build_mention covers every field


def test_valid_day_matches_the_calendar() -> None:
    for y in (None, 1900, 2000, 2019, 2020, 2100):
        for m in range(0, 14):
            for d in range(-1, 33):
                want = 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y if y is not None else 2000, m)[1]
                assert valid_day(y, m, d) == want, (y, m, d)


def test_first_words_from_the_stand_in_equal_those_of_the_full_patterns() -> None:
    lex = load()
    got: dict[int, set[str]] = {}
    for word, key in lex.starts.items():
        for k in key:
            got.setdefault(k, set()).add(word)
    for k, pat in enumerate(lex.patterns):
        want = set() if pat.inner_only else set(first_words(pat.source) or ())
        assert got.get(k, set()) == want, pat.id


def test_full_regexes_are_compiled_on_first_use_only() -> None:
    text = resources.files("coder.dates").joinpath("patterns.yaml").read_text(encoding="utf-8")
    lex = build(text)
    anchor = next(p for p in lex.patterns if p.id == "anchor.bare")
    assert lex.compiled == {} and "regex" not in anchor.__dict__
    key = lex.starts["since"]
    rx = lex.alternation(key)
    assert lex.alternation(key) is rx and lex.compiled == {key: rx}
    m = rx.match("since March began", 0)
    assert m is not None and m.end() == 11 and lex.group_to_pattern[m.lastgroup] is anchor
    assert anchor.regex.fullmatch("since the March").group("inner") == "March"


ANCHOR_TEXTS = st.lists(st.sampled_from(
    ["since", "before", "after", "the", "March", "5", "5th", "of", "truce", "ceasefire", "Wednesday", "'s",
     "last", "week", "2019", "attack", "agreement", "in", "early", "on", "said", "talks", "January"]),
    min_size=1, max_size=9).map(lambda ws: " ".join(["since"] + ws))


@settings(max_examples=300, deadline=None)
@given(ANCHOR_TEXTS)
def test_anchors_tried_in_order_equal_their_alternation(text: str) -> None:
    lex = load()
    key = lex.starts["since"]
    full = _alternation(key)
    a, b = lex.alternation(key).match(text, 0), full.match(text, 0)
    assert (a is None) == (b is None)
    if a is not None and b is not None:
        assert (a.end(), a.lastgroup) == (b.end(), b.lastgroup)


def test_anchors_tried_in_order_pick_the_first_pattern() -> None:
    lex = load()
    rx = lex.alternation(lex.starts["since"])
    got = [(m.end(), lex.group_to_pattern[m.lastgroup].id) for m in
           (rx.match(t, 0) for t in ("since the truce of 12 January", "since Wednesday's attack", "since March"))]
    assert got == [(29, "anchor.noun_of"), (24, "anchor.date_noun"), (11, "anchor.bare")]


@lru_cache(maxsize=None)
def _alternation(key: tuple[int, ...]) -> re.Pattern[str]:
    lex = load()
    return re.compile("|".join(f"(?P<p{k}>{_strip_groups(lex.patterns[k].source)})" for k in key), re.IGNORECASE)


@pytest.mark.parametrize("anchor,message", [
    (r"'(?P<prep>%PREP%)\s+(?P<inner>%INNER%'", "t.yaml:17: pattern 'anchor.x' is not a valid regex"),
    (r"'(?P<prep>%PREP%)\s+(the\s+)?(?P<inner>%INNER%)'",
     "t.yaml:17: pattern 'anchor.x' has an unnamed capturing group; write (?:...) instead"),
])
def test_anchor_templates_are_still_validated(anchor: str, message: str) -> None:
    with pytest.raises(DatePatternError) as e:
        build(SMALL.replace("ANCHOR", anchor), where="t.yaml")
    assert message in str(e.value)


def test_small_lexicon_with_the_stand_in_finds_anchors() -> None:
    lex = build(SMALL.replace("ANCHOR", r"'(?P<prep>%PREP%)\s+(?:the\s+)?(?P<inner>%INNER%)'"), where="t.yaml")
    assert set(lex.starts) == {"on", "#digit", "before"}


def test_words_holding_several_cores() -> None:
    # "weekday" holds two cores (week, day); "Mayday" a month prefix and a core word
    assert [(m.pattern_id, m.text) for m in find_dates("On Monday weekday strikes resumed.")] == \
        [("weekday.on", "On Monday")]
    assert find_dates("A Mayday call came in.") == []
