"""The entity page: names, reference id, claims in time order with their sources, and the
entity's ties (members, leaders, allies, rivals...) with dates."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from allegiance.errors import NotFoundError
from allegiance.model.vocab import vocabulary
from allegiance.query.dates import time_label
from allegiance.query.facts import stance_summary
from allegiance.resolve.lookup import find

if TYPE_CHECKING:
    from allegiance.store.db import Store

#: the ties shown beside the timeline: (heading, predicate, the entity's side, other side)
TIES: tuple[tuple[str, str, str, str], ...] = (
    ("Members", "member_of", "object", "subject"),
    ("Leaders", "leader_of", "object", "subject"),
    ("Member of", "member_of", "subject", "object"),
    ("Leader of", "leader_of", "subject", "object"),
    ("Pledged allegiance to", "pledged_allegiance", "subject", "object"),
    ("Allies", "allied_with", "either", "other"),
    ("Cooperated with", "cooperated_with", "either", "other"),
    ("Rivals", "hostile_to", "either", "other"),
    ("Split from", "split_from", "subject", "object"),
    ("Places", "active_in", "subject", "object"),
)


#: facts shown on the entity page at most (the timeline view filters them all)
FACTS_SHOWN = 50
#: quotes shown under one fact at most
QUOTES_SHOWN = 5
#: entities listed under one tie at most
TIES_SHOWN = 50


#: the entity's parts (its entities in documents) read for its names and documents at most
PARTS_READ = 500


def _summary(store: Store, cid: str) -> dict[str, Any]:
    """Names, reference id and counts. The names and documents come from one read of the
    entity's parts (at most ``PARTS_READ``: past that the documents count is a lower
    bound, said so by ``documents_exact``); the facts are counted on each side through
    the facts' subject and object indexes (in ``_sides``)."""
    row = store.one("SELECT id, type, name, reference_id FROM canonical_entities WHERE id = ?",
                    (cid,))
    if row is None:
        raise NotFoundError(f"no entity {cid!r} in the store")
    parts = store.all("SELECT name, document_id FROM entities WHERE canonical_id = ? LIMIT ?",
                      (cid, PARTS_READ + 1))
    exact = len(parts) <= PARTS_READ
    parts = parts[:PARTS_READ]
    names: list[tuple[Any, int]] = [(n, 0) for n in dict.fromkeys(str(r[0]) for r in parts)]
    seen = {str(n[0]) for n in names}
    names += [(r[0], int(r[1])) for r in store.all(
        "SELECT a.name, a.pejorative FROM aliases a WHERE a.entity_id IN "
        "(SELECT id FROM entities WHERE canonical_id = ? LIMIT ?) LIMIT 500",
        (cid, PARTS_READ)) if str(r[0]) not in seen]
    names = sorted({str(n[0]): n for n in names}.values(), key=lambda n: (n[1], str(n[0])))
    return {
        "id": cid, "type": str(row["type"]), "name": str(row["name"]),
        "reference_id": row["reference_id"],
        "aliases": [{"name": str(n[0]), "pejorative": bool(n[1])} for n in names
                    if str(n[0]) != str(row["name"])],
        "documents": len({str(r[1]) for r in parts}),
        "documents_exact": exact,
    }


#: facts of each side read at most for the ties (earliest first)
TIE_SCAN = 500
_SEP = "\x1f"  # between the parts of a fact key


def _count(store: Store, sql: str, params: tuple[Any, ...]) -> int:
    r = store.one(sql, params)
    return int(r[0]) if r else 0


def _sides(store: Store, cid: str) -> tuple[int, bool, list[dict[str, Any]]]:
    """The number of facts about the entity, and its ties by heading (each with its time
    and stance, earliest first, at most ``TIES_SHOWN`` each).

    Both are read through indexes, so the work does not grow with the entity's facts:
    the count from the subject and object indexes alone (less the facts with the entity
    on both sides, looked up by their keys); the ties from the entity's first
    ``TIE_SCAN`` facts on each side (``ties_complete`` says whether that was all of
    them; the timeline and network views read every fact)."""
    subject = _count(store, "SELECT count(*) FROM facts WHERE subject_id = ?", (cid,))
    obj = _count(store, "SELECT count(*) FROM facts WHERE object_id = ?", (cid,))
    loops = [_SEP.join((cid, p, cid)) for p in vocabulary().predicates]
    both = _count(store, f"SELECT count(*) FROM facts WHERE fact_key IN "
                         f"({','.join('?' * len(loops))})", tuple(loops))
    cols = "f.id, f.subject_id, f.object_id, f.predicate, f.time_start, f.time_end, f.stances"
    preds = sorted({p for _h, p, _s, _o in TIES})
    marks = ",".join("?" * len(preds))
    rows: dict[str, Any] = {}
    for own in ("subject", "object"):
        for r in store.all(
            f"SELECT * FROM (SELECT {cols}, f.sort_time FROM facts f WHERE f.{own}_id = ? "
            f"ORDER BY f.sort_time LIMIT ?) WHERE predicate IN ({marks})",
            (cid, TIE_SCAN, *preds),
        ):
            rows.setdefault(str(r[0]), r)
    complete = subject <= TIE_SCAN and obj <= TIE_SCAN
    ordered = sorted(rows.values(), key=lambda r: (str(r[7]), str(r[0])))
    shown: list[tuple[str, str, list[tuple[str, Any]]]] = []
    for heading, predicate, side, _other in TIES:
        sides = ("subject", "object") if side == "either" else (side,)
        picked: list[tuple[str, Any]] = []
        for own in sides:
            at, away = (1, 2) if own == "subject" else (2, 1)
            picked += [(str(r[away]), r) for r in ordered if r[3] == predicate
                       and r[at] == cid and r[away] is not None and r[away] != cid]
        if picked:
            shown.append((heading, predicate, picked[:TIES_SHOWN]))
    names = _names(store, {other for _h, _p, picked in shown for other, _r in picked})
    ties: list[dict[str, Any]] = []
    for heading, predicate, picked in shown:
        entities = []
        for other, r in picked:
            if other not in names:
                continue
            summary = stance_summary(json.loads(r[6] or "{}"))
            entities.append({"id": other, "name": names[other],
                             "time": time_label(r[4], r[5]), "stance": summary.label,
                             "contested": summary.contested or summary.supporting == 0,
                             "fact": str(r[0])})
        if entities:
            ties.append({"heading": heading, "predicate": predicate, "entities": entities})
    return subject + obj - both, complete, ties


