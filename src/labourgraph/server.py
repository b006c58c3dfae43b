"""A read-only SPARQL 1.1 Protocol endpoint over the built graph, and a page to query it.

``labourgraph serve`` answers ``GET /sparql?query=...`` and ``POST /sparql`` (form-encoded
``query=...`` or an ``application/sparql-query`` body) with the SPARQL 1.1 results formats
chosen by the ``Accept`` header (or a ``format`` parameter, any of labourgraph's format
names): JSON, XML, CSV, TSV for SELECT/ASK; Turtle, N-Triples, N-Quads, TriG, JSON-LD,
RDF/XML or N3 for CONSTRUCT/DESCRIBE; 406 when the header allows none of them
(:mod:`labourgraph.protocol`). ``default-graph-uri`` and ``named-graph-uri`` set the query's
dataset (graphs of the store). ``GET /sparql`` without a query is the SPARQL 1.1 Service
Description (Turtle, RDF/XML or JSON-LD), or the page for a browser. ``/`` is a small page where a person
types a query, or picks one of the library's, and sees the results as a table;
``/queries.json`` lists the library and labourgraph's prefixes.

It is read-only and local: SPARQL Update (``INSERT``, ``LOAD``, ``DROP`` ...) and ``SERVICE``
(which would reach other hosts) are refused with HTTP 400, decided on the parsed query
(:mod:`labourgraph.sparql_policy`); ``FROM`` names graphs of the store, never files or URLs.
Queries run in worker processes (:mod:`labourgraph.query_workers`): one past its time limit
is killed and its worker replaced (HTTP 503), one past its memory budget stops in its
worker (HTTP 503), and rows beyond the result limit are cut (the
``X-Labourgraph-Truncated`` header says so). CORS is off unless one origin is allowed
(``serve --cors ORIGIN``). Connections idle for ``idle_timeout`` seconds are closed, and
a malformed request gets a 4xx answer and a closed connection.
Built on the standard library's :class:`~http.server.ThreadingHTTPServer`: a dozen routes
need no framework; docs/sparql.md says why queries do not run on Oxigraph's own server.
"""
from __future__ import annotations

import io
import json
import socket
import threading
import time
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from labourgraph import __version__
from labourgraph.errors import LabourgraphError, QueryError
from labourgraph.namespaces import PREFIXES
from labourgraph.queries import QueryResult, load_queries, query_form
from labourgraph.query_workers import (DEFAULT_MEMORY_MB, DEFAULT_WORKERS, QueryBusy, QueryMemory,
                                       QueryTimeout, WorkerCrash, WorkerPool)
from labourgraph.sparql_policy import check_query, refine_error

STATIC_DIR = Path(__file__).resolve().parent / "static"
DEFAULT_TIMEOUT = 10.0
DEFAULT_LIMIT = 10_000
MAX_BODY = 1_000_000
DEFAULT_IDLE_TIMEOUT = 20.0
DEFAULT_MAX_CONNECTIONS = 64
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"

STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8"}


def negotiate(accept: str | None, kind: str) -> str:
    """The format for an ``Accept`` header and a result kind (``solutions``, ``boolean``,
    ``graph``), falling back to JSON or Turtle (:func:`labourgraph.protocol.negotiate` says
    None instead, which the endpoint answers with 406)."""
    from labourgraph.protocol import negotiate as pick
    return pick(accept, kind) or ("turtle" if kind == "graph" else "json")


def check_read_only(text: str, source: str = "<query>") -> str:
    """The query form, after the policy (:func:`labourgraph.sparql_policy.check_query`)
    refused ``SERVICE``; raises :class:`QueryError`. (Updates are refused by running the
    query with Oxigraph's query parser, which accepts no update.)"""
    checked = check_query(text, source)
    form = query_form(checked.text)
    if form == "UPDATE":
        raise refine_error(checked.text, QueryError("SPARQL syntax error: not a query", source))
    if form == "UNKNOWN":
        raise QueryError("not a SPARQL query (SELECT, CONSTRUCT, DESCRIBE or ASK)", source)
    return form


