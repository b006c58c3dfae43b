"""A read-only SPARQL 1.1 Protocol endpoint over the built graph, and a page to query it.

``labourgraph serve`` answers ``GET /sparql?query=...`` and ``POST /sparql`` (form-encoded
``query=...`` or an ``application/sparql-query`` body) with the SPARQL 1.1 results formats
chosen by the ``Accept`` header (or a ``format`` parameter): JSON, XML, CSV, TSV for
SELECT/ASK, Turtle or N-Triples for CONSTRUCT/DESCRIBE. ``/`` is a small page where a person
types a query, or picks one of the library's, and sees the results as a table;
``/queries.json`` lists the library and labourgraph's prefixes.

It is read-only and local: SPARQL Update (``INSERT``, ``LOAD``, ``DROP`` ...) and ``SERVICE``
(which would reach other hosts) are refused with HTTP 400; ``FROM`` names graphs of the
store, never files or URLs. Each query has a time limit (HTTP 503 when it runs out) and a
result limit (rows beyond it are cut, and the ``X-Labourgraph-Truncated`` header says so).
Built on the standard library's :class:`~http.server.ThreadingHTTPServer`: a dozen routes
need no framework.
"""
from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from labourgraph import __version__
from labourgraph.errors import LabourgraphError, QueryError
from labourgraph.namespaces import PREFIXES
from labourgraph.queries import QueryResult, load_queries, query_form, run_local, uses_keyword

STATIC_DIR = Path(__file__).resolve().parent / "static"
DEFAULT_TIMEOUT = 10.0
DEFAULT_LIMIT = 10_000
MAX_BODY = 1_000_000

#: media type -> (format name, applies to "solutions" or "graph" results)
MEDIA_TYPES = {
    "application/sparql-results+json": ("json", "solutions"),
    "application/json": ("json", "solutions"),
    "application/sparql-results+xml": ("xml", "solutions"),
    "application/xml": ("xml", "solutions"),
    "text/csv": ("csv", "solutions"),
    "text/tab-separated-values": ("tsv", "solutions"),
    "text/turtle": ("turtle", "graph"),
    "application/n-triples": ("nt", "graph"),
    "text/plain": ("nt", "graph"),
}
CONTENT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                 "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
                 "turtle": "text/turtle; charset=utf-8", "nt": "application/n-triples"}
FORMAT_ALIASES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "ttl": "turtle",
                  "nt": "nt", "ntriples": "nt", "n-triples": "nt"}
STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8"}


class QueryTimeout(Exception):
    """The query ran out of time."""


def negotiate(accept: str | None, kind: str) -> str:
    """The results format for an ``Accept`` header and a result kind (``solutions``/``graph``)."""
    default = "turtle" if kind == "graph" else "json"
    choices = []
    for i, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media))
    for _, _, media in sorted(choices):
        if media in MEDIA_TYPES and MEDIA_TYPES[media][1] == kind:
            return MEDIA_TYPES[media][0]
    return default


def check_read_only(text: str, source: str = "<query>") -> str:
    """The query form, after refusing updates and ``SERVICE``; raises :class:`QueryError`."""
    form = query_form(text)
    if form == "UPDATE":
        raise QueryError("this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, DROP ...) is refused", source)
    if form == "UNKNOWN":
        raise QueryError("not a SPARQL query (SELECT, CONSTRUCT, DESCRIBE or ASK)", source)
    if uses_keyword(text, "SERVICE"):
        raise QueryError("SERVICE is refused: this endpoint does not query other endpoints", source)
    return form


class SparqlApp:
    """What the server serves: a graph, the query library, limits."""

    def __init__(self, graph, timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT,
                 queries_dir: str | Path | None = None, workers: int = 4):
        self.graph = graph
        self.timeout = timeout
        self.limit = limit
        self.library = load_queries(queries_dir)
        self.slots = threading.BoundedSemaphore(workers)

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
        """Run a read-only query with the time and result limits.

        The query runs in a daemon thread holding one of ``workers`` slots until it ends;
        past the time limit the caller gets :class:`QueryTimeout` and the thread stops at
        its next row (a query still computing its first row keeps its slot until then, so
        runaway queries cannot pile up: new ones wait for a slot within their own limit).
        """
        check_read_only(text)
        deadline = time.monotonic() + self.timeout
        if not self.slots.acquire(timeout=self.timeout):
            raise QueryTimeout()
        cancelled = threading.Event()
        outcome: dict = {}

        def check():
            if cancelled.is_set() or time.monotonic() > deadline:
                raise QueryTimeout()

        def work():
            try:
                outcome["result"] = run_local(self.graph, text, "<query>", self.limit, check)
            except BaseException as err:  # noqa: BLE001 - handed to the caller
                # drop the traceback here: its frames hold pyoxigraph results, which must
                # be freed on the thread that made them
                outcome["error"] = err.with_traceback(None)
            finally:
                self.slots.release()

        worker = threading.Thread(target=work, name="sparql-query", daemon=True)
        worker.start()
        worker.join(max(0.0, deadline - time.monotonic()) + 0.05)
        if worker.is_alive():
            cancelled.set()
            raise QueryTimeout()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]


