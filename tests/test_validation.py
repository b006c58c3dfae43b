"""`labourgraph validate`: exit codes, a report people can act on, named graphs, reasoning.

Most tests use the small shapes and ontology in tests/data/validate-*.ttl, so they specify the
validator, not the project's shapes; the per-shape examples of tests/shapes/ are run through
the command at the end, against ontology/shapes.ttl.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import SH

from labourgraph.cli import cli
from labourgraph.store import KnowledgeGraph
from labourgraph.validation import curie, validate, validate_files

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parent.parent
SHAPES = DATA / "validate-shapes.ttl"
ONTOLOGY = DATA / "validate-ontology.ttl"


def run(*args: str):
    return CliRunner().invoke(cli, ["validate", *map(str, args)])


# -- exit codes and the text report ------------------------------------------------------

def test_validate_conforming_file_exits_0_and_says_so():
    result = run(DATA / "validate-ok.ttl", "--shapes", SHAPES)
    assert result.exit_code == 0, result.output
    assert "Conforms." in result.output
    assert "Violation" not in result.output


def test_validate_violating_file_exits_1_with_each_violation_grouped_by_shape():
    result = run(DATA / "validate-bad.ttl", "--shapes", SHAPES)
    assert result.exit_code == 1, result.output
    out = result.output
    assert "Does not conform: 3 violations." in out
    # one heading per shape, in order, with its count
    assert re.search(r"^lg:MeetingShape \(2\)$", out, re.M)
    assert re.search(r"^lg:ParticipationShape \(1\)$", out, re.M)
    assert out.index("lg:MeetingShape (2)") < out.index("lg:ParticipationShape (1)")


def test_validate_report_names_focus_by_label_and_line_with_property_value_and_message():
    result = run(DATA / "validate-bad.ttl", "--shapes", SHAPES)
    path = DATA / "validate-bad.ttl"
    # the focus node by its label (English by default) and the line where it is described
    assert f'Violation: lgr:meeting-test-slom-1 "Test SLOM 1" ({path}:6)' in result.output
    # the property and the offending value, as Turtle, then the message
    assert '    schema:startDate = "9 September 2021"\n    the start date is one xsd:date\n' in result.output
    # a missing property: no value, the path alone
    assert f"lgr:participation-test-slom-1-org-a ({path}:11)\n    lg:event\n" in result.output
    # a node written as a full IRI is found too
    assert f"lgr:meeting-test-unnamed ({path}:13)" in result.output


def test_validate_report_in_indonesian_uses_indonesian_messages_and_labels():
    result = run(DATA / "validate-bad.ttl", "--shapes", SHAPES, "--lang", "id")
    assert result.exit_code == 1
    assert 'lgr:meeting-test-slom-1 "SLOM Uji ke-1"' in result.output
    assert "tanggal mulai harus satu xsd:date" in result.output
    assert "the start date is one xsd:date" not in result.output


def test_validate_header_says_what_was_read():
    result = run(DATA / "validate-bad-named.trig", "--shapes", SHAPES)
    header = result.output.splitlines()[0]
    assert "5 triples in 1 named graph + the default graph, checked as one union" in header


# -- machine formats ---------------------------------------------------------------------

def test_validate_json_lists_results_with_location_and_both_languages():
    result = run(DATA / "validate-bad.ttl", "--shapes", SHAPES, "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert doc["conforms"] is False
    assert len(doc["results"]) == 3
    start = next(r for r in doc["results"] if r["path"] == "schema:startDate")
    assert start["focus"] == "https://w3id.org/labourgraph/id/meeting-test-slom-1"
    assert start["line"] == 6 and start["source_file"].endswith("validate-bad.ttl")
    assert start["value"] == '"9 September 2021"'
    assert start["constraint"] == "sh:DatatypeConstraintComponent"
    assert start["messages"] == {"en": "the start date is one xsd:date", "id": "tanggal mulai harus satu xsd:date"}


def test_validate_turtle_is_a_standard_shacl_report():
    result = run(DATA / "validate-bad.ttl", "--shapes", SHAPES, "--format", "turtle")
    assert result.exit_code == 1
    g = rdflib.Graph().parse(data=result.output, format="turtle")
    report = g.value(predicate=rdflib.RDF.type, object=SH.ValidationReport, any=False)
    assert g.value(report, SH.conforms).toPython() is False
    results = list(g.objects(report, SH.result))
    assert len(results) == 3
    assert {g.value(r, SH.resultSeverity) for r in results} == {SH.Violation}
    focus = {str(g.value(r, SH.focusNode)) for r in results}
    assert "https://w3id.org/labourgraph/id/participation-test-slom-1-org-a" in focus


@pytest.mark.parametrize("fmt", ["text", "json", "turtle"])
def test_validate_output_is_byte_identical_across_runs(fmt):
    outputs = {run(DATA / "validate-bad.ttl", "--shapes", SHAPES, "--format", fmt).output for _ in range(3)}
    assert len(outputs) == 1


# -- unreadable input --------------------------------------------------------------------

def test_validate_syntax_error_exits_2_with_one_line_naming_file_line_column():
    result = run(DATA / "validate-syntax-error.ttl", "--shapes", SHAPES)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert re.fullmatch(rf"Error: {re.escape(str(DATA / 'validate-syntax-error.ttl'))}:5:\d+: Turtle syntax error: .+",
                        lines[0]), lines[0]


def test_validate_missing_file_exits_2(tmp_path):
    result = run(tmp_path / "nowhere.ttl", "--shapes", SHAPES)
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {tmp_path / 'nowhere.ttl'}: no such file"


def test_validate_unreadable_shapes_exit_2(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:x sh:y\n", encoding="utf-8")
    result = run(DATA / "validate-ok.ttl", "--shapes", shapes)
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {shapes}:")


# -- named graphs are validated, never skipped --------------------------------------------

def test_validate_finds_violations_that_are_only_in_a_named_graph():
    result = run(DATA / "validate-bad-named.trig", "--shapes", SHAPES, "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    kinds = sorted((r["focus"].rsplit("/", 1)[1], r["constraint"]) for r in doc["results"])
    assert kinds == [("participation-test-slom-1-org-a", "sh:ClassConstraintComponent"),
                     ("participation-test-slom-1-org-a", "sh:MaxCountConstraintComponent")]
    assert doc["named_graphs"] == 1


def test_validate_n_quads_named_graph_is_validated():
    result = run(DATA / "validate-bad-named.nq", "--shapes", SHAPES)
    assert result.exit_code == 1
    assert "lgr:meeting-test-slom-1" in result.output and "1 named graph" in result.output


def test_validate_several_files_are_validated_together():
    # the participation's meeting is described in the other file: together they conform
    result = run(DATA / "validate-ok.ttl", DATA / "validate-bad-named.nq", "--shapes", SHAPES)
    assert result.exit_code == 0, result.output


# -- reasoning ---------------------------------------------------------------------------

def _report(inference: str):
    return validate_files([DATA / "validate-workprogramme.ttl"], SHAPES, inference=inference, context=[ONTOLOGY])


def _found(report) -> set[tuple[str, str]]:
    return {(r.focus.rsplit("/", 1)[1], r.constraint) for r in report.results}


@pytest.mark.parametrize("inference", ["subclass", "rdfs", "owlrl"])
def test_subclass_instance_is_checked_by_superclass_shapes_and_missing_property_still_reported(inference):
    report = _report(inference)
    programme = [r for r in report.results if r.focus.endswith("programme-test-work-programme")]
    assert [(r.shape, r.path, r.constraint) for r in programme] == [
        ("lg:ProgrammeShape", "skos:prefLabel", "sh:MinCountConstraintComponent")]


def test_subclass_instance_satisfies_sh_class_of_its_superclass(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix lg: <https://w3id.org/labourgraph/ns#> .
lg:PriorityShape a sh:NodeShape ; sh:targetClass lg:Priority ;
    sh:property [ sh:path lg:period ; sh:class lg:Programme ] .
""", encoding="utf-8")
    data = tmp_path / "data.ttl"
    data.write_text("""@prefix lg: <https://w3id.org/labourgraph/ns#> .
@prefix lgr: <https://w3id.org/labourgraph/id/> .
lgr:priority-x a lg:Priority ; lg:period lgr:programme-wp .
lgr:programme-wp a lg:WorkProgramme .
""", encoding="utf-8")
    assert validate_files([data], shapes, context=[ONTOLOGY]).conforms
    assert not validate_files([data], shapes, inference="none").conforms


