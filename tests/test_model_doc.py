"""docs/model.md matches the code: every pattern (predicate) it documents is produced.

A predicate the model names must be written on the seeds build, by ``labourgraph add`` (the
provenance of an addition), or on a build of the development articles (read from the shared
corpus at test time; skipped, saying which predicates it would check, when that is absent) --
unless the line that names it says it is "not yet extracted".
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from labourgraph.namespaces import PREFIXES

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "docs" / "model.md"
#: namespaces of terms, not of instances, concepts or datatypes
TERM_PREFIXES = ("lg", "org", "prov", "skos", "schema", "dcterms", "dcat", "foaf", "oa", "time", "rdf", "rdfs")
#: lower-case terms the model names that are individuals, not predicates
NOT_PREDICATES = {"oa:identifying"}
CURIE = re.compile(r"(?<![\w/#<.-])([a-z]+):([a-z][A-Za-z]+)\b")
MARK = "not yet extracted"


def documented() -> tuple[set[str], set[str]]:
    """(every predicate the model names, those it marks as not yet extracted)."""
    names, marked = set(), set()
    for line in MODEL.read_text(encoding="utf-8").splitlines():
        found = {f"{p}:{local}" for p, local in CURIE.findall(line) if p in TERM_PREFIXES} - NOT_PREDICATES
        names |= found
        if MARK in line:
            marked |= found
    return names, marked


def curie_of(iri: str) -> str | None:
    for prefix in TERM_PREFIXES:
        ns = str(PREFIXES[prefix])
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return None


def predicates(kg) -> set[str]:
    return {c for c in (curie_of(q.predicate.value) for q in kg.quads()) if c}


def dev_articles() -> Path | None:
    from test_facts import dev_corpus

    dev = dev_corpus()
    return dev / "articles" if dev else None


@pytest.fixture(scope="module")
def produced(seeds_graph, tmp_path_factory) -> set[str]:
    """Predicates of the seeds build and of an addition's provenance."""
    from labourgraph.additions import read_addition

    addition = read_addition(ROOT / "tests" / "data" / "validate-build-ok.ttl", by="tester", when="2026-01-01")
    return predicates(seeds_graph) | predicates(addition.graph)


def test_model_doc_names_predicates_and_marks_some_not_yet_extracted():
    names, marked = documented()
    assert {"lg:representedBy", "lg:adoptedAt", "lg:eventTheme", "org:member", "prov:wasDerivedFrom"} <= names
    assert {"lg:scope", "lg:hasPriorityTheme"} <= marked
    assert "presents" not in re.findall(r"\|\s*attends, observes, speaksAt, (\w+)", MODEL.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_build(tmp_path_factory):
    """The development articles built (and validated) like the seeds; skipped when absent."""
    articles = dev_articles()
    if articles is None:
        pytest.skip("the shared development corpus (shared/corpus/dev) is absent: set $LABOURGRAPH_SHARED")
    from labourgraph.pipeline import build

    return build([articles], tmp_path_factory.mktemp("dev-build"), progress=False, include_additions=False)


def test_model_doc_every_documented_predicate_is_produced_or_marked(produced, request):
    names, marked = documented()
    missing = names - marked - produced
    if not missing:
        return
    if dev_articles() is None:
        pytest.skip(f"not produced on the seeds, to check on the development articles (absent): {sorted(missing)}")
    still = missing - predicates(request.getfixturevalue("dev_build").graph)
    assert not still, f"docs/model.md documents {sorted(still)}, which no build writes: mark it '{MARK}' or fix the code"


@pytest.mark.slow
def test_model_doc_the_development_articles_conform_to_the_shapes(dev_build):
    """The stricter shapes (by use, value types) accept what the extractor writes on the 20 dev articles."""
    assert len(dev_build.articles) == 20
    assert dev_build.conforms, dev_build.report.text(lang="en")


def test_model_doc_issue_10_patterns_are_produced_on_the_seeds(produced):
    """The patterns issue 10 found missing: now written (the rest are checked on the dev build)."""
    assert {"lg:eventTheme", "schema:publisher", "lg:rank"} <= produced
