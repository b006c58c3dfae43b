"""``labourgraph extract``: what one article states, as JSON or RDF."""
from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import click

from labourgraph.articles import read_article
from labourgraph.cli import cli
from labourgraph.cli._io import is_stream, read_stream, source_name
from labourgraph.cli._options import FormatName
from labourgraph.errors import ArticleError

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


def stdin_article_id(data: bytes) -> str:
    """The id of an article read from standard input without --id: ``stdin-`` and the first
    16 hex digits of the SHA-256 of its bytes (the same text, the same id and IRIs)."""
    return "stdin-" + hashlib.sha256(data).hexdigest()[:16]


def _article(path: str, article_id: str | None):
    if article_id is not None and not _ID.match(article_id):
        raise ArticleError(f"--id {article_id!r} is not a usable id (letters, digits, '-', '_', '.')")
    if not is_stream(path):
        art = read_article(Path(path))
        return replace(art, id=article_id) if article_id else art
    from labourgraph.articles import Article, _decode, blank_chrome

    data = read_stream(path, "article")
    name = source_name(path)
    text = _decode(Path(name), data)
    return Article(id=article_id or stdin_article_id(data), path=Path(name), text=text, body=blank_chrome(text))


@cli.command("extract")
@click.argument("article")
@click.option("--format", "-f", "fmt", type=FormatName(extra=("json",)), default="json", show_default=True,
              help="json: entities, roles, events, relations and themes (the scorer's shape); "
                   "an RDF format (turtle, trig, nt, nq, jsonld, rdfxml, n3): the article's graph.")
@click.option("--id", "article_id", default=None, metavar="ID",
              help="The article's id (default: the file name without suffix; for standard input, "
                   "'stdin-' and the first 16 hex digits of the SHA-256 of its bytes).")
def extract_command(article: str, fmt: str, article_id: str | None) -> None:
    """Extract entities, roles, events, relations and themes from one ARTICLE file ('-': standard input).

    The JSON has the keys article, entities (with every surface form and mention offsets,
    ordered by first mention), roles, events, relations and themes. Offsets are code points
    into the file as stored. Output is identical for identical input.

    Examples: labourgraph extract seeds/001_5484b95de033a829.txt;
    labourgraph extract - --id my-article -f turtle < article.txt | labourgraph validate -
    """
    from labourgraph.extract import to_json
    from labourgraph.pipeline import extract_article, reference_graph

    from labourgraph.progress import stage

    art = _article(article, article_id)
    with stage("extracting"):
        extraction = extract_article(art)
    if fmt == "json":
        click.echo(json.dumps(to_json(extraction), sort_keys=False, ensure_ascii=False, indent=2))
        return
    from labourgraph.formats import serialize
    from labourgraph.graph import article_graph

    graph = article_graph(extraction, art, reference_graph())
    sys.stdout.buffer.write(serialize(graph, fmt))