def test_default_reasoning_does_not_hide_a_wrong_reference_but_rdfs_would():
    # lg:event has range lg:Meeting: full RDFS makes the misspelt node a Meeting
    subclass, rdfs = _found(_report("subclass")), _found(_report("rdfs"))
    assert ("participation-test-typo", "sh:ClassConstraintComponent") in subclass
    assert ("participation-test-typo", "sh:ClassConstraintComponent") not in rdfs


def test_inference_none_checks_the_data_alone():
    found = _found(_report("none"))
    # without the ontology, a WorkProgramme is not known to be a Programme
    assert not any(focus == "programme-test-work-programme" for focus, _ in found)
    assert ("participation-test-typo", "sh:ClassConstraintComponent") in found


def test_results_about_context_only_nodes_are_left_out(tmp_path):
    context = tmp_path / "reference.ttl"
    context.write_text("""@prefix lg: <https://w3id.org/labourgraph/ns#> .
@prefix lgr: <https://w3id.org/labourgraph/id/> .
lgr:meeting-reference-unnamed a lg:Meeting .
lgr:participation-test-slom-1-org-a lg:note lgr:meeting-reference-unnamed .
""", encoding="utf-8")
    report = validate_files([DATA / "validate-ok.ttl"], SHAPES, context=[ONTOLOGY, context])
    assert report.conforms and report.results == []


