"""Talk to a SPARQL 1.1 triple store: run queries, and push the built graph into it.

Queries go through SPARQLWrapper (SPARQL 1.1 Protocol, results as SPARQL JSON, parsed by
pyoxigraph so rows compare equal to local ones). ``push`` loads the build in one of two ways:

* **Graph Store HTTP Protocol** (:func:`push_graph_store`): ``PUT`` each named graph
  (``?graph=IRI``) and the default graph (``?default``) as N-Triples. ``PUT`` replaces the
  graph, so pushing again replaces what the last push put there. Oxigraph serves it at
  ``/store``, Fuseki at ``/DATASET/data``.
* **SPARQL 1.1 Update** (:func:`push_update`), for stores without the Graph Store Protocol:
  delete the ``lgr:graph-*`` graphs (labourgraph's own) of articles that left the build,
  then ``DROP SILENT GRAPH`` + ``INSERT DATA`` per graph, the default graph included.

Either way the store's default graph receives the union of all graphs, each triple once
(:meth:`KnowledgeGraph.union_quads`), and the named graphs the article graphs as built, so a
store that queries its own default graph (Oxigraph without ``--union-default-graph``,
Fuseki, GraphDB, Virtuoso) answers the named queries with set semantics, as labourgraph
does locally (``docs/model.md``, "Set semantics"). Do not turn a union default graph on in
the store: it would count each triple once more per graph that holds it.

Every request has a timeout. HTTP 429 and 503 with ``Retry-After`` are retried a bounded
number of times, waiting as told (up to a cap); other failures raise :class:`EndpointError`
with one line saying what happened.

Redirects: every request here but a plain GET carries a body (the query, the update, the
graph). A 301, 302 or 303 would make urllib re-send it as a GET *without* the body, and the
store would answer "200" having stored nothing (or, for a query, rows of some other
request), so such a redirect is refused with one line naming where it points. A 307 or
308 is followed by sending the same method with the same body, as those codes require.

A push is not one transaction: it replaces one graph after the other. When a request fails
partway, the error says which graphs were already replaced; pushing again is safe (every
graph is replaced whole), and ``resume_from`` sends only the graphs not yet replaced.
"""
from __future__ import annotations

import email.utils
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from http.client import HTTPException

import pyoxigraph as ox
from SPARQLWrapper import JSON, N3, POST, SPARQLWrapper
from SPARQLWrapper import SPARQLExceptions

from labourgraph import __version__
from labourgraph.errors import EndpointError, QueryError
from labourgraph.namespaces import LGR
from labourgraph.queries import QueryResult, query_form

USER_AGENT = f"labourgraph/{__version__} (+https://w3id.org/labourgraph)"
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 3
MAX_RETRY_WAIT = 30.0
GRAPH_PREFIX = str(LGR) + "graph-"


# -- retries and errors ----------------------------------------------------------------

def _retry_after(headers) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    value = headers.get("Retry-After") if headers is not None else None
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _http_error(err: urllib.error.HTTPError, url: str) -> EndpointError:
    try:
        body = err.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the body is only a hint
        body = ""
    hint = " ".join(body.split())[:200]
    message = f"HTTP {err.code} {err.reason}" + (f": {hint}" if hint else "")
    return EndpointError(message, url)


def _call(action: Callable[[], object], url: str, timeout: float, retries: int = DEFAULT_RETRIES,
          sleep: Callable[[float], None] = time.sleep):
    """Run ``action`` (one HTTP exchange), retrying 429/503 as ``Retry-After`` says."""
    attempt = 0
    while True:
        try:
            return action()
        except urllib.error.HTTPError as err:
            wait = _retry_after(err.headers)
            if err.code in (429, 503) and attempt < retries:
                wait = 1.0 * 2 ** attempt if wait is None else wait
                if wait <= MAX_RETRY_WAIT:
                    attempt += 1
                    sleep(wait)
                    continue
            error = _http_error(err, url)
            if err.code in (429, 503) and attempt:
                error = EndpointError(f"{error.message} (gave up after {attempt} retries)", url)
            raise error from None
        except SPARQLExceptions.SPARQLWrapperException as err:
            raise EndpointError(_wrapper_message(err), url) from None
        except urllib.error.URLError as err:
            reason = err.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise EndpointError(f"no answer within {timeout:g} s (timeout)", url) from None
            raise EndpointError(f"cannot reach the endpoint: {_reason(reason)}", url) from None
        except (TimeoutError, socket.timeout):
            raise EndpointError(f"no answer within {timeout:g} s (timeout)", url) from None
        except (ConnectionError, HTTPException, OSError) as err:
            raise EndpointError(f"connection failed: {_reason(err)}", url) from None


