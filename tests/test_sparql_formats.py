"""/sparql answers in every standard format, chosen by Accept or ?format=, Chinese intact."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal

from api.formats import choose_format, parse_accept
from tests.sparql_app import PREFIXES, fixture_client

CATALOGUE = 'FILTER(STRSTARTS(STR(?c), "https://w3id.org/sgkg/id/catalog/"))'  # not the concepts of coded values
SELECT = PREFIXES + f"""SELECT ?code ?label ?n WHERE {{
  ?c skos:notation ?code ; skos:prefLabel ?label . BIND(STRLEN(?label) AS ?n) {CATALOGUE}
}} ORDER BY ?code"""
CONSTRUCT = PREFIXES + f"CONSTRUCT {{ ?c skos:prefLabel ?l }} WHERE {{ ?c skos:notation ?code ; skos:prefLabel ?l {CATALOGUE} }}"
FIRST = ("460104", "机械制造及自动化")
SRX = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with fixture_client(tmp_path_factory.mktemp("formats")) as c:
        yield c


def get(client: TestClient, query: str, accept: str | None = None, fmt: str | None = None):
    params = {"query": query} | ({"format": fmt} if fmt else {})
    response = client.get("/sparql", params=params, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200, response.text
    return response


def test_json_by_default_with_typed_literals(client: TestClient) -> None:
    doc = get(client, SELECT).json()
    assert doc["head"]["vars"] == ["code", "label", "n"] and doc["truncated"] is False
    first = doc["results"]["bindings"][0]
    assert first["label"] == {"type": "literal", "value": FIRST[1], "xml:lang": "zh"}
    assert first["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer" and first["n"]["value"] == "8"


def test_xml(client: TestClient) -> None:
    response = get(client, SELECT, accept="application/sparql-results+xml")
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(response.content)
    result = root.find(f"{SRX}results/{SRX}result")
    literal = result.find(f"{SRX}binding[@name='label']/{SRX}literal")
    assert literal.text == FIRST[1] and literal.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"


def test_csv_and_tsv(client: TestClient) -> None:
    rows = list(csv.reader(io.StringIO(get(client, SELECT, accept="text/csv").content.decode("utf-8"))))
    assert rows[0] == ["code", "label", "n"] and rows[1] == [*FIRST, "8"]
    tsv = get(client, SELECT, fmt="tsv").content.decode("utf-8").splitlines()
    assert tsv[0] == "?code\t?label\t?n"
    assert tsv[1] == f'"{FIRST[0]}"\t"{FIRST[1]}"@zh\t"8"^^<http://www.w3.org/2001/XMLSchema#integer>'


def test_ask_in_json_and_xml(client: TestClient) -> None:
    assert get(client, "ASK { ?s ?p ?o }").json() == {"head": {}, "boolean": True}
    root = ET.fromstring(get(client, "ASK { <urn:x> ?p ?o }", fmt="xml").content)
    assert root.find(f"{SRX}boolean").text == "false"


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml")])
def test_construct_formats_carry_the_same_graph(client: TestClient, accept: str, rdflib_format: str) -> None:
    response = get(client, CONSTRUCT, accept=accept)
    assert response.headers["content-type"].startswith(accept)
    g = Graph().parse(data=response.content, format=rdflib_format)
    assert len(g) == 4 and Literal(FIRST[1], lang="zh") in set(g.objects())


def test_unsuitable_format_is_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT, "format": "csv"})
    assert response.status_code == 406 and "CONSTRUCT" in response.json()["detail"]


def test_accept_negotiation_honours_quality() -> None:
    assert parse_accept("text/csv;q=0.5, application/sparql-results+xml") == [
        ("application/sparql-results+xml", 1.0), ("text/csv", 0.5)]
    assert choose_format("select", "text/csv;q=0.5, application/sparql-results+xml", None).key == "xml"
    assert choose_format("select", "text/html", None).key == "json"
    assert choose_format("graph", "*/*", None).key == "turtle"
    assert choose_format("graph", "application/json", None).key == "jsonld"
