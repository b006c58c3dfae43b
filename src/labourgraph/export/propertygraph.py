"""GraphML and GEXF: the property-graph view (:mod:`labourgraph.export.view`) written by networkx.

GraphML nodes carry ``label``, ``type``, ``iri``, ``color`` (``#rrggbb``), ``r``/``g``/``b``
and ``size``, which Gephi reads as colour and size on import and Cytoscape can map; they also
carry yFiles graphics (shape, fill, label, a seeded layout), which yEd draws on first open.
GEXF nodes carry the same as ``viz:color``, ``viz:size`` and ``viz:position``. Both files are byte-identical for
the same graph: nodes and edges are inserted sorted, and GEXF's date stamp is dropped.
"""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import networkx as nx

from labourgraph.export.view import ExportOptions, build_view, layout

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
Y_NS = "http://www.yworks.com/xml/graphml"
YED_SHAPES = {"Person": "ellipse", "Organization": "roundrectangle", "Country": "octagon", "Place": "trapezoid",
              "Meeting": "hexagon", "MeetingSeries": "diamond", "Programme": "parallelogram",
              "Document": "rectangle", "EventTheme": "rectangle", "Theme": "ellipse"}


def to_graphml(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """The view as GraphML; edge ids are ``e1``, ``e2`` ... in sorted order; nodes carry a
    seeded layout as ``x``/``y`` (which Gephi reads) and as yFiles geometry (which yEd reads)."""
    graph = build_view(kg, options)
    positions = layout(graph)
    for node, (x, y) in positions.items():
        graph.nodes[node]["x"], graph.nodes[node]["y"] = float(x), float(y)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return _add_yfiles(buffer.getvalue(), graph, positions)


def _add_yfiles(data: bytes, graph: nx.MultiDiGraph, positions: dict[str, tuple[float, float]]) -> bytes:
    """Add yEd's node and edge graphics (yFiles GraphML extension) to networkx's GraphML."""
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("y", Y_NS)
    root = ET.fromstring(data)
    g, y = f"{{{GRAPHML_NS}}}", f"{{{Y_NS}}}"
    root.insert(0, ET.Element(f"{g}key", {"for": "node", "id": "yfiles_node", "yfiles.type": "nodegraphics"}))
    root.insert(1, ET.Element(f"{g}key", {"for": "edge", "id": "yfiles_edge", "yfiles.type": "edgegraphics"}))
    graph_element = root.find(f"{g}graph")
    for node in graph_element.findall(f"{g}node"):
        attrs = graph.nodes[node.get("id")]
        side = f"{float(attrs['size']) * 1.5:.1f}"
        x, yy = positions[node.get("id")]
        data_el = ET.SubElement(node, f"{g}data", {"key": "yfiles_node"})
        shape = ET.SubElement(data_el, f"{y}ShapeNode")
        ET.SubElement(shape, f"{y}Geometry", {"height": side, "width": side, "x": f"{x:.1f}", "y": f"{yy:.1f}"})
        ET.SubElement(shape, f"{y}Fill", {"color": attrs["color"].upper(), "transparent": "false"})
        ET.SubElement(shape, f"{y}BorderStyle", {"color": "#555555", "type": "line", "width": "1.0"})
        label = ET.SubElement(shape, f"{y}NodeLabel", {"modelName": "sides", "modelPosition": "s", "fontSize": "11"})
        label.text = attrs["label"]
        ET.SubElement(shape, f"{y}Shape", {"type": YED_SHAPES.get(attrs["type"], "rectangle")})
    for edge in graph_element.findall(f"{g}edge"):
        attrs = graph.edges[edge.get("source"), edge.get("target"), edge.get("id")]
        data_el = ET.SubElement(edge, f"{g}data", {"key": "yfiles_edge"})
        line = ET.SubElement(data_el, f"{y}PolyLineEdge")
        ET.SubElement(line, f"{y}LineStyle", {"color": "#888888", "type": "line", "width": "1.0"})
        ET.SubElement(line, f"{y}Arrows", {"source": "none", "target": "standard"})
        label = ET.SubElement(line, f"{y}EdgeLabel", {"fontSize": "9", "textColor": "#555555"})
        label.text = attrs["label"]
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def to_gexf(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """The view as GEXF 1.2, with ``viz:color`` and ``viz:size`` by node type."""
    view = build_view(kg, options)
    positions = layout(view)
    graph = nx.MultiDiGraph()
    for node, data in view.nodes(data=True):
        attrs = dict(data)
        x, y = positions[node]
        attrs["viz"] = {"color": {"r": attrs["r"], "g": attrs["g"], "b": attrs["b"], "a": 1.0},
                        "size": attrs["size"], "position": {"x": x, "y": -y, "z": 0.0}}
        graph.add_node(node, **attrs)
    for u, v, key, data in view.edges(keys=True, data=True):
        graph.add_edge(u, v, key=key, id=key, **data)
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    # networkx stamps today's date into <meta>; drop it so the output depends on the graph only
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue(), count=1)


__all__ = ["to_graphml", "to_gexf"]
