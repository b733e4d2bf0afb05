"""Labels and sort keys for claim times (ISO intervals with optional precision)."""

from __future__ import annotations

import calendar

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
