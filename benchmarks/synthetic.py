"""A large build made from small ones, for benchmarks: copies of real named graphs, renamed.

    from benchmarks.synthetic import synthetic_build
    kg = synthetic_build(["build", "/tmp/devbuild"], articles=1000)

Extracting 1,000 articles takes too long for a benchmark, so this copies the named graphs
(one per article) of the builds given, and their entity descriptions, as often as needed.
Each copy renames every ``lgr:`` IRI that is not a reference entity of
``ontology/entities.ttl`` (``lgr:meeting-slom-21`` becomes ``lgr:meeting-slom-21-c7``, article
``03`` becomes ``03-c7``), so persons, organisations, meetings and facts multiply while the
countries, ASEAN bodies and meeting series stay shared, as in a real large build. The
meetings' and articles' years shift by the copy's number modulo 12, so the timeline spreads.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from labourgraph.namespaces import DCTERMS, LGR, SCHEMA
from labourgraph.pipeline import load_built_graph
from labourgraph.resources import ontology_file
from labourgraph.store import KnowledgeGraph

_DATE_PROPS = {str(SCHEMA.startDate), str(SCHEMA.endDate), str(SCHEMA.datePublished),
               "https://w3id.org/labourgraph/ns#attestedOn"}
_YEAR = re.compile(r"^(\d{4})")


def reference_iris() -> set[str]:
    """IRIs described in ontology/entities.ttl (shared by every copy)."""
    kg = KnowledgeGraph.from_files(ontology_file("entities.ttl"))
    return {q.subject.value for q in kg.quads() if isinstance(q.subject, ox.NamedNode)}


def synthetic_build(builds: list[str | Path], articles: int = 1000) -> KnowledgeGraph:
    """A KnowledgeGraph of ``articles`` article graphs copied from ``builds`` (see the module)."""
    sources = [load_built_graph(b) for b in builds]
    keep = reference_iris()
    lgr = str(LGR)
    graphs = [(kg, g) for kg in sources for g in kg.named_graphs()]
    default = [q for kg in sources for q in kg._store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    out = KnowledgeGraph()
    copies = -(-articles // len(graphs))
    made = 0
    for copy in range(copies):
        def rename(term, copy=copy):
            if copy and isinstance(term, ox.NamedNode) and term.value.startswith(lgr) and term.value not in keep:
                return ox.NamedNode(f"{term.value}-c{copy}")
            return term

        def literal(predicate, term, copy=copy):
            if not copy or not isinstance(term, ox.Literal):
                return term
            if predicate.value == str(DCTERMS.identifier):
                return ox.Literal(f"{term.value}-c{copy}", datatype=term.datatype)
            if predicate.value in _DATE_PROPS and _YEAR.match(term.value):
                year = int(term.value[:4]) - copy % 12
                return ox.Literal(f"{year:04d}{term.value[4:]}", datatype=term.datatype)
            return term

        def quad(q, graph):
            return ox.Quad(rename(q.subject), q.predicate, literal(q.predicate, rename(q.object)), graph)

        chosen = graphs[: articles - made]
        out.add(quad(q, rename(ox.NamedNode(g))) for kg, g in chosen for q in kg.quads(g))
        # the copy's entity descriptions (a reference entity's are added once)
        out.add(quad(q, ox.DefaultGraph()) for q in default
                if copy == 0 or rename(q.subject) != q.subject)
        made += len(chosen)
        if made >= articles:
            break
    return out


__all__ = ["synthetic_build", "reference_iris"]
