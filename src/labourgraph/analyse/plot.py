"""Pictures of an analysis, drawn with matplotlib (Agg, no display needed).

Networks are drawn as networks (node size by centrality or strength, colour by kind or
community, edge width by weight); time series as bar and line charts. Every picture carries
a caption naming the articles its figures came from. PNG and SVG are byte-identical for the
same data: the layout is seeded, and the files carry no date or software stamp
(``svg.hashsalt`` fixes SVG's ids).
"""
from __future__ import annotations

import io
import textwrap
from collections import defaultdict
from pathlib import Path

import networkx as nx
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from labourgraph.analyse.output import caption
from labourgraph.analyse.topics import Analysis
from labourgraph.errors import LabourgraphError
from labourgraph.export.view import STYLE, layout

PLOT_SUFFIXES = (".png", ".svg")
SIZE = (10.0, 7.0)          # inches
DPI = 100                   # so a PNG is 1000 x 700 pixels
KIND_COLOURS = {"person": STYLE["Person"][0], "organisation": STYLE["Organization"][0],
                "country": STYLE["Country"][0]}
#: a palette of clearly different colours (Tableau 10, then its light variants)
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac", "#a0cbe8", "#ffbe7d", "#8cd17d", "#86bcb6", "#f1ce63", "#d4a6c8"]
MAX_NODES = 60              # a network drawing shows at most this many nodes (the most central)
MAX_LABELS = 18
SEED = 7


def _figure() -> Figure:
    fig = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _caption(fig: Figure, analysis: Analysis, extra: str = "") -> None:
    text = caption(analysis) + (" " + extra if extra else "")
    fig.get_layout_engine().set(h_pad=0.1)
    fig.supxlabel("\n".join(textwrap.wrap(text, 150)), fontsize=8, color="#444444")


def _empty(ax, message: str = "no data") -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#777777", transform=ax.transAxes)
    ax.set_axis_off()


def _shorten(label: str, width: int = 28) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= width else label[: width - 1] + "…"


def _draw_network(ax, graph: nx.Graph, sizes: dict, colours: dict, title: str, edge_labels: bool = False) -> None:
    ax.set_title(title, fontsize=11)
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        _empty(ax)
        return
    # a seeded spring layout per connected component, the components packed in rows (as the HTML view)
    pos = {n: (x, -y) for n, (x, y) in layout(graph, spacing=100.0).items()}
    ax.margins(0.08)
    nodes = list(graph.nodes)
    weights = [graph[u][v].get("weight", 1) for u, v in graph.edges]
    top = max(weights, default=1)
    nx.draw_networkx_edges(graph, pos, ax=ax, width=[0.5 + 3.5 * w / top for w in weights], edge_color="#999999",
                           alpha=0.6)
    nx.draw_networkx_nodes(graph, pos, ax=ax, nodelist=nodes, node_size=[sizes[n] for n in nodes],
                           node_color=[colours[n] for n in nodes], edgecolors="#333333", linewidths=0.5)
    ranked = sorted(nodes, key=lambda n: (-sizes[n], graph.nodes[n].get("label", n)))[:MAX_LABELS]
    nx.draw_networkx_labels(graph, pos, ax=ax, labels={n: _shorten(graph.nodes[n].get("label", n)) for n in ranked},
                            font_size=7)
    if edge_labels:
        nx.draw_networkx_edge_labels(graph, pos, ax=ax, edge_labels={(u, v): d["weight"] for u, v, d in
                                                                     graph.edges(data=True)}, font_size=7)


def _legend(ax, items: list[tuple[str, str]]) -> None:
    from matplotlib.lines import Line2D
    handles = [Line2D([0], [0], marker="o", linestyle="", markerfacecolor=c, markeredgecolor="#333333",
                      markersize=8, label=name) for name, c in items]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)


def _top_subgraph(graph: nx.Graph, rank: list[str]) -> tuple[nx.Graph, str]:
    if graph.number_of_nodes() <= MAX_NODES:
        return graph, ""
    keep = rank[:MAX_NODES]
    return graph.subgraph(keep).copy(), f"The {MAX_NODES} most central of {graph.number_of_nodes()} nodes are drawn."


