"""``labourgraph serve``: a read-only SPARQL 1.1 Protocol endpoint, spoken to with
SPARQLWrapper, and its query page, driven in headless Chromium."""
from __future__ import annotations

import csv
import io
import json
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from labourgraph.queries import load_queries, run_local
from labourgraph.server import check_read_only, make_server, negotiate
from labourgraph.store import KnowledgeGraph

DATA = Path(__file__).resolve().parent / "data"
LIBRARY = load_queries()
LGR = "https://w3id.org/labourgraph/id/"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def sample() -> KnowledgeGraph:
    return KnowledgeGraph.from_files(DATA / "sample-graph.trig")


def start(graph, **options):
    server = make_server(graph, host="127.0.0.1", port=0, **options)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def endpoint(sample):
    server, base = start(sample, limit=500)
    yield base
    server.shutdown()
    server.server_close()


def sparql(base: str, query: str, fmt=JSON, method="POST") -> SPARQLWrapper:
    wrapper = SPARQLWrapper(base + "/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    wrapper.setMethod(method)
    return wrapper


def http(base: str, path: str, data: bytes | None = None, headers: dict | None = None, method=None):
    request = urllib.request.Request(base + path, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


# -- the protocol ----------------------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_gets_json_results_by_get_and_post(endpoint, sample, method):
    query = LIBRARY["meetings-attended-by"]
    text = query.bind()
    doc = sparql(endpoint, text, JSON, method).queryAndConvert()
    local = json.loads(run_local(sample, text).serialize("json"))
    assert doc == local and len(doc["results"]["bindings"]) == 3


def test_every_library_query_answers_as_locally(endpoint, sample):
    for name, query in LIBRARY.items():
        text = query.bind()
        doc = sparql(endpoint, text).queryAndConvert()
        assert doc == json.loads(run_local(sample, text).serialize("json")), name


def test_results_formats_by_content_negotiation(endpoint):
    text = LIBRARY["dialogue-partners"].bind()
    xml = sparql(endpoint, text, XML).query()
    assert xml.response.headers["Content-Type"] == "application/sparql-results+xml"
    assert len(xml.convert().getElementsByTagName("result")) == 3
    rows = list(csv.reader(io.StringIO(sparql(endpoint, text, CSV).queryAndConvert().decode())))
    assert rows[0][:2] == ["partner", "partnerLabel"] and len(rows) == 4
    status, headers, body = http(endpoint, "/sparql?" + urllib.parse.urlencode({"query": text}),
                                 headers={"Accept": "text/tab-separated-values"})
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.decode().splitlines()[0].startswith("?partner\t?partnerLabel")
    ask = sparql(endpoint, "ASK { ?s a <https://w3id.org/labourgraph/ns#Meeting> }").queryAndConvert()
    assert ask == {"head": {}, "boolean": True}


def test_construct_answers_turtle_or_n_triples(endpoint):
    text = "CONSTRUCT { ?m a <https://w3id.org/labourgraph/ns#Meeting> } WHERE { ?m a <https://w3id.org/labourgraph/ns#Meeting> }"
    turtle = sparql(endpoint, text, TURTLE).query()
    assert turtle.response.headers["Content-Type"].startswith("text/turtle")
    graph = ox.parse(turtle.convert(), format=ox.RdfFormat.TURTLE)
    assert len(list(graph)) == 5
    status, headers, body = http(endpoint, "/sparql", data=text.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    assert len(body.decode().splitlines()) == 5


def test_direct_post_of_a_query_body(endpoint):
    status, headers, body = http(endpoint, "/sparql", data=b"SELECT ?m WHERE { ?m a <https://w3id.org/labourgraph/ns#Meeting> } ORDER BY ?m",
                                 headers={"Content-Type": "application/sparql-query",
                                          "Accept": "application/sparql-results+json"})
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 5


@pytest.mark.parametrize("query, reason", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
    ("LOAD <file:///etc/passwd>", "read-only"),
    ("DROP ALL", "read-only"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { ?s ?p }", "syntax error"),
])
def test_updates_service_and_bad_queries_are_refused_with_400(endpoint, sample, query, reason):
    size = len(sample)
    status, _, body = http(endpoint, "/sparql", data=urllib.parse.urlencode({"query": query}).encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and reason in body.decode()
    assert len(sample) == size


def test_from_names_graphs_of_the_store_never_files(endpoint):
    query = "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"
    doc = sparql(endpoint, query).queryAndConvert()
    assert "root:" not in json.dumps(doc)         # FROM is a graph name, not a file to read
    status, _, body = http(endpoint, "/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": "file:///etc/passwd"}))
    assert status == 200 and "root:" not in body.decode()       # a graph name of the store, empty here
    assert json.loads(body)["results"]["bindings"] == []


def test_update_operations_are_refused(endpoint, sample):
    size = len(sample)
    status, _, body = http(endpoint, "/sparql", data=urllib.parse.urlencode({"update": "DROP ALL"}).encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400 and "read-only" in body.decode()
    status, _, _ = http(endpoint, "/sparql", data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert status == 400
    status, _, _ = http(endpoint, "/sparql", data=b"x", method="PUT")
    assert status == 405
    assert len(sample) == size


def test_sparqlwrapper_sees_a_bad_query_as_bad(endpoint):
    with pytest.raises(QueryBadFormed):
        sparql(endpoint, "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }").query()


def test_result_limit_cuts_rows_and_says_so(endpoint):
    status, headers, body = http(endpoint, "/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT * WHERE { ?s ?p ?o }"}), headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and headers.get("X-Labourgraph-Truncated") == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 500


def test_query_timeout_answers_503(sample):
    server, base = start(sample, timeout=0.01)
    try:
        # ~0.1 s on the sample (10x the limit); an aggregate only yields at its end
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(CONTAINS(STR(?c), STR(?f))) }"
        status, _, body = http(base, "/sparql?" + urllib.parse.urlencode({"query": heavy}))
        assert status == 503 and "timed out" in body.decode()
        time.sleep(0.5)  # the abandoned query holds its worker slot until it ends
        status, _, _ = http(base, "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))
        assert status == 200
    finally:
        server.shutdown()
        server.server_close()


def test_negotiation_and_read_only_check():
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", "solutions") == "xml"
    assert negotiate("*/*", "solutions") == "json"
    assert negotiate("application/sparql-results+json, text/turtle;q=0.9", "graph") == "turtle"
    assert check_read_only("PREFIX s: <http://x/service#> SELECT ?service WHERE { ?service s:SERVICE 'SERVICE' }") == "SELECT"


def test_library_examples_are_listed_with_defaults_bound(endpoint):
    status, _, body = http(endpoint, "/queries.json")
    library = json.loads(body)
    examples = library["queries"]
    assert library["prefixes"]["lgr"] == LGR
    assert status == 200 and {e["name"] for e in examples} == set(LIBRARY)
    first = next(e for e in examples if e["name"] == "meetings-attended-by")
    assert "VALUES" in first["query"] and first["title"]


def test_page_and_assets_are_served(endpoint):
    status, headers, body = http(endpoint, "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'<select id="example">' in body and b"/static/app.js" in body
    for asset in ("/static/app.js", "/static/style.css"):
        assert http(endpoint, asset)[0] == 200
    assert http(endpoint, "/static/../server.py")[0] == 404
    assert http(endpoint, "/nope")[0] == 404


def test_page_uses_no_outside_resources():
    static = Path(__import__("labourgraph.server", fromlist=["STATIC_DIR"]).STATIC_DIR)
    for path in static.iterdir():
        text = path.read_text()
        assert "http://" not in text and "https://" not in text, path.name


# -- the page in a browser -------------------------------------------------------------

@pytest.mark.slow
def test_page_renders_a_results_table_in_headless_chromium(endpoint, tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.goto(endpoint + "/")
            page.wait_for_selector("#example[data-loaded]")
            assert page.locator("#example option").count() == len(LIBRARY) + 1
            page.select_option("#example", "dialogue-partners")
            assert "VALUES" in page.input_value("#query")
            page.click("#run")
            page.wait_for_selector("#results-table tbody tr")
            headers = page.locator("#results-table th").all_inner_texts()
            assert headers[:2] == ["partner", "partnerLabel"]
            cells = page.locator("#results-table tbody tr td:nth-child(2)").all_inner_texts()
            assert sorted(c.split(" @")[0].strip() for c in cells) == ["China", "Japan", "Republic of Korea"]
            assert page.locator("#results-table tbody tr td:first-child").first.inner_text() == "lgr:country-cn"
            assert "3 results" in page.inner_text("#status")
            # a bad query shows the endpoint's error, not a table
            page.fill("#query", "SELECT * WHERE { ?s ?p }")
            page.click("#run")
            page.wait_for_selector("#error:not([hidden])")
            assert "syntax error" in page.inner_text("#error")
            assert errors == []
        finally:
            browser.close()
