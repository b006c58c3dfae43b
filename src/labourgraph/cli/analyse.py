"""``labourgraph analyse TOPIC`` and ``labourgraph report``: the analyses of labourgraph.analyse."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from labourgraph.cli import cli

TOPICS = ("actors", "cooperation", "communities", "timeline")
FORMATS = ("table", "csv", "json")


def _source_options(command):
    command = click.option("--data", type=click.Path(path_type=Path), default=None,
                           help="RDF file or build folder to analyse (default: build/).")(command)
    command = click.option("--endpoint", default=None, metavar="URL",
                           help="Analyse the graph on this SPARQL 1.1 endpoint instead.")(command)
    command = click.option("--timeout", type=float, default=60.0, show_default=True,
                           help="Seconds to wait for an endpoint.")(command)
    command = click.option("--lang", type=click.Choice(["en", "id"]), default="en", show_default=True,
                           help="Label language (falls back to the other).")(command)
    return command


def _load(data, endpoint, lang, timeout):
    if data is not None and endpoint:
        raise click.UsageError("give --data or --endpoint, not both")
    from labourgraph.analyse.data import load_data
    return load_data(data, endpoint=endpoint, lang=lang, timeout=timeout)


@cli.command("analyse")
@click.argument("topic", type=click.Choice(TOPICS))
@_source_options
@click.option("--by", type=click.Choice(["year"]), default=None,
              help="actors: compute the centralities for each year's meetings on their own.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="How to print the tables.")
@click.option("--table", "table", default=None, metavar="NAME",
              help="Print only this table (actors, actors-by-year, pairs, countries, communities, members, "
                   "binding-meetings, meetings-per-year, posts, themes-per-year).")
@click.option("--top", type=int, default=0, show_default=True, help="Print only the first N rows of each table (0: all).")
@click.option("--plot", "plot", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Draw the result to FILE.png or FILE.svg.")
@click.option("--output", "-o", "network", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the network analysed (with its weights) to FILE.graphml or FILE.gexf.")
@click.option("--seed", type=int, default=42, show_default=True, help="communities: the Louvain method's seed.")
def analyse_command(topic, data, endpoint, timeout, lang, by, fmt, table, top, plot, network, seed):
    """Analyse the graph: TOPIC is actors, cooperation, communities or timeline.

    \b
    actors       degree, betweenness and eigenvector centrality of persons, organisations
                 and countries in the co-participation network (--by year: per year)
    cooperation  the network of countries: shared meetings, hosting, chairing, agreements
    communities  Louvain communities (seeded), their members and the meetings that bind them
    timeline     meetings per year by series, posts over time, themes per year

    The data comes from the named queries in queries/analysis/ (run on the build or on
    --endpoint); the figures are computed with networkx and drawn with matplotlib.
    """
    from labourgraph.analyse.output import render, network_bytes, NETWORK_SUFFIXES
    from labourgraph.analyse.plot import PLOT_SUFFIXES, write_plot
    from labourgraph.analyse.topics import analyse
    from labourgraph.errors import LabourgraphError
    from labourgraph.store import write_atomically

    # check the file names before the work, so a typo costs nothing
    if plot is not None and plot.suffix.lower() not in PLOT_SUFFIXES:
        raise LabourgraphError(f"a plot is written as .png or .svg, not {plot.suffix or 'no suffix'!r}", plot)
    if network is not None and network.suffix.lower() not in NETWORK_SUFFIXES:
        raise LabourgraphError(f"a network is written as .graphml or .gexf, not {network.suffix or 'no suffix'!r}",
                               network)
    if network is not None and topic == "timeline":
        raise LabourgraphError("timeline has no network to write; -o works with actors, cooperation, communities",
                               network)
    if by and topic != "actors":
        raise click.UsageError("--by year is for the actors topic")
    dataset = _load(data, endpoint, lang, timeout)
    kwargs = {"seed": seed} if topic == "communities" else {}
    result = analyse(topic, dataset, by=by, **kwargs)
    out = render(result, fmt, table, top or None)
    sys.stdout.write(out)
    sys.stdout.flush()
    if plot is not None:
        write_plot(result, plot)
        click.echo(f"plot: {plot}", err=True)
    if network is not None:
        write_atomically(network, network_bytes(result, network))
        click.echo(f"network: {network} ({result.graph.number_of_nodes()} nodes, "
                   f"{result.graph.number_of_edges()} edges)", err=True)


@cli.command("report")
@_source_options
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=Path("report.html"),
              show_default=True, help="The HTML page to write.")
@click.option("--view", "view", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write the HTML graph view the report links to (default: labourgraph.html beside the "
                   "report; not with --endpoint).")
@click.option("--no-view", is_flag=True, help="Do not write the graph view (the report still links to it).")
@click.option("--top", type=int, default=10, show_default=True, help="Rows of each table in the report.")
def report_command(data, endpoint, timeout, lang, output, view, no_view, top):
    """Write one self-contained HTML page with every analysis: the plots, the top tables, and
    links into the HTML graph view (export --format html), which is written beside it."""
    from labourgraph.analyse.report import render_report
    from labourgraph.store import write_atomically

    if data is not None and endpoint:
        raise click.UsageError("give --data or --endpoint, not both")
    view_path = view or output.with_name("labourgraph.html")
    dataset = _load(data, endpoint, lang, timeout)
    href = view_path.name if view_path.parent.resolve() == output.parent.resolve() else view_path.resolve().as_uri()
    page = render_report(dataset, view_href=href, top=top)
    write_atomically(output, page)
    click.echo(f"report: {output}", err=True)
    if not no_view and not endpoint:
        from labourgraph.export import ExportOptions, export_to_file
        from labourgraph.pipeline import load_built_graph
        export_to_file(load_built_graph(data), "html", view_path, ExportOptions(lang=lang))
        click.echo(f"graph view: {view_path}", err=True)
