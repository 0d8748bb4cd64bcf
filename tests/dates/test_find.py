"""find_dates: which phrases are found, with which kind, pattern and span."""
from __future__ import annotations

import pytest

from coder.dates import DatePatternError, find_dates
from coder.dates.firstwords import DIGIT, first_words
from coder.dates.lexicon import build

CASES = [
    # (text, [(kind, pattern_id, phrase text)])
    ("On Wednesday, Russia launched its first airstrikes.", [("weekday", "weekday.on", "On Wednesday")]),
    ("Shelling resumed on Wednesday night.", [("weekday", "weekday.on", "on Wednesday night")]),
    ("Jets struck late on Monday.", [("weekday", "weekday.on", "late on Monday")]),
    ("Monday night raids", [("weekday", "weekday.on", "Monday night")]),
    ("Troops moved in early Tuesday.", [("weekday", "weekday.on", "early Tuesday")]),
    ("Officials said Tuesday.", [("weekday", "weekday.on", "Tuesday")]),
    ("Rebels attacked last Wednesday.", [("last_weekday", "weekday.last", "last Wednesday")]),
    ("It happened on Wednesday last week.", [("last_week_weekday", "weekday.last_week", "on Wednesday last week")]),
    ("Strikes hit the town yesterday.", [("relative_day", "rel.yesterday", "yesterday")]),
    ("Protesters blocked the road today.", [("relative_day", "rel.today", "today")]),
    ("Police said this morning that", [("relative_day", "rel.today", "this morning")]),
    ("Jets struck last night.", [("relative_day", "rel.last_night", "last night")]),
    ("Jets struck overnight.", [("relative_day", "rel.overnight", "overnight")]),
    ("Jets struck two days ago.", [("relative_day", "rel.days_ago", "two days ago")]),
    ("Raids in the past 24 hours", [("relative_day", "rel.past_day", "in the past 24 hours")]),
    ("on the night of 3 March", [("day", "day.dm", "on the night of 3 March")]),
    ("Troops arrived earlier this week.", [("week", "week.this", "earlier this week")]),
    ("Troops arrived this week.", [("week", "week.this", "this week")]),
    ("Troops arrived last week.", [("week", "week.last", "last week")]),
    ("Clashes last weekend", [("week", "week.last_weekend", "last weekend")]),
    ("Clashes over the weekend", [("week", "week.weekend", "over the weekend")]),
    ("Raids earlier this month", [("month", "month.this", "earlier this month")]),
    ("Raids last month", [("month", "month.last", "last month")]),
    ("Raids this month", [("month", "month.this", "this month")]),
    ("Raids in December 2019 killed", [("month", "month.named_year", "in December 2019")]),
    ("in early March", [("month", "month.in", "in early March")]),
    ("in mid-March", [("month", "month.in", "in mid-March")]),
    ("in late March", [("month", "month.in", "in late March")]),
    ("Talks on March 5 failed", [("day", "day.md", "on March 5")]),
    ("Talks on 5 March failed", [("day", "day.dm", "on 5 March")]),
    ("signed March 5, 2020 in Moscow", [("day", "day.md", "March 5, 2020")]),
    ("signed 5 March 2020 in Moscow", [("day", "day.dm", "5 March 2020")]),
    ("05 June, 2020", [("day", "day.dm", "05 June, 2020")]),
    ("dated 2020-06-05 by", [("day", "day.iso", "2020-06-05")]),
    ("the 5th of March", [("day", "day.dm", "the 5th of March")]),
    ("On 14 March 2020, an airstrike", [("day", "day.dm", "On 14 March 2020")]),
    ("Reported on 1 March 2020, 42 IS fighters", [("day", "day.dm", "Reported on 1 March 2020")]),
    ("clear Bulagana of Boko Haram on 18/06.", [("day", "day.slash_dm", "on 18/06")]),
    ("between 1 and 3 March 2020", [("range", "range.d_d_m", "between 1 and 3 March 2020")]),
    ("from 1 to 3 March", [("range", "range.d_d_m", "from 1 to 3 March")]),
    ("March 1-3, 2020", [("range", "range.m_d_d", "March 1-3, 2020")]),
    ("between 28 February and 2 March 2020",
     [("range", "range.dm_dm", "between 28 February and 2 March 2020")]),
    ("Raids in 2019 killed", [("year", "year.in", "in 2019")]),
    ("before the March 5 ceasefire", [("anchor_before", "anchor.date_noun", "before the March 5 ceasefire")]),
    ("after the March 5 agreement", [("anchor_after", "anchor.date_noun", "after the March 5 agreement")]),
    ("since the truce of 12 January", [("anchor_since", "anchor.noun_of", "since the truce of 12 January")]),
    ("since March", [("anchor_since", "anchor.bare", "since March")]),
    ("since Wednesday's attack", [("anchor_since", "anchor.date_noun", "since Wednesday's attack")]),
    ("talks will resume next Tuesday", [("future", "future.named", "next Tuesday")]),
    ("a vote tomorrow", [("future", "future.named", "tomorrow")]),
    # two phrases in one sentence, in order
    ("Russia struck on Wednesday and Turkey replied on Thursday.",
     [("weekday", "weekday.on", "on Wednesday"), ("weekday", "weekday.on", "on Thursday")]),
    ("The March 5 2020 agreement between Turkey and Russia", [("day", "day.md", "March 5 2020")]),
    # a weekday with a calendar date: one phrase, the calendar date wins
    ("on Thursday, 5 March 2020", [("day", "day.wd_dm", "on Thursday, 5 March 2020")]),
    ("when the March ceasefire agreement was signed",
     [("month", "month.the_noun", "the March ceasefire agreement")]),
    ("before the March ceasefire", [("anchor_before", "anchor.date_noun", "before the March ceasefire")]),
    ("On or before August 20th, a confrontation", [("day", "day.md", "On or before August 20th")]),
    ("from 5 to 3 March", [("day", "day.dm", "3 March")]),  # not a range: the day that is there
    # no such day: only the month is kept
    ("31 February 2020", [("month", "month.named_year", "February 2020")]),
]

