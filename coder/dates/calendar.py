"""Pure calendar arithmetic used by the resolver (no parsing, no text)."""
from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)
# early / mid / late thirds of a month (days) and of a year (months)
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}


def month_end(y: int, m: int) -> date:
    return date(y, m, _cal.monthrange(y, m)[1])


def valid_day(y: int | None, m: int, d: int) -> bool:
    """Whether day d exists in month m (of year y; any leap year when y is None)."""
    if not 1 <= m <= 12 or d < 1:
        return False
    if d <= 28:  # every month has 28 days: no calendar look-up
        return True
    return d <= _cal.monthrange(y if y is not None else 2000, m)[1]


def on_or_before(p: date, weekday: int) -> date:
    """Latest `weekday` on or before p: news says "on Friday" for the publication Friday itself."""
    return p - timedelta(days=(p.weekday() - weekday) % 7)


def strictly_before(p: date, weekday: int) -> date:
    """Latest `weekday` strictly before p ("last Friday" on a Friday is a week ago)."""
    return p - timedelta(days=(p.weekday() - weekday - 1) % 7 + 1)


def monday_of(p: date) -> date:
    return p - timedelta(days=p.weekday())


def latest_day(p: date, m: int, d: int) -> date | None:
    """Latest date with month m and day d that is not after p (Feb 29 looks back to a leap year)."""
    y = p.year if (m, d) <= (p.month, p.day) else p.year - 1
    for _ in range(9):
        if valid_day(y, m, d):
            return date(y, m, d)
        y -= 1
    return None


def latest_year_with_start(p: date, m: int, d: int = 1) -> int:
    """Year of the latest period starting on month m, day d, that starts on or before p."""
    return p.year if (m, d) <= (p.month, p.day) else p.year - 1


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def midpoint(s: date, e: date) -> date:
    """ACLED's midpoint: the 15th for a whole calendar month, else the middle day (rounded down)."""
    if s == e:  # one day (most stated dates): no month is one day long
        return s
    if s.day == 1 and e == month_end(s.year, s.month):
        return s.replace(day=15)
    return s + timedelta(days=(e - s).days // 2)
