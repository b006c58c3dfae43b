"""The SHACL shapes of ontology/shapes.ttl, one example graph at a time (tests/shapes/).

``<name>-ok.ttl`` must give no result at all; ``<name>-bad.ttl`` must give a violation for
every ``# expect: <focus> <path>`` line (``-`` for a node-level result) and, without
inference, nothing else; ``<name>-warn.ttl`` the same, with warnings only. See
tests/shapes/README.md. Each example is validated together with the ontology, the
reference entities and the concept schemes it refers to, as ``labourgraph validate`` does,
without inference and with RDFS inference.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate
from pyshacl_turbo import validate as turbo_validate
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

from labourgraph.namespaces import bind_prefixes

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
EXAMPLES = ROOT / "tests" / "shapes"
CONTEXT_FILES = ("entities.ttl", "schemes.ttl")
EXPECT = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)\s*$", re.M)
INFERENCE = re.compile(r"^#\s*inference:\s*(\S+)\s*$", re.M)


@cache
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl")


@cache
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "labourgraph.ttl")


@cache
def reference() -> Graph:
    g = Graph()
    for name in CONTEXT_FILES:
        g.parse(ONTOLOGY / name)
    return g


def with_context(data: Graph) -> Graph:
    """``data`` plus the ontology and the reference descriptions reachable from it."""
    ref = reference()
    merged = Graph()
    for t in ontology():
        merged.add(t)
    for t in data:
        merged.add(t)
    queue = [n for t in data for n in (t[0], t[2]) if isinstance(n, URIRef)]
    seen: set = set()
    while queue:
        node = queue.pop()
        if node in seen:
            continue
        seen.add(node)
        for t in ref.triples((node, None, None)):
            merged.add(t)
            if isinstance(t[2], (URIRef, BNode)):
                queue.append(t[2])
    return bind_prefixes(merged)


def results(data: Graph, inference: str, engine: str = "turbo") -> set[tuple[str, str, str, str]]:
    """(severity, focus, path, source shape) of every top-level result, as CURIEs.

    ``engine``: pyshacl-turbo (labourgraph's default engine) or pySHACL (the reference).
    """
    run = turbo_validate if engine == "turbo" else validate
    _, report, _ = run(data, shacl_graph=shapes(), inference=inference, allow_warnings=True, advanced=True)
    nested = set(report.objects(None, SH.detail))
    out = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        if r in nested:
            continue
        path = report.value(r, SH.resultPath)
        shape = report.value(r, SH.sourceShape)
        out.add((report.value(r, SH.resultSeverity).split("#")[-1],
                 curie(data, report.value(r, SH.focusNode)),
                 curie(data, path) if isinstance(path, URIRef) else "-",
                 curie(shapes(), shape) if isinstance(shape, URIRef) else _shape_text(shape)))
    return out


def _shape_text(shape) -> str:
    """An anonymous shape by its content (blank node labels differ between engines)."""
    g = shapes()
    return " ".join(sorted(f"{p.n3()} {o.n3()}" for p, o in g.predicate_objects(shape) if not isinstance(o, BNode)))


def curie(graph: Graph, node) -> str:
    return graph.namespace_manager.normalizeUri(node) if isinstance(node, URIRef) else str(node)


def kind(path: Path) -> str:
    return path.stem.rsplit("-", 1)[-1]


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.ttl"))


def test_every_example_is_ok_bad_or_warn_and_every_bad_one_says_what_it_expects():
    assert EXAMPLE_FILES
    for path in EXAMPLE_FILES:
        assert kind(path) in ("ok", "bad", "warn"), path.name
        if kind(path) != "ok":
            assert EXPECT.search(path.read_text(encoding="utf-8")), path.name


@pytest.mark.parametrize("inference", ["none", pytest.param("rdfs", marks=pytest.mark.slow)])
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_shape_example(example: Path, inference: str):
    text = example.read_text(encoding="utf-8")
    modes = INFERENCE.findall(text)
    if modes and inference not in modes:
        pytest.skip(f"{example.name} is written for inference {modes}")
    data = with_context(Graph().parse(example))
    found = results(data, inference)
    if kind(example) == "ok":
        assert found == set(), "\n".join(map(str, sorted(found)))
        return
    expected = set(EXPECT.findall(text))
    reported = {(focus, path) for _, focus, path, _ in found}
    assert expected <= reported, f"missing {sorted(expected - reported)}; got {sorted(found)}"
    severities = {sev for sev, _, _, _ in found}
    if kind(example) == "warn":
        assert severities == {"Warning"}, sorted(found)
    else:
        assert "Violation" in severities
    if inference == "none":
        assert reported == expected, f"unexpected {sorted(reported - expected)}"


#: The examples cross-checked with pySHACL with RDFS inference (all are, without inference).
RDFS_SAMPLE = EXAMPLE_FILES[::5]


@pytest.mark.parametrize("example, inference", [(e, "none") for e in EXAMPLE_FILES] + [(e, "rdfs") for e in RDFS_SAMPLE],
                         ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_turbo_engine_reports_what_pyshacl_reports(example: Path, inference: str):
    """labourgraph's default engine (pyshacl-turbo) gives pySHACL's results: the same focus
    nodes, paths, shapes and severities (every example without inference, a sample with)."""
    text = example.read_text(encoding="utf-8")
    modes = INFERENCE.findall(text)
    if modes and inference not in modes:
        pytest.skip(f"{example.name} is written for inference {modes}")
    data = with_context(Graph().parse(example))
    assert results(data, inference, "turbo") == results(data, inference, "pyshacl")


def test_reference_data_conforms_without_any_result():
    """The ontology, the reference entities and the schemes pass every shape, warnings included."""
    data = Graph()
    for t in ontology():
        data.add(t)
    for t in reference():
        data.add(t)
    assert results(bind_prefixes(data), "none") == set()


def test_model_example_uses_every_class_the_model_names():
    """tests/shapes/model-ok.ttl covers the classes of docs/model.md's examples."""
    model = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    data = Graph().parse(EXAMPLES / "model-ok.ttl")
    used = {curie(bind_prefixes(data), t) for t in data.objects(None, RDF.type)}
    named = set(re.findall(r"\ba ([a-z]+:[A-Z]\w+)", model))
    assert named <= used, sorted(named - used)


def test_every_shape_speaks_english_and_indonesian():
    """Each property shape, and each node shape with a message, has one message per language, en and id."""
    g = shapes()
    speakers = set(g.subjects(SH.message, None)) | set(g.subjects(SH.path, None))
    for node in speakers:
        if (None, SH.property, node) not in g and (node, RDF.type, SH.NodeShape) not in g \
                and (node, RDF.type, SH.PropertyShape) not in g:
            continue            # a path inside sh:or / sh:qualifiedValueShape: reported by its parent
        langs = sorted(m.language for m in g.objects(node, SH.message))
        assert langs == ["en", "id"], (node, langs)
