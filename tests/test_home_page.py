"""The home page ``/`` and ``/api/overview``: what the graph holds, counts that agree with the REST lists, links that work."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.fixture_graph import SCHOOL_A, SCHOOL_B, fixture_client_for, report_key, write_fixture_trig

KINDS = ["groups", "majors", "secondary_colleges", "industry_colleges", "partners", "achievements", "programmes",
         "funding", "figures"]
BUILT = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    trig = write_fixture_trig(tmp_path_factory.mktemp("home") / "kg.trig")
    os.utime(trig, (BUILT.timestamp(), BUILT.timestamp()))
    return trig


@pytest.fixture(scope="module")
def client(graph: Path):
    with fixture_client_for(graph) as c:
        yield c


@pytest.fixture(scope="module")
def overview(client) -> dict:
    response = client.get("/api/overview")
    assert response.status_code == 200
    return response.json()


@pytest.fixture(scope="module")
def home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    return response.text


def _school(overview: dict, code: str) -> dict:
    return next(s for s in overview["schools"] if s["code"] == code)


def test_overview_lists_each_school_with_a_count_of_each_kind(overview: dict) -> None:
    assert [s["code"] for s in overview["schools"]] == [SCHOOL_A, SCHOOL_B]
    a = {c["kind"]: c["count"] for c in _school(overview, SCHOOL_A)["counts"]}
    assert list(a) == KINDS
    assert a == {"groups": 1, "majors": 3, "secondary_colleges": 2, "industry_colleges": 1, "partners": 2,
                 "achievements": 3, "programmes": 2, "funding": 1, "figures": 1}
    b = {c["kind"]: c["count"] for c in _school(overview, SCHOOL_B)["counts"]}
    assert b["majors"] == 2 and b["partners"] == 2 and b["industry_colleges"] == 0 and b["funding"] == 0


def test_every_count_is_the_total_of_the_list_it_links_to(client, overview: dict) -> None:
    checked = 0
    for school in overview["schools"]:
        for count in school["counts"]:
            if count["href"] is None:
                continue
            assert count["href"].endswith(f"?school={school['code']}")
            assert client.get(count["href"]).json()["total"] == count["count"], count
            checked += 1
    assert checked == 2 * (len(KINDS) - 1)


def test_reports_carry_kind_period_file_and_coverage(overview: dict) -> None:
    reports = {r["key"]: r for r in overview["reports"]}
    assert set(reports) == {report_key(SCHOOL_A), report_key(SCHOOL_B)}
    a = reports[report_key(SCHOOL_A)]
    assert (a["kind"], a["kind_zh"], a["kind_en"]) == ("midterm-self-evaluation", "中期绩效自评报告",
                                                       "mid-term self-evaluation")
    assert (a["period"], a["year"], a["file_name"], a["school_code"]) == ("2019-2021", "2022", f"{SCHOOL_A}.txt",
                                                                         SCHOOL_A)
    assert a["coverage"] == f"/reports/{report_key(SCHOOL_A)}/coverage"


def test_totals_and_build_time(overview: dict, graph: Path) -> None:
    totals = {t["kind"]: t["count"] for t in overview["totals"]}
    assert totals["School"] == 2 and totals["Report"] == 2 and totals["Major"] == 5
    assert overview["quads"] > 300
    assert overview["built_at"] == BUILT.isoformat()
    assert overview["graph_file"] == str(graph)


def test_home_page_shows_schools_counts_reports_and_build_time(home: str) -> None:
    assert "甲职业技术学院" in home and "乙职业技术学院" in home
    assert "学校 <span class=\"en\">Schools</span>" in home and "报告 <span class=\"en\">Reports</span>" in home
    assert BUILT.isoformat() in home
    assert f'<a href="/api/majors?school={SCHOOL_A}">3</a>' in home
    assert f"{SCHOOL_A}.txt" in home and "中期绩效自评报告" in home and "2019-2021" in home


@pytest.mark.parametrize("href", ["/sparql", "/queries", "/audit", "/docs", f"/schools/{SCHOOL_A}",
                                  f"/schools/{SCHOOL_B}", f"/compare?schools={SCHOOL_A},{SCHOOL_B}",
                                  f"/reports/{report_key(SCHOOL_A)}/coverage", f"/id/school/{SCHOOL_A}",
                                  "/api/export?format=graphml", "/api/export?format=gexf",
                                  "/api/export?format=cytoscape", "/api/export?format=dot", "/api/export?format=csv",
                                  "/api/export?format=html"])
def test_home_page_links_everywhere(home: str, href: str) -> None:
    assert f'href="{href}"' in home


def test_every_link_on_the_home_page_answers(client, home: str) -> None:
    links = sorted(set(re.findall(r'href="(/[^"]*)"', home)))
    for href in links:
        response = client.get(href.replace("&amp;", "&"), headers={"Accept": "text/html"})
        if href in {"/audit"} or href.startswith(("/schools/", "/compare", "/reports/")):
            # pages of other parts of the issue; the fixture's report files are not in data/reports
            assert response.status_code < 500, (href, response.status_code)
        else:
            assert response.status_code == 200, (href, response.status_code, response.text[:200])


@pytest.mark.parametrize("page", [f"/id/school/{SCHOOL_A}", f"/id/major/{SCHOOL_A}-460104",
                                  f"/id/report/{report_key(SCHOOL_B)}"])
def test_every_entity_page_links_home_and_home_works(client, page: str) -> None:
    html = client.get(page, headers={"Accept": "text/html"}).text
    nav = re.search(r"<nav>(.*?)</nav>", html, flags=re.S)
    assert nav and 'href="/"' in nav.group(1)
    assert client.get("/", headers={"Accept": "text/html"}).status_code == 200


@pytest.mark.parametrize("page", ["/", "/sparql", "/queries", f"/id/school/{SCHOOL_A}"])
def test_pages_name_an_icon_that_answers_and_the_query_page_links_home(client, page: str) -> None:
    html = client.get(page, headers={"Accept": "text/html"}).text
    assert '<link rel="icon" href="/favicon.ico"' in html
    if page == "/sparql":
        nav = re.search(r"<nav>(.*?)</nav>", html, flags=re.S)
        assert nav and 'href="/"' in nav.group(1) and 'href="/queries"' in nav.group(1)
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.text.startswith("<svg")


def test_an_empty_store_still_has_a_home_page(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    with TestClient(create_app(Settings(graph=None, workers=1))) as c:
        response = c.get("/")
        assert response.status_code == 200 and "no school in the graph yet" in response.text
        assert c.get("/api/overview").json()["built_at"] is None


def test_home_page_is_in_the_openapi_description(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" in paths and "/api/overview" in paths
