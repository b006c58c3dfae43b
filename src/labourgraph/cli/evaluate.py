"""``labourgraph evaluate``: score the extractor against gold annotations, and explain its errors."""
from __future__ import annotations

import json
from pathlib import Path

import click

from labourgraph.cli import cli


@cli.command("evaluate")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.argument("articles_dir", type=click.Path(path_type=Path))
@click.option("--per-article", is_flag=True, help="Also print each article's F1 per measure.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the micro-averaged figures as JSON (with --explain: figures, category counts "
                   "and every finding).")
@click.option("--keep", type=click.Path(path_type=Path), metavar="DIR",
              help="Keep the predictions (NN.json, as the scorer reads them) in DIR.")
@click.option("--scorer", "scorer_path", type=click.Path(path_type=Path), metavar="SCORE_PY",
              help="The scorer to use [default: eval/score.py in a folder above GOLD_DIR].")
@click.option("--explain", is_flag=True,
              help="List every miss and false find with its article, sentence, category and rule; "
                   "misses grouped by category, largest first.")
def evaluate_command(gold_dir: Path, articles_dir: Path, per_article: bool, as_json: bool, keep: Path | None,
                     scorer_path: Path | None, explain: bool) -> None:
    """Extract the articles of ARTICLES_DIR and score them against the gold of GOLD_DIR.

    Each article is matched to the gold file of the same name (seed articles "001_…" to
    "seed-001.json"). The figures are the shared scorer's own (micro P/R/F1 per measure and
    entity type, accuracy of event date, place, mode and host). Everything runs in one
    process, so a folder of 20 articles takes seconds.

    Example: labourgraph evaluate ../shared/corpus/seeds/gold seeds --explain
    """
    from labourgraph.evaluation import explain as explain_findings
    from labourgraph.evaluation import explain_json, format_explain, run, scorer_report

    evaluation = run(gold_dir, articles_dir, keep=keep, scorer_path=scorer_path)
    for name in evaluation.missing_articles:
        click.echo(f"note: no article for {gold_dir / (name + '.json')}; scored as an empty prediction", err=True)
    if explain:
        findings = explain_findings(evaluation)
        if as_json:
            click.echo(json.dumps(explain_json(evaluation, findings), ensure_ascii=False, indent=2))
            return
        click.echo(scorer_report(evaluation, per_article=per_article), nl=False)
        click.echo()
        click.echo(format_explain(findings), nl=False)
        return
    click.echo(scorer_report(evaluation, per_article=per_article, as_json=as_json), nl=False)
