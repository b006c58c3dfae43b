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
    """Every file under ``folder`` with its bytes (not the lock file, whose content is the pid
    of its last holder)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".lock"}


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


def test_replace_all_leaves_no_temporary_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"old")
    replace_all({tmp_path / "a.txt": b"new", tmp_path / "sub" / "b.txt": b"b"})
    assert snapshot(tmp_path) == {"a.txt": b"new", "sub/b.txt": b"b"}


def test_replace_all_keeps_the_mode(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"old")
    os.chmod(tmp_path / "a.txt", 0o644)
    replace_all({tmp_path / "a.txt": b"new"})
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


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


# -- one writer at a time, published as a unit ----------------------------------------

ADD_KILLER = """
import os, shutil, signal, sys
from labourgraph.cli import cli
import labourgraph.additions, labourgraph.publish, labourgraph.store, labourgraph.validation
kill_at, count = int(sys.argv[1]), [0]
def hook(fn):
    def wrapper(*args, **kwargs):
        count[0] += 1
        if count[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*args, **kwargs)
    return wrapper
for name in ("replace", "rename", "symlink"):
    setattr(os, name, hook(getattr(os, name)))
shutil.rmtree = hook(shutil.rmtree)
cli(sys.argv[2:], prog_name="labourgraph")
"""


def _pair(build: Path) -> tuple[bytes, bytes]:
    return (build / "labourgraph.ttl").read_bytes(), (build / "labourgraph.trig").read_bytes()


def _add_args(project: Path, data: Path) -> list[str]:
    return ["add", str(data), "--build", str(project / "build"), "--shapes", str(SHAPES),
            "--by", "tester", "--when", "2026-11-25"]


@pytest.mark.slow
def test_add_killed_at_every_write_leaves_the_old_or_the_new_build_and_a_rerun_finishes(tmp_path):
    """kill -9 before each rename, link and folder removal of an add, one run per
    moment: the .ttl and the .trig always belong together (both old or both new), and
    running the add again gives exactly what an uninterrupted add gives."""
    import subprocess
    import sys

    data = DATA / "validate-add-ok.ttl"
    fresh = KnowledgeGraph.from_files(DATA / "validate-build.trig")

    def new_project(name):
        folder = tmp_path / name
        fresh.write(folder / "build" / "labourgraph.trig")
        fresh.write(folder / "build" / "labourgraph.ttl")
        return folder

    reference = new_project("reference")
    old = _pair(reference / "build")
    assert run_add(reference, data).exit_code == 0
    new = _pair(reference / "build")
    expected = snapshot(reference)

    kills = 0
    for kill_at in range(1, 60):
        project = new_project(f"kill-{kill_at}")
        run = subprocess.run([sys.executable, "-c", ADD_KILLER, str(kill_at), *_add_args(project, data)],
                             capture_output=True, text=True, timeout=120)
        if run.returncode == 0:
            break
        assert run.returncode == -9, run.stderr
        kills += 1
        assert _pair(project / "build") in (old, new), f"torn build after a kill at write {kill_at}"
        rerun = run_add(project, data)
        assert rerun.exit_code == 0, rerun.output
        assert _pair(project / "build") == new, f"the rerun after a kill at write {kill_at} did not finish the add"
        assert {k: v for k, v in snapshot(project).items() if not k.startswith("build/versions/")} == \
            {k: v for k, v in expected.items() if not k.startswith("build/versions/")}
    else:
        pytest.fail("the add never finished")
    assert kills >= 8       # the moments covered: the addition file, adopting the old files, the swap


def test_an_older_build_folder_of_plain_files_is_published_as_links(project):
    assert run_add(project, DATA / "validate-add-ok.ttl").exit_code == 0
    build = project / "build"
    for name in ("labourgraph.ttl", "labourgraph.trig"):
        assert (build / name).is_symlink() and os.readlink(build / name) == f"current/{name}"
    assert (build / "current").is_symlink()
    assert os.readlink(build / "current").startswith("versions/")
    # the version before is kept for readers that are still opening it; no more
    assert len(list((build / "versions").iterdir())) == 2


def test_add_keeps_the_mode_of_the_build_files(project):
    for name in ("labourgraph.ttl", "labourgraph.trig"):
        os.chmod(project / "build" / name, 0o644)
    assert run_add(project, DATA / "validate-add-ok.ttl").exit_code == 0
    for name in ("labourgraph.ttl", "labourgraph.trig"):
        assert (project / "build" / name).stat().st_mode & 0o777 == 0o644, name
    stored = next((project / "additions").glob("*.trig"))
    assert stored.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _second_addition(tmp_path: Path) -> Path:
    data = tmp_path / "second.ttl"
    data.write_text("""@prefix lg: <https://w3id.org/labourgraph/ns#> .
