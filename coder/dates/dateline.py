"""Recognise a header line that gives the publication date ("05 June, 2020", "Updated: June 5, 2020 2:03 PM ET").

Strict on purpose: the line must start with the date (after an optional "Published/Updated" label
and weekday) and may only go on with a time, a time zone, or a separator such as "|" - so that a
body sentence starting with a date is not taken for a dateline.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from coder.dates.calendar import valid_day
from coder.dates.lexicon import load


@lru_cache(maxsize=1)
def _regex() -> re.Pattern[str]:
    lex = load()
    names = sorted(lex.months, key=len, reverse=True)
    mon = r"(?:" + "|".join(names) + r")\.?"
    day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:19|20)\d\d"
    wd = (r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"
          r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+")
    label = (r"(?:(?:published|updated|posted|modified|last\s+updated|last\s+modified|first\s+published"
             r"|date|dated)"
             r"(?:\s+(?:on|at))?\s*:?\s*)")
    time = (r"(?:,?\s*(?:at\s+)?\d{1,2}(?:[:.]\d{2}){1,2}(?:\s*[ap]\.?m\.?)?"
            r"|,?\s*\d{1,2}\s*[ap]\.?m\.?)")
    zone = r"(?:\s*\(?(?:[A-Z]{2,5}|GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)"
    iso_tail = r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)"
    date_re = (
        rf"(?:(?P<d1>{day})\s+(?:of\s+)?(?P<m1>{mon}),?\s+(?P<y1>{year})"
        rf"|(?P<m2>{mon})\s+(?P<d2>{day}),?\s+(?P<y2>{year})"
        rf"|(?P<y3>{year})-(?P<m3>0[1-9]|1[0-2])-(?P<d3>0[1-9]|[12]\d|3[01]){iso_tail}?)"
    )
    rest = r"(?:\s*(?:$|[|•·—–-]\s|\(|/\s))"
    return re.compile(rf"\s*{label}?(?:{wd})?{date_re}{time}?(?-i:{zone})?{rest}", re.IGNORECASE)


def parse_date_line(line: str) -> date | None:
    """The date a header/dateline line gives, or None if the line is not a date line."""
    if len(line) > 200:
        return None
    m = _regex().match(line)
    if m is None:
        return None
    g = m.groupdict()
    months = load().months
    for i in ("1", "2", "3"):
        if g[f"y{i}"]:
            y = int(g[f"y{i}"])
            ms = g[f"m{i}"]
            mo = int(ms) if ms.isdigit() else months.get(ms.rstrip(".").lower())
            d = int(re.match(r"\d+", g[f"d{i}"]).group())  # type: ignore[union-attr]
            if mo is None or not valid_day(y, mo, d):
                return None
            return date(y, mo, d)
    return None
