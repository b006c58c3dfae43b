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

The merge is atomic: the addition file and both build files are fully written to temporary
files first, then renamed into place; a failure before or during the renames restores the
old files, so a rejected or interrupted add leaves everything byte-identical.
"""
from __future__ import annotations

import datetime as _dt
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

from labourgraph.errors import RdfSyntaxError, ValidationError
from labourgraph.namespaces import DCTERMS, LGR, PROV, RDF, SCHEMA, SKOS, XSD, slug
from labourgraph.pipeline import DEFAULT_BUILD_DIR, TRIG_NAME, TURTLE_NAME, load_built_graph
from labourgraph.store import KnowledgeGraph
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


def add(paths: Sequence[str | Path], build_dir: str | Path = DEFAULT_BUILD_DIR, *, force: bool = False,
        additions_dir: str | Path | None = None, by: str | None = None, when: str | None = None,
        shapes: str | Path | None = None, inference: str = DEFAULT_INFERENCE, lang: str = "en",
        dry_run: bool = False) -> AddResult:
    """Validate ``paths`` with the build in ``build_dir`` and merge them if they conform.

    :param force: merge even if the new data introduces violations.
    :param dry_run: validate only; never write.
    :raises RdfSyntaxError: a data file or the build does not parse (nothing is written).
    """
    if not paths:
        raise ValidationError("no data files given")
    build_dir = Path(build_dir)
    folder = Path(additions_dir) if additions_dir is not None else additions_dir_for(build_dir)
    trig_path = build_dir / TRIG_NAME
    if not trig_path.is_file():
        raise RdfSyntaxError(f"no {TRIG_NAME} here; run 'labourgraph build' first", build_dir)
    existing = load_built_graph(trig_path)
    by = by or current_user()
    when = check_date(when)
    additions = [read_addition(p, by=by, when=when) for p in paths]

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

    if dry_run or not fresh or (not result.conforms and not force):
        return result
    files = {folder / a.file_name: a.graph.serialize("trig") for a in fresh}
    files[build_dir / TRIG_NAME] = combined.serialize("trig")
    files[build_dir / TURTLE_NAME] = combined.serialize("turtle")
    result.written = replace_all(files)
    result.merged = True
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


def _restore(path: Path, data: bytes | None) -> None:
    if data is None:
        path.unlink(missing_ok=True)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


__all__ = ["add", "load_additions", "additions_dir_for", "read_addition", "replace_all", "Addition",
           "AddResult", "current_user", "check_date", "ADDITIONS_DIR_NAME"]
