"""GraphML: entities as nodes, facts as directed edges with their time as attributes
(``start``, ``end``, ``precision``), written as the records stream (GraphML allows edges
before the nodes they join)."""

from __future__ import annotations

from typing import Any, TextIO

from allegiance.export.base import Exporter, Renderer
from allegiance.export.graph_attrs import (
    EDGE_KEYS, NODE_KEYS, edge_values, is_edge, node_values, xml_attr, xml_text,
    xml_value,
)

NS = "http://graphml.graphdrawing.org/xmlns"


def _data(key: str, value: Any) -> str:
    return f'<data key="{key}">{xml_text(xml_value(value))}</data>'


class GraphmlRenderer(Renderer):
    """A node's or an edge's element (``None`` for a fact with one end)."""

    def render(self, kind: str, record: dict[str, Any]) -> Any:
        if kind == "entities":
            parts = [_data("label", record["name"])]
            parts += [_data(f"n_{k}", v) for k, v in node_values(record).items() if v is not None]
            return f'<node id={xml_attr(record["id"])}>{"".join(parts)}</node>\n'
        if is_edge(record):
            parts = [_data(f"e_{k}", v) for k, v in edge_values(record).items() if v is not None]
            return (f'<edge id={xml_attr(record["id"])} source={xml_attr(record["subject_id"])} '
                    f'target={xml_attr(record["object_id"])}>{"".join(parts)}</edge>\n')
        return None


_RENDERER = GraphmlRenderer()


class GraphmlExporter(Exporter):
    """Writes one GraphML graph (directed, parallel edges allowed)."""

    kinds = ("facts", "entities")

    def __init__(self, fh: TextIO) -> None:
        super().__init__(fh)
        fh.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="{NS}">\n')
        fh.write('<key id="label" for="node" attr.name="label" attr.type="string"/>\n')
        for name, kind in NODE_KEYS:
            fh.write(f'<key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n')
        for name, kind in EDGE_KEYS:
            fh.write(f'<key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n')
        fh.write('<graph id="allegiance" edgedefault="directed">\n')

    renderer = _RENDERER

    def write(self, kind: str, record: dict[str, Any]) -> None:
        self.put(kind, _RENDERER.render(kind, record))

    def put(self, kind: str, rendered: Any) -> None:
        if rendered is not None:
            self.fh.write(rendered)

    def finalize(self) -> None:
        self.fh.write("</graph>\n</graphml>\n")
        super().finalize()