def _reason(reason) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def _wrapper_message(err: Exception) -> str:
    text = " ".join(str(err).split())
    names = {"QueryBadFormed": "HTTP 400 bad query", "EndPointNotFound": "HTTP 404 not found",
             "Unauthorized": "HTTP 401 unauthorized", "URITooLong": "HTTP 414 query too long",
             "EndPointInternalError": "HTTP 500 endpoint internal error"}
    head = names.get(type(err).__name__, type(err).__name__)
    detail = text.split("Response:", 1)[-1].strip() if "Response:" in text else ""
    return head + (f": {detail[:200]}" if detail else "")


# -- redirects -------------------------------------------------------------------------

class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only when nothing is lost: any method on 307/308 (same method,
    same body), GET/HEAD on the others; refuse the rest with one line."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        method = req.get_method()
        if method in ("GET", "HEAD"):
            return super().redirect_request(req, fp, code, msg, headers, newurl)
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise EndpointError(f"HTTP {code} redirects to {newurl}, which is not an http(s) URL", req.full_url)
        if code in (307, 308):
            kept = {k: v for k, v in req.header_items() if k.lower() not in ("host", "content-length")}
            return urllib.request.Request(newurl, data=req.data, headers=kept, method=method,
                                          origin_req_host=req.origin_req_host, unverifiable=True)
        raise EndpointError(f"HTTP {code} {msg}: the endpoint redirects this {method} to {newurl}; a redirected "
                            f"{method} would arrive as a GET without its body, so it is not followed "
                            f"(use that URL)", req.full_url)


_OPENER = urllib.request.build_opener(_RedirectHandler)


def _open(request: urllib.request.Request, timeout: float):
    """``urlopen`` with labourgraph's redirect policy."""
    return _OPENER.open(request, timeout=timeout)


# -- queries ---------------------------------------------------------------------------

class Endpoint:
    """A SPARQL 1.1 query endpoint (and, optionally, an update endpoint)."""

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT, retries: int = DEFAULT_RETRIES,
                 update_url: str | None = None, sleep: Callable[[float], None] = time.sleep):
        _check_url(url)
        self.url = url
        self.update_url = update_url
        self.timeout = timeout
        self.retries = retries
        self.sleep = sleep

    def _wrapper(self, url: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(url, agent=USER_AGENT)
        wrapper.setTimeout(int(max(1, round(self.timeout))))
        wrapper.setMethod(POST)
        return wrapper

    def query(self, text: str, source: str = "<query>") -> QueryResult:
        """Run a query; SELECT/ASK come back as rows, CONSTRUCT/DESCRIBE as triples."""
        form = query_form(text)
        if form == "UPDATE":
            raise QueryError("this is a SPARQL Update, not a query", source)
        wrapper = self._wrapper(self.url)
        wrapper.setQuery(text)
        graph = form in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(N3 if graph else JSON)
        if graph:
            wrapper.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.9")

        def exchange():
            # SPARQLWrapper builds the request (query or update, encoding, headers); it is
            # sent through labourgraph's opener, which does not turn a POST into a bodiless GET
            with _open(wrapper._createRequest(), self.timeout) as response:
                return response.read(), (response.headers.get("Content-Type") or "").split(";")[0].strip()

        data, content_type = _call(exchange, self.url, self.timeout, self.retries, self.sleep)
        try:
            if graph:
                fmt = ox.RdfFormat.N_TRIPLES if content_type == "application/n-triples" else ox.RdfFormat.TURTLE
                triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt)]
                return QueryResult("graph", triples=triples)
            return QueryResult.from_results_document(data, "json")
        except (SyntaxError, ValueError) as err:
            raise EndpointError(f"the endpoint's answer is not valid ({content_type or 'no type'}): "
                                f"{' '.join(str(err).split())[:160]}", self.url) from None

    def update(self, text: str) -> None:
        """Send one SPARQL 1.1 Update request."""
        url = self.update_url or self.url
        wrapper = self._wrapper(url)
        wrapper.setQuery(text)

        def exchange():
            with _open(wrapper._createRequest(), self.timeout) as response:
                return response.read()

        _call(exchange, url, self.timeout, self.retries, self.sleep)


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError("not an http(s) URL", url)


# -- pushing the build -----------------------------------------------------------------

def _graph_ntriples(graph, name: str | None) -> bytes:
    """N-Triples of one named graph of a KnowledgeGraph, or (``None``) of the store's default
    graph: the deduplicated union of all graphs, sorted."""
    if name is None:
        quads = graph.union_quads()
    else:
        quads = graph.quads(name)
    lines = sorted({f"{q.subject} {q.predicate} {q.object} .\n" for q in quads})
    return "".join(lines).encode("utf-8")


