"""/api/groups over the fixture graph."""

from __future__ import annotations

import pytest

from tests.fixture_graph import SCHOOL_A, SCHOOL_B, assert_problem, fixture_client, ids


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("groups")) as c:
        yield c


def test_group_with_school_level_lead_and_members(client):
    group = client.get(f"/api/groups/{SCHOOL_A}-智能制造专业群").json()
    assert group["school"]["id"] == f"school/{SCHOOL_A}"
    assert group["level"]["id"] == "level/national" and group["category"] == "国家级高水平专业群"
    assert [m["id"] for m in group["lead_majors"]] == [f"major/{SCHOOL_A}-460104"]
    assert sorted(m["id"] for m in group["members"]) == [f"major/{SCHOOL_A}-460104", f"major/{SCHOOL_A}-510201"]
    assert group["alt_labels"] == ["智能制造高水平专业群"]
    assert group["label_en"] == "Intelligent Manufacturing Group"


def test_filters(client):
    assert client.get("/api/groups").json()["total"] == 2
    assert ids(client.get("/api/groups", params={"school": SCHOOL_B}).json()) == [f"group/{SCHOOL_B}-汽车专业群"]
    assert ids(client.get("/api/groups", params={"level": "national"}).json()) == [f"group/{SCHOOL_A}-智能制造专业群"]
    assert client.get("/api/groups", params={"q": "高水平"}).json()["total"] == 1  # found by its alias


def test_bad_input(client):
    assert_problem(client.get("/api/groups", params={"level": "galactic"}), 422, "level")
    assert_problem(client.get("/api/groups", params={"school": "9999999999"}), 404, "school")
    assert_problem(client.get("/api/groups/nope"), 404)
    assert_problem(client.get("/api/groups/a%2F..%2Fb"), 404)  # decoded to a path no route has
    assert_problem(client.get("/api/groups/..%5Cx"), 422, "key")
