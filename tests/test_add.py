"""`labourgraph add`: validate new data with the build, merge only if it fits, atomically,
with its own provenance, kept where a rebuild finds it again."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from labourgraph import additions
from labourgraph.additions import load_additions, replace_all
from labourgraph.cli import cli
from labourgraph.store import KnowledgeGraph

DATA = Path(__file__).resolve().parent / "data"
SHAPES = DATA / "validate-shapes.ttl"
LGR = "https://w3id.org/labourgraph/id/"
PROV = "http://www.w3.org/ns/prov#"


@pytest.fixture()
def project(tmp_path) -> Path:
    """A project folder with build/labourgraph.{trig,ttl} made from validate-build.trig."""
    kg = KnowledgeGraph.from_files(DATA / "validate-build.trig")
    kg.write(tmp_path / "build" / "labourgraph.trig")
    kg.write(tmp_path / "build" / "labourgraph.ttl")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_add(project: Path, *args: str):
    return CliRunner().invoke(cli, ["add", *map(str, args), "--build", str(project / "build"),
                                    "--shapes", str(SHAPES), "--by", "tester", "--when", "2026-11-25"])


def sha12(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()[:12]


def test_add_rejects_violating_data_and_leaves_everything_byte_identical(project):
    before = snapshot(project)
    result = run_add(project, DATA / "validate-add-bad.ttl")
    assert result.exit_code == 1, result.output
    assert "Rejected: nothing changed" in result.output
    assert snapshot(project) == before
    assert not (project / "additions").exists()


def test_add_reports_only_the_violations_the_new_data_introduces(project):
    result = run_add(project, DATA / "validate-add-bad.ttl")
    assert "introduces 1 violation:" in result.output
    assert "lgr:participation-test-slom-1-org-a" in result.output
    assert "sh:MaxCount" not in result.output           # the text shows the message, not the component
    assert "a participation is in exactly one meeting" in result.output
    # the build's own violation (an unnamed meeting) is not the new data's fault
    assert "meeting-test-old" not in result.output


def test_add_accepts_conforming_data_into_its_own_named_graph(project):
    data = DATA / "validate-add-ok.ttl"
    result = run_add(project, data)
    assert result.exit_code == 0, result.output
    graph = f"{LGR}graph-addition-{sha12(data)}"
    assert f"Merged: {data} as lgr:graph-addition-{sha12(data)} (5 triples)." in result.output
    built = KnowledgeGraph.from_files(project / "build" / "labourgraph.trig")
    assert graph in built.named_graphs()
    in_graph = {(q.subject.value, q.predicate.value) for q in built.quads(graph)}
    assert (f"{LGR}participation-test-slom-2-org-a", "https://w3id.org/labourgraph/ns#event") in in_graph
    # the Turtle file is rewritten too: the union of everything
    union = KnowledgeGraph.from_files(project / "build" / "labourgraph.ttl")
    assert union.triples() == built.triples()
    # the old data is still there
    assert f"{LGR}graph-test-article" in built.named_graphs()


def test_add_records_who_what_when(project):
    data = DATA / "validate-add-ok.ttl"
    run_add(project, data)
    sha = sha12(data)
    kg = KnowledgeGraph.from_files(project / "build" / "labourgraph.trig")
    activity = ox.NamedNode(f"{LGR}addition-{sha}")

    def objects(s, p):
        return {q.object for q in kg.quads(f"{LGR}graph-addition-{sha}")
                if q.subject == s and q.predicate == ox.NamedNode(p)}

    assert objects(activity, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == {ox.NamedNode(f"{PROV}Activity")}
    assert objects(activity, f"{PROV}wasAssociatedWith") == {ox.NamedNode(f"{LGR}agent-tester")}
    assert objects(activity, "http://purl.org/dc/terms/date") == {
        ox.Literal("2026-11-25", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))}
    (source,) = objects(activity, f"{PROV}used")
    assert objects(source, "https://schema.org/name") == {ox.Literal("validate-add-ok.ttl")}
    assert objects(source, "http://purl.org/dc/terms/identifier") == {
        ox.Literal("sha1:" + hashlib.sha1(data.read_bytes()).hexdigest())}


def test_add_by_defaults_to_user(project, monkeypatch):
    monkeypatch.setenv("USER", "Siti Rahma")
    result = CliRunner().invoke(cli, ["add", str(DATA / "validate-add-ok.ttl"), "--build", str(project / "build"),
                                      "--shapes", str(SHAPES)])
    assert result.exit_code == 0, result.output
    assert "lgr:agent-siti-rahma" in (project / "build" / "labourgraph.trig").read_text(encoding="utf-8")


def test_add_keeps_the_addition_beside_the_build_for_rebuilds(project):
    data = DATA / "validate-add-ok.ttl"
    run_add(project, data)
    stored = project / "additions" / f"addition-{sha12(data)}.trig"
    assert stored.is_file()
    kept = load_additions(project / "build")
    assert kept.named_graphs() == [f"{LGR}graph-addition-{sha12(data)}"]
    built = KnowledgeGraph.from_files(project / "build" / "labourgraph.trig")
    assert kept.triples() <= built.triples()


def test_add_is_deterministic(tmp_path):
    outputs = []
    for name in ("one", "two"):
        kg = KnowledgeGraph.from_files(DATA / "validate-build.trig")
        kg.write(tmp_path / name / "build" / "labourgraph.trig")
        kg.write(tmp_path / name / "build" / "labourgraph.ttl")
        assert run_add(tmp_path / name, DATA / "validate-add-ok.ttl").exit_code == 0
        outputs.append(snapshot(tmp_path / name))
    assert outputs[0] == outputs[1]


def test_add_replaces_blank_nodes_by_stable_iris(tmp_path):
    data = tmp_path / "blank.ttl"
    data.write_text("""@prefix lgr: <https://w3id.org/labourgraph/id/> .
