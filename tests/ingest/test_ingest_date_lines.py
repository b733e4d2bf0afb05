"""The publication date from a date line near the top of a plain text."""

from __future__ import annotations

import pytest

from allegiance.ingest.meta import find_meta


@pytest.mark.parametrize("text, date", [
    ("June 15, 2014\n\nThe other force that took the city\n\nBody.", "2014-06-15"),
    ("News\nLast Updated: Thursday, 13 September 2007, 17:37 GMT 18:37 UK\nObituary\n\nBody.", "2007-09-13"),
    ("Posted on 3 March 2019\n\nBody.", "2019-03-03"),
    ("Title\n\nOn June 15, 2014 the city fell.\n", None),  # a date inside a sentence is no date line
    ("Title\n\n" + "line\n" * 10 + "June 15, 2014\n", None),  # too far down
])
def test_date_lines(text: str, date: str | None) -> None:
    assert find_meta(text).published == date
