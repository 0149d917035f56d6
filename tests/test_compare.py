"""Compare: /api/compare (JSON) and /compare (HTML) — the same indicators side by side, each figure with its evidence."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from tests.browser_pages import painted_pixels, watched_page
from tests.corpus_graph import HARBIN, LIUZHOU, screenshot_path
from tests.fixture_graph import (
    SCHOOL_A,
    SCHOOL_B,
    LiveServer,
    assert_problem,
    fixture_client,
    fixture_client_for,
)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("compare")) as c:
        yield c


def test_rows_are_indicators_cells_are_schools(client):
    response = client.get(f"/api/compare?schools={SCHOOL_A},{SCHOOL_B}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert [s["key"] for s in body["schools"]] == [SCHOOL_A, SCHOOL_B]
    [row] = body["rows"]
    assert (row["key"], row["name"], row["unit"]) == ("task-completion-rate", "任务完成率", "%")
    a, b = row["cells"]
    assert a["school_code"] == SCHOOL_A and [f["value"] for f in a["figures"]] == [100.0]
    assert a["figures"][0]["evidence"][0]["quote"] == "任务完成率100%"
    assert b == {"school_code": SCHOOL_B, "figures": []}


def test_default_is_every_school(client):
    assert [s["key"] for s in client.get("/api/compare").json()["schools"]] == [SCHOOL_A, SCHOOL_B]


def test_unknown_school_is_a_404_and_too_many_a_422(client):
    body = assert_problem(client.get(f"/api/compare?schools={SCHOOL_A},9999999999"), 404)
    assert "9999999999" in body["detail"]
    assert_problem(client.get("/api/compare?schools=" + ",".join(f"{i:010d}" for i in range(13))), 422, "schools")


def test_page_links_each_cell_to_its_evidence(client):
    page = client.get(f"/compare?schools={SCHOOL_A},{SCHOOL_B}").text
    assert f'href="/id/metric/{SCHOOL_A}-task-completion-rate"' in page
    assert re.search(r'<a class="ev" href="/id/evidence/[^"]+"', page)
    assert 'id="chart-compare"' in page and "/static/vendor/echarts.common.min.js" in page
    assert f'<a href="/schools/{SCHOOL_A}">甲职业技术学院</a>' in page


def test_corpus_schools_side_by_side(corpus_trig):
    with fixture_client_for(corpus_trig) as corpus:
        body = corpus.get(f"/api/compare?schools={LIUZHOU},{HARBIN}").json()
    assert [s["label_zh"] for s in body["schools"]] == ["柳州职业技术学院", "哈尔滨职业技术学院"]
    shared = [r for r in body["rows"] if all(c["figures"] for c in r["cells"])]
    assert shared, "no indicator stated by both schools"
    figures = [f for r in body["rows"] for c in r["cells"] for f in c["figures"]]
    assert all(f["evidence"] and f["metric"]["href"].startswith("/id/metric/") for f in figures)


@pytest.mark.browser
def test_compare_page_renders_offline(browser, corpus_trig):
    with LiveServer(corpus_trig) as server, watched_page(browser) as watched:
        page = watched.page
        page.goto(f"{server.url}/compare?schools={LIUZHOU},{HARBIN}")
        page.wait_for_function("document.body.dataset.rendered === '1'", timeout=15_000)
        page.wait_for_selector("#chart-compare[data-rendered='1']", timeout=10_000)
        assert painted_pixels(page, "#chart-compare") > 500, "the comparison chart is blank"
        assert page.locator("#compare tr").count() > 2
        assert page.locator("#compare a[href^='/id/metric/']").count() > 2
        shot = screenshot_path("compare.png")
        page.screenshot(path=str(shot), full_page=True)
        print(f"\nscreenshot: {shot}")
    assert {urlparse(u).hostname for u in watched.requests} == {"127.0.0.1"}
    assert not watched.errors, watched.errors


def test_schools_may_be_named_as_every_school_filter_names_them(client):
    """A user tried /compare?schools=柳州,哈职 and got 404: names and short names count as codes do."""
    by_name = client.get("/api/compare", params={"schools": "甲职业技术学院"})
    assert [s["key"] for s in by_name.json()["schools"]] == [SCHOOL_A]
    body = assert_problem(client.get("/api/compare", params={"schools": f"{SCHOOL_A},不存在的学校"}), 404)
    assert "不存在的学校" in body["detail"] and body["invalid_params"][0]["name"] == "schools"
