"""Attribution priors: opt-in, alleged, and only where the text names no perpetrator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from allegiance.errors import DataFileError
from allegiance.model.types import Claim, Document, Entity, Span
from allegiance.pipeline import extract_document, priors
from allegiance.pipeline.priors import load_branches, load_priors, load_targets
from allegiance.reference.gazetteer import load_gazetteer

Found = list[tuple[str, str, dict[str, Any]]]


def test_every_prior_names_a_gazetteer_group() -> None:
    gaz = load_gazetteer()
    for p in load_priors():
        rec = gaz.get(p.group)
        assert rec is not None and rec.type == "Organization", p
        assert p.targets is None or p.targets in load_targets(), p


def test_every_branch_is_a_gazetteer_branch_of_its_parent() -> None:
    gaz = load_gazetteer()
    for b in load_branches():
        rec, parent = gaz.get(b.branch), gaz.get(b.parent)
        assert rec is not None and parent is not None, b
        assert rec.parent == b.parent, b


def _report(text: str, country: str, priors_on: bool, year: str = "2016") -> Found:
    doc = Document(id="r", text=text, published=year, metadata={"country": country})
    ex = extract_document(doc, attribution_priors=priors_on)
    names = {e.id: e.name for e in ex.entities}
    assert len({c.id for c in ex.claims}) == len(ex.claims)
    return [(names[c.subject], c.stance, c.qualifiers) for c in ex.claims
            if c.predicate == "attacked" and c.subject]


def _by_basis(found: Found, basis: str) -> list[str]:
    return [name for name, _stance, q in found if q.get("basis") == basis]


def test_off_by_default() -> None:
    assert _report("A car bomb exploded near a market, killing 12 people.", "Somalia", False) == []


def test_unattributed_attack_gets_an_alleged_prior() -> None:
    got = _report("A car bomb exploded near a market, killing 12 people.", "Somalia", True)
    assert _by_basis(got, "attribution prior") == ["al-Shabaab"]
    for _name, stance, qualifiers in got:
        assert stance == "alleged"
    prior = next(q for _n, _s, q in got if q.get("basis") == "attribution prior")
    assert prior["country"] == "SO"
    # al-Shabaab is al-Qaeda's branch from 2012: the same guess, one level up, marked as such
    assert _by_basis(got, "parent organisation") == ["al-Qaeda"]


def test_a_named_perpetrator_is_never_overridden() -> None:
    text = "Jaysh al-Fursan claimed responsibility for the bombing of a market."
    got = _report(text, "Somalia", True)
    assert [g[1] for g in got] == ["claimed"]


def test_no_attack_no_prior() -> None:
    assert _report("The council met to discuss the harvest.", "Somalia", True) == []


def test_a_country_name_pycountry_does_not_know() -> None:
    # pycountry calls it Türkiye; the report's metadata says Turkey
    got = _report("A car bomb exploded in the town of Midyat.", "Turkey", True, "2016")
    assert _by_basis(got, "attribution prior") == ["Islamic State"]


# ---------------------------------------------------------------- branches and parents

AFGHAN = ("A bombing at a mosque killed 33 people. "
          "The Islamic State claimed responsibility for the attack.")


def test_branch_prior_for_a_parent_named_in_an_afghan_report() -> None:
    got = _report(AFGHAN, "Afghanistan", True, "2022")
    # what the text says stays as it is
    assert ("Islamic State", "claimed") in [(n, s) for n, s, _q in got]
    assert _by_basis(got, "branch prior") == ["Islamic State Khorasan Province"]
    branch = next(q for _n, s, q in got if q.get("basis") == "branch prior")
    assert branch["country"] == "AF" and branch["from_claim"]
    assert _by_basis(got, "attribution prior") == []
    assert all(s == "alleged" for _n, s, q in got if q.get("basis"))


def test_no_branch_prior_when_priors_are_off() -> None:
    got = _report(AFGHAN, "Afghanistan", False, "2022")
    assert [(n, s) for n, s, _q in got] == [("Islamic State", "claimed")]


def test_no_branch_before_it_existed_nor_in_another_country() -> None:
    assert _by_basis(_report(AFGHAN, "Afghanistan", True, "2013"), "branch prior") == []
    assert _by_basis(_report(AFGHAN, "France", True, "2016"), "branch prior") == []


def test_a_named_branch_also_stands_for_its_parent() -> None:
    text = "ISWAP fighters attacked an army base in Borno State, killing 20 soldiers."
    got = _report(text, "Nigeria", True, "2020")
    assert "Islamic State West Africa Province" in [n for n, s, q in got if not q]
    assert _by_basis(got, "parent organisation") == ["Islamic State"]
    assert _by_basis(got, "attribution prior") == []


def test_a_report_naming_its_perpetrator_gets_no_prior() -> None:
    text = "Taliban fighters attacked a police checkpoint in Kandahar, killing four officers."
    got = _report(text, "Afghanistan", True, "2018")
    assert [n for n, _s, _q in got] == ["Taliban"]


# ---------------------------------------------------------------- narrower priors

def test_sectarian_targets_in_afghanistan() -> None:
    shia = "A suicide bomber killed 40 people at a Shi'ite mosque in Kabul."
    army = "A suicide bomber killed 40 soldiers at an army base in Kabul."
    assert _by_basis(_report(shia, "Afghanistan", True, "2018"), "attribution prior") == \
        ["Islamic State Khorasan Province"]
    assert _by_basis(_report(army, "Afghanistan", True, "2018"), "attribution prior") == ["Taliban"]


def test_a_group_that_denied_the_attack_is_passed_over() -> None:
    text = ("A suicide bomber killed six people at a checkpoint in Kabul. "
            "The Taliban denied involvement.")
    got = _report(text, "Afghanistan", True, "2020")
    assert _by_basis(got, "attribution prior") == ["Islamic State Khorasan Province"]


def _with_claim(text: str, country: str, year: str, stance: str, *, target: bool) -> list[str]:
    """The attribution prior for a report where a group is the attacker (with ``stance``)
    or, with ``target``, the one attacked."""
    doc = Document(id="r", text=text, published=year, metadata={"country": country})
    ex = extract_document(doc, attribution_priors=False)
    rec = load_gazetteer().get("taliban" if country == "Afghanistan" else "hizbul-islam")
    assert rec is not None
    ex.entities.append(Entity(id="eX", type="Organization", name=rec.name, reference_id=rec.id,
                              mentions=[Span(0, 1, "")]))
    ex.claims.append(Claim(id="cX", subject=None if target else "eX", predicate="attacked",
                           object="eX" if target else None, evidence=Span(0, 10, ""),
                           stance=stance))
    out = priors.apply_priors(ex, doc.text)
    names = {e.id: e.name for e in out.entities}
    return [names[c.subject] for c in out.claims
            if c.qualifiers.get("basis") == "attribution prior" and c.subject]


def test_a_group_named_as_the_target_is_passed_over() -> None:
    text = "Gunmen stormed a checkpoint in Kandahar, killing three men."
    assert _with_claim(text, "Afghanistan", "2018", "asserted", target=True) == \
        ["Islamic State Khorasan Province"]


def test_a_denied_claim_names_no_perpetrator() -> None:
    text = "A bomb exploded in a market."
    assert _with_claim(text, "Somalia", "2016", "denied", target=False) == ["al-Shabaab"]
    assert _with_claim(text, "Somalia", "2016", "asserted", target=False) == []


# ---------------------------------------------------------------- the data file

@pytest.fixture
def data_file(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    data: dict[str, Any] = {"priors": [], "branches": [], "targets": {}}
    monkeypatch.setattr(priors, "load_mapping", lambda *parts: data)
    for f in (load_priors, load_branches, load_targets):
        f.cache_clear()
    yield data
    for f in (load_priors, load_branches, load_targets):
        f.cache_clear()


@pytest.mark.parametrize("entry", [
    {"country": "Somalia", "from": 2008, "to": 2025, "group": "al-shabaab"},
    {"country": "SO", "from": 2025, "to": 2008, "group": "al-shabaab"},
    {"country": "SO", "from": 2008, "group": "al-shabaab"},
    {"country": "SO", "from": 2008, "to": 2025},
    {"country": "SO", "from": 2008, "to": 2025, "group": "al-shabaab", "targets": "nowhere"},
    {"country": "SO", "from": 2008, "to": 2025, "group": "al-shabaab", "places": "Mogadishu"},
])
def test_bad_priors_are_reported(data_file: dict[str, Any], entry: dict[str, Any]) -> None:
    data_file["priors"] = [entry]
    with pytest.raises(DataFileError, match="attribution_priors.yml: prior 1"):
        load_priors()


def test_bad_branches_are_reported(data_file: dict[str, Any]) -> None:
    data_file["branches"] = [{"parent": "al-qaida", "branch": "aqap", "from": 2009, "to": 2025}]
    with pytest.raises(DataFileError, match="branch 1 needs a 'countries' list"):
        load_branches()
