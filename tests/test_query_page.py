"""Headless Chromium drives the query page at /sparql: write a query, run it, see the rows."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser_pages import watched_page
from tests.fixture_graph import LiveServer, write_fixture_trig

pytestmark = pytest.mark.browser
QUERY = """PREFIX sg: <https://w3id.org/sgkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?school ?name WHERE { ?school a sg:School ; rdfs:label ?name FILTER(lang(?name) = "zh") } ORDER BY ?name"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(write_fixture_trig(tmp_path_factory.mktemp("page") / "kg.trig")) as live:
        yield live


@pytest.fixture
def page(browser, server):
    with watched_page(browser) as watched:
        watched.page.goto(f"{server.url}/sparql")
        yield watched.page
    assert not watched.errors, watched.errors
    requested = watched.requests
    assert requested and all(url.startswith(server.url) for url in requested), "the page must not load from a CDN"


def test_runs_a_query_and_shows_rows_with_entity_links(page, server) -> None:
    assert "PREFIX sg: <https://w3id.org/sgkg/ontology#>" in page.locator("#query").input_value()
    page.locator("#query").fill(QUERY)
    page.locator("#run").click()
    page.wait_for_selector("#results-table tbody tr")
    cells = page.locator("#results-table tbody tr td:nth-child(2)").all_inner_texts()
    assert [c.split("@")[0] for c in cells] == ["乙职业技术学院", "甲职业技术学院"]
    assert page.locator("#results-table tbody tr:first-child td:first-child a").get_attribute("href") == \
        "/id/school/1000000002"
    assert "2 行 rows" in page.locator("#status").inner_text()
    csv_href = page.locator("#download-csv").get_attribute("href")
    params = parse_qs(urlparse(csv_href).query)
    assert params["format"] == ["csv"] and params["query"] == [QUERY]
    assert page.request.get(server.url + csv_href).text().splitlines()[1:] == [
        "https://w3id.org/sgkg/id/school/1000000002,乙职业技术学院", "https://w3id.org/sgkg/id/school/1000000001,甲职业技术学院"]


def test_canned_query_runs_from_the_library_list(page) -> None:
    page.locator("a.canned[data-name='sydney-accord-majors']").click()
    page.wait_for_selector("#results-table tbody tr")
    assert page.locator("#results-table tbody tr").count() == 3
    assert "accreditedUnder" in page.locator("#query").input_value()


def test_errors_are_shown_with_their_position(page) -> None:
    page.locator("#query").fill("SELECT * WHERE { ?s ?p }")
    page.locator("#run").click()
    page.wait_for_selector("#status.error")
    assert "1:" in page.locator("#status").inner_text() and "Malformed query" in page.locator("#status").inner_text()
