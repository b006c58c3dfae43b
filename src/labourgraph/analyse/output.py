"""Writing an analysis: a text table for people, CSV and JSON for tools, GraphML/GEXF for Gephi."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx

from labourgraph.analyse.topics import Analysis, Table
from labourgraph.errors import LabourgraphError
from labourgraph.queries import _pad, _width, compact

FORMATS = ("table", "csv", "json")
#: columns holding IRIs: shown as CURIEs in the text table
_IRI_COLUMNS = {"iri", "partnerIri", "personIri", "postIri"}


def _cell(column: str, value) -> str:
    if value is None:
        return ""
    if column in _IRI_COLUMNS and isinstance(value, str) and value:
        return compact(value)
    if isinstance(value, float):
        return f"{value:.4f}"
    return " ".join(str(value).split())


def _select(analysis: Analysis, table: str | None) -> list[Table]:
    if table is None:
        return analysis.tables
    found = [t for t in analysis.tables if t.name == table]
    if not found:
        raise LabourgraphError(f"{analysis.topic} has no table {table!r}; it has "
                               + ", ".join(t.name for t in analysis.tables))
    return found


def caption(analysis: Analysis, limit: int = 12) -> str:
    """Which articles the figures came from, in one line."""
    ids = analysis.articles
    if not ids:
        return f"Data: no article ({analysis.source})."
    shown = ", ".join(ids[:limit]) + (f" … ({len(ids) - limit} more)" if len(ids) > limit else "")
    return f"Data: {len(ids)} article{'s' if len(ids) != 1 else ''} ({shown}) from {analysis.source}."


def to_table(analysis: Analysis, table: str | None = None, top: int | None = None) -> str:
    out = []
    for t in _select(analysis, table):
        rows = t.rows[:top] if top else t.rows
        cells = [[_cell(c, v) for c, v in zip(t.columns, row)] for row in rows]
        widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(t.columns)]
        out.append(t.title)
        out.append("  ".join(_pad(c, w) for c, w in zip(t.columns, widths)).rstrip())
        out.append("  ".join("-" * w for w in widths))
        out += ["  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
        more = len(t.rows) - len(rows)
        out.append(f"{len(t.rows)} rows" + (f" ({more} not shown; --top 0 shows all)" if more else ""))
        out.append("")
    out += analysis.notes
    out.append(caption(analysis))
    return "\n".join(out) + "\n"


def to_csv(analysis: Analysis, table: str | None = None, top: int | None = None) -> str:
    """CSV (RFC 4180). Several tables are written one after the other, each after a
    ``# name: title`` line and a blank line between; ``--table NAME`` writes one."""
    tables = _select(analysis, table)
    buffer = io.StringIO()
    for i, t in enumerate(tables):
        if len(tables) > 1:
            if i:
                buffer.write("\n")
            buffer.write(f"# {t.name}: {t.title}\n")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(t.columns)
        for row in (t.rows[:top] if top else t.rows):
            writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def to_json(analysis: Analysis, table: str | None = None, top: int | None = None) -> str:
    doc = {"topic": analysis.topic, "source": analysis.source, "articles": analysis.articles,
           "caption": caption(analysis), "notes": analysis.notes,
           "tables": {t.name: {"title": t.title, "columns": t.columns,
                               "rows": [dict(zip(t.columns, r)) for r in (t.rows[:top] if top else t.rows)]}
                      for t in _select(analysis, table)}}
    doc.update({k: v for k, v in analysis.extra.items() if k in ("by", "seed", "modularity")})
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


WRITERS = {"table": to_table, "csv": to_csv, "json": to_json}


def render(analysis: Analysis, fmt: str = "table", table: str | None = None, top: int | None = None) -> str:
    return WRITERS[fmt](analysis, table, top)


NETWORK_SUFFIXES = (".graphml", ".gexf")


def network_bytes(analysis: Analysis, path: str | Path) -> bytes:
    """The analysis's network as GraphML or GEXF (by the file's suffix), with its weights and
    node attributes; byte-identical for the same data."""
    suffix = Path(path).suffix.lower()
    if analysis.graph is None:
        raise LabourgraphError(f"{analysis.topic} has no network to export", path)
    if suffix not in NETWORK_SUFFIXES:
        raise LabourgraphError(f"a network is written as .graphml or .gexf, not {suffix or 'no suffix'!r}", path)
    graph = nx.Graph()
    for node, data in analysis.graph.nodes(data=True):
        graph.add_node(node, **{k: v for k, v in data.items() if v is not None})
    for u, v, data in analysis.graph.edges(data=True):
        graph.add_edge(u, v, **data)
    buffer = io.BytesIO()
    if suffix == ".graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
        return buffer.getvalue()
    nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue(), count=1)


__all__ = ["FORMATS", "render", "caption", "to_table", "to_csv", "to_json", "network_bytes", "NETWORK_SUFFIXES"]
