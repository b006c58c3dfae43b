"""One self-contained, interactive HTML page of the entity graph.

The page inlines cytoscape.js (vendored in ``static/``, MIT) and the graph as JSON, so it
opens offline from a file. A reader can search an entity, see its neighbourhood, follow its
relations, and read the evidence sentences behind each mention and fact. Node positions are
computed here (a seeded spring layout), so the page is byte-identical for the same graph.
"""
from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from labourgraph.export.view import (STYLE, ExportOptions, GraphIndex, build_view, evidence_for, layout, span_text,
                                     statement_evidence)

_TEXT = {
    "en": {"title": "labourgraph: ASEAN labour cooperation", "search": "Search an entity…", "all": "Show all",
           "relations": "Relations", "evidence": "Evidence", "attributes": "Attributes",
           "none": "No evidence sentences recorded.", "hint": "Search or click an entity to see its neighbourhood and evidence.",
           "matches": "Matches", "nomatch": "No entity matches"},
    "id": {"title": "labourgraph: kerja sama ketenagakerjaan ASEAN", "search": "Cari entitas…", "all": "Tampilkan semua",
           "relations": "Relasi", "evidence": "Bukti", "attributes": "Atribut",
           "none": "Tidak ada kalimat bukti.", "hint": "Cari atau klik entitas untuk melihat tetangga dan buktinya.",
           "matches": "Hasil", "nomatch": "Tidak ada entitas yang cocok"},
}
_SKIP_ATTRS = {"label", "type", "iri", "color", "size", "r", "g", "b"}


def page_data(kg, options: ExportOptions = ExportOptions()) -> dict[str, Any]:
    """The JSON the page draws: nodes (with positions), edges, and evidence spans by IRI."""
    index = GraphIndex(kg, options.lang)
    view = build_view(kg, options, index)
    positions = layout(view)
    spans: dict[str, Any] = {}

    def cite(span_iris: list[str]) -> list[str]:
        for span in span_iris:
            if span not in spans:
                spans[span] = text = span_text(index, span)
                if "url" in text:
                    text["url"] = web_url(text["url"])
        return span_iris

    nodes = []
    for iri, data in view.nodes(data=True):
        x, y = positions[iri]
        nodes.append({"data": {"id": iri, "label": data["label"], "type": data["type"], "color": data["color"],
                               "size": data["size"],
                               "attrs": {k: v for k, v in data.items() if k not in _SKIP_ATTRS},
                               "evidence": cite(evidence_for(index, iri))},
                      "position": {"x": x, "y": y}})
    edges = []
    for u, v, key, data in view.edges(keys=True, data=True):
        if "fact" in data:
            found = evidence_for(index, data["fact"])
        else:
            found = statement_evidence(index, u, data["iri"], v)
        edges.append({"data": {"id": key, "source": u, "target": v, "label": data["label"], "iri": data["iri"],
                               "attrs": {k: val for k, val in data.items() if k not in ("label", "iri")},
                               "evidence": cite(found)}})
    legend = sorted({d["type"] for _, d in view.nodes(data=True)})
    return {"nodes": nodes, "edges": edges, "spans": dict(sorted(spans.items())),
            "legend": [{"type": t, "color": STYLE.get(t, ("#cccccc", 10))[0]} for t in legend],
            "text": _TEXT[options.lang]}


