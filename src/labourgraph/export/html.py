"""One self-contained, interactive HTML page of the entity graph.

The page inlines cytoscape.js (vendored in ``static/``, MIT) and the graph as JSON, so it
opens offline from a file. A reader can search an entity, see its neighbourhood, follow its
relations, and read the evidence sentences behind each mention and fact; ``#<IRI>`` in the
address opens that entity (the links of ``labourgraph report`` use it).

A small graph is drawn whole, laid out here (a seeded spring layout). A large one (more
than :data:`~labourgraph.export.view.OVERVIEW_THRESHOLD` nodes) opens on an overview: its
countries, meeting series and bodies as hubs sized by the activity of their group
(:func:`~labourgraph.export.view.overview`). Choosing a hub, a type, a year or an article
opens that detail, which the browser lays out (cytoscape.js's force-directed ``cose``, or
rings by degree above 400 nodes). Either way the page is byte-identical for the same graph.
"""
from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from labourgraph.export.view import (OTHER_HUB, OVERVIEW_THRESHOLD, STYLE, ExportOptions, GraphIndex, build_view,
                                     evidence_for, layout, overview, span_text, statement_evidence)
from labourgraph.namespaces import LGR

_TEXT = {
    "en": {"title": "labourgraph: ASEAN labour cooperation", "search": "Search an entity…", "all": "Show all",
           "relations": "Relations", "evidence": "Evidence", "attributes": "Attributes",
           "none": "No evidence sentences recorded.", "hint": "Search or click an entity to see its neighbourhood and evidence.",
           "matches": "Matches", "nomatch": "No entity matches",
           "overview": "Overview: countries, meeting series and bodies, each sized by how active its group is, "
                       "linked by the relations between their groups. Click one, or choose a type, year or "
                       "article, to open the detail.",
           "types": "Types", "anyYear": "Any year", "anyArticle": "Any article", "anyGroup": "Any group",
           "other": "Unconnected", "members": "entities", "capped": "Showing the {n} best-connected of {m} "
           "entities; narrow the filters to see the rest.", "shown": "{n} entities", "open": "Open the detail"},
    "id": {"title": "labourgraph: kerja sama ketenagakerjaan ASEAN", "search": "Cari entitas…", "all": "Tampilkan semua",
           "relations": "Relasi", "evidence": "Bukti", "attributes": "Atribut",
           "none": "Tidak ada kalimat bukti.", "hint": "Cari atau klik entitas untuk melihat tetangga dan buktinya.",
           "matches": "Hasil", "nomatch": "Tidak ada entitas yang cocok",
           "overview": "Ikhtisar: negara, seri pertemuan dan badan, masing-masing berukuran sesuai keaktifan "
                       "kelompoknya, dihubungkan oleh relasi antarkelompok. Klik salah satunya, atau pilih jenis, "
                       "tahun atau artikel, untuk membuka rinciannya.",
           "types": "Jenis", "anyYear": "Semua tahun", "anyArticle": "Semua artikel", "anyGroup": "Semua kelompok",
           "other": "Tidak terhubung", "members": "entitas", "capped": "Menampilkan {n} entitas yang paling "
           "terhubung dari {m}; persempit filter untuk melihat sisanya.", "shown": "{n} entitas",
           "open": "Buka rincian"},
}
_SKIP_ATTRS = {"label", "type", "iri", "color", "size", "r", "g", "b"}
_DATE_ATTRS = ("startDate", "endDate", "datePublished", "attestedOn", "dcat_startDate", "dcat_endDate")
#: the most entities the page draws at once when it opens detail in the browser
MAX_DETAIL = 1500


def _years(attrs: dict[str, Any], spans: list[dict[str, Any]]) -> list[str]:
    found = set()
    for key in _DATE_ATTRS:
        for value in str(attrs.get(key, "")).split(" | "):
            if value[:4].isdigit():
                found.add(value[:4])
    found.update(s["date"][:4] for s in spans if s.get("date", "")[:4].isdigit())
    return sorted(found)


def _article_id(iri: str) -> str:
    prefix = str(LGR) + "article-"
    return iri[len(prefix):] if iri.startswith(prefix) else iri


