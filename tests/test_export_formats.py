"""Exports: every format written, byte-identical on a second run and whatever the store order;
RDF round-trips; GraphML and GEXF read back by networkx and igraph with the counts SPARQL gives."""
from __future__ import annotations

import json
import random
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from labourgraph.errors import ExportError
from labourgraph.export import EXPORTERS, ExportOptions, export, export_to_file
from labourgraph.export.view import build_view
from labourgraph.namespaces import PREFIXES, sparql_prologue
from labourgraph.store import KnowledgeGraph

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "export-sample.trig"
LG = str(PREFIXES["lg"])
LGR = str(PREFIXES["lgr"])

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")


def _formats():
    return [pytest.param(f, marks=needs_dot) if f == "svg" else f for f in EXPORTERS]




def shuffled_copy(kg: KnowledgeGraph, seed: int) -> KnowledgeGraph:
    """The same dataset loaded in another order."""
    lines = kg.serialize("nq").decode("utf-8").splitlines(keepends=True)
    random.Random(seed).shuffle(lines)
    copy = KnowledgeGraph()
    copy.load_bytes("".join(lines).encode("utf-8"), ox.RdfFormat.N_QUADS)
    return copy


# -- determinism ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", _formats())
def test_every_format_is_written_and_byte_identical_on_a_second_run(graph, fmt, tmp_path):
    first = export_to_file(graph, fmt, tmp_path / f"one.{fmt}").read_bytes()
    second = export_to_file(graph, fmt, tmp_path / f"two.{fmt}").read_bytes()
    assert first, f"{fmt} export is empty"
    assert first == second


@pytest.mark.parametrize("fmt", _formats())
def test_output_does_not_depend_on_store_order(export_sample_graph, fmt):
    expected = export(export_sample_graph, fmt)
    for seed in (1, 2):
        assert export(shuffled_copy(export_sample_graph, seed), fmt) == expected


# -- RDF ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt,suffix", [("turtle", ".ttl"), ("nt", ".nt"), ("trig", ".trig"), ("nq", ".nq"),
                                        ("jsonld", ".jsonld")])
def test_rdf_exports_parse_back_to_the_same_triples(graph, fmt, suffix, tmp_path):
    path = export_to_file(graph, fmt, tmp_path / f"out{suffix}")
    back = KnowledgeGraph.from_files(path)
    assert back.triples() == graph.triples()


@pytest.mark.parametrize("fmt,suffix", [("trig", ".trig"), ("nq", ".nq"), ("jsonld", ".jsonld")])
def test_trig_nquads_and_jsonld_keep_the_per_article_named_graphs(graph, fmt, suffix, tmp_path):
    back = KnowledgeGraph.from_files(export_to_file(graph, fmt, tmp_path / f"out{suffix}"))
    assert graph.named_graphs(), "the test graph should have named graphs"
    assert back.named_graphs() == graph.named_graphs()
    assert back.serialize("nq") == graph.serialize("nq")


def test_turtle_declares_a_prefix_for_every_vocabulary_it_uses(graph):
    text = export(graph, "turtle").decode("utf-8")
    declared = {line.split()[1].rstrip(":") for line in text.splitlines() if line.startswith("@prefix")}
    body = "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))
    assert {"lg", "lgr", "skos"} <= declared
    for prefix, ns in PREFIXES.items():
        if f"<{ns}" in body:  # a full IRI written where a prefixed name would do is fine only for odd local names
            assert prefix in declared
    assert "_:" not in body, "no blank nodes in the export"


def test_jsonld_is_compacted_with_the_shipped_context(export_sample_graph):
    from labourgraph.export.rdf import jsonld_context

    data = json.loads(export(export_sample_graph, "jsonld"))
    assert data["@context"] == jsonld_context()
    ids = {node["@id"] for node in data["@graph"]}
    assert "lgr:graph-a1" in ids and "lgr:person-budi-santoso" in ids
    graph_a1 = next(node for node in data["@graph"] if node["@id"] == "lgr:graph-a1")
    assert any(node["@id"] == "lgr:participation-slom-21-org-kemnaker" for node in graph_a1["@graph"])


# -- property graphs ---------------------------------------------------------------------------

