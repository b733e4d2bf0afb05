"""Cross-document entity resolution: automatic attachment plus recorded judgements."""

from allegiance.resolve.judgements import Judgement, judgements, merge, reject, replay, split, undo
from allegiance.resolve.lookup import find
from allegiance.resolve.review import Candidate, review_candidates

__all__ = [
    "Candidate",
    "Judgement",
    "find",
    "judgements",
    "merge",
    "reject",
    "replay",
    "review_candidates",
    "split",
    "undo",
]
