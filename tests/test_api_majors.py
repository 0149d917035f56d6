"""/api/majors over the fixture graph: every filter."""

from __future__ import annotations

import pytest

from tests.fixture_graph import SCHOOL_A, SCHOOL_B, assert_problem, fixture_client, ids


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("majors")) as c:
        yield c


def majors(client, **params) -> list[str]:
    response = client.get("/api/majors", params=params)
    assert response.status_code == 200, response.text
    return sorted(ids(response.json()))


def test_all_and_detail(client):
    assert len(majors(client)) == 5
    major = client.get(f"/api/majors/{SCHOOL_A}-460104").json()
    assert major["school"]["id"] == f"school/{SCHOOL_A}" and major["catalog_code"] == "460104"
    assert major["catalog_match"] == "exact" and major["secondary_college"]["label_zh"] == "机电工程学院"
    assert [c["id"] for c in major["certifications"]] == ["certification/sydney-accord"]
    assert [g["id"] for g in major["groups"]] == [f"group/{SCHOOL_A}-智能制造专业群"]


def test_filters(client):
    assert majors(client, school=SCHOOL_B) == [f"major/{SCHOOL_B}-460104", f"major/{SCHOOL_B}-500211"]
    assert majors(client, group=f"{SCHOOL_A}-智能制造专业群") == [f"major/{SCHOOL_A}-460104", f"major/{SCHOOL_A}-510201"]
    assert majors(client, certification="cebvec") == [f"major/{SCHOOL_A}-530302"]
    assert majors(client, catalog="460104") == [f"major/{SCHOOL_A}-460104", f"major/{SCHOOL_B}-460104"]
    assert majors(client, catalog="999999") == []
    assert majors(client, college=f"{SCHOOL_B}-汽车工程学院") == [f"major/{SCHOOL_B}-500211"]
    assert majors(client, q="计算机") == [f"major/{SCHOOL_A}-510201"]
    assert majors(client, school=SCHOOL_A, certification="sydney-accord") == [f"major/{SCHOOL_A}-460104",
                                                                              f"major/{SCHOOL_A}-510201"]


@pytest.mark.parametrize(("params", "param"), [({"certification": "moon-accord"}, "certification"),
                                                ({"group": "nope"}, "group"), ({"college": "nope"}, "college"),
                                                ({"catalog": "46010"}, "catalog"), ({"group": "../etc"}, "group")])
def test_unknown_filter_values_are_422(client, params, param):
    assert_problem(client.get("/api/majors", params=params), 422, param)


@pytest.mark.parametrize("school", ["abc", "9999999999"])
def test_unknown_school_is_404(client, school):  # the school filter takes names too (tests/test_rest_friendly.py)
    assert_problem(client.get("/api/majors", params={"school": school}), 404, "school")


def test_unknown_major_is_404(client):
    assert_problem(client.get(f"/api/majors/{SCHOOL_A}-000000"), 404)
