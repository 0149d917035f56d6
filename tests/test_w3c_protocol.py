"""The W3C SPARQL 1.1 Protocol test suite (tests/w3c/sparql11-protocol/manifest.ttl) against /sparql.

Each test's graph data is loaded into named graphs (named by the rdfs:label the manifest gives),
then its HTTP requests are replayed in order with ``/sparql/`` mapped onto our endpoint, and the
expected status class, result format and boolean are checked. Updates are enabled (with a token)
for this app, so the update tests run too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from api.app import create_app
from api.settings import Settings

SUITE = Path(__file__).parent / "w3c" / "sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
TOKEN = "w3c-test-token"


@dataclass
class HttpRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]  # first digits of acceptable status codes
    expected_format: str | None
    expected_boolean: bool | None


@dataclass
class ProtocolTest:
    name: str
    label: str
    graph_data: dict[str, Path]
    requests: list[HttpRequest]


def _request(g: Graph, node: URIRef) -> HttpRequest:
    headers: dict[str, str] = {}
    header_list = g.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(g, header_list):
            headers[str(g.value(header, HT.fieldName))] = str(g.value(header, HT.fieldValue))
    body_node = g.value(node, HT.body)
    body = None
    if body_node is not None:
        encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(g.value(body_node, CNT.chars)).encode(encoding)
    response = g.value(node, HT.resp)
    statuses = {int(str(s).rsplit("StatusCode", 1)[1][0]) for s in g.objects(response, MF.expectedStatus)}
    fmt = g.value(response, MF.expectedFormat)
    boolean = g.value(response, MF.expectedBoolean)
    return HttpRequest(str(g.value(node, HT.methodName)), str(g.value(node, HT.absolutePath)), headers, body,
                       statuses, str(fmt) if fmt is not None else None,
                       boolean.toPython() if boolean is not None else None)


def load_manifest() -> list[ProtocolTest]:
    g = Graph()
    g.parse(SUITE / "manifest.ttl", format="turtle", publicID=(SUITE / "manifest.ttl").as_uri())
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(g, g.value(manifest, MF.entries)):
        data = {str(g.value(d, RDFS.label)): Path(str(g.value(d, UT.graph)).removeprefix("file://"))
                for d in g.objects(entry, UT.graphData)}
        action = g.value(entry, MF.action)
        requests = [_request(g, r) for r in Collection(g, g.value(action, HT.requests))]
        tests.append(ProtocolTest(str(entry).rsplit("#", 1)[1], str(g.value(entry, MF.name)), data, requests))
    return tests


TESTS = load_manifest()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(graph=None, allow_update=True, token=TOKEN, workers=2, timeout=10)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _reset(client: TestClient, graph_data: dict[str, Path]) -> None:
    inserts = "".join(f"GRAPH <{name}> {{ {path.read_text()} }}\n" for name, path in graph_data.items())
    update = "DROP ALL" + (f" ;\nINSERT DATA {{ {inserts} }}" if inserts else "")
    response = client.post("/sparql", content=update.encode(), headers={
        "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 204, response.text


def _check_format(expected: str, response, boolean: bool | None) -> None:
    ctype = response.headers.get("content-type", "")
    if expected in {"boolean", "tabular"}:
        assert ctype.startswith("application/sparql-results+json"), ctype
        doc = json.loads(response.content)
        if expected == "boolean":
            assert isinstance(doc["boolean"], bool)
            if boolean is not None:
                assert doc["boolean"] is boolean
        else:
            assert "vars" in doc["head"] and "bindings" in doc["results"]
    elif expected == "RDF":
        Graph().parse(data=response.content, format={"text/turtle": "turtle"}[ctype.split(";")[0]])


def test_manifest_lists_all_tests() -> None:
    assert len(TESTS) == 34
    assert sum(1 for t in TESTS if t.name.startswith("bad_")) == 14


@pytest.mark.parametrize("case", TESTS, ids=[t.name for t in TESTS])
def test_protocol(client: TestClient, case: ProtocolTest) -> None:
    _reset(client, {name: SUITE / path.name for name, path in case.graph_data.items()})
    for step, req in enumerate(case.requests):
        headers = dict(req.headers) | {"Authorization": f"Bearer {TOKEN}"}
        response = client.request(req.method, req.path.replace("/sparql/", "/sparql", 1), headers=headers,
                                  content=req.body)
        assert response.status_code // 100 in req.statuses, (
            f"{case.name} step {step}: {response.status_code} {response.text[:300]}")
        if req.expected_format:
            _check_format(req.expected_format, response, req.expected_boolean)
        elif req.expected_boolean is not None:
            assert json.loads(response.content)["boolean"] is req.expected_boolean
