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
