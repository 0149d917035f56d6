"""The remote-store backend against a real Virtuoso: graphs pushed one per report, queries sent to
it through our /sparql endpoint, same answers as the embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from api.app import create_app
from api.settings import Settings
from kg.namespaces import SG
from kg.store import RemoteStore, open_store
from tests.conftest import require_system
from tests.fixture_graph import write_fixture_trig
from tests.sparql_app import PREFIXES

pytestmark = pytest.mark.virtuoso
SYDNEY = (Path(__file__).resolve().parents[1] / "queries" / "sydney-accord-majors.rq").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def virtuoso() -> Iterator[str]:
    binary = require_system("virtuoso-t", "virtuoso-opensource")
    isql = require_system("isql-vt", "virtuoso-opensource")
    from tests.virtuoso_server import VirtuosoServer

    with VirtuosoServer(binary, isql) as server:
        yield server.url


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fixture_trig(tmp_path_factory.mktemp("virtuoso") / "kg.trig")


@pytest.fixture(scope="module")
def remote(virtuoso: str, graph_file: Path) -> RemoteStore:
    store = open_store("sparql+" + virtuoso, graph_file)
    assert isinstance(store, RemoteStore)
    return store


@pytest.fixture(scope="module")
def client(virtuoso: str, graph_file: Path, remote: RemoteStore) -> Iterator[TestClient]:
    settings = Settings(store="sparql+" + virtuoso, graph=graph_file)
    with TestClient(create_app(settings, store=remote)) as c:
        yield c


def test_one_graph_per_report_is_pushed(remote: RemoteStore, graph_file: Path) -> None:
    assert remote.graphs() == open_store("oxigraph", graph_file).graphs()


def test_endpoint_answers_from_virtuoso_like_the_embedded_store(client: TestClient, graph_file: Path) -> None:
    response = client.get("/sparql", params={"query": SYDNEY})
    assert response.status_code == 200, response.text
    remote_rows = [(b["schoolName"]["value"], b["code"]["value"]) for b in response.json()["results"]["bindings"]]
    local = open_store("oxigraph", graph_file).query(SYDNEY).bindings()
    assert remote_rows == [(str(b["schoolName"]), str(b["code"])) for b in local]
    assert len(remote_rows) == 3


def test_union_default_graph_is_a_set_on_virtuoso_too(client: TestClient) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/sgkg/id/program/双高计划> a ?type }"
    assert client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["n"]["value"] == "1"


def test_ask_construct_and_formats_through_virtuoso(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": PREFIXES + "ASK { ?s a sg:School }"}).json()["boolean"] is True
    assert client.get("/sparql", params={"query": PREFIXES + "ASK { ?s a sg:Nothing }"}).json()["boolean"] is False
    construct = PREFIXES + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a sg:School ; rdfs:label ?l }"
    turtle = client.get("/sparql", params={"query": construct}, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and "甲职业技术学院" in turtle.text
    csv_text = client.get("/sparql", params={"query": SYDNEY, "format": "csv"}).text
    assert "乙职业技术学院" in csv_text


def test_safety_applies_before_virtuoso(client: TestClient) -> None:
    refused = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"})
    assert refused.status_code == 400
    bad = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p "})
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("application/problem+json")


def test_replace_and_drop_graph_on_the_server(remote: RemoteStore) -> None:
    g = "https://w3id.org/sgkg/graph/virtuoso-test"
    report = (URIRef("http://e/s"), RDF.type, SG.Report)  # a report's graph: it holds its sg:Report node
    remote.replace_graph(g, [report, (URIRef("http://e/s"), URIRef("http://e/p"), Literal("值", lang="zh"))])
    found = remote.query("SELECT ?o WHERE { <http://e/s> <http://e/p> ?o }").bindings()
    assert found == [{"o": Literal("值", lang="zh")}] and g in remote.graphs()
    remote.drop_graph(g)
    assert g not in remote.graphs()
    assert remote.query("SELECT ?o WHERE { <http://e/s> <http://e/p> ?o }").rows == []


def test_other_graphs_on_the_server_are_not_the_stores(remote: RemoteStore, graph_file: Path) -> None:
    """The store's graphs are found by what they hold (report nodes, the reference graph), not by listing every
    graph of the server, which Virtuoso stops at its time limit on a large store: another application's graph
    on the same server is neither listed nor in the union default graph."""
    other = "http://other.example/application-graph"
    remote.update(f"INSERT DATA {{ GRAPH <{other}> {{ <http://other.example/x> <http://other.example/p> 1 }} }}")
    try:
        remote.refresh_union()
        assert remote.graphs() == open_store("oxigraph", graph_file).graphs()
        assert remote.query("ASK { <http://other.example/x> ?p ?o }").boolean is False
        assert remote.query(f"ASK {{ GRAPH <{other}> {{ ?s ?p ?o }} }}", named_graph_uris=[other]).boolean is True
    finally:
        remote.update(f"DROP SILENT GRAPH <{other}>")
        remote.refresh_union()
