"""`labourgraph build`: the seeds become a validated, deterministic graph; bad input breaks nothing."""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time

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


# -- one writer at a time, published as a unit ------------------------------------------

PUBLISH_KILLER = """
import os, shutil, signal, sys
from pathlib import Path
from labourgraph.publish import build_lock, publish
kill_at, count = int(sys.argv[1]), [0]
def hook(fn):
    def wrapper(*args, **kwargs):
        count[0] += 1
        if count[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*args, **kwargs)
    return wrapper
for name in ("replace", "rename", "symlink", "fsync", "mkdir", "unlink", "chmod"):
    setattr(os, name, hook(getattr(os, name)))
shutil.rmtree = hook(shutil.rmtree)
out = Path(sys.argv[2])
with build_lock(out):
    publish(out, {TURTLE_NAME: sys.argv[3].encode(), TRIG_NAME: sys.argv[4].encode()})
""".replace("TURTLE_NAME", repr(TURTLE_NAME)).replace("TRIG_NAME", repr(TRIG_NAME))


def _pair(out):
    return (out / TURTLE_NAME).read_bytes(), (out / TRIG_NAME).read_bytes()


@pytest.mark.parametrize("start", ["plain files (older labourgraph)", "published"])
def test_build_publish_killed_at_every_step_leaves_the_old_or_the_new_pair(tmp_path, start):
    """kill -9 before every rename, link, fsync, mkdir, chmod and delete of a publish: the
    .ttl and the .trig at their usual paths are both old or both new, and the next publish
    completes (today's bug: a kill between two renames left a new .ttl with an old .trig)."""
    from labourgraph.publish import publish

    old, new = ("old ttl\n", "old trig\n"), ("new ttl\n", "new trig\n")
    kills = 0
    for kill_at in range(1, 80):
        out = tmp_path / f"kill-{kill_at}"
        if start == "published":
            publish(out, {TURTLE_NAME: old[0].encode(), TRIG_NAME: old[1].encode()})
        else:
            out.mkdir()
            (out / TURTLE_NAME).write_text(old[0])
            (out / TRIG_NAME).write_text(old[1])
        run = subprocess.run([sys.executable, "-c", PUBLISH_KILLER, str(kill_at), str(out), *new],
                             capture_output=True, text=True, timeout=60)
        if run.returncode == 0:
            assert _pair(out) == tuple(x.encode() for x in new)
            break
        assert run.returncode == -9, run.stderr
        kills += 1
        assert _pair(out) in (tuple(x.encode() for x in old), tuple(x.encode() for x in new)), kill_at
        publish(out, {TURTLE_NAME: new[0].encode(), TRIG_NAME: new[1].encode()})
        assert _pair(out) == tuple(x.encode() for x in new)
        assert not [p for p in out.iterdir() if p.name.endswith((".tmp", ".link"))]
        assert not [p for p in (out / "versions").iterdir() if p.name.endswith(".tmp")]
    else:
        pytest.fail("the publish never finished")
    assert kills >= (6 if start == "published" else 14)


def test_build_keeps_the_mode_of_the_files_it_replaces(tmp_path, seeds_build):
    out = tmp_path / "out"
    shutil.copytree(seeds_build, out)
    for name in (TURTLE_NAME, TRIG_NAME):
        os.chmod(out / name, 0o640)
    result, _ = _build([SEED_FILES[0]], tmp_path)
    assert result.exit_code == 0, result.output
    for name in (TURTLE_NAME, TRIG_NAME):
        assert (out / name).stat().st_mode & 0o777 == 0o640, name


def test_a_new_build_gets_the_usual_mode_not_0600(tmp_path):
    mask = os.umask(0o022)
    try:
        result, out = _build([SEED_FILES[0]], tmp_path)
    finally:
        os.umask(mask)
    assert result.exit_code == 0, result.output
    for name in (TURTLE_NAME, TRIG_NAME):
        assert (out / name).stat().st_mode & 0o777 == 0o644, name
    assert (out / "current").resolve().stat().st_mode & 0o777 == 0o755


def test_an_add_during_a_build_is_in_the_new_build(tmp_path, seeds_build):
    """The build extracts without the lock, then reads the additions and publishes under it:
    an add that runs meanwhile is not lost, and never writes its stale copy over the build."""
    out = tmp_path / "build"
    shutil.copytree(seeds_build, out)
    data = tmp_path / "alias.ttl"
    data.write_text('<https://w3id.org/labourgraph/id/country-id> '
                    '<http://www.w3.org/2004/02/skos/core#altLabel> "Republik Indonesia"@id .\n', encoding="utf-8")
    builder = subprocess.Popen([sys.executable, "-m", "labourgraph", "build", str(SEED_FILES[0]), "--out", str(out),
                                "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    added = CliRunner().invoke(cli, ["add", str(data), "--build", str(out), "--by", "t"])
    assert added.exit_code == 0, added.output
    stdout, stderr = builder.communicate(timeout=300)
    assert builder.returncode == 0, stdout + stderr
    graphs = load_built_graph(out).named_graphs()
    addition = [g for g in graphs if "graph-addition-" in g]
    assert len(addition) == 1
    assert [g for g in graphs if g not in addition] == [f"https://w3id.org/labourgraph/id/graph-{SEED_FILES[0].stem}"]


def test_build_waits_for_the_lock_then_gives_up_with_one_line(tmp_path):
    from labourgraph.publish import build_lock

    out = tmp_path / "out"
    with build_lock(out):
        result = CliRunner().invoke(cli, ["build", str(SEED_FILES[0]), "--out", str(out), "--no-progress",
                                          "--lock-timeout", "0"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: {out}: another labourgraph command (process {os.getpid()}) is writing this build; "
        "gave up after waiting 0 s (--lock-timeout)"]
    assert not (out / TRIG_NAME).exists()