def _names(store: Store, ids: set[str]) -> dict[str, str]:
    """Canonical names of ``ids``."""
    items = sorted(ids)
    out: dict[str, str] = {}
    for i in range(0, len(items), 400):
        chunk = items[i : i + 400]
        out.update((str(r[0]), str(r[1])) for r in store.all(
            f"SELECT id, name FROM canonical_entities WHERE id IN ({','.join('?' * len(chunk))})",
            tuple(chunk)))
    return out


def entity_page(store: Store, ident: str) -> dict[str, Any]:
    """Everything the entity page shows, as JSON-ready data; NotFoundError if unknown.
    ``ident`` is an id or any name or alias."""
    from dataclasses import asdict

    from allegiance.web.fact_rows import fact_rows

    cid = find(store.conn, ident)
    summary = _summary(store, cid)
    summary["facts"], summary["ties_complete"], ties = _sides(store, cid)
    facts = fact_rows(store, entity=cid, limit=FACTS_SHOWN)
    quotes = _quotes(store, [f.id for f in facts])
    out = []
    for f in facts:
        d = asdict(f)
        d["quotes"] = quotes.get(f.id, [])
        out.append(d)
    return {"entity": summary, "facts": out, "facts_shown": len(facts), "ties": ties,
            "tie_scan": TIE_SCAN}


def _quotes(store: Store, fact_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The first sources of each fact: quote, document and who says it."""
    out: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(fact_ids), 400):
        chunk = fact_ids[i : i + 400]
        rows = store.all(
            "SELECT fc.fact_id, c.id, c.document_id, d.title, c.evidence_text, c.stance, "
            "rc.name FROM fact_claims fc JOIN claims c ON c.id = fc.claim_id "
            "JOIN documents d ON d.id = c.document_id "
            "LEFT JOIN entities re ON re.id = c.source_id "
            "LEFT JOIN canonical_entities rc ON rc.id = re.canonical_id "
            f"WHERE fc.fact_id IN ({','.join('?' * len(chunk))}) ORDER BY fc.fact_id, fc.ord",
            tuple(chunk),
        )
        for r in rows:
            got = out.setdefault(str(r[0]), [])
            if len(got) < QUOTES_SHOWN:
                got.append({"claim_id": str(r[1]), "document_id": str(r[2]),
                            "document_title": r[3], "quote": str(r[4]), "stance": str(r[5]),
                            "source": r[6]})
    return out


def entity_list(store: Store, type_: str | None, q: str | None, limit: int = 200,
                offset: int = 0) -> list[dict[str, Any]]:
    """Canonical entities in name-key order (through its index), optionally of one type or
    with a name containing ``q``."""
    cond: list[str] = []
    params: list[Any] = []
    if type_:
        cond.append("e.type = ?")
        params.append(type_)
    if q:
        cond.append("e.name LIKE ? ESCAPE '\\'")
        params.append("%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    seen: dict[str, None] = {}
    start = 0
    step = max(4 * (limit + offset), 1000)
    while len(seen) < limit + offset:
        rows = store.all(
            "SELECT e.canonical_id FROM entities e INDEXED BY entities_key_canonical"
            + (" WHERE " + " AND ".join(cond) if cond else "")
            + " ORDER BY e.name_key LIMIT ? OFFSET ?",
            (*params, step, start),
        )
        for r in rows:
            seen.setdefault(str(r[0]), None)
        if len(rows) < step:
            break
        start += step
    ids = list(seen)[offset : offset + limit]
    out: list[dict[str, Any]] = []
    for i in range(0, len(ids), 400):
        chunk = ids[i : i + 400]
        found = {str(r[0]): dict(r) for r in store.all(
            "SELECT id, type, name, reference_id FROM canonical_entities WHERE id IN "
            f"({','.join('?' * len(chunk))})", tuple(chunk))}
        out += [found[x] for x in chunk if x in found]
    return out
