"""Labels and sort keys for claim times (ISO intervals with optional precision)."""

from __future__ import annotations

import calendar
from functools import lru_cache

UNDATED = "undated"


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _infer(start: str, end: str) -> str | None:
    """The precision an interval has when it spans one whole day, month or year."""
    if len(start) < 10 or len(end) < 10:
        return None
    if start == end:
        return "day"
    try:
        y1, m1, d1 = int(start[:4]), int(start[5:7]), int(start[8:10])
        y2, m2, d2 = int(end[:4]), int(end[5:7]), int(end[8:10])
    except ValueError:
        return None
    if (y1, m1) == (y2, m2) and d1 == 1 and d2 == _month_end(y2, m2):
        return "month"
    if y1 == y2 and (m1, d1) == (1, 1) and (m2, d2) == (12, 31):
        return "year"
    if y2 - y1 == 9 and y1 % 10 == 0 and (m1, d1) == (1, 1) and (m2, d2) == (12, 31):
        return "decade"
    return None


def time_label(start: str | None, end: str | None, precision: str | None = None) -> str:
    """A short label: ``2014-06-20``, ``2014-06``, ``2014``, ``2010s``, ``..2014-08-31``."""
    if not start and not end:
        return UNDATED
    if not start:
        return f"..{end}"
    if not end:
        return f"{start}.."
    kind = _infer(start, end) or (precision if precision in ("day", "month", "year") else None)
    if kind == "day":
        return start[:10]
    if kind == "month":
        return start[:7]
    if kind == "year":
        return start[:4]
    if kind == "decade":
        return start[:3] + "0s"
    if start[:7] == end[:7]:
        return f"{start}..{end[8:]}"
    return f"{start}..{end}"


def sort_key(start: str | None, end: str | None) -> tuple[int, str, str]:
    """Known times first, by start (or end for an open start); unknown times last."""
    if not start and not end:
        return (1, "", "")
    return (0, start or end or "", end or "9999")


def _part_of_month(start: str, end: str) -> str | None:
    """``start``/``middle``/``end`` for an interval inside one month spanning under 12 days."""
    if len(start) < 10 or len(end) < 10 or start[:7] != end[:7]:
        return None
    try:
        d1, d2 = int(start[8:10]), int(end[8:10])
        last = _month_end(int(start[:4]), int(start[5:7]))
    except ValueError:
        return None
    if d2 - d1 >= 12:
        return None
    if d1 <= 3 and d2 <= 12:
        return "start"
    if d2 >= last - 1 and d1 >= 18:
        return "end"
    if d1 >= 8 and d2 <= 23:
        return "middle"
    return None


@lru_cache(maxsize=65536)
def precision(start: str | None, end: str | None) -> tuple[str, str]:
    """The precision of an interval and a label that does not claim more than it knows:
    ``2014-06-20`` (day), ``2014-06`` (month), ``2014-08 (end)`` (part-month), ``2014``,
    ``2010s``, ``before 2010-12-31`` (open start), ``after 2014-06-20`` (open end),
    ``2012-03..2014-06`` (range), ``undated``."""
    if not start and not end:
        return "undated", UNDATED
    if not start:
        return "open-start", f"before {end}"
    if not end:
        return "open-end", f"after {start}"
    kind = _infer(start, end)
    if kind == "day":
        return "day", start[:10]
    if kind == "month":
        return "month", start[:7]
    if kind == "year":
        return "year", start[:4]
    if kind == "decade":
        return "decade", start[:3] + "0s"
    part = _part_of_month(start, end)
    if part:
        return "part-month", f"{start[:7]} ({part})"
    return "range", f"{_short(start, 'start')}..{_short(end, 'end')}"


def _short(day: str, side: str) -> str:
    """A bound as short as it honestly is: a month or year bound shown as such."""
    if len(day) < 10:
        return day
    if side == "start" and day[5:10] == "01-01":
        return day[:4]
    if side == "end" and day[5:10] == "12-31":
        return day[:4]
    try:
        last = _month_end(int(day[:4]), int(day[5:7]))
    except ValueError:
        return day
    if side == "start" and day[8:10] == "01":
        return day[:7]
    if side == "end" and int(day[8:10]) == last:
        return day[:7]
    return day


def period(date: str) -> tuple[str, str]:
    """The first and last day a partial ISO date (``2014``, ``2014-06``, ``2014-06-20``)
    stands for."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{date}-01-01", f"{date}-12-31"
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        return f"{date}-01", f"{date}-{_month_end(y, m):02d}"
    return date, date
