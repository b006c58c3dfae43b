"""The graph store behind labourgraph's own small interface.

:class:`KnowledgeGraph` is an RDF dataset (a default graph plus named graphs) held in an
in-memory Oxigraph store (pyoxigraph). Oxigraph parses, queries and writes RDF 15-170x
faster than rdflib's memory store on graphs of this domain's shape; rdflib is still used
where a library needs its API (pySHACL, exporters) through :meth:`KnowledgeGraph.to_rdflib`.
Everything else in labourgraph talks to this class, so the backend can change in one place.

Output is canonical: :meth:`KnowledgeGraph.serialize` writes quads in sorted order, with
sorted prefixes, so the same graph always gives the same bytes.
"""
from __future__ import annotations


import os
import re
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, URIRef

from labourgraph.errors import QueryError, RdfSyntaxError
from labourgraph.namespaces import PREFIXES

#: file suffix -> pyoxigraph format
FORMATS_BY_SUFFIX: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES, ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}
_JSONLD_SUFFIXES = (".jsonld", ".json")



def format_for(path: str | Path) -> ox.RdfFormat | str:
    """The RDF format of a file, from its suffix (``"json-ld"`` for JSON-LD)."""
    suffix = Path(path).suffix.lower()
    if suffix in _JSONLD_SUFFIXES:
        return "json-ld"
    try:
        return FORMATS_BY_SUFFIX[suffix]
    except KeyError:
        raise RdfSyntaxError(f"unknown RDF file type {suffix or '(no suffix)'!r}; use one of "
                             + ", ".join(sorted(set(FORMATS_BY_SUFFIX) | set(_JSONLD_SUFFIXES))),
                             path) from None


# -- term conversion -------------------------------------------------------------------

def to_rdflib_term(term):
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.DefaultGraph) or term is None:
        return None
    raise TypeError(f"unsupported term {term!r}")


def to_ox_term(term):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


# -- writing ---------------------------------------------------------------------------