@prefix lgr: <https://w3id.org/labourgraph/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
lgr:programme-test-training a lg:Programme ; skos:prefLabel "Test training"@en .
""", encoding="utf-8")
    return data


def test_two_adds_at_once_both_survive(project, tmp_path):
    import subprocess
    import sys

    datas = [DATA / "validate-add-ok.ttl", _second_addition(tmp_path)]
    procs = [subprocess.Popen([sys.executable, "-m", "labourgraph", *_add_args(project, d)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for d in datas]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, out + err
    built = KnowledgeGraph.from_files(project / "build" / "labourgraph.trig")
    union = KnowledgeGraph.from_files(project / "build" / "labourgraph.ttl")
    for d in datas:
        assert f"{LGR}graph-addition-{sha12(d)}" in built.named_graphs()
        assert (project / "additions" / f"addition-{sha12(d)}.trig").is_file()
    assert union.triples() == built.triples()


def test_add_waits_for_the_lock_and_gives_up_with_one_line(project):
    from labourgraph.publish import build_lock

    before = snapshot(project)
    with build_lock(project / "build"):
        result = CliRunner().invoke(cli, _add_args(project, DATA / "validate-add-ok.ttl")[:1]
                                    + _add_args(project, DATA / "validate-add-ok.ttl")[1:] + ["--lock-timeout", "0.3"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: {project / 'build'}: another labourgraph command (process {os.getpid()}) is writing this build; "
        "gave up after waiting 0.3 s (--lock-timeout)"]
    assert snapshot(project) == before


def test_add_waits_while_another_writer_holds_the_lock(project):
    import threading
    import time

    from labourgraph.publish import build_lock

    released = []

    def hold():
        with build_lock(project / "build"):
            time.sleep(1.0)
            released.append(time.monotonic())

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.2)
    result = run_add(project, DATA / "validate-add-ok.ttl")
    done = time.monotonic()
    holder.join()
    assert result.exit_code == 0, result.output
    assert released and done >= released[0]


def test_an_addition_in_the_build_without_its_file_gets_its_file_back(project):
    data = DATA / "validate-add-ok.ttl"
    assert run_add(project, data).exit_code == 0
    stored = project / "additions" / f"addition-{sha12(data)}.trig"
    kept = stored.read_bytes()
    stored.unlink()
    result = run_add(project, data)
    assert result.exit_code == 0 and "already in the graph" in result.output
    assert stored.read_bytes() == kept


# -- data that is refused whatever --force says -----------------------------------------

@pytest.mark.parametrize("body, message", [
    ("lg:host rdfs:range xsd:string .", "may not change the ontology"),
    ("lg:Meeting rdfs:subClassOf lg:Programme .", "may not change the ontology"),
    ("lgr:meeting-test-slom-2 rdfs:subClassOf lg:Meeting .", "may not change the ontology"),
    ("lgr:thing-x a owl:Class .", "may not change the ontology"),
    ("lgr:participation-test-slom-1-org-a lg:confidence 0.99 .", "provenance or confidence of an existing fact"),
    ("lgr:participation-test-slom-1-org-a prov:wasDerivedFrom lgr:span-forged .",
     "provenance or confidence of an existing fact"),
    ("lgr:addition-000000000000 prov:wasAssociatedWith lgr:agent-mallory .", "IRIs of labourgraph's provenance"),
])
def test_add_refuses_data_that_changes_the_ontology_or_existing_provenance(project, tmp_path, body, message):
    # the build's participation carries provenance, as extracted facts do
    kg = KnowledgeGraph.from_files(DATA / "validate-build.trig")
    kg.add([ox.Quad(ox.NamedNode(f"{LGR}participation-test-slom-1-org-a"), ox.NamedNode(f"{PROV}wasDerivedFrom"),
                    ox.NamedNode(f"{LGR}span-test-1"), ox.NamedNode(f"{LGR}graph-test-article")),
            ox.Quad(ox.NamedNode(f"{LGR}participation-test-slom-1-org-a"),
                    ox.NamedNode("https://w3id.org/labourgraph/ns#confidence"),
                    ox.Literal("0.8", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
                    ox.NamedNode(f"{LGR}graph-test-article"))])
    kg.write(project / "build" / "labourgraph.trig")
    kg.write(project / "build" / "labourgraph.ttl")
    data = tmp_path / "q.ttl"
    data.write_text("""@prefix lg: <https://w3id.org/labourgraph/ns#> .
@prefix lgr: <https://w3id.org/labourgraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
""" + body + "\n", encoding="utf-8")
    before = snapshot(project)
    result = run_add(project, data, "--force")
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {data}: an addition ") and message in lines[0]
    assert snapshot(project) == before


def test_add_accepts_new_facts_with_their_own_provenance(project, tmp_path):
    data = tmp_path / "own.ttl"
    data.write_text("""@prefix lg: <https://w3id.org/labourgraph/ns#> .
@prefix lgr: <https://w3id.org/labourgraph/id/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
lgr:meeting-test-slom-1 skos:altLabel "SLOM satu"@id .
lgr:participation-test-new a lg:Participation ; lg:event lgr:meeting-test-slom-1 ;
    prov:wasDerivedFrom <https://example.org/minutes.pdf> .
