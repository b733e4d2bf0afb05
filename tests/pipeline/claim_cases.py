"""Tables of claim cases: a sentence written for the test, the claims it must give, and
those it must not. Names are matched against every name of an entity (its canonical name
and its aliases), so a gazetteer name may stand for the surface form the sentence uses."""

from __future__ import annotations

from dataclasses import dataclass

from extraction_helpers import extract

from allegiance.model.types import Extraction

Triple = tuple[str | None, str, str | None]


@dataclass(frozen=True)
class Case:
    text: str
    must: tuple[Triple, ...] = ()
    must_not: tuple[Triple, ...] = ()
    published: str = "2020-01-01"
    subject: str | None = None

    def __str__(self) -> str:
        return self.text[:60]


def _named(ex: Extraction, entity_id: str | None, name: str | None) -> bool:
    if name is None:
        return entity_id is None
    ent = next((e for e in ex.entities if e.id == entity_id), None)
    return ent is not None and name.lower() in {n.lower() for n in ent.names()}


def has(ex: Extraction, triple: Triple) -> bool:
    subj, pred, obj = triple
    return any(c.predicate == pred and _named(ex, c.subject, subj) and _named(ex, c.object, obj) for c in ex.claims)


def check(case: Case) -> Extraction:
    ex = extract(case.text, subject=case.subject, published=case.published)
    seen = [(c.subject, c.predicate, c.object) for c in ex.claims]
    names = {e.id: e.name for e in ex.entities}
    readable = [(names.get(s), p, names.get(o)) for s, p, o in seen]  # type: ignore[arg-type]
    for t in case.must:
        assert has(ex, t), (t, readable)
    for t in case.must_not:
        assert not has(ex, t), (t, readable)
    return ex
