"""The README stays true: its commands exist, CI runs its test command as written."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from labourgraph.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCED = re.findall(r"```sh\n(.*?)\n```", README, re.S)


def test_docs_readme_opens_with_a_sentence_and_two_commands():
    first_lines = README.split("```")[0].strip().splitlines()
    assert first_lines[0] == "# labourgraph" and len([line for line in first_lines[1:] if line.strip()]) == 1
    install, tests = FENCED[:2]
    assert "labourgraph build" in install and "pip install" in install
    assert "pytest" in tests and "pip install" in tests


def test_docs_ci_runs_the_readme_test_command_as_written():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert FENCED[1].strip() in ci.splitlines()


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_has_help_and_is_in_the_readme(name):
    assert cli.commands[name].help, name
    assert f"labourgraph {name}" in README, name


def test_docs_public_api_names_resolve():
    import labourgraph

    for name in labourgraph.__all__:
        assert getattr(labourgraph, name) is not None, name


def test_docs_run_query_answers_on_a_graph(tmp_path):
    import labourgraph

    f = tmp_path / "g.ttl"
    f.write_text("@prefix lg: <https://w3id.org/labourgraph/ns#> .\n<urn:x:m> a lg:Meeting .\n")
    result = labourgraph.run_query(labourgraph.KnowledgeGraph.from_files(f), "SELECT ?m WHERE { ?m a lg:Meeting }")
    assert result.variables == ["m"]
    assert [row[0].value for row in result.rows] == ["urn:x:m"]
