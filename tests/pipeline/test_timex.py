"""Time expressions: each case a phrase, the document date, and the interval it allows."""

from __future__ import annotations

import pytest

from allegiance.pipeline.timex import find_times, parse_time

ANCHOR = "2015-03-18"

CASES = [
    ("expanded into Syria in 2011", "2011-01-01", "2011-12-31"),
    ("the fall of Mosul in June 2014", "2014-06-01", "2014-06-30"),
    ("in Jun. 2014", "2014-06-01", "2014-06-30"),
    ("on 29 June 2014", "2014-06-29", "2014-06-29"),
    ("on June 29, 2014", "2014-06-29", "2014-06-29"),
    ("on 29 Jun. 2014", "2014-06-29", "2014-06-29"),
    ("dated 2014-06-29", "2014-06-29", "2014-06-29"),
    ("dated 29/06/2014", "2014-06-29", "2014-06-29"),
    ("at the end of August 2014", "2014-08-20", "2014-08-31"),
    ("in late August 2014", "2014-08-20", "2014-08-31"),
    ("in early June 2014", "2014-06-01", "2014-06-10"),
    ("in mid-June 2014", "2014-06-11", "2014-06-20"),
    ("in early 2015", "2015-01-01", "2015-04-30"),
    ("in mid-2014", "2014-05-01", "2014-08-31"),
    ("in late 2014", "2014-09-01", "2014-12-31"),
    ("by the end of August 2014", None, "2014-08-31"),
    ("before June 2014", None, "2014-05-31"),
    ("after 2012", "2013-01-01", None),
    ("since 2012", "2012-01-01", ANCHOR),
    ("since 2017", "2017-01-01", None),  # later than the document's date: no known end
    ("until 2013", None, "2013-12-31"),
    ("between 2011 and 2013", "2011-01-01", "2013-12-31"),
    ("from 2011 to 2013", "2011-01-01", "2013-12-31"),
    ("in 2011–2013", "2011-01-01", "2013-12-31"),
    ("in 2013-14", "2013-01-01", "2014-12-31"),
    ("from June to August 2014", "2014-06-01", "2014-08-31"),
    ("in summer 2014", "2014-06-01", "2014-08-31"),
    ("in the spring of 2013", "2013-03-01", "2013-05-31"),
    ("in winter 2014", "2014-12-01", "2015-02-28"),
    ("in the 1990s", "1990-01-01", "1999-12-31"),
    ("in the late 1990s", "1997-01-01", "1999-12-31"),
    ("cooperation in the past", None, ANCHOR),
    ("survives to this day", ANCHOR, ANCHOR),
    ("currently based in Kirkuk", ANCHOR, ANCHOR),
    ("recently", "2014-12-18", ANCHOR),
    # halves of a year or a month; the closing months of a year
    ("in the first half of 2013", "2013-01-01", "2013-06-30"),
    ("in the second half of June 2014", "2014-06-16", "2014-06-30"),
    ("in the closing months of 2013", "2013-09-01", "2013-12-31"),
    # from a time on, to the document's date
    ("from 2012 onwards", "2012-01-01", ANCHOR),
    ("from 2012 on, it grew", "2012-01-01", ANCHOR),
    # two times joined by 'and' or 'or': the interval that holds both
    ("in 2012 and 2013", "2012-01-01", "2013-12-31"),
    ("in late 2013 or early 2014", "2013-09-01", "2014-04-30"),
    ("on 12 and 13 June 2014", "2014-06-12", "2014-06-13"),
    ("on 12–13 June 2014", "2014-06-12", "2014-06-13"),
    # against the document's date
    ("earlier this year", "2015-01-01", ANCHOR),
    ("two years ago", "2013-01-01", "2013-12-31"),
    ("six months ago", "2014-09-01", "2014-09-30"),
    # up to the end of a life: the end is the death's
    ("led it until his death in October 2013", None, "2013-10-31"),
    ("led it from 2010 until his assassination in 2013", "2010-01-01", "2013-12-31"),
    # a bound set by a dated event
    ("since the death of Abu Omar al-Kurdi in October 2014", "2014-10-01", ANCHOR),
    ("until its merger with Liwa al-Haqq in 2013", None, "2013-12-31"),
    ("led it until his death in a Russian airstrike in October 2016", None, "2016-10-31"),
    # two years in a bracket of their own
    ("Abu Omar al-Kurdi (2012 to 2016)", "2012-01-01", "2016-12-31"),
    ("2012 to 2016", "2012-01-01", "2016-12-31"),
]


@pytest.mark.parametrize("text, start, end", CASES)
def test_interval(text: str, start: str | None, end: str | None) -> None:
    iv = parse_time(text, ANCHOR)
    assert iv is not None, text
    assert (iv.start, iv.end) == (start, end)


@pytest.mark.parametrize("text", ["2,014 fighters joined", "Twitter 1 and 10 men", "resolution 2170 was passed",
                                  "it may have happened", "2014 fighters"])
def test_not_a_time(text: str) -> None:
    assert find_times(text, ANCHOR) == []


@pytest.mark.parametrize("text, start, end", [
    # two times of two clauses stay apart
    ("it was founded in 2012 and dissolved in 2016", "2012-01-01", "2012-12-31"),
    # a later time first is no interval
    ("in 2014 and 2012", "2014-01-01", "2014-12-31"),
    # a range that would end before it starts stays two times
    ("from 2013 to 2011", "2013-01-01", "2013-12-31"),
    ("in 2013–2011", "2013-01-01", "2013-12-31"),
    # 'on' that opens a phrase after a year is no 'onwards'
    ("in 2012 on the border", "2012-01-01", "2012-12-31"),
])
def test_times_not_joined(text: str, start: str, end: str) -> None:
    first = find_times(text, ANCHOR)[0].interval
    assert (first.start, first.end) == (start, end)


def test_resolution_number_is_skipped_but_its_year_is_kept() -> None:
    found = find_times("Security Council resolution 1822 (2008) was reviewed", ANCHOR)
    assert [(t.interval.start, t.interval.end) for t in found] == [("2008-01-01", "2008-12-31")]


def test_anchored_words_need_the_document_date() -> None:
    assert parse_time("to this day", None) is None
    iv = parse_time("in the past", None)
    assert iv is not None and (iv.start, iv.end) == (None, None)


def test_offsets_cover_the_expression() -> None:
    text = "They left by the end of August 2014, then returned."
    (t,) = find_times(text, ANCHOR)
    assert text[t.start:t.end] == "by the end of August 2014"


def test_anchor_of_month_precision_gives_the_month() -> None:
    iv = parse_time("currently", "2015-03")
    assert iv is not None and (iv.start, iv.end) == ("2015-03-01", "2015-03-31")
