"""'-' wherever a file is read or written: commands piped into each other, as with riot and arq."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from labourgraph.cli import cli

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "sample-graph.trig"
BAD = DATA / "validate-bad.ttl"
ARTICLE = DATA / "extract" / "sample-id.txt"
LG = [sys.executable, "-m", "labourgraph"]


def sh(command: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run a shell pipeline where 'lg' is this labourgraph."""
    lg = " ".join(f"'{part}'" for part in LG)
    return subprocess.run(["bash", "-o", "pipefail", "-c", command.replace("lg ", lg + " ")], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def test_export_to_dash_writes_standard_output_not_a_file(tmp_path):
    proc = sh(f"lg export --data '{SAMPLE}' -f nt -o - > out.nt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "-").exists()
    assert len(list(ox.parse((tmp_path / "out.nt").read_bytes(), format=ox.RdfFormat.N_TRIPLES))) > 100


@pytest.mark.parametrize("fmt, ox_format", [("nt", "N_TRIPLES"), ("turtle", "TURTLE"), ("trig", "TRIG"),
                                            ("nq", "N_QUADS"), ("rdfxml", "RDF_XML")])
def test_export_piped_into_a_riot_like_parse(fmt, ox_format):
    proc = subprocess.run([*LG, "export", "--data", str(SAMPLE), "-f", fmt, "-o", "-"], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    parsed = _ground(ox.parse(proc.stdout, format=getattr(ox.RdfFormat, ox_format)))
    from labourgraph.store import KnowledgeGraph
    original = _ground(KnowledgeGraph.from_files(SAMPLE).quads())
    assert parsed == original and len(original[0]) > 100


def _ground(quads):
    """The triples without blank nodes, and how many there are with one (blank node ids differ)."""
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    ground = {t for t in triples if not any(isinstance(x, ox.BlankNode) for x in t)}
    return ground, len(triples) - len(ground)


def test_query_text_from_standard_input(tmp_path):
    (tmp_path / "q.rq").write_text("SELECT (COUNT(?m) AS ?n) WHERE { ?m a lg:Meeting }\n")
    proc = sh(f"lg query - --data '{SAMPLE}' -f csv < q.rq", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["n", "5"]


def test_query_syntax_error_on_standard_input_names_stdin():
    result = invoke("query", "-", "--data", SAMPLE, input="SELECT ?x WHERE { ?x ?p }\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: <stdin>:1:")


@pytest.mark.parametrize("syntax", [None, "nt", "NTriples", "n-triples"])
def test_data_from_standard_input(syntax):
    export = subprocess.run([*LG, "export", "--data", str(SAMPLE), "-f", "nt"], capture_output=True, check=True)
    args = ["query", "--data", "-", "-e", "SELECT (COUNT(?m) AS ?n) WHERE { ?m a lg:Meeting }", "-f", "csv"]
    if syntax:
        args += ["--syntax", syntax]
    result = CliRunner().invoke(cli, args, input=export.stdout)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["n", "5"]


def test_query_and_data_cannot_both_be_standard_input():
    result = invoke("query", "-", "--data", "-", input="ASK {}")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "standard input" in result.stderr


@pytest.mark.parametrize("how", ["-", "/dev/stdin"])
def test_validate_standard_input(how):
    proc = sh(f"lg validate {how} < '{BAD}'")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("Validated <stdin>: 6 triples") if how == "-" else "6 triples" in proc.stdout
    assert "(<stdin>:11)" in proc.stdout or "(/dev/stdin:11)" in proc.stdout
    assert "/tmp" not in proc.stdout


def test_validate_a_pipe_from_process_substitution():
    proc = sh(f"lg validate <(cat '{BAD}')")
    assert proc.returncode == 1, proc.stderr
    assert "Does not conform: 6 violations." in proc.stdout


def test_validate_stdin_in_another_syntax_needs_no_suffix():
    nq = (DATA / "validate-bad-named.nq").read_bytes()
    result = CliRunner().invoke(cli, ["validate", "-", "--syntax", "nquads", "-f", "json"], input=nq)
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["files"] == ["<stdin>"]
    sniffed = CliRunner().invoke(cli, ["validate", "-", "-f", "json"], input=nq)
    assert sniffed.exit_code == 1 and json.loads(sniffed.stdout)["results"] == json.loads(result.stdout)["results"]


def test_stdin_rdf_of_unknown_format_is_one_line():
    result = invoke("validate", "-", input="just some words\n")
    assert result.exit_code == 2
    assert result.stderr == "Error: <stdin>: cannot tell the RDF format of this input; give it with --syntax\n"


def test_stdin_syntax_error_names_stdin_and_the_place():
    result = invoke("validate", "-", "--syntax", "ttl", input="@prefix ex: <http://example.org/> .\nex:a ex:b\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: <stdin>:") and result.stderr.count("\n") == 1


def test_extract_from_standard_input_takes_the_id_option_or_a_content_hash():
    text = ARTICLE.read_bytes()
    by_file = json.loads(invoke("extract", ARTICLE).stdout)
    piped = invoke("extract", "-", input=text)
    assert piped.exit_code == 0, piped.output
    data = json.loads(piped.stdout)
    assert data["article"]["id"] == "stdin-" + hashlib.sha256(text).hexdigest()[:16]
    assert data["entities"] == by_file["entities"]
    named = json.loads(invoke("extract", "-", "--id", "sample-id", input=text).stdout)
    assert named == by_file


def test_extract_empty_standard_input_is_one_line():
    result = invoke("extract", "-", input="")
    assert result.exit_code == 2 and result.stderr == "Error: <stdin>: article is empty\n"


@pytest.mark.slow
def test_extract_piped_into_validate():
    proc = sh(f"lg extract - --id sample-id -f ttl < '{ARTICLE}' | lg validate -")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Validated <stdin>: ") and "\nConforms." in proc.stdout


def test_add_from_standard_input(tmp_path):
    from labourgraph.store import KnowledgeGraph
    build = tmp_path / "build"
    kg = KnowledgeGraph.from_files(DATA / "validate-build.trig")
    kg.write(build / "labourgraph.trig")
    kg.write(build / "labourgraph.ttl")
    ok = (DATA / "validate-add-ok.ttl").read_text(encoding="utf-8")
    shapes = DATA / "validate-shapes.ttl"
    result = invoke("add", "-", "--build", build, "--shapes", shapes, "--dry-run", input=ok)
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.startswith("Checked <stdin> with ")
    assert "/tmp/labourgraph-" not in result.stdout
    merged = invoke("add", "-", "--build", build, "--shapes", shapes, "--by", "tester", input=ok)
    assert merged.exit_code == 0, merged.output
    assert "Merged: <stdin> as lgr:graph-addition-" in merged.stdout


@pytest.mark.slow
def test_build_reads_an_article_from_standard_input(tmp_path):
    text = ARTICLE.read_bytes()
    result = CliRunner().invoke(cli, ["build", "-", "--out", str(tmp_path / "out"), "--no-progress"], input=text)
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.startswith("articles: 1\n")
    from labourgraph.pipeline import load_built_graph
    graphs = load_built_graph(tmp_path / "out").named_graphs()
    article_id = "stdin-" + hashlib.sha256(text).hexdigest()[:16]
    assert any(g.endswith("graph-" + article_id) for g in graphs), graphs
    empty = CliRunner().invoke(cli, ["build", "-", "--out", str(tmp_path / "none")], input=b"")
    assert empty.exit_code == 2 and empty.stderr == "Error: <stdin>: article is empty\n"


def test_validate_in_a_build_reads_standard_input_too(tmp_path):
    from labourgraph.store import KnowledgeGraph
    build = tmp_path / "build"
    kg = KnowledgeGraph.from_files(DATA / "validate-build.trig")
    kg.write(build / "labourgraph.trig")
    kg.write(build / "labourgraph.ttl")
    data = DATA / "validate-add-ok.ttl"
    shapes = DATA / "validate-shapes.ttl"
    by_file = invoke("validate", data, "--build", build, "--shapes", shapes)
    piped = invoke("validate", "-", "--build", build, "--shapes", shapes, input=data.read_bytes())
    assert piped.exit_code == by_file.exit_code
    assert piped.stdout.startswith("Validated <stdin> in the context of ")
    assert piped.stdout.split("\n", 1)[1] == by_file.stdout.split("\n", 1)[1].replace(str(data), "<stdin>")
