"""GEXF 1.2 for Gephi: entities as nodes, facts as edges whose time is a spell, so
Gephi's timeline plays the network over time (an open bound stays open; an undated fact's
edge has no spell and shows throughout). Nodes must precede edges in GEXF, and facts
stream before entities, so edges go to a temporary file and are copied in at the end."""

from __future__ import annotations

import shutil
import tempfile
from typing import Any, TextIO

from allegiance.export.base import Exporter, Renderer
from allegiance.export.graph_attrs import (
    EDGE_KEYS, NODE_KEYS, edge_values, is_edge, node_values, xml_attr, xml_value,
)

NS = "http://www.gexf.net/1.2draft"
TYPES = {"string": "string", "int": "integer", "double": "double"}
#: edge attributes the spells already carry
_SPELL_KEYS = ("start", "end")


def _attvalues(keys: list[str], values: dict[str, Any]) -> str:
    cells = "".join(
        f"<attvalue for=\"{i}\" value={xml_attr(xml_value(values[k]))}/>"
        for i, k in enumerate(keys) if values.get(k) is not None
    )
    return f"<attvalues>{cells}</attvalues>" if cells else ""


def _day(value: str) -> str:
    """A GEXF ``date``: a whole ISO day (a year or month is widened to its first day)."""
    parts = value.split("-") + ["01", "01"]
    return "-".join(parts[:3])


_NODE_KEYS = [k for k, _ in NODE_KEYS]
_EDGE_KEYS = [k for k, _ in EDGE_KEYS if k not in _SPELL_KEYS]


class GexfRenderer(Renderer):
    """A node's element, or an edge's (``None`` for a fact with one end)."""

    def render(self, kind: str, record: dict[str, Any]) -> Any:
        if kind == "entities":
            return (f'<node id={xml_attr(record["id"])} label={xml_attr(record["name"])}>'
                    f"{_attvalues(_NODE_KEYS, node_values(record))}</node>\n")
        if not is_edge(record):
            return None
        spell = ""
        if record["start"] or record["end"]:
            bounds = "".join(
                f" {k}={xml_attr(_day(record[k]))}" for k in _SPELL_KEYS if record[k]
            )
            spell = f"<spells><spell{bounds}/></spells>"
        return (f'<edge id={xml_attr(record["id"])} source={xml_attr(record["subject_id"])} '
                f'target={xml_attr(record["object_id"])} '
                f'label={xml_attr(record["predicate"])}>'
                f"{_attvalues(_EDGE_KEYS, edge_values(record))}{spell}</edge>\n")


_RENDERER = GexfRenderer()


class GexfExporter(Exporter):
    """Writes one dynamic, directed GEXF graph."""

    kinds = ("facts", "entities")
    renderer = _RENDERER

    def __init__(self, fh: TextIO) -> None:
        super().__init__(fh)
        self._edges = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._nodes_open = False
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                 f'<gexf xmlns="{NS}" version="1.2">\n'
                 '<meta><creator>allegiance</creator></meta>\n'
                 '<graph mode="dynamic" defaultedgetype="directed" timeformat="date">\n')
        fh.write('<attributes class="node" mode="static">\n')
        for i, (name, kind) in enumerate(NODE_KEYS):
            fh.write(f'<attribute id="{i}" title="{name}" type="{TYPES[kind]}"/>\n')
        fh.write('</attributes>\n<attributes class="edge" mode="static">\n')
        kinds = dict(EDGE_KEYS)
        for i, name in enumerate(_EDGE_KEYS):
            fh.write(f'<attribute id="{i}" title="{name}" type="{TYPES[kinds[name]]}"/>\n')
        fh.write("</attributes>\n")

    def write(self, kind: str, record: dict[str, Any]) -> None:
        self.put(kind, _RENDERER.render(kind, record))

    def put(self, kind: str, rendered: Any) -> None:
        if kind == "entities":
            if not self._nodes_open:
                self.fh.write("<nodes>\n")
                self._nodes_open = True
            self.fh.write(rendered)
        elif rendered is not None:
            self._edges.write(rendered)

    def finalize(self) -> None:
        self.fh.write("</nodes>\n" if self._nodes_open else "<nodes/>\n")
        self.fh.write("<edges>\n")
        self._edges.seek(0)
        shutil.copyfileobj(self._edges, self.fh)
        self._edges.close()
        self.fh.write("</edges>\n</graph>\n</gexf>\n")
        super().finalize()