class SparqlApp:
    """What the server serves: a graph (run by worker processes), the query library, limits."""

    def __init__(self, graph, timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT,
                 queries_dir: str | Path | None = None, workers: int = DEFAULT_WORKERS,
                 memory_mb: int | None = DEFAULT_MEMORY_MB, cors: str | None = None):
        self.timeout = timeout
        self.limit = limit
        self.memory_mb = memory_mb
        self.cors = cors
        self.library = load_queries(queries_dir)
        from labourgraph.protocol import dataset_sizes
        self.sizes = dataset_sizes(graph)          # for the service description
        self.pool = WorkerPool(graph, size=workers, memory_mb=memory_mb)

    def examples(self) -> list[dict]:
        """The library's queries, parameters bound to their defaults, for the page."""
        out = []
        for name, q in self.library.items():
            try:
                text = q.bind()
            except LabourgraphError:
                text = q.text
            out.append({"name": name, "title": q.title, "description": q.description, "query": text,
                        "params": [{"name": p.name, "description": p.description, "default": p.default}
                                   for p in q.params]})
        return out

    def run(self, text: str) -> QueryResult:
        """Run a read-only query within the time, memory and result limits.

        Raises :class:`QueryError` (refused or bad query), :class:`QueryTimeout` (out of
        time, or no worker free in time), :class:`QueryMemory` or :class:`WorkerCrash`.
        """
        deadline = time.monotonic() + self.timeout
        return self.pool.run(text, self.limit, deadline)       # the worker applies the policy

    def close(self) -> None:
        self.pool.close()


class _DeadlineReader(io.RawIOBase):
    """The connection's reads, each waiting at most until the request's deadline: a client
    that sends a request a byte at a time cannot hold a thread beyond the idle timeout."""

    def __init__(self, handler: Handler):
        self._handler = handler

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        handler = self._handler
        timeout = handler.timeout
        if handler.deadline is not None:
            left = handler.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request took too long to arrive")
            timeout = left if timeout is None else min(timeout, left)
        handler.connection.settimeout(timeout)
        return handler.connection.recv_into(buffer)


