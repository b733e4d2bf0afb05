"""Hand-made documents for the workbench tests: a split between two groups with dated ties,
and a text full of markup that must come out as text."""

from __future__ import annotations

from allegiance.model.types import Extraction
from allegiance.store.samples import claim, entity

SPLIT_TEXT = (
    "Jabhat Example was allied with Liwa Example from 2012 to 2013. "
    "Abu Test, a commander in Jabhat Example, led it in 2013. "
    "In February 2014 Liwa Example split from Jabhat Example. "
    "From June 2014 Liwa Example fought Jabhat Example. "
    "Jabhat Example was active in Raqqa in 2013, its fighters say, though others disputed it."
)


def split_extraction() -> Extraction:
    t = SPLIT_TEXT
    ents = [
        entity(t, "e1", "Organization", "Jabhat Example"),
        entity(t, "e2", "Organization", "Liwa Example"),
        entity(t, "e3", "Person", "Abu Test"),
        entity(t, "e4", "Place", "Raqqa", reference_id="sy-raqqa"),
    ]
    claims = [
        claim(t, "c1", "e1", "allied_with", "e2",
              "Jabhat Example was allied with Liwa Example from 2012 to 2013.",
              time=("2012-01-01", "2013-12-31", "from 2012 to 2013")),
        claim(t, "c2", "e3", "member_of", "e1", "Abu Test, a commander in Jabhat Example, led it in 2013.",
              time=("2013-01-01", "2013-12-31", "in 2013"), role="commander"),
        claim(t, "c3", "e3", "leader_of", "e1", "Abu Test, a commander in Jabhat Example, led it in 2013.",
              time=("2013-01-01", "2013-12-31", "in 2013")),
        claim(t, "c4", "e2", "split_from", "e1",
              "In February 2014 Liwa Example split from Jabhat Example.",
              time=("2014-02-01", "2014-02-28", "In February 2014")),
        claim(t, "c5", "e2", "hostile_to", "e1", "From June 2014 Liwa Example fought Jabhat Example.",
              time=("2014-06-01", None, "From June 2014")),
        claim(t, "c6", "e1", "active_in", "e4",
              "Jabhat Example was active in Raqqa in 2013, its fighters say, though others disputed it.",
              time=("2013-01-01", "2013-12-31", "in 2013"), stance="disputed"),
    ]
    for c in claims:
        c.time.precision = "year" if c.time and c.time.text.startswith(("in", "from 2012")) else None  # type: ignore[union-attr]
    doc = {"id": "split-example", "title": "A split", "published": "2015-01-10"}
    return Extraction(doc, ents, claims, text=t)


def crowd_extraction(members: int) -> Extraction:
    """One group with ``members`` members in 2014: a network too large for a force layout."""
    lines = [f"Abu Member{i:03d} joined Jaysh Crowd in 2014." for i in range(members)]
    t = " ".join(lines)
    ents = [entity(t, "g", "Organization", "Jaysh Crowd")]
    claims = []
    for i, line in enumerate(lines):
        ents.append(entity(t, f"p{i}", "Person", f"Abu Member{i:03d}"))
        claims.append(claim(t, f"c{i}", f"p{i}", "member_of", "g", line,
                            time=("2014-01-01", "2014-12-31", "in 2014")))
    doc = {"id": "crowd", "title": "A crowd", "published": "2015-01-10"}
    return Extraction(doc, ents, claims, text=t)


#: markup an attacker might put in a document; every piece must reach the page as text
PAYLOADS = (
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned = 2">',
    '<a href="javascript:window.__pwned = 3">click me</a>',
    '"><svg onload="window.__pwned = 4">',
    "javascript:window.__pwned = 5",
)
HOSTILE_NAME = '<script>window.__pwned = 6</script> Brigade'
HOSTILE_TEXT = (
    f"{HOSTILE_NAME} was allied with Kata'ib Harmless in 2014. "
    + " ".join(PAYLOADS)
    + f" Later {HOSTILE_NAME} fought Kata'ib Harmless."
)


def hostile_extraction() -> Extraction:
    t = HOSTILE_TEXT
    ents = [
        entity(t, "e1", "Organization", HOSTILE_NAME, aliases=['<img src=x onerror="window.__pwned=7">']),
        entity(t, "e2", "Organization", "Kata'ib Harmless"),
    ]
    claims = [
        claim(t, "c1", "e1", "allied_with", "e2", f"{HOSTILE_NAME} was allied with Kata'ib Harmless in 2014.",
              time=("2014-01-01", "2014-12-31", "in 2014")),
        claim(t, "c2", "e1", "hostile_to", "e2", f"Later {HOSTILE_NAME} fought Kata'ib Harmless.",
              stance="alleged"),
    ]
    doc = {"id": '<b onmouseover="window.__pwned=8">doc</b>', "title": '<svg onload="window.__pwned=9">',
           "author": '<script>window.__pwned=10</script>', "published": "2015-02-01"}
    return Extraction(doc, ents, claims, text=t)
