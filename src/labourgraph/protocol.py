"""The SPARQL 1.1 Protocol and Service Description parts of ``labourgraph serve``.

* :func:`negotiate` picks the response format from the ``Accept`` header, q-values and
  wildcards included, among every format :mod:`labourgraph.formats` writes (results formats
  for SELECT/ASK; Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML and N3 for CONSTRUCT,
  DESCRIBE and the service description); None means 406 Not Acceptable.
* :func:`with_dataset` applies the protocol's ``default-graph-uri`` and ``named-graph-uri``
  (SPARQL 1.1 Protocol §2.1.4): they replace the query's own ``FROM`` / ``FROM NAMED``.
* :func:`service_description` is the SPARQL 1.1 Service Description served at the
  endpoint's URL when it is asked for without a query.
"""
from __future__ import annotations

import pyoxigraph as ox

from labourgraph import formats
from labourgraph.errors import QueryError
from labourgraph.queries import QUERY_FORMS, tokenize

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: results format -> media types (the first is what the response says)
RESULT_MEDIA_TYPES = {
    "json": ("application/sparql-results+json", "application/json"),
    "xml": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
}
#: RDF format -> media types (the first is what the response says)
RDF_MEDIA_TYPES = {
    "turtle": ("text/turtle", "application/x-turtle"),
    "nt": ("application/n-triples", "text/plain"),
    "nq": ("application/n-quads",),
    "trig": ("application/trig",),
    "jsonld": ("application/ld+json", "application/json"),
    "rdfxml": ("application/rdf+xml", "application/xml", "text/xml"),
    "n3": ("text/n3",),
}
#: the W3C format IRIs of what the endpoint writes (for sd:resultFormat)
FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
               "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "nt": "N-Triples", "nq": "N-Quads",
               "trig": "TriG", "jsonld": "JSON-LD", "rdfxml": "RDF_XML", "n3": "N3"}


def content_type(fmt: str) -> str:
    """The Content-Type of a response in format ``fmt`` (results or RDF format name)."""
    media = RESULT_MEDIA_TYPES.get(fmt, RDF_MEDIA_TYPES.get(fmt, ("application/octet-stream",)))[0]
    return media + ("; charset=utf-8" if media.startswith("text/") else "")


def candidates(kind: str) -> dict[str, tuple[str, ...]]:
    """The formats a result of ``kind`` (``solutions``, ``boolean``, ``graph``) can be written in."""
    return RDF_MEDIA_TYPES if kind == "graph" else RESULT_MEDIA_TYPES


def _accept(header: str) -> list[tuple[float, int, str]]:
    """The ``Accept`` header as (q, specificity, media range), most wanted first."""
    out = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        out.append((q, specificity, i, media))
    out.sort(key=lambda t: (-t[0], -t[1], t[2]))
    return [(q, s, m) for q, s, _i, m in out]


def negotiate(accept: str | None, kind: str, default: str | None = None) -> str | None:
    """The format to answer in, or None when the ``Accept`` header allows none (HTTP 406).

    No header (or ``*/*``) gives ``default`` (JSON for rows and booleans, Turtle for graphs).
    A media type named with q=0 is refused even if a wildcard would allow it.
    """
    options = candidates(kind)
    default = default or ("turtle" if kind == "graph" else "json")
    if not accept or not accept.strip():
        return default
    ranges = _accept(accept)
    refused = {m for q, _s, m in ranges if q <= 0}
    for q, _specificity, media in ranges:
        if q <= 0:
            continue
        if media.endswith("/*"):
            major = "" if media == "*/*" else media[:-1]
            for fmt in [default, *options]:
                medias = options.get(fmt, ())
                if any(m in refused for m in medias):
                    continue
                if any(m.startswith(major) for m in medias):
                    return fmt
            continue
        for fmt, medias in options.items():
            if media in medias:
                return fmt
    return None


def acceptable_list(kind: str) -> str:
    """The media types a result of ``kind`` can be sent as, for a 406 message."""
    return ", ".join(medias[0] for medias in candidates(kind).values())


