"""The interactive HTML page: self-contained, and working in headless Chromium (search, neighbourhood,
evidence sentences, no console errors)."""
from __future__ import annotations

import json
import os
import re
import shutil

import pytest

from labourgraph.export import ExportOptions, export
from labourgraph.export.html import page_data

LGR = "https://w3id.org/labourgraph/id/"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]




def test_page_is_self_contained(export_sample_graph):
    page = export(export_sample_graph, "html").decode("utf-8")
    assert not re.search(r"<script[^>]+src=", page), "no external scripts"
    assert not re.search(r"<link[^>]+href=\"?https?:", page), "no external stylesheets"
    assert "cytoscape" in page and "Budi Santoso" in page


def test_page_data_carries_evidence_sentences_for_nodes_and_edges(export_sample_graph):
    data = page_data(export_sample_graph)
    nodes = {n["data"]["id"]: n["data"] for n in data["nodes"]}
    kemnaker = nodes[LGR + "org-kemnaker"]
    assert [data["spans"][s]["exact"] for s in kemnaker["evidence"]] == ["Kemnaker"]
    holding = next(e["data"] for e in data["edges"] if e["data"]["source"] == LGR + "person-budi-santoso")
    sentence = data["spans"][holding["evidence"][0]]
    assert sentence["exact"].startswith("Sekretaris Jenderal Kemnaker, Budi Santoso")
    assert sentence["headline"] == "Kemnaker hadiri SLOM ke-21" and sentence["date"] == "2021-09-10"
    unit_of = next(e["data"] for e in data["edges"] if e["data"]["source"] == LGR + "org-biro-kerja-sama")
    assert unit_of["evidence"] == [LGR + "span-a1-0-60"], "a binary fact's evidence comes from its rdf:Statement"
    assert all("x" in n["position"] and "y" in n["position"] for n in data["nodes"])