NOT_DATES = [
    "Protesters may march on the capital.",
    "Protesters March in Kabul against the war.",   # headline case: no day or year next to it
    "They may block the road, and they march.",
    "He said 42 fighters surrendered in Kunar.",
    "The 2020 fighters' group",
    "A holiday convoy was attacked.",
    "Mayors of three towns met.",
    "The Mars 5 mission",
]


@pytest.mark.parametrize("text,expected", CASES)
def test_find_dates_table(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = [(m.kind, m.pattern_id, m.text) for m in find_dates(text)]
    assert got == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_find_dates_ignores_non_dates(text: str) -> None:
    assert find_dates(text) == []


def test_find_dates_offsets_point_into_text() -> None:
    text = "Residents fled.\nOn Wednesday, Russia launched strikes; on 5 March 2020 Turkey replied."
    found = find_dates(text)
    assert [(m.start, m.end) for m in found] == [(16, 28), (55, 70)]
    assert all(text[m.start:m.end] == m.text for m in found)


def test_find_dates_parses_fields() -> None:
    (m,) = find_dates("between 28 February and 2 March 2020")
    assert (m.day, m.month, m.day2, m.month2, m.year) == (28, 2, 2, 3, 2020)
    (m,) = find_dates("in late December 2019")
    assert (m.part, m.month, m.year) == ("late", 12, 2019)
    (m,) = find_dates("three days ago")
    assert m.n == 3
    (m,) = find_dates("last Sunday")
    assert m.weekday == 6


def test_find_dates_anchor_carries_inner_phrase() -> None:
    (m,) = find_dates("Troops massed before the March 5 ceasefire took hold.")
    assert m.kind == "anchor_before"
    assert m.inner is not None
    assert (m.inner.kind, m.inner.text, m.inner.day, m.inner.month) == ("day", "March 5", 5, 3)
    assert (m.inner.start, m.inner.end) == (25, 32)


def test_build_reports_every_error_with_line() -> None:
    bad = """
words:
  cores: [day]
  months: {1: [January]}
  weekdays: {0: [Monday]}
  numbers: {one: 1}
  parts_of_day: [night]
  lead_ins: [on]
  parts_of_period: {early: early}
  anchor_prepositions: {before: anchor_before}
  anchor_nouns: [truce]
patterns:
  - id: a
    kind: day
    pattern: '(?P<d>\\d+'
  - id: a
    kind: nonsense
    pattern: 'x'
"""
    with pytest.raises(DatePatternError) as e:
        build(bad, where="t.yaml")
    msg = str(e.value)
    assert "words.lead_ins: True is not a string; quote it" in msg
    # after the word list is fixed, the pattern errors are reported together
    with pytest.raises(DatePatternError) as e:
        build(bad.replace("[on]", '["on"]'), where="t.yaml")
    msg = str(e.value)
    assert "t.yaml:16: pattern id 'a' is used twice" in msg
    assert "t.yaml:16: pattern 'a': kind 'nonsense' is not one of" in msg


@pytest.mark.parametrize("source,expected", [
    (r"(?:on\s+|late\s+on\s+)?(?:monday|tuesday)", {"on", "late", "monday", "tuesday"}),
    (r"(?:today|tonight)\b", {"today", "tonight"}),          # re's parser factors out "to"
    (r"(?:the\s+)?\d+(?:st|th)?", {"the", DIGIT}),
    (r"(?P<part>mid|early)[-\s]+March", {"mid", "early"}),
    (r"[a-z]+day", None),                                     # any word: cannot tell
    (r"(?:on\s+)?", None),                                   # may match nothing
])
def test_first_words(source: str, expected: set[str] | None) -> None:
    assert first_words(source) == (None if expected is None else frozenset(expected))
