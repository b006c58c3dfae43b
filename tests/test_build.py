"""`labourgraph build`: the seeds become a validated, deterministic graph; bad input breaks nothing."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from labourgraph.cli import cli
from labourgraph.pipeline import TRIG_NAME, TURTLE_NAME, load_built_graph

from conftest import SEEDS

pytestmark = pytest.mark.slow
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _build(args, tmp_path, name="out"):
    out = tmp_path / name
    result = CliRunner().invoke(cli, ["build", *map(str, args), "--out", str(out), "--no-progress"])
    return result, out


def test_build_writes_both_files_and_a_summary(seeds_build):
    assert (seeds_build / TURTLE_NAME).stat().st_size > 0
    assert (seeds_build / TRIG_NAME).stat().st_size > 0


def test_build_summary_names_articles_triples_types_and_validation(tmp_path):
    result, out = _build([SEEDS], tmp_path)
    assert result.exit_code == 0, result.output
    assert "articles: 5" in result.output
    assert "shapes:   conforms" in result.output
    for kind in ("Person", "Organization", "Country", "Event"):
        assert kind in result.output


def test_build_is_byte_identical_whatever_the_article_order(seeds_build, tmp_path):
    shuffled = list(SEED_FILES)
    random.Random(7).shuffle(shuffled)
    result, out = _build(shuffled, tmp_path)
    assert result.exit_code == 0, result.output
    for name in (TURTLE_NAME, TRIG_NAME):
        assert (out / name).read_bytes() == (seeds_build / name).read_bytes(), name


def test_build_has_one_named_graph_per_article(seeds_graph):
    graphs = seeds_graph.named_graphs()
    for f in SEED_FILES:
        assert f"https://w3id.org/labourgraph/id/graph-{f.stem}" in graphs


def test_build_turtle_and_trig_hold_the_same_triples(seeds_build):
    from labourgraph.store import KnowledgeGraph

    ttl = KnowledgeGraph.from_files(seeds_build / TURTLE_NAME)
    trig = KnowledgeGraph.from_files(seeds_build / TRIG_NAME)
    assert ttl.triples() == trig.triples()


FACT_CLASSES = ["lg:PostHolding", "lg:Participation", "lg:Priority", "lg:Chairmanship", "rdf:Statement", "lg:Meeting"]


@pytest.mark.parametrize("cls", FACT_CLASSES)
def test_build_every_fact_points_to_a_sentence_of_its_article(seeds_graph, cls):
    from labourgraph.namespaces import sparql_prologue

    rows = list(seeds_graph.query(sparql_prologue() + f"""
        SELECT ?fact ?start ?end ?exact ?id WHERE {{
          ?fact a {cls} ; prov:wasDerivedFrom ?span ; lg:extractionRule ?rule .
          ?span oa:hasSource ?article ; oa:hasSelector ?pos, ?quote .
          ?pos oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact .
          ?article dcterms:identifier ?id .
        }}"""))
    texts = {f.stem: f.read_text(encoding="utf-8") for f in SEED_FILES}
    for row in rows:
        start, end = int(row["start"].value), int(row["end"].value)
        assert texts[row["id"].value][start:end] == row["exact"].value
    unsupported = list(seeds_graph.query(sparql_prologue() + f"""
        SELECT ?fact WHERE {{ ?fact a {cls} FILTER NOT EXISTS {{ ?fact prov:wasDerivedFrom ?span }} }}"""))
    assert unsupported == []


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary\x00", b"teks \xff\xfe rusak"])
def test_build_bad_article_exits_2_with_one_line_and_keeps_earlier_build(tmp_path, seeds_build, content):
    out = tmp_path / "out"
    shutil.copytree(seeds_build, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result, _ = _build([SEEDS, bad], tmp_path)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {bad}")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_build_missing_path_exits_2(tmp_path):
    result, out = _build([tmp_path / "nope"], tmp_path)
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {tmp_path / 'nope'}: no such file or folder"
    assert not out.exists()


def test_build_reads_back_through_load_built_graph(seeds_build):
    assert len(load_built_graph(seeds_build)) > 1000


def test_extract_prints_the_evaluation_json_shape():
    result = CliRunner().invoke(cli, ["extract", str(SEED_FILES[1]), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"article", "entities", "roles", "events", "relations", "themes"}
    assert data["article"] == {"id": SEED_FILES[1].stem, "published": "2025-10-24", "language": "id"}
    types = {"Person", "Organization", "Country", "Place", "Event", "Programme", "Document", "Theme"}
    text = SEED_FILES[1].read_text(encoding="utf-8")
    for entity in data["entities"]:
        assert set(entity) >= {"iri", "label", "type", "aliases", "mentions"}
        assert entity["type"] in types
        for start, end in entity["mentions"]:
            assert text[start:end] in [entity["label"], *entity["aliases"]]


def test_module_entry_point_runs():
    result = subprocess.run([sys.executable, "-m", "labourgraph", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "build" in result.stdout


def test_build_uses_only_terms_the_ontology_declares(seeds_graph):
    from labourgraph.resources import ontology_file
    from labourgraph.store import KnowledgeGraph

    ontology = KnowledgeGraph.from_files(ontology_file("labourgraph.ttl"))
    declared = {row["t"].value for row in ontology.query(
        "SELECT ?t WHERE { ?t a ?k FILTER(STRSTARTS(STR(?t), 'https://w3id.org/labourgraph/ns#')) }")}
    used = {row["t"].value for row in seeds_graph.query("""
        SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t }
          FILTER(STRSTARTS(STR(?t), 'https://w3id.org/labourgraph/ns#')) }""")}
    assert used and used <= declared, sorted(used - declared)


def test_build_every_mentioned_entity_carries_its_top_level_class(seeds_graph):
    from labourgraph.namespaces import sparql_prologue

    rows = list(seeds_graph.query(sparql_prologue() + """
        SELECT DISTINCT ?e WHERE { ?a a schema:NewsArticle ; schema:mentions ?e .
          FILTER NOT EXISTS { VALUES ?top { schema:Person org:Organization lg:Country schema:Place lg:Meeting
                                            lg:Programme lg:Document lg:EventTheme }
                              ?e a ?top } }"""))
    assert [r["e"].value for r in rows] == []
