"""SPARQL 1.1 Protocol and Service Description: content negotiation with 406, the protocol's
RDF dataset (default-graph-uri / named-graph-uri), the service description document, and
OPTIONS - first the pieces (labourgraph.protocol), then through a running `serve`."""
from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from labourgraph import protocol
from labourgraph.store import KnowledgeGraph

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "sample-graph.trig"
SD = protocol.SD


# -- content negotiation ---------------------------------------------------------------

@pytest.mark.parametrize("accept, kind, expected", [
    (None, "solutions", "json"), ("", "graph", "turtle"), ("*/*", "graph", "turtle"),
    ("application/sparql-results+xml", "solutions", "xml"),
    ("text/csv;q=0.5, text/tab-separated-values", "solutions", "tsv"),
    ("application/sparql-results+xml;q=0.5, application/sparql-results+json", "solutions", "json"),
    ("application/ld+json", "graph", "jsonld"), ("application/rdf+xml", "graph", "rdfxml"),
    ("application/n-triples", "graph", "nt"), ("application/n-quads", "graph", "nq"),
    ("application/trig", "graph", "trig"), ("text/n3", "graph", "n3"),
    ("text/html, application/xhtml+xml, */*;q=0.8", "graph", "turtle"),
    ("application/*", "graph", "turtle"), ("text/*", "graph", "turtle"),
    ("text/html", "solutions", None), ("image/png", "graph", None),
    ("application/sparql-results+json", "graph", None), ("text/turtle", "solutions", None),
    ("text/turtle;q=0, */*", "graph", "nt"),
])
def test_negotiation_follows_accept_and_says_when_nothing_fits(accept, kind, expected):
    assert protocol.negotiate(accept, kind) == expected


# -- the protocol's dataset ------------------------------------------------------------

def test_default_and_named_graph_uris_replace_the_querys_from_clauses():
    text = "PREFIX a: <http://a/>\nSELECT * FROM a:x FROM NAMED <http://b> WHERE { ?s ?p ?o }"
    out = protocol.with_dataset(text, ["http://g1"], ["http://g2", "http://g3"])
    assert "a:x" not in out and "<http://b>" not in out
    assert "FROM <http://g1> FROM NAMED <http://g2> FROM NAMED <http://g3> WHERE {" in out
    assert protocol.with_dataset("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", ["http://g"], []) == \
        "CONSTRUCT { ?s ?p ?o } FROM <http://g> WHERE { ?s ?p ?o }"
    assert protocol.with_dataset("ASK { ?s ?p ?o }", [], []) == "ASK { ?s ?p ?o }"
    with pytest.raises(Exception, match="not an IRI"):
        protocol.with_dataset("ASK {}", ["not an iri"], [])


def test_the_dataset_changes_what_a_query_sees():
    kg = KnowledgeGraph.from_files(SAMPLE)
    first = kg.named_graphs()[0]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    from labourgraph.queries import run_local
    whole = run_local(kg, count).rows[0][0].value
    one = run_local(kg, protocol.with_dataset(count, [first], [])).rows[0][0].value
    assert int(one) == sum(1 for _ in kg.quads(first)) < int(whole)
    graphs = run_local(kg, protocol.with_dataset("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", [],
                                                  [first]))
    assert [r[0].value for r in graphs.rows] == [first]


# -- service description ---------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["turtle", "rdfxml", "jsonld"])
def test_service_description_says_what_the_spec_asks(fmt):
    kg = KnowledgeGraph.from_files(SAMPLE)
    data = protocol.service_description(kg, "http://example.org/sparql", fmt)
    parsed = KnowledgeGraph()
    from labourgraph.formats import rdf_format
    parsed.load_bytes(data, rdf_format(fmt).parser_format())
    ask = lambda q: bool(parsed.query(f"PREFIX sd: <{SD}> ASK {{ {q} }}"))  # noqa: E731
    assert ask("<http://example.org/sparql> a sd:Service ; sd:endpoint <http://example.org/sparql> ; "
               "sd:supportedLanguage sd:SPARQL11Query ; sd:feature sd:UnionDefaultGraph")
    assert ask("<http://example.org/sparql> sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, "
               "<http://www.w3.org/ns/formats/JSON-LD>, <http://www.w3.org/ns/formats/RDF_XML>")
    names = {r["g"].value for r in parsed.query(
        f"PREFIX sd: <{SD}> SELECT ?g WHERE {{ ?s sd:defaultDataset/sd:namedGraph/sd:name ?g }}")}
    assert names == set(kg.named_graphs())
