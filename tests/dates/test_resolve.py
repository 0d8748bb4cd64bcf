"""resolve / publication_default: exact dates for each phrase, relative to a publication date."""
from __future__ import annotations

from datetime import date

import pytest

from coder.dates import find_dates, publication_default, resolve

FRI = date(2020, 6, 5)  # the seed article's publication date, a Friday

D = date.fromisoformat

# (phrase, published, event_date, date_start, date_end, precision, basis)
TABLE = [
    ("On Wednesday", FRI, "2020-06-03", "2020-06-03", "2020-06-03", 1, "relative"),
    ("On Thursday", FRI, "2020-06-04", "2020-06-04", "2020-06-04", 1, "relative"),
    ("on Friday", FRI, "2020-06-05", "2020-06-05", "2020-06-05", 1, "relative"),  # the publication day
    ("on Saturday", FRI, "2020-05-30", "2020-05-30", "2020-05-30", 1, "relative"),
    ("on Wednesday night", FRI, "2020-06-03", "2020-06-03", "2020-06-03", 1, "relative"),
    ("late on Monday", FRI, "2020-06-01", "2020-06-01", "2020-06-01", 1, "relative"),
    ("last Wednesday", FRI, "2020-06-03", "2020-06-03", "2020-06-03", 1, "relative"),
    ("last Friday", FRI, "2020-05-29", "2020-05-29", "2020-05-29", 1, "relative"),
    ("on Wednesday last week", FRI, "2020-05-27", "2020-05-27", "2020-05-27", 1, "relative"),
    ("yesterday", FRI, "2020-06-04", "2020-06-04", "2020-06-04", 1, "relative"),
    ("today", FRI, "2020-06-05", "2020-06-05", "2020-06-05", 1, "relative"),
    ("this morning", FRI, "2020-06-05", "2020-06-05", "2020-06-05", 1, "relative"),
    ("last night", FRI, "2020-06-04", "2020-06-04", "2020-06-04", 1, "relative"),
    ("overnight", FRI, "2020-06-04", "2020-06-04", "2020-06-05", 1, "relative"),
    ("in the past 24 hours", FRI, "2020-06-04", "2020-06-04", "2020-06-05", 1, "relative"),
    ("on Sunday last week", FRI, "2020-05-31", "2020-05-31", "2020-05-31", 1, "relative"),
    ("two days ago", FRI, "2020-06-03", "2020-06-03", "2020-06-03", 1, "relative"),
    ("the day before yesterday", FRI, "2020-06-03", "2020-06-03", "2020-06-03", 1, "relative"),
    ("this week", FRI, "2020-06-03", "2020-06-01", "2020-06-05", 2, "relative"),
    ("earlier this week", FRI, "2020-06-02", "2020-06-01", "2020-06-04", 2, "relative"),
    ("earlier this week", D("2020-06-01"), "2020-06-01", "2020-06-01", "2020-06-01", 2, "relative"),
    ("last week", FRI, "2020-05-28", "2020-05-25", "2020-05-31", 2, "relative"),
    ("last weekend", FRI, "2020-05-30", "2020-05-30", "2020-05-31", 2, "relative"),
    ("last weekend", D("2020-06-07"), "2020-05-30", "2020-05-30", "2020-05-31", 2, "relative"),  # a Sunday
    ("over the weekend", D("2020-06-07"), "2020-06-06", "2020-06-06", "2020-06-07", 2, "relative"),
    ("in the past week", FRI, "2020-06-02", "2020-05-30", "2020-06-05", 2, "relative"),
    ("two weeks ago", FRI, "2020-05-22", "2020-05-19", "2020-05-25", 2, "relative"),
    ("earlier this month", FRI, "2020-06-02", "2020-06-01", "2020-06-04", 3, "relative"),
    ("this month", FRI, "2020-06-03", "2020-06-01", "2020-06-05", 3, "relative"),
    ("last month", FRI, "2020-05-15", "2020-05-01", "2020-05-31", 3, "relative"),
    ("last month", D("2020-03-10"), "2020-02-15", "2020-02-01", "2020-02-29", 3, "relative"),
    ("in December 2019", FRI, "2019-12-15", "2019-12-01", "2019-12-31", 3, "stated"),
    ("in December 2019", D("2019-12-10"), "2019-12-05", "2019-12-01", "2019-12-10", 3, "stated"),
    ("in early March", FRI, "2020-03-05", "2020-03-01", "2020-03-10", 3, "stated"),
    ("in mid-March", FRI, "2020-03-15", "2020-03-11", "2020-03-20", 3, "stated"),
    ("in late March", FRI, "2020-03-26", "2020-03-21", "2020-03-31", 3, "stated"),
    ("in May", FRI, "2020-05-15", "2020-05-01", "2020-05-31", 3, "stated"),
    ("in July", FRI, "2019-07-15", "2019-07-01", "2019-07-31", 3, "stated"),  # latest July begun
    ("in June", FRI, "2020-06-03", "2020-06-01", "2020-06-05", 3, "stated"),  # cut at publication
    ("in 2019", FRI, "2019-07-02", "2019-01-01", "2019-12-31", 3, "stated"),
    ("in 2020", FRI, "2020-03-19", "2020-01-01", "2020-06-05", 3, "stated"),
    ("last year", FRI, "2019-07-02", "2019-01-01", "2019-12-31", 3, "relative"),
    ("on March 5", FRI, "2020-03-05", "2020-03-05", "2020-03-05", 1, "stated"),
    ("on 5 March", D("2020-03-04"), "2019-03-05", "2019-03-05", "2019-03-05", 1, "stated"),
    ("on 5 March", D("2020-03-05"), "2020-03-05", "2020-03-05", "2020-03-05", 1, "stated"),
    ("March 5, 2020", FRI, "2020-03-05", "2020-03-05", "2020-03-05", 1, "stated"),
    ("5 March 2020", FRI, "2020-03-05", "2020-03-05", "2020-03-05", 1, "stated"),
    ("05 June, 2020", FRI, "2020-06-05", "2020-06-05", "2020-06-05", 1, "stated"),
    ("2020-06-05", FRI, "2020-06-05", "2020-06-05", "2020-06-05", 1, "stated"),
    ("the 5th of March", FRI, "2020-03-05", "2020-03-05", "2020-03-05", 1, "stated"),
    ("on the night of 3 March", FRI, "2020-03-03", "2020-03-03", "2020-03-03", 1, "stated"),
    ("Reported on 1 March 2020", D("2020-03-01"), "2020-03-01", "2020-03-01", "2020-03-01", 1, "stated"),
    ("on 29 February", D("2021-06-01"), "2020-02-29", "2020-02-29", "2020-02-29", 1, "stated"),
    ("on 18/06", D("2016-06-20"), "2016-06-18", "2016-06-18", "2016-06-18", 1, "stated"),
    # ranges: event_date is the first day, the interval the whole range, precision 1
    ("between 1 and 3 March 2020", FRI, "2020-03-01", "2020-03-01", "2020-03-03", 1, "stated"),
    ("from 1 to 3 March", FRI, "2020-03-01", "2020-03-01", "2020-03-03", 1, "stated"),
    ("between 28 December and 2 January 2020", FRI, "2019-12-28", "2019-12-28", "2020-01-02", 1, "stated"),
    ("from 28 December to 2 January", FRI, "2019-12-28", "2019-12-28", "2020-01-02", 1, "stated"),
    ("from 4 to 6 June", FRI, "2020-06-04", "2020-06-04", "2020-06-05", 1, "stated"),  # cut
    # anchors
    ("before the March 5 ceasefire", FRI, "2020-03-04", "2020-02-03", "2020-03-04", 3, "anchored"),
    ("after the March 5 agreement", FRI, "2020-03-06", "2020-03-06", "2020-06-05", 3, "anchored"),
    ("since the truce of 12 January", FRI, "2020-01-12", "2020-01-12", "2020-06-05", 3, "anchored"),
    ("since March", FRI, "2020-03-01", "2020-03-01", "2020-06-05", 3, "anchored"),
    ("before March", FRI, "2020-02-29", "2020-01-30", "2020-02-29", 3, "anchored"),
    ("since Wednesday's attack", FRI, "2020-06-03", "2020-06-03", "2020-06-05", 3, "anchored"),
    ("before the March ceasefire", FRI, "2020-03-14", "2020-02-13", "2020-03-30", 3, "anchored"),
    ("the March ceasefire", FRI, "2020-03-15", "2020-03-01", "2020-03-31", 3, "stated"),
    ("after today's attack", FRI, "2020-06-05", "2020-06-05", "2020-06-05", 3, "anchored"),
]