ENTITY_CLASSES = ["schema:Person", "foaf:Person", "org:Organization", "org:FormalOrganization",
                  "org:OrganizationalUnit", "lg:Country", "schema:Country", "schema:Place", "schema:City",
                  "schema:AdministrativeArea", "lg:Meeting", "lg:MeetingSeries", "lg:Programme",
                  "lg:WorkProgramme", "lg:Document", "lg:Declaration", "lg:Guideline", "lg:Agreement",
                  "lg:Framework", "lg:EventTheme"]
NARY = {"lg:PostHolding": ("org:member", "org:organization"), "lg:Participation": ("lg:participant", "lg:event"),
        "lg:Priority": ("lg:actor", "lg:theme"), "lg:Chairmanship": ("org:member", "org:organization")}


def _column(kg, sparql: str) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in row) for row in kg.query(sparql_prologue() + sparql)]


def entity_classes() -> list[str]:
    """The entity classes of docs/model.md and their subclasses in the ontology."""
    from labourgraph.resources import ontology_file

    found = list(ENTITY_CLASSES)
    path = ontology_file("labourgraph.ttl")
    if path.is_file():
        onto = KnowledgeGraph.from_files(path)
        values = " ".join(ENTITY_CLASSES)
        found += [f"<{r[0]}>" for r in _column(onto, f"SELECT DISTINCT ?c WHERE {{ VALUES ?top {{ {values} }} "
                                                     "?c rdfs:subClassOf+ ?top FILTER(isIRI(?c)) }")]
    return sorted(set(found))


def expected_counts(kg) -> tuple[int, int]:
    """Node and edge counts of the compact view, computed with SPARQL from docs/model.md's patterns."""
    classes = " ".join(entity_classes())
    entities = {r[0] for r in _column(kg, f"SELECT DISTINCT ?n WHERE {{ VALUES ?c {{ {classes} }} ?n a ?c }}")}
    linkers = " ".join(entity_classes() + list(NARY))
    themes = {r[0] for r in _column(kg, f"""SELECT DISTINCT ?t WHERE {{
        VALUES ?c {{ {linkers} }} ?x a ?c ; ?p ?t .
        FILTER(isIRI(?t) && STRSTARTS(STR(?t), STR(lgc:theme-))) }}""")}
    nodes = entities | themes
    binary = {r for r in _column(kg, "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?o) && ?p != rdf:type) }")
              if r[0] in nodes and r[2] in nodes}
    nary = 0
    for cls, (source, target) in NARY.items():
        nary += sum(1 for f, s, t in _column(kg, f"SELECT DISTINCT ?f ?s ?t WHERE {{ ?f a {cls} ; {source} ?s ; {target} ?t }}")
                    if s in nodes and t in nodes)
    # the lg:prioritises shortcut is drawn once, as the lg:Priority edge
    shortcuts = {r for r in _column(kg, "SELECT DISTINCT ?s ?p ?o WHERE { ?f a lg:Priority ; lg:actor ?s ; lg:theme ?o "
                                        "BIND(lg:prioritises AS ?p) ?s ?p ?o }")}
    return len(nodes), len(binary - shortcuts) + nary


FACT_CLASSES = ["lg:PostHolding", "lg:Participation", "lg:Priority", "lg:Chairmanship", "org:Post", "org:Role",
                 "dcterms:PeriodOfTime", "time:ProperInterval"]


def expected_full_counts(kg) -> tuple[int, int]:
    """Node and edge counts of the full view: facts, posts, roles and periods are nodes; every
    triple between two nodes is an edge."""
    classes = " ".join(entity_classes() + FACT_CLASSES)
    nodes = {r[0] for r in _column(kg, f"SELECT DISTINCT ?n WHERE {{ VALUES ?c {{ {classes} }} ?n a ?c }}")}
    nodes |= {r[0] for r in _column(kg, f"""SELECT DISTINCT ?t WHERE {{ VALUES ?c {{ {classes} }} ?x a ?c ; ?p ?t .
        FILTER(isIRI(?t) && STRSTARTS(STR(?t), STR(lgc:theme-))) }}""")}
    edges = {r for r in _column(kg, "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?o) && ?p != rdf:type) }")
             if r[0] in nodes and r[2] in nodes}
    return len(nodes), len(edges)


