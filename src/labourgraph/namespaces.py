"""Namespaces used by labourgraph, and the prefixes bound in every graph it writes."""
from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD

from labourgraph.records import slug  # noqa: F401  (re-exported: IRIs are built from it)

LG = Namespace("https://w3id.org/labourgraph/ns#")
LGR = Namespace("https://w3id.org/labourgraph/id/")
LGC = Namespace("https://w3id.org/labourgraph/concept/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, Namespace] = {
    "lg": LG, "lgr": LGR, "lgc": LGC,
    "org": ORG, "prov": PROV, "skos": SKOS, "schema": SCHEMA, "time": TIME,
    "dcterms": DCTERMS, "dcat": DCAT, "foaf": FOAF, "oa": OA, "wd": WD,
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "sh": SH,
}

__all__ = ["LG", "LGR", "LGC", "SCHEMA", "OA", "WD", "ORG", "PROV", "SKOS", "TIME", "DCTERMS",
           "DCAT", "FOAF", "RDF", "RDFS", "OWL", "XSD", "SH", "PREFIXES", "bind_prefixes", "slug",
           "sparql_prologue"]


def bind_prefixes(graph: Graph) -> Graph:
    """Bind labourgraph's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """``PREFIX`` lines for every namespace in :data:`PREFIXES`."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


