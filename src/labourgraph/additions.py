"""Add hand-made or third-party RDF to a built graph, only if it fits the shapes.

:func:`add` validates new data *together with* the existing build, keeps only the results the
new data introduces (the existing graph's own results, compared by
:attr:`~labourgraph.validation.ValidationResult.key`, are not the new data's fault), and
merges the data only when it introduces no violation (or when forced).

Each added file becomes one **addition**, named by the SHA-1 of its bytes (first 12 hex):

* its triples (all of its graphs, flattened; blank nodes replaced by IRIs
  ``lgr:addition-<sha>-node-<hash>``, as built data has none) go to the named graph
  ``lgr:graph-addition-<sha>``, together with their provenance::

      lgr:addition-<sha> a prov:Activity ;
          prov:used lgr:file-<sha> ; prov:wasAssociatedWith lgr:agent-<user> ;
          prov:generated lgr:graph-addition-<sha> ; dcterms:date "2026-11-25"^^xsd:date .
      lgr:file-<sha> a prov:Entity ; schema:name "meeting.ttl" ; dcterms:identifier "sha1:…" .
      lgr:agent-<user> a prov:Agent ; skos:prefLabel "alice" .

  who: ``--by`` or ``$USER``; when: ``--when`` or today's date (UTC, day precision). The
  date is fixed once, in the addition's file, so rebuilds stay byte-identical;

* the addition is stored as ``additions/addition-<sha>.trig`` in the folder *next to* the
  build folder (``./additions`` for ``./build``, next to ``seeds/``). Additions are source
  data, like the seed articles: ``build/`` is disposable (ignored by git, may be wiped),
  ``additions/`` is kept and can be reviewed in git. ``labourgraph build`` merges every
  addition through :func:`load_additions`, so an addition survives a rebuild.

The merge is atomic and one at a time: ``add`` holds the build folder's lock, writes the
addition file (through a temporary file and a rename), then publishes both build files as
one unit (:mod:`labourgraph.publish`). A kill before the publish leaves the old build and an
addition file that a rerun (or the next ``build``) merges; it can never leave a new ``.ttl``
beside an old ``.trig``.

Some data is refused whatever ``--force`` says (:func:`check_addition`): triples that
redefine the ontology, and provenance or confidence attached to facts already in the build.
``labourgraph additions list|remove`` shows the additions and takes one back out.
"""
from __future__ import annotations

import datetime as _dt
import functools
import getpass
import hashlib
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib

from labourgraph.errors import LabourgraphError, RdfSyntaxError, ValidationError
from labourgraph.namespaces import DCTERMS, LG, LGR, OA, OWL, PROV, RDF, RDFS, SCHEMA, SH, SKOS, XSD, slug
from labourgraph.pipeline import DEFAULT_BUILD_DIR, TRIG_NAME, TURTLE_NAME, load_built_graph
from labourgraph.publish import DEFAULT_LOCK_TIMEOUT, build_lock, publish, remove_leftovers
from labourgraph.store import KnowledgeGraph, write_atomically
from labourgraph.validation import DEFAULT_INFERENCE, ValidationReport, ValidationResult, validate

ADDITIONS_DIR_NAME = "additions"
_ADDITION_FILE = re.compile(r"^addition-([0-9a-f]{12})\.trig$")


def additions_dir_for(build_dir: str | Path = DEFAULT_BUILD_DIR) -> Path:
    """Where the additions of a build live: ``additions/`` beside the build folder."""
    build_dir = Path(os.path.normpath(build_dir))
    if build_dir.name in ("", ".", ".."):
        build_dir = build_dir.absolute()
    return build_dir.parent / ADDITIONS_DIR_NAME


def load_additions(build_dir: str | Path = DEFAULT_BUILD_DIR, additions_dir: str | Path | None = None) -> KnowledgeGraph:
    """Every stored addition (``addition-*.trig``, in name order) as one graph; empty if none.

    This is what ``labourgraph build`` merges into a fresh build.
    """
    folder = Path(additions_dir) if additions_dir is not None else additions_dir_for(build_dir)
    kg = KnowledgeGraph()
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if _ADDITION_FILE.match(path.name):
                kg.load(path)
    return kg


@dataclass
class Addition:
    """One added file: its id (12 hex of SHA-1), its graph and where it is stored."""

    source: Path
    sha1: str
    graph: KnowledgeGraph
    triples: int
    data: list[tuple] = field(default_factory=list, repr=False)   # the file's own triples

    @property
    def id(self) -> str:
        return self.sha1[:12]

    @property
    def graph_iri(self) -> str:
        return str(LGR[f"graph-addition-{self.id}"])

    @property
    def file_name(self) -> str:
        return f"addition-{self.id}.trig"


