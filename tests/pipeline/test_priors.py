"""Attribution priors: opt-in, alleged, and only where the text names no perpetrator."""

from __future__ import annotations

from allegiance.model.types import Document
from allegiance.pipeline import extract_document
from allegiance.pipeline.priors import load_priors
from allegiance.reference.gazetteer import load_gazetteer


def test_every_prior_names_a_gazetteer_group() -> None:
    gaz = load_gazetteer()
    for p in load_priors():
        rec = gaz.get(p.group)
        assert rec is not None and rec.type == "Organization", p


def _report(text: str, country: str, priors: bool) -> list[tuple[str, str, dict]]:
    doc = Document(id="r", text=text, published="2016", metadata={"country": country})
    ex = extract_document(doc, attribution_priors=priors)
    names = {e.id: e.name for e in ex.entities}
    return [(names[c.subject], c.stance, c.qualifiers) for c in ex.claims
            if c.predicate == "attacked" and c.subject]


def test_off_by_default() -> None:
    assert _report("A car bomb exploded near a market, killing 12 people.", "Somalia", False) == []


def test_unattributed_attack_gets_an_alleged_prior() -> None:
    got = _report("A car bomb exploded near a market, killing 12 people.", "Somalia", True)
    assert len(got) == 1
    name, stance, qualifiers = got[0]
    assert stance == "alleged"
    assert qualifiers["basis"] == "attribution prior" and qualifiers["country"] == "SO"


def test_a_named_perpetrator_is_never_overridden() -> None:
    got = _report("Jaysh al-Fursan claimed responsibility for the bombing of a market.", "Somalia", True)
    assert [g[1] for g in got] == ["claimed"]


def test_no_attack_no_prior() -> None:
    assert _report("The council met to discuss the harvest.", "Somalia", True) == []
