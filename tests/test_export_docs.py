"""`labourgraph docs`: the ontology rendered by pyLODE, one page per language."""
from __future__ import annotations

from pathlib import Path

import pytest

from labourgraph.errors import ExportError
from labourgraph.export.docs import PAGES, ontology_sources, render_docs

ONTOLOGY = Path(__file__).resolve().parent / "data" / "export-ontology.ttl"

pytest.importorskip("pylode")


def test_docs_have_an_english_and_an_indonesian_page(tmp_path):
    paths = render_docs(tmp_path, [ONTOLOGY])
    assert sorted(p.name for p in paths) == sorted(PAGES.values())
    en = (tmp_path / PAGES["en"]).read_text(encoding="utf-8")
    id_ = (tmp_path / PAGES["id"]).read_text(encoding="utf-8")
    assert "meeting" in en and "pertemuan" not in en
    assert "pertemuan" in id_ and "tuan rumah" in id_ and "A meeting." not in id_
    assert '<html lang="id"' in id_ and f'href="{PAGES["en"]}"' in id_


@pytest.mark.slow
def test_docs_are_byte_identical_on_a_second_run(tmp_path):
    first = [p.read_bytes() for p in render_docs(tmp_path / "one", [ONTOLOGY])]
    second = [p.read_bytes() for p in render_docs(tmp_path / "two", [ONTOLOGY])]
    assert first == second


def test_docs_without_an_owl_ontology_fail_cleanly(tmp_path):
    plain = tmp_path / "plain.ttl"
    plain.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    with pytest.raises(ExportError, match="owl:Ontology"):
        render_docs(tmp_path / "out", [plain])
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_the_shipped_ontology_renders(tmp_path):
    from rdflib.namespace import OWL, RDF

    from labourgraph.export.docs import load_ontology

    sources = ontology_sources()
    if not sources or (None, RDF.type, OWL.Ontology) not in load_ontology(sources):
        pytest.skip("ontology/ declares no owl:Ontology yet")
    paths = render_docs(tmp_path, sources)
    assert all(p.stat().st_size > 1000 for p in paths)


def test_docs_command_prints_the_pages(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from labourgraph.cli import cli
    from labourgraph.export import docs

    monkeypatch.setattr(docs, "ontology_sources", lambda folder=None: [ONTOLOGY])
    result = CliRunner().invoke(cli, ["docs", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(Path(line).name for line in result.stdout.split()) == sorted(PAGES.values())
