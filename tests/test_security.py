"""Issue 11, failures 1-7: SSRF and outbound requests, links and template injection in the HTML
export, queries that never end or eat the memory, and malformed HTTP. Every network test stays
on 127.0.0.1; servers started here stop at the end of their test."""
from __future__ import annotations

import http.server
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from labourgraph.cli import cli
from labourgraph.errors import QueryError
from labourgraph.export import export
from labourgraph.export.html import web_url
from labourgraph.queries import load_queries, run_local
from labourgraph.server import make_server
from labourgraph.sparql_policy import check_query
from labourgraph.store import KnowledgeGraph

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "sample-graph.trig"
LGR = "https://w3id.org/labourgraph/id/"
SCHEMA = "https://schema.org/"
COUNT_CROSS = "SELECT (COUNT(*) AS ?n) {?a ?b ?c . ?d ?e ?f . ?g ?h ?i}"
# the ORDER BY over a cross product; three patterns, as the sample graph is small
SORT_CROSS = "SELECT * {?a ?b ?c . ?d ?e ?f . ?g ?h ?i} ORDER BY ?a ?f ?i LIMIT 1"


# -- helpers -----------------------------------------------------------------------------

class Recorder:
    """A 127.0.0.1 HTTP server that records every connection made to it (and answers a JSON-LD
    context, so a fetch that is allowed succeeds)."""

    def __init__(self):
        self.requests: list[str] = []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self):
                recorder.requests.append(f"{self.command} {self.path}")
                body = json.dumps({"@context": {"name": "https://schema.org/name"}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder():
    with Recorder() as rec:
        yield rec


@pytest.fixture(scope="module")
def sample() -> KnowledgeGraph:
    return KnowledgeGraph.from_files(SAMPLE)


def start(graph, **options):
    server = make_server(graph, host="127.0.0.1", port=0, **options)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    return server, server.server_address[1]


@pytest.fixture(scope="module")
def served(sample):
    """A server with small limits, shared by the tests that do not break it on purpose."""
    server, port = start(sample, timeout=2.0, workers=2, memory_mb=256, idle_timeout=1.0)
    yield port
    server.shutdown()
    server.server_close()


def raw(port: int, data: bytes, wait: float = 5.0) -> bytes:
    """Send raw bytes, read until the server closes the connection (or ``wait`` passes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        out = b""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            out += chunk
        return out


def get(port: int, query: str, headers: dict | None = None, timeout: float = 30.0):
    """(status, headers, body) of GET /sparql?query=..."""
    import urllib.error
    import urllib.request
    url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def statuses(response: bytes) -> list[int]:
    return [int(m) for m in re.findall(rb"HTTP/1\.[01] (\d{3}) ", response)]


# -- 1. SSRF through serve -----------------------------------------------------------------

def ssrf_queries(url: str) -> list[str]:
    return [
        f"SELECT * {{ #x\rSERVICE <{url}/x> {{ ?s ?p ?o }} }}",                  # the repro
        f"SELECT * {{ ?s ?p ?o #x\rSERVICE <{url}/x> {{ ?s ?p ?o }} \n }}",      # valid for rdflib as a comment
        f"SELECT * {{ \\u0053ERVICE <{url}/x> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ sErViCe SILENT <{url}/x> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ {{ SELECT * {{ SERVICE <{url}/x> {{ ?s ?p ?o }} }} }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{url}/x> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ SERVICE <{url}/x> {{ ?s ?p }} }}",                          # a syntax error too
    ]


def test_service_is_refused_by_serve_however_it_is_hidden(served, recorder):
    for query in ssrf_queries(recorder.url):
        status, headers, body = get(served, query)
        assert status == 400, (query, body)
        assert "Access-Control-Allow-Origin" not in headers
    # an escape read as SPARQL 1.1 section 19.2 says (expanded before parsing) ends the string,
    # so the rest of the line is a comment for rdflib and for Oxigraph alike: it runs, calling nothing
    escaped = f'SELECT * {{ ?s ?p "\\u0022 #" . SERVICE <{recorder.url}/x> {{ ?s ?p ?o }} \n }}'
    assert get(served, escaped)[0] == 200
    time.sleep(0.2)
    assert recorder.requests == []


def test_the_policy_decides_on_the_parse_not_the_text(recorder):
    # a variable, an IRI and a string named SERVICE are no SERVICE call
    assert not check_query("PREFIX s: <http://x/service#> SELECT ?service WHERE { ?service s:SERVICE 'SERVICE' }"
                           ).uses_service
    for query in ssrf_queries(recorder.url)[:-1]:
        if "\\u0053" in query:
            continue
        with pytest.raises(QueryError, match="SERVICE is refused"):
            check_query(query)
    assert check_query(ssrf_queries(recorder.url)[1], allow_service=True).text.count("\r") == 0
    # an escaped keyword: Oxigraph expands escapes only in strings and IRIs, so for the engine
    # that runs the query it is no keyword but a syntax error
    escaped = f"SELECT * {{ \\u0053ERVICE <{recorder.url}/x> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError, match="syntax error"):
        run_local(KnowledgeGraph(), escaped)
    assert recorder.requests == []


def test_cors_is_off_unless_one_origin_is_given(sample, served):
    status, headers, _ = get(served, "ASK {}", {"Origin": "https://evil.example"})
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    server, port = start(sample, workers=1, cors="https://app.example")
    try:
        _, headers, _ = get(port, "ASK {}", {"Origin": "https://app.example"})
        assert headers["Access-Control-Allow-Origin"] == "https://app.example"
        _, headers, _ = get(port, "ASK {}", {"Origin": "https://evil.example"})
        assert "Access-Control-Allow-Origin" not in headers
        preflight = raw(port, b"OPTIONS /sparql HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n"
                              b"Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n")
        assert statuses(preflight) == [204]
        assert b"Access-Control-Allow-Origin: https://app.example" in preflight
        assert b"Access-Control-Allow-Methods:" in preflight
    finally:
        server.shutdown()
        server.server_close()


def test_serve_refuses_a_cors_value_that_is_not_an_origin():
    result = CliRunner().invoke(cli, ["serve", "--data", str(SAMPLE), "--cors", "*"])
    assert result.exit_code == 2 and "not an origin" in result.output


# -- 2. local commands make no outbound request --------------------------------------------

def test_local_query_does_not_call_a_service(recorder):
    query = f"SELECT * {{ SERVICE <{recorder.url}/x> {{ ?s ?p ?o }} }}"
    result = CliRunner().invoke(cli, ["query", "--data", str(SAMPLE), "-e", query])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "SERVICE is refused" in result.output and "--allow-remote" in result.output
    hidden = f"SELECT * {{ ?s ?p ?o #x\rSERVICE <{recorder.url}/x> {{ ?s ?p ?o }} \n }}"
    result = CliRunner().invoke(cli, ["query", "--data", str(SAMPLE), "-e", hidden])
    assert result.exit_code == 2 and "SERVICE is refused" in result.output
    for update in (f"LOAD <{recorder.url}/data.ttl>", f"LOAD <{recorder.url}/data.ttl> INTO GRAPH <urn:g>"):
        for args in (["query"], ["--allow-remote", "query"]):           # an update never runs locally
            result = CliRunner().invoke(cli, [*args, "--data", str(SAMPLE), "-e", update])
            assert result.exit_code == 2 and "read-only" in result.output, result.output
    time.sleep(0.2)
    assert recorder.requests == []
    # the flag lets it through: the test can see a request when one is made
    CliRunner().invoke(cli, ["query", "--allow-remote", "--data", str(SAMPLE), "-e", query])
    CliRunner().invoke(cli, ["--allow-remote", "query", "--data", str(SAMPLE), "-e", query])
    time.sleep(0.2)
    assert [r.split()[1] for r in recorder.requests] == ["/x", "/x"]


def test_run_local_refuses_service_unless_allowed(sample, recorder):
    with pytest.raises(QueryError, match="SERVICE is refused"):
        run_local(sample, f"SELECT * {{ SERVICE <{recorder.url}/x> {{ ?s ?p ?o }} }}")
    assert recorder.requests == []


def test_json_ld_remote_context_is_not_fetched(tmp_path, recorder):
    doc = tmp_path / "remote.jsonld"
    doc.write_text(json.dumps({"@context": f"{recorder.url}/context.jsonld", "@id": "https://example.org/a",
                               "name": "A"}))
    nested = tmp_path / "nested.jsonld"
    nested.write_text(json.dumps({"@context": {"@vocab": "https://schema.org/"}, "@id": "https://example.org/b",
                                  "knows": {"@context": [{"x": "urn:x"}, f"{recorder.url}/scoped.jsonld"],
                                            "@id": "https://example.org/c", "name": "C"}}))
    build = tmp_path / "project" / "build"
    built = KnowledgeGraph.from_files(DATA / "validate-build.trig")
    built.write(build / "labourgraph.trig")
    built.write(build / "labourgraph.ttl")
    def snapshot():  # the lock file is bookkeeping, not part of the build
        return {p.name: p.read_bytes() for p in build.iterdir() if p.name != ".lock"}
    before = snapshot()
    for path in (doc, nested):
        result = CliRunner().invoke(cli, ["validate", str(path)])
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"Error: {path}: JSON-LD: the remote @context <{recorder.url}/")
        assert result.output.count("\n") == 1 and "Traceback" not in result.output
        result = CliRunner().invoke(cli, ["add", str(path), "--build", str(build), "--by", "tester"])
        assert result.exit_code == 2 and "remote @context" in result.output, result.output
    assert snapshot() == before
    time.sleep(0.2)
    assert recorder.requests == []
    result = CliRunner().invoke(cli, ["--allow-remote", "validate", str(doc)])
    assert "remote @context" not in result.output
    assert recorder.requests == ["GET /context.jsonld"]


def test_json_ld_with_an_inline_context_still_loads(tmp_path):
    doc = tmp_path / "inline.jsonld"
    doc.write_text(json.dumps({"@context": {"name": "https://schema.org/name"}, "@id": "https://example.org/a",
                               "name": "A"}))
    kg = KnowledgeGraph.from_files(doc)
    assert len(kg) == 1


# -- 3, 4. the HTML export -----------------------------------------------------------------

@pytest.mark.parametrize("url", ["javascript:alert(document.domain)", " JavaScript:alert(1)",
                                 "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "vbscript:msgbox(1)", "//evil.example/x", "file:///etc/passwd"])
def test_non_web_urls_never_become_links_in_the_html_export(export_sample_graph, url):
    kg = KnowledgeGraph()
    kg.merge(export_sample_graph)
    article = ox.NamedNode(LGR + "article-a1")
    kg.add([ox.Quad(article, ox.NamedNode(SCHEMA + "url"), ox.Literal(url), ox.NamedNode(LGR + "graph-a1"))])
    page = export(kg, "html").decode("utf-8")
    spans = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page,
                                 re.S).group(1))["spans"]
    assert spans and all(s.get("url", "") == "" for s in spans.values())
    assert "script:" not in page.lower().replace("javascript:void", "") or url.startswith(("data:", "//", "file:"))


def test_a_javascript_iri_is_no_link_in_the_svg_drawing(export_sample_graph):
    from labourgraph.export.svg import to_dot
    kg = KnowledgeGraph()
    kg.merge(export_sample_graph)
    evil = ox.NamedNode("javascript:alert(document.domain)")
    kg.add([ox.Quad(evil, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                    ox.NamedNode("http://www.w3.org/ns/org#Organization"), ox.DefaultGraph()),
            ox.Quad(evil, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("Evil"),
                    ox.DefaultGraph()),
            ox.Quad(evil, ox.NamedNode("http://www.w3.org/ns/org#memberOf"), ox.NamedNode(LGR + "org-slom"),
                    ox.DefaultGraph())])
    dot = to_dot(kg)
    assert '"javascript:alert(document.domain)" [' in dot          # the entity is drawn
    assert 'URL="javascript:' not in dot
    assert f'URL="{LGR}org-slom"' in dot                            # web IRIs are still links


def test_web_urls_stay_links():
    assert web_url("https://www.kemnaker.go.id/news/1") == "https://www.kemnaker.go.id/news/1"
    assert web_url("http://example.org/a?b=c#d") == "http://example.org/a?b=c#d"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\nscript:x", "mailto:a@b", "https:///x", ""):
        assert web_url(bad) == ""


@pytest.mark.parametrize("label", ["@@CYTOSCAPE@@", "@@DATA@@", "@@TITLE@@ @@LANG@@", "</script><script>alert(1)"])
def test_a_placeholder_in_a_label_is_data_not_template(export_sample_graph, label):
    kg = KnowledgeGraph()
    kg.merge(export_sample_graph)
    kg.add([ox.Quad(ox.NamedNode(LGR + "org-kemnaker"), ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"),
                    ox.Literal(label), ox.DefaultGraph()),
            ox.Quad(ox.NamedNode(LGR + "org-untagged"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                    ox.Literal(label), ox.DefaultGraph())])
    page = export(kg, "html").decode("utf-8")
    plain = export(export_sample_graph, "html").decode("utf-8")
    for tag in ("<script", "</script>", '<html lang="en">', "window.labourgraph ="):
        assert page.count(tag) == plain.count(tag), tag
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1)
    assert json.dumps(label, ensure_ascii=False)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e") in data


def test_export_html_cli_survives_a_placeholder_label(export_sample_graph, tmp_path):
    kg = KnowledgeGraph()
    kg.merge(export_sample_graph)
    kg.add([ox.Quad(ox.NamedNode(LGR + "org-untagged"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                    ox.Literal("@@CYTOSCAPE@@"), ox.DefaultGraph())])
    data = tmp_path / "g.trig"
    data.write_bytes(kg.serialize("trig"))
    out = tmp_path / "g.html"
    result = CliRunner().invoke(cli, ["export", "--format", "html", "--data", str(data), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "@@CYTOSCAPE@@" in out.read_text(encoding="utf-8")


# -- 5, 6. queries that never end, or eat the memory ---------------------------------------

def test_five_endless_queries_do_not_take_serve_down(sample):
    server, port = start(sample, timeout=1.0, workers=2, memory_mb=256)
    try:
        began = time.monotonic()
        with ThreadPoolExecutor(5) as pool:
            answers = list(pool.map(lambda _: get(port, COUNT_CROSS), range(5)))
        assert [a[0] for a in answers] == [503] * 5
        assert time.monotonic() - began < 10
        # the stopped queries' workers were replaced: the endpoint answers again at once
        time.sleep(1.0)
        for _ in range(3):
            status, _, body = get(port, "ASK {}", {"Accept": "application/sparql-results+json"})
            assert status == 200 and json.loads(body)["boolean"] is True
        assert len(server.app.pool.pids()) == 2
    finally:
        server.shutdown()
        server.server_close()


def test_a_query_that_eats_memory_is_stopped_and_serve_lives_on(sample):
    server, port = start(sample, timeout=30.0, workers=1, memory_mb=200)
    try:
        began = time.monotonic()
        status, _, body = get(port, SORT_CROSS)
        assert status == 503 and "200 MB" in body.decode(), body
        assert time.monotonic() - began < 25
        time.sleep(0.5)
        status, _, _ = get(port, "ASK {}")
        assert status == 200
    finally:
        server.shutdown()
        server.server_close()


# -- 7. HTTP hardening -------------------------------------------------------------------

MALFORMED = [
    (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400),
    (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
    (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nquery", 400),
    (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nquery", 400),
    (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
    (b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nquery\r\n0\r\n\r\n", 411),
    (b"GET /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
    (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 2\r\n\r\n\xff\xfe", 400),
    (b"FOO /sparql HTTP/1.1\r\nHost: x\r\n\r\n", 405),
    (b"GET\r\n\r\n", 400),
    (b"GET /sparql HTTP/1.1 extra\r\n\r\n", 400),
    (b"GET /sparql HTTP/x.y\r\n\r\n", 400),
    (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 400),
    (b"GET /sparql HTTP/1.1\r\nbad header line\r\n\r\n", 400),
    (b"GET /sparql?query=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    (b"GET /sparql?query=SELECT%20*%20%7B HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    (b"POST /nope HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc", 404),
    (b"PUT /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc", 405),
]


@pytest.mark.parametrize("request_bytes, status", MALFORMED)
def test_every_malformed_request_gets_a_4xx_and_the_connection_closes(served, request_bytes, status):
    began = time.monotonic()
    response = raw(served, request_bytes)
    assert statuses(response)[:1] == [status], response[:200]
    assert b"Traceback" not in response
    assert time.monotonic() - began < 3        # closed by the server, not by our wait


def test_after_a_413_the_unread_body_is_not_a_request(served):
    smuggled = b"GET /static/app.js HTTP/1.1\r\nHost: x\r\n\r\n"
    body = smuggled * 100
    request = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
               b"Content-Length: 2000000\r\n\r\n" + body)
    response = raw(served, request)
    assert statuses(response) == [413]
    # a well-formed keep-alive request after a 404 with an unread body: one answer, then close
    response = raw(served, b"POST /nope HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n" + smuggled)
    assert statuses(response) == [404]


def test_options_answers_204_with_allow_and_no_cors_by_default(served):
    response = raw(served, b"OPTIONS /sparql HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n"
                           b"Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n")
    assert statuses(response) == [204]
    assert b"Allow: GET, HEAD, POST, OPTIONS" in response
    assert b"Access-Control" not in response


def test_idle_and_half_open_connections_time_out(served):
    # the server's idle timeout is 1 s: a silent connection, one that stops mid-headers and one
    # that stops mid-body are all closed by the server soon after
    for partial in (b"", b"GET /sparql HTTP/1.1\r\nHost: x\r\n",
                    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nquery="):
        began = time.monotonic()
        response = raw(served, partial, wait=10)
        assert time.monotonic() - began < 5, partial
        assert b"200 OK" not in response
    # and the endpoint still answers
    assert get(served, "ASK {}")[0] == 200


def test_a_request_sent_a_byte_at_a_time_times_out(served):
    began = time.monotonic()
    with socket.create_connection(("127.0.0.1", served), timeout=10) as sock:
        sock.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\n")
        closed = False
        for _ in range(40):                    # a header byte every 0.2 s, each within the idle timeout
            try:
                sock.sendall(b"X")
            except OSError:
                closed = True
                break
            sock.settimeout(0.2)
            try:
                if sock.recv(4096) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
    assert closed and time.monotonic() - began < 4


def test_a_huge_query_is_parsed_in_a_worker_and_blocks_nothing(sample):
    server, port = start(sample, timeout=5.0, workers=2)
    try:
        huge = "SELECT * { " + " ".join(f'?s{i} <urn:p> "SERVICE" .' for i in range(20000)) + " }"
        answers = []
        sender = threading.Thread(target=lambda: answers.append(
            raw(port, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                      b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(huge) + huge.encode(), wait=20)))
        sender.start()
        time.sleep(0.3)
        began = time.monotonic()
        assert get(port, "ASK {}")[0] == 200
        assert time.monotonic() - began < 2.0          # the huge parse takes seconds, in the other worker
        sender.join(20)
        assert statuses(answers[0])[0] in (400, 503)
    finally:
        server.shutdown()
        server.server_close()


def test_a_flood_of_idle_connections_cannot_take_every_thread(sample):
    server, port = start(sample, workers=1, max_connections=3, idle_timeout=5.0)
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
    try:
        time.sleep(0.3)
        began = time.monotonic()
        assert statuses(raw(port, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n")) == [503]
        assert time.monotonic() - began < 2
        for sock in idle:
            sock.close()
        time.sleep(0.3)
        assert get(port, "ASK {}")[0] == 200
    finally:
        for sock in idle:
            sock.close()
        server.shutdown()
        server.server_close()


def test_keep_alive_still_works_for_good_requests(served):
    one = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n"
    response = raw(served, one + one + b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert statuses(response) == [200, 200, 200]


# -- the soak test -------------------------------------------------------------------------

def _descendants(pid: int) -> list[int]:
    """``pid`` and the ids of all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _running(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running (a zombie waiting for its parent does not count)."""
    out = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                state = fh.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state not in ("Z", "X"):
            out.append(pid)
    return out


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return total


@pytest.mark.slow
def test_soak_heavy_and_normal_queries_in_parallel(tmp_path):
    """`labourgraph serve` with 3 workers, a 2 s time limit and 200 MB a query, for about 12 s:
    two clients send only runaway queries (cross products, counted or sorted), three send the
    library's queries. Every library query is answered within the time limit, and at the end the
    server answers and its memory (server and workers) is within a bound."""
    timeout, workers, memory_mb = 2.0, 3, 200
    proc = subprocess.Popen([sys.executable, "-m", "labourgraph", "serve", "--data", str(SAMPLE), "--port", "0",
                             "--timeout", str(timeout), "--workers", str(workers), "--max-memory", str(memory_mb)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        line = proc.stderr.readline()
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/sparql", line).group(1))
        threading.Thread(target=proc.stderr.read, daemon=True).start()      # drain workers' messages
        assert get(port, "ASK {}")[0] == 200
        baseline = _tree_rss(proc.pid)              # the server and its idle workers
        peak = [baseline]
        library = [q.bind() for q in load_queries().values()]
        heavy = [COUNT_CROSS, SORT_CROSS, "SELECT * {?a ?b ?c . ?d ?e ?f . ?g ?h ?i} ORDER BY DESC(?c) ?f"]
        stop_at = time.monotonic() + 12
        normal_times: list[float] = []
        normal_failures: list[tuple] = []
        heavy_statuses: list[int] = []

        def normal(k: int):
            i = k
            while time.monotonic() < stop_at:
                began = time.monotonic()
                status, _, body = get(port, library[i % len(library)], timeout=timeout + 5)
                took = time.monotonic() - began
                normal_times.append(took)
                if status != 200 or took > timeout:
                    normal_failures.append((status, round(took, 2), body[:100]))
                i += 3

        def runaway(k: int):
            i = k
            while time.monotonic() < stop_at:
                heavy_statuses.append(get(port, heavy[i % len(heavy)], timeout=timeout + 30)[0])
                i += 1

        threads = [threading.Thread(target=normal, args=(k,)) for k in range(3)]
        threads += [threading.Thread(target=runaway, args=(k,)) for k in range(2)]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads) and time.monotonic() < stop_at + 40:
            peak.append(_tree_rss(proc.pid))
            time.sleep(0.2)
        for t in threads:
            t.join(5)
        assert not any(t.is_alive() for t in threads)
        assert normal_failures == [], normal_failures
        assert len(normal_times) >= 30 and max(normal_times) < timeout
        assert heavy_statuses and set(heavy_statuses) <= {503}
        assert get(port, "ASK {}")[0] == 200 and proc.poll() is None
        rss = _tree_rss(proc.pid)
        # at most `workers` queries hold memory at once, each within its budget (plus slack
        # for a worker being replaced while another starts)
        bound = baseline + (workers + 1) * memory_mb * 2**20
        mb = 2**20
        print(f"soak: {len(normal_times)} normal queries, max {max(normal_times):.2f} s; "
              f"{len(heavy_statuses)} runaway queries stopped; RSS {baseline / mb:.0f} MB at start, "
              f"peak {max(peak) / mb:.0f} MB, {rss / mb:.0f} MB at the end (bound {bound / mb:.0f} MB)")
        assert max(peak) < bound and rss < baseline + memory_mb * mb
        family = _descendants(proc.pid)
        assert len(family) >= 1 + workers
        proc.terminate()                        # SIGTERM: the server stops its workers
        proc.wait(10)
        deadline = time.monotonic() + 5
        while _running(family) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _running(family) == [], "processes left running"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_worker_killed_from_outside_is_replaced(sample):
    server, port = start(sample, timeout=5.0, workers=1)
    try:
        (pid,) = server.app.pool.pids()
        os.kill(pid, 9)
        time.sleep(0.2)
        answers = [get(port, "ASK {}")[0] for _ in range(3)]
        assert answers[-1] == 200 and set(answers) <= {200, 500}
        assert server.app.pool.pids() and server.app.pool.pids() != [pid]
    finally:
        server.shutdown()
        server.server_close()
