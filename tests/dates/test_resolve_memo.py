"""resolve() is memoised by every field it reads; its records are made without the frozen __init__."""
from __future__ import annotations

import importlib
from datetime import date

from coder.dates import find_dates, publication_default, resolve
from coder.dates.model import ResolvedDate, moved

R = importlib.import_module("coder.dates.resolve")


def test_fast_record_equals_the_dataclass() -> None:
    args = (date(2020, 3, 4), date(2020, 3, 1), date(2020, 3, 6), 2, "relative", "this week", "week.this")
    assert R._resolved(*args) == ResolvedDate(*args)
    assert publication_default(date(2020, 3, 9)) == ResolvedDate(
        date(2020, 3, 9), date(2020, 3, 3), date(2020, 3, 9), 2, "publication", None, None)


def test_memo_gives_what_the_resolver_gives() -> None:
    texts = ["Jets struck on Wednesday.", "Jets struck on 5 March 2020.", "It ended last week.",
             "Talks began two days ago.", "Fighting since the March 5 ceasefire.", "Jets struck on Wednesday night."]
    for text in texts:
        for m in find_dates(text):
            for p in (date(2020, 3, 9), date(2021, 1, 2), None):
                first, again, elsewhere = resolve(m, p), resolve(m, p), resolve(moved(m, 40), p)
                assert first == again == elsewhere == R._resolve(m, p), (text, p)
    wed, = find_dates("Jets struck on Wednesday.")
    assert resolve(wed, date(2020, 3, 12)).event_date == date(2020, 3, 11)  # type: ignore[union-attr]  # keyed by it
    assert resolve(wed, date(2020, 3, 9)).event_date == date(2020, 3, 4)  # type: ignore[union-attr]
    wed_night, = find_dates("Jets struck on Wednesday night.")
    assert resolve(wed_night, date(2020, 3, 9)).phrase == "on Wednesday night"  # type: ignore[union-attr]