def test_context_is_used_where_the_data_refers_to_it(tmp_path):
    context = tmp_path / "reference.ttl"
    context.write_text("""@prefix lg: <https://w3id.org/labourgraph/ns#> .
@prefix lgr: <https://w3id.org/labourgraph/id/> .
lgr:meeting-test-sl0m-1 a lg:Meeting .
""", encoding="utf-8")
    report = validate_files([DATA / "validate-workprogramme.ttl"], SHAPES, context=[ONTOLOGY, context])
    # the referenced meeting is typed in the context: no sh:class violation
    assert ("participation-test-typo", "sh:ClassConstraintComponent") not in _found(report)


@pytest.mark.slow
@pytest.mark.parametrize("path", [DATA / "validate-bad.ttl", DATA / "validate-workprogramme.ttl",
                                  *[p for p in sorted((ROOT / "tests" / "shapes").glob("*.ttl"))
                                    if p.stem in ("model-ok", "meeting-bad", "participation-bad", "postholding-bad",
                                                  "span-bad", "concept-bad", "priority-warn")]],
                         ids=lambda p: p.name)
def test_pruned_context_gives_the_same_results_as_the_whole_context(path, monkeypatch):
    from labourgraph import validation
    pruned = validate_files([path])
    monkeypatch.setattr(validation, "CONTEXT_DEPTH", None)
    whole = validate_files([path])
    assert [(r.key, r.message) for r in pruned.results] == [(r.key, r.message) for r in whole.results]


# -- the library --------------------------------------------------------------------------

def test_validate_library_results_are_sorted_and_keyed():
    report = validate_files([DATA / "validate-bad.ttl"], SHAPES)
    assert report.results == sorted(report.results, key=lambda r: r.sort_key())
    assert len({r.key for r in report.results}) == len(report.results)
    assert report.graph.value(predicate=rdflib.RDF.type, object=SH.ValidationReport) is not None


def test_validate_library_checks_a_graph_in_memory():
    kg = KnowledgeGraph.from_files(DATA / "validate-bad-named.trig")
    report = validate(kg, SHAPES)
    assert not report.conforms
    assert {r.source_file for r in report.results} == {None}      # no files given: no lines


def test_report_of_a_graph_in_memory_can_be_located_in_files_written_later(tmp_path):
    kg = KnowledgeGraph.from_files(DATA / "validate-bad.ttl")
    report = validate(kg, SHAPES)
    kg.write(tmp_path / "written.ttl")
    located = report.located([tmp_path / "written.ttl"])
    assert [r.key for r in located.results] == [r.key for r in report.results]
    lines = (tmp_path / "written.ttl").read_text(encoding="utf-8").splitlines()
    for r in located.results:
        assert r.source_file == str(tmp_path / "written.ttl")
        assert lines[r.line - 1].startswith(curie(r.focus))


def test_validate_unknown_inference_is_an_error():
    from labourgraph.errors import ValidationError
    with pytest.raises(ValidationError, match="unknown inference"):
        validate_files([DATA / "validate-ok.ttl"], SHAPES, inference="magic")


# -- the faster engine gives the same answers ----------------------------------------------

@pytest.mark.parametrize("name", ["validate-ok.ttl", "validate-bad.ttl", "validate-bad-named.trig",
                                  "validate-workprogramme.ttl"])