@dataclass
class AddResult:
    """What :func:`add` found and did."""

    additions: list[Addition]
    new_results: list[ValidationResult]       # results the new data introduces
    resolved: list[ValidationResult]          # existing results the new data makes go away
    report: ValidationReport                   # the combined graph's full report
    existing_triples: int
    merged: bool = False
    already_present: list[Addition] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    repaired: list[Path] = field(default_factory=list)   # build files rewritten to match the .trig

    @property
    def new_violations(self) -> list[ValidationResult]:
        return [r for r in self.new_results if r.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        """True when the new data introduces no violation."""
        return not self.new_violations


def read_addition(path: str | Path, *, by: str, when: str) -> Addition:
    """Read one data file as an addition: its triples plus their provenance, in its own graph."""
    path = Path(path)
    raw = KnowledgeGraph.from_files(path)            # raises RdfSyntaxError with file:line:col
    sha1 = hashlib.sha1(path.read_bytes()).hexdigest()
    addition = Addition(path, sha1, KnowledgeGraph(), 0)
    graph = ox.NamedNode(addition.graph_iri)
    triples = _skolemized({(q.subject, q.predicate, q.object) for q in raw.quads()}, addition.id)
    addition.triples = len(triples)
    addition.data = triples
    quads = [ox.Quad(s, p, o, graph) for s, p, o in triples]
    quads += [ox.Quad(s, p, o, graph) for s, p, o in _provenance(addition, by, when)]
    addition.graph.add(quads)
    return addition


def _skolemized(triples: set[tuple], addition_id: str) -> list[tuple]:
    """The triples, sorted, with each blank node replaced by an IRI
    ``lgr:addition-<id>-node-<hash>`` from its canonical label (RDFC via rdflib), so built data
    has no blank nodes (docs/model.md) and the same file always gives the same bytes."""
    if not any(isinstance(t, ox.BlankNode) for s, _p, o in triples for t in (s, o)):
        return sorted(triples, key=str)
    from rdflib.compare import to_canonical_graph

    from labourgraph.store import to_ox_term, to_rdflib_term
    graph = rdflib.Graph()
    for t in triples:
        graph.add(tuple(to_rdflib_term(x) for x in t))

    def skolem(term):
        if isinstance(term, rdflib.BNode):
            digest = hashlib.sha1(str(term).encode("utf-8")).hexdigest()[:16]
            return ox.NamedNode(str(LGR[f"addition-{addition_id}-node-{digest}"]))
        return to_ox_term(term)

    return sorted({tuple(skolem(x) for x in t) for t in to_canonical_graph(graph)}, key=str)


def _provenance(addition: Addition, by: str, when: str) -> list[tuple]:
    def nn(term) -> ox.NamedNode:
        return ox.NamedNode(str(term))

    activity = nn(LGR[f"addition-{addition.id}"])
    source = nn(LGR[f"file-{addition.id}"])
    agent = nn(LGR[f"agent-{slug(by)}"])
    return [
        (activity, nn(RDF.type), nn(PROV.Activity)),
        (activity, nn(PROV.used), source),
        (activity, nn(PROV.wasAssociatedWith), agent),
        (activity, nn(PROV.generated), ox.NamedNode(addition.graph_iri)),
        (activity, nn(DCTERMS.date), ox.Literal(when, datatype=nn(XSD.date))),
        (source, nn(RDF.type), nn(PROV.Entity)),
        (source, nn(SCHEMA.name), ox.Literal(addition.source.name)),
        (source, nn(DCTERMS.identifier), ox.Literal(f"sha1:{addition.sha1}")),
        (agent, nn(RDF.type), nn(PROV.Agent)),
        (agent, nn(SKOS.prefLabel), ox.Literal(by)),
    ]


def current_user() -> str:
    """The user named by ``$USER`` (or the login name), for ``prov:wasAssociatedWith``."""
    user = os.environ.get("USER") or os.environ.get("USERNAME")
    if not user:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
    return user


def check_date(when: str | None) -> str:
    """``when`` as an ISO date (``YYYY-MM-DD``), or today's date in UTC."""
    if when is None:
        return _dt.datetime.now(_dt.timezone.utc).date().isoformat()
    try:
        return _dt.date.fromisoformat(when).isoformat()
    except ValueError:
        raise ValidationError(f"--when must be a date YYYY-MM-DD, not {when!r}") from None


class RefusedAddition(LabourgraphError):
    """An addition that would change the ontology or the provenance of existing facts."""


#: predicates that change the model (the ontology's axioms), not the data
_SCHEMA_PREDICATES = {str(RDFS.subClassOf), str(RDFS.subPropertyOf), str(RDFS.domain), str(RDFS.range)}
#: classes whose instances are ontology terms or shapes
_SCHEMA_CLASSES = {str(RDFS.Class), str(RDF.Property), str(SH.NodeShape), str(SH.PropertyShape)} | {
    str(OWL[n]) for n in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "Ontology",
                          "TransitiveProperty", "SymmetricProperty", "FunctionalProperty",
                          "InverseFunctionalProperty", "Restriction")}
