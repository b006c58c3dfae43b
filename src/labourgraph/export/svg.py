"""An SVG drawing of the entity graph, laid out by Graphviz (``neato``).

The DOT source is written here from the property-graph view (sorted, colours by type, edge
labels from the properties); Graphviz's ``dot`` program draws it. Each node and edge links to
its IRI. A legend below the drawing names the colour and shape of every type drawn.
Graphviz is a system package (Debian ``graphviz``); without it the export stops with one
clear line.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import textwrap

from labourgraph.errors import ExportError
from labourgraph.export.html import web_url   # only http(s) IRIs become links
from labourgraph.export.view import STYLE, ExportOptions, build_view

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


def to_dot(kg, options: ExportOptions = ExportOptions(), view=None) -> str:
    """The Graphviz DOT source of the view."""
    view = build_view(kg, options) if view is None else view
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
    view = build_view(kg, options)
    source = to_dot(kg, options, view)
    try:
        done = subprocess.run([dot, "-Tsvg"], input=source.encode("utf-8"), capture_output=True, timeout=300,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise ExportError(f"Graphviz failed: {err}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExportError(f"Graphviz failed: {message[-1] if message else 'exit code ' + str(done.returncode)}")
    return add_legend(done.stdout, sorted({d["type"] for _, d in view.nodes(data=True)}))


_SIZE = re.compile(rb'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"\s+viewBox="([0-9.]+) ([0-9.]+) ([0-9.]+) ([0-9.]+)"')


def _swatch(kind: str, x: float, y: float, fill: str) -> str:
    """A small shape like the nodes of ``kind`` (box, ellipse or octagon), centred on x, y."""
    if SHAPES.get(kind) in ("box", "note", "component", "house", "plaintext"):
        return f'<rect x="{x - 7:.1f}" y="{y - 5:.1f}" width="14" height="10" fill="{fill}" stroke="#333333" stroke-width="0.6"/>'
    if SHAPES.get(kind) in ("hexagon", "doubleoctagon", "tripleoctagon"):
        points = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in
                          ((-7, 0), (-3.5, -5), (3.5, -5), (7, 0), (3.5, 5), (-3.5, 5)))
        return f'<polygon points="{points}" fill="{fill}" stroke="#333333" stroke-width="0.6"/>'
    return f'<ellipse cx="{x:.1f}" cy="{y:.1f}" rx="7" ry="5" fill="{fill}" stroke="#333333" stroke-width="0.6"/>'


def add_legend(svg: bytes, types: list[str]) -> bytes:
    """``svg`` (as Graphviz writes it) made taller, with a legend of ``types`` below the drawing."""
    match = _SIZE.search(svg)
    if match is None or not types:
        return svg
    width, height = float(match.group(1)), float(match.group(2))
    vb_width, vb_height = float(match.group(5)), float(match.group(6))
    items, x, row = [], 8.0, 0
    for kind in types:
        w = 26 + 6.2 * len(kind) + 14
        if x > 8 and x + w > max(vb_width, 200):
            x, row = 8.0, row + 1
        items.append((kind, x, row))
        x += w
    extra = 14 + 20 * (row + 1)
    parts = [f'<g id="legend" class="legend" font-family="DejaVu Sans" font-size="10">',
             f'<rect x="0" y="{vb_height:.2f}" width="{vb_width:.2f}" height="{extra:.2f}" fill="white"/>']
    for kind, x, r in items:
        y = vb_height + 14 + 20 * r
        parts.append(_swatch(kind, x + 7, y, STYLE.get(kind, ("#cccccc", 0))[0] + "cc"))
        parts.append(f'<text x="{x + 20:.1f}" y="{y + 3.5:.1f}" fill="#333333">{html.escape(kind)}</text>')
    parts.append("</g>\n")
    head = (f'<svg width="{width:g}pt" height="{height + extra:g}pt"\n viewBox="{match.group(3).decode()} '
            f'{match.group(4).decode()} {vb_width:.2f} {vb_height + extra:.2f}"').encode()
    out = svg[:match.start()] + head + svg[match.end():]
    end = out.rindex(b"</svg>")
    return out[:end] + "\n".join(parts).encode("utf-8") + out[end:]


__all__ = ["to_svg", "to_dot", "add_legend"]