def write_atomically(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename,
    so readers see the old file or the new one, never half of one."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:      # an unwritable place is the user's to fix: one line, exit 2
        from labourgraph.errors import LabourgraphError
        import errno
        why = ("a part of the path is a file, not a folder" if err.errno in (errno.EEXIST, errno.ENOTDIR)
               else err.strerror or str(err))
        raise LabourgraphError(f"cannot write here: {why}", path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); give it the old file's mode, or the usual 0644
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _triple_key(t) -> tuple:
    """Canonical order: by subject, rdf:type first, then predicate and object (N-Triples text)."""
    return (str(t.subject), t.predicate.value != _RDF_TYPE, str(t.predicate), str(t.object))


# rdf:type between two terms, and what it is while sorting: Oxigraph writes control
# characters escaped, so "\x01" occurs in no N-Triples line. (The text of rdf:type before
# a term inside a literal is swapped too, and back: only that line's place can change.)
_TYPE_TEXT = f" <{_RDF_TYPE}> "
_TYPE_SORTS_FIRST = " \x01 "
_LINE_END = re.compile(r" \.$", re.M)


class KnowledgeGraph:
    """An RDF dataset: a default graph and named graphs, in an in-memory Oxigraph store."""

    def __init__(self) -> None:
        self._store = ox.Store()
        self._view: ox.Store | None = None     # the query view (see query_store), made on demand
        self._view_lock = threading.Lock()      # serve's query threads make it once

    # -- loading -----------------------------------------------------------------------

    @classmethod
    def from_files(cls, *paths: str | Path) -> KnowledgeGraph:
        """Load RDF files (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD)."""
        kg = cls()
        for path in paths:
            kg.load(path)
        return kg

    def load(self, path: str | Path, graph: str | None = None) -> None:
        """Add the triples or quads of one file; triples go to ``graph`` (default graph if None).

        Raises :class:`RdfSyntaxError` naming the file, line and column of the first error.
        """
        path = Path(path)
        if not path.is_file():
            raise RdfSyntaxError("no such file", path)
        fmt = format_for(path)
        data = path.read_bytes()
        if not data.strip():
            raise RdfSyntaxError("file is empty", path)
        self.load_bytes(data, fmt, source=str(path), graph=graph)

    def load_bytes(self, data: bytes, fmt: ox.RdfFormat | str, source: str = "<data>",
                   graph: str | None = None) -> None:
        """Add RDF given as bytes in format ``fmt``."""
        if fmt == "json-ld":
            self._load_jsonld(data, source, graph)
            return
        to_graph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        # parse into a scratch store first, so a file with an error adds nothing
        scratch = ox.Store()
        try:
            scratch.bulk_load(data, format=fmt, base_iri=_base_iri(source), to_graph=to_graph)
        except SyntaxError as err:
            message = _strip_position(str(err.msg if hasattr(err, "msg") else err))
            raise RdfSyntaxError(f"{fmt_name(fmt)} syntax error: {message}", source, err.lineno, err.offset) from None
        except (UnicodeDecodeError, ValueError) as err:
            raise RdfSyntaxError(f"cannot parse as {fmt_name(fmt)}: {err}", source) from None
        if len(self._store) == 0:
            self._store = scratch
        else:
            self._store.extend(scratch)
        self._view = None

    def _load_jsonld(self, data: bytes, source: str, graph: str | None) -> None:
        from labourgraph import outbound
        if not outbound.allowed():
            remote = _remote_contexts(data, _base_iri(source))
            if remote:
                raise RdfSyntaxError(f"JSON-LD: the remote @context <{remote[0]}> is not fetched; {outbound.HINT}",
                                     source)
        ds = rdflib.Dataset()
        try:
            ds.parse(data=data, format="json-ld", publicID=_base_iri(source))
        except Exception as err:  # rdflib raises many kinds here
            raise RdfSyntaxError(f"JSON-LD error: {' '.join(str(err).split())}", source) from None
        self.add_rdflib(ds, graph)

    def add_rdflib(self, data: rdflib.Graph, graph: str | None = None) -> None:
        """Add an rdflib Graph or Dataset (named graphs kept)."""
        to_graph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        if isinstance(data, rdflib.Dataset):
            quads = data.quads((None, None, None, None))
        else:
            quads = ((s, p, o, None) for s, p, o in data)
        out = []
        for s, p, o, g in quads:
            gid = getattr(g, "identifier", g)
            if gid is None or gid == rdflib.graph.DATASET_DEFAULT_GRAPH_ID:
                target = to_graph
            else:
                target = to_ox_term(gid)
            out.append(ox.Quad(to_ox_term(s), to_ox_term(p), to_ox_term(o), target))
        self._store.extend(out)
        self._view = None

    def add(self, quads: Iterable[ox.Quad]) -> None:
        """Add pyoxigraph quads."""
        self._store.extend(quads)
        self._view = None

    def merge(self, other: KnowledgeGraph) -> None:
        """Add every quad of ``other``."""
        self._store.extend(other.quads())
        self._view = None

    # -- reading -----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._store)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """All quads, or those of one named graph."""
        if graph is None:
            return iter(self._store)
        return self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))

    def triples(self) -> set[tuple]:
        """The union of all graphs as a set of (s, p, o) pyoxigraph triples."""
        return {(q.subject, q.predicate, q.object) for q in self._store}

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def union_quads(self) -> Iterator[ox.Quad]:
        """Each triple of the dataset once, as a quad of the default graph (the deduplicated
        union of all graphs: what ``labourgraph push`` sends as the store's default graph)."""
        view = self.query_store()
        return view.quads_for_pattern(None, None, None, ox.DefaultGraph())

    def query_store(self) -> ox.Store:
        """The store queries run on: the named graphs as they are, and as default graph the
        union of all graphs with each triple once (set semantics, docs/model.md "Set semantics").

        pyoxigraph 0.5's ``use_default_graph_as_union`` counts a triple once per graph that
        holds it (oxigraph issue 1919), so labourgraph never uses it; this view is made once
        per change of the graph, in Oxigraph (an ``INSERT ... WHERE { GRAPH ?g ... }``).
        """
        with self._view_lock:
            if self._view is None:
                if not any(True for _ in self._store.named_graphs()):
                    self._view = self._store         # no named graphs: the default graph is the union
                else:
                    view = ox.Store()
                    view.extend(self._store)
                    view.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
                    self._view = view
            return self._view

    def query(self, sparql: str, *, union_default_graph: bool = True, source: str = "<query>"):
        """Run a SPARQL query with set semantics.

        The default graph is the union of all graphs, each triple once (:meth:`query_store`);
        ``GRAPH ?g`` sees the named graphs. With ``union_default_graph=False`` the default
        graph is the dataset's own default graph only.

        Returns pyoxigraph's results: solutions (iterable, ``.variables``), a boolean, or triples.
        Raises :class:`QueryError` on a syntax error, naming line and column.
        """
        try:
            if union_default_graph:
                return self.query_store().query(sparql)
            return self._store.query(sparql)
        except SyntaxError as err:
            line, col = getattr(err, "lineno", None), getattr(err, "offset", None)
            at = re.search(r"at (\d+):(\d+)", str(err))
            if line is None and at:
                line, col = int(at.group(1)), int(at.group(2))
            raise QueryError(f"SPARQL syntax error: {_strip_position(str(err))}", source, line, col) from None
        except OSError as err:
            raise QueryError(f"query failed: {err}", source) from None

    def to_rdflib(self, union: bool = False) -> rdflib.Dataset | rdflib.Graph:
        """An rdflib copy: a Dataset with the named graphs, or (``union=True``) one Graph."""
        if union:
            g = rdflib.Graph()
            for s, p, o in self.triples():
                g.add((to_rdflib_term(s), to_rdflib_term(p), to_rdflib_term(o)))
            return _bind(g)
        ds = rdflib.Dataset()
        for q in self._store:
            gname = to_rdflib_term(q.graph_name)
            target = ds.default_graph if gname is None else ds.graph(gname)
            target.add((to_rdflib_term(q.subject), to_rdflib_term(q.predicate), to_rdflib_term(q.object)))
        return _bind(ds)

    # -- writing -----------------------------------------------------------------------

    def serialize(self, fmt: str = "turtle") -> bytes:
        """Canonical bytes: ``turtle`` and ``nt`` (union of graphs), ``trig`` and ``nq`` (named graphs kept)."""
        if fmt in ("turtle", "ttl"):
            return self._turtle()
        if fmt in ("trig",):
            return self._trig()
        if fmt in ("nt", "ntriples", "n-triples"):
            lines = sorted({f"{q.subject} {q.predicate} {q.object} .\n" for q in self._store})
            return "".join(lines).encode("utf-8")
        if fmt in ("nq", "nquads", "n-quads"):
            lines = sorted(str(q) + " .\n" for q in self._store)
            return "".join(lines).encode("utf-8")
        raise ValueError(f"unknown format {fmt!r}")

    def write(self, path: str | Path, fmt: str | None = None) -> Path:
        """Serialize to ``path`` atomically; the format defaults to the file's suffix."""
        path = Path(path)
        if fmt is None:
            fmt = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nq"}.get(path.suffix, "turtle")
        return write_atomically(path, self.serialize(fmt))

    # Oxigraph's serializer streams triples in the order given, so sorting them first gives
    # canonical Turtle and TriG. They are sorted as N-Triples lines, which Oxigraph writes per
    # graph, with plain string comparison (no Python key): a line's order is _triple_key's
    # order, because a term's text is its N-Triples form, the space after a term sorts before
    # any character that could continue it, and rdf:type as a predicate is written "\x01"
    # while sorting (before any IRI; as an object it is followed by " .", not a term).

    def _sorted_lines(self, graphs) -> str:
        """The N-Triples lines of ``graphs`` (duplicates once), in canonical order."""
        dumps = [self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g) for g in graphs]
        text = b"".join(dumps).decode("utf-8")
        for start in "<_\"":          # an object starts with one of these: rdf:type is the predicate
            text = text.replace(f"{_TYPE_TEXT}{start}", f"{_TYPE_SORTS_FIRST}{start}")
        lines = text.splitlines(keepends=True)
        if len(dumps) > 1:
            lines = set(lines)
        return "".join(sorted(lines)).replace(_TYPE_SORTS_FIRST, _TYPE_TEXT)

    def _graph_names(self) -> list:
        return sorted(self._store.named_graphs(), key=str)

    def _turtle(self) -> bytes:
        text = self._sorted_lines([ox.DefaultGraph(), *self._graph_names()])
        triples = ox.parse(text, format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=False)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_prefixes())

    def _trig(self) -> bytes:
        parts = [self._sorted_lines([ox.DefaultGraph()])]
        for graph in self._graph_names():
            parts.append(_LINE_END.sub(f" {graph} .", self._sorted_lines([graph])))
        quads = ox.parse("".join(parts), format=ox.RdfFormat.N_QUADS, rename_blank_nodes=False)
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_prefixes())