class Handler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol (query operation only) plus the page and its assets."""

    server_version = f"labourgraph/{__version__}"
    protocol_version = "HTTP/1.1"
    app: SparqlApp  # set on the subclass made by make_server

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    # -- routing -----------------------------------------------------------------------

    def do_GET(self):  # noqa: N802 - http.server naming
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

    def do_POST(self):  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path not in ("/sparql", "/query"):
            return self._error(404, "not found")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(413, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if content_type == "application/sparql-query":
            params["query"] = [body]
        elif content_type == "application/sparql-update":
            params["update"] = [body]
        elif content_type in ("application/x-www-form-urlencoded", ""):
            for key, values in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            return self._error(415, f"unsupported content type {content_type}; send a form or application/sparql-query")
        return self._sparql(params)

    def do_PUT(self):  # noqa: N802
        self._error(405, "this endpoint is read-only")

    do_DELETE = do_PATCH = do_PUT

    # -- SPARQL ------------------------------------------------------------------------

    def _sparql(self, params: dict[str, list[str]]):
        if "update" in params:
            return self._error(400, "this endpoint is read-only: SPARQL Update is refused")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return self._error(400, "default-graph-uri and named-graph-uri are not supported; "
                                    "use FROM / FROM NAMED in the query")
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            if not queries and not params:
                return self._static("index.html")
            return self._error(400, "give exactly one 'query' parameter")
        text = queries[0]
        try:
            result = self.app.run(text)
        except QueryTimeout:
            return self._error(503, f"query timed out after {self.app.timeout:g} s")
        except LabourgraphError as err:
            return self._error(400, str(err.message if err.line is None else err))
        kind = "graph" if result.kind == "graph" else "solutions"
        wanted = (params.get("format") or [""])[0].lower()
        fmt = FORMAT_ALIASES.get(wanted) if wanted else negotiate(self.headers.get("Accept"), kind)
        if fmt is None or (fmt in ("turtle", "nt")) != (kind == "graph"):
            fmt = "turtle" if kind == "graph" else "json"
        if result.kind == "boolean" and fmt in ("csv", "tsv"):
            fmt = "json"
        body = result.serialize(fmt)
        headers = {"X-Labourgraph-Truncated": "true"} if result.truncated else {}
        return self._send(200, body, CONTENT_TYPES[fmt], headers)

    # -- responses ---------------------------------------------------------------------

    def _static(self, name: str):
        path = (STATIC_DIR / name).resolve()
        if STATIC_DIR not in path.parents or not path.is_file() or path.suffix not in STATIC_TYPES:
            return self._error(404, "not found")
        self._send(200, path.read_bytes(), STATIC_TYPES[path.suffix])

    def _error(self, status: int, message: str):
        self._send(status, (" ".join(message.split()) + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None):
        self.send_response(status, HTTPStatus(status).phrase)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Access-Control-Allow-Origin", "*")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def make_server(graph, host: str = "127.0.0.1", port: int = 8000, timeout: float = DEFAULT_TIMEOUT,
                limit: int = DEFAULT_LIMIT, queries_dir: str | Path | None = None,
                verbose: bool = False) -> ThreadingHTTPServer:
    """A ready server (call ``serve_forever``); ``port=0`` picks a free port."""
    app = SparqlApp(graph, timeout=timeout, limit=limit, queries_dir=queries_dir)
    handler = type("BoundHandler", (Handler,), {"app": app})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    server.verbose = verbose
    return server


__all__ = ["make_server", "SparqlApp", "negotiate", "check_read_only", "DEFAULT_TIMEOUT", "DEFAULT_LIMIT"]
