"""The store: loading with one-line errors, canonical output, atomic writes."""
from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from labourgraph.errors import QueryError, RdfSyntaxError
from labourgraph.store import KnowledgeGraph, write_atomically

TTL = """@prefix lgr: <https://w3id.org/labourgraph/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
lgr:org-a skos:prefLabel "A"@en ; skos:altLabel "Alpha"@en, "Satu \\"kutip\\""@id .
lgr:org-b skos:prefLabel "B"@en .
"""


def _lines(ttl: str) -> list[str]:
    return [line for line in ttl.splitlines() if line.strip() and not line.startswith("@prefix")]


def test_store_turtle_is_canonical_whatever_the_insertion_order(tmp_path):
    base = KnowledgeGraph()
    base.load_bytes(TTL.encode(), __import__("pyoxigraph").RdfFormat.TURTLE)
    quads = list(base.quads())
    outputs = set()
    for seed in range(5):
        random.Random(seed).shuffle(quads)
        kg = KnowledgeGraph()
        kg.add(quads)
        outputs.add(kg.serialize("turtle"))
    assert len(outputs) == 1


def test_store_turtle_round_trips(tmp_path):
    src = tmp_path / "a.ttl"
    src.write_text(TTL, encoding="utf-8")
    kg = KnowledgeGraph.from_files(src)
    out = tmp_path / "b.ttl"
    kg.write(out)
    again = KnowledgeGraph.from_files(out)
    assert again.triples() == kg.triples()
    assert len(kg) == 4


def test_store_trig_keeps_named_graphs(tmp_path):
    src = tmp_path / "a.trig"
    src.write_text("@prefix ex: <http://example.org/> .\nex:g1 { ex:a ex:p ex:b . }\nex:g2 { ex:c ex:p ex:d . }\n")
    kg = KnowledgeGraph.from_files(src)
    out = tmp_path / "b.trig"
    kg.write(out)
    assert KnowledgeGraph.from_files(out).named_graphs() == ["http://example.org/g1", "http://example.org/g2"]


def test_store_syntax_error_names_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:a ex:p "open .\n')
    with pytest.raises(RdfSyntaxError) as info:
        KnowledgeGraph.from_files(bad)
    assert str(info.value).startswith(f"{bad}:3:")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("name, content, message", [
    ("empty.ttl", "", "file is empty"),
    ("data.xyz", "x", "unknown RDF file type"),
])
def test_store_unreadable_files_are_refused(tmp_path, name, content, message):
    f = tmp_path / name
    f.write_text(content)
    with pytest.raises(RdfSyntaxError, match=message):
        KnowledgeGraph.from_files(f)


def test_store_query_syntax_error_names_line_and_column():
    with pytest.raises(QueryError) as info:
        KnowledgeGraph().query("SELECT ?s WHERE {\n  ?s ?p \n}", source="q.rq")
    assert str(info.value).startswith("q.rq:3:")


def test_store_query_sees_named_graphs_as_the_default_graph(tmp_path):
    src = tmp_path / "a.trig"
    src.write_text("@prefix ex: <http://example.org/> .\nex:g1 { ex:a ex:p ex:b . }\n")
    rows = list(KnowledgeGraph.from_files(src).query("SELECT ?s WHERE { ?s ?p ?o }"))
    assert [r["s"].value for r in rows] == ["http://example.org/a"]


def test_store_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_text("old")
    write_atomically(target, "new content")
    assert target.read_text() == "new content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


TWO_GRAPHS = """@prefix ex: <http://example.org/> .
ex:a ex:label "a" .
ex:g1 { ex:h ex:member ex:a ; ex:post ex:p . ex:x ex:q 1 . }
ex:g2 { ex:h ex:member ex:a ; ex:post ex:p . ex:x ex:q 2 . }
"""


def _two_graphs(tmp_path) -> KnowledgeGraph:
    src = tmp_path / "two.trig"
    src.write_text(TWO_GRAPHS)
    return KnowledgeGraph.from_files(src)


def _values(kg, text, **kw):
    return [tuple(t.value for t in row) for row in kg.query(text, **kw)]


def test_store_query_counts_a_triple_stated_in_two_graphs_once(tmp_path):
    kg = _two_graphs(tmp_path)
    assert len(kg) == 7 and len(kg.triples()) == 5
    assert _values(kg, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == [("5",)]
    assert _values(kg, "SELECT ?h WHERE { ?h <http://example.org/member> ?a ; <http://example.org/post> ?p }") \
        == [("http://example.org/h",)]
    assert _values(kg, "SELECT (SUM(?v) AS ?s) WHERE { ?x <http://example.org/q> ?v }") == [("3",)]


def test_store_graph_queries_see_the_named_graphs_not_the_union(tmp_path):
    kg = _two_graphs(tmp_path)
    rows = _values(kg, "SELECT ?g WHERE { GRAPH ?g { ?h <http://example.org/member> ?a } } ORDER BY ?g")
    assert rows == [("http://example.org/g1",), ("http://example.org/g2",)]
    # the dataset's own default graph, when asked for
    assert _values(kg, "SELECT ?s WHERE { ?s ?p ?o }", union_default_graph=False) == [("http://example.org/a",)]


def test_store_query_view_follows_changes(tmp_path):
    kg = _two_graphs(tmp_path)
    assert _values(kg, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == [("5",)]
    kg.add([ox.Quad(ox.NamedNode("http://example.org/b"), ox.NamedNode("http://example.org/p"),
                    ox.NamedNode("http://example.org/c"), ox.NamedNode("http://example.org/g3"))])
    assert _values(kg, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == [("6",)]


def test_store_union_quads_are_each_triple_once_in_the_default_graph(tmp_path):
    kg = _two_graphs(tmp_path)
    quads = list(kg.union_quads())
    assert len(quads) == 5 and {(q.subject, q.predicate, q.object) for q in quads} == kg.triples()
    assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in quads)
    # serializing is untouched by the query view: the TriG keeps the graphs as they were
    assert kg.serialize("trig").count(b"<http://example.org/member>") == 2 and len(kg) == 7
