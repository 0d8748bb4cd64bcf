"""The `published` field of JSON Lines; header date lines are read by coder.dates.dateline."""
from __future__ import annotations

from datetime import date, datetime

from coder.dates.dateline import parse_header_date

__all__ = ["parse_header_date", "parse_published"]


def parse_published(value: str) -> date:
    """The date of an ISO 8601 date or date-time ("2020-06-05", "2020-06-05T14:03:00Z").

    The date is the one written (the publisher's local date), not converted to UTC.
    Raises ValueError saying what was expected; the reader turns it into a "bad-published" Reject.
    """
    if not isinstance(value, str):
        raise ValueError(f"published must be an ISO 8601 string, got {type(value).__name__} {value!r}")
    s = value.strip()
    try:
        if len(s) == 10:
            return date.fromisoformat(s)
        if len(s) > 10 and s[10] in "T t":
            return datetime.fromisoformat(s).date()
    except ValueError:
        pass
    raise ValueError(
        f"published {value[:60]!r} is not an ISO 8601 date or date-time; "
        "write it like '2020-06-05' or '2020-06-05T14:03:00Z'"
    )
