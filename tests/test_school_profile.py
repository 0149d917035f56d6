"""School profile: /api/schools/{code}/profile (JSON), /schools/{code} (HTML), /api/neighbourhood (graph)."""

from __future__ import annotations

from urllib.parse import quote, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser_pages import painted_pixels, watched_page
from tests.corpus_graph import LIUZHOU, screenshot_path
from tests.fixture_graph import (
    SCHOOL_A,
    SCHOOL_B,
    LiveServer,
    assert_problem,
    fixture_client,
    fixture_client_for,
)

LIUGONG = "enterprise/广西柳工机械股份有限公司"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("profile")) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(corpus_trig):
    with fixture_client_for(corpus_trig) as c:
        yield c


@pytest.fixture(scope="module")
def profile_a(client) -> dict:
    response = client.get(f"/api/schools/{SCHOOL_A}/profile")
    assert response.status_code == 200, response.text
    return response.json()


# ---------------------------------------------------------------- the fixture graph: exact content

def test_profile_names_the_school_and_its_facts_with_evidence(profile_a):
    assert profile_a["school"]["label_zh"] == "甲职业技术学院" and profile_a["code"] == SCHOOL_A
    assert (profile_a["province"], profile_a["city"]) == ("黑龙江省", "哈尔滨市")
    assert any("甲职业技术学院" in e["quote"] for e in profile_a["evidence"])
    facts = {f["predicate"].rsplit("#", 1)[-1]: f for f in profile_a["facts"]}
    assert facts["schoolCode"]["value"] == SCHOOL_A


def test_groups_with_members_and_lead_majors(profile_a):
    [group] = profile_a["groups"]
    assert group["group"]["label_zh"] == "智能制造专业群" and group["level"] == "国家级"
    assert [m["label_zh"] for m in group["lead_majors"]] == ["机械制造及自动化"]
    assert sorted(m["label_zh"] for m in group["members"]) == ["机械制造及自动化", "计算机应用技术"]


def test_industry_colleges_with_co_builders(profile_a):
    [college] = profile_a["industry_colleges"]
    assert college["college"]["label_zh"] == "柳工产业学院" and college["level"] == "省级"
    assert [p["id"] for p in college["co_builders"]] == [LIUGONG]


def test_partners_by_kind_and_relation(profile_a):
    partners = {p["partner"]["label_zh"]: p for p in profile_a["partners"]["items"]}
    assert partners["广西柳工机械股份有限公司"]["relation_kinds"] == ["共建"]
    assert partners["华为技术有限公司"]["relation_kinds"] == ["订单班"]
    assert profile_a["partners"]["by_kind"] == {"enterprise": 2}
    assert profile_a["partners"]["by_relation"] == {"共建": 1, "订单班": 1}


def test_achievements_by_level_and_year(profile_a):
    items = profile_a["achievements"]["items"]
    assert len(items) == 3 and items[0]["year"] == 2021  # newest first
    rows = {(r["level_key"], r["year"]): (r["achievements"], r["items"]) for r in profile_a["achievements"]["by_level_year"]}
    assert rows == {("national", 2019): (1, 1), ("national", 2021): (1, 3), ("provincial", 2020): (1, 2)}


def test_funding_and_key_figures(profile_a):
    [record] = profile_a["funding"]
    assert (record["source"], record["budget"], record["received"], record["spent"], record["unit"]) == (
        "中央财政", 1000.0, 900.0, 800.0, "万元")
    [figure] = profile_a["key_figures"]
    assert (figure["key"], figure["value"], figure["unit"], figure["period"]) == ("task-completion-rate", 100.0, "%",
                                                                                  "2019-2021")
    assert figure["evidence"][0]["quote"] == "任务完成率100%"
    assert figure["metric"]["href"] == f"/id/metric/{SCHOOL_A}-task-completion-rate"


def test_neighbourhood_folds_partnerships_into_labelled_edges(profile_a):
    graph = profile_a["neighbourhood"]
    ids = {n["id"] for n in graph["nodes"]}
    assert {f"school/{SCHOOL_A}", f"group/{SCHOOL_A}-智能制造专业群", LIUGONG} <= ids
    assert not any(n["type"] == "Partnership" for n in graph["nodes"])
    partner = next(e for e in graph["edges"] if (e["source"], e["target"]) == (f"school/{SCHOOL_A}", LIUGONG))
    assert (partner["label"], partner["relation_kinds"]) == ("共建", "共建")


def test_neighbourhood_endpoint_expands_one_hop(client):
    response = client.get(f"/api/neighbourhood/{quote(LIUGONG)}")
    assert response.status_code == 200, response.text
    edges = {(e["source"], e["label"]) for e in response.json()["edges"] if e["target"] == LIUGONG}
    assert {(f"school/{SCHOOL_A}", "共建"), (f"school/{SCHOOL_B}", "订单班")} <= edges
    major = client.get(f"/api/neighbourhood/major/{SCHOOL_A}-460104").json()
    assert "certification/sydney-accord" in {n["id"] for n in major["nodes"]}


