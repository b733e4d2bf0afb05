"""Properties of the readers and document dates on generated input: no exception but
InputError, every row read or reported, segments inside the text, only real days."""

from __future__ import annotations

import json
import string
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegiance.errors import InputError
from allegiance.ingest import iter_rows
from allegiance.ingest.decode import decode_detected
from allegiance.ingest.meta import EARLIEST_YEAR, LATEST_YEAR, date_problem, parse_date

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

#: pieces that make generated text look like dates, rows and quoting mistakes
PIECES = st.sampled_from(["2017", "-02-", "30", "1999", "March", " ", "\n", ",", '"', "{", "}",
                          "id", "text", ":", "since", "until", "early", "2014", "to", "late",
                          "\u0639", "\u00e9", "in", "June", "summer", "31", "\r\n"])
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=40).map("".join))


@SETTINGS
@given(st.binary(max_size=400))
def test_decode_never_fails_but_with_input_error(data: bytes) -> None:
    try:
        read = decode_detected(data, "x")
    except InputError:
        return
    assert read.text.strip() and "\r" not in read.text


@SETTINGS
@given(TEXTS)
def test_parse_date_gives_a_real_day_or_nothing(value: str) -> None:
    found = parse_date(value)
    if found is None:
        assert date_problem(value) is not None
        return
    parts = [int(p) for p in found.split("-")]
    assert EARLIEST_YEAR <= parts[0] <= LATEST_YEAR
    date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    assert date_problem(value) is None


ROW_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                       st.text(max_size=30), st.lists(st.integers(), max_size=2),
                       st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
ROWS = st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "title", "date", "author", "other"]),
                    ROW_VALUES, max_size=5).map(json.dumps),
    st.text(alphabet=string.printable, max_size=40).map(lambda s: s.replace("\n", " "))),
    max_size=12)


@SETTINGS
@given(ROWS)
def test_row_files_read_every_good_row_and_report_the_rest(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        errors: list[str] = []
        docs = list(iter_rows(path, on_error=lambda e: errors.append(str(e))))
    counted = sum(1 for line in lines if line.strip())
    assert len(docs) + len(errors) == counted
    for d in docs:
        assert d.text.strip()
        for s in d.segments:
            assert 0 <= s.start <= s.end <= len(d.text)
    for e in errors:
        assert e.startswith(str(path) + ":") and "\n" not in e


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(["a", "b c", '"', '""', ",", "\n", "x\ny", "1"]),
                         max_size=5).map("".join), max_size=10))
def test_csv_never_merges_silently(records: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.csv"
        path.write_text("id,text\n" + "\n".join(records) + "\n", encoding="utf-8")
        errors: list[str] = []
        try:
            docs = list(iter_rows(path, on_error=lambda e: errors.append(str(e))))
        except InputError:
            return
    for d in docs:
        assert d.text.strip()
    assert all(e.startswith(str(path) + ":") for e in errors)
