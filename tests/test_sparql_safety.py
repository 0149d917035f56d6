"""/sparql is safe to expose: read-only unless enabled with a token, no federation or loading,
only the store's own graphs, capped results that say so, bounded query size, clean errors, CORS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api import guard
from kg.namespaces import SKOS
from tests.fixture_graph import reference_quads
from tests.sparql_app import PREFIXES, fixture_client

ALL_MAJORS = PREFIXES + "SELECT ?m WHERE { ?m a sg:Major } ORDER BY ?m"
UPDATE = "INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> 'x' } }"
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with fixture_client(tmp_path_factory.mktemp("safety"), max_rows=3, max_query_bytes=2_000,
                        cors_origins=("https://analyst.example",)) as c:
        yield c


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with fixture_client(tmp_path_factory.mktemp("writable"), allow_update=True, token=TOKEN) as c:
        yield c


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


def test_read_only_by_default(client: TestClient) -> None:
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
        body = problem(client.post("/sparql", data={"update": UPDATE}, headers=headers), 403)
        assert "read-only" in body["detail"]


def test_update_needs_the_bearer_token(writable: TestClient) -> None:
    direct = {"Content-Type": "application/sparql-update"}
    ask = {"query": "ASK { GRAPH <http://e/g> { ?s ?p 'x' } }"}
    assert writable.get("/sparql", params=ask).json()["boolean"] is False  # now in the answer cache
    problem(writable.post("/sparql", content=UPDATE, headers=direct), 403)
    problem(writable.post("/sparql", content=UPDATE, headers=direct | {"Authorization": "Bearer wrong"}), 403)
    ok = writable.post("/sparql", content=UPDATE, headers=direct | {"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 204
    # the query workers see the change, and the cached answer is not reused
    assert writable.get("/sparql", params=ask).json()["boolean"] is True


def test_update_sent_as_query_is_refused(client: TestClient) -> None:
    assert "SPARQL Update" in problem(client.get("/sparql", params={"query": UPDATE}), 400)["detail"]


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service   <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . SERVICE SILENT ?endpoint { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.org/remote.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/> SELECT * FROM ex:remote WHERE { ?s ?p ?o }",
])
def test_federation_and_foreign_graphs_are_refused(client: TestClient, query: str) -> None:
    body = problem(client.get("/sparql", params={"query": query}), 400)
    assert body["title"] == "Query refused"


def test_keywords_inside_strings_iris_and_comments_are_harmless(client: TestClient) -> None:
    query = PREFIXES + """# SERVICE <http://x/> in a comment, FROM <http://y/>
SELECT ?x WHERE { BIND("SERVICE <http://x/> { }" AS ?x) FILTER(?x != <http://e/SERVICE>) }"""
    assert client.get("/sparql", params={"query": query}).status_code == 200
    own = PREFIXES + "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/sgkg/graph/reference> WHERE { ?c skos:notation ?x }"
    notations = sum(1 for _, p, _, _ in reference_quads() if p == SKOS.notation)
    assert client.get("/sparql", params={"query": own}).json()["results"]["bindings"][0]["n"]["value"] == str(notations)


def test_load_is_refused_even_with_rights(writable: TestClient) -> None:
    response = writable.post("/sparql", data={"update": "LOAD <http://example.org/data.ttl>"},
                             headers={"Authorization": f"Bearer {TOKEN}"})
    assert "LOAD" in problem(response, 400)["detail"]


def test_row_cap_is_never_silent(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": ALL_MAJORS})
    assert response.headers["X-SPARQL-Truncated"] == "true" and response.headers["X-SPARQL-Max-Rows"] == "3"
    doc = response.json()
    assert doc["truncated"] is True and len(doc["results"]["bindings"]) == 3
    small = client.get("/sparql", params={"query": ALL_MAJORS + " LIMIT 2"})
    assert small.headers["X-SPARQL-Truncated"] == "false" and small.json()["truncated"] is False


def test_query_size_limit(client: TestClient) -> None:
    big = "ASK {}" + " " * 2_500
    assert "at most 2000" in problem(client.get("/sparql", params={"query": big}), 413)["detail"]
    problem(client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"}), 413)


def test_malformed_query_gets_parser_message_and_position(client: TestClient) -> None:
    body = problem(client.get("/sparql", params={"query": "SELECT ?s WHERE {\n  ?s ?p }"}), 400)
    assert (body["line"], body["column"]) == (2, 10) and "expected" in body["detail"]


def test_cors_is_configurable(client: TestClient, writable: TestClient) -> None:
    origin = {"Origin": "https://analyst.example"}
    allowed = client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    assert allowed.headers["access-control-allow-origin"] == "https://analyst.example"
    assert "access-control-allow-origin" not in client.get("/sparql", params={"query": "ASK {}"},
                                                           headers={"Origin": "https://evil.example"}).headers
    assert "access-control-allow-origin" not in writable.get("/sparql", params={"query": "ASK {}"}, headers=origin).headers


def test_no_stack_trace_reaches_a_client(client: TestClient) -> None:
    def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    client.app.add_api_route("/__boom", boom)
    with TestClient(client.app, raise_server_exceptions=False) as raw:
        response = raw.get("/__boom")
    body = problem(response, 500)
    assert "secret" not in response.text and "Traceback" not in response.text and body["title"] == "Internal error"


def test_with_using_adds_dataset_clauses_and_detects_conflicts() -> None:
    update = "INSERT { ?s a <urn:T> } WHERE { ?s ?p ?o } ; DELETE WHERE { ?s <urn:p> ?o }"
    rewritten = guard.with_using(update, ["urn:g1"], ["urn:g2"])
    assert rewritten.count("USING <urn:g1> USING NAMED <urn:g2> WHERE") == 1
    assert "DELETE WHERE" in rewritten
    with pytest.raises(ValueError, match="conflict"):
        guard.with_using("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", [], ["urn:g2"])


def test_an_undeclared_prefix_is_named_with_the_fix() -> None:
    """The engine's own message lists Unicode ranges; a person needs to know which prefix to declare."""
    import pyoxigraph

    from api.sparql import syntax_problem

    with pytest.raises(SyntaxError) as raised:
        pyoxigraph.Store().query("SELECT ?s WHERE { ?s sg:foo ?o }")
    problem = syntax_problem(str(raised.value))
    assert problem.status == 400 and "not declared" in problem.detail
    assert "PREFIX sg: <https://w3id.org/sgkg/ontology#>" in problem.detail and "\\u{" not in problem.detail