def _remote_contexts(data: bytes, base: str) -> list[str]:
    """The URLs of the contexts a JSON-LD document would fetch from other hosts: every
    ``@context`` (at any depth, scoped contexts included) or ``@import`` given by reference,
    resolved against ``base``, that is not a local ``file:`` URL."""
    import json
    from urllib.parse import urljoin, urlsplit
    try:
        doc = json.loads(data)
    except ValueError:
        return []                                # not JSON: rdflib reports the error
    refs, stack = [], [doc]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key in ("@context", "@import"):
                    refs += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
                stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    urls = [urljoin(base, ref) for ref in refs]
    return [url for url in urls if urlsplit(url).scheme != "file" or urlsplit(url).netloc not in ("", "localhost")]


def _prefixes() -> dict[str, str]:
    return {p: str(ns) for p, ns in sorted(PREFIXES.items())}


def fmt_name(fmt) -> str:
    """A human name for a format."""
    names = {ox.RdfFormat.TURTLE: "Turtle", ox.RdfFormat.TRIG: "TriG", ox.RdfFormat.N_TRIPLES: "N-Triples",
             ox.RdfFormat.N_QUADS: "N-Quads", ox.RdfFormat.RDF_XML: "RDF/XML", ox.RdfFormat.N3: "N3"}
    return names.get(fmt, str(fmt))


def _strip_position(message: str) -> str:
    message = re.sub(r"^(?:Parser error )?(?:between|at) line \d+ column \d+(?: and line \d+ column \d+)?:\s*", "", message)
    return re.sub(r"^error at \d+:\d+:\s*", "", message)


def _base_iri(source: str) -> str:
    try:
        return Path(source).resolve().as_uri()
    except ValueError:
        return "urn:labourgraph:data"


def _bind(graph):
    from labourgraph.namespaces import bind_prefixes
    return bind_prefixes(graph)


__all__ = ["KnowledgeGraph", "write_atomically", "format_for", "to_rdflib_term", "to_ox_term",
           "FORMATS_BY_SUFFIX"]


