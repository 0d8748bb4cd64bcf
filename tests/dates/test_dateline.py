"""parse_date_line: header lines that give the publication date, and lines that do not."""
from __future__ import annotations

from datetime import date

import pytest

from coder.dates import parse_date_line

JUNE5 = date(2020, 6, 5)


@pytest.mark.parametrize("line", [
    "05 June, 2020", "June 5, 2020", "2020-06-05", "5 Jun 2020 14:03 GMT", "Published on 5 June 2020",
    "Fri 5 Jun 2020 14.03 BST", "Updated: June 5, 2020 2:03 PM ET", "  Friday, June 5, 2020 | 3 min read",
    "Last modified on Fri 5 Jun 2020 14.03 BST", "2020-06-05T14:03:00+02:00", "Jun. 5, 2020",
    "5th June 2020", "Posted: 5 June 2020 (Reuters)",
])
def test_parse_date_line_reads_date_lines(line: str) -> None:
    assert parse_date_line(line) == JUNE5


@pytest.mark.parametrize("line", [
    "", "3 min read", "5 June 2020 saw heavy fighting in Idlib", "June 2020", "2020",
    "Turkish troops in Idlib are preparing for a potential new conflict [Getty]",
    "31 June 2020", "2020-02-30", "On Wednesday, Russia launched its first airstrikes",
    "May 5 2020 protesters gathered",
])
def test_parse_date_line_rejects_other_lines(line: str) -> None:
    assert parse_date_line(line) is None
