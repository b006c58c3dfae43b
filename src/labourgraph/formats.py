"""One registry of format names for every command: RDF syntaxes and SPARQL results formats.

RDF formats take Apache Jena riot's names and aliases, case-insensitive
(``turtle``/``ttl``, ``ntriples``/``nt``/``n-triples``, ``nquads``/``nq``/``n-quads``, ``trig``,
``jsonld``/``json-ld``, ``rdfxml``/``rdf/xml``/``rdf-xml``/``rdf``/``xml``, ``n3``). Every one of
them is read and written: pyoxigraph parses and writes Turtle, TriG, N-Triples, N-Quads,
RDF/XML and N3; JSON-LD goes through rdflib (compacted with labourgraph's context).

Results formats of ``SELECT``/``ASK`` follow Jena arq: ``text`` (a table; ``table`` is kept
as an alias), ``csv``, ``tsv``, ``json``, ``xml``.

An unknown name is a one-line error that lists the accepted names::

    from labourgraph.formats import rdf_format
    rdf_format("TTL").name      # 'turtle'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from labourgraph.errors import LabourgraphError


@dataclass(frozen=True)
class RdfFormat:
    """An RDF syntax: its canonical name, riot's aliases, media type and file suffixes."""

    name: str                      # canonical name, also the exporter's name
    label: str                     # human name, as in error messages ("RDF/XML")
    aliases: tuple[str, ...]
    media_type: str
    suffixes: tuple[str, ...]      # the first is the usual one
    datasets: bool                 # keeps named graphs (TriG, N-Quads, JSON-LD)
    oxigraph: str | None           # the pyoxigraph RdfFormat attribute; None for JSON-LD (rdflib)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    def parser_format(self):
        """What :meth:`labourgraph.store.KnowledgeGraph.load_bytes` takes for this format."""
        if self.oxigraph is None:
            return "json-ld"
        import pyoxigraph as ox
        return getattr(ox.RdfFormat, self.oxigraph)


RDF_FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat("turtle", "Turtle", ("ttl",), "text/turtle", (".ttl", ".turtle"), False, "TURTLE"),
    RdfFormat("nt", "N-Triples", ("ntriples", "n-triples"), "application/n-triples", (".nt", ".ntriples"),
              False, "N_TRIPLES"),
    RdfFormat("nq", "N-Quads", ("nquads", "n-quads"), "application/n-quads", (".nq", ".nquads"), True, "N_QUADS"),
    RdfFormat("trig", "TriG", (), "application/trig", (".trig",), True, "TRIG"),
    RdfFormat("jsonld", "JSON-LD", ("json-ld",), "application/ld+json", (".jsonld", ".json"), True, None),
    RdfFormat("rdfxml", "RDF/XML", ("rdf/xml", "rdf-xml", "rdf", "xml"), "application/rdf+xml",
              (".rdf", ".owl", ".xml"), False, "RDF_XML"),
    RdfFormat("n3", "N3", (), "text/n3", (".n3",), False, "N3"),
)

#: SPARQL results formats (arq's names): name -> (media type, aliases)
RESULT_FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "text": ("text/plain", ("table",)),
    "csv": ("text/csv", ()),
    "tsv": ("text/tab-separated-values", ()),
    "json": ("application/sparql-results+json", ("srj",)),
    "xml": ("application/sparql-results+xml", ("srx",)),
}

_BY_NAME = {n: f for f in RDF_FORMATS for n in f.names}
_BY_SUFFIX = {s: f for f in RDF_FORMATS for s in f.suffixes}
_BY_MEDIA = {f.media_type: f for f in RDF_FORMATS} | {"application/x-turtle": _BY_NAME["turtle"],
                                                      "application/xml": _BY_NAME["rdfxml"],
                                                      "text/plain": _BY_NAME["nt"]}
_RESULT_BY_NAME = {n: name for name, (_m, aliases) in RESULT_FORMATS.items() for n in (name, *aliases)}


class FormatError(LabourgraphError):
    """An unknown format name, or a format that does not fit the data."""


def _key(name: str) -> str:
    return name.strip().lower().replace("_", "-")


def rdf_names() -> str:
    """``turtle (ttl), nt (ntriples, n-triples), ...``: the accepted RDF format names."""
    return ", ".join(f"{f.name} ({', '.join(f.aliases)})" if f.aliases else f.name for f in RDF_FORMATS)


def result_names() -> str:
    """``text (table), csv, tsv, json, xml``: the accepted results format names."""
    return ", ".join(f"{n} ({', '.join(a)})" if a else n for n, (_m, a) in RESULT_FORMATS.items())


def find_rdf_format(name: str) -> RdfFormat | None:
    """The RDF format called ``name`` (any alias, any case), or None."""
    return _BY_NAME.get(_key(name))


def rdf_format(name: str, source: str | None = None) -> RdfFormat:
    """The RDF format called ``name``; :class:`FormatError` (one line, the names) if unknown."""
    found = find_rdf_format(name)
    if found is None:
        raise FormatError(f"unknown RDF format {name!r}; use one of: {rdf_names()}", source)
    return found


def find_result_format(name: str) -> str | None:
    """The canonical results format name (``text``, ``csv``, ``tsv``, ``json``, ``xml``), or None."""
    return _RESULT_BY_NAME.get(_key(name))


def result_format(name: str) -> str:
    """The canonical results format called ``name``; :class:`FormatError` if unknown."""
    found = find_result_format(name)
    if found is None:
        raise FormatError(f"unknown results format {name!r}; use one of: {result_names()}")
    return found


