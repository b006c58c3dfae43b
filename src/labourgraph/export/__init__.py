"""Exports of the knowledge graph: RDF for other stores, property graphs and pictures for people.

A small registry maps a format name to a function ``(kg, options) -> bytes``::

    from labourgraph.export import export, ExportOptions
    data = export(kg, "graphml", ExportOptions(lang="id"))

Every exporter is deterministic: the same graph and options give the same bytes.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from labourgraph.errors import ExportError
from labourgraph.export.view import LANGUAGES, VIEWS, ExportOptions
from labourgraph.store import write_atomically


def _lazy(module: str, name: str) -> Callable[..., bytes]:
    def run(kg, options: ExportOptions) -> bytes:
        from importlib import import_module
        return getattr(import_module(f"labourgraph.export.{module}"), name)(kg, options)
    run.__name__ = name
    return run


#: format name -> exporter ``(kg, options) -> bytes``
EXPORTERS: dict[str, Callable[..., bytes]] = {
    "turtle": _lazy("rdf", "to_turtle"),
    "nt": _lazy("rdf", "to_nt"),
    "nq": _lazy("rdf", "to_nq"),
    "trig": _lazy("rdf", "to_trig"),
    "jsonld": _lazy("rdf", "to_jsonld"),
    "rdfxml": _lazy("rdf", "to_rdfxml"),
    "n3": _lazy("rdf", "to_n3"),
    "graphml": _lazy("propertygraph", "to_graphml"),
    "gexf": _lazy("propertygraph", "to_gexf"),
    "html": _lazy("html", "to_html"),
    "svg": _lazy("svg", "to_svg"),
}

#: the usual file suffix of each format
SUFFIXES = {"turtle": ".ttl", "nt": ".nt", "nq": ".nq", "trig": ".trig", "jsonld": ".jsonld",
            "rdfxml": ".rdf", "n3": ".n3", "graphml": ".graphml", "gexf": ".gexf", "html": ".html", "svg": ".svg"}


def format_for_suffix(path: str | Path) -> str:
    """The export format a file name asks for (``g.graphml`` -> ``graphml``)."""
    suffix = Path(path).suffix.lower()
    by_suffix = {v: k for k, v in SUFFIXES.items()} | {".json": "jsonld", ".turtle": "turtle", ".htm": "html",
                                                          ".owl": "rdfxml", ".xml": "rdfxml"}
    if suffix not in by_suffix:
        raise ExportError(f"cannot tell the export format from {suffix or 'no suffix'!r}; use --format", path)
    return by_suffix[suffix]


def export(kg, fmt: str, options: ExportOptions | None = None) -> bytes:
    """The bytes of ``kg`` in format ``fmt`` (one of :data:`EXPORTERS`)."""
    options = options or ExportOptions()
    if fmt not in EXPORTERS:
        from labourgraph.formats import find_rdf_format
        rdf = find_rdf_format(fmt)
        fmt = rdf.name if rdf is not None else fmt
    if fmt not in EXPORTERS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORTERS)}")
    if options.lang not in LANGUAGES:
        raise ExportError(f"unknown label language {options.lang!r}; use one of {', '.join(LANGUAGES)}")
    if options.view not in VIEWS:
        raise ExportError(f"unknown view {options.view!r}; use one of {', '.join(VIEWS)}")
    return EXPORTERS[fmt](kg, options)


def export_to_file(kg, fmt: str, path: str | Path, options: ExportOptions | None = None) -> Path:
    """Write the export to ``path`` atomically (nothing is written if the export fails)."""
    return write_atomically(path, export(kg, fmt, options))


__all__ = ["EXPORTERS", "SUFFIXES", "ExportOptions", "export", "export_to_file", "format_for_suffix"]