class Handler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol (query operation only) plus the page and its assets."""

    server_version = f"labourgraph/{__version__}"
    protocol_version = "HTTP/1.1"
    app: SparqlApp  # set on the subclass made by make_server
    timeout = DEFAULT_IDLE_TIMEOUT  # seconds a connection may stay silent (socket timeout)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    _drain = False
    deadline: float | None = None     # when the request being read must have arrived

    def setup(self):
        super().setup()
        self.rfile.close()
        self.rfile = io.BufferedReader(_DeadlineReader(self))

    def handle_one_request(self):
        """One request; its line, headers and body must arrive within the idle timeout."""
        self.deadline = time.monotonic() + self.timeout if self.timeout else None
        super().handle_one_request()

    def finish(self):
        """After an error the request may have left a body unread: stop writing, then read
        and drop what the client still sends for a moment (bounded in time and bytes), so
        closing does not reset the connection before the client has read the answer."""
        super().finish()
        if not self._drain:
            return
        try:
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(0.5)
            deadline, left = time.monotonic() + 1.0, 1 << 20
            while left > 0 and time.monotonic() < deadline:
                chunk = self.connection.recv(min(left, 65536))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass

    def parse_request(self) -> bool:
        """http.server's parsing, plus: a header line that is not ``Name: value`` is a 400
        (the standard library only notes it as a defect and drops the headers after it)."""
        if not super().parse_request():
            return False
        if self.headers.defects:
            self.send_error(400, "malformed header line")
            return False
        return True

    def send_error(self, code, message=None, explain=None):
        """http.server's own errors (bad request line, headers too long ...): a 4xx, and the
        connection closed. An unknown method is a 405 with ``Allow``, not a 501."""
        self.close_connection = True
        self._drain = True
        if self.request_version == "HTTP/0.9":
            self.request_version = "HTTP/1.0"    # an unparsable request line still gets a status line
        if code == HTTPStatus.NOT_IMPLEMENTED:
            return self._error(405, f"method {self.command} is not allowed", {"Allow": ALLOWED_METHODS})
        super().send_error(code, message, explain)

    # -- routing -----------------------------------------------------------------------

    def do_GET(self):  # noqa: N802 - http.server naming
        if not self._no_body():
            return None
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/sparql", "/query"):
            params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            return self._sparql(params)
        if url.path == "/queries.json":
            doc = {"prefixes": {p: str(ns) for p, ns in PREFIXES.items()}, "queries": self.app.examples()}
            return self._send(200, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"),
                              "application/json; charset=utf-8")
        if url.path in ("/", "/index.html"):
            return self._static("index.html")
        if url.path.startswith("/static/"):
            return self._static(url.path[len("/static/"):])
        return self._error(404, "not found")

    def do_HEAD(self):  # noqa: N802
        self.do_GET()

    def do_OPTIONS(self):  # noqa: N802
        """204 with ``Allow``; a CORS preflight is answered only for the ``--cors`` origin."""
        if not self._no_body():
            return None
        headers = {"Allow": ALLOWED_METHODS}
        if self._cors_origin() and self.headers.get("Access-Control-Request-Method"):
            headers.update({"Access-Control-Allow-Methods": "GET, POST",
                            "Access-Control-Allow-Headers": "Accept, Content-Type",
                            "Access-Control-Max-Age": "600"})
        return self._send(204, b"", None, headers)

    def do_POST(self):  # noqa: N802
        length = self._content_length()
        if length is None:
            return None
        if length > MAX_BODY:
            return self._error(413, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            self.close_connection = True
            return None                      # the client went away mid-body
        url = urllib.parse.urlsplit(self.path)
        if url.path not in ("/sparql", "/query"):
            return self._error(404, "not found")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(400, "the request body is not UTF-8")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if content_type == "application/sparql-query":
            params["query"] = [text]
        elif content_type == "application/sparql-update":
            params["update"] = [text]
        elif content_type in ("application/x-www-form-urlencoded", ""):
            for key, values in urllib.parse.parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            return self._error(415, f"unsupported content type {content_type}; send a form or application/sparql-query")
        return self._sparql(params)

    def do_PUT(self):  # noqa: N802
        self._error(405, "this endpoint is read-only", {"Allow": ALLOWED_METHODS})

    do_DELETE = do_PATCH = do_PUT

    # -- request bodies ------------------------------------------------------------------

    def _content_length(self) -> int | None:
        """The body's length, or None after answering 4xx (the connection is then closed)."""
        if self.headers.get("Transfer-Encoding"):
            self._error(411, "send the body with a Content-Length (no Transfer-Encoding)")
            return None
        values = self.headers.get_all("Content-Length") or []
        if not values:
            return 0
        if len(set(values)) != 1 or not values[0].strip().isdigit() or not values[0].strip().isascii():
            self._error(400, "Content-Length must be one non-negative integer")
            return None
        return int(values[0].strip())

    def _no_body(self) -> bool:
        """A GET, HEAD or OPTIONS with a body is read past (or refused if it is too long)."""
        length = self._content_length()
        if length is None:
            return False
        if length > MAX_BODY:
            self._error(413, f"request body over {MAX_BODY} bytes")
            return False
        if length and len(self.rfile.read(length)) < length:
            self.close_connection = True
            return False
        return True

    # -- SPARQL ------------------------------------------------------------------------

    def _sparql(self, params: dict[str, list[str]]):
        if "update" in params:
            return self._error(400, "this endpoint is read-only: SPARQL Update is refused")
        from labourgraph import protocol

        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            if not queries and not params:
                return self._service_description()
            return self._error(400, "give exactly one 'query' parameter")
        text = queries[0]
        try:
            # the protocol's dataset replaces the query's FROM / FROM NAMED (graphs of the store)
            text = protocol.with_dataset(text, params.get("default-graph-uri", []), params.get("named-graph-uri", []))
            result = self.app.run(text)
        except QueryBusy:
            return self._error(503, f"all query workers are busy; try again (time limit {self.app.timeout:g} s)",
                               {"Retry-After": "1"})
        except QueryTimeout:
            return self._error(503, f"query timed out after {self.app.timeout:g} s and was stopped")
        except QueryMemory:
            return self._error(503, f"query stopped: it needed more than the {self.app.memory_mb} MB "
                                    "of memory a query may use")
        except WorkerCrash as err:
            return self._error(500, f"query failed: {err}")
        except LabourgraphError as err:
            from labourgraph.queries import explain_syntax_error
            err = explain_syntax_error(err, text)           # in plain words, as the command line says it
            body = str(err.message if err.line is None else err)
            context = getattr(err, "context", "")
            if not context:
                return self._error(400, body)
            self.close_connection = True          # as _error does, with the caret lines kept
            self._drain = True
            return self._send(400, (" ".join(body.split()) + "\n" + context + "\n").encode("utf-8"),
                              "text/plain; charset=utf-8", {"Connection": "close"})
        kind = result.kind
        wanted = (params.get("format") or [""])[0]
        fmt = _format_parameter(wanted, kind) if wanted else protocol.negotiate(self.headers.get("Accept"), kind)
        if fmt is None:
            return self._not_acceptable(kind)
        if kind == "graph":
            from labourgraph.formats import serialize_triples
            body = serialize_triples(result.triples, fmt)
        else:
            body = result.serialize(fmt)
        headers = {"X-Labourgraph-Truncated": "true"} if result.truncated else {}
        return self._send(200, body, protocol.content_type(fmt), headers)

    def _not_acceptable(self, kind: str):
        from labourgraph import protocol
        what = {"graph": "an RDF graph", "boolean": "a boolean", "solutions": "rows"}.get(kind, kind)
        return self._error(406, f"the answer is {what}, which can be sent as {protocol.acceptable_list(kind)}; "
                                f"the Accept header allows none of them")

    def _service_description(self):
        """GET on the endpoint without a query: the page for a browser, else the SPARQL 1.1
        Service Description in the RDF format asked for (Turtle by default)."""
        from labourgraph import protocol
        accept = self.headers.get("Accept")
        if accept and _prefers_html(accept):
            return self._static("index.html")
        fmt = protocol.negotiate(accept, "graph")
        if fmt is None:
            return self._not_acceptable("graph")
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        endpoint = f"http://{host}{urllib.parse.urlsplit(self.path).path}"
        body = protocol.service_description(None, endpoint, fmt, self.app.limit, sizes=self.app.sizes)
        return self._send(200, body, protocol.content_type(fmt))

    # -- responses ---------------------------------------------------------------------

    def _static(self, name: str):
        path = (STATIC_DIR / name).resolve()
        if STATIC_DIR not in path.parents or not path.is_file() or path.suffix not in STATIC_TYPES:
            return self._error(404, "not found")
        self._send(200, path.read_bytes(), STATIC_TYPES[path.suffix])

    def _cors_origin(self) -> str | None:
        """The allowed origin when the request comes from it (CORS is off without --cors)."""
        allowed = self.app.cors
        headers = getattr(self, "headers", None)
        origin = headers.get("Origin") if headers is not None else None
        return allowed if allowed and origin == allowed else None

    def _error(self, status: int, message: str, headers: dict | None = None):
        """An error answer; the connection is closed after it, so a body the request may
        still have unread is never taken for the next request."""
        self.close_connection = True
        self._drain = True
        self._send(status, (" ".join(message.split()) + "\n").encode("utf-8"), "text/plain; charset=utf-8",
                   {**(headers or {}), "Connection": "close"})

    def _send(self, status: int, body: bytes, content_type: str | None, headers: dict | None = None):
        self.deadline = None                          # the request is in; writing has the idle timeout
        self.connection.settimeout(self.timeout)
        self.send_response(status, HTTPStatus(status).phrase)
        if content_type:
            self.send_header("Content-Type", content_type)
        if status != 204:
            self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        origin = self._cors_origin()
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Expose-Headers", "X-Labourgraph-Truncated")
        if self.app.cors:
            self.send_header("Vary", "Origin")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD" and status != 204:
            self.wfile.write(body)