def test_full_view_graphml_has_the_sparql_counts(graph, tmp_path):
    igraph = pytest.importorskip("igraph")
    path = export_to_file(graph, "graphml", tmp_path / "full.graphml", ExportOptions(view="full"))
    ig = igraph.Graph.Read_GraphML(str(path))
    assert (ig.vcount(), ig.ecount()) == expected_full_counts(graph)


def test_graphml_reads_back_in_networkx_and_igraph_with_the_sparql_counts(graph, tmp_path):
    igraph = pytest.importorskip("igraph")
    path = export_to_file(graph, "graphml", tmp_path / "g.graphml")
    nodes, edges = expected_counts(graph)
    assert nodes > 0 and edges > 0
    nxg = nx.read_graphml(path, force_multigraph=True)
    assert (nxg.number_of_nodes(), nxg.number_of_edges()) == (nodes, edges)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert (ig.vcount(), ig.ecount()) == (nodes, edges)
    assert ig.is_directed()
    assert all(isinstance(label, str) and label for label in ig.vs["label"])


def test_gexf_reads_back_in_networkx_with_the_sparql_counts_and_viz_hints(graph, tmp_path):
    path = export_to_file(graph, "gexf", tmp_path / "g.gexf")
    nodes, edges = expected_counts(graph)
    g = nx.read_gexf(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges)
    for _, data in g.nodes(data=True):
        assert data["label"] and data["type"] and data["iri"]
        assert {"r", "g", "b"} <= set(data["viz"]["color"]) and data["viz"]["size"] > 0
    assert b"lastmodifieddate" not in path.read_bytes()


def test_nodes_have_string_label_type_iri_and_typed_literal_attributes(export_sample_graph, tmp_path):
    g = nx.read_graphml(export_to_file(export_sample_graph, "graphml", tmp_path / "g.graphml"))
    meeting = g.nodes[LGR + "meeting-slom-21"]
    assert meeting["label"] == "21st SLOM" and meeting["type"] == "Meeting"
    assert meeting["iri"] == LGR + "meeting-slom-21"
    assert meeting["startDate"] == "2021-09-09"          # dates as ISO strings
    assert meeting["editionNumber"] == 21                 # numbers as numbers
    assert meeting["status"] == "held"                    # a concept becomes its label
    assert meeting["color"].startswith("#") and meeting["size"] > 0
    # literals never become nodes; provenance is left out by default
    assert all(n.startswith("https://") for n in g.nodes)
    assert not [n for n, d in g.nodes(data=True) if d["type"] in ("Article", "Span", "Mention", "Statement")]
    # characters XML cannot hold become spaces
    assert g.nodes[LGR + "org-untagged"]["altLabel"] == "UO with a form feed"
    # a concept that nothing links to is not a node
    assert "https://w3id.org/labourgraph/concept/theme-unused" not in g.nodes


def test_nary_facts_become_labelled_edges_with_their_attributes(export_sample_graph):
    view = build_view(export_sample_graph)
    person, org = LGR + "person-budi-santoso", LGR + "org-kemnaker"
    holdings = [d for _, _, d in view.edges(person, data=True) if d["iri"] == LG + "PostHolding"]
    assert len(holdings) == 1
    assert holdings[0]["label"] == "holds post in" and holdings[0]["role"] == "Sekretaris Jenderal"
    assert list(view.successors(person)) == [org]
    participation = [d for u, v, d in view.edges(org, data=True) if d["iri"] == LG + "Participation"][0]
    assert participation["participationRole"] == "delegate"
    assert "online" in participation["attendanceMode"].lower()
    chair = [d for _, _, d in view.edges(LGR + "country-id", data=True) if d["iri"] == LG + "Chairmanship"][0]
    assert chair["memberDuring"] == "2020/2022"
    # the lg:prioritises shortcut is not drawn a second time beside the lg:Priority edge
    theme = "https://w3id.org/labourgraph/concept/theme-social-protection"
    between = view.get_edge_data(LGR + "country-id", theme).values()
    assert [(d["iri"], d["rank"]) for d in between] == [(LG + "Priority", 1)]
    assert not any(d["type"] in ("PostHolding", "Participation") for _, d in view.nodes(data=True))


