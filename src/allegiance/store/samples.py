"""A small hand-built example graph (three short documents) for tests, docs and demos.

The sentences are written for this module; the facts (names, dates) follow public reporting
on Jamaat Ansar al-Islam and the Islamic State.
"""

from __future__ import annotations

from allegiance.model.types import Claim, Entity, Extraction, Span, TimeInterval


def span_of(text: str, snippet: str) -> Span:
    """The span of the first occurrence of ``snippet`` in ``text``."""
    start = text.index(snippet)
    return Span(start, start + len(snippet), snippet)


def entity(
    text: str,
    eid: str,
    type_: str,
    name: str,
    aliases: list[str] | None = None,
    pejoratives: list[str] | None = None,
    reference_id: str | None = None,
) -> Entity:
    """An entity whose mentions are every occurrence of its name and aliases in ``text``."""
    mentions: list[Span] = []
    for form in [name, *(aliases or []), *(pejoratives or [])]:
        at = text.find(form)
        while at >= 0:
            mentions.append(Span(at, at + len(form), form))
            at = text.find(form, at + len(form))
    return Entity(eid, type_, name, aliases or [], pejoratives or [], mentions, reference_id)


def claim(
    text: str,
    cid: str,
    subject: str | None,
    predicate: str,
    obj: str | None,
    sentence: str,
    *,
    time: tuple[str | None, str | None, str] | None = None,
    stance: str = "asserted",
    source: str | None = None,
    place: str | None = None,
    role: str | None = None,
) -> Claim:
    """A claim whose evidence is the span of ``sentence`` in ``text``."""
    interval = TimeInterval(time[0], time[1], time[2]) if time else None
    return Claim(
        cid, subject, predicate, obj, span_of(text, sentence), stance, source, interval,
        place, role,
    )


ANSAR_TEXT = (
    "Abu Obeida, a Shari'a official of Jamaat Ansar al-Islam, pledged allegiance to the "
    "Islamic State at the end of June 2014, according to Abu Omar al-Falastini. "
    "The khawarij [IS] had seized Mosul in June 2014. "
    "Ansar al-Islam and Ansar al-Sunna clashed in Kirkuk in 2007. "
    "Jamaat Ansar al-Islam was founded in 2001."
)

NEWS_TEXT = (
    "Abu Ubaida al-Iraqi, also known as Abu Obeida, was killed near Mosul in December 2015. "
    "ISIS had named him a governor, a local source said."
)

SPLIT_TEXT = (
    "A second man called Abu Obeida led a unit of the Islamic Army in Iraq in 2006."
)


def ansar_document() -> Extraction:
    t = ANSAR_TEXT
    s1, s2, s3, s4 = (
        t[: t.index(" The khawarij")],
        "The khawarij [IS] had seized Mosul in June 2014.",
        "Ansar al-Islam and Ansar al-Sunna clashed in Kirkuk in 2007.",
        "Jamaat Ansar al-Islam was founded in 2001.",
    )
    return Extraction(
        document={"id": "ansar-2015", "title": "Ansar al-Islam and the Islamic State",
                  "author": "A. Analyst", "published": "2015-03-18"},
        entities=[
            entity(t, "e1", "Person", "Abu Obeida"),
            entity(t, "e2", "Organization", "Jamaat Ansar al-Islam", ["Ansar al-Islam"]),
            entity(t, "e3", "Organization", "Islamic State", ["IS"], ["khawarij"]),
            entity(t, "e4", "Person", "Abu Omar al-Falastini"),
            entity(t, "e5", "Place", "Mosul"),
            entity(t, "e6", "Organization", "Ansar al-Sunna"),
            entity(t, "e7", "Place", "Kirkuk"),
        ],
        claims=[
            claim(t, "c1", "e1", "pledged_allegiance", "e3", s1,
                  time=("2014-06-20", "2014-06-30", "the end of June 2014"),
                  stance="reported", source="e4"),
            claim(t, "c2", "e1", "member_of", "e2", s1, role="Shari'a official"),
            claim(t, "c3", "e3", "captured", "e5", s2, time=("2014-06-01", "2014-06-30", "June 2014")),
            claim(t, "c4", "e2", "hostile_to", "e6", s3, time=("2007-01-01", "2007-12-31", "2007"),
                  place="e7"),
            claim(t, "c5", None, "founded", "e2", s4, time=("2001-01-01", "2001-12-31", "2001")),
        ],
        text=t,
    )


def news_document() -> Extraction:
    t = NEWS_TEXT
    s1, s2 = t.split(". ", 1)
    return Extraction(
        document={"id": "news-2016", "title": "Commander killed near Mosul",
                  "published": "2016-01-10"},
        entities=[
            entity(t, "e1", "Person", "Abu Ubaida al-Iraqi", ["Abu Obeida"]),
            entity(t, "e2", "Place", "Mosul", reference_id="geonames:99072"),
            entity(t, "e3", "Organization", "ISIS", ["Islamic State"]),
        ],
        claims=[
            claim(t, "c1", None, "killed", "e1", s1 + ".",
                  time=("2015-12-01", "2015-12-31", "December 2015"), place="e2"),
            claim(t, "c2", "e1", "member_of", "e3", s2, stance="reported", role="governor"),
        ],
        text=t,
    )


def second_man_document() -> Extraction:
    t = SPLIT_TEXT
    return Extraction(
        document={"id": "army-2007", "title": "The Islamic Army's units", "published": "2007-02-01"},
        entities=[
            entity(t, "e1", "Person", "Abu Obeida"),
            entity(t, "e2", "Organization", "Islamic Army in Iraq"),
        ],
        claims=[
            claim(t, "c1", "e1", "leader_of", "e2", t,
                  time=("2006-01-01", "2006-12-31", "2006")),
        ],
        text=t,
    )


def sample_extractions() -> list[Extraction]:
    """The three example documents, in the order they are usually ingested."""
    return [ansar_document(), news_document(), second_man_document()]
