"""Headless Chromium: an entity page shows its evidence; the HTML export renders and responds."""

from __future__ import annotations

import pytest

from kg.export import build_export_graph, dataset_quads, to_html
from tests.fixture_graph import SCHOOL_A, LiveServer, fixture_dataset, write_fixture_trig

pytestmark = pytest.mark.browser
ENTITY_NODES = 33


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors


def test_entity_page_shows_an_evidence_quote(page, tmp_path):
    with LiveServer(write_fixture_trig(tmp_path / "kg.trig")) as server:
        page.goto(f"{server.url}/id/major/{SCHOOL_A}-460104")
        assert page.locator("#label").inner_text().startswith("机械制造及自动化")
        quotes = page.locator("blockquote.evidence").all_inner_texts()
        assert any("机械制造及自动化专业通过悉尼协议认证" in q and "line 5" in q for q in quotes), quotes
        page.locator(f'a[href="/id/school/{SCHOOL_A}"]').first.click()
        page.wait_for_url(f"**/id/school/{SCHOOL_A}")
        assert "甲职业技术学院" in page.locator("#label").inner_text()


def test_html_export_renders_every_node_and_reacts(page, tmp_path):
    html = tmp_path / "graph.html"
    html.write_bytes(to_html(build_export_graph(dataset_quads(fixture_dataset()))))
    page.goto(html.as_uri())
    page.wait_for_function("document.body.dataset.rendered === '1'", timeout=10_000)
    assert page.evaluate("window.sgkg.nodeCount") == ENTITY_NODES
    assert page.locator("#stats").inner_text().startswith(f"{ENTITY_NODES} nodes")
    painted = page.evaluate("""() => {
        const c = document.getElementById('graph'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""")
    assert painted > 2000, "the canvas is blank"
    assert page.locator("#legend li").count() == 14
    # click the first school node: its facts appear in the side panel
    index = page.evaluate("window.sgkg && JSON.parse(document.getElementById('sgkg-data').textContent)"
                          f".nodes.findIndex(n => n[0] === 'school/{SCHOOL_A}')")
    x, y = page.evaluate(f"window.sgkg.position({index})")
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    assert page.locator("#details h3").inner_text() == "甲职业技术学院"
    assert "黑龙江省" in page.locator("#details").inner_text()
    page.fill("#search", "柳工")
    assert page.locator("#hits li").count() >= 2
