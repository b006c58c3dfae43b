"""One registry of format names (riot's for RDF, arq's for results), used by every command."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from labourgraph import formats
from labourgraph.cli import cli

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "sample-graph.trig"
BAD = DATA / "validate-bad.ttl"

#: riot's names and aliases (any case) -> labourgraph's canonical name
RIOT_NAMES = {
    "turtle": "turtle", "TTL": "turtle", "Turtle": "turtle",
    "ntriples": "nt", "NT": "nt", "N-Triples": "nt", "n-triples": "nt",
    "nquads": "nq", "NQ": "nq", "N-Quads": "nq",
    "trig": "trig", "TriG": "trig",
    "jsonld": "jsonld", "JSON-LD": "jsonld",
    "rdfxml": "rdfxml", "RDF/XML": "rdfxml", "rdf-xml": "rdfxml", "RDF": "rdfxml", "xml": "rdfxml",
    "n3": "n3", "N3": "n3",
}
OX = {"turtle": "TURTLE", "nt": "N_TRIPLES", "nq": "N_QUADS", "trig": "TRIG", "rdfxml": "RDF_XML", "n3": "N3",
      "jsonld": "JSON_LD"}


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def triples(data: bytes, name: str) -> set:
    parsed = ox.parse(data, format=getattr(ox.RdfFormat, OX[name]))
    return {(q.subject, q.predicate, q.object) for q in parsed if not isinstance(q.subject, ox.BlankNode)
            and not isinstance(q.object, ox.BlankNode)}


@pytest.mark.parametrize("name, canonical", sorted(RIOT_NAMES.items()))
def test_registry_knows_riots_names_in_any_case(name, canonical):
    assert formats.rdf_format(name).name == canonical


def test_unknown_format_is_one_line_listing_the_names():
    with pytest.raises(formats.FormatError) as err:
        formats.rdf_format("rdfjson")
    assert "\n" not in str(err.value) and "turtle (ttl)" in str(err.value) and "rdfxml (rdf/xml" in str(err.value)
    for command in (["export"], ["query", "-e", "ASK {}"], ["validate", str(BAD)], ["extract", "x.txt"]):
        result = invoke(*command, "-f", "rdfjson")
        assert result.exit_code == 2, command
        assert result.stderr.count("\n") == 1 and "unknown format 'rdfjson'; use one of:" in result.stderr
        assert "turtle (ttl)" in result.stderr


@pytest.mark.parametrize("name", ["TTL", "ntriples", "N-Quads", "TriG", "json-ld", "RDF/XML", "N3"])
def test_export_writes_every_rdf_format_and_it_reads_back(name, tmp_path):
    canonical = formats.rdf_format(name).name
    result = CliRunner().invoke(cli, ["export", "--data", str(SAMPLE), "-f", name])
    assert result.exit_code == 0, result.output
    from labourgraph.store import KnowledgeGraph
    original = {(q.subject, q.predicate, q.object) for q in KnowledgeGraph.from_files(SAMPLE).quads()
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
    assert triples(result.stdout_bytes, canonical) == original
    # and labourgraph reads it back, by suffix and by --syntax
    path = tmp_path / f"g{formats.rdf_format(canonical).suffix}"
    path.write_bytes(result.stdout_bytes)
    again = invoke("export", "--data", path, "-f", "nt")
    assert again.exit_code == 0, again.output
    piped = invoke("export", "--data", "-", "--syntax", name, "-f", "nt", input=result.stdout_bytes)
    assert piped.exit_code == 0, piped.output
    assert triples(again.stdout_bytes, "nt") == triples(piped.stdout_bytes, "nt") == original


def test_export_rdfxml_is_deterministic_and_chosen_by_suffix(tmp_path):
    out = tmp_path / "g.rdf"
    assert invoke("export", "--data", SAMPLE, "-o", out).exit_code == 0
    assert out.read_bytes().startswith(b"<?xml")
    assert invoke("export", "--data", SAMPLE, "-f", "rdfxml").stdout_bytes == out.read_bytes()


def test_query_results_formats_follow_arq_with_table_kept():
    text = invoke("query", "dialogue-partners", "--data", SAMPLE, "-f", "text")
    table = invoke("query", "dialogue-partners", "--data", SAMPLE, "--results", "TABLE")
    assert text.exit_code == 0 and text.stdout == table.stdout and text.stdout.startswith("partner")
    for name in ("csv", "TSV", "Json", "xml"):
        assert invoke("query", "dialogue-partners", "--data", SAMPLE, "-f", name).exit_code == 0, name


def test_select_in_an_rdf_format_is_a_clear_error():
    result = invoke("query", "dialogue-partners", "--data", SAMPLE, "-f", "ttl")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "turtle is an RDF format, for CONSTRUCT and DESCRIBE" in result.stderr


@pytest.mark.parametrize("name", ["ttl", "ntriples", "jsonld", "rdfxml", "n3", "json", "xml"])
def test_construct_in_any_rdf_format(name):
    result = invoke("query", "-e", "CONSTRUCT WHERE { ?m a lg:Meeting }", "--data", SAMPLE, "-f", name)
    assert result.exit_code == 0, result.output
    canonical = {"json": "jsonld", "xml": "rdfxml"}.get(name) or formats.rdf_format(name).name
    if canonical == "jsonld":
        from labourgraph.store import KnowledgeGraph
        kg = KnowledgeGraph()
        kg.load_bytes(result.stdout_bytes, "json-ld")
        found = {(q.subject, q.predicate, q.object) for q in kg.quads()}
    else:
        found = triples(result.stdout_bytes, canonical)
    assert len(found) == 5 and all(t[2].value.endswith("#Meeting") for t in found)


@pytest.mark.parametrize("name", ["nt", "JSON-LD", "rdf/xml"])
def test_validate_writes_the_shacl_report_in_any_rdf_format(name):
    result = invoke("validate", BAD, "-f", name)
    assert result.exit_code == 1
    canonical = RIOT_NAMES[name] if name in RIOT_NAMES else formats.rdf_format(name).name
    from labourgraph.store import KnowledgeGraph
    kg = KnowledgeGraph()
    kg.load_bytes(result.stdout_bytes, formats.rdf_format(canonical).parser_format())
    rows = list(kg.query("SELECT ?r WHERE { ?r a <http://www.w3.org/ns/shacl#ValidationResult> }"))
    assert len(rows) == 6


def test_validate_reads_rdfxml(tmp_path):
    rdf = invoke("export", "--data", BAD, "-f", "rdfxml").stdout_bytes
    (tmp_path / "bad.rdf").write_bytes(rdf)
    result = invoke("validate", tmp_path / "bad.rdf", "-f", "json")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["results"]) == 6


def test_extract_writes_any_rdf_format(data_dir):
    article = data_dir / "extract" / "sample-id.txt"
    trig = invoke("extract", article, "-f", "TriG")
    nq = invoke("extract", article, "-f", "nquads")
    assert trig.exit_code == 0 and nq.exit_code == 0
    quads = {str(q) for q in ox.parse(nq.stdout_bytes, format=ox.RdfFormat.N_QUADS)}
    assert quads == {str(q) for q in ox.parse(trig.stdout_bytes, format=ox.RdfFormat.TRIG)}
    assert any("graph" in str(q.graph_name) for q in ox.parse(nq.stdout_bytes, format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("data, expected", [
    (b'{"@id": "x"}', "jsonld"), (b'[{"@id": "x"}]', "jsonld"), (b"[ a <http://a/C> ] .\n", "turtle"), (b"<?xml version='1.0'?><rdf:RDF/>", "rdfxml"),
    (b"<http://a/s> <http://a/p> <http://a/o> .\n", "nq"),
    (b"<http://a/s> <http://a/p> <http://a/o> <http://a/g> .\n", "nq"),
    (b"@prefix a: <http://a/> .\na:s a:p a:o .\n", "turtle"),
    (b"PREFIX a: <http://a/>\na:g { a:s a:p 'x{y}' }\n", "trig"),
    (b"just words\n", None), (b"", None),
])
def test_sniffing_only_where_unambiguous(data, expected):
    found = formats.sniff(data)
    assert (found.name if found else None) == expected