#: what states where a fact comes from and how sure the extractor is
_PROVENANCE_PREDICATES = {str(PROV.wasDerivedFrom), str(PROV.wasGeneratedBy), str(PROV.wasAttributedTo),
                          str(PROV.generatedAtTime), str(LG.confidence), str(LG.extractionRule)}
#: the IRIs labourgraph gives to an addition's own provenance
_RESERVED = tuple(str(LGR[p]) for p in ("addition-", "file-", "agent-", "graph-"))


@functools.cache
def _ontology_terms() -> frozenset[str]:
    from labourgraph.resources import ontology_file, shapes_file

    terms: set[str] = set()
    for path in (ontology_file("labourgraph.ttl"), shapes_file()):
        if path.is_file():
            terms |= {q.subject.value for q in KnowledgeGraph.from_files(path).quads()
                      if isinstance(q.subject, ox.NamedNode)}
    return frozenset(terms)


def check_addition(addition: Addition, existing: KnowledgeGraph) -> None:
    """Refuse, whatever ``--force`` says, an addition that redefines the ontology (a triple
    about an ``lg:`` term, an ontology or shape IRI, or a schema axiom such as ``rdfs:range``),
    that gives an existing fact provenance or a confidence (a second ``lg:confidence``, a
    forged ``prov:wasDerivedFrom``), or that uses the IRIs of an addition's own provenance."""
    terms = _ontology_terms()
    facts = {q.subject.value for p in _PROVENANCE_PREDICATES
             for q in existing._store.quads_for_pattern(None, ox.NamedNode(p), None, None)
             if isinstance(q.subject, ox.NamedNode)}
    own_nodes = str(LGR[f"addition-{addition.id}-node-"])
    for s, p, o in addition.data:
        subject = s.value if isinstance(s, ox.NamedNode) else ""
        triple = f"{s} {p} {o}"
        if (subject.startswith(str(LG)) or subject.startswith(str(OA)) or subject in terms
                or p.value in _SCHEMA_PREDICATES or p.value.startswith(str(SH))
                or (p.value.startswith(str(OWL)) and p.value != str(OWL.sameAs))
                or (p.value == str(RDF.type) and isinstance(o, ox.NamedNode) and o.value in _SCHEMA_CLASSES)):
            raise RefusedAddition(f"an addition may not change the ontology: {triple}", addition.source)
        if subject in facts and (p.value in _PROVENANCE_PREDICATES or p.value.startswith(str(OA))):
            raise RefusedAddition(f"an addition may not change the provenance or confidence of an existing "
                                  f"fact: {triple}", addition.source)
        if subject.startswith(_RESERVED) and not subject.startswith(own_nodes):
            raise RefusedAddition(f"an addition may not use the IRIs of labourgraph's provenance: {triple}",
                                  addition.source)


def add(paths: Sequence[str | Path], build_dir: str | Path = DEFAULT_BUILD_DIR, *, force: bool = False,
        additions_dir: str | Path | None = None, by: str | None = None, when: str | None = None,
        shapes: str | Path | None = None, inference: str = DEFAULT_INFERENCE, lang: str = "en",
        dry_run: bool = False, lock_timeout: float | None = DEFAULT_LOCK_TIMEOUT) -> AddResult:
    """Validate ``paths`` with the build in ``build_dir`` and merge them if they conform.

    The whole add runs under the build folder's lock (:func:`labourgraph.publish.build_lock`,
    shared for a dry run), so two adds at once run one after the other and the second reads
    what the first wrote; the new build is published as one unit.

    :param force: merge even if the new data introduces violations.
    :param dry_run: validate only; never write.
    :raises RdfSyntaxError: a data file or the build does not parse (nothing is written).
    :raises RefusedAddition: the data redefines the ontology or existing facts' provenance.
    :raises BuildLocked: another command held the lock for longer than ``lock_timeout`` s.
    """
    if not paths:
        raise ValidationError("no data files given")
    build_dir = Path(build_dir)
    if not (build_dir / TRIG_NAME).is_file():
        raise RdfSyntaxError(f"no {TRIG_NAME} here; run 'labourgraph build' first", build_dir)
    with build_lock(build_dir, shared=dry_run, timeout=lock_timeout):
        return _add(paths, build_dir, force=force, additions_dir=additions_dir, by=by, when=when,
                    shapes=shapes, inference=inference, lang=lang, dry_run=dry_run)


