"""Document dates: only real days inside the accepted years; impossible ones are refused."""

from __future__ import annotations

import pytest

from allegiance.errors import InputError
from allegiance.ingest import read_text
from allegiance.ingest.meta import date_problem, parse_date

#: (given, read as, problem words)
DATES: list[tuple[str, str | None, str | None]] = [
    ("2017-02-28", "2017-02-28", None),
    ("2016-02-29", "2016-02-29", None),
    ("2017-02-29", None, "no such day"),
    ("2017-02-30", None, "no such day"),
    ("2017-13", None, "no such day or month"),
    ("2017-02-31T10:00", None, "no such day"),
    ("99999-01-01", None, "outside"),
    ("0999", None, "outside"),
    ("2017", "2017", None),
    ("March 2015", "2015-03", None),
    ("spring", None, "not a date"),
]


@pytest.mark.parametrize(("given", "read", "problem"), DATES)
def test_dates(given: str, read: str | None, problem: str | None) -> None:
    assert parse_date(given) == read
    found = date_problem(given)
    assert (found is None) == (problem is None)
    if problem is not None:
        assert found is not None and problem in found


@pytest.mark.parametrize("given", ["2017-02-30", "99999-01-01", "yesterday"])
def test_a_given_date_that_is_no_date_is_an_error(given: str) -> None:
    with pytest.raises(InputError, match="date"):
        read_text("Liwa al-Haqq left Idlib.", doc_id="d", published=given)


@pytest.mark.parametrize("header", ["Date: 2017-02-31", "Date: 99999-01-01"])
def test_an_impossible_header_date_is_not_used(header: str) -> None:
    doc = read_text(f"Title: A report\n{header}\n\nLiwa al-Haqq left Idlib.", doc_id="d")
    assert doc.published is None
