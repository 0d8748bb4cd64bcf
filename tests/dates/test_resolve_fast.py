"""resolve()'s records are made without the frozen __init__: equal to the dataclass's."""
from __future__ import annotations

import importlib
from datetime import date

from coder.dates import find_dates, publication_default, resolve
from coder.dates.model import ResolvedDate

R = importlib.import_module("coder.dates.resolve")


def test_fast_record_equals_the_dataclass() -> None:
    args = (date(2020, 3, 4), date(2020, 3, 1), date(2020, 3, 6), 2, "relative", "this week", "week.this")
    made = R._resolved(*args)
    assert made == ResolvedDate(*args) and type(made) is ResolvedDate and hash(made) == hash(ResolvedDate(*args))
    assert publication_default(date(2020, 3, 9)) == ResolvedDate(
        date(2020, 3, 9), date(2020, 3, 3), date(2020, 3, 9), 2, "publication", None, None)


def test_resolved_records_by_hand() -> None:
    (wed,) = find_dates("Jets struck on Wednesday.")
    assert resolve(wed, date(2020, 3, 12)) == ResolvedDate(
        date(2020, 3, 11), date(2020, 3, 11), date(2020, 3, 11), 1, "relative", "on Wednesday", "weekday.on")
    (since,) = find_dates("Fighting since the March 5 ceasefire.")
    assert resolve(since, date(2020, 3, 9)) == ResolvedDate(
        date(2020, 3, 5), date(2020, 3, 5), date(2020, 3, 9), 3, "anchored", "since the March 5 ceasefire",
        "anchor.date_noun")


def test_midpoint_of_one_day_and_of_whole_months() -> None:
    from coder.dates.calendar import midpoint
    for d in (date(2020, 2, 29), date(2021, 1, 1), date(2020, 12, 31)):
        assert midpoint(d, d) == d
    assert midpoint(date(2020, 2, 1), date(2020, 2, 29)) == date(2020, 2, 15)
    assert midpoint(date(2020, 3, 2), date(2020, 3, 5)) == date(2020, 3, 3)