def page_data(kg, options: ExportOptions = ExportOptions(), threshold: int = OVERVIEW_THRESHOLD) -> dict[str, Any]:
    """The JSON the page draws: nodes, edges, and evidence spans by IRI. A view of more than
    ``threshold`` nodes opens on the overview (hubs laid out here; the detail the reader opens
    is laid out in the browser); a smaller one shows every node, laid out here."""
    index = GraphIndex(kg, options.lang)
    view = build_view(kg, options, index)
    large = view.number_of_nodes() > threshold
    positions = {} if large else layout(view)
    summary = overview(view)
    spans: dict[str, Any] = {}

    def cite(span_iris: list[str]) -> list[str]:
        for span in span_iris:
            if span not in spans:
                spans[span] = text = span_text(index, span)
                if "url" in text:
                    text["url"] = web_url(text["url"])
        return span_iris

    nodes = []
    all_years, all_articles = set(), {}
    for iri, data in view.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in _SKIP_ATTRS}
        evidence = cite(evidence_for(index, iri))
        articles = sorted({_article_id(spans[s]["article"]) for s in evidence if spans[s].get("article")})
        for s in evidence:
            if spans[s].get("article"):
                all_articles.setdefault(_article_id(spans[s]["article"]), spans[s].get("headline", ""))
        years = _years(attrs, [spans[s] for s in evidence])
        all_years.update(years)
        node = {"data": {"id": iri, "label": data["label"], "type": data["type"], "color": data["color"],
                         "size": data["size"], "attrs": attrs, "evidence": evidence,
                         "hub": summary["home"][iri], "years": years, "articles": articles}}
        if not large:
            x, y = positions[iri]
            node["position"] = {"x": x, "y": y}
        nodes.append(node)
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
    text = _TEXT[options.lang]
    hubs = []
    for hub in summary["hubs"]:
        other = hub["id"] == OTHER_HUB
        hubs.append({**hub, "label": text["other"] if other else view.nodes[hub["id"]]["label"],
                     "color": "#cccccc" if other else STYLE.get(hub["type"], ("#cccccc", 10))[0]})
    return {"mode": "overview" if large else "detail", "maxDetail": MAX_DETAIL,
            "nodes": nodes, "edges": edges, "spans": dict(sorted(spans.items())),
            "legend": [{"type": t, "color": STYLE.get(t, ("#cccccc", 10))[0]} for t in legend],
            "overview": {"hubs": hubs, "links": summary["links"]},
            "filters": {"years": sorted(all_years),
                        "articles": [{"id": a, "label": h} for a, h in sorted(all_articles.items())]},
            "text": text}


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
  header select { font: inherit; max-width: 16em; }
  #legend { display: flex; gap: .5em; flex-wrap: wrap; font-size: .85em; }
  #legend label { white-space: nowrap; cursor: pointer; }
  #legend input { margin: 0 .15em 0 0; vertical-align: -2px; }
  #legend span::before { content: ""; display: inline-block; width: .8em; height: .8em; border-radius: 50%;
                         background: var(--c); margin-right: .3em; vertical-align: -1px; }
  #notice { font-size: .85em; color: #8a4b00; }
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
  <select id="group" aria-label="group"></select>
  <select id="year" aria-label="year"></select>
  <select id="article" aria-label="article"></select>
  <div id="legend"></div>
  <div id="notice"></div>
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
  const notice = document.getElementById("notice");
  const byId = new Map(data.nodes.map(n => [n.data.id, n]));
  const edgesOf = new Map();
  for (const e of data.edges) {
    for (const end of [e.data.source, e.data.target]) {
      if (!edgesOf.has(end)) edgesOf.set(end, []);
      edgesOf.get(end).push(e);
    }
  }
  const hubs = new Map(data.overview.hubs.map(h => [h.id, h]));
  const maxLink = Math.max(1, ...data.overview.links.map(l => l.weight));

  const cy = cytoscape({
    container: document.getElementById("graph"),
    elements: [],
    layout: { name: "preset" },
    minZoom: 0.02,
    maxZoom: 2.5,
    style: [
      { selector: "node", style: { "background-color": "data(color)", "width": "mapData(size, 0, 40, 6, 30)", "height": "mapData(size, 0, 40, 6, 30)",
        "label": "data(label)", "font-size": 9, "text-valign": "bottom", "text-margin-y": 2,
        "text-wrap": "ellipsis", "text-max-width": 120, "color": "#333" } },
      { selector: "node.hub", style: { "width": "data(size)", "height": "data(size)", "font-size": 12,
        "border-width": 1, "border-color": "#555", "text-max-width": 160 } },
      { selector: "edge", style: { "width": 1, "line-color": "#bbb", "target-arrow-color": "#bbb",
        "target-arrow-shape": "triangle", "arrow-scale": 0.6, "curve-style": "bezier" } },
      { selector: "edge.link", style: { "width": "mapData(weight, 1, " + maxLink + ", 1, 10)", "target-arrow-shape": "none",
        "line-color": "#c8c8c8", "curve-style": "straight", "opacity": 0.8 } },
      { selector: "edge.shown", style: { "label": "data(label)", "font-size": 8, "color": "#555",
        "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8 } },
      { selector: ".faded", style: { "opacity": 0.08, "text-opacity": 0 } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#222" } },
    ],
  });

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // -- filters: type (the legend), group (hub), year, article --
  const legend = document.getElementById("legend");
  const typeBoxes = [];
  for (const item of data.legend) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = item.type;
    box.addEventListener("change", render);
    typeBoxes.push(box);
    const span = el("span", item.type);
    span.style.setProperty("--c", item.color);
    label.append(box, span);
    legend.appendChild(label);
  }
  function options(select, first, items) {
    select.appendChild(new Option(first, ""));
    for (const [value, text] of items) select.appendChild(new Option(text, value));
    select.addEventListener("change", render);
  }
  const groupSelect = document.getElementById("group");
  const yearSelect = document.getElementById("year");
  const articleSelect = document.getElementById("article");
  options(groupSelect, T.anyGroup, [...data.overview.hubs].sort((a, b) => b.activity - a.activity || a.label.localeCompare(b.label))
    .map(h => [h.id, h.label + " (" + h.members + ")"]));
  options(yearSelect, T.anyYear, data.filters.years.map(y => [y, y]));
  options(articleSelect, T.anyArticle, data.filters.articles.map(a => [a.id, a.id + (a.label ? ": " + a.label.slice(0, 50) : "")]));

  function filtering() {
    return Boolean(groupSelect.value || yearSelect.value || articleSelect.value || typeBoxes.some(b => !b.checked));
  }
  function matches(n) {
    const d = n.data;
    const types = new Set(typeBoxes.filter(b => b.checked).map(b => b.value));
    return types.has(d.type) && (!groupSelect.value || d.hub === groupSelect.value) &&
      (!yearSelect.value || d.years.includes(yearSelect.value)) &&
      (!articleSelect.value || d.articles.includes(articleSelect.value));
  }

  // -- what is drawn: the overview (hubs), or the detail of some entities --
  const home = {};
  let drawn = "none";

  function hubId(id) { return "hub:" + id.replace(/^hub:/, ""); }

  function showOverview() {
    cy.stop();
    cy.elements().remove();
    cy.add(data.overview.hubs.map(h => ({ group: "nodes", classes: "hub",
      data: { id: hubId(h.id), hub: h.id, label: h.label + " (" + h.members + ")", color: h.color, size: h.size, type: h.type },
      position: { x: h.x, y: h.y } })));
    cy.add(data.overview.links.map((l, i) => ({ group: "edges", classes: "link",
      data: { id: "link" + i, source: hubId(l.source), target: hubId(l.target), weight: l.weight, label: String(l.weight) } })));
    cy.layout({ name: "preset", fit: true, padding: 30 }).run();
    drawn = "overview";
    notice.textContent = "";
    panel.replaceChildren(el("p", T.overview), el("p", T.hint));
  }

  function degree(id) { return (edgesOf.get(id) || []).length; }

  function showDetail(ids) {
    cy.stop();
    let chosen = ids;
    if (ids.length > data.maxDetail) {
      chosen = [...ids].sort((a, b) => degree(b) - degree(a) || (a < b ? -1 : 1)).slice(0, data.maxDetail);
      notice.textContent = T.capped.replace("{n}", chosen.length).replace("{m}", ids.length);
    } else {
      notice.textContent = data.mode === "overview" ? T.shown.replace("{n}", ids.length) : "";
    }
    const keep = new Set(chosen);
    const placed = chosen.every(id => byId.get(id).position);
    const nodes = chosen.map((id, i) => {
      const n = byId.get(id);
      let position = n.position;
      if (!position) {   // start near its hub, on a sunflower spiral, so the layout is the same each time
        const h = hubs.get(n.data.hub) || { x: 0, y: 0 };
        const angle = i * 2.399963, r = 12 * Math.sqrt(i + 1);
        position = { x: h.x + r * Math.cos(angle), y: h.y + r * Math.sin(angle) };
      }
      return { group: "nodes", data: n.data, position: { x: position.x, y: position.y } };
    });
    const edges = data.edges.filter(e => keep.has(e.data.source) && keep.has(e.data.target))
      .map(e => ({ group: "edges", data: e.data }));
    cy.elements().remove();
    cy.add(nodes);
    cy.add(edges);
    let options;
    if (placed) options = { name: "preset", fit: true, padding: 30 };
    else if (chosen.length <= 400) options = { name: "cose", randomize: false, animate: false, fit: true, padding: 30,
      numIter: 600, nodeRepulsion: () => 8000, idealEdgeLength: () => 60 };
    else options = { name: "concentric", concentric: n => n.degree(), levelWidth: () => 2, animate: false,
      fit: true, padding: 30, minNodeSpacing: 8 };
    cy.layout(options).run();
    cy.nodes().forEach(n => { home[n.id()] = { x: n.position("x"), y: n.position("y") }; });
    drawn = "detail";
  }

  function render() {
    if (data.mode === "overview" && !filtering()) { showOverview(); return; }
    showDetail(data.nodes.filter(matches).map(n => n.data.id));
    if (data.mode === "overview") panel.replaceChildren(el("p", T.hint));
  }

  // -- the names for search --
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

  function restore() {
    cy.stop();
    cy.nodes().forEach(n => { if (home[n.id()]) n.position(home[n.id()]); });
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

  function ensureDrawn(id) {
    // an entity that is not drawn (overview, or filtered out) opens with its neighbourhood
    if (!cy.getElementById(id).empty()) return;
    const ids = new Set([id]);
    for (const e of edgesOf.get(id) || []) { ids.add(e.data.source); ids.add(e.data.target); }
    showDetail([...ids].sort());
  }

  function showNode(id) {
    if (!byId.has(id)) return;
    ensureDrawn(id);
    const node = cy.getElementById(id);
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
    if (edge.empty()) return;
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

  function showHub(hub) {
    groupSelect.value = hub;
    render();
    const h = hubs.get(hub);
    panel.replaceChildren(el("h2", h.label), el("p", h.members + " " + T.members));
    if (byId.has(hub)) {
      const go = el("a", T.open + ": " + h.label, "go");
      go.addEventListener("click", () => showNode(hub));
      panel.appendChild(go);
    }
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

  function reset() {
    for (const b of typeBoxes) b.checked = true;
    groupSelect.value = yearSelect.value = articleSelect.value = "";
    cy.elements().removeClass("faded focus shown");
    render();
    cy.fit(undefined, 30);
  }

  function fromHash() {
    const id = decodeURIComponent(location.hash.slice(1));
    if (id && byId.has(id)) showNode(id);
  }

  search.addEventListener("change", () => find(search.value));
  search.addEventListener("keydown", e => { if (e.key === "Enter") find(search.value); });
  document.getElementById("all").addEventListener("click", reset);
  cy.on("tap", "node", e => {
    if (e.target.hasClass("hub")) showHub(e.target.data("hub"));
    else showNode(e.target.id());
  });
  cy.on("tap", "edge", e => { if (!e.target.hasClass("link")) showEdge(e.target.id()); });
  window.addEventListener("hashchange", fromHash);
  render();
  fromHash();
  window.labourgraph = { cy, data, showNode, showEdge, find, showHub, render, reset,
                         drawn: () => drawn };
})();
</script>
</body>
</html>
"""

__all__ = ["to_html", "page_data"]
