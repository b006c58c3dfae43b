"""Shared fixtures: the seeds built once per session, and paths to the shared corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> Path:
    """A folder holding labourgraph.ttl and labourgraph.trig built from seeds/."""
    from labourgraph.pipeline import build

    out = tmp_path_factory.mktemp("seeds-build")
    result = build([SEEDS], out, progress=False, include_additions=False)
    assert result.conforms, result.report.text(lang="en")
    return out


@pytest.fixture(scope="session")
def seeds_graph(seeds_build):
    """The seeds' graph, loaded (named graphs kept)."""
    from labourgraph.pipeline import load_built_graph

    return load_built_graph(seeds_build)


@pytest.fixture()
def data_dir() -> Path:
    """tests/data/"""
    return DATA


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (the corpus and scorer); tests that need it skip when it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is not next to this checkout")
    return SHARED


@pytest.fixture(scope="session")
def export_sample_graph():
    """The hand-written sample graph of the export tests."""
    from labourgraph.store import KnowledgeGraph

    return KnowledgeGraph.from_files(DATA / "export-sample.trig")


@pytest.fixture(scope="module", params=["sample", "seeds"])
def graph(request, export_sample_graph):
    """The export tests' inputs: the hand-written sample and the seeds' graph."""
    return export_sample_graph if request.param == "sample" else request.getfixturevalue("seeds_graph")


def entities_named(text: str, names: dict[str, tuple[str, str]]):
    """Hand-made Entity records for every surface of ``names`` ({surface: (key, type)}) in ``text``,
    so a stage can be tested without the entity extractor."""
    import re

    from labourgraph.records import Entity, Span

    entities = []
    for surface, (key, typ) in names.items():
        spans = [Span(m.start(), m.end(), surface) for m in re.finditer(re.escape(surface), text)]
        if spans:
            entities.append(Entity(key=key, label=surface, type=typ, mentions=spans))
    return entities
