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
    assert data == protocol.service_description(None, "http://example.org/sparql", fmt,
                                                sizes=protocol.dataset_sizes(kg))
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


# -- through a running endpoint --------------------------------------------------------

@pytest.fixture(scope="module")
def endpoint():
    from labourgraph.server import make_server
    server = make_server(KnowledgeGraph.from_files(SAMPLE), host="127.0.0.1", port=0, workers=1)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def http(base, path, data=None, headers=None, method=None):
    request = urllib.request.Request(base + path, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def get(base, query, accept=None, **params):
    url = "/sparql?" + urllib.parse.urlencode({"query": query, **params}, doseq=True)
    return http(base, url, headers={"Accept": accept} if accept else {})


CONSTRUCT = "CONSTRUCT { ?m a <https://w3id.org/labourgraph/ns#Meeting> } WHERE { ?m a <https://w3id.org/labourgraph/ns#Meeting> }"


def test_options_answers_with_the_allowed_methods(endpoint):
    status, headers, body = http(endpoint, "/sparql", method="OPTIONS")
    assert status == 204 and body == b""
    assert {m.strip() for m in headers["Allow"].split(",")} >= {"GET", "POST", "OPTIONS"}


@pytest.mark.parametrize("accept, content_type, ox_format", [
    ("application/ld+json", "application/ld+json", "JSON_LD"),
    ("application/rdf+xml", "application/rdf+xml", "RDF_XML"),
    ("application/n-quads", "application/n-quads", "N_QUADS"),
    ("text/turtle;q=0.2, application/rdf+xml;q=0.9", "application/rdf+xml", "RDF_XML"),
])
def test_construct_answers_in_the_rdf_format_asked_for(endpoint, accept, content_type, ox_format):
    status, headers, body = get(endpoint, CONSTRUCT, accept)
    assert status == 200 and headers["Content-Type"].startswith(content_type)
    triples = list(ox.parse(body, format=getattr(ox.RdfFormat, ox_format)))
    assert len(triples) == 5


def test_format_parameter_takes_any_format_name(endpoint):
    status, headers, body = get(endpoint, CONSTRUCT, format="JSON-LD")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    assert get(endpoint, CONSTRUCT, format="rdf/xml")[1]["Content-Type"].startswith("application/rdf+xml")
    assert get(endpoint, "ASK {}", format="csv")[2].strip() == b"true"
    status, _, body = get(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", format="turtle")
    assert status == 406


@pytest.mark.parametrize("query, accept", [
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/html"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/turtle"),
    (CONSTRUCT, "application/sparql-results+json"),
    ("ASK {}", "image/png"),
    (CONSTRUCT, "text/turtle;q=0, application/n-triples;q=0"),
])
def test_406_when_the_accept_header_allows_nothing_the_answer_can_be(endpoint, query, accept):
    status, headers, body = get(endpoint, query, accept)
    assert status == 406, body
    assert "Accept header allows none" in body.decode()


def test_wildcards_and_q_values(endpoint):
    assert get(endpoint, CONSTRUCT, "*/*")[1]["Content-Type"].startswith("text/turtle")
    assert get(endpoint, "ASK {}", "*/*")[1]["Content-Type"].startswith("application/sparql-results+json")
    assert get(endpoint, CONSTRUCT, "text/turtle;q=0, */*")[1]["Content-Type"].startswith("application/n-triples")


def test_service_description_at_the_endpoint_url(endpoint):
    for accept, ox_format in [(None, "TURTLE"), ("text/turtle", "TURTLE"), ("application/rdf+xml", "RDF_XML"),
                              ("application/ld+json", "JSON_LD")]:
        status, headers, body = http(endpoint, "/sparql", headers={"Accept": accept} if accept else {})
        assert status == 200, accept
        triples = [q.triple for q in ox.parse(body, format=getattr(ox.RdfFormat, ox_format))]
        service = ox.NamedNode(endpoint + "/sparql")
        assert ox.Triple(service, ox.NamedNode(protocol.RDF_TYPE), ox.NamedNode(SD + "Service")) in triples
        assert ox.Triple(service, ox.NamedNode(SD + "endpoint"), service) in triples
    status, headers, _ = http(endpoint, "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")       # a browser gets the page
    assert http(endpoint, "/sparql", headers={"Accept": "image/png"})[0] == 406


def test_default_graph_uri_and_named_graph_uri_are_honoured(endpoint):
    kg = KnowledgeGraph.from_files(SAMPLE)
    first, second = kg.named_graphs()[:2]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    n = lambda body: int(json.loads(body)["results"]["bindings"][0]["n"]["value"])  # noqa: E731
    whole = n(get(endpoint, count)[2])
    one = n(get(endpoint, count, **{"default-graph-uri": first})[2])
    both = n(get(endpoint, count, **{"default-graph-uri": [first, second]})[2])
    assert one == sum(1 for _ in kg.quads(first)) < both <= whole
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    status, _, body = get(endpoint, graphs, **{"named-graph-uri": second})
    assert status == 200
    assert [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]] == [second]
    # by POST too, in the form
    status, _, body = http(endpoint, "/sparql", data=urllib.parse.urlencode(
        {"query": count, "default-graph-uri": first}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and n(body) == one
    # and in the URL of a direct POST
    status, _, body = http(endpoint, "/sparql?" + urllib.parse.urlencode({"default-graph-uri": first}),
                           data=count.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 200 and n(body) == one


def test_a_bad_graph_uri_is_400(endpoint):
    status, _, body = get(endpoint, "ASK {}", **{"default-graph-uri": "not an iri"})
    assert status == 400 and "not an IRI" in body.decode()


def test_a_syntax_error_is_said_in_plain_words_with_a_caret(endpoint):
    status, _, body = get(endpoint, "SELECT * WHERE { ?s foo:bar ?o }")
    assert status == 400
    assert body.decode().splitlines() == [
        '<query>:1:21: SPARQL syntax error: unknown prefix "foo:" (declare it: PREFIX foo: <...>)',
        "  SELECT * WHERE { ?s foo:bar ?o }", "                      ^"]