def test_page_text_follows_the_language(export_sample_graph):
    page = export(export_sample_graph, "html", ExportOptions(lang="id")).decode("utf-8")
    assert '<html lang="id">' in page and "Cari entitas" in page


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_page_renders_in_headless_chromium(graph, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    path = tmp_path / "graph.html"
    path.write_bytes(export(graph, "html"))
    data = page_data(graph)
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        # Playwright gives each launch a fresh, temporary profile (user data dir)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
            page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
            page.goto(path.as_uri())
            page.wait_for_function("window.labourgraph && window.labourgraph.cy.nodes().length > 0")
            assert page.evaluate("window.labourgraph.cy.nodes().length") == len(data["nodes"])
            assert page.evaluate("window.labourgraph.cy.edges().length") == len(data["edges"])
            # the seeds' (or sample's) entities are drawn, with their labels
            labels = page.evaluate("window.labourgraph.cy.nodes().map(n => n.data('label'))")
            assert sorted(labels) == sorted(n["data"]["label"] for n in data["nodes"])
            # search an entity that has evidence, see its neighbourhood and its evidence sentences
            target = next(n["data"] for n in data["nodes"] if n["data"]["evidence"])
            page.fill("#search", target["label"])
            page.press("#search", "Enter")
            page.wait_for_selector("#panel h2")
            if page.inner_text("#panel h2") != target["label"]:  # several entities share the label
                page.evaluate("id => window.labourgraph.showNode(id)", target["id"])
            assert page.inner_text("#panel h2") == target["label"]
            quotes = page.locator("#panel blockquote")
            assert quotes.count() == len(target["evidence"])
            assert data["spans"][target["evidence"][0]]["exact"] in quotes.first.inner_text()
            faded = page.evaluate("window.labourgraph.cy.nodes('.faded').length")
            hood = page.evaluate(f"window.labourgraph.cy.getElementById({json.dumps(target['id'])}).closedNeighborhood().nodes().length")
            assert faded == len(data["nodes"]) - hood
            # click through a relation to its evidence
            if page.locator("#panel button.ev").count():
                page.locator("#panel button.ev").first.click()
                page.wait_for_selector("#panel h2 a")
            shot = os.environ.get("LABOURGRAPH_SCREENSHOT")
            if shot:
                page.evaluate("id => window.labourgraph.showNode(id)", target["id"])
                page.wait_for_timeout(400)
                page.screenshot(path=shot)
        finally:
            browser.close()
    assert problems == []


# -- colours, the SVG legend, and the overview of a large graph --------------------------------

def _lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of a #rrggbb colour, written out here."""
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047
    y = r * 0.2126 + g * 0.7152 + b * 0.0722
    z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def test_every_pair_of_type_colours_differs_clearly():
    from itertools import combinations
    from math import dist

    from labourgraph.export.view import STYLE
    colours = {kind: style[0].lower() for kind, style in STYLE.items()}
    assert len(set(colours.values())) == len(colours), "one colour per type"
    close = [(a, b, round(dist(_lab(colours[a]), _lab(colours[b])), 1)) for a, b in combinations(sorted(colours), 2)
             if dist(_lab(colours[a]), _lab(colours[b])) < 15]
    assert close == [], "colours closer than 15 CIELAB units"
    assert colours["Programme"] != colours["Theme"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_svg_has_a_legend_of_the_types_drawn(export_sample_graph):
    import xml.etree.ElementTree as ET

    from labourgraph.export.view import STYLE, build_view
    svg = export(export_sample_graph, "svg")
    root = ET.fromstring(svg)
    legend = next(g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("id") == "legend")
    names = [t.text for t in legend.iter("{http://www.w3.org/2000/svg}text")]
    types = sorted({d["type"] for _, d in build_view(export_sample_graph).nodes(data=True)})
    assert names == types
    fills = {e.get("fill") for e in legend if not e.tag.endswith("text") and e.get("fill") != "white"}
    assert fills == {STYLE[t][0] + "cc" for t in types}
    # the drawing grew to hold it: the legend lies inside the view box
    height = float(root.get("viewBox").split()[3])
    assert max(float(t.get("y")) for t in legend.iter("{http://www.w3.org/2000/svg}text")) < height


def test_a_large_view_opens_on_hubs_that_hold_every_node(seeds_graph):
    from labourgraph.export.view import OTHER_HUB
    data = page_data(seeds_graph, ExportOptions(with_provenance=True))
    assert data["mode"] == "overview" and len(data["nodes"]) > 1000
    assert all("position" not in n for n in data["nodes"]), "the detail is laid out in the browser"
    hubs = {h["id"]: h for h in data["overview"]["hubs"]}
    types = {h["type"] for h in hubs.values()}
    assert {"Country", "MeetingSeries", "Organization"} <= types
    assert all(n["data"]["hub"] in hubs for n in data["nodes"])
    assert sum(h["members"] for h in hubs.values()) == len(data["nodes"])
    kemnaker = next(n["data"] for n in data["nodes"] if n["data"]["id"] == LGR + "org-kemnaker")
    assert kemnaker["hub"] == LGR + "country-id", "a ministry belongs to its country"
    meeting = next(n["data"] for n in data["nodes"] if n["data"]["type"] == "Meeting"
                   and n["data"]["id"] == LGR + "meeting-slom-21")
    assert meeting["hub"] == LGR + "series-slom", "a meeting belongs to its series"
    assert "01" not in data["filters"]["years"] and data["filters"]["articles"]
    assert OTHER_HUB not in hubs or hubs[OTHER_HUB]["type"] == "Other"
    small = page_data(seeds_graph)
    assert small["mode"] == "detail" and all("position" in n for n in small["nodes"])


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_overview_renders_and_opens_the_detail_in_headless_chromium(seeds_graph, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    options = ExportOptions(with_provenance=True)
    path = tmp_path / "overview.html"
    path.write_bytes(export(seeds_graph, "html", options))
    data = page_data(seeds_graph, options)
    hubs = data["overview"]["hubs"]
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
            page.goto(path.as_uri())
            page.wait_for_function("window.labourgraph && window.labourgraph.cy.nodes().length > 0")
            assert page.evaluate("window.labourgraph.drawn()") == "overview"
            assert page.evaluate("window.labourgraph.cy.nodes().length") == len(hubs)
            shot = os.environ.get("LABOURGRAPH_OVERVIEW_SCREENSHOT")
            if shot:
                page.screenshot(path=shot)
            # a hub opens its group, laid out in the browser (not on a ring, not all at one point)
            hub = max(hubs, key=lambda h: (h["members"] if h["id"] != "hub:other" else 0))
            page.evaluate("id => window.labourgraph.showHub(id)", hub["id"])
            assert page.evaluate("window.labourgraph.drawn()") == "detail"
            assert page.evaluate("window.labourgraph.cy.nodes().length") == min(hub["members"], data["maxDetail"])
            spread = page.evaluate("(() => { const b = window.labourgraph.cy.nodes().boundingBox(); return [b.w, b.h]; })()")
            assert min(spread) > 50
            # the type filter narrows the detail
            page.evaluate("window.labourgraph.reset()")
            page.uncheck("#legend input[value='Span']")
            shown = page.evaluate("window.labourgraph.cy.nodes().map(n => n.data('type'))")
            assert shown and "Span" not in shown and page.evaluate("window.labourgraph.drawn()") == "detail"
            # search still opens an entity with its evidence, from the overview
            page.evaluate("window.labourgraph.reset()")
            target = next(n["data"] for n in data["nodes"] if n["data"]["id"] == LGR + "org-kemnaker")
            page.fill("#search", target["label"])
            page.press("#search", "Enter")
            page.wait_for_selector("#panel h2")
            assert page.inner_text("#panel h2") == target["label"]
            assert page.locator("#panel blockquote").count() == len(target["evidence"])
            # an address ending in #IRI opens that entity
            page.goto(path.as_uri() + "#" + LGR.replace(":", "%3A").replace("/", "%2F") + "country-vn")
            page.wait_for_selector("#panel h2")
            assert page.inner_text("#panel h2") == "Viet Nam"
        finally:
            browser.close()
    assert problems == []
