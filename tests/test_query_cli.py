"""The command line: ``labourgraph queries``, ``query`` and ``serve``."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from labourgraph.cli import cli
from labourgraph.queries import load_queries

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = str(DATA / "sample-graph.trig")
LIBRARY = load_queries()


def invoke(*args):
    return CliRunner().invoke(cli, list(args))


def test_queries_lists_every_query_with_title_and_parameters():
    result = invoke("queries")
    assert result.exit_code == 0
    for name, query in LIBRARY.items():
        assert f"{name}\n    {query.title}\n" in result.stdout
    assert "    --param agent=...  the participant, an organisation or country (default: lgr:org-kemnaker)" in result.stdout
    assert f"{len(LIBRARY)} queries" in result.stderr


def test_query_by_name_prints_a_table():
    result = invoke("query", "meetings-attended-by", "--data", SAMPLE)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["meeting", "meetingLabel", "series"]
    assert set(lines[1]) == {"-", " "}
    assert [line.split()[0] for line in lines[2:]] == [
        "lgr:meeting-slom-17", "lgr:meeting-slom-21", "lgr:meeting-slom-plus-3-23"]
    assert result.stderr.strip() == "3 rows"


def test_param_lang_and_formats():
    result = invoke("query", "meetings-attended-by", "--param", "agent=lgr:country-bn", "--data", SAMPLE, "-f", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert [r[0] for r in rows] == ["meeting", "https://w3id.org/labourgraph/id/meeting-slom-17"]
    result = invoke("query", "dialogue-partners", "--lang", "id", "--data", SAMPLE, "--format", "json")
    labels = {b["partnerLabel"]["value"] for b in json.loads(result.stdout)["results"]["bindings"]}
    assert labels == {"Tiongkok", "Jepang", "Korea Selatan"}
    result = invoke("query", "dialogue-partners", "--data", SAMPLE, "--format", "xml")
    assert result.stdout.startswith("<?xml") and result.stdout.count("<result>") == 3
    result = invoke("query", "dialogue-partners", "--data", SAMPLE, "--format", "tsv")
    assert result.stdout.splitlines()[0].startswith("?partner\t")


def test_query_from_a_file_and_from_an_expression(tmp_path):
    path = tmp_path / "count.rq"
    path.write_text("# title: Count meetings\n# description: how many\n"
                    "PREFIX lg: <https://w3id.org/labourgraph/ns#>\n"
                    "SELECT (COUNT(?m) AS ?n) WHERE { ?m a lg:Meeting } ORDER BY ?n\n")
    result = invoke("query", str(path), "--data", SAMPLE, "-f", "csv")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["n", "5"]
    # -e gets labourgraph's prefixes for free, and takes parameters too
    result = invoke("query", "-e", "SELECT ?label WHERE { ?e skos:prefLabel ?label FILTER(lang(?label) = 'id') } ORDER BY ?label",
                    "-p", "e=lgr:country-kr", "--data", SAMPLE, "-f", "csv")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["label", "Korea Selatan"]


def test_show_prints_the_bound_query():
    result = invoke("query", "meeting-details", "-p", 'meeting=<https://w3id.org/labourgraph/id/meeting-slom-21>', "--show")
    assert result.exit_code == 0
    assert 'VALUES (?lang ?meeting) { ("en" <https://w3id.org/labourgraph/id/meeting-slom-21>) }' in result.stdout


def test_construct_prints_turtle():
    result = invoke("query", "-e", "CONSTRUCT { ?m a lg:Meeting } WHERE { ?m a lg:Meeting ; lg:editionNumber 17 }",
                    "--data", SAMPLE)
    assert result.exit_code == 0 and result.stdout.startswith("@prefix")
    triples = list(ox.parse(result.stdout_bytes, format=ox.RdfFormat.TURTLE))
    assert [(t.subject.value, t.object.value) for t in triples] == [
        ("https://w3id.org/labourgraph/id/meeting-slom-17", "https://w3id.org/labourgraph/ns#Meeting")]


@pytest.mark.parametrize("args, message", [
    (["query", "no-such-query"], "no query named 'no-such-query'"),
    (["query", "meetings-attended-by", "-p", "agnet=lgr:x"], "unknown parameter 'agnet'"),
    (["query", "meetings-attended-by", "-p", "agent"], "--param takes KEY=VALUE"),
    (["query", "meetings-attended-by", "-p", "agent=zz:x"], "not an IRI"),
    (["query", "-e", "SELECT ?s\nWHERE { ?s ?p }"], "<-e>:2:"),
    (["query", "-e", "DROP ALL"], "read-only"),
])
def test_bad_input_is_one_line_and_exit_2(args, message):
    result = invoke(*args, "--data", SAMPLE)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ") and message in result.stderr
    # one line; a SPARQL syntax error adds the line and a caret under the column
    assert result.stderr.count("\n") == (3 if "<-e>" in message else 1)


def test_missing_build_is_a_clear_error(tmp_path):
    result = invoke("query", "articles", "--data", str(tmp_path / "nothing"))
    assert result.exit_code == 2 and "no such file or folder" in result.stderr


def test_name_or_expression_is_required():
    assert invoke("query").exit_code == 2
    assert invoke("query", "articles", "-e", "ASK {}").exit_code == 2


@pytest.mark.slow
def test_serve_command_answers_until_interrupted():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "labourgraph", "serve", "--port", str(port), "--data", SAMPLE],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    assert json.loads(response.read())["boolean"] is True
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read().decode()
                time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
    assert f"http://127.0.0.1:{port}/sparql" in proc.stderr.read().decode()


@pytest.mark.slow
def test_counts_are_the_same_from_the_build_folder_and_the_turtle_file(seeds_build):
    """Issue 10's repro: COUNT(*) gave 7709 on build/ and 7661 on the .ttl; a post holding two
    articles state came back 32 times from build/."""
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    holding = ("SELECT ?h { ?h a lg:PostHolding ; org:member lgr:person-anwar-sanusi ; lg:post ?p ; "
               "org:organization ?o ; org:role ?r }")
    for text, expected in ((count, None), (holding, 1)):
        answers = []
        for data in (seeds_build, seeds_build / "labourgraph.trig", seeds_build / "labourgraph.ttl"):
            result = invoke("query", "--data", str(data), "-e", text, "--format", "csv")
            assert result.exit_code == 0, result.output
            answers.append(list(csv.reader(io.StringIO(result.stdout)))[1:])
        assert answers[0] == answers[1] == answers[2]
        if expected is not None:
            assert len(answers[0]) == expected
    triples = {q.triple for q in ox.parse(path=str(seeds_build / "labourgraph.ttl"), format=ox.RdfFormat.TURTLE)}
    result = invoke("query", "--data", str(seeds_build), "-e", count, "--format", "csv")
    assert result.stdout.splitlines()[1] == str(len(triples))
