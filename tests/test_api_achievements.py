"""/api/achievements: school, level, year range, category."""

from __future__ import annotations

import pytest

from tests.fixture_graph import SCHOOL_A, SCHOOL_B, assert_problem, fixture_client


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("ach")) as c:
        yield c


def years(client, **params) -> list[int]:
    response = client.get("/api/achievements", params=params)
    assert response.status_code == 200, response.text
    return sorted(item["year"] for item in response.json()["items"])


def test_filters(client):
    assert years(client) == [2019, 2020, 2021, 2022]
    assert years(client, school=SCHOOL_A) == [2019, 2020, 2021]
    assert years(client, school=SCHOOL_B) == [2022]
    assert years(client, level="national") == [2019, 2021, 2022]
    assert years(client, year_from=2020, year_to=2021) == [2020, 2021]
    assert years(client, year_from=2021) == [2021, 2022]
    assert years(client, year_to=2019) == [2019]
    assert years(client, category="competition-award") == [2021]
    assert years(client, level="provincial", school=SCHOOL_B) == []


def test_item_fields(client):
    item = client.get("/api/achievements", params={"category": "competition-award"}).json()["items"][0]
    assert item["count"] == 3 and item["level"]["id"] == "level/national"
    assert [h["id"] for h in item["achieved_by"]] == [f"school/{SCHOOL_A}"]
    assert client.get(f"/api/achievements/{item['key']}").json() == item


@pytest.mark.parametrize(("params", "param"), [({"level": "cosmic"}, "level"), ({"year_from": 1066}, "year_from"),
                                                ({"year_from": 2022, "year_to": 2020}, "year_from"),
                                                ({"year_to": "soon"}, "year_to")])
def test_bad_filters(client, params, param):
    assert_problem(client.get("/api/achievements", params=params), 422, param)
    assert_problem(client.get("/api/achievements/none"), 404)
