"""Time labels and sort keys for claim intervals."""

from __future__ import annotations

import pytest

from allegiance.query.dates import sort_key, time_label

LABELS = [
    (None, None, None, "undated"),
    ("2014-06-29", "2014-06-29", None, "2014-06-29"),
    ("2014-06-01", "2014-06-30", None, "2014-06"),
    ("2016-02-01", "2016-02-29", None, "2016-02"),
    ("2011-01-01", "2011-12-31", None, "2011"),
    ("2010-01-01", "2019-12-31", None, "2010s"),
    ("2014-08-20", "2014-08-31", None, "2014-08-20..31"),
    ("2013-04-01", "2014-06-30", None, "2013-04-01..2014-06-30"),
    (None, "2014-08-31", None, "..2014-08-31"),
    ("2015-03-18", None, None, "2015-03-18.."),
    ("2014", "2014", "year", "2014"),
]


@pytest.mark.parametrize(("start", "end", "precision", "label"), LABELS)
def test_time_label(start: str | None, end: str | None, precision: str | None, label: str) -> None:
    assert time_label(start, end, precision) == label


def test_unknown_times_sort_last_and_open_start_sorts_by_end() -> None:
    keys = [
        sort_key(None, None),
        sort_key("2014-06-01", "2014-06-30"),
        sort_key(None, "2014-01-31"),
        sort_key("2007-01-01", None),
    ]
    assert sorted(keys) == [keys[3], keys[2], keys[1], keys[0]]
