"""Days said relative to the document's date: weekdays, yesterday, last week, month, year."""

from __future__ import annotations

import pytest

from allegiance.pipeline.timex import find_times


@pytest.mark.parametrize("text, anchor, start, end", [
    ("He was killed on Thursday.", "2007-09-13", "2007-09-13", "2007-09-13"),  # 13 Sep 2007 was a Thursday
    ("He was killed on Monday.", "2007-09-13", "2007-09-10", "2007-09-10"),
    ("They met yesterday.", "2007-09-13", "2007-09-12", "2007-09-12"),
    ("He visited last week.", "2007-09-13", "2007-09-03", "2007-09-09"),
    ("It fell last month.", "2007-01-20", "2006-12-01", "2006-12-31"),
    ("It fell last year.", "2007-01-20", "2006-01-01", "2006-12-31"),
])
def test_relative_days(text: str, anchor: str, start: str, end: str) -> None:
    times = find_times(text, anchor)
    assert [(t.interval.start, t.interval.end) for t in times] == [(start, end)]


@pytest.mark.parametrize("anchor", [None, "2007", "2007-09"])
def test_no_weekday_without_the_day_of_writing(anchor: str | None) -> None:
    assert find_times("He was killed on Thursday.", anchor) == []
