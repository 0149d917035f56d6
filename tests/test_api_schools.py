"""/api/schools over the fixture graph."""

from __future__ import annotations

import pytest

from tests.fixture_graph import SCHOOL_A, SCHOOL_B, assert_problem, fixture_client, ids


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("schools")) as c:
        yield c


def test_list_is_paginated_and_ordered(client):
    page = client.get("/api/schools").json()
    assert page["total"] == 2 and page["limit"] == 50 and page["offset"] == 0
    assert sorted(ids(page)) == [f"school/{SCHOOL_A}", f"school/{SCHOOL_B}"]
    second = client.get("/api/schools", params={"limit": 1, "offset": 1}).json()
    assert second["total"] == 2 and len(second["items"]) == 1 and second["items"][0]["id"] == ids(page)[1]
    assert client.get("/api/schools", params={"offset": 5}).json()["items"] == []


def test_detail_has_labels_and_related_entities(client):
    school = client.get(f"/api/schools/{SCHOOL_A}").json()
    assert school["label_zh"] == "甲职业技术学院" and school["label_en"] == "Jia Polytechnic"
    assert school["school_code"] == SCHOOL_A and school["province"] == "黑龙江省"
    assert school["href"] == f"/id/school/{SCHOOL_A}"
    assert [g["label_zh"] for g in school["groups"]] == ["智能制造专业群"]
    assert {p["label_zh"] for p in school["programmes"]} == {"双高计划", "泰国鲁班工坊"}
    assert [r["id"] for r in school["reports"]] == [f"report/{SCHOOL_A}-midterm-self-evaluation-2022"]


def test_filters(client):
    assert ids(client.get("/api/schools", params={"q": "Yi Poly"}).json()) == [f"school/{SCHOOL_B}"]
    assert client.get("/api/schools", params={"province": "黑龙江省"}).json()["total"] == 2
    assert client.get("/api/schools", params={"province": "广西壮族自治区"}).json()["total"] == 0


def test_unknown_and_malformed_codes(client):
    assert_problem(client.get("/api/schools/9999999999"), 404)
    assert_problem(client.get("/api/schools/12345"), 422, "code")


@pytest.mark.parametrize(("params", "param"), [({"limit": -1}, "limit"), ({"limit": 0}, "limit"),
                                                ({"limit": 10**12}, "limit"), ({"offset": -3}, "offset"),
                                                ({"limit": "many"}, "limit"), ({"q": ""}, "q")])
def test_bad_paging_is_422_naming_the_parameter(client, params, param):
    assert_problem(client.get("/api/schools", params=params), 422, param)


def test_answers_follow_store_changes(tmp_path):
    """Cached lookups are dropped when the store changes (its generation moves)."""
    from tests.fixture_graph import report_key

    with fixture_client(tmp_path) as client:
        assert client.get("/api/schools").json()["total"] == 2
        client.app.state.store.drop_graph(f"https://w3id.org/sgkg/graph/{report_key(SCHOOL_B)}")
        assert ids(client.get("/api/schools").json()) == [f"school/{SCHOOL_A}"]
        assert_problem(client.get(f"/api/schools/{SCHOOL_B}"), 404)