def _one(phrase: str):
    found = find_dates(phrase)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


@pytest.mark.parametrize("phrase,published,ev,start,end,precision,basis", TABLE)
def test_resolve_table(phrase, published, ev, start, end, precision, basis) -> None:
    r = resolve(_one(phrase), published)
    assert r is not None
    assert (r.event_date, r.date_start, r.date_end) == (D(ev), D(start), D(end))
    assert (r.time_precision, r.date_basis, r.phrase) == (precision, basis, phrase)


@pytest.mark.parametrize("phrase,published", [
    ("next Tuesday", FRI),                 # the future is not an event date
    ("tomorrow", FRI),
    ("on 7 June 2020", FRI),               # a stated date after publication
    ("in December 2020", FRI),
    ("On Wednesday", None),                # relative, and nothing to be relative to
    ("last week", None),
    ("on March 5", None),                  # no year and no publication date
    ("since Wednesday's attack", None),
])
def test_resolve_returns_none(phrase, published) -> None:
    assert resolve(_one(phrase), published) is None


@pytest.mark.parametrize("phrase,ev,start,end,precision,basis", [
    ("5 March 2020", "2020-03-05", "2020-03-05", "2020-03-05", 1, "stated"),
    ("in December 2019", "2019-12-15", "2019-12-01", "2019-12-31", 3, "stated"),
    ("between 1 and 3 March 2020", "2020-03-01", "2020-03-01", "2020-03-03", 1, "stated"),
    ("since the truce of 12 January 2020", "2020-01-12", "2020-01-12", "2020-02-11", 3, "anchored"),
])
def test_resolve_without_publication_date_keeps_stated_years(phrase, ev, start, end, precision, basis) -> None:
    r = resolve(_one(phrase), None)
    assert r is not None
    assert (r.event_date, r.date_start, r.date_end, r.time_precision, r.date_basis) == (
        D(ev), D(start), D(end), precision, basis)


def test_publication_default() -> None:
    r = publication_default(FRI)
    assert r is not None
    assert (r.event_date, r.date_start, r.date_end, r.time_precision, r.date_basis, r.phrase) == (
        FRI, D("2020-05-30"), FRI, 2, "publication", None)
    assert publication_default(None) is None


def test_seed_article_dates() -> None:
    """The hand-coded seed article: published Friday 05 June 2020."""
    text = ("On Wednesday, Russia launched its first airstrikes in three months. "
            "On Thursday, Mzahem Alsaloum tweeted. "
            "The March 5 2020 agreement between Turkey and Russia which established a ceasefire")
    got = [(m.text, str(resolve(m, FRI).event_date)) for m in find_dates(text)]  # type: ignore[union-attr]
    assert got == [("On Wednesday", "2020-06-03"), ("On Thursday", "2020-06-04"),
                   ("March 5 2020", "2020-03-05")]
