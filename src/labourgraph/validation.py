"""Validate RDF data against labourgraph's SHACL shapes, with a report people can act on.

:func:`validate` checks a :class:`~labourgraph.store.KnowledgeGraph` and returns a
:class:`ValidationReport`: sorted :class:`ValidationResult` rows (focus node with its label
and the file and line where it is described, property path, offending value, message in
English or Indonesian), renderable as text (:meth:`ValidationReport.text`), JSON
(:meth:`ValidationReport.to_json`) or the standard ``sh:ValidationReport`` graph
(:attr:`ValidationReport.graph`).

What is validated: the **union** of the default graph and every named graph, so data kept
only in named graphs (TriG, N-Quads) is checked, never skipped (pySHACL, given a dataset,
would validate each graph on its own). To that union the *context* is added: the ontology and
reference data of ``ontology/`` (every ``*.ttl`` but the shapes), so that a user's file may
refer to ``lgr:country-id`` or ``lgc:theme-social-protection`` without restating them.
Only the part of the context within reach of the data is added (see :class:`_Context`), and
results about nodes that occur only in the context (not in the data) are left out.

Reasoning (``inference``):

``subclass`` (default)
    the ontology's ``rdfs:subClassOf`` axioms are in the validated graph, and SHACL itself
    follows them (``sh:targetClass`` and ``sh:class`` look through ``rdfs:subClassOf*``), so
    a node typed ``lg:WorkProgramme`` is checked by the ``lg:Programme`` shapes and satisfies
    ``sh:class lg:Programme``. Nothing is entailed, so no type is guessed from a property's
    domain or range.
``rdfs``
    full RDFS entailment (owlrl) before validation: also types nodes from ``rdfs:domain``
    and ``rdfs:range``. This can hide an error: a mistyped or misspelt object of ``lg:event``
    *becomes* an ``lg:Meeting`` by range inference and then satisfies ``sh:class lg:Meeting``.
``owlrl``
    OWL 2 RL entailment (owlrl): the same caveat, plus inverse and equivalent properties.
``none``
    the data exactly as written, without the context: nothing from ``ontology/`` is added.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from labourgraph.errors import LabourgraphError, ValidationError
from labourgraph.namespaces import PREFIXES, SCHEMA, bind_prefixes
from labourgraph.resources import ontology_dir, shapes_file
from labourgraph.store import KnowledgeGraph

INFERENCE_MODES = ("subclass", "rdfs", "owlrl", "none")
DEFAULT_INFERENCE = "subclass"
ENGINES = ("pyshacl", "turbo")
#: how far from the data the context is followed (links); None adds the whole context
CONTEXT_DEPTH: int | None = 2
LANGUAGES = ("en", "id")

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}

#: the text report's own words, per language (the messages come from the shapes)
_HEADER_WORDS = {
    "en": {"validated": "Validated", "memory": "(in memory)", "in": "in", "default": "the default graph",
           "named": lambda n: f"{n} named graph{'s' if n != 1 else ''}", "plus default": " + the default graph",
           "union": ", checked as one union", "triples": lambda n: f"{n} triple{'s' if n != 1 else ''}",
           "shapes": "shapes", "inference": "inference", "engine": "engine", "conforms": "Conforms",
           "does not conform": "Does not conform",
           "count": lambda n, s: f"{n} {s.lower()}{'s' if n != 1 else ''}"},
    "id": {"validated": "Divalidasi", "memory": "(di memori)", "in": "dalam", "default": "graf bawaan",
           "named": lambda n: f"{n} graf bernama", "plus default": " + graf bawaan",
           "union": ", diperiksa sebagai satu gabungan", "triples": lambda n: f"{n} tripel",
           "shapes": "shape", "inference": "inferensi", "engine": "mesin", "conforms": "Sesuai",
           "does not conform": "Tidak sesuai",
           "count": lambda n, s: f"{n} {_SEVERITY_WORDS['id'][s].lower()}"},
}
_SEVERITY_WORDS = {"id": {"Violation": "Pelanggaran", "Warning": "Peringatan", "Info": "Info"}}


# -- results ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, described for people and keyed for comparison.

    ``focus`` is the node's IRI (``_:label`` for a blank node); ``path``, ``value``, ``shape``
    and ``constraint`` are written as Turtle terms with labourgraph's prefixes. ``message``
    and ``focus_label`` are in the report's language; ``messages`` and ``labels`` keep every
    language, as ``(lang, text)`` pairs.
    """

    focus: str
    focus_label: str | None
    path: str | None
    value: str | None
    message: str
    severity: str
    shape: str
    source_file: str | None
    line: int | None
    constraint: str = ""
    property_shape: str | None = None
    source_shape_iri: str = field(default="", repr=False)
    source_constraint: str = field(default="", repr=False)
    messages: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    labels: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @property
    def key(self) -> tuple[str, str, str, str, str, str]:
        """What makes two results the same finding: focus, path, constraint, value, shape (and
        which SPARQL constraint, when a shape has several)."""
        return (self.focus, self.path or "", self.constraint, self.value or "", self.shape, self.source_constraint)

    def sort_key(self) -> tuple:
        return (self.shape, _SEVERITY_ORDER.get(self.severity, 3), self.source_file or "\uffff",
                self.line or 0, self.focus, self.path or "", self.constraint, self.value or "", self.message)

    def in_language(self, lang: str) -> ValidationResult:
        """The same result with ``message`` and ``focus_label`` in ``lang`` (with fallback)."""
        return replace(self, message=_pick(self.messages, lang) or self.message,
                       focus_label=_pick(self.labels, lang))

    def where(self) -> str:
        """``file:line`` where the focus node is described, or ``""``."""
        if not self.source_file:
            return ""
        return f"{self.source_file}:{self.line}" if self.line else self.source_file

    def to_dict(self) -> dict:
        d = asdict(self)
        d["messages"] = dict(self.messages)
        d["labels"] = dict(self.labels)
        del d["source_shape_iri"], d["source_constraint"]
        return d


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`."""

    conforms: bool
    results: list[ValidationResult]
    graph: rdflib.Graph
    lang: str = "en"
    files: list[str] = field(default_factory=list)
    triples: int = 0
    named_graphs: int = 0
    has_default_graph: bool = True
    shapes: str = ""
    inference: str = DEFAULT_INFERENCE
    engine: str = "turbo"

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    def in_language(self, lang: str) -> ValidationReport:
        return replace(self, lang=lang, results=[r.in_language(lang) for r in self.results])

    def located(self, sources: Sequence[str | Path]) -> ValidationReport:
        """The same report with each focus node's file and line looked up in ``sources``
        (for data validated in memory and written afterwards, as ``labourgraph build`` does)."""
        locator = _Locator(sources)
        results = []
        for r in self.results:
            source_file, line = locator.locate(None if r.focus.startswith("_:") else URIRef(r.focus))
            results.append(replace(r, source_file=source_file, line=line))
        results.sort(key=ValidationResult.sort_key)
        return replace(self, results=results, files=self.files or [str(s) for s in sources])

    def header(self) -> str:
        """What was read and how it was checked, in one line (in the report's language)."""
        w = _HEADER_WORDS.get(self.lang, _HEADER_WORDS["en"])
        files = ", ".join(self.files) if self.files else w["memory"]
        if self.named_graphs:
            graphs = w["named"](self.named_graphs)
            graphs += w["plus default"] if self.has_default_graph else ""
            graphs += w["union"]
        else:
            graphs = w["default"]
        return (f"{w['validated']} {files}: {w['triples'](self.triples)} {w['in']} {graphs}; "
                f"{w['shapes']} {self.shapes}; {w['inference']} {self.inference}; {w['engine']} {self.engine}")

    def summary(self) -> str:
        w = _HEADER_WORDS.get(self.lang, _HEADER_WORDS["en"])
        counts = {s: sum(1 for r in self.results if r.severity == s) for s in _SEVERITY_ORDER}
        parts = [w["count"](n, s) for s, n in counts.items() if n]
        verdict = w["conforms"] if self.conforms else w["does not conform"]
        return verdict + (": " + ", ".join(parts) if parts else "") + "."

    def text(self, lang: str | None = None) -> str:
        """A readable report: header, verdict, then the results grouped by shape."""
        report = self.in_language(lang) if lang and lang != self.lang else self
        lines = [report.header(), report.summary()]
        return "\n".join(lines) + "\n" + report.body()

    def body(self) -> str:
        """The results grouped by shape: focus (label, file:line), path = value, message."""
        lines: list[str] = []
        groups: dict[str, list[ValidationResult]] = {}
        for r in self.results:
            groups.setdefault(r.shape, []).append(r)
        for shape, results in groups.items():
            lines.append("")
            lines.append(f"{shape} ({len(results)})")
            for r in results:
                label = f' "{r.focus_label}"' if r.focus_label else ""
                where = f" ({r.where()})" if r.where() else ""
                severity = _SEVERITY_WORDS.get(self.lang, {}).get(r.severity, r.severity)
                lines.append(f"  {severity}: {curie(r.focus)}{label}{where}")
                what = r.path or "(node)"
                if r.value is not None:
                    what += f" = {r.value}"
                lines.append(f"    {what}")
                lines.append(f"    {r.message}")
        return "\n".join(lines) + "\n" if lines else ""

    def to_json(self, lang: str | None = None) -> str:
        """The report as JSON (sorted keys, stable order)."""
        report = self.in_language(lang) if lang and lang != self.lang else self
        doc = {
            "conforms": report.conforms,
            "files": report.files,
            "triples": report.triples,
            "named_graphs": report.named_graphs,
            "shapes": report.shapes,
            "inference": report.inference,
            "engine": report.engine,
            "lang": report.lang,
            "results": [r.to_dict() for r in report.results],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def turtle(self) -> str:
        """The standard SHACL report graph as Turtle (deterministic)."""
        return self.graph.serialize(format="turtle")


# -- validation ------------------------------------------------------------------------

def validate(data: KnowledgeGraph, shapes: str | Path | None = None, *,
             inference: str = DEFAULT_INFERENCE, context: Sequence[str | Path] | None = None,
             lang: str = "en", sources: Sequence[str | Path] = (), engine: str = "turbo") -> ValidationReport:
    """Validate ``data`` (the union of all its graphs) against the SHACL ``shapes``.

    :param data: the data to check.
    :param shapes: a shapes file; labourgraph's ``ontology/shapes.ttl`` by default.
    :param inference: ``subclass`` (default), ``rdfs``, ``owlrl`` or ``none`` (see the module).
    :param context: ontology and reference files added to the data (not for ``none``);
        default every ``*.ttl`` of ``ontology/`` but the shapes.
    :param lang: language of messages and labels (``en`` or ``id``), with fallback.
    :param sources: the files ``data`` was read from, to give each focus node a file and line.
    :param engine: ``turbo`` (pyshacl-turbo, the default: it gives pySHACL's results, as the
        tests check, several times faster) or ``pyshacl`` (the reference).
    :raises ValidationError: unknown option, unreadable shapes, validator failure.
    :raises RdfSyntaxError: a shapes or context file does not parse.
    """
    if inference not in INFERENCE_MODES:
        raise ValidationError(f"unknown inference {inference!r}; use one of {', '.join(INFERENCE_MODES)}")
    if engine not in ENGINES:
        raise ValidationError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    shapes_path = Path(shapes) if shapes is not None else shapes_file()
    shapes_graph = _load_graph(shapes_path)
    shape_prefixes = _file_prefixes(shapes_path)

    pyshacl_inference = {"subclass": "none", "none": "none", "rdfs": "rdfs", "owlrl": "owlrl"}[inference]
    if engine == "turbo":
        # pyshacl-turbo reads an Oxigraph store: the union of the data's graphs is copied
        # store to store (N-Triples, in Oxigraph), not into rdflib
        data_graph = _StoreGraph(data)
        data_nodes = data_graph
        n_data = len(data_graph.store)
        if inference != "none":
            paths = [Path(p) for p in context] if context is not None else context_files(exclude=shapes_path)
            ctx = _context(paths)
            data_graph.add_graph(ctx.relevant_to(data_graph.nodes_among(ctx.nodes), CONTEXT_DEPTH))
        conforms, results_graph = _run_engine(engine, data_graph.ntriples(), shapes_graph, pyshacl_inference)
    else:
        data_graph = data.to_rdflib(union=True)
        data_nodes = _nodes(data_graph)
        n_data = len(data_graph)
        if inference != "none":
            paths = [Path(p) for p in context] if context is not None else context_files(exclude=shapes_path)
            data_graph += _context(paths).relevant_to(data_nodes, CONTEXT_DEPTH)
        conforms, results_graph = _run_engine(engine, data_graph, shapes_graph, pyshacl_inference)

    locator = _Locator(sources)
    results = []
    nested = set(results_graph.objects(None, SH.detail))       # details of a top-level result
    for node in results_graph.subjects(RDF.type, SH.ValidationResult):
        if node in nested:
            continue
        focus = results_graph.value(node, SH.focusNode)
        if focus is not None and focus not in data_nodes:
            continue                      # about the context only, not about the data
        results.append(_describe(node, results_graph, shapes_graph, data_graph, locator, lang, shape_prefixes))
    results.sort(key=ValidationResult.sort_key)
    conforms = not any(r.severity == "Violation" for r in results)
    names = data.named_graphs()
    in_named = sum(1 for g in names for _ in data.quads(g))
    has_default = len(data) > in_named
    return ValidationReport(
        conforms=conforms, results=results, graph=report_graph(results, conforms), lang=lang,
        files=[str(s) for s in sources], triples=n_data, named_graphs=len(names),
        has_default_graph=has_default or not names, shapes=str(shapes_path), inference=inference,
        engine=engine)


def validate_files(paths: Sequence[str | Path], shapes: str | Path | None = None, **options) -> ValidationReport:
    """Load RDF files (any format :class:`KnowledgeGraph` reads) and :func:`validate` them."""
    if not paths:
        raise ValidationError("no data files given")
    data = KnowledgeGraph.from_files(*paths)
    return validate(data, shapes, sources=list(paths), **options)


def context_files(exclude: Path | None = None) -> list[Path]:
    """The ontology and reference files added to validated data: ``ontology/*.ttl`` but shapes."""
    try:
        folder = ontology_dir()
    except FileNotFoundError:
        return []
    skip = exclude.resolve() if exclude is not None else None
    return [p for p in sorted(folder.glob("*.ttl"))
            if "shapes" not in p.stem and p.resolve() != skip]


def _run_engine(engine: str, data_graph, shapes_graph: rdflib.Graph, inference: str):
    """Run ``engine`` on ``data_graph``: an rdflib Graph that is ours to change (pySHACL
    validates it in place, without copying it, when it infers nothing), or for turbo
    N-Triples bytes."""
    options = dict(shacl_graph=shapes_graph, inference=inference, abort_on_first=False,
                   allow_warnings=True, allow_infos=True, advanced=True, meta_shacl=False, debug=False)
    try:
        if engine == "turbo":
            try:
                import pyshacl_turbo as engine_module
            except ImportError:
                raise ValidationError("engine 'turbo' needs pyshacl-turbo: pip install pyshacl-turbo") from None
            if isinstance(data_graph, bytes):
                options["data_graph_format"] = "nt"
            conforms, results_graph, _text = engine_module.validate(data_graph, **options)
        else:
            import pyshacl as engine_module
            # with inference, the entailed triples must not reach the labels of the report
            conforms, results_graph, _text = engine_module.validate(data_graph, inplace=inference == "none",
                                                                    **options)
    except LabourgraphError:
        raise
    except Exception as err:  # pySHACL raises ReportableRuntimeError and others on bad shapes
        raise ValidationError(f"{engine} could not validate: {' '.join(str(err).split())}") from None
    return conforms, results_graph


_TBOX_TYPES = frozenset(URIRef(t) for t in (
    f"{OWL}Class", f"{RDFS}Class", f"{RDF}Property", f"{OWL}ObjectProperty", f"{OWL}DatatypeProperty",
    f"{OWL}AnnotationProperty", f"{OWL}FunctionalProperty", f"{OWL}InverseFunctionalProperty",
    f"{OWL}TransitiveProperty", f"{OWL}SymmetricProperty", f"{OWL}Ontology", f"{SKOS}ConceptScheme"))
_TBOX_PREDICATES = frozenset((RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf,
                              OWL.equivalentClass, OWL.equivalentProperty))


class _Context:
    """The ontology and reference files, indexed to pick what a given data graph needs.

    Validating all reference entities each time would cost most of the time of checking a
    small file, and results about them are not shown. So only this part of the context is
    added: the ontology proper (classes, properties, schemes, and their axioms), and the
    triples about nodes within two links of the data (forwards), plus the triples that
    point at a data node (one link backwards) and the types of their subjects.
    Only SPARQL constraints can look further; :data:`CONTEXT_DEPTH` ``= None`` adds everything
    (the tests check that both give the same results).
    """

    def __init__(self, graph: rdflib.Graph):
        self.graph = graph
        self.by_subject: dict = {}
        self.by_object: dict = {}
        tbox_nodes = {s for s, o in graph.subject_objects(RDF.type) if o in _TBOX_TYPES}
        self.tbox_nodes = tbox_nodes
        self.tbox: list = []
        for t in graph:
            self.by_subject.setdefault(t[0], []).append(t)
            if not isinstance(t[2], Literal):
                self.by_object.setdefault(t[2], []).append(t)
            if t[0] in tbox_nodes or t[1] in _TBOX_PREDICATES:
                self.tbox.append(t)
        #: every IRI and blank node of the context (only these can select context triples)
        self.nodes = {n for n in (*self.by_subject, *self.by_object) if not isinstance(n, Literal)}
        # blank nodes hanging off the ontology (owl:unionOf lists, restrictions)
        todo = [t[2] for t in self.tbox if isinstance(t[2], BNode)]
        seen = set(todo)
        while todo:
            for t in self.by_subject.get(todo.pop(), ()):
                self.tbox.append(t)
                if isinstance(t[2], BNode) and t[2] not in seen:
                    seen.add(t[2])
                    todo.append(t[2])

    def relevant_to(self, nodes: set, depth: int | None) -> rdflib.Graph:
        out = rdflib.Graph()
        if depth is None:
            out += self.graph
            return out
        keep = set(self.tbox)
        seen = set(nodes) | self.tbox_nodes      # the ontology is in already: do not walk through it
        frontier = set()
        for node in nodes:
            for t in self.by_object.get(node, ()):
                keep.add(t)
                keep.update((s, p, o) for s, p, o in self.by_subject.get(t[0], ()) if p == RDF.type)
        frontier |= {n for n in nodes if not isinstance(n, Literal) and n not in self.tbox_nodes}
        for _ in range(depth):
            following = set()
            for node in frontier:
                for t in self.by_subject.get(node, ()):
                    keep.add(t)
                    if not isinstance(t[2], Literal) and t[2] not in seen:
                        following.add(t[2])
            seen |= frontier
            frontier = following - seen
        for t in keep:
            out.add(t)
        return out


class _StoreGraph:
    """The union of a KnowledgeGraph's graphs in a new Oxigraph store (its default graph),
    for an engine that reads Oxigraph, with the little of rdflib's Graph API the report uses
    (``objects``, and ``in`` for "is a node of the data")."""

    def __init__(self, data: KnowledgeGraph):
        import pyoxigraph as ox

        self._ox = ox
        self.store = ox.Store()
        source = data._store
        for graph in (ox.DefaultGraph(), *source.named_graphs()):
            # parsed as N-Quads (into the default graph), keeping blank node labels
            self.store.extend(ox.parse(source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph),
                                       format=ox.RdfFormat.N_QUADS, rename_blank_nodes=False))
        self._data = source

    def __contains__(self, node) -> bool:
        """Whether ``node`` (an rdflib term) is a subject or object in the data (not the context)."""
        from labourgraph.store import to_ox_term

        if node is None:
            return False
        term = to_ox_term(node)
        if not isinstance(term, self._ox.Literal) and next(self._data.quads_for_pattern(term, None, None), None):
            return True
        return next(self._data.quads_for_pattern(None, None, term), None) is not None

    def ntriples(self) -> bytes:
        """The graph as N-Triples, which pyshacl-turbo reads natively. (Given the store itself,
        pyshacl-turbo 0.6.5 finds a plain literal outside an ``sh:in`` list that holds it.)"""
        return self.store.dump(format=self._ox.RdfFormat.N_TRIPLES, from_graph=self._ox.DefaultGraph())

    def nodes_among(self, nodes) -> set:
        """The ones of ``nodes`` that occur in the data."""
        return {n for n in nodes if n in self}

    def add_graph(self, graph: rdflib.Graph) -> None:
        from labourgraph.store import to_ox_term

        self.store.extend(self._ox.Quad(to_ox_term(s), to_ox_term(p), to_ox_term(o)) for s, p, o in graph)

    def objects(self, subject, predicate):
        from labourgraph.store import to_ox_term, to_rdflib_term

        for q in self.store.quads_for_pattern(to_ox_term(subject), to_ox_term(predicate), None):
            yield to_rdflib_term(q.object)


@lru_cache(maxsize=8)
def _context_cached(key: tuple) -> _Context:
    graph = rdflib.Graph()
    for path, _mtime, _size in key:
        graph += _load_cached(path, _mtime, _size)
    return _Context(graph)


def _context(paths: Sequence[Path]) -> _Context:
    from labourgraph.errors import RdfSyntaxError
    key = []
    for path in paths:
        if not path.is_file():
            raise RdfSyntaxError("no such file", path)
        st = path.stat()
        key.append((str(path), st.st_mtime_ns, st.st_size))
    return _context_cached(tuple(key))


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime_ns: int, size: int) -> rdflib.Graph:
    return KnowledgeGraph.from_files(path).to_rdflib(union=True)


def _load_graph(path: Path) -> rdflib.Graph:
    """A parsed RDF file as an rdflib Graph (cached while the file is unchanged)."""
    from labourgraph.errors import RdfSyntaxError
    if not path.is_file():
        raise RdfSyntaxError("no such file", path)
    st = path.stat()
    return _load_cached(str(path), st.st_mtime_ns, st.st_size)


def _file_prefixes(path: Path) -> list[tuple[str, str]]:
    """The ``@prefix``/``PREFIX`` declarations of a Turtle file, longest namespace first."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    found = {m.group(1) or "": m.group(2) for m in map(_PREFIX_DECL.match, text.splitlines()) if m}
    return sorted(((p, ns) for p, ns in found.items() if p and ns), key=lambda kv: -len(kv[1]))


def _nodes(graph: rdflib.Graph) -> set:
    nodes = set()
    for s, _p, o in graph:
        nodes.add(s)
        nodes.add(o)
    return nodes


# -- describing a result ---------------------------------------------------------------

def _describe(node, results_graph, shapes_graph, data_graph, locator, lang, shape_prefixes=()) -> ValidationResult:
    rg = results_graph
    focus = rg.value(node, SH.focusNode)
    source_shape = rg.value(node, SH.sourceShape)
    path_node = rg.value(node, SH.resultPath)
    value = rg.value(node, SH.value)
    severity = rg.value(node, SH.resultSeverity)
    component = rg.value(node, SH.sourceConstraintComponent)
    messages = tuple(sorted({(m.language or "", str(m)) for m in rg.objects(node, SH.resultMessage)
                             if isinstance(m, Literal)}))
    if not messages:
        detail = rg.value(node, SH.resultMessage)
        messages = (("", str(detail) if detail else _component_name(component)),)
    messages = fill_message_templates(messages, focus, path_node, value, rg)
    node_shape, property_shape = _owning_shape(source_shape, shapes_graph, shape_prefixes)
    labels = _labels(focus, data_graph)
    source_file, line = locator.locate(focus)
    return ValidationResult(
        focus=_node_id(focus),
        focus_label=_pick(labels, lang),
        path=_path_text(path_node, rg) if path_node is not None else None,
        value=_term_text(value) if value is not None else None,
        message=_pick(messages, lang) or "",
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        shape=node_shape,
        source_file=source_file,
        line=line,
        constraint=_term_text(component) if component is not None else "",
        source_constraint=_constraint_id(rg.value(node, SH.sourceConstraint), shapes_graph),
        property_shape=property_shape,
        source_shape_iri=_shape_id(source_shape, shapes_graph, node_shape),
        messages=messages,
        labels=labels,
    )


_TEMPLATE = re.compile(r"\{[$?](this|path|value)\}")


def fill_message_templates(messages, focus, path, value, graph: rdflib.Graph) -> tuple[tuple[str, str], ...]:
    """Messages with ``{$this}``, ``{$path}`` and ``{$value}`` (SHACL 1.0 section 2.3.2; also
    ``{?value}``) replaced by the focus node, result path and value, written as Turtle terms,
    so that a message can say what it got: ``expected an integer edition, got "nineteen"``.
    pySHACL fills templates only for SPARQL constraints."""
    terms = {"this": focus, "path": path, "value": value}

    def term(match: re.Match) -> str:
        found = terms[match.group(1)]
        if found is None:
            return "(none)"
        return _path_text(found, graph) if match.group(1) == "path" else _term_text(found)

    return tuple((lang, _TEMPLATE.sub(term, text)) for lang, text in messages)


def _shape_id(shape, shapes_graph: rdflib.Graph, owner: str) -> str:
    """The source shape's IRI, or a stable blank-node label for an anonymous one."""
    if shape is None:
        return ""
    if isinstance(shape, URIRef):
        return str(shape)
    path = shapes_graph.value(shape, SH.path)
    described = f"{owner}|{_path_text(path, shapes_graph) if path is not None else ''}|" + " ".join(
        sorted(f"{p} {o}" for p, o in shapes_graph.predicate_objects(shape) if not isinstance(o, BNode)))
    return "_:shape-" + hashlib.sha1(described.encode("utf-8")).hexdigest()[:12]


def _constraint_id(constraint, shapes_graph: rdflib.Graph) -> str:
    """A stable name for a SPARQL constraint (blank nodes differ from parse to parse)."""
    if constraint is None:
        return ""
    if isinstance(constraint, URIRef):
        return _term_text(constraint)
    text = " ".join(sorted(str(o) for p in (SH.message, SH.select, SH.ask) for o in shapes_graph.objects(constraint, p)))
    return "sparql:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _owning_shape(shape, shapes_graph: rdflib.Graph, extra=()) -> tuple[str, str | None]:
    """The node shape to group a result under, and the property shape (if a named one)."""
    if shape is None:
        return "(unknown shape)", None
    if (shape, SH.path, None) in shapes_graph:
        parents = sorted((p for p in shapes_graph.subjects(SH.property, shape)), key=_stable_key)
        prop_name = None if isinstance(shape, BNode) else _term_text(shape, extra)
        if parents:
            return _shape_name(parents[0], shapes_graph, extra), prop_name
        return _shape_name(shape, shapes_graph, extra), prop_name
    return _shape_name(shape, shapes_graph, extra), None


def _shape_name(shape, shapes_graph, extra=()) -> str:
    if isinstance(shape, BNode):
        target = shapes_graph.value(shape, SH.targetClass)
        path = shapes_graph.value(shape, SH.path)
        if target is not None:
            return f"(shape for {_term_text(target)})"
        if path is not None:
            return f"(shape on {_path_text(path, shapes_graph)})"
        return "(anonymous shape)"
    return _term_text(shape, extra)


def _stable_key(term) -> tuple:
    return (isinstance(term, BNode), str(term))


_LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label, SCHEMA.name, SKOS.altLabel)


def _labels(node, graph: rdflib.Graph) -> tuple[tuple[str, str], ...]:
    """``(lang, label)`` pairs from the first label property the node has."""
    if node is None:
        return ()
    for prop in _LABEL_PROPERTIES:
        found = sorted({(o.language or "", str(o)) for o in graph.objects(node, prop) if isinstance(o, Literal)})
        if found:
            # one label per language: the first in sorted order
            by_lang: dict[str, str] = {}
            for lg, text in found:
                by_lang.setdefault(lg, text)
            return tuple(sorted(by_lang.items()))
    return ()


def _pick(pairs: Iterable[tuple[str, str]], lang: str) -> str | None:
    """The text in ``lang``; else untagged; else English; else Indonesian; else any."""
    by_lang: dict[str, str] = {}
    for lg, text in pairs:
        by_lang.setdefault(lg.lower(), text)
    for choice in (lang.lower(), "", "en", "id"):
        if choice in by_lang:
            return by_lang[choice]
    for lg in sorted(by_lang):
        if lg.split("-")[0] == lang.lower():
            return by_lang[lg]
    return by_lang[sorted(by_lang)[0]] if by_lang else None


def _component_name(component) -> str:
    if component is None:
        return "constraint not satisfied"
    name = str(component).rsplit("#", 1)[-1]
    return name.removesuffix("ConstraintComponent") + " constraint not satisfied"


# -- writing terms ---------------------------------------------------------------------

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*(?<!\.)$|^$")
_NAMESPACES = sorted(((p, str(ns)) for p, ns in PREFIXES.items()), key=lambda kv: -len(kv[1]))


def curie(iri: str, extra: Sequence[tuple[str, str]] = ()) -> str:
    """A CURIE with labourgraph's prefixes (then ``extra`` ones), else ``<iri>`` (blank nodes stay ``_:x``)."""
    if iri.startswith("_:"):
        return iri
    for prefix, ns in [*_NAMESPACES, *extra]:
        if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _node_id(term) -> str:
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _term_text(term, extra: Sequence[tuple[str, str]] = ()) -> str:
    """A term as Turtle."""
    if isinstance(term, URIRef):
        return curie(str(term), extra)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        lexical = json.dumps(str(term), ensure_ascii=False)
        if term.language:
            return f"{lexical}@{term.language}"
        if term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f"{lexical}^^{curie(str(term.datatype))}"
        return lexical
    return str(term)


def _path_text(path, graph: rdflib.Graph, depth: int = 0) -> str:
    """A SHACL property path in SPARQL syntax: ``lg:event``, ``^org:member``, ``a/b``, ``a|b``."""
    if isinstance(path, URIRef) or depth > 8:
        return _term_text(path)
    if (path, RDF.first, None) in graph:
        return "/".join(_path_text(p, graph, depth + 1) for p in Collection(graph, path))
    for prop, fmt in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"), (SH.oneOrMorePath, "{}+"),
                      (SH.zeroOrOnePath, "{}?")):
        inner = graph.value(path, prop)
        if inner is not None:
            return fmt.format(_path_text(inner, graph, depth + 1))
    alts = graph.value(path, SH.alternativePath)
    if alts is not None:
        return "(" + "|".join(_path_text(p, graph, depth + 1) for p in Collection(graph, alts)) + ")"
    return _term_text(path)


# -- the standard report graph ---------------------------------------------------------

def report_graph(results: Sequence[ValidationResult], conforms: bool) -> rdflib.Graph:
    """A ``sh:ValidationReport`` graph for ``results``, with stable blank-node labels."""
    g = bind_prefixes(rdflib.Graph())
    report = BNode("report")
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, Literal(conforms)))
    width = len(str(len(results)))
    for i, r in enumerate(results, 1):
        node = BNode(f"result{i:0{width}d}")
        g.add((report, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.focusNode, _from_id(r.focus)))
        g.add((node, SH.resultSeverity, SH[r.severity]))
        if r.constraint:
            g.add((node, SH.sourceConstraintComponent, _expand(r.constraint)))
        # sh:sourceShape: the reporting shape (anonymous ones get a stable blank-node label)
        if r.source_shape_iri:
            g.add((node, SH.sourceShape, _from_id(r.source_shape_iri)))
        if r.path and re.fullmatch(r"[A-Za-z][\w-]*:[\w.\-]*|<[^>]+>", r.path):
            g.add((node, SH.resultPath, _expand(r.path)))
        if r.value is not None:
            g.add((node, SH.value, _parse_term(r.value)))
        for lg, text in r.messages:
            g.add((node, SH.resultMessage, Literal(text, lang=lg or None)))
    return g


def _expand(text: str) -> URIRef:
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    prefix, _, local = text.partition(":")
    return URIRef(str(PREFIXES[prefix]) + local) if prefix in PREFIXES else URIRef(text)


def _from_id(node_id: str):
    return BNode(node_id[2:]) if node_id.startswith("_:") else URIRef(node_id)


def _parse_term(text: str):
    if text.startswith("_:"):
        return BNode(text[2:])
    if not text.startswith('"'):
        return _expand(text)
    end = _closing_quote(text)
    lexical = json.loads(text[:end + 1])
    rest = text[end + 1:]
    if rest.startswith("@"):
        return Literal(lexical, lang=rest[1:])
    if rest.startswith("^^"):
        return Literal(lexical, datatype=_expand(rest[2:]))
    return Literal(lexical)


def _closing_quote(text: str) -> int:
    i = 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i
        i += 1
    return len(text) - 1


# -- where a node stands in a file -----------------------------------------------------

_PREFIX_DECL = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.\-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_FIRST_TERM = re.compile(r"^\s*(?:GRAPH\s+)?(<[^>\s]*>|[A-Za-z][\w.\-]*:[^\s;,()\[\]{}]*|:[^\s;,()\[\]{}]*|_:[\w.\-]+)",
                         re.IGNORECASE)
_GRAPH_OPEN = re.compile(r"^\s*(?:GRAPH\s+)?(?:<[^>\s]*>|[A-Za-z][\w.\-]*:[^\s{]*|:[^\s{]*)?\s*\{\s*", re.IGNORECASE)


class _Locator:
    """Finds the first line where a node is the subject of a statement in the data files.

    A text search, not a parse: it knows the files' prefixes and where statements start
    (after a line ending in ``.``, ``{`` or ``}``), and falls back to the first line that
    mentions the node at all.
    """

    def __init__(self, files: Sequence[str | Path]):
        self._files = []
        for f in files:
            try:
                text = Path(f).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            self._files.append((str(f), text.splitlines(), *self._index(text.splitlines())))

    @staticmethod
    def _index(lines: list[str]) -> tuple[dict[str, str], dict[str, int]]:
        prefixes: dict[str, str] = {}
        subjects: dict[str, int] = {}
        statement_start = True
        for number, line in enumerate(lines, 1):
            stripped = line.split("#", 1)[0].strip() if "<" not in line else line.strip()
            decl = _PREFIX_DECL.match(line)
            if decl:
                prefixes[decl.group(1) or ""] = decl.group(2)
                statement_start = True
                continue
            if not stripped or stripped.startswith("#"):
                continue
            rest = line
            opened = _GRAPH_OPEN.match(line)
            if opened and opened.end() < len(line.rstrip()):
                rest, statement_start = line[opened.end():], True
            if statement_start:
                m = _FIRST_TERM.match(rest)
                if m:
                    subjects.setdefault(m.group(1), number)
            statement_start = stripped.endswith((".", "{", "}"))
        return prefixes, subjects

    def _tokens(self, iri: str, prefixes: dict[str, str]) -> list[str]:
        if iri.startswith("_:"):
            return []
        tokens = [f"<{iri}>"]
        for prefix, ns in prefixes.items():
            if ns and iri.startswith(ns):
                tokens.append(f"{prefix}:{iri[len(ns):]}")
        return tokens

    def locate(self, node) -> tuple[str | None, int | None]:
        if node is None or isinstance(node, BNode):
            return None, None
        iri = str(node)
        for name, _lines, prefixes, subjects in self._files:
            found = [subjects[t] for t in self._tokens(iri, prefixes) if t in subjects]
            if found:
                return name, min(found)
        for name, lines, prefixes, _subjects in self._files:
            tokens = self._tokens(iri, prefixes) + [iri]
            pattern = re.compile("|".join(re.escape(t) + r"(?![\w\-:/#])" for t in tokens))
            for number, line in enumerate(lines, 1):
                if pattern.search(line):
                    return name, number
        return None, None


__all__ = ["validate", "validate_files", "curie", "context_files", "report_graph", "ValidationReport",
           "ValidationResult", "INFERENCE_MODES", "DEFAULT_INFERENCE", "ENGINES", "LANGUAGES"]


# -- new data in the context of a build ------------------------------------------------

def validate_in_build(paths: Sequence[str | Path], build_dir: str | Path, shapes: str | Path | None = None, *,
                      inference: str = DEFAULT_INFERENCE, lang: str = "en") -> tuple[ValidationReport, object]:
    """Check data files in the context of a build, with the verdict of ``labourgraph add --dry-run``.

    This *is* the add's code path (:func:`labourgraph.additions.add` with ``dry_run=True``):
    the files are validated together with the build, so they may refer to the persons,
    meetings and organisations it holds, and only the results they introduce are reported.
    Returns the report of those results (``conforms``: no new violation) and the add's
    :class:`~labourgraph.additions.AddResult`.
    """
    from labourgraph.additions import add

    result = add(list(paths), build_dir, shapes=shapes, inference=inference, lang=lang, dry_run=True)
    new = sorted(result.new_results, key=ValidationResult.sort_key)
    report = replace(result.report, conforms=result.conforms, results=new, graph=report_graph(new, result.conforms),
                     files=[str(p) for p in paths])
    return report, result
