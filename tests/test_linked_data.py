"""/id/...: content negotiation (HTML, Turtle, JSON-LD, N-Triples) and bad input."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, URIRef

from api.linked_data import negotiate
from api.problems import Problem
from kg.namespaces import SG
from tests.fixture_graph import SCHOOL_A, assert_problem, fixture_client

MAJOR = f"/id/major/{SCHOOL_A}-460104"
MAJOR_IRI = URIRef(f"https://w3id.org/sgkg/id/major/{SCHOOL_A}-460104")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("ld")) as c:
        yield c


@pytest.mark.parametrize(("accept", "media"), [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),  # a browser
    ("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"), ("*/*", "text/turtle"), (None, "text/turtle"),
    ("text/turtle;q=0.5, application/ld+json", "application/ld+json"), ("application/json", "application/ld+json"),
    ("text/*", "text/html"), ("image/png, text/turtle;q=0.1", "text/turtle"),
])
def test_negotiate(accept, media):
    assert negotiate(accept) == media


@pytest.mark.parametrize(("accept", "status"), [("image/png", 406), ("text/html;q=0", 406), ("garbage", 400),
                                                 ("text/html;q=abc", 400), ("text/html;q=7", 400), (";;;", 400)])
def test_negotiate_rejects(accept, status):
    with pytest.raises(Problem) as caught:
        negotiate(accept)
    assert caught.value.status == status


def test_turtle_and_ntriples_parse_with_facts_and_evidence(client):
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt")):
        response = client.get(MAJOR, headers={"accept": accept})
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
        assert response.headers["vary"] == "Accept"
        graph = Graph().parse(data=response.text, format=fmt)
        assert (MAJOR_IRI, SG.offeredBy, URIRef(f"https://w3id.org/sgkg/id/school/{SCHOOL_A}")) in graph
        assert any(str(q) == "学校开设机械制造及自动化专业" for q in graph.objects(None, SG.quote))


def test_json_ld(client):
    response = client.get(MAJOR, headers={"accept": "application/ld+json"})
    doc = json.loads(response.text)
    graph = Graph().parse(data=response.text, format="json-ld")
    assert doc and (MAJOR_IRI, SG.accreditedUnder, None) in graph


def test_html_page_shows_facts_links_and_evidence(client):
    page = client.get(MAJOR, headers={"accept": "text/html"}).text
    assert "<h1" in page and "机械制造及自动化" in page
    assert f'href="/id/school/{SCHOOL_A}"' in page  # a related entity
    assert f'href="/id/group/{SCHOOL_A}-智能制造专业群"' in page  # an incoming link
    assert "「机械制造及自动化专业通过悉尼协议认证」" in page and "line 5" in page


def test_format_parameter_overrides_accept(client):
    response = client.get(MAJOR, params={"format": "nt"}, headers={"accept": "text/html"})
    assert response.headers["content-type"].startswith("application/n-triples")


def test_errors(client):
    assert_problem(client.get(MAJOR, headers={"accept": "image/png"}), 406)
    assert_problem(client.get(MAJOR, headers={"accept": "not a media type"}), 400)
    assert_problem(client.get("/id/major/nope", headers={"accept": "text/turtle"}), 404)
    assert_problem(client.get("/id/major/nope", headers={"accept": "text/html"}), 404)
    for bad in ("/id/%2e%2e/%2e%2e/etc/passwd", "/id/school/%00", "/id/school/a%5C..", "/id/nokind/x"):
        response = client.get(bad, headers={"accept": "text/html"})
        assert 400 <= response.status_code < 500, bad


def test_an_attribute_shows_the_quotes_that_state_it() -> None:
    from decimal import Decimal

    from api.lookups import quote_states

    assert quote_states("学院是哈尔滨市政府主办的", "哈尔滨市政府")
    assert quote_states("合计\t74,610\t49,899", Decimal("74610.0"))
    assert quote_states("完成率 93.60%", 93.6)
    assert not quote_states("完成率 93.60%", 74610)
    assert not quote_states("任何句子", "")


def test_a_coded_value_dereferences_to_its_concept(client) -> None:
    """A concept of a scheme (issue 13: codes are concepts) has its own page, like an entity."""
    turtle = client.get("/id/achievement-category/title", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200
    graph = Graph().parse(data=turtle.text, format="turtle")
    concept = URIRef("https://w3id.org/sgkg/id/achievement-category/title")
    assert {str(o) for o in graph.objects(concept, URIRef("http://www.w3.org/2004/02/skos/core#notation"))} == {"title"}
    assert client.get("/id/achievement-category/title", headers={"Accept": "text/html"}).status_code == 200
