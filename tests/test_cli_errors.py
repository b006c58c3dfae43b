"""Errors in plain words: one line (a SPARQL syntax error adds its line and a caret), the
traceback only with --debug, and a bug is still one line."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from labourgraph.cli import cli

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = str(DATA / "sample-graph.trig")


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


@pytest.mark.parametrize("query, message, caret_under", [
    ("SELECT * WHERE { ?s foo:bar ?o }", 'unknown prefix "foo:"', "foo:bar"),
    ("SELECT ?s WHERE { ?s zz:p ?o . }", 'unknown prefix "zz:"', "zz:p"),
    ("SELECT * WHERE { ?s ?p ?o ", 'this "{" is never closed', "{"),
    ("SELEC * WHERE { ?s ?p ?o }", 'a query starts with SELECT, CONSTRUCT, DESCRIBE or ASK, not "SELEC"', "SELEC"),
    ("SELECT ?s WHERE { ?s ?p ?o } GROUP ?s", '"GROUP" must be followed by "BY"', " ?s"),
    ("SELECT ?s WHERE { ?s a lg:Meeting  ?s ?p ?o }", 'a "." is missing before "?s"', "?s ?p ?o }"),
    ('SELECT ?s WHERE { ?s rdfs:label "open }', "a string is not closed", '"open'),
    ("SELECT ?s WHERE { ?s ?p ?o . FILTER(?o > ) }", 'cannot read the query from "FILTER(?o" on', "FILTER"),
])
def test_sparql_syntax_error_is_a_line_a_caret_and_a_few_words(query, message, caret_under):
    result = invoke("query", "-e", query, "--data", SAMPLE)
    assert result.exit_code == 2
    first, line, caret = result.stderr.rstrip("\n").split("\n")
    column = query.rindex(caret_under) + 1
    assert first.startswith(f"Error: <-e>:1:{column}: SPARQL syntax error: {message}")
    assert line == "  " + query.rstrip()
    assert caret == " " * (column + 1) + "^"
    assert "expected one of" not in result.stderr and "\\u{" not in result.stderr


def test_unknown_prefix_example_of_the_issue():
    result = invoke("query", "-e", "SELECT * WHERE { ?s foo:bar ?o }", "--data", SAMPLE)
    assert result.stderr == ('Error: <-e>:1:21: SPARQL syntax error: unknown prefix "foo:" '
                             '(declare it: PREFIX foo: <...>)\n'
                             "  SELECT * WHERE { ?s foo:bar ?o }\n"
                             "                      ^\n")


def test_syntax_error_in_a_file_after_a_bound_parameter_points_into_the_file(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("# title: t\n# param: m  a meeting (default: lgr:meeting-slom-17)\n"
                    "PREFIX lg: <https://w3id.org/labourgraph/ns#>\n"
                    "SELECT ?m WHERE { ?m a lg:Meeting ; lg:x bad:y }\n")
    result = invoke("query", path, "--data", SAMPLE)
    assert result.exit_code == 2
    first, line, caret = result.stderr.rstrip("\n").split("\n")
    assert first == f'Error: {path}:4:42: SPARQL syntax error: unknown prefix "bad:" (declare it: PREFIX bad: <...>)'
    assert line == "  SELECT ?m WHERE { ?m a lg:Meeting ; lg:x bad:y }"
    assert caret.index("^") == line.index("bad:y")


def test_multiline_expression_counts_lines_as_typed():
    result = invoke("query", "-e", "SELECT ?s\nWHERE {\n  ?s zz:p ?o }", "--data", SAMPLE)
    assert result.stderr.splitlines()[0].startswith('Error: <-e>:3:6: SPARQL syntax error: unknown prefix "zz:"')
    assert result.stderr.splitlines()[1] == "    ?s zz:p ?o }"


def test_other_errors_are_one_line():
    for args in (["query", "nope", "--data", SAMPLE], ["validate", DATA / "validate-syntax-error.ttl"],
                 ["export", "--data", "/nonexistent"], ["query", "--bogus-option"], ["extract"]):
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, (args, result.stderr)


def test_a_bug_is_one_line_exit_3_and_debug_shows_the_traceback(monkeypatch):
    import labourgraph.cli.query as query_cli

    def broken(*args, **kwargs):
        raise RuntimeError("something\nbroke")
    monkeypatch.setattr(query_cli, "lookup_query", broken)
    result = invoke("query", "anything", "--data", SAMPLE)
    assert result.exit_code == 3
    assert result.stderr == ("Error: internal error: RuntimeError: something broke "
                             "(run 'labourgraph --debug ...' for the traceback)\n")
    debug = invoke("--debug", "query", "anything", "--data", SAMPLE)
    assert isinstance(debug.exception, RuntimeError)


def test_debug_prints_the_traceback_of_a_user_error():
    plain = subprocess.run([sys.executable, "-m", "labourgraph", "query", "-e", "SELECT * WHERE { ?s foo:p ?o }",
                            "--data", SAMPLE], capture_output=True, text=True)
    debug = subprocess.run([sys.executable, "-m", "labourgraph", "--debug", "query", "-e",
                            "SELECT * WHERE { ?s foo:p ?o }", "--data", SAMPLE], capture_output=True, text=True)
    assert "Traceback" not in plain.stderr and plain.returncode == 2
    assert "Traceback (most recent call last)" in debug.stderr and "SparqlSyntaxError" in debug.stderr


@pytest.mark.parametrize("args, says", [
    (["--bogus"], "No such option '--bogus'"),
    (["bogus"], "No such command 'bogus'"),
    (["query", "--bogus"], "No such option '--bogus'"),
    (["export", "-f"], "Option '-f' requires an argument"),
])
def test_usage_errors_are_one_line_too(args, says):
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and says in result.stderr and result.stderr.count("\n") == 1
