"""RDF exports: canonical Turtle, TriG, N-Triples and N-Quads, and deterministic JSON-LD.

Turtle and N-Triples hold the union of the graphs; TriG, N-Quads and JSON-LD keep the
per-article named graphs. JSON-LD is compacted with the context shipped in
``ontology/context.jsonld`` (embedded in the output, so the file stands alone), then
written with sorted keys and sorted nodes and values, so the same graph gives the same bytes.
"""
from __future__ import annotations

import json
from typing import Any

from labourgraph.errors import ExportError
from labourgraph.export.view import ExportOptions
from labourgraph.namespaces import PREFIXES

CONTEXT_NAME = "context.jsonld"


def to_turtle(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """Canonical Turtle of the union of all graphs (sorted, prefixes for the vocabularies used)."""
    return kg.serialize("turtle")


def to_trig(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """Canonical TriG: the default graph, then one block per named graph, sorted."""
    return kg.serialize("trig")


def to_nt(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """Sorted N-Triples of the union of all graphs."""
    return kg.serialize("nt")


def to_nq(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """Sorted N-Quads, named graphs kept."""
    return kg.serialize("nq")


def to_rdfxml(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """RDF/XML of the union of all graphs, sorted (pyoxigraph's writer)."""
    from labourgraph.formats import serialize
    return serialize(kg, "rdfxml")


def to_n3(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """N3 of the union of all graphs, sorted (the Turtle subset of N3)."""
    from labourgraph.formats import serialize
    return serialize(kg, "n3")


def jsonld_context() -> dict[str, Any]:
    """The ``@context`` object of ``ontology/context.jsonld`` (the prefixes, if the file is absent)."""
    from labourgraph.resources import ontology_dir

    try:
        path = ontology_dir() / CONTEXT_NAME
    except FileNotFoundError:
        path = None
    if path is None or not path.is_file():
        return {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ExportError(f"cannot read the JSON-LD context: {err}", path) from None
    context = data.get("@context") if isinstance(data, dict) else None
    if not isinstance(context, dict):
        raise ExportError("the JSON-LD context file has no '@context' object", path)
    return context


def to_jsonld(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """JSON-LD of the dataset (named graphs kept), compacted with the shipped context, sorted."""
    context = jsonld_context()
    dataset = kg.to_rdflib()
    text = dataset.serialize(format="json-ld", context=context, auto_compact=False)
    data = json.loads(text)
    if not isinstance(data, dict):
        data = {"@graph": data}
    # rdflib wraps the default graph in an anonymous graph object, which other processors
    # read as a blank-node-named graph: lift its nodes to the top level instead
    top = []
    for item in data.get("@graph", []):
        if isinstance(item, dict) and set(item) == {"@graph"}:
            top.extend(item["@graph"])
        else:
            top.append(item)
    data = {"@context": context, "@graph": top}
    return (json.dumps(_canonical(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _canonical(value: Any) -> Any:
    """Sort every JSON array (JSON-LD arrays here are sets: no ``@list`` is written) by its canonical text."""
    if isinstance(value, dict):
        return {key: value[key] if key == "@context" else _canonical(value[key]) for key in value}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


__all__ = ["to_turtle", "to_trig", "to_nt", "to_nq", "to_jsonld", "to_rdfxml", "to_n3", "jsonld_context"]
