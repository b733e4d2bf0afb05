"""Node and edge attributes shared by the graph formats (GraphML, GEXF): entities are
nodes (type, aliases, coordinates), facts with both ends are edges (predicate, status,
stances, number of sources, time, and the documents and quotes behind them)."""

from __future__ import annotations

import json
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

#: (name, type) of node attributes; types are GraphML's (GEXF: double -> double too)
NODE_KEYS = [("type", "string"), ("aliases", "string"), ("reference_id", "string"),
             ("lat", "double"), ("lon", "double")]
EDGE_KEYS = [
    ("predicate", "string"), ("status", "string"), ("stances", "string"),
    ("sources", "int"), ("start", "string"), ("end", "string"), ("precision", "string"),
    ("review", "string"), ("documents", "string"), ("provenance", "string"),
]


_JSON = json.JSONEncoder(ensure_ascii=False)
#: characters ``escape`` and ``quoteattr`` replace; text without any is written as it is
_ESCAPED = re.compile(r"[&<>]")
_ATTR_ESCAPED = re.compile("[&<>\"\n\r\t]")


def node_values(entity: dict[str, Any]) -> dict[str, Any]:
    """Attribute values of an entity node (``None`` ones are left out by the writers)."""
    return {
        "type": entity["type"],
        "aliases": "; ".join(entity["aliases"]) or None,
        "reference_id": entity["reference_id"],
        "lat": entity.get("lat"),
        "lon": entity.get("lon"),
    }


def is_edge(fact: dict[str, Any]) -> bool:
    """Whether a fact has both ends (a fact with one, like a dissolution, is no edge)."""
    return bool(fact["subject_id"] and fact["object_id"])


def edge_values(fact: dict[str, Any]) -> dict[str, Any]:
    """Attribute values of a fact edge; ``provenance`` is a JSON list of the sources'
    document, quote and stance."""
    sources = fact["sources"]
    return {
        "predicate": fact["predicate"],
        "status": fact["status"],
        "stances": fact["stances"],
        "sources": len(sources),
        "start": fact["start"],
        "end": fact["end"],
        "precision": fact["precision"],
        "review": fact["review"],
        "documents": "; ".join(dict.fromkeys(s["document_id"] for s in sources)),
        "provenance": _JSON.encode(
            [{"document_id": s["document_id"], "document_title": s["document_title"],
              "quote": s["quote"], "stance": s["stance"]} for s in sources]
        ),
    }


def xml_value(value: Any) -> str:
    """A value as XML attribute or element text (escape it with ``quoteattr``/``escape``)."""
    if type(value) is str:
        return value
    if type(value) is int:
        return str(value)
    return json.dumps(value)


def xml_text(text: str) -> str:
    """``xml.sax.saxutils.escape(text)``, quicker for text that needs no escaping."""
    return escape(text) if _ESCAPED.search(text) else text


def xml_attr(text: str) -> str:
    """``xml.sax.saxutils.quoteattr(text)``, quicker for text that needs no escaping."""
    return quoteattr(text) if _ATTR_ESCAPED.search(text) else f'"{text}"'