def rdf_format_for_suffix(path: str | Path) -> RdfFormat | None:
    """The RDF format a file name suggests (``x.rdf`` -> RDF/XML), or None."""
    return _BY_SUFFIX.get(Path(str(path)).suffix.lower())


def rdf_format_for_media_type(media_type: str) -> RdfFormat | None:
    """The RDF format of a media type (parameters ignored), or None."""
    return _BY_MEDIA.get(media_type.split(";")[0].strip().lower())


# -- sniffing --------------------------------------------------------------------------

_NQ_LINE = re.compile(r'^\s*(?:<[^>\s]*>|_:\S+)\s+<[^>\s]*>\s+(?:<[^>\s]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[\w-]+|\^\^<[^>\s]*>)?)'
                      r'(\s+(?:<[^>\s]*>|_:\S+))?\s*\.\s*(?:#.*)?$')
_STRINGS_AND_IRIS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^>\s]*>|#[^\n]*')


def sniff(data: bytes) -> RdfFormat | None:
    """Guess the RDF format of ``data`` where that is unambiguous, else None.

    JSON (``{`` or ``[`` first) is JSON-LD; ``<?xml`` or ``<rdf:RDF`` is RDF/XML; lines that
    are all N-Triples/N-Quads statements are N-Quads (which reads N-Triples too); Turtle-like
    text with a graph block ``{ }`` is TriG, without one Turtle (a TriG parser reads both).
    """
    text = data[:1_000_000].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if not text:
        return None
    if text[0] == "{" or re.match(r"\[\s*(?:\{|\]\s*$)", text):
        return _BY_NAME["jsonld"]             # ("[ a ex:C ] ." is Turtle: a blank node)
    if text.startswith("<?xml") or re.match(r"<(?:rdf:)?RDF\b", text):
        return _BY_NAME["rdfxml"]
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if lines and all(_NQ_LINE.match(ln) for ln in lines):
        return _BY_NAME["nq"]
    bare = _STRINGS_AND_IRIS.sub(" ", text)
    if re.search(r"@prefix|@base|\bPREFIX\b|\bBASE\b|[;,]|\ba\b|\.\s*$|\[", bare, re.I | re.M) is None and "{" not in bare:
        return None
    if "{" in bare:
        return _BY_NAME["trig"]
    return _BY_NAME["turtle"]


# -- reading and writing ---------------------------------------------------------------

def parse_bytes(kg, data: bytes, fmt: RdfFormat | str | None, source: str) -> RdfFormat:
    """Add RDF ``data`` to the :class:`~labourgraph.store.KnowledgeGraph` ``kg``.

    ``fmt`` is a format or its name; None sniffs it (:func:`sniff`), and a format that cannot
    be told is a one-line error asking for ``--syntax``. Returns the format used.
    """
    from labourgraph.errors import RdfSyntaxError

    if isinstance(fmt, str):
        fmt = rdf_format(fmt, source)
    if not data.strip():
        raise RdfSyntaxError("no data (empty input)", source)
    if fmt is None:
        fmt = sniff(data)
        if fmt is None:
            raise RdfSyntaxError("cannot tell the RDF format of this input; give it with --syntax "
                                 f"({', '.join(f.name for f in RDF_FORMATS)})", source)
    kg.load_bytes(data, fmt.parser_format(), source=source)
    return fmt


def serialize(kg, fmt: RdfFormat | str) -> bytes:
    """``kg`` written in an RDF format, deterministically (the same graph, the same bytes).

    Turtle, N-Triples and N-Triples-like formats hold the union of the graphs; TriG, N-Quads
    and JSON-LD keep the named graphs. RDF/XML and N3 hold the union, sorted.
    """
    if isinstance(fmt, str):
        fmt = rdf_format(fmt)
    if fmt.name in ("turtle", "nt", "nq", "trig"):
        return kg.serialize(fmt.name)
    if fmt.name == "jsonld":
        from labourgraph.export.rdf import to_jsonld
        return to_jsonld(kg)
    return _sorted_triples(kg, fmt)


def serialize_triples(triples, fmt: RdfFormat | str) -> bytes:
    """Triples (or quads, graphs dropped) in ``fmt``, as :func:`serialize` writes them."""
    import pyoxigraph as ox

    from labourgraph.store import KnowledgeGraph

    kg = KnowledgeGraph()
    kg.add(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    return serialize(kg, fmt)


def _sorted_triples(kg, fmt: RdfFormat) -> bytes:
    import pyoxigraph as ox

    from labourgraph.namespaces import PREFIXES

    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    triples = sorted({q.triple for q in kg.quads()},
                     key=lambda t: (str(t.subject), t.predicate.value != rdf_type, str(t.predicate), str(t.object)))
    prefixes = {p: str(ns) for p, ns in sorted(PREFIXES.items())}
    out = ox.serialize(triples, format=getattr(ox.RdfFormat, fmt.oxigraph), prefixes=prefixes)
    return out if out.endswith(b"\n") else out + b"\n"


__all__ = ["RdfFormat", "RDF_FORMATS", "RESULT_FORMATS", "FormatError", "rdf_format", "find_rdf_format",
           "result_format", "find_result_format", "rdf_format_for_suffix", "rdf_format_for_media_type",
           "rdf_names", "result_names", "sniff", "parse_bytes", "serialize", "serialize_triples"]