def _add(paths, build_dir: Path, *, force, additions_dir, by, when, shapes, inference, lang, dry_run) -> AddResult:
    folder = Path(additions_dir) if additions_dir is not None else additions_dir_for(build_dir)
    trig_path = build_dir / TRIG_NAME
    if not trig_path.is_file():
        raise RdfSyntaxError(f"no {TRIG_NAME} here; run 'labourgraph build' first", build_dir)
    existing = load_built_graph(trig_path)
    by = by or current_user()
    when = check_date(when)
    additions = [read_addition(p, by=by, when=when) for p in paths]
    for a in additions:
        check_addition(a, existing)

    present = set(existing.named_graphs())
    fresh, already = [], []
    seen: set[str] = set()
    for a in additions:
        if a.graph_iri in present or a.graph_iri in seen:
            already.append(a)
        else:
            fresh.append(a)
            seen.add(a.graph_iri)

    combined = KnowledgeGraph()
    combined.merge(existing)
    for a in fresh:
        combined.merge(a.graph)

    options = dict(shapes=shapes, inference=inference, lang=lang)
    before = validate(existing, sources=[trig_path], **options)
    after = validate(combined, sources=[*paths, trig_path], **options)
    old_keys = {r.key for r in before.results}
    new_keys = {r.key for r in after.results}
    result = AddResult(
        additions=fresh, new_results=[r for r in after.results if r.key not in old_keys],
        resolved=[r for r in before.results if r.key not in new_keys], report=after,
        existing_triples=len(existing.triples()), already_present=already)

    if not dry_run:
        # an addition in the build without its file (deleted by hand, or a build folder
        # copied elsewhere) would vanish at the next build: write the file back
        for a in already:
            if a.graph_iri in present and not (folder / a.file_name).is_file():
                result.written.append(write_atomically(folder / a.file_name, existing_addition(existing, a)))
        if not fresh and (build_dir / TURTLE_NAME).is_file():
            # a build torn by an older labourgraph (a kill between its two renames) has a
            # .ttl that is not the union of the .trig: republish both from the .trig
            if KnowledgeGraph.from_files(build_dir / TURTLE_NAME).triples() != existing.triples():
                publish(build_dir, {TRIG_NAME: existing.serialize("trig"), TURTLE_NAME: existing.serialize("turtle")})
                result.repaired = [build_dir / TURTLE_NAME]
    if dry_run or not fresh or (not result.conforms and not force):
        return result
    # the additions first (they are the source; a kill after this leaves them to be merged
    # again by a rerun or the next build), then the build as one unit
    remove_leftovers(folder)
    for a in fresh:
        result.written.append(write_atomically(folder / a.file_name, a.graph.serialize("trig")))
    publish(build_dir, {TRIG_NAME: combined.serialize("trig"), TURTLE_NAME: combined.serialize("turtle")})
    result.written += [build_dir / TRIG_NAME, build_dir / TURTLE_NAME]
    result.merged = True
    return result


def existing_addition(existing: KnowledgeGraph, addition: Addition) -> bytes:
    """The stored form of an addition that is in the build: its named graph, as TriG."""
    kg = KnowledgeGraph()
    kg.add(list(existing.quads(addition.graph_iri)))
    return kg.serialize("trig")


# -- listing and taking additions out -------------------------------------------------

@dataclass
class StoredAddition:
    """An addition as ``additions list`` shows it."""

    id: str
    path: Path | None          # its file in additions/ (None: only in the build)
    source: str | None         # the name of the file it was added from
    by: str | None
    when: str | None
    triples: int
    in_build: bool


def _describe(graph: KnowledgeGraph, ident: str) -> tuple[str | None, str | None, str | None, int]:
    g = str(LGR[f"graph-addition-{ident}"])
    quads = list(graph.quads(g))

    def one(s, p):
        return next((q.object.value for q in quads if q.subject.value == str(s) and q.predicate.value == str(p)), None)

    activity = LGR[f"addition-{ident}"]
    agent = one(activity, PROV.wasAssociatedWith)
    provenance = {str(activity), str(LGR[f"file-{ident}"]), agent}
    data = sum(1 for q in quads if q.subject.value not in provenance)
    return (one(LGR[f"file-{ident}"], SCHEMA.name), one(agent, SKOS.prefLabel) if agent else None,
            one(activity, DCTERMS.date), data)


