"""Honest precision labels for fact times, and the rules files' loaders."""

from __future__ import annotations

import pytest

from allegiance.errors import DataFileError
from allegiance.query.dates import period, precision
from allegiance.query.rules import conflict_rules, parse_conflicts, parse_snapshot, snapshot_rules

LABELS = [
    ("2014-06-20", "2014-06-20", "day", "2014-06-20"),
    ("2014-06-01", "2014-06-30", "month", "2014-06"),
    ("2014-08-20", "2014-08-31", "part-month", "2014-08 (end)"),
    ("2014-08-01", "2014-08-10", "part-month", "2014-08 (start)"),
    ("2014-08-10", "2014-08-20", "part-month", "2014-08 (middle)"),
    ("2014-01-01", "2014-12-31", "year", "2014"),
    ("2010-01-01", "2019-12-31", "decade", "2010s"),
    (None, "2010-12-31", "open-start", "before 2010-12-31"),
    ("2014-06-20", None, "open-end", "after 2014-06-20"),
    ("2012-03-01", "2014-06-30", "range", "2012-03..2014-06"),
    ("2012-01-01", "2014-12-31", "range", "2012..2014"),
    ("2014-06-03", "2014-07-11", "range", "2014-06-03..2014-07-11"),
    (None, None, "undated", "undated"),
]


@pytest.mark.parametrize(("start", "end", "kind", "label"), LABELS)
def test_precision_labels(start: str | None, end: str | None, kind: str, label: str) -> None:
    assert precision(start, end) == (kind, label)


@pytest.mark.parametrize(
    ("date", "bounds"),
    [("2014", ("2014-01-01", "2014-12-31")), ("2016-02", ("2016-02-01", "2016-02-29")),
     ("2014-06-20", ("2014-06-20", "2014-06-20"))],
)
def test_period(date: str, bounds: tuple[str, str]) -> None:
    assert period(date) == bounds


def test_packaged_rules_load() -> None:
    assert "denied" in conflict_rules().contesting
    assert "member_of" in snapshot_rules().relations["membership"]


BAD_CONFLICTS = [
    ({"supporting": ["asserted"], "contesting": ["asserted"]}, "both support and contest"),
    ({"supporting": ["sure"]}, "unknown stance"),
    ({"membership": ["likes"]}, "unknown predicate"),
    ({"death": ["killed", "dissolved"]}, "must be one predicate"),
    ({"hostility": []}, "at least one"),
]


@pytest.mark.parametrize(("change", "message"), BAD_CONFLICTS)
def test_bad_conflict_rules_are_refused(change: dict[str, object], message: str) -> None:
    good = {
        "supporting": ["asserted"], "contesting": ["denied"], "membership": ["member_of"],
        "hostility": ["hostile_to"], "death": "killed", "after_death": ["leader_of"],
        "dissolution": "dissolved", "after_dissolution": ["attacked"],
    }
    parse_conflicts(good)
    with pytest.raises(DataFileError, match=message):
        parse_conflicts({**good, **change})


def test_bad_snapshot_rules_are_refused() -> None:
    with pytest.raises(DataFileError, match="relations"):
        parse_snapshot({"relations": []})
