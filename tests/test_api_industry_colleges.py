"""/api/industry-colleges with co-builders."""

from __future__ import annotations

import pytest

from tests.fixture_graph import SCHOOL_A, SCHOOL_B, assert_problem, fixture_client, ids


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("ic")) as c:
        yield c


def test_industry_college_with_school_and_co_builders(client):
    page = client.get("/api/industry-colleges").json()
    assert ids(page) == [f"industry-college/{SCHOOL_A}-柳工产业学院"]
    college = page["items"][0]
    assert college["school"]["id"] == f"school/{SCHOOL_A}"
    assert [b["id"] for b in college["co_builders"]] == ["enterprise/广西柳工机械股份有限公司"]
    assert college["level"]["label_zh"] == "省级"
    assert client.get(f"/api/industry-colleges/{SCHOOL_A}-柳工产业学院").json() == college


def test_filters_and_errors(client):
    assert client.get("/api/industry-colleges", params={"school": SCHOOL_B}).json()["total"] == 0
    assert client.get("/api/industry-colleges", params={"q": "柳工"}).json()["total"] == 1
    assert_problem(client.get("/api/industry-colleges", params={"school": "0000000000"}), 404, "school")
    assert_problem(client.get("/api/industry-colleges/none"), 404)