@pytest.mark.parametrize("inference", ["subclass", "rdfs", "none"])
def test_turbo_engine_gives_the_same_results_as_pyshacl(name, inference):
    options = dict(inference=inference, context=[ONTOLOGY])
    reference = validate_files([DATA / name], SHAPES, engine="pyshacl", **options)
    turbo = validate_files([DATA / name], SHAPES, engine="turbo", **options)
    assert (turbo.engine, reference.engine) == ("turbo", "pyshacl")
    assert turbo.conforms == reference.conforms
    assert turbo.triples == reference.triples
    assert [(r.key, r.messages, r.line, r.labels, r.focus_label) for r in turbo.results] == \
        [(r.key, r.messages, r.line, r.labels, r.focus_label) for r in reference.results]


def test_turbo_is_the_default_engine_and_agrees_with_pyshacl_on_the_seeds(seeds_build):
    from labourgraph.pipeline import load_built_graph

    kg = load_built_graph(seeds_build)
    default = validate(kg)
    reference = validate(kg, engine="pyshacl")
    assert default.engine == "turbo"
    assert default.conforms == reference.conforms
    assert [(r.key, r.messages, r.labels) for r in default.results] == \
        [(r.key, r.messages, r.labels) for r in reference.results]


def test_validate_command_engines():
    result = run(DATA / "validate-bad.ttl", "--shapes", SHAPES)
    assert result.exit_code == 1
    assert "engine turbo" in result.output.splitlines()[0]
    result = run(DATA / "validate-bad.ttl", "--shapes", SHAPES, "--engine", "pyshacl")
    assert result.exit_code == 1
    assert "engine pyshacl" in result.output.splitlines()[0]


# -- the project's shapes, through the command ---------------------------------------------

@pytest.mark.parametrize("inference", ["subclass", "rdfs", "owlrl"])
def test_project_shapes_check_a_work_programme_as_a_programme(inference):
    ok = run(DATA / "validate-project-workprogramme-ok.ttl", "--inference", inference)
    assert ok.exit_code == 0, ok.output
    bad = run(DATA / "validate-project-workprogramme-bad.ttl", "--inference", inference)
    assert bad.exit_code == 1, bad.output
    assert "lgsh:ProgrammeShape (1)\n  Violation: lgr:programme-test-unnamed-work-programme (" in bad.output
    assert "\n    skos:prefLabel\n" in bad.output


def test_project_shapes_without_inference_do_not_know_a_work_programme_is_a_programme():
    assert run(DATA / "validate-project-workprogramme-bad.ttl", "--inference", "none").exit_code == 0


SHAPE_EXAMPLES = sorted((ROOT / "tests" / "shapes").glob("*.ttl"))
_EXPECT = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)\s*$", re.M)
_ONLY_INFERENCE = re.compile(r"^#\s*inference:\s*(\S+)\s*$", re.M)


@pytest.mark.parametrize("example", SHAPE_EXAMPLES, ids=lambda p: p.stem)
def test_validate_command_on_each_shape_example(example):
    """tests/shapes/<topic>-ok|bad|warn.ttl through the command (see tests/shapes/README.md).

    The examples' "no inference" (ontology and reference data in the graph, nothing entailed)
    is the command's default, ``subclass``."""
    text = example.read_text(encoding="utf-8")
    modes = _ONLY_INFERENCE.findall(text)
    if modes and "none" not in modes:
        pytest.skip(f"{example.name} is written for inference {modes}")
    result = run(example, "--format", "json")
    kind = example.stem.rsplit("-", 1)[-1]
    doc = json.loads(result.output)
    found = {(r["severity"], curie(r["focus"]), r["path"] or "-") for r in doc["results"]}
    if kind == "ok":
        assert result.exit_code == 0 and found == set(), result.output
        return
    expected = set(_EXPECT.findall(text))
    assert {(focus, path) for _, focus, path in found} == expected, sorted(found)
    if kind == "warn":
        assert result.exit_code == 0 and {sev for sev, _, _ in found} == {"Warning"}
    else:
        assert result.exit_code == 1 and "Violation" in {sev for sev, _, _ in found}
    # and the text report names each expected focus node with its file and line
    text_report = run(example).output
    for focus, _path in expected:
        assert re.search(rf"(Violation|Warning): {re.escape(focus)} .*\({re.escape(str(example))}:\d+\)", text_report), focus


