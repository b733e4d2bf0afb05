"""Properties of time normalisation on generated text: every time found lies inside the
text, and its interval starts no later than it ends."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allegiance.pipeline.timex import find_times

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
PIECES = st.sampled_from(["2017", "-02-", "30", "1999", "March", " ", "\n", ",", "since", "until",
                          "early", "2014", "to", "late", "in", "June", "summer", "31", "mid-",
                          "between", "and", "the", "1990s", "spring of", "last year"])
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=40).map(" ".join))


@SETTINGS
@given(TEXTS, st.one_of(st.none(), st.sampled_from(["2016", "2016-03", "2016-03-10"])))
def test_times_lie_in_the_text_and_start_before_they_end(text: str, anchor: str | None) -> None:
    for t in find_times(text, anchor):
        assert 0 <= t.start < t.end <= len(text)
        i = t.interval
        if i.start is not None and i.end is not None:
            assert i.start <= i.end