""", encoding="utf-8")
    result = run_add(project, data)
    assert result.exit_code == 0, result.output


# -- additions list / remove ---------------------------------------------------------

def test_additions_list_shows_each_addition_and_where_it_is(project, tmp_path):
    ok, second = DATA / "validate-add-ok.ttl", _second_addition(tmp_path)
    assert run_add(project, ok).exit_code == 0
    assert run_add(project, second).exit_code == 0
    result = CliRunner().invoke(cli, ["additions", "list", "--build", str(project / "build")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert sorted(lines) == sorted([
        f"{sha12(ok)}  2026-11-25  tester  5 triples  validate-add-ok.ttl  (kept and in build)",
        f"{sha12(second)}  2026-11-25  tester  2 triples  second.ttl  (kept and in build)"])


def test_additions_remove_takes_it_out_of_the_build_and_the_folder(project, tmp_path):
    ok, second = DATA / "validate-add-ok.ttl", _second_addition(tmp_path)
    assert run_add(project, second).exit_code == 0
    with_second = snapshot(project)
    assert run_add(project, ok).exit_code == 0
    result = CliRunner().invoke(cli, ["additions", "remove", sha12(ok)[:6], "--build", str(project / "build"),
                                      "--shapes", str(SHAPES)])
    # exit 1: the build's own unnamed meeting still violates the shapes (published all the same)
    assert result.exit_code == 1, result.output
    assert "The build still does not conform to the shapes (1 results)" in result.stderr
    assert f"Removed addition {sha12(ok)} (validate-add-ok.ttl, 5 triples)." in result.stdout
    built = KnowledgeGraph.from_files(project / "build" / "labourgraph.trig")
    assert f"{LGR}graph-addition-{sha12(ok)}" not in built.named_graphs()
    assert not (project / "additions" / f"addition-{sha12(ok)}.trig").exists()
    # what is left is byte for byte the build before the add
    strip = lambda snap: {k: v for k, v in snap.items() if not k.startswith("build/versions/")}  # noqa: E731
    assert strip(snapshot(project)) == strip(with_second)


def test_additions_remove_unknown_id_exits_2_with_one_line(project):
    before = snapshot(project)
    result = CliRunner().invoke(cli, ["additions", "remove", "abcdef", "--build", str(project / "build")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "'abcdef' is not an addition" in lines[0]
    assert snapshot(project) == before


@pytest.mark.slow
def test_a_forced_addition_that_breaks_the_build_is_named_and_can_be_removed(tmp_path):
    from labourgraph.pipeline import build

    article = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[0]
    out = tmp_path / "build"
    assert build([article], out, progress=False).conforms
    bad = tmp_path / "bad.ttl"        # a meeting without a name breaks the project's shapes
    bad.write_text("@prefix lg: <https://w3id.org/labourgraph/ns#> .\n"
                   "<https://w3id.org/labourgraph/id/meeting-nameless> a lg:Meeting .\n", encoding="utf-8")
    forced = CliRunner().invoke(cli, ["add", str(bad), "--build", str(out), "--force", "--by", "t"])
    assert forced.exit_code == 0, forced.output
    published = _pair(out)
    failing = CliRunner().invoke(cli, ["build", str(article), "--out", str(out), "--no-progress"])
    assert failing.exit_code == 1
    assert f"The violations come from the addition(s) {sha12(bad)}" in failing.stderr
    assert _pair(out) == published                       # the good build stays
    rejected = KnowledgeGraph.from_files(out / "rejected" / "labourgraph.trig")
    assert f"{LGR}graph-addition-{sha12(bad)}" in rejected.named_graphs()
    removed = CliRunner().invoke(cli, ["additions", "remove", sha12(bad), "--build", str(out)])
    assert removed.exit_code == 0, removed.output
    again = CliRunner().invoke(cli, ["build", str(article), "--out", str(out), "--no-progress"])
    assert again.exit_code == 0, again.output


def test_rerunning_an_add_repairs_a_ttl_torn_by_an_older_labourgraph(project):
    """Before builds were published as a unit, a kill between the two renames left a new
    .trig beside an old .ttl, and rerunning the add only said "already in the graph"."""
    data = DATA / "validate-add-ok.ttl"
    old_ttl = (project / "build" / "labourgraph.ttl").read_bytes()
    assert run_add(project, data).exit_code == 0
    new_trig = (project / "build" / "labourgraph.trig").read_bytes()
    shutil.rmtree(project / "build")
    (project / "build").mkdir()
    (project / "build" / "labourgraph.ttl").write_bytes(old_ttl)          # the torn state
    (project / "build" / "labourgraph.trig").write_bytes(new_trig)
    result = run_add(project, data)
    assert result.exit_code == 0, result.output
    assert "already in the graph" in result.output and "Repaired" in result.output
    assert KnowledgeGraph.from_files(project / "build" / "labourgraph.ttl").triples() == \
        KnowledgeGraph.from_files(project / "build" / "labourgraph.trig").triples()
