"""labourgraph report: one self-contained page with every plot, the top tables and links into the
graph view; it renders in headless Chromium without console errors."""
from __future__ import annotations

import base64
import io
import os
import re
import shutil
import urllib.parse

import pytest
from click.testing import CliRunner

from labourgraph.analyse import load_data
from labourgraph.analyse.report import render_report
from labourgraph.cli import cli
from test_analyse import hand_trig

LGR = "https://w3id.org/labourgraph/id/"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def hand_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "hand.ttl"
    path.write_text(hand_trig(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def page(hand_file) -> str:
    return render_report(load_data(hand_file), view_href="view.html").decode("utf-8")


def test_report_is_self_contained_with_four_embedded_plots(page):
    assert not re.search(r"<script[^>]+src=", page) and not re.search(r"<link[^>]+href=\"?https?:", page)
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 4
    from PIL import Image
    for data in images:
        assert Image.open(io.BytesIO(base64.b64decode(data))).size == (1000, 700)
    assert not re.search(r'src="(?!data:)', page), "every image is inline"


def test_report_has_the_top_tables_with_links_into_the_graph_view(page):
    link = "view.html#" + urllib.parse.quote(LGR + "org-a", safe="")
    assert f'<a href="{link}">Agency A</a>' in page
    assert f'<a href="view.html#{urllib.parse.quote(LGR + "country-x", safe="")}">Xland</a>' in page
    for heading in ("Actors: who is central", "Cooperation: which states work together",
                    "Communities: which groups form", "Timeline: meetings, posts and themes over time"):
        assert heading in page
    # the strongest pair of countries and its weight, as worked out in test_analyse
    assert re.search(r">Xland</a></td><td>.*>Yland</a></td><td class=\"n\">6</td>", page)
    assert "Data: 3 articles (a1, a2, a3)" in page


def test_report_repeats_byte_for_byte(hand_file, page):
    assert render_report(load_data(hand_file), view_href="view.html").decode("utf-8") == page


def test_report_command_writes_the_page_and_the_graph_view(hand_file, tmp_path):
    out = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(cli, ["report", "--data", str(hand_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and (out.parent / "labourgraph.html").is_file()
    assert 'href="labourgraph.html#' in out.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_report_and_its_links_render_in_headless_chromium(hand_file, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "--data", str(hand_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
            page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
            page.goto(out.as_uri())
            widths = page.evaluate("[...document.images].map(i => i.complete && i.naturalWidth)")
            assert widths == [1000] * 4, "every plot decodes"
            shot = os.environ.get("LABOURGRAPH_REPORT_SCREENSHOT")
            if shot:
                page.screenshot(path=shot)
            # a link opens the graph view on that entity, with its evidence
            page.click("text=Agency A")
            page.wait_for_function("window.labourgraph && document.querySelector('#panel h2')")
            assert page.inner_text("#panel h2") == "Agency A"
        finally:
            browser.close()
    assert problems == []