def figure(analysis: Analysis) -> Figure:
    """The matplotlib figure of an analysis."""
    fig = _figure()
    ax = fig.add_subplot()
    extra = ""
    if analysis.topic == "actors" and analysis.extra.get("by") == "year":
        extra = _actors_by_year(ax, analysis)
    elif analysis.topic == "actors":
        table = analysis.table("actors")
        rank = [r[2] for r in table.rows]
        eig = {r[2]: r[7] for r in table.rows}
        graph, extra = _top_subgraph(analysis.graph, rank)
        sizes = {n: 60 + 1400 * eig.get(n, 0) for n in graph}
        colours = {n: KIND_COLOURS.get(graph.nodes[n]["kind"], "#cccccc") for n in graph}
        _draw_network(ax, graph, sizes, colours, "Co-participation network: actors who share meetings "
                      "(node size: eigenvector centrality; edge width: shared meetings)")
        _legend(ax, [(k, c) for k, c in KIND_COLOURS.items()])
    elif analysis.topic == "cooperation":
        graph = analysis.graph
        top = max((d["strength"] for _, d in graph.nodes(data=True)), default=1) or 1
        sizes = {n: 200 + 1800 * d["strength"] / top for n, d in graph.nodes(data=True)}
        colours = {n: KIND_COLOURS["country"] for n in graph}
        _draw_network(ax, graph, sizes, colours, "Cooperation between countries (edge: shared meetings + hosting "
                      "+ chairing + agreements; node size: strength)", edge_labels=True)
    elif analysis.topic == "communities":
        table = analysis.table("members")
        rank = [r[3] for r in sorted(table.rows, key=lambda r: (-r[5], r[1].lower(), r[3]))]
        members = analysis.graph.subgraph(rank).copy()
        graph, extra = _top_subgraph(members, rank)
        strength = dict(graph.degree(weight="weight"))
        top = max(strength.values(), default=1) or 1
        sizes = {n: 60 + 900 * strength[n] / top for n in graph}
        colours = {n: PALETTE[(graph.nodes[n]["community"] - 1) % len(PALETTE)] for n in graph}
        _draw_network(ax, graph, sizes, colours, f"Louvain communities (seed {analysis.extra['seed']}, modularity "
                      f"{analysis.extra['modularity']}); colour: community")
        _legend(ax, [(f"community {i}", PALETTE[(i - 1) % len(PALETTE)])
                     for i in range(1, min(len(analysis.extra["communities"]), 8) + 1)])
    elif analysis.topic == "timeline":
        fig.delaxes(ax)
        _timeline(fig, analysis)
    _caption(fig, analysis, extra)
    return fig


def _actors_by_year(ax, analysis: Analysis) -> str:
    rows = analysis.table("actors-by-year").rows
    if not rows:
        _empty(ax, "no dated meetings")
        return ""
    years = sorted({r[0] for r in rows})
    total = defaultdict(float)
    for r in rows:
        total[r[3]] += r[6]
    lead = sorted(total, key=lambda n: (-total[n], n))[:6]
    labels = {r[3]: r[1] for r in rows}
    for i, iri in enumerate(lead):
        values = {r[0]: r[6] for r in rows if r[3] == iri}
        ax.plot(years, [values.get(y, 0.0) for y in years], marker="o", color=PALETTE[i], label=_shorten(labels[iri], 40))
    ax.set_title("Degree centrality per year of the six most central actors", fontsize=11)
    ax.set_xlabel("year of the meeting")
    ax.set_ylabel("degree centrality")
    ax.legend(fontsize=8, frameon=False)
    ax.tick_params(axis="x", labelrotation=45)
    return ""


def _year_axis(ax) -> None:
    from matplotlib.ticker import MaxNLocator
    ax.xaxis.set_major_locator(MaxNLocator(nbins=12, integer=True))
    ax.tick_params(axis="x", labelsize=7)


