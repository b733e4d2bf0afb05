"""FollowTheMoney lines parsed with the followthemoney model; references resolve to
entities of the export, of the schema the property asks for."""

from __future__ import annotations

import json

from followthemoney import model
from followthemoney.proxy import EntityProxy

from allegiance.store import Store
from tests.export.export_helpers import run_export


def proxies(store: Store) -> dict[str, EntityProxy]:
    out: dict[str, EntityProxy] = {}
    for line in run_export(store, "ftm").splitlines():
        proxy = model.get_proxy(json.loads(line), cleaned=False)
        assert proxy.id not in out
        out[str(proxy.id)] = proxy
    return out


def test_every_line_is_a_valid_entity_with_resolving_references(facts_store: Store) -> None:
    found = proxies(facts_store)
    for proxy in found.values():
        for prop, value in proxy.itervalues():
            assert prop.type.clean(value, proxy=proxy) is not None, (prop.name, value)
            if prop.type.name == "entity":
                assert value in found, (proxy.schema.name, prop.name, value)
                assert found[value].schema.is_a(prop.range), (prop.name, value)


def test_schemas_and_provenance(facts_store: Store) -> None:
    found = proxies(facts_store)
    schemas = {p.schema.name for p in found.values()}
    assert {"Person", "Organization", "Address", "Document", "Membership", "Directorship",
            "Event", "UnknownLink"} <= schemas
    mosul = next(p for p in found.values() if p.schema.name == "Address"
                 and p.first("name") == "Mosul")
    assert mosul.first("latitude", quiet=True)
    disputed = next(p for p in found.values() if p.schema.name == "Membership"
                    and p.first("status") == "disputed")
    assert disputed.get("proof") and disputed.first("description").startswith("[disputed]")
    denied = next(p for p in found.values() if p.schema.name == "Event"
                  and "denied" in p.get("keywords"))
    assert denied.first("summary").startswith("denied")
    for p in found.values():
        if p.schema.is_a(model.get("Interval")):
            assert p.get("proof") and p.get("description")