def list_additions(build_dir: str | Path = DEFAULT_BUILD_DIR,
                   additions_dir: str | Path | None = None) -> list[StoredAddition]:
    """The additions kept for ``build_dir`` and those in its published build, by id."""
    folder = Path(additions_dir) if additions_dir is not None else additions_dir_for(build_dir)
    files = {}
    if folder.is_dir():
        files = {m.group(1): folder / m.group(0) for m in map(_ADDITION_FILE.match, os.listdir(folder)) if m}
    built = KnowledgeGraph()
    if (Path(build_dir) / TRIG_NAME).is_file():
        built = load_built_graph(Path(build_dir) / TRIG_NAME)
    prefix = str(LGR["graph-addition-"])
    in_build = {g[len(prefix):] for g in built.named_graphs() if g.startswith(prefix)}
    out = []
    for ident in sorted(set(files) | in_build):
        graph = KnowledgeGraph.from_files(files[ident]) if ident in files else built
        out.append(StoredAddition(ident, files.get(ident), *_describe(graph, ident), in_build=ident in in_build))
    return out


@dataclass
class RemoveResult:
    """What :func:`remove_addition` did."""

    addition: StoredAddition
    report: ValidationReport | None     # the republished build's report (None: no build)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def remove_addition(ident: str, build_dir: str | Path = DEFAULT_BUILD_DIR, additions_dir: str | Path | None = None,
                    *, lock_timeout: float | None = DEFAULT_LOCK_TIMEOUT, shapes: str | Path | None = None,
                    inference: str = DEFAULT_INFERENCE, lang: str = "en") -> RemoveResult:
    """Take the addition ``ident`` (its id, or a unique prefix of it) back out: the build is
    republished without its named graph, then its file is deleted from additions/.

    The build is published even if it does not conform without the addition (the report
    says so): taking data out is what was asked, and the next ``build`` checks again.
    """
    build_dir = Path(build_dir)
    ident = ident.strip().lower().removeprefix("addition-").removesuffix(".trig")
    ident = ident.rsplit("graph-addition-", 1)[-1]
    with build_lock(build_dir, timeout=lock_timeout):
        stored = list_additions(build_dir, additions_dir)
        matches = [a for a in stored if a.id.startswith(ident)] if re.fullmatch(r"[0-9a-f]{4,12}", ident) else []
        if len(matches) != 1:
            known = ", ".join(a.id for a in stored) or "none"
            what = "matches several additions" if matches else "is not an addition"
            raise ValidationError(f"{ident!r} {what} (known: {known}; see 'labourgraph additions list')",
                                  additions_dir or additions_dir_for(build_dir))
        addition = matches[0]
        result = RemoveResult(addition, None)
        if addition.in_build:
            built = load_built_graph(build_dir / TRIG_NAME)
            drop = str(LGR[f"graph-addition-{addition.id}"])
            kept = KnowledgeGraph()
            kept.add([q for q in built.quads()
                      if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == drop)])
            result.report = validate(kept, shapes=shapes, inference=inference, lang=lang)
            publish(build_dir, {TRIG_NAME: kept.serialize("trig"), TURTLE_NAME: kept.serialize("turtle")})
            result.written = [build_dir / TRIG_NAME, build_dir / TURTLE_NAME]
        if addition.path is not None:
            addition.path.unlink(missing_ok=True)
            result.removed.append(addition.path)
        return result


def replace_all(files: dict[Path, bytes]) -> list[Path]:
    """Write several files as one step: all to temporary files first, then rename each into
    place; if anything fails, remove the temporaries and put back the files already replaced."""
    temps: dict[Path, str] = {}
    originals: dict[Path, bytes | None] = {}
    replaced: list[Path] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            originals[path] = path.read_bytes() if path.exists() else None
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps[path] = tmp
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            # mkstemp makes the file 0600: keep the old file's mode, or the umask's
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else _umask_mode())
        for path, tmp in temps.items():
            os.replace(tmp, path)
            replaced.append(path)
    except BaseException:
        for path, tmp in temps.items():
            Path(tmp).unlink(missing_ok=True)
        for path in replaced:
            _restore(path, originals[path])
        raise
    return list(files)


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _restore(path: Path, data: bytes | None) -> None:
    if data is None:
        path.unlink(missing_ok=True)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


__all__ = ["add", "check_addition", "list_additions", "remove_addition", "RefusedAddition", "StoredAddition",
           "RemoveResult", "load_additions", "additions_dir_for", "read_addition", "replace_all", "Addition",
           "AddResult", "current_user", "check_date", "ADDITIONS_DIR_NAME"]