@prefix lg: <https://w3id.org/labourgraph/ns#> .
lgr:meeting-test-slom-1 lg:note [ lg:text "a" ] , [ lg:text "b" ] .
""", encoding="utf-8")
    outputs = []
    for name in ("one", "two"):
        kg = KnowledgeGraph.from_files(DATA / "validate-build.trig")
        kg.write(tmp_path / name / "build" / "labourgraph.trig")
        kg.write(tmp_path / name / "build" / "labourgraph.ttl")
        assert run_add(tmp_path / name, data).exit_code == 0
        outputs.append(snapshot(tmp_path / name))
    assert outputs[0] == outputs[1]
    built = KnowledgeGraph.from_files(tmp_path / "one" / "build" / "labourgraph.trig")
    assert not any(isinstance(t, ox.BlankNode) for q in built.quads() for t in (q.subject, q.object))
    notes = {q.object.value for q in built.quads() if q.predicate.value.endswith("#note")}
    assert len(notes) == 2 and all(n.startswith(f"{LGR}addition-{sha12(data)}-node-") for n in notes)


def test_add_force_merges_violating_data_and_says_so(project):
    data = DATA / "validate-add-bad.ttl"
    result = run_add(project, data, "--force")
    assert result.exit_code == 0, result.output
    assert "introduces 1 violation" in result.output
    assert f"Merged despite the violations (--force): {data} as lgr:graph-addition-{sha12(data)}" in result.output
    built = KnowledgeGraph.from_files(project / "build" / "labourgraph.trig")
    assert f"{LGR}graph-addition-{sha12(data)}" in built.named_graphs()


def test_add_says_when_it_resolves_existing_violations(project):
    result = run_add(project, DATA / "validate-add-fix.ttl")
    assert result.exit_code == 0, result.output
    assert "introduces no violation" in result.output
    assert "It resolves 1 existing result(s)." in result.output


def test_add_same_file_twice_changes_nothing_the_second_time(project):
    data = DATA / "validate-add-ok.ttl"
    assert run_add(project, data).exit_code == 0
    after_first = snapshot(project)
    result = run_add(project, data)
    assert result.exit_code == 0
    assert "already in the graph" in result.output
    assert snapshot(project) == after_first


def test_add_dry_run_changes_nothing_and_says_what_it_would_do(project):
    before = snapshot(project)
    result = run_add(project, DATA / "validate-add-ok.ttl", "--dry-run")
    assert result.exit_code == 0 and "Dry run: nothing changed (without --dry-run it would merge)." in result.output
    result = run_add(project, DATA / "validate-add-bad.ttl", "--dry-run")
    assert result.exit_code == 1 and "it would be rejected" in result.output
    assert snapshot(project) == before


def test_add_unreadable_data_exits_2_and_changes_nothing(project):
    before = snapshot(project)
    result = run_add(project, DATA / "validate-syntax-error.ttl")
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {DATA / 'validate-syntax-error.ttl'}:5:")
    assert snapshot(project) == before


def test_add_without_a_build_exits_2(tmp_path):
    result = run_add(tmp_path, DATA / "validate-add-ok.ttl")
    assert result.exit_code == 2
    assert "run 'labourgraph build' first" in result.output


def test_add_interrupted_while_replacing_files_restores_them(project, monkeypatch):
    before = snapshot(project)
    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:                       # the addition file is in place; the build is not
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(additions.os, "replace", failing_replace)
    with pytest.raises(KeyboardInterrupt):
        additions.add([DATA / "validate-add-ok.ttl"], project / "build", shapes=SHAPES, by="t", when="2026-11-25")
    monkeypatch.setattr(additions.os, "replace", real_replace)
    assert snapshot(project) == before
    assert not list((project / "additions").glob("*.trig"))


def test_replace_all_leaves_no_temporary_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"old")
    replace_all({tmp_path / "a.txt": b"new", tmp_path / "sub" / "b.txt": b"b"})
    assert snapshot(tmp_path) == {"a.txt": b"new", "sub/b.txt": b"b"}


def test_add_with_the_project_shapes_records_provenance_that_conforms(tmp_path):
    # the model's examples stand in for a build; the addition's provenance must fit the shapes
    model = Path(__file__).resolve().parent / "shapes" / "model-ok.ttl"
    kg = KnowledgeGraph.from_files(model)
    kg.write(tmp_path / "build" / "labourgraph.trig")
    kg.write(tmp_path / "build" / "labourgraph.ttl")
    data = DATA / "validate-project-workprogramme-ok.ttl"
    result = CliRunner().invoke(cli, ["add", str(data), "--build", str(tmp_path / "build"), "--by", "tester"])
    assert result.exit_code == 0, result.output
    assert "introduces no violation" in result.output
    check = CliRunner().invoke(cli, ["validate", str(tmp_path / "build")])
    assert check.exit_code == 0, check.output


@pytest.mark.slow
def test_additions_survive_a_rebuild_from_the_articles(project):
    from labourgraph.pipeline import build

    data = DATA / "validate-add-ok.ttl"
    assert run_add(project, data).exit_code == 0
    article = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[0]
    shutil.rmtree(project / "build")
    result = build([article], project / "build", progress=False)
    assert f"{LGR}graph-addition-{sha12(data)}" in result.graph.named_graphs()
