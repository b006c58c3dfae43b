"""An SVG drawing of the entity graph, laid out by Graphviz (``neato``).

The DOT source is written here from the property-graph view (sorted, colours by type, edge
labels from the properties); Graphviz's ``dot`` program draws it. Each node and edge links to
its IRI. Graphviz is a system package (Debian ``graphviz``); without it the export stops with
one clear line.
"""
from __future__ import annotations

import shutil
import subprocess
import textwrap

from labourgraph.errors import ExportError
from labourgraph.export.html import web_url   # only http(s) IRIs become links
from labourgraph.export.view import ExportOptions, build_view

SHAPES = {"Person": "ellipse", "Organization": "box", "Country": "doubleoctagon", "Place": "house",
          "Meeting": "hexagon", "MeetingSeries": "tripleoctagon", "Programme": "component",
          "Document": "note", "EventTheme": "plaintext", "Theme": "oval"}


def _quote(text) -> str:
    text = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{text}"'


def _wrapped(label: str, width: int = 26) -> str:
    """A long label broken into centred lines (DOT's ``\\n``)."""
    lines = textwrap.wrap(" ".join(label.split()), width) or [label]
    return "\\n".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)


class _Raw(str):
    """DOT text already escaped."""


def _value(value) -> str:
    return f'"{value}"' if isinstance(value, _Raw) else _quote(value)


def to_dot(kg, options: ExportOptions = ExportOptions()) -> str:
    """The Graphviz DOT source of the view."""
    view = build_view(kg, options)
    lines = ["digraph labourgraph {",
             '  graph [layout=neato, overlap=false, splines=curved, sep="+8", start=1, outputorder=edgesfirst,'
             ' fontname="DejaVu Sans"];',
             '  node [style=filled, fontname="DejaVu Sans", fontsize=10, penwidth=0.6];',
             '  edge [fontname="DejaVu Sans", fontsize=8, color="#888888", fontcolor="#555555", arrowsize=0.6];']
    for iri, data in view.nodes(data=True):
        attrs = {"label": _Raw(_wrapped(data["label"])), "fillcolor": data["color"] + "cc", "shape": SHAPES.get(data["type"], "ellipse"),
                 "tooltip": f'{data["type"]}: {iri}', "URL": web_url(iri)}
        lines.append(f"  {_quote(iri)} [" + ", ".join(f"{k}={_value(v)}" for k, v in attrs.items() if v) + "];")
    for u, v, key, data in view.edges(keys=True, data=True):
        attrs = {"label": data["label"], "tooltip": data["iri"], "URL": web_url(data["iri"]), "id": key}
        lines.append(f"  {_quote(u)} -> {_quote(v)} [" + ", ".join(f"{k}={_quote(x)}" for k, x in attrs.items() if x)
                     + "];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_svg(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """The view drawn as SVG by Graphviz."""
    dot = shutil.which("dot")
    if dot is None:
        raise ExportError("Graphviz 'dot' not found on PATH; install Graphviz (Debian: apt-get install graphviz)")
    source = to_dot(kg, options)
    try:
        done = subprocess.run([dot, "-Tsvg"], input=source.encode("utf-8"), capture_output=True, timeout=300,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise ExportError(f"Graphviz failed: {err}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExportError(f"Graphviz failed: {message[-1] if message else 'exit code ' + str(done.returncode)}")
    return done.stdout


__all__ = ["to_svg", "to_dot"]
