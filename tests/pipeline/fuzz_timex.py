"""Fuzzing target (atheris) over time normalisation: any text, with or without the
document's date as anchor. Run by ``test_timex_fuzz.py`` with a fixed number of runs; by
hand: ``python tests/pipeline/fuzz_timex.py -runs=100000``.

What must hold: no exception; every time found lies inside the text; its interval starts
no later than it ends, in ISO dates."""

from __future__ import annotations

import re
import sys

import atheris

with atheris.instrument_imports(include=["allegiance.pipeline.timex"]):
    from allegiance.pipeline.timex import find_times

ANCHORS = (None, "2016", "2016-03", "2016-03-10", "1999-12-31")
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    anchor = ANCHORS[fdp.ConsumeIntInRange(0, len(ANCHORS) - 1)]
    text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    for t in find_times(text, anchor):
        assert 0 <= t.start < t.end <= len(text), (t.start, t.end, len(text))
        i = t.interval
        for bound in (i.start, i.end):
            assert bound is None or ISO.match(bound), bound
        if i.start is not None and i.end is not None:
            assert i.start <= i.end, (i.start, i.end, text[t.start : t.end])


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
