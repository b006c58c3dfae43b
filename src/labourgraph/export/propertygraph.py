"""GraphML and GEXF: the property-graph view (:mod:`labourgraph.export.view`) written by networkx.

GraphML nodes carry ``label``, ``type``, ``iri``, ``color`` (``#rrggbb``), ``r``/``g``/``b``
and ``size``, which Gephi reads as colour and size on import and Cytoscape and yEd can map;
GEXF nodes carry the same as ``viz:color`` and ``viz:size``. Both files are byte-identical for
the same graph: nodes and edges are inserted sorted, and GEXF's date stamp is dropped.
"""
from __future__ import annotations

import io
import re

import networkx as nx

from labourgraph.export.view import ExportOptions, build_view


def to_graphml(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """The view as GraphML; edge ids are ``e1``, ``e2`` ... in sorted order."""
    graph = build_view(kg, options)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def to_gexf(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """The view as GEXF 1.2, with ``viz:color`` and ``viz:size`` by node type."""
    view = build_view(kg, options)
    graph = nx.MultiDiGraph()
    for node, data in view.nodes(data=True):
        attrs = dict(data)
        attrs["viz"] = {"color": {"r": attrs["r"], "g": attrs["g"], "b": attrs["b"], "a": 1.0},
                        "size": attrs["size"]}
        graph.add_node(node, **attrs)
    for u, v, key, data in view.edges(keys=True, data=True):
        graph.add_edge(u, v, key=key, id=key, **data)
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    # networkx stamps today's date into <meta>; drop it so the output depends on the graph only
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue(), count=1)


__all__ = ["to_graphml", "to_gexf"]
