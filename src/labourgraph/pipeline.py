"""Build the knowledge graph: articles -> extraction -> RDF -> validation -> files.

The build folder (``build/`` by default) holds ``labourgraph.ttl`` (the whole graph: data
plus the reference entities it uses) and ``labourgraph.trig`` (the same, one named graph
per article). Other commands read the build through :func:`load_built_graph`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from labourgraph.articles import Article, find_articles, read_article
from labourgraph.errors import ArticleError, LabourgraphError, RdfSyntaxError
from labourgraph.graph import article_quads, describe_entities
from labourgraph.namespaces import LGR, PREFIXES, sparql_prologue
from labourgraph.progress import bar, stage
from labourgraph.publish import DEFAULT_LOCK_TIMEOUT, build_lock, publish
from labourgraph.records import Extraction
from labourgraph.resolution import resolve_meetings, scope_generic_documents
from labourgraph.resources import default_seeds_dir, ontology_file
from labourgraph.store import KnowledgeGraph

DEFAULT_BUILD_DIR = Path("build")
TURTLE_NAME = "labourgraph.ttl"
TRIG_NAME = "labourgraph.trig"


def built_graph_path(data: str | Path | None = None) -> Path:
    """The file a command reads: ``data`` itself, or the TriG file of a build folder."""
    path = Path(data) if data is not None else DEFAULT_BUILD_DIR
    if path.is_dir():
        for name in (TRIG_NAME, TURTLE_NAME):
            if (path / name).is_file():
                return path / name
        raise RdfSyntaxError(f"no {TRIG_NAME} or {TURTLE_NAME} in this folder; run 'labourgraph build' first", path)
    if not path.exists():
        hint = "; run 'labourgraph build' first" if data is None else ""
        raise RdfSyntaxError(f"no such file or folder{hint}", path)
    return path


def load_built_graph(data: str | Path | None = None) -> KnowledgeGraph:
    """Load the local build (or the RDF file or build folder ``data``), named graphs kept.

    The query store (the deduplicated union as default graph, docs/model.md "Set semantics")
    is made here, so ``query``, ``serve`` and ``push`` start from the same view and a
    server's first query does not pay for it."""
    graph = KnowledgeGraph.from_files(built_graph_path(data))
    graph.query_store()
    return graph


# -- building -------------------------------------------------------------------------------

REFERENCE_FILES = ("entities.ttl", "schemes.ttl")


@dataclass
class BuildResult:
    """What a build produced: the graph, its validation report, counts for the summary."""

    graph: KnowledgeGraph
    report: object                      # labourgraph.validation.ValidationReport
    articles: list[str]
    entities_by_type: dict[str, int]
    out_dir: Path
    written: bool
    blamed_additions: list[str] = field(default_factory=list)   # ids of additions that break it

    @property
    def conforms(self) -> bool:
        return bool(self.report.conforms)

    def summary(self) -> str:
        """A few lines for people: articles, triples, entities by type, validation."""
        lines = [f"articles: {len(self.articles)}",
                 f"triples:  {len(self.graph.triples())} ({len(self.graph)} quads in "
                 f"{len(self.graph.named_graphs())} named graphs)",
                 "entities: " + ", ".join(f"{t} {n}" for t, n in sorted(self.entities_by_type.items()))]
        if self.conforms:
            lines.append("shapes:   conforms")
        else:
            lines.append(f"shapes:   DOES NOT CONFORM ({len(self.report.results)} results)")
        where = self.out_dir if self.written else self.out_dir / "rejected"
        lines.append(f"written:  {where / TURTLE_NAME}, {where / TRIG_NAME}")
        return "\n".join(lines)


@cache
def reference_graph() -> KnowledgeGraph:
    """The reference entities and SKOS schemes of ``ontology/`` (the gazetteer's data)."""
    return KnowledgeGraph.from_files(*(ontology_file(name) for name in REFERENCE_FILES
                                       if ontology_file(name).is_file()))


def extract_article(article: Article) -> Extraction:
    """What one article states: the extractor's records, with keys scoped for the graph."""
    from labourgraph.extract import extract

    extraction = extract(article)
    scope_generic_documents(extraction)
    return extraction


def extract_all(paths: list[Path], progress: bool | None = None) -> tuple[list[Article], list[Extraction]]:
    """Read and extract every article; all are read before any is extracted, so a bad file
    fails the build before anything is written."""
    articles = [read_article(p) for p in paths]
    articles.sort(key=lambda a: (a.id, str(a.path)))
    ids = [a.id for a in articles]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ArticleError(f"two articles share the id {dupes[0]!r} (ids are file names without suffix)",
                           next(a.path for a in articles if a.id == dupes[0]))
    # a bar on a terminal once extraction has taken two seconds (labourgraph.progress), unless told
    extractions = []
    for article in bar(articles, desc="extracting", unit="article", show=progress):
        try:
            extractions.append(extract_article(article))
        except LabourgraphError:
            raise
        except Exception as err:  # an extractor bug must still name the article
            raise ArticleError(f"extraction failed: {type(err).__name__}: {err}", article.path) from err
    resolve_meetings(extractions, country_of)
    return articles, extractions


