"""Where things are: LABOURGRAPH_HOME or labourgraph.toml (found upward) set the build, additions,
seeds and query folders, so the commands work from any folder; --queries-dir for query and serve."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from labourgraph import config
from labourgraph.cli import cli

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parent.parent

QUERY = """# title: Count the meetings
# description: how many meetings there are
PREFIX lg: <https://w3id.org/labourgraph/ns#>
SELECT (COUNT(?m) AS ?n) WHERE { ?m a lg:Meeting }
"""


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


@pytest.fixture()
def project(tmp_path, monkeypatch, seeds_build):
    """A project folder with labourgraph.toml, its build in out/ and a query folder; the
    working directory is a folder two levels below it."""
    monkeypatch.delenv(config.ENV_HOME, raising=False)
    root = tmp_path / "project"
    shutil.copytree(seeds_build, root / "out")
    (root / "my-queries").mkdir()
    (root / "my-queries" / "meeting-count.rq").write_text(QUERY)
    (root / "labourgraph.toml").write_text('build = "out"\nadditions = "kept"\nqueries = ["my-queries"]\n')
    deep = root / "notes" / "today"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    return root


def test_the_toml_is_found_upward(project):
    places = config.places()
    assert places.origin == str(project / "labourgraph.toml")
    assert places.build.resolve() == project / "out"
    assert places.additions.resolve() == project / "kept"
    assert [q.resolve() for q in places.queries] == [project / "my-queries"]


def test_commands_work_from_a_folder_below_the_project(project):
    result = invoke("query", "meeting-count", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "n" and int(result.stdout.splitlines()[1]) > 0
    listed = invoke("queries")
    assert "meeting-count\n    Count the meetings" in listed.stdout
    validated = invoke("validate")
    assert validated.exit_code == 0, validated.output
    assert "out/labourgraph.trig" in validated.stdout.splitlines()[0]
    exported = invoke("export", "-f", "nt")
    assert exported.exit_code == 0 and exported.stdout.count("\n") > 1000


def test_add_keeps_additions_where_the_toml_says(project):
    data = DATA / "validate-add-ok.ttl"
    result = invoke("add", data, "--shapes", DATA / "validate-shapes.ttl", "--by", "tester", "--force")
    assert result.exit_code == 0, result.output
    assert list((project / "kept").glob("addition-*.trig"))
    assert not (project / "notes" / "today" / "additions").exists()


def test_labourgraph_home_wins_over_the_toml(project, tmp_path, monkeypatch, seeds_build):
    home = tmp_path / "home"
    shutil.copytree(seeds_build, home / "build")
    monkeypatch.setenv(config.ENV_HOME, str(home))
    places = config.places()
    assert places.origin == config.ENV_HOME
    assert places.build.resolve() == home / "build" and places.additions.resolve() == home / "additions"
    assert places.seeds.resolve() == home / "seeds"
    assert invoke("query", "meeting-count").exit_code == 2          # the toml's queries are not used
    result = invoke("query", "-e", "ASK { ?s a lg:Meeting }")
    assert result.exit_code == 0 and result.stdout == "yes\n"


def test_without_either_the_checkout_layout_is_the_default(tmp_path, monkeypatch):
    monkeypatch.delenv(config.ENV_HOME, raising=False)
    monkeypatch.chdir(tmp_path)
    assert config.places() == config.Places()
    result = invoke("query", "-e", "ASK {}")
    assert result.exit_code == 2 and "build: no such file or folder; run 'labourgraph build' first" in result.stderr


def test_a_bad_toml_is_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv(config.ENV_HOME, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "labourgraph.toml").write_text('build = "out"\nbulid = "x"\n')
    result = invoke("query", "-e", "ASK {}")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "labourgraph.toml: unknown key 'bulid'" in result.stderr
    (tmp_path / "labourgraph.toml").write_text('build = \n')
    result = invoke("query", "-e", "ASK {}")
    assert result.exit_code == 2 and "labourgraph.toml:1:" in result.stderr and result.stderr.count("\n") == 1


def test_queries_dir_is_accepted_by_queries_query_and_serve(tmp_path, seeds_build):
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "meeting-count.rq").write_text(QUERY)
    assert "meeting-count" in invoke("queries", "--queries-dir", folder).stdout
    result = invoke("query", "meeting-count", "--queries-dir", folder, "--data", seeds_build, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "--queries-dir" in invoke("serve", "--help").stdout
    from labourgraph.cli.query import library
    assert "meeting-count" in library((folder,)) and "post-holders-over-time" in library((folder,))


def test_the_checkout_has_its_toml():
    assert (ROOT / "labourgraph.toml").is_file()
    import tomllib
    assert tomllib.loads((ROOT / "labourgraph.toml").read_text())["build"] == "build"


def test_serve_lists_the_queries_of_queries_dir(tmp_path):
    import json
    import os
    import re
    import signal
    import subprocess
    import sys
    import time
    import urllib.request

    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "meeting-count.rq").write_text(QUERY)
    proc = subprocess.Popen([sys.executable, "-m", "labourgraph", "serve", "--port", "0", "--workers", "1",
                             "--data", str(DATA / "sample-graph.trig"), "--queries-dir", str(folder)],
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 60
        line = ""
        while "endpoint:" not in line and time.monotonic() < deadline:
            line = proc.stderr.readline()
        port = re.search(r"127\.0\.0\.1:(\d+)/sparql", line).group(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/queries.json", timeout=10) as response:
            names = {q["name"] for q in json.loads(response.read())["queries"]}
        assert "meeting-count" in names and "post-holders-over-time" in names
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
