"""The competency questions (scripts/competency.toml) asked of the seeds build: the script runs,
and every question with a key answer still gets it, so a regression in what labourgraph
answers shows here."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "competency.py"


@pytest.fixture(scope="module")
def competency():
    spec = importlib.util.spec_from_file_location("competency", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("competency", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def questions(competency):
    return competency.load_questions()


@pytest.fixture(scope="module")
def results(competency, questions, seeds_graph):
    return {r.question["n"]: r for r in competency.run_all(seeds_graph, questions)}


def test_the_29_questions_are_mapped_and_judged(competency, questions):
    assert [q["n"] for q in questions] == list(range(1, 30))
    for q in questions:
        assert q["judgement"] in competency.JUDGEMENTS
        assert q["question"] and q["expected"] and q["why"] and q["query"]
        # a question judged right says which answer makes it right
        if q["judgement"] == "right":
            assert q.get("key"), f"CQ{q['n']} is judged right but has no key answer"


def test_every_query_runs_and_shows_its_columns(results):
    for n, r in results.items():
        for a in r.answers:
            assert all(c in a.variables for c in a.columns), (n, a.label)
            assert len(set(a.rows)) == len(a.rows), f"CQ{n}: {a.label} repeats a row"


@pytest.mark.parametrize("n", range(1, 30))
def test_key_answer(results, n):
    r = results[n]
    assert not r.missing(), f"CQ{n} ({r.question['judgement']}): key rows missing: {r.missing()}"
    assert not r.unwanted(), f"CQ{n}: values that should be absent: {r.unwanted()}"


def test_key_values_the_lead_cares_about(results):
    """Spelled out, so a change to the mapping cannot quietly weaken them."""
    def cells(n):
        return [set(row) for a in results[n].answers for row in a.rows]

    assert any({"lgr:country-vn", "lgc:role-host"} <= row for row in cells(3))      # host of SLOM-17
    assert not any("lgr:country-mm" in row for row in cells(3))                     # Myanmar not listed
    assert any({"lgr:person-cris-kuntadi", "2025-10-24"} <= row for row in cells(5))
    assert any({"lgr:org-asean-oshnet", "2026"} <= row for row in cells(12))
    assert {row_partner for row in cells(18) for row_partner in row} >= {"lgr:country-cn", "lgr:country-jp", "lgr:country-kr"}
    assert any({"lgr:meeting-asean-summit-47", "lgr:place-kuala-lumpur"} <= row for row in cells(17))


def test_key_check_can_fail(competency):
    """A key that no row holds is reported missing, and an absent value that a row holds is reported."""
    answer = competency.Answer("q", None, ["a", "b"], [("x", "y")], ["a", "b"])
    r = competency.Result({"n": 0, "key": [["x", "y"], ["x", "z"]], "absent": ["y"]}, [answer])
    assert r.missing() == [["x", "z"]]
    assert r.unwanted() == ["y"]
    assert not r.key_holds()


def test_markdown_report(competency, questions, results):
    text = competency.render_markdown([results[q["n"]] for q in questions])
    for q in questions:
        assert f"## CQ{q['n']}\n" in text
    totals = {j: sum(q["judgement"] == j for q in questions) for j in competency.JUDGEMENTS}
    assert f"| questions | {totals['right']} | {totals['partial']} | {totals['not answerable']} |" in text
