"""The query library in a browser: a page listing every query, and a query opening in the query page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from api.queries import library
from tests.sparql_app import fixture_client

HTML = {"Accept": "text/html,application/xhtml+xml"}
QUERIES = Path(__file__).resolve().parents[1] / "queries"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    with fixture_client(tmp_path_factory.mktemp("library-pages"), queries_dir=QUERIES) as c:
        yield c


def test_a_browser_gets_the_library_as_a_page_and_a_program_as_json(client) -> None:
    page = client.get("/queries", headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for query in library(QUERIES).values():
        assert query.title_zh in page.text and f"/queries/{query.name}.rq" in page.text
    listing = client.get("/queries")
    assert listing.headers["content-type"].startswith("application/json")
    assert {q["name"] for q in listing.json()} == set(library(QUERIES))


def test_a_browser_opening_a_library_query_lands_on_the_query_page_with_it(client) -> None:
    answer = client.get("/queries/sydney-accord-majors", headers=HTML, follow_redirects=False)
    assert answer.status_code == 303
    target = urlsplit(answer.headers["location"])
    assert target.path == "/sparql"
    assert parse_qs(target.query)["query"][0] == library(QUERIES)["sydney-accord-majors"].text
    assert client.get("/queries/sydney-accord-majors?format=csv", headers=HTML).headers["content-type"].startswith("text/csv")
