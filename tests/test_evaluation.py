"""``labourgraph evaluate``: the shared scorer's figures, one-line errors, and ``--explain``.

The figures are checked on the seeds against ``../shared/corpus/seeds/gold``; the explain
categories and their grouping on small hand-made gold/prediction pairs (sentences written
for these tests). Everything that needs the shared scorer is skipped, with the reason, when
``../shared`` is absent (or ``$LABOURGRAPH_SHARED`` does not point at it).
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SEEDS
from labourgraph.cli import cli
from labourgraph.evaluation import (ArticleRun, Evaluation, explain, explain_json, format_explain, group,
                                    load_scorer, main, score_with_pairs)


def _shared() -> Path | None:
    for candidate in (os.environ.get("LABOURGRAPH_SHARED"), ROOT.parent / "shared"):
        if candidate and (Path(candidate) / "eval" / "score.py").is_file():
            return Path(candidate)
    return None


@pytest.fixture(scope="module")
def shared() -> Path:
    found = _shared()
    if found is None:
        pytest.skip(f"no shared scorer at {ROOT.parent / 'shared'} (nor $LABOURGRAPH_SHARED)")
    return found


@pytest.fixture(scope="module")
def scorer(shared):
    return load_scorer(shared / "eval" / "score.py")


def _evaluate(*args: str):
    return CliRunner().invoke(cli, ["evaluate", *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def seeds_run(shared, tmp_path_factory):
    """evaluate on the seeds, predictions kept: (output, kept folder)."""
    keep = tmp_path_factory.mktemp("seed-predictions")
    result = _evaluate(shared / "corpus" / "seeds" / "gold", SEEDS, "--keep", keep)
    assert result.exit_code == 0, result.output
    return result.output, keep


# --- figures ---------------------------------------------------------------------------------

def _scorer_says(scorer, *argv) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert scorer.main([str(a) for a in argv]) == 0
    return buf.getvalue()


def test_figures_are_the_scorers_own_on_the_kept_predictions(seeds_run, scorer, shared):
    output, keep = seeds_run
    assert sorted(p.name for p in keep.glob("*.json")) == [f"seed-00{i}.json" for i in range(5)]
    assert output == _scorer_says(scorer, shared / "corpus" / "seeds" / "gold", keep)
    assert "over 5 articles" in output.splitlines()[-1]


def test_kept_predictions_are_what_extract_prints(seeds_run):
    _, keep = seeds_run
    result = CliRunner().invoke(cli, ["extract", str(SEEDS / "001_5484b95de033a829.txt")])
    assert json.loads(result.output) == json.loads((keep / "seed-001.json").read_text(encoding="utf-8"))


def test_json_and_per_article(shared, seeds_run, scorer):
    _, keep = seeds_run
    gold = shared / "corpus" / "seeds" / "gold"
    as_json = _evaluate(gold, SEEDS, "--json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.output) == json.loads(_scorer_says(scorer, gold, keep, "--json"))
    per = _evaluate(gold, SEEDS, "--per-article")
    assert [line.split(":")[0] for line in per.output.splitlines()[:5]] == [f"seed-00{i}" for i in range(5)]


def test_relative_paths_from_the_repository_root(shared, monkeypatch, seeds_run):
    monkeypatch.chdir(ROOT)
    gold = os.path.relpath(shared / "corpus" / "seeds" / "gold", ROOT)
    assert not Path(gold).is_absolute()
    result = _evaluate(gold, "seeds", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["entities"]["gold"] > 0


def test_module_alias_runs_the_same_command(shared, seeds_run, capsys):
    output, _ = seeds_run
    assert main([str(shared / "corpus" / "seeds" / "gold"), str(SEEDS)]) == 0
    assert capsys.readouterr().out == output


# --- errors ----------------------------------------------------------------------------------

def _one_line_error(result, *words):
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    for w in words:
        assert w in lines[0]


def test_missing_folder_is_one_line_exit_2(tmp_path):
    _one_line_error(CliRunner().invoke(cli, ["evaluate", str(tmp_path / "nope"), str(SEEDS)]), "nope", "no such folder")
    _one_line_error(CliRunner().invoke(cli, ["evaluate", str(tmp_path), str(tmp_path / "gone")]), "gone")


def test_no_gold_is_one_line_exit_2(tmp_path):
    _one_line_error(CliRunner().invoke(cli, ["evaluate", str(tmp_path), str(SEEDS)]), "no gold files")


def test_no_scorer_is_one_line_exit_2(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "01.json").write_text("{}", encoding="utf-8")
    _one_line_error(CliRunner().invoke(cli, ["evaluate", str(gold), str(SEEDS)]), "score.py", "--scorer")
    _one_line_error(CliRunner().invoke(cli, ["evaluate", str(gold), str(SEEDS), "--scorer", str(tmp_path / "s.py")]),
                    "scorer not found")


def test_articles_that_match_no_gold_are_one_line_exit_2(tmp_path, shared):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "99.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(SEEDS), "--scorer", str(shared / "eval" / "score.py")])
    _one_line_error(result, "no article here matches")


def test_bad_gold_json_is_one_line_with_its_place(tmp_path, shared):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "seed-001.json").write_text('{"entities": [\n  oops]}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(SEEDS), "--scorer", str(shared / "eval" / "score.py")])
    _one_line_error(result, f"{gold / 'seed-001.json'}:2:3:", "not JSON")


def test_gold_without_article_is_noted_and_explained(tmp_path, shared):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "seed-001.json").write_bytes((shared / "corpus" / "seeds" / "gold" / "seed-001.json").read_bytes())
    (gold / "seed-009.json").write_text('{"themes": ["wages"]}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(SEEDS), "--explain",
                                      "--scorer", str(shared / "eval" / "score.py")])
    assert result.exit_code == 0, result.output
    assert f"note: no article for {gold / 'seed-009.json'}" in result.stderr
    assert "over 2 articles" in result.stdout
    assert "== miss: no article (1)" in result.stdout and "[seed-009] themes: wages" in result.stdout


def test_module_alias_error_is_one_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "labourgraph.evaluation", str(tmp_path / "none"), str(SEEDS)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and proc.stderr.startswith("Error: ")


# --- explain on the seeds: a miss is exactly what the scorer counts ---------------------------

@pytest.fixture(scope="module")
def seeds_explained(shared):
    result = _evaluate(shared / "corpus" / "seeds" / "gold", SEEDS, "--explain", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_explain_counts_agree_with_the_scorer(seeds_explained):
    figures, findings = seeds_explained["figures"], seeds_explained["findings"]

    def count(kind, measure):
        return sum(1 for f in findings if f["kind"] == kind and (f["measure"] == measure
                                                                 or f["measure"].startswith(measure + ".")))

    for measure in ("entities", "roles", "events", "themes"):
        v = figures[measure]
        assert count("miss", measure) == v["gold"] - v["tp"], measure
        assert count("false find", measure) == v["pred"] - v["tp"], measure
    for attr in ("date", "place", "host", "mode"):
        v = figures[f"events.{attr}"]
        assert count("mismatch", f"events.{attr}") == v["known"] - v["right"], attr
    assert count("mismatch", "roles.title") == figures["roles"]["tp"] - figures["roles.title"]["tp"]
    assert sum(seeds_explained["categories"]["miss"].values()) == count("miss", "entities") + count(
        "miss", "roles") + count("miss", "events") + count("miss", "themes")


def test_explain_findings_carry_article_sentence_and_rule(seeds_explained):
    for f in seeds_explained["findings"]:
        assert f["article"].startswith("seed-") and f["category"] and f["rule"]
        if f["measure"].startswith("entities") and f["kind"] == "false find":
            assert f["sentence"], f      # a predicted entity has mentions, so a sentence


def test_explain_text_lists_the_scorer_table_then_groups(shared):
    result = _evaluate(shared / "corpus" / "seeds" / "gold", SEEDS, "--explain")
    assert result.exit_code == 0
    out = result.output
    assert out.index("summary:") < out.index("Misses (gold items") < out.index("False finds")
    counts = [int(m) for m in re.findall(r"^ +(\d+)  ", out.split("Misses (gold items")[1].split("False finds")[0], re.M)]
    assert counts == sorted(counts, reverse=True) and counts


# --- explain categories on hand-made pairs -----------------------------------------------------

TEXT = ("Ana Tester, the Minister of Work of Nowhere, opened the 3rd Imaginary Forum in Sandville. "
        "Minister Budi Contoh of Elsewhere welcomed the rencana kerja bersama and the XYZU. "
        "The Federation of Imaginary Workers met in Dunetown on 2 May 2024. "
        "The Seventeenth Pretend Labour Meeting ended on 3 May 2024.")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]


def _explain(scorer, gold: dict, pred: dict, text: str = TEXT):
    part, matched = score_with_pairs(scorer, gold, pred)
    run = ArticleRun("hand", gold, pred, text, _sentences(text), part, matched)
    evaluation = Evaluation(Path("."), Path("."), scorer, [run], part, [])
    return explain(evaluation)


def _one(findings, kind, item_has):
    hits = [f for f in findings if f.kind == kind and item_has in f.item]
    assert len(hits) == 1, (item_has, findings)
    return hits[0]


def test_entity_miss_categories(scorer):
    gold = {"entities": [
        {"surface": "Ana Tester", "type": "Person"},
        {"surface": "Budi Contoh", "type": "Person"},
        {"surface": "rencana kerja bersama", "type": "Programme"},
        {"surface": "XYZU", "type": "Organization"},
        {"surface": "Federation of Imaginary Workers", "type": "Organization"},
        {"surface": "3rd Imaginary Forum", "type": "Event"},
        {"surface": "Sandville", "type": "Place"},
        {"surface": "Quux Charter", "type": "Document"},
    ]}
    pred = {"entities": [
        {"label": "Sandville", "type": "Organization", "mentions": [[80, 89]], "rule": "chunk.org"},
    ]}
    findings = _explain(scorer, gold, pred)
    cats = {f.item.split("'")[1]: f.category for f in findings if f.kind == "miss"}
    assert cats == {
        "Ana Tester": "post after name",
        "Budi Contoh": "post before name",
        "rencana kerja bersama": "lowercase descriptive name",
        "XYZU": "acronym only",
        "Federation of Imaginary Workers": "unknown organisation",
        "3rd Imaginary Forum": "numbered meeting, unknown series",
        "Sandville": "wrong type",
        "Quux Charter": "not in text as written",
    }
    wrong = _one(findings, "miss", "Sandville")
    assert "chunk.org" in wrong.rule and "Organization" in wrong.rule
    assert wrong.sentence == TEXT.split(". ")[0] + "."
    false = _one(findings, "false find", "Sandville")
    assert false.category == "wrong type" and false.rule.startswith("chunk.org")


def test_false_find_sentence_comes_from_the_evidence_offsets(scorer):
    start = TEXT.index("The Federation")
    end = TEXT.index("2024.") + 5
    gold = {"roles": [{"person": "Ana Tester", "role": "Minister", "organization": "Nowhere"}],
            "entities": [{"surface": "Ana Tester", "type": "Person"}, {"surface": "Nowhere", "type": "Country"}]}
    pred = {"entities": gold["entities"] + [{"label": "Elsewhere", "type": "Country"}],
            "roles": [{"person": "Ana Tester", "role": "Minister", "organization": "Elsewhere",
                       "rule": "role.title-before", "evidence": [start, end]}]}
    findings = _explain(scorer, gold, pred)
    miss = _one(findings, "miss", "Nowhere")
    assert miss.category == "wrong organisation" and "role.title-before" in miss.rule
    false = _one([f for f in findings if f.measure == "roles"], "false find", "Elsewhere")
    assert false.category == "wrong organisation"
    assert false.sentence == TEXT[start:end]


def test_role_post_mismatch(scorer):
    ents = [{"surface": "Ana Tester", "type": "Person"}, {"surface": "Nowhere", "type": "Country"}]
    gold = {"entities": ents, "roles": [{"person": "Ana Tester", "role": "Minister of Work", "organization": "Nowhere"}]}
    pred = {"entities": ents, "roles": [{"person": "Ana Tester", "role": "Chief Adviser", "organization": "Nowhere",
                                         "rule": "role.apposition", "evidence": [0, TEXT.index(".") + 1]}]}
    post = _one(_explain(scorer, gold, pred), "mismatch", "Ana Tester")
    assert (post.measure, post.category, post.rule) == ("roles.title", "post differs", "role.apposition")
    assert post.sentence.startswith("Ana Tester, the Minister")
    pred["roles"][0]["role"] = None
    assert _one(_explain(scorer, gold, pred), "mismatch", "Ana Tester").category == "post missing"


def test_event_categories_and_attribute_mismatches(scorer):
    gold = {"events": [
        {"name": "3rd Imaginary Forum", "series": "Imaginary Forum", "edition": 3, "place": "Sandville"},
        {"name": "meeting in Dunetown", "series": None, "edition": None, "date": "2024-05-02", "place": "Dunetown"},
        {"name": "Seventeenth Pretend Labour Meeting", "series": "PLM", "edition": 17, "date": "2024-05-03"},
        {"name": "Nineteenth Pretend Labour Meeting", "series": "PLM", "edition": 19, "date": "2024-05-03",
         "place": "Sandville"},
    ]}
    pred = {"events": [
        {"label": "Dunetown gathering", "date": "2024-05-09", "place": "Dunetown", "rule": "event.unnamed"},
        {"label": "PLM 17", "series": "PLM", "edition": 17, "date": "2024-05-04", "rule": "event.series-edition",
         "evidence": [TEXT.index("The Seventeenth"), len(TEXT)]},
        {"label": "PLM 18", "series": "PLM", "edition": 18, "rule": "event.series-edition"},
    ]}
    findings = _explain(scorer, gold, pred)
    assert _one(findings, "miss", "3rd Imaginary").category == "numbered meeting, unknown series"
    dune = _one(findings, "miss", "Dunetown")
    assert dune.category == "unnumbered meeting, date disagrees" and "event.unnamed" in dune.rule
    assert _one(findings, "miss", "Nineteenth").category == "wrong edition"
    assert _one(findings, "false find", "PLM 18").category == "wrong edition"
    date = _one(findings, "mismatch", "Seventeenth")
    assert date.category == "date wrong" and date.measure == "events.date"
    assert date.sentence.startswith("The Seventeenth") and date.rule == "event.series-edition"
    pred["events"][1]["date"] = None
    assert _one(_explain(scorer, gold, pred), "mismatch", "Seventeenth").category == "date missing"


def test_theme_categories_carry_the_trigger(scorer):
    gold = {"themes": ["migrant workers", "social protection"]}
    start = TEXT.index("Minister Budi")
    pred = {"themes": ["social protection", "green jobs"],
            "theme_evidence": [{"label": "green jobs", "rule": "theme.trigger", "evidence": [start, start + 20]}]}
    findings = _explain(scorer, gold, pred)
    assert _one(findings, "miss", "migrant workers").category == "theme not triggered"
    text = TEXT + " Both ministers spoke about migrant workers at sea."
    counted = _one(_explain(scorer, gold, pred, text), "miss", "migrant workers")
    assert counted.category == "theme trigger not counted" and "'migrant workers'" in counted.rule
    assert counted.sentence == "Both ministers spoke about migrant workers at sea."
    green = _one(findings, "false find", "green jobs")
    assert green.category == "theme not in gold" and green.rule == "theme.trigger"
    assert green.sentence.startswith("Minister Budi Contoh")


def test_misses_are_grouped_largest_category_first(scorer):
    gold = {"themes": ["migrant workers", "child labour", "wages"],
            "entities": [{"surface": "XYZU", "type": "Organization"},
                         {"surface": "Federation of Imaginary Workers", "type": "Organization"},
                         {"surface": "Ana Tester", "type": "Person"}]}
    findings = _explain(scorer, gold, {})
    groups = group(findings, "miss")
    assert [(c, len(v)) for c, v in groups] == [("theme not triggered", 3), ("acronym only", 1),
                                                ("post after name", 1), ("unknown organisation", 1)]
    text = format_explain(findings)
    table = text.split("Misses")[1].split("False finds")[0]
    assert table.index("theme not triggered") < table.index("acronym only")
    assert "== miss: theme not triggered (3)" in text
    data = explain_json(Evaluation(Path("."), Path("."), scorer, [], {}, []), findings)
    assert list(data["categories"]["miss"].items())[0] == ("theme not triggered", 3)
