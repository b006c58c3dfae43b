"""``labourgraph export`` and ``labourgraph docs``."""
from __future__ import annotations

import sys

import click

from labourgraph.cli import cli
from labourgraph.export import EXPORTERS, ExportOptions, export, export_to_file, format_for_suffix
from labourgraph.export.view import LANGUAGES, VIEWS


@cli.command("export")
@click.option("--format", "-f", "fmt", type=click.Choice(list(EXPORTERS)),
              help="Output format (default: from the suffix of --output, else turtle).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="File to write (atomically); standard output if absent.")
@click.option("--data", type=click.Path(), help="RDF file or build folder to read (default: build/).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Label language (falls back to the other, then any label, then the IRI's local name).")
@click.option("--view", type=click.Choice(VIEWS), default="compact", show_default=True,
              help="compact: n-ary facts become labelled edges; full: they stay nodes (graphml, gexf, html, svg).")
@click.option("--with-provenance", is_flag=True,
              help="Keep articles, spans, mentions and statements in the graph views.")
def export_command(fmt, output, data, lang, view, with_provenance):
    """Export the built graph as RDF (turtle, nt, nq, trig, jsonld), a property graph
    (graphml, gexf) or a picture (html, svg)."""
    from labourgraph.pipeline import load_built_graph

    if fmt is None:
        fmt = format_for_suffix(output) if output else "turtle"
    kg = load_built_graph(data)
    options = ExportOptions(lang=lang, view=view, with_provenance=with_provenance)
    if output:
        export_to_file(kg, fmt, output, options)
    else:
        out = sys.stdout.buffer
        out.write(export(kg, fmt, options))
        out.flush()


@cli.command("docs")
@click.option("--output", "-o", "out_dir", type=click.Path(file_okay=False), default="build/docs",
              show_default=True, help="Folder to write the HTML documentation to.")
def docs_command(out_dir):
    """Render the ontology to HTML (pyLODE), one page in English and one in Indonesian."""
    from labourgraph.export.docs import render_docs

    for path in render_docs(out_dir):
        click.echo(str(path))
