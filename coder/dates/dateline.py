"""Recognise a header line that gives the publication date ("05 June, 2020", "Updated 2:03 PM EDT, Fri June 5,
2020", "Published: 5 June 2020", "2020-06-05T14:03Z").

Strict on purpose: the whole line must be a date stamp (with an optional "Published/Updated" label,
weekday, time, time zone, a second "Updated ..." stamp or a reading time), so that a body sentence that
merely mentions a date ("On June 5, 2020, troops ...") is never taken for a dateline. Plain regexes and
the standard library only: ingest uses it to read article headers.
"""
from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
            r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?")
_ORD = r"(?:st|nd|rd|th)?"
_TIME = r"\d{1,2}(?:[:.]\d{2}){1,2}(?:\s*[ap]\.?\s?m\.?)?"
_TZ = (r"(?:(?:gmt|utc)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}"
       r"|bst|cet|cest|eet|eest|wet|west|msk|edt|est|cdt|cst|mdt|mst|pdt|pst|ist|pkt|bdt|ast|aest|aedt|sast|eat|wat|cat"
       r"|et|ct|mt|pt)")
_PREFIX = (r"(?:(?:first\s+)?published(?:\s+on)?|updated(?:\s+on)?|last\s+updated(?:\s+on)?|last\s+update\s+on"
           r"|last\s+modified(?:\s+on)?|posted(?:\s+on)?|date|dated|released)\s*:?\s*")
_DMY = rf"(?P<d1>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m1>{_MONTH}),?\s+(?P<y1>\d{{4}})"
_MDY = rf"(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}){_ORD},?\s+(?P<y2>\d{{4}})"
_ISO = (r"(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"
        r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?")
_SEP = r"\s*(?:[,|·•/–—-]|\bat\b)?\s*"
_CLOCK = rf"{_TIME}(?:\s*\(?{_TZ}\)?)?"
# What may follow the date on the same line: a second "Updated ..." stamp or a reading time.
_REST = (r"(?:(?:last\s+)?updat(?:ed|e)(?:\s+on)?\s*:?.{0,80}|last\s+modified.{0,80}"
         r"|\d{1,3}\s*(?:min|mins|minutes?)(?:\s+read)?|\d+\s+(?:hours?|days?|minutes?)\s+ago"
         r"|\((?:reuters|ap|afp|xinhua|anadolu|dpa|upi|ians|pti|[a-z]{2,6})\))")

_LINE = re.compile(
    rf"\s*(?:{_PREFIX})?(?:{_CLOCK}{_SEP})?(?:{_WEEKDAY}\s*)?(?:{_DMY}|{_MDY}|{_ISO})"
    rf"(?:{_SEP}{_CLOCK})?(?:{_SEP}{_REST})?\s*",
    re.IGNORECASE,
)
_MAX_DATE_LINE = 160  # a date line is short; longer lines are body text
_DIGIT = re.compile(r"\d")


def parse_header_date(line: str) -> date | None:
    """The date of a header date line ("05 June, 2020", "Updated 2:03 PM EDT, Fri June 5, 2020" ...).

    Returns None for anything that is not *only* a date stamp (possibly with time, zone, a
    "Published:"/"Updated" prefix and an "Updated ..." or "3 min read" tail), or an impossible date.
    """
    if len(line) > _MAX_DATE_LINE or _DIGIT.search(line) is None:
        return None
    m = _LINE.fullmatch(line)
    if m is None:
        return None
    g = m.groupdict()
    if g["d1"]:
        d, mo, y = int(g["d1"]), _MONTHS[g["m1"].lower().rstrip(".")], int(g["y1"])
    elif g["d2"]:
        d, mo, y = int(g["d2"]), _MONTHS[g["m2"].lower().rstrip(".")], int(g["y2"])
    else:
        d, mo, y = int(g["d3"]), int(g["m3"]), int(g["y3"])
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def parse_date_line(line: str) -> date | None:
    """The publication date a header line gives, or None (the name the rest of coder.dates uses)."""
    return parse_header_date(line)