@pytest.mark.slow
@pytest.mark.parametrize("example", [p for p in SHAPE_EXAMPLES if p.stem.endswith("-bad")], ids=lambda p: p.stem)
def test_validate_command_with_rdfs_still_reports_each_bad_shape_example(example):
    text = example.read_text(encoding="utf-8")
    modes = _ONLY_INFERENCE.findall(text)
    if modes and "rdfs" not in modes:
        pytest.skip(f"{example.name} is written for inference {modes}")
    result = run(example, "--format", "json", "--inference", "rdfs")
    assert result.exit_code == 1, result.output
    reported = {(curie(r["focus"]), r["path"] or "-") for r in json.loads(result.output)["results"]}
    assert set(_EXPECT.findall(text)) <= reported


# -- validate --build: new data in the context of a build, the verdict of add --dry-run ------

BUILD_CONTEXT_FILES = {"validate-build-ok.ttl": 0, "validate-build-bad.ttl": 1,
                       "validate-build-reference-ok.ttl": 0, "validate-build-reference-bad.ttl": 1}


@pytest.mark.slow
@pytest.mark.parametrize("name, code", sorted(BUILD_CONTEXT_FILES.items()))
def test_validate_build_gives_the_verdict_of_add_dry_run(seeds_build, name, code):
    """`validate --build DIR FILE` and `add --dry-run --build DIR FILE` agree: exit code and results."""
    path = DATA / name
    before = (seeds_build / "labourgraph.trig").read_bytes()
    checked = run("--build", seeds_build, path, "--format", "json")
    added = CliRunner().invoke(cli, ["add", "--dry-run", "--build", str(seeds_build), str(path)])
    assert checked.exit_code == code, checked.output
    assert added.exit_code == code, added.output
    doc = json.loads(checked.output)
    assert doc["conforms"] is (code == 0)
    for r in doc["results"]:       # every result validate reports, add reports too, by file and line
        assert f"{r['focus'].rsplit('/', 1)[-1]}" in added.output
        assert f"{r['source_file']}:{r['line']}" in added.output
        assert r["message"] in added.output
    assert len(doc["results"]) == len(re.findall(r"^  (?:Violation|Warning|Info): ", added.output, re.M))
    assert (seeds_build / "labourgraph.trig").read_bytes() == before      # nothing changed


@pytest.mark.slow
def test_validate_build_accepts_a_reference_to_a_person_of_the_build_that_validate_alone_rejects(seeds_build):
    path = DATA / "validate-build-reference-ok.ttl"
    alone = run(path)
    assert alone.exit_code == 1 and "lgsh:ParticipationShape" in alone.output, alone.output
    in_build = run("--build", seeds_build, path)
    assert in_build.exit_code == 0, in_build.output
    assert "Conforms." in in_build.output and "in the context of" in in_build.output


@pytest.mark.slow
def test_validate_build_reports_what_was_expected_and_the_line(seeds_build):
    path = DATA / "validate-build-bad.ttl"
    result = run("--build", seeds_build, path)
    assert result.exit_code == 1
    out = result.output
    assert f'lgr:meeting-slom-19 "SLOM ke-19" ({path}:7)' in out
    assert 'expected an integer edition, got "nineteen"' in out
    assert 'got "14/09/2023"' in out
    assert "Expected a meeting (rdf:type lg:Meeting)" in out
    indonesian = run("--build", seeds_build, path, "--lang", "id").output
    assert 'diharapkan nomor edisi berupa bilangan bulat, bukan "nineteen"' in indonesian


def test_validate_issue_meeting_without_type_and_with_ill_typed_values_does_not_conform():
    """Issue 10: this conformed; without inference every one of its faults is caught."""
    path = DATA / "validate-build-bad.ttl"
    for inference in ("subclass", "none"):
        result = run(path, "--inference", inference)
        assert result.exit_code == 1, result.output
        assert 'expected an integer edition, got "nineteen"' in result.output
        assert 'got "14/09/2023"' in result.output
    assert "lgsh:UsedAsMeetingShape" in run(path).output


def test_validate_meeting_typed_as_a_place_is_the_wrong_type(tmp_path):
    path = tmp_path / "meeting-place.ttl"
    path.write_text("@prefix lg: <https://w3id.org/labourgraph/ns#> . @prefix lgr: <https://w3id.org/labourgraph/id/> .\n"
                    "@prefix schema: <https://schema.org/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                    'lgr:meeting-slom-19 a schema:Place ; skos:prefLabel "SLOM ke-19"@id ;\n'
                    "    schema:superEvent lgr:series-slom ; lg:editionNumber 19 .\n", encoding="utf-8")
    result = run(path)
    assert result.exit_code == 1
    assert "lgsh:UsedAsMeetingShape" in result.output and "Expected a meeting" in result.output