def test_full_view_keeps_nary_facts_as_nodes(export_sample_graph):
    view = build_view(export_sample_graph, ExportOptions(view="full"))
    fact = LGR + "participation-slom-21-org-kemnaker"
    assert view.nodes[fact]["type"] == "Participation"
    assert view.nodes[fact]["label"] == "Ministry of Manpower takes part in 21st SLOM"
    assert {v for _, v in view.out_edges(fact)} >= {LGR + "org-kemnaker", LGR + "meeting-slom-21",
                                                    LGR + "person-budi-santoso"}
    assert not [d for _, _, d in view.edges(data=True) if "fact" in d]


def test_with_provenance_adds_articles_spans_and_mentions(export_sample_graph):
    plain = build_view(export_sample_graph)
    full = build_view(export_sample_graph, ExportOptions(with_provenance=True))
    types = {d["type"] for _, d in full.nodes(data=True)}
    assert {"Article", "Span", "Mention", "Statement"} <= types
    assert full.number_of_nodes() > plain.number_of_nodes()
    mention = LGR + "mention-a1-20-27"
    assert LGR + "org-kemnaker" in set(full.successors(mention))
    assert full.nodes[mention]["label"] == "“Kemnaker”"
    assert full.nodes[LGR + "statement-0a1b2c3d4e5f6789"]["label"] == "Biro Kerja Sama unit of Ministry of Manpower"


@pytest.mark.parametrize("lang,expected", [
    ("en", {"country-vn": "Viet Nam", "person-mai-tran": "Mai Tran", "org-biro-kerja-sama": "Biro Kerja Sama",
            "org-untagged": "Untagged Org", "place-unlabelled": "place-unlabelled"}),
    ("id", {"country-vn": "Vietnam", "person-mai-tran": "Mai Tran", "org-biro-kerja-sama": "Biro Kerja Sama",
            "org-untagged": "Untagged Org", "place-unlabelled": "place-unlabelled"}),
])
def test_labels_fall_back_from_the_chosen_language_to_the_other_then_any_then_the_local_name(
        export_sample_graph, lang, expected):
    view = build_view(export_sample_graph, ExportOptions(lang=lang))
    assert {name: view.nodes[LGR + name]["label"] for name in expected} == expected


def test_edge_labels_follow_the_language(export_sample_graph):
    en = build_view(export_sample_graph, ExportOptions(lang="en"))
    id_ = build_view(export_sample_graph, ExportOptions(lang="id"))
    assert "holds post in" in {d["label"] for _, _, d in en.edges(data=True)}
    assert "menjabat di" in {d["label"] for _, _, d in id_.edges(data=True)}


def test_each_attribute_has_one_type_across_the_graph(graph, tmp_path):
    root = ET.parse(export_to_file(graph, "graphml", tmp_path / "g.graphml")).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = [(k.get("for"), k.get("attr.name")) for k in root.findall("g:key", ns)]
    assert len(keys) == len(set(keys)), "an attribute declared twice with different types"
    ids = [k.get("id") for k in root.findall("g:key", ns)]
    assert len(ids) == len(set(ids))


# -- SVG ----------------------------------------------------------------------------------------

