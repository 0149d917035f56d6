"""/api/entities/{id}: every fact with evidence; and /api/export."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from tests.fixture_graph import SCHOOL_A, SCHOOL_B, assert_problem, fixture_client, report_texts


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("entities")) as c:
        yield c


def test_every_fact_with_evidence_that_quotes_the_report(client):
    entity = client.get(f"/api/entities/major/{SCHOOL_A}-460104").json()
    assert entity["type"] == "Major" and entity["label_zh"] == "机械制造及自动化"
    facts = {(f["predicate"], f["direction"]): f for f in entity["facts"]}
    offered = facts[("sg:offeredBy", "out")]
    assert offered["ref"]["id"] == f"school/{SCHOOL_A}" and offered["label_zh"]
    assert [e["quote"] for e in offered["evidence"]] == ["学校开设机械制造及自动化专业"]
    assert facts[("sg:hasMember", "in")]["ref"]["id"] == f"group/{SCHOOL_A}-智能制造专业群"
    assert facts[("sg:catalogMatch", "out")]["value"] == "exact"
    texts = report_texts()
    for fact in entity["facts"]:
        for ev in fact["evidence"]:
            assert texts[ev["report"]][ev["start"]:ev["end"]] == ev["quote"]  # quotes are exact substrings


def test_shared_entity_has_evidence_from_both_reports(client):
    entity = client.get("/api/entities/enterprise/广西柳工机械股份有限公司").json()
    reports = {ev["report"][:10] for ev in entity["evidence"]}
    assert reports == {SCHOOL_A, SCHOOL_B}


@pytest.mark.parametrize("bad", ["../etc/passwd", "%2e%2e/%2e%2e/etc", "school/..", "school/a%00b", "nokind/x",
                                 "school/a%2Fb", "school/%3Cscript%3E"])
def test_bad_ids_are_4xx(client, bad):
    response = client.get(f"/api/entities/{bad}")
    assert 400 <= response.status_code < 500 and response.headers["content-type"].startswith("application/problem")


def test_unknown_id_is_404(client):
    assert_problem(client.get("/api/entities/school/9999999999"), 404)


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_reads_back(client, fmt, reader):
    response = client.get("/api/export", params={"format": fmt, "school": SCHOOL_B, "depth": 1})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    graph = reader(io.BytesIO(response.content))
    assert f"school/{SCHOOL_B}" in graph and f"school/{SCHOOL_A}" not in graph


def test_export_cytoscape_and_errors(client):
    doc = json.loads(client.get("/api/export", params={"format": "cytoscape"}).content)
    assert len(doc["elements"]["nodes"]) == 29  # 33 entities less the 4 sg:Partnership records folded into edges
    assert client.get("/api/export", params={"format": "html"}).headers["content-type"].startswith("text/html")
    assert_problem(client.get("/api/export", params={"format": "png"}), 422, "format")
    assert_problem(client.get("/api/export", params={"types": "Banana"}), 422, "types")
    assert_problem(client.get("/api/export", params={"depth": 1}), 422, "depth")
    assert_problem(client.get("/api/export", params={"school": "9999999999"}), 404, "school")  # unknown school


def test_the_html_graph_view_opens_in_the_browser_and_files_download(client):
    page = client.get("/api/export", params={"format": "html", "school": SCHOOL_B})
    assert page.status_code == 200 and page.headers["content-disposition"].startswith("inline")
    assert client.get("/api/export", params={"format": "gexf"}).headers["content-disposition"].startswith("attachment")
