"""Header date lines and the `published` field."""
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from coder.ingest.dates import parse_header_date, parse_published

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _fmt(d: date, style: str) -> str:
    m, mon, wd = MONTHS[d.month - 1], MONTHS[d.month - 1][:3], DAYS[d.weekday()]
    return {
        "dd-month-comma-yyyy": f"{d.day:02d} {m}, {d.year}",  # 05 June, 2020 (The New Arab)
        "month-d-yyyy": f"{m} {d.day}, {d.year}",  # June 5, 2020
        "iso": d.isoformat(),  # 2020-06-05
        "d-mon-yyyy-time-gmt": f"{d.day} {mon} {d.year} 14:03 GMT",  # 5 Jun 2020 14:03 GMT
        "published-prefix": f"Published: {d.day} {m} {d.year}",
        "ap-updated": f"Updated 2:03 PM EDT, {wd[:3]} {m} {d.day}, {d.year}",
        "guardian": f"{wd} {d.day} {m} {d.year} 14.03 BST",
        "daily-star": f"{wd[:3]} {mon} {d.day}, {d.year} 02:03 PM Last update on: {wd[:3]} {mon} {d.day}, {d.year} 02:45 PM",
        "al-jazeera": f"Published On {d.day} {mon} {d.year}",
        "reuters": f"{m} {d.day}, {d.year} 2:03 PM GMT+0  Updated 3 hours ago",
        "kyiv-independent": f"{m} {d.day}, {d.year} 2:03 PM 3 min read",
        "iso-datetime": f"{d.isoformat()}T14:03:00Z",
    }[style]


STYLES = ["dd-month-comma-yyyy", "month-d-yyyy", "iso", "d-mon-yyyy-time-gmt", "published-prefix",
          "ap-updated", "guardian", "daily-star", "al-jazeera", "reuters", "kyiv-independent",
          "iso-datetime"]


@pytest.mark.parametrize("line, expected", [
    ("05 June, 2020", date(2020, 6, 5)),
    ("June 5, 2020", date(2020, 6, 5)),
    ("2020-06-05", date(2020, 6, 5)),
    ("5 Jun 2020 14:03 GMT", date(2020, 6, 5)),
    ("Published: 5 June 2020", date(2020, 6, 5)),
    ("Updated 2:03 PM EDT, Fri June 5, 2020", date(2020, 6, 5)),
    ("Friday 5 June 2020 14.03 BST", date(2020, 6, 5)),
    ("  Sept. 30, 2021  ", date(2021, 9, 30)),
    ("1st March 2019", date(2019, 3, 1)),
])
def test_header_date_formats(line, expected):
    assert parse_header_date(line) == expected


@pytest.mark.parametrize("line", [
    "On June 5, 2020, Turkish troops moved into Idlib.",  # a sentence mentioning a date is body text
    "3 min read",
    "31 June 2020",  # impossible date
    "2020-13-05",
    "June 2020",
    "Turkey, Syrians preparing for new conflict as regime forces advance on Idlib",
    "",
])
def test_not_a_header_date(line):
    assert parse_header_date(line) is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(STYLES))
def test_any_date_in_any_format_parses_back(d, style):
    assert parse_header_date(_fmt(d, style)) == d


@given(st.text(max_size=80))
def test_header_date_never_raises(line):
    result = parse_header_date(line)
    assert result is None or isinstance(result, date)


@pytest.mark.parametrize("value, expected", [
    ("2020-06-05", date(2020, 6, 5)),
    ("2020-06-05T14:03:00Z", date(2020, 6, 5)),
    ("2020-06-05T23:30:00-05:00", date(2020, 6, 5)),  # the date as written, not converted to UTC
    ("2020-06-05 14:03", date(2020, 6, 5)),
    (" 2020-06-05 ", date(2020, 6, 5)),
])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["2020/06/05", "June 5, 2020", "2020-06-31", "2020-06-05X", "", "yesterday"])
def test_parse_published_rejects_with_clear_message(value):
    with pytest.raises(ValueError, match="is not an ISO 8601 date or date-time; write it like '2020-06-05'"):
        parse_published(value)


def test_parse_published_non_string():
    with pytest.raises(ValueError, match="must be an ISO 8601 string, got int"):
        parse_published(20200605)  # type: ignore[arg-type]


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2099, 12, 31)),
       st.sampled_from([None, timezone.utc, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30))]))
def test_published_round_trip(dt, tz):
    dt = dt.replace(tzinfo=tz)
    assert parse_published(dt.date().isoformat()) == dt.date()
    assert parse_published(dt.isoformat()) == dt.date()
    assert parse_published(dt.isoformat(timespec="seconds").replace("+00:00", "Z")) == dt.date()