def _timeline(fig: Figure, analysis: Analysis) -> None:
    axes = fig.subplots(3, 1, height_ratios=[3, 2, 3])
    # meetings per year by series: stacked bars
    # years as numbers: a real time axis, with a few ticks however long it is
    rows = [[int(r[0]), *r[1:]] for r in analysis.table("meetings-per-year").rows if r[0].isdigit()]
    ax = axes[0]
    if rows:
        years = sorted({r[0] for r in rows})
        totals = defaultdict(int)
        for r in rows:
            totals[r[1]] += r[2]
        series = sorted(totals, key=lambda s: (-totals[s], s))
        shown, rest = series[:9], set(series[9:])
        bottom = [0] * len(years)
        for i, name in enumerate(shown + (["other"] if rest else [])):
            counts = defaultdict(int)
            for r in rows:
                if r[1] == name or (name == "other" and r[1] in rest):
                    counts[r[0]] += r[2]
            values = [counts.get(y, 0) for y in years]
            ax.bar(years, values, bottom=bottom, color=PALETTE[i % len(PALETTE)], label=_shorten(name, 24))
            bottom = [b + v for b, v in zip(bottom, values)]
        ax.legend(fontsize=7, ncol=2, frameon=False, loc="upper left")
        ax.set_ylabel("meetings")
        _year_axis(ax)
    else:
        _empty(ax, "no dated meetings")
    ax.set_title("Meetings per year, by series", fontsize=10)
    # themes per year: lines
    ax = axes[1]
    rows = [r for r in analysis.table("themes-per-year").rows if r[0]]
    if rows:
        years = sorted({r[0] for r in rows})
        totals = defaultdict(int)
        for r in rows:
            totals[r[1]] += r[2]
        for i, theme in enumerate(sorted(totals, key=lambda t: (-totals[t], t))[:6]):
            counts = {r[0]: r[2] for r in rows if r[1] == theme}
            ax.plot(years, [counts.get(y, 0) for y in years], marker="o", color=PALETTE[i], label=_shorten(theme, 30))
        ax.legend(fontsize=7, ncol=2, frameon=False, loc="upper left")
        ax.set_ylabel("articles")
        _year_axis(ax)
    else:
        _empty(ax, "no dated articles with themes")
    ax.set_title("Themes per year (articles published on the theme)", fontsize=10)
    # posts over time: a segment from first to last attestation
    ax = axes[2]
    # the posts attested most often (then the earliest), in the order of the table
    dated = [r for r in analysis.table("posts").rows if r[2]]
    chosen = {id(r) for r in sorted(dated, key=lambda r: (-r[4], r[2], r[0].lower(), r[1].lower()))[:14]}
    rows = [r for r in dated if id(r) in chosen]
    if rows:
        from matplotlib.dates import datestr2num
        for i, r in enumerate(rows):
            first, last = datestr2num(r[2]), datestr2num(r[3])
            ax.plot([first, last], [i, i], color=PALETTE[0], linewidth=4, solid_capstyle="round")
            ax.plot([first, last], [i, i], "o", color=PALETTE[1], markersize=4)
        ax.set_yticks(range(len(rows)), [_shorten(f"{r[1]}: {r[0]}", 60) for r in rows], fontsize=6)
        ax.invert_yaxis()
        ax.xaxis_date()
        ax.tick_params(axis="x", labelsize=7)
    else:
        _empty(ax, "no dated post holdings")
    ax.set_title("Posts over time (first to last attestation)", fontsize=10)


def plot_bytes(analysis: Analysis, fmt: str) -> bytes:
    """The picture as ``png`` or ``svg`` bytes."""
    fig = figure(analysis)
    buffer = io.BytesIO()
    with rc_context({"svg.hashsalt": "labourgraph", "svg.fonttype": "path"}):
        if fmt == "svg":
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        else:
            fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def write_plot(analysis: Analysis, path: str | Path) -> Path:
    from labourgraph.store import write_atomically
    suffix = Path(path).suffix.lower()
    if suffix not in PLOT_SUFFIXES:
        raise LabourgraphError(f"a plot is written as .png or .svg, not {suffix or 'no suffix'!r}", path)
    return write_atomically(path, plot_bytes(analysis, suffix[1:]))


__all__ = ["figure", "plot_bytes", "write_plot", "PLOT_SUFFIXES", "SIZE", "DPI"]