@cache
def country_of(key: str | None) -> str | None:
    """The country key of a place or country key, from the reference data (None if unknown)."""
    if not key:
        return None
    if key.startswith("country-"):
        return key
    rows = list(reference_graph().query(f"""
        SELECT ?c WHERE {{ <{LGR[key]}> <https://schema.org/containedInPlace>+ ?c .
                           ?c a <https://w3id.org/labourgraph/ns#Country> }} ORDER BY ?c LIMIT 1"""))
    return rows[0]["c"].value.rsplit("/", 1)[-1] if rows else None


def assemble(articles: list[Article], extractions: list[Extraction]) -> KnowledgeGraph:
    """The dataset: one named graph per article plus the merged entity descriptions."""
    kg = KnowledgeGraph()
    for article, extraction in zip(articles, extractions):
        kg.add(article_quads(article, extraction))
    kg.add(describe_entities(extractions, reference_graph()))
    return kg


def build(inputs: list[str | Path] | None = None, out_dir: str | Path | None = None, *,
          progress: bool | None = None, include_additions: bool = True,
          lock_timeout: float | None = DEFAULT_LOCK_TIMEOUT) -> BuildResult:
    """Build the graph from articles (default ``seeds/``), validate it, write it atomically.

    The graph goes to ``out_dir`` only when it conforms to the shapes; otherwise to
    ``out_dir/rejected/``, so a good earlier build is never replaced by a bad one. The two
    files are published as one unit under the build folder's lock (:mod:`labourgraph.publish`).
    """
    from labourgraph import validation

    out = Path(out_dir) if out_dir is not None else DEFAULT_BUILD_DIR
    paths = find_articles(list(inputs) if inputs else [default_seeds_dir()])
    if not paths:
        raise ArticleError("no articles (*.txt) found", ", ".join(map(str, inputs or [default_seeds_dir()])))
    articles, extractions = extract_all(paths, progress)
    with stage("building the graph", show=progress):
        kg = assemble(articles, extractions)
    # extraction, the long part, runs unlocked; the lock covers reading the additions and
    # publishing, so an `add` that ran meanwhile is read here, and none can write over us
    with build_lock(out, timeout=lock_timeout):
        extra = None
        if include_additions:
            from labourgraph.additions import load_additions
            from labourgraph.config import places
            where = places()             # labourgraph.toml may keep additions elsewhere
            extra = load_additions(out, where.additions if where.additions is not None
                                   and Path(out) == where.build else None)
            kg.merge(extra)
        with stage("validating (SHACL)", show=progress):
            report = validation.validate(kg)
            blamed: list[str] = []
            if not report.conforms and extra is not None and len(extra):
                blamed = _blame_additions(kg, extra, report)
        with stage("writing", show=progress):
            ttl, trig = kg.serialize("turtle"), kg.serialize("trig")
            # a rejected graph is published as a unit too, beside the good build, never over it
            publish(out if report.conforms else out / "rejected", {TURTLE_NAME: ttl, TRIG_NAME: trig})
    return BuildResult(kg, report, [a.id for a in articles], _entity_counts(kg), out, bool(report.conforms),
                       blamed)


def _blame_additions(kg: KnowledgeGraph, extra: KnowledgeGraph, report) -> list[str]:
    """The ids of the stored additions that the failing build's violations come from: the
    build is validated again without them, and each violation only the additions cause is
    charged to the additions that mention its focus node (to all of them when none does)."""
    from labourgraph import validation

    addition_graphs = [g for g in extra.named_graphs() if g.startswith(str(LGR) + "graph-addition-")]
    without = KnowledgeGraph()
    drop = set(addition_graphs)
    without.add([q for q in kg.quads() if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in drop)])
    base_keys = {r.key for r in validation.validate(without).results}
    caused = [r for r in report.results if r.key not in base_keys]
    if not caused:
        return []
    blamed = set()
    for r in caused:
        focus = str(getattr(r, "focus", "") or "")
        for g in addition_graphs:
            if focus and any(focus in (q.subject.value, getattr(q.object, "value", None)) for q in extra.quads(g)):
                blamed.add(g)
    return sorted(g.rsplit("graph-addition-", 1)[-1] for g in (blamed or addition_graphs))


#: extract types in order of precedence: a country is also a place, a meeting also an event
_TYPE_ORDER = (("Country", "lg:Country"), ("Event", "lg:Meeting"), ("Person", "schema:Person"),
               ("Organization", "org:Organization"), ("Place", "schema:Place"), ("Programme", "lg:Programme"),
               ("Document", "lg:Document"), ("Theme", "lg:EventTheme"))
_TYPE_QUERY = sparql_prologue() + """
SELECT DISTINCT ?e ?class WHERE { ?a a schema:NewsArticle ; schema:mentions ?e . ?e a ?class }"""


def _entity_counts(kg: KnowledgeGraph) -> dict[str, int]:
    classes: dict[str, set[str]] = {}
    for row in kg.query(_TYPE_QUERY):
        classes.setdefault(row["e"].value, set()).add(row["class"].value)
    counts: dict[str, int] = {}
    order = [(name, PREFIXES[curie.split(":")[0]][curie.split(":")[1]]) for name, curie in _TYPE_ORDER]
    for found in classes.values():
        name = next((name for name, iri in order if str(iri) in found), None)
        if name:
            counts[name] = counts.get(name, 0) + 1
    return counts