@pytest.mark.parametrize("path", ["/api/schools/9999999999/profile", "/schools/9999999999", "/api/schools/abc/profile",
                                  "/api/neighbourhood/school/9999999999"])
def test_unknown_school_is_a_404_problem(client, path):
    assert_problem(client.get(path), 404)


def test_profile_page_is_html_with_sections_and_local_scripts(client):
    response = client.get(f"/schools/{SCHOOL_A}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    for marker in ('id="chart-achievements"', 'id="chart-funding"', 'id="chart-figures"', 'id="graph"',
                   "智能制造专业群", "柳工产业学院", "<details class=\"evidence\">", "任务完成率100%"):
        assert marker in page, marker
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://cdn" not in page
    assert "/static/vendor/echarts.common.min.js" in page and "/static/vendor/cytoscape.min.js" in page


# ---------------------------------------------------------------- a real corpus school

def test_corpus_school_profile_has_groups_colleges_and_achievements(corpus):
    response = corpus.get(f"/api/schools/{LIUZHOU}/profile")
    assert response.status_code == 200, response.text
    profile = response.json()
    assert profile["school"]["label_zh"] == "柳州职业技术学院"
    assert any(g["group"]["label_zh"] == "机电设备维修与管理专业群" and g["members"] for g in profile["groups"])
    assert any(c["co_builders"] for c in profile["industry_colleges"]), profile["industry_colleges"]
    assert len(profile["achievements"]["items"]) >= 10
    assert sum(r["achievements"] for r in profile["achievements"]["by_level_year"]) == len(profile["achievements"]["items"])
    assert profile["partners"]["items"] and profile["partners"]["by_relation"]
    assert profile["key_figures"] and all(f["evidence"] for f in profile["key_figures"])
    assert len(profile["neighbourhood"]["nodes"]) > 5


# ---------------------------------------------------------------- Chromium on a real server

@pytest.mark.browser
def test_profile_page_renders_offline_and_the_graph_expands(browser, corpus_trig):
    with LiveServer(corpus_trig) as server, watched_page(browser) as watched:
        page = watched.page
        page.goto(f"{server.url}/schools/{LIUZHOU}")
        page.wait_for_function("document.body.dataset.rendered === '1'", timeout=15_000)
        assert page.locator("#label").inner_text().startswith("柳州职业技术学院")
        for chart in ("#chart-achievements", "#chart-funding", "#chart-figures"):
            page.wait_for_selector(f"{chart}[data-rendered='1']", timeout=10_000)
            assert painted_pixels(page, chart) > 500, f"{chart} is blank"
        assert page.locator("#graph canvas").count() >= 1
        candidate = page.evaluate("""async () => {
            const view = window.sgkgProfile.view;
            for (const n of view.shown().filter(n => n.data('type') !== 'School')) {
                const [kind, ...key] = n.id().split('/');
                const r = await fetch(`/api/neighbourhood/${kind}/${key.map(encodeURIComponent).join('/')}`);
                const found = await r.json();
                // something the view will show: a node it lacks, of a kind it does not hide
                if (found.nodes.some(m => !view.cy.getElementById(m.id).length && !view.hiddenKinds.has(m.type))) return n.id();
            }
            return null; }""")
        assert candidate, "no node of the neighbourhood has anything more to show"
        before = page.evaluate("window.sgkgProfile.view.shown().length")
        for attempt in range(3):  # a real click: the layout may still move the node between reading and clicking
            # zoom in on it, so that the click lands on it rather than on a neighbour drawn over it
            page.evaluate(f"() => {{ const v = window.sgkgProfile.view; const n = v.cy.getElementById({candidate!r}); "
                          f"v.cy.zoom(3); v.cy.center(n); }}")
            page.locator("#graph").scroll_into_view_if_needed()
            x, y = page.evaluate(f"window.sgkgProfile.view.position({candidate!r})")
            box = page.locator("#graph").bounding_box()
            page.mouse.click(box["x"] + x, box["y"] + y)
            try:
                page.wait_for_function(f"window.sgkgProfile.view.shown().length > {before}", timeout=5_000)
                break
            except PlaywrightTimeoutError:
                if attempt == 2:
                    raise
        after = page.evaluate("window.sgkgProfile.view.shown().length")
        shot = screenshot_path(f"profile-{LIUZHOU}.png")
        page.screenshot(path=str(shot), full_page=True)
        print(f"\nscreenshot: {shot} (graph nodes {before} -> {after} after one click)")
    hosts = {urlparse(u).hostname for u in watched.requests if not u.startswith("data:")}
    assert hosts == {"127.0.0.1"}, hosts
    assert not watched.errors, watched.errors
