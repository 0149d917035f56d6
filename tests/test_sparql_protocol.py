"""/sparql speaks the SPARQL 1.1 Protocol: GET, POST form, POST direct, dataset parameters,
service description, query page, and the /queries library."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from kg.namespaces import REFERENCE_GRAPH
from tests.sparql_app import PREFIXES, fixture_client

SCHOOLS = PREFIXES + "SELECT ?name WHERE { ?s a sg:School ; rdfs:label ?name FILTER(lang(?name) = 'zh') } ORDER BY ?name"
SD = "http://www.w3.org/ns/sparql-service-description#"
CANNED = """# title@zh: 全部学校
# title@en: All schools
# description@zh: 每所学校的中文名称
# description@en: Every school's Chinese name
""" + SCHOOLS


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    directory = tmp_path_factory.mktemp("protocol")
    (directory / "queries").mkdir()
    (directory / "queries" / "all-schools.rq").write_text(CANNED, encoding="utf-8")
    with fixture_client(directory, queries_dir=directory / "queries") as c:
        yield c


def names(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [b["name"]["value"] for b in response.json()["results"]["bindings"]]


def test_get_post_form_and_post_direct_agree(client: TestClient) -> None:
    expected = ["乙职业技术学院", "甲职业技术学院"]
    assert names(client.get("/sparql", params={"query": SCHOOLS})) == expected
    assert names(client.post("/sparql", data={"query": SCHOOLS})) == expected
    assert names(client.post("/sparql", content=SCHOOLS.encode(),
                             headers={"Content-Type": "application/sparql-query"})) == expected


def test_default_graph_uri_and_named_graph_uri_are_honoured(client: TestClient) -> None:
    params = {"query": SCHOOLS, "default-graph-uri": str(REFERENCE_GRAPH)}
    assert names(client.get("/sparql", params=params)) == []
    count = PREFIXES + "SELECT (COUNT(DISTINCT ?g) AS ?name) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert names(client.get("/sparql", params={"query": count, "named-graph-uri": str(REFERENCE_GRAPH)})) == ["1"]
    assert names(client.get("/sparql", params={"query": count})) == ["3"]


def test_service_description_lists_the_graphs(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=response.text, format="turtle")
    assert (None, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in g
    assert (None, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) not in g
    assert {str(o) for o in g.objects(None, URIRef(SD + "name")) if isinstance(o, URIRef)} >= {str(REFERENCE_GRAPH)}


def test_browser_gets_the_query_page(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "PREFIX sg: <https://w3id.org/sgkg/ontology#>" in html.unescape(response.text)
    assert "全部学校" in response.text and "/static/sparql.js" in response.text
    assert client.get("/static/sparql.js").status_code == 200


def test_protocol_errors_are_problem_documents(client: TestClient) -> None:
    cases = [
        (client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"}), 415),
        (client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]), 400),
        (client.post("/sparql", data={"query": "ASK {}", "update": "CLEAR ALL"}), 400),
        (client.post("/sparql", content="ASK {}".encode("utf-16"),
                     headers={"Content-Type": "application/sparql-query; charset=UTF-16"}), 415),
        (client.post("/sparql", content=b"ASK { \xff }", headers={"Content-Type": "application/sparql-query"}), 400),
        (client.put("/sparql", content=b"ASK {}"), 405),
    ]
    for response, status in cases:
        assert response.status_code == status, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        body = response.json()
        assert body["status"] == status and body["detail"] and "Traceback" not in response.text


def test_query_library_is_listed_and_runnable(client: TestClient) -> None:
    listing = client.get("/queries").json()
    assert listing == [{"name": "all-schools", "title_zh": "全部学校", "title_en": "All schools",
                        "description_zh": "每所学校的中文名称", "description_en": "Every school's Chinese name",
                        "url": "/queries/all-schools"}]
    assert names(client.get("/queries/all-schools")) == ["乙职业技术学院", "甲职业技术学院"]
    csv_text = client.get("/queries/all-schools", params={"format": "csv"}).text
    assert csv_text.splitlines() == ["name", "乙职业技术学院", "甲职业技术学院"]
    assert client.get("/queries/all-schools.rq").text == CANNED
    missing = client.get("/queries/no-such-query")
    assert missing.status_code == 404 and "no-such-query" in missing.json()["detail"]


def test_canned_query_header_is_required(tmp_path: Path) -> None:
    from api.queries import parse_canned

    with pytest.raises(ValueError, match="title_en"):
        parse_canned("x", "# title@zh: 标题\nASK {}")
    assert json.loads(json.dumps(parse_canned("x", CANNED).title_en)) == "All schools"