def push_graph_store(graph, url: str, timeout: float = DEFAULT_TIMEOUT, retries: int = DEFAULT_RETRIES,
                     sleep: Callable[[float], None] = time.sleep,
                     resume_from: Sequence[str | None] | None = None) -> dict[str, int]:
    """Load ``graph`` into a store through the Graph Store HTTP Protocol at ``url``.

    Returns the number of triples per graph (``""`` for the default graph). ``resume_from``:
    graphs already replaced by an earlier push that failed partway (``None``: the default
    graph), not sent again.

    :raises PartialPush: a request failed; it says which graphs were replaced before.
    """
    _check_url(url)
    sent: dict[str | None, int] = {}
    order = [None, *graph.named_graphs()]
    skip = set(resume_from or ())
    for name in order:
        body = _graph_ntriples(graph, name)
        query = "default" if name is None else urllib.parse.urlencode({"graph": name})
        target = url + ("&" if "?" in url else "?") + query
        request = urllib.request.Request(target, data=body, method="PUT", headers={
            "Content-Type": "application/n-triples", "User-Agent": USER_AGENT})

        def exchange(request=request):
            with _open(request, timeout) as response:
                return response.read()

        if name not in skip:
            try:
                _call(exchange, url, timeout, retries, sleep)
            except EndpointError as err:
                replaced = [n for n in order if n in sent or n in skip]
                if not replaced:
                    raise
                raise PartialPush(err, replaced, order, url) from None
        sent[name] = body.count(b"\n")
    return {name or "": n for name, n in sent.items()}


def update_requests(graph) -> list[str]:
    """The SPARQL Update requests that replace labourgraph's graphs in a store with ``graph``:
    drop the ``lgr:graph-*`` graphs the build no longer has, then for the default graph and
    each named graph ``DROP SILENT`` it and ``INSERT DATA`` its triples."""
    names = graph.named_graphs()
    keep = ", ".join(str(ox.NamedNode(n)) for n in names)
    stale = (f'FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}")' + (f" && ?g NOT IN ({keep})" if keep else "") + ")")
    requests = ["DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } " + stale + " }"]
    for name in [None, *names]:
        body = _graph_ntriples(graph, name).decode("utf-8")
        if name is None:
            requests.append("DROP SILENT DEFAULT ;\nINSERT DATA {\n" + body + "}")
        else:
            iri = str(ox.NamedNode(name))
            requests.append(f"DROP SILENT GRAPH {iri} ;\nINSERT DATA {{ GRAPH {iri} {{\n" + body + "} }")
    return requests


def push_update(graph, url: str, timeout: float = DEFAULT_TIMEOUT, retries: int = DEFAULT_RETRIES,
                sleep: Callable[[float], None] = time.sleep,
                resume_from: Sequence[str | None] | None = None) -> int:
    """Load ``graph`` into a store through SPARQL 1.1 Update at ``url``; returns requests sent.

    The first request drops the stale graphs, then one request per graph (the default graph
    first). ``resume_from``: graphs already replaced by an earlier push that failed partway.

    :raises PartialPush: a request failed; it says which graphs were replaced before.
    """
    endpoint = Endpoint(url, timeout=timeout, retries=retries, sleep=sleep)
    requests = update_requests(graph)
    order = [None, *graph.named_graphs()]
    targets = ["stale", *order]          # update_requests: the stale graphs, then one per graph
    skip = set(resume_from or ())
    done: list[str | None] = [n for n in order if n in skip]
    sent = 0
    for target, text in zip(targets, requests):
        if target in skip:
            continue
        try:
            endpoint.update(text)
        except EndpointError as err:
            if not done and target == "stale":
                raise
            raise PartialPush(err, done, order, url) from None
        sent += 1
        if target in order:
            done.append(target)
    return sent


class PartialPush(EndpointError):
    """A push failed partway: ``replaced`` graphs hold the new data, the others the old."""

    def __init__(self, cause: EndpointError, replaced: list[str | None], order: list[str | None], url: str):
        self.cause, self.replaced, self.order = cause, list(replaced), list(order)
        left = len(order) - len(replaced)
        names = ", ".join("the default graph" if n is None else _curie(n) for n in replaced) or "none"
        state = (f"the push stopped after replacing {len(replaced)} of {len(order)} graphs ({names}); "
                 f"the other {left} still {'holds' if left == 1 else 'hold'} what {'it' if left == 1 else 'they'} "
                 f"held before")
        super().__init__(f"{cause.message}; {state}. Pushing again is safe (each graph is replaced whole); "
                         f"--resume sends only the {left} not yet replaced", cause.path or url)


def _curie(iri: str) -> str:
    return "lgr:" + iri[len(str(LGR)):] if iri.startswith(str(LGR)) else f"<{iri}>"


__all__ = ["Endpoint", "PartialPush", "push_graph_store", "push_update", "update_requests", "USER_AGENT"]
