"""``labourgraph extract``: what one article states, as JSON or Turtle."""
from __future__ import annotations

import json
from pathlib import Path

import click

from labourgraph.articles import read_article
from labourgraph.cli import cli


@cli.command("extract")
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "turtle"]), default="json", show_default=True,
              help="json: entities, roles, events, relations and themes (the scorer's shape); "
                   "turtle: the article's graph.")
def extract_command(article: Path, fmt: str) -> None:
    """Extract entities, roles, events, relations and themes from one ARTICLE file.

    The JSON has the keys article, entities (with every surface form and mention offsets,
    ordered by first mention), roles, events, relations and themes. Offsets are code points
    into the file as stored. Output is identical for identical input.

    Example: labourgraph extract seeds/001_5484b95de033a829.txt
    """
    from labourgraph.extract import to_json
    from labourgraph.pipeline import extract_article, reference_graph

    art = read_article(article)
    extraction = extract_article(art)
    if fmt == "json":
        click.echo(json.dumps(to_json(extraction), sort_keys=False, ensure_ascii=False, indent=2))
        return
    from labourgraph.graph import article_graph

    graph = article_graph(extraction, art, reference_graph())
    click.echo(graph.serialize("turtle").decode("utf-8"), nl=False)