def with_dataset(text: str, default_graphs: list[str], named_graphs: list[str], source: str = "<query>") -> str:
    """``text`` with its RDF dataset set by the protocol: its ``FROM`` and ``FROM NAMED``
    clauses replaced by ``default_graphs`` and ``named_graphs`` (IRIs). Unchanged when both are
    empty. Raises :class:`QueryError` for an IRI that is not one."""
    if not default_graphs and not named_graphs:
        return text
    iris = []
    for iri in [*default_graphs, *named_graphs]:
        try:
            iris.append(str(ox.NamedNode(iri.strip())))
        except ValueError:
            raise QueryError(f"default-graph-uri / named-graph-uri {iri!r} is not an IRI", source) from None
    clauses = [f"FROM {i}" for i in iris[:len(default_graphs)]] + \
              [f"FROM NAMED {i}" for i in iris[len(default_graphs):]]
    tokens = tokenize(text)
    form = next((i for i, t in enumerate(tokens) if t.kind == "word" and t.depth == 0
                 and t.text.upper() in QUERY_FORMS), None)
    if form is None:
        raise QueryError("not a SPARQL query (SELECT, CONSTRUCT, DESCRIBE or ASK)", source)
    # drop the query's own dataset clauses: FROM [NAMED] <iri> | prefixed name, at depth 0
    cuts = []
    i = form
    while i < len(tokens):
        t = tokens[i]
        if t.kind == "word" and t.depth == 0 and t.text.upper() == "FROM":
            j = i + 1
            if j < len(tokens) and tokens[j].kind == "word" and tokens[j].text.upper() == "NAMED":
                j += 1
            if j < len(tokens):
                end = tokens[j].start + len(tokens[j].text)
                cuts.append((t.start, end))
                i = j + 1
                continue
        i += 1
    # the dataset clause goes before WHERE, or before the first top-level group
    where = next((t for t in tokens[form + 1:] if t.depth == 0 and (
        (t.kind == "word" and t.text.upper() == "WHERE") or t.kind == "open")), None)
    if tokens[form].text.upper() == "CONSTRUCT" and where is not None and where.kind == "open":
        # CONSTRUCT { template } [dataset] WHERE { ... }: the clause goes after the template
        after = next((t for t in tokens[form + 1:] if t.depth == 0 and (
            (t.kind == "word" and t.text.upper() == "WHERE") or
            (t.kind == "open" and t.start > where.start))), None)
        where = after if after is not None else where
    at = where.start if where is not None else len(text)
    out, last = [], 0
    for start, end in cuts:
        if start >= at:
            break
        out.append(text[last:start])
        last = end
    out.append(text[last:at])
    lead = "" if not out[-1] or out[-1][-1:].isspace() else " "
    out.append(lead + " ".join(clauses) + " ")
    out.append(text[at:])
    return "".join(out)


def dataset_sizes(graph) -> tuple[int, list[tuple[str, int]]]:
    """The triples of the default graph (the union, each triple once) and of each named graph."""
    return len(graph.triples()), [(name, sum(1 for _ in graph.quads(name))) for name in graph.named_graphs()]


def service_description(graph, endpoint: str, fmt: str = "turtle", limit: int | None = None,
                        sizes: tuple[int, list[tuple[str, int]]] | None = None) -> bytes:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint`` serving ``graph``
    (a :class:`~labourgraph.store.KnowledgeGraph`, or None with ``sizes`` from
    :func:`dataset_sizes`), in the RDF format ``fmt``."""
    from labourgraph.store import KnowledgeGraph

    default_triples, named_sizes = sizes if sizes is not None else dataset_sizes(graph)

    def n(iri: str) -> ox.NamedNode:
        return ox.NamedNode(iri)

    def lit(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=n("http://www.w3.org/2001/XMLSchema#integer"))

    service = n(endpoint)
    dataset = n(endpoint + "#dataset")
    default = n(endpoint + "#default-graph")
    g = ox.DefaultGraph()
    quads = [
        ox.Quad(service, n(RDF_TYPE), n(SD + "Service"), g),
        ox.Quad(service, n(SD + "endpoint"), service, g),
        ox.Quad(service, n(SD + "supportedLanguage"), n(SD + "SPARQL11Query"), g),
        ox.Quad(service, n(SD + "feature"), n(SD + "UnionDefaultGraph"), g),
        ox.Quad(service, n(SD + "defaultDataset"), dataset, g),
        ox.Quad(service, n("http://www.w3.org/2000/01/rdf-schema#comment"),
                ox.Literal("labourgraph: a read-only SPARQL 1.1 endpoint over a knowledge graph of ASEAN labour "
                           "cooperation. The default graph is the union of the named graphs, each triple once."
                           + (f" At most {limit} rows or triples per answer." if limit else "")), g),
        ox.Quad(dataset, n(RDF_TYPE), n(SD + "Dataset"), g),
        ox.Quad(dataset, n(SD + "defaultGraph"), default, g),
        ox.Quad(default, n(RDF_TYPE), n(SD + "Graph"), g),
        ox.Quad(default, n(VOID + "triples"), lit(default_triples), g),
    ]
    for name in sorted(FORMAT_IRIS.values()):
        quads.append(ox.Quad(service, n(SD + "resultFormat"), n(FORMATS_NS + name), g))
    for i, (name, size) in enumerate(named_sizes):
        named = n(f"{endpoint}#named-graph-{i + 1}")
        described = n(f"{endpoint}#graph-{i + 1}")
        quads += [ox.Quad(dataset, n(SD + "namedGraph"), named, g),
                  ox.Quad(named, n(RDF_TYPE), n(SD + "NamedGraph"), g),
                  ox.Quad(named, n(SD + "name"), n(name), g),
                  ox.Quad(named, n(SD + "graph"), described, g),
                  ox.Quad(described, n(RDF_TYPE), n(SD + "Graph"), g),
                  ox.Quad(described, n(VOID + "triples"), lit(size), g)]
    if fmt in ("turtle", "n3"):
        prefixes = {"sd": SD, "void": VOID, "formats": FORMATS_NS,
                    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#"}
        triples = sorted((q.triple for q in quads), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    kg = KnowledgeGraph()
    kg.add(quads)
    return formats.serialize(kg, fmt)


__all__ = ["dataset_sizes", "negotiate", "with_dataset", "service_description", "content_type", "candidates", "acceptable_list",
           "RESULT_MEDIA_TYPES", "RDF_MEDIA_TYPES"]