@needs_dot
def test_svg_draws_the_entities(export_sample_graph):
    svg = export(export_sample_graph, "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = svg.decode("utf-8")
    for label in ("Budi Santoso", "21st SLOM", "holds post in"):
        assert label in text


@pytest.mark.slow
@needs_dot
def test_svg_repeats_exactly_over_several_runs(graph):
    """Graphviz's spline router is not deterministic on some graphs; the curved edges used here are."""
    first = export(graph, "svg")
    assert all(export(graph, "svg") == first for _ in range(4))


def test_svg_without_graphviz_fails_with_one_clear_line(export_sample_graph, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ExportError, match="Graphviz 'dot' not found"):
        export(export_sample_graph, "svg")


# -- the registry and the command line -----------------------------------------------------------

def test_unknown_format_language_or_view_is_an_export_error(export_sample_graph):
    with pytest.raises(ExportError, match="unknown export format"):
        export(export_sample_graph, "pdf")
    with pytest.raises(ExportError, match="language"):
        export(export_sample_graph, "graphml", ExportOptions(lang="fr"))
    with pytest.raises(ExportError, match="view"):
        export(export_sample_graph, "graphml", ExportOptions(view="tiny"))


def test_cli_writes_to_stdout_and_to_a_file(tmp_path):
    from click.testing import CliRunner

    from labourgraph.cli import cli

    runner = CliRunner()
    out = runner.invoke(cli, ["export", "--data", str(SAMPLE), "--format", "nt"])
    assert out.exit_code == 0, out.output
    assert out.stdout_bytes == KnowledgeGraph.from_files(SAMPLE).serialize("nt")
    target = tmp_path / "g.graphml"
    done = runner.invoke(cli, ["export", "--data", str(SAMPLE), "-f", "graphml", "-o", str(target),
                               "--lang", "id", "--view", "full", "--with-provenance"])
    assert done.exit_code == 0, done.output
    g = nx.read_graphml(target)
    assert g.nodes[LGR + "country-vn"]["label"] == "Vietnam"
    assert "Participation" in {d["type"] for _, d in g.nodes(data=True)}
    assert "Article" in {d["type"] for _, d in g.nodes(data=True)}
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"], "no temporary files left behind"
    assert target.stat().st_mode & 0o777 == 0o644, "an export is readable by others, like any file written"


def test_cli_takes_the_format_from_the_output_suffix(tmp_path):
    from click.testing import CliRunner

    from labourgraph.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, ["export", "--data", str(SAMPLE), "-o", str(tmp_path / "g.gexf")]).exit_code == 0
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() > 0
    bad = runner.invoke(cli, ["export", "--data", str(SAMPLE), "-o", str(tmp_path / "g.xyz")])
    assert bad.exit_code == 2 and "use --format" in bad.stderr
    assert not (tmp_path / "g.xyz").exists()


def test_cli_reports_a_missing_input_as_one_line_and_writes_nothing(tmp_path):
    from click.testing import CliRunner

    from labourgraph.cli import cli

    target = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli, ["export", "--data", str(tmp_path / "missing.trig"), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1
    assert not target.exists()


_SEEDED_EXPORT = """
import sys
from labourgraph.export import export_to_file
from labourgraph.store import KnowledgeGraph
kg = KnowledgeGraph.from_files(sys.argv[1])
for fmt in sys.argv[3:]:
    export_to_file(kg, fmt, f"{sys.argv[2]}/out.{fmt}")
"""


@pytest.mark.slow
def test_output_does_not_depend_on_the_string_hash_seed(tmp_path):
    """Each Python process hashes strings differently; sets and dicts must not leak into the output."""
    import os
    import subprocess
    import sys

    formats = [f for f in EXPORTERS if f != "svg" or shutil.which("dot")]
    for seed in ("1", "2"):
        (tmp_path / seed).mkdir()
        subprocess.run([sys.executable, "-c", _SEEDED_EXPORT, str(SAMPLE), str(tmp_path / seed), *formats],
                       env={**os.environ, "PYTHONHASHSEED": seed}, check=True, capture_output=True)
    for fmt in formats:
        assert (tmp_path / "1" / f"out.{fmt}").read_bytes() == (tmp_path / "2" / f"out.{fmt}").read_bytes(), fmt


def test_graphml_carries_yed_graphics_with_the_type_colour_and_the_label(export_sample_graph):
    root = ET.fromstring(export(export_sample_graph, "graphml"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
    view = build_view(export_sample_graph)
    nodes = root.findall("g:graph/g:node", ns)
    assert len(nodes) == view.number_of_nodes()
    for node in nodes:
        attrs = view.nodes[node.get("id")]
        shape = node.find("g:data/y:ShapeNode", ns)
        assert shape.find("y:Fill", ns).get("color").lower() == attrs["color"]
        assert shape.find("y:NodeLabel", ns).text == attrs["label"]
    labels = [e.find("g:data/y:PolyLineEdge/y:EdgeLabel", ns).text for e in root.findall("g:graph/g:edge", ns)]
    assert sorted(labels) == sorted(d["label"] for _, _, d in view.edges(data=True))