def _format_parameter(name: str, kind: str) -> str | None:
    """The ``format`` request parameter (any of labourgraph's format names) for a result of
    ``kind``, or None when it names nothing that result can be written in."""
    from labourgraph import formats
    if kind == "graph":
        found = formats.find_rdf_format(name)
        return found.name if found else None
    found = formats.find_result_format(name)
    return found if found in ("json", "xml", "csv", "tsv") else None


def _prefers_html(accept: str) -> bool:
    """Whether an Accept header asks for HTML at least as much as for anything RDF (a browser)."""
    from labourgraph.protocol import RDF_MEDIA_TYPES, _accept
    ranges = _accept(accept)
    html = max((q for q, _s, m in ranges if m in ("text/html", "application/xhtml+xml")), default=0.0)
    rdf = max((q for q, _s, m in ranges if any(m in medias for medias in RDF_MEDIA_TYPES.values())), default=0.0)
    return html > 0 and html >= rdf


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; closing it stops the query workers too.

    At most ``max_connections`` connections are served at once (one thread each); one over
    that gets 503 at once and is closed, so a flood of idle connections cannot take every
    thread and the machine's memory with them."""

    daemon_threads = True
    app: SparqlApp
    verbose = False
    max_connections = DEFAULT_MAX_CONNECTIONS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._open = 0
        self._open_lock = threading.Lock()

    def process_request(self, request, client_address):
        with self._open_lock:
            full = self._open >= self.max_connections
            if not full:
                self._open += 1
        if full:
            try:
                request.settimeout(1.0)
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                                b"Content-Length: 22\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
                                b"too many connections\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._closed_one()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._closed_one()

    def _closed_one(self):
        with self._open_lock:
            self._open -= 1

    def server_close(self):
        super().server_close()
        self.app.close()


