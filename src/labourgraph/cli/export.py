"""``labourgraph export`` and ``labourgraph docs``."""
from __future__ import annotations

import click

from labourgraph.cli import cli
from labourgraph.cli._io import load_data, write_output
from labourgraph.cli._options import FormatName, syntax_option
from labourgraph.export import ExportOptions, export, format_for_suffix
from labourgraph.export.view import LANGUAGES, VIEWS

GRAPH_FORMATS = ("graphml", "gexf", "html", "svg")


@cli.command("export")
@click.option("--format", "-f", "fmt", type=FormatName(extra=GRAPH_FORMATS),
              help="Output format: an RDF format by riot's names (turtle/ttl, nt/ntriples, nq/nquads, trig, "
                   "jsonld/json-ld, rdfxml/rdf/xml, n3; any case) or graphml, gexf, html, svg "
                   "(default: from the suffix of --output, else turtle).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write (atomically); '-' or absent: standard output.")
@click.option("--data", type=click.Path(allow_dash=True),
              help="RDF file, build folder or '-' (standard input) to read (default: the build folder).")
@syntax_option
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Label language (falls back to the other, then any label, then the IRI's local name).")
@click.option("--view", type=click.Choice(VIEWS), default="compact", show_default=True,
              help="compact: n-ary facts become labelled edges; full: they stay nodes (graphml, gexf, html, svg).")
@click.option("--with-provenance", is_flag=True,
              help="Keep articles, spans, mentions and statements in the graph views.")
def export_command(fmt, output, data, syntax, lang, view, with_provenance):
    """Export the built graph as RDF (turtle, nt, nq, trig, jsonld, rdfxml, n3), a property
    graph (graphml, gexf) or a picture (html, svg).

    Example: labourgraph export -f nt -o - | riot --syntax=nt --count
    """
    if fmt is None:
        fmt = format_for_suffix(output) if output and output != "-" else "turtle"
    kg = load_data(data, syntax)
    options = ExportOptions(lang=lang, view=view, with_provenance=with_provenance)
    write_output(output, export(kg, fmt, options))


@cli.command("docs")
@click.option("--output", "-o", "out_dir", type=click.Path(file_okay=False), default="build/docs",
              show_default=True, help="Folder to write the HTML documentation to.")
def docs_command(out_dir):
    """Render the ontology to HTML (pyLODE), one page in English and one in Indonesian."""
    from labourgraph.export.docs import render_docs

    for path in render_docs(out_dir):
        click.echo(str(path))