def web_url(url: str) -> str:
    """``url`` if it is an http(s) URL, else "" (a ``javascript:`` or ``data:`` URL from the
    data must never become a link in the page)."""
    try:
        parts = urlsplit(str(url).strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return urlunsplit(parts)


def to_html(kg, options: ExportOptions = ExportOptions()) -> bytes:
    """The interactive page, with the graph and the JavaScript inlined."""
    data = page_data(kg, options)
    script = resources.files("labourgraph.export").joinpath("static/cytoscape.min.js").read_text(encoding="utf-8")
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    values = {"LANG": options.lang, "TITLE": html.escape(data["text"]["title"]),
              "SEARCH": html.escape(data["text"]["search"]), "ALL": html.escape(data["text"]["all"]),
              "HINT": html.escape(data["text"]["hint"]), "DATA": payload, "CYTOSCAPE": script}
    # one pass over the template: a placeholder inside the data (a label "@@CYTOSCAPE@@") is
    # data, never substituted again
    page = _PLACEHOLDER.sub(lambda m: values[m.group(1)], _PAGE)
    return page.encode("utf-8")


_PLACEHOLDER = re.compile(r"@@(LANG|TITLE|SEARCH|ALL|HINT|DATA|CYTOSCAPE)@@")


_PAGE = r"""<!DOCTYPE html>
<html lang="@@LANG@@">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>@@TITLE@@</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #222; }
  body { display: grid; grid-template-rows: auto 1fr; grid-template-columns: 1fr 360px; height: 100vh; }
  header { grid-column: 1 / 3; display: flex; gap: .5em; align-items: center; padding: .5em .8em;
           border-bottom: 1px solid #ddd; background: #fafafa; flex-wrap: wrap; }
  header h1 { font-size: 1.05em; margin: 0 1em 0 0; }
  #search { flex: 0 1 22em; padding: .35em .5em; font: inherit; }
  #legend { display: flex; gap: .7em; flex-wrap: wrap; font-size: .85em; }
  #legend span::before { content: ""; display: inline-block; width: .8em; height: .8em; border-radius: 50%;
                         background: var(--c); margin-right: .3em; vertical-align: -1px; }
  #graph { min-height: 0; }
  aside { border-left: 1px solid #ddd; overflow-y: auto; padding: .6em .9em; }
  aside h2 { font-size: 1.1em; margin: .2em 0; }
  aside h3 { font-size: .95em; margin: 1em 0 .3em; color: #555; }
  .type { font-size: .8em; color: #fff; border-radius: 3px; padding: 0 .4em; }
  .iri { font-size: .75em; color: #777; word-break: break-all; }
  table { border-collapse: collapse; font-size: .85em; }
  td { border-top: 1px solid #eee; padding: .15em .4em .15em 0; vertical-align: top; }
  ul { padding-left: 1.1em; margin: .2em 0; }
  li { margin: .15em 0; }
  a.go, button.ev { color: #1f5fa8; cursor: pointer; text-decoration: underline; background: none; border: 0;
                    padding: 0; font: inherit; }
  blockquote { margin: .3em 0 .6em; padding: .3em .5em; border-left: 3px solid #f28e2b; background: #fff8f0; }
  blockquote cite { display: block; font-size: .8em; color: #666; font-style: normal; }
  mark { background: #ffe08a; }
</style>
</head>
<body>
<header>
  <h1>@@TITLE@@</h1>
  <input id="search" type="search" list="names" placeholder="@@SEARCH@@" autocomplete="off">
  <datalist id="names"></datalist>
  <button id="all" type="button">@@ALL@@</button>
  <div id="legend"></div>
</header>
<div id="graph"></div>
<aside id="panel"><p>@@HINT@@</p></aside>
<script type="application/json" id="graph-data">@@DATA@@</script>
<script>@@CYTOSCAPE@@</script>
<script>
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const T = data.text;
  const panel = document.getElementById("panel");
  const search = document.getElementById("search");

  const cy = cytoscape({
    container: document.getElementById("graph"),
    elements: { nodes: data.nodes, edges: data.edges },
    layout: { name: "preset", fit: true, padding: 30 },
    minZoom: 0.05,
    maxZoom: 2.5,
    style: [
      { selector: "node", style: { "background-color": "data(color)", "width": "mapData(size, 0, 40, 6, 30)", "height": "mapData(size, 0, 40, 6, 30)",
        "label": "data(label)", "font-size": 9, "text-valign": "bottom", "text-margin-y": 2,
        "text-wrap": "ellipsis", "text-max-width": 120, "color": "#333" } },
      { selector: "edge", style: { "width": 1, "line-color": "#bbb", "target-arrow-color": "#bbb",
        "target-arrow-shape": "triangle", "arrow-scale": 0.6, "curve-style": "bezier" } },
      { selector: "edge.shown", style: { "label": "data(label)", "font-size": 8, "color": "#555",
        "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8 } },
      { selector: ".faded", style: { "opacity": 0.08, "text-opacity": 0 } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#222" } },
    ],
  });

  const legend = document.getElementById("legend");
  for (const item of data.legend) {
    const span = document.createElement("span");
    span.style.setProperty("--c", item.color);
    span.textContent = item.type;
    legend.appendChild(span);
  }
  const names = document.getElementById("names");
  const byLabel = new Map();
  for (const n of data.nodes) {
    const opt = document.createElement("option");
    opt.value = n.data.label;
    names.appendChild(opt);
    n.data.names = [n.data.label, ...String(n.data.attrs.altLabel || "").split(" | ")].filter(Boolean)
      .map(s => s.toLowerCase());
    for (const name of n.data.names) if (!byLabel.has(name)) byLabel.set(name, n.data.id);
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function quote(spanId) {
    const s = data.spans[spanId];
    const q = el("blockquote");
    q.dataset.span = spanId;
    q.appendChild(document.createTextNode(s.prefix ? "…" + s.prefix : ""));
    q.appendChild(el("mark", s.exact));
    q.appendChild(document.createTextNode(s.suffix ? s.suffix + "…" : ""));
    const c = el("cite", [s.headline, s.date].filter(Boolean).join(" · "));
    if (s.url) {
      const a = el("a", " ↗");
      a.href = s.url;
      a.target = "_blank";
      a.rel = "noopener";
      c.appendChild(a);
    }
    q.appendChild(c);
    return q;
  }

  function evidenceList(spanIds, target) {
    if (!spanIds.length) { target.appendChild(el("p", T.none)); return; }
    for (const id of spanIds) target.appendChild(quote(id));
  }

  function attrTable(attrs) {
    const keys = Object.keys(attrs).filter(k => k !== "fact").sort();
    if (!keys.length) return null;
    const table = el("table");
    for (const k of keys) {
      const tr = el("tr");
      tr.appendChild(el("td", k));
      tr.appendChild(el("td", String(attrs[k])));
      table.appendChild(tr);
    }
    return table;
  }

  const home = {};
  for (const n of data.nodes) home[n.data.id] = n.position;

  function restore() {
    cy.stop();
    cy.nodes().forEach(n => { n.position(home[n.id()]); });
  }

  function focus(ele) {
    restore();
    cy.elements().removeClass("faded focus shown");
    const hood = ele.isNode() ? ele.closedNeighborhood() : ele.union(ele.connectedNodes());
    cy.elements().not(hood).addClass("faded");
    hood.edges().addClass("shown");
    ele.addClass("focus");
    if (ele.isNode() && hood.nodes().length > 2) {
      // the neighbourhood in a ring around the entity, where its labels can be read
      hood.nodes().layout({ name: "concentric", concentric: n => (n.same(ele) ? 2 : 1), levelWidth: () => 1,
        minNodeSpacing: 45, fit: true, padding: 50, animate: false,
        boundingBox: { x1: ele.position("x") - 300, y1: ele.position("y") - 300, w: 600, h: 600 } }).run();
    } else {
      cy.fit(hood, 60);
    }
  }

  function showNode(id) {
    const node = cy.getElementById(id);
    if (node.empty()) return;
    focus(node);
    const d = node.data();
    panel.replaceChildren();
    const h = el("h2", d.label);
    panel.appendChild(h);
    const t = el("span", d.type, "type");
    t.style.background = d.color;
    panel.appendChild(t);
    panel.appendChild(el("div", d.id, "iri"));
    const table = attrTable(d.attrs);
    if (table) { panel.appendChild(el("h3", T.attributes)); panel.appendChild(table); }
    panel.appendChild(el("h3", T.relations));
    const ul = el("ul");
    const edges = node.connectedEdges().sort((a, b) => (a.data("label") + a.id()).localeCompare(b.data("label") + b.id()));
    edges.forEach(edge => {
      const other = edge.source().id() === id ? edge.target() : edge.source();
      const li = el("li");
      const arrow = edge.source().id() === id ? "→ " : "← ";
      li.appendChild(document.createTextNode(arrow));
      const rel = el("button", edge.data("label"), "ev");
      rel.type = "button";
      rel.title = edge.data("iri");
      rel.addEventListener("click", () => showEdge(edge.id()));
      li.appendChild(rel);
      li.appendChild(document.createTextNode(" "));
      const go = el("a", other.data("label"), "go");
      go.addEventListener("click", () => showNode(other.id()));
      li.appendChild(go);
      ul.appendChild(li);
    });
    panel.appendChild(ul);
    panel.appendChild(el("h3", T.evidence));
    evidenceList(d.evidence, panel);
  }

  function showEdge(id) {
    const edge = cy.getElementById(id);
    focus(edge);
    const d = edge.data();
    panel.replaceChildren();
    const h = el("h2");
    const a = el("a", edge.source().data("label"), "go");
    a.addEventListener("click", () => showNode(edge.source().id()));
    const b = el("a", edge.target().data("label"), "go");
    b.addEventListener("click", () => showNode(edge.target().id()));
    h.append(a, " " + d.label + " ", b);
    panel.appendChild(h);
    panel.appendChild(el("div", d.iri, "iri"));
    const table = attrTable(d.attrs);
    if (table) { panel.appendChild(el("h3", T.attributes)); panel.appendChild(table); }
    panel.appendChild(el("h3", T.evidence));
    evidenceList(d.evidence, panel);
  }

  function find(text) {
    const q = text.trim().toLowerCase();
    if (!q) return;
    if (byLabel.has(q)) { showNode(byLabel.get(q)); return; }
    const hits = data.nodes.filter(n => n.data.names.some(name => name.includes(q)) ||
                                        n.data.id.toLowerCase().includes(q));
    if (hits.length === 1) { showNode(hits[0].data.id); return; }
    panel.replaceChildren(el("h3", hits.length ? T.matches : T.nomatch + ": " + text));
    const ul = el("ul");
    for (const n of hits) {
      const li = el("li");
      const go = el("a", n.data.label, "go");
      go.addEventListener("click", () => showNode(n.data.id));
      li.append(go, " (" + n.data.type + ")");
      ul.appendChild(li);
    }
    panel.appendChild(ul);
  }

  search.addEventListener("change", () => find(search.value));
  search.addEventListener("keydown", e => { if (e.key === "Enter") find(search.value); });
  document.getElementById("all").addEventListener("click", () => {
    restore();
    cy.elements().removeClass("faded focus shown");
    cy.fit(undefined, 30);
  });
  cy.on("tap", "node", e => showNode(e.target.id()));
  cy.on("tap", "edge", e => showEdge(e.target.id()));
  window.labourgraph = { cy, data, showNode, showEdge, find };
})();
</script>
</body>
</html>
"""

__all__ = ["to_html", "page_data"]