def make_server(graph, host: str = "127.0.0.1", port: int = 8000, timeout: float = DEFAULT_TIMEOUT,
                limit: int = DEFAULT_LIMIT, queries_dir: str | Path | None = None,
                verbose: bool = False, workers: int = DEFAULT_WORKERS, memory_mb: int | None = DEFAULT_MEMORY_MB,
                cors: str | None = None, idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
                max_connections: int = DEFAULT_MAX_CONNECTIONS) -> SparqlServer:
    """A ready server (call ``serve_forever``); ``port=0`` picks a free port.

    ``workers`` query processes run the queries, each with ``memory_mb`` MB for a query
    (None: no bound); ``cors`` is the one origin allowed to read answers from a web page
    (None: CORS off); connections silent for ``idle_timeout`` seconds are closed, and at most
    ``max_connections`` are served at once.
    """
    app = SparqlApp(graph, timeout=timeout, limit=limit, queries_dir=queries_dir, workers=workers,
                    memory_mb=memory_mb, cors=cors)
    handler = type("BoundHandler", (Handler,), {"app": app, "timeout": idle_timeout})
    try:
        server = SparqlServer((host, port), handler)
    except OSError:
        app.close()
        raise
    server.app = app
    server.verbose = verbose
    server.max_connections = max_connections
    return server


__all__ = ["make_server", "SparqlApp", "SparqlServer", "negotiate", "check_read_only", "DEFAULT_TIMEOUT",
           "DEFAULT_LIMIT", "QueryTimeout"]
