"""A paragraph longer than the parser takes is a clear InputError, not spaCy's E088."""

from __future__ import annotations

import pytest
import spacy

from allegiance.errors import InputError
from allegiance.pipeline.nlp import parse


@pytest.mark.parametrize(("length", "refused"), [(40, False), (50, False), (51, True),
                                                 (5000, True)])
def test_paragraph_length_limit(length: int, refused: bool) -> None:
    nlp = spacy.blank("en")
    nlp.max_length = 50
    text = ("Nusra left Idlib. " * 400)[:length]
    if refused:
        with pytest.raises(InputError, match="longer than the parser takes") as info:
            parse(nlp, text, [])
        assert "\n" not in str(info.value)
    else:
        assert parse(nlp, text, []).text == text
