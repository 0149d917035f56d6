"""Headless Chromium: an entity page shows its evidence; the HTML export renders and responds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.export import build_export_graph, dataset_quads, to_html
from tests.browser_pages import WatchedPage, watched_page
from tests.fixture_graph import SCHOOL_A, SCHOOL_B, LiveServer, fixture_dataset, write_fixture_trig

pytestmark = pytest.mark.browser
ENTITY_NODES = 29  # entities of the fixture, sg:Partnership records folded into edges


@pytest.fixture
def watched(browser) -> Iterator[WatchedPage]:
    with watched_page(browser, width=1200, height=800) as watched:
        yield watched
    assert not watched.errors, watched.errors


@pytest.fixture
def page(watched: WatchedPage):
    return watched.page


def test_entity_page_shows_an_evidence_quote(page, tmp_path):
    with LiveServer(write_fixture_trig(tmp_path / "kg.trig")) as server:
        page.goto(f"{server.url}/id/major/{SCHOOL_A}-460104")
        assert page.locator("#label").inner_text().startswith("机械制造及自动化")
        quotes = page.locator("blockquote.evidence").all_inner_texts()
        assert any("机械制造及自动化专业通过悉尼协议认证" in q and "line 5" in q for q in quotes), quotes
        page.locator(f'a[href="/id/school/{SCHOOL_A}"]').first.click()
        page.wait_for_url(f"**/id/school/{SCHOOL_A}")
        assert "甲职业技术学院" in page.locator("#label").inner_text()


def test_html_export_draws_with_cytoscape_expands_filters_and_declutters(watched: WatchedPage, tmp_path):
    page, requests = watched.page, watched.requests
    html = tmp_path / "graph.html"
    html.write_bytes(to_html(build_export_graph(dataset_quads(fixture_dataset()))))
    page.goto(html.as_uri())
    page.wait_for_function("document.body.dataset.rendered === '1'", timeout=10_000)
    assert page.evaluate("window.sgkg.total") == ENTITY_NODES
    shown = page.evaluate("window.sgkg.nodeCount")
    assert 0 < shown < ENTITY_NODES  # the schools and what they link to; the rest on demand
    assert page.locator("#stats").inner_text().startswith(f"{shown} nodes shown of {ENTITY_NODES}")
    assert page.locator("#graph canvas").count() >= 1
    assert page.locator("#legend li").count() == 13
    # no n-ary helper node; partnerships are edges labelled by relation kind
    labels = page.evaluate("window.sgkg.view.cy.edges().map(e => e.data('label'))")
    assert {"共建", "订单班", "合作办学"} <= set(labels)
    assert not page.evaluate("window.sgkg.view.cy.nodes().filter(n => n.data('type') === 'Partnership').length")
    # clicking a major adds its certification (two hops from the school) and shows the major's facts
    major = f"major/{SCHOOL_A}-460104"
    before = page.evaluate("window.sgkg.view.cy.nodes().length")
    x, y = page.evaluate(f"window.sgkg.position('{major}')")
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_function(f"window.sgkg.view.cy.nodes().length > {before}", timeout=5_000)
    assert page.evaluate("window.sgkg.view.cy.getElementById('certification/sydney-accord').length") == 1
    assert page.locator("#details h3").inner_text() == "机械制造及自动化"
    # the school filter keeps one school's nodes; unticking a kind hides it
    page.select_option("#school", SCHOOL_B)
    schools = page.evaluate("window.sgkg.view.shown().map(n => n.data('school'))")
    assert schools and all(SCHOOL_B in s for s in schools)
    page.select_option("#school", "")
    page.locator("#legend input[value=Major]").uncheck()
    assert not page.evaluate("window.sgkg.view.shown().filter(n => n.data('type') === 'Major').length")
    # labels never overlap: every kept label box is disjoint from the others
    page.click("#show-all")
    page.evaluate("() => { window.sgkg.view.cy.zoom(0.3); }")
    assert page.evaluate("""() => {
        const v = window.sgkg.view; v.declutter();
        const boxes = v.shown().filter(n => !n.hasClass('label-hidden'))
            .map(n => n.renderedBoundingBox({includeNodes: false, includeEdges: false, includeLabels: true}));
        return boxes.every((a, i) => boxes.every((b, j) => i === j ||
            !(a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2))); }""")
    page.fill("#search", "柳工")
    assert page.locator("#hits li").count() >= 2
    assert all(u.startswith("file://") for u in requests), [u for u in requests if not u.startswith("file://")]
