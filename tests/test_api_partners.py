"""/api/partners: school, kind and shared-by filters."""

from __future__ import annotations

import pytest

from tests.fixture_graph import SCHOOL_A, SCHOOL_B, assert_problem, fixture_client, ids

LIUGONG = "enterprise/广西柳工机械股份有限公司"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("partners")) as c:
        yield c


def partners(client, **params) -> list[str]:
    response = client.get("/api/partners", params=params)
    assert response.status_code == 200, response.text
    return sorted(ids(response.json()))


def test_filters(client):
    assert partners(client) == sorted([LIUGONG, "enterprise/华为技术有限公司", "organization/哈尔滨工业大学"])
    assert partners(client, school=SCHOOL_A) == sorted([LIUGONG, "enterprise/华为技术有限公司"])
    assert partners(client, kind="university") == ["organization/哈尔滨工业大学"]
    assert partners(client, shared_by=2) == [LIUGONG]
    assert partners(client, shared_by=3) == []
    assert partners(client, kind="enterprise", school=SCHOOL_B) == [LIUGONG]


def test_detail_with_relations_and_schools(client):
    partner = client.get("/api/partners/广西柳工机械股份有限公司").json()
    assert partner["org_kind"] == "enterprise" and partner["relation_kinds"] == ["共建", "订单班"]
    assert {p["id"] for p in partner["partner_of"]} == {f"school/{SCHOOL_A}", f"school/{SCHOOL_B}",
                                                         f"industry-college/{SCHOOL_A}-柳工产业学院"}
    assert client.get("/api/partners/哈尔滨工业大学").json()["type"] == "PartnerOrganization"


@pytest.mark.parametrize(("params", "param"), [({"kind": "pirate"}, "kind"), ({"shared_by": 0}, "shared_by"),
                                                ({"shared_by": "x"}, "shared_by")])
def test_bad_filters(client, params, param):
    assert_problem(client.get("/api/partners", params=params), 422, param)


def test_unknown_school_is_404(client):
    assert_problem(client.get("/api/partners", params={"school": "1"}), 404, "school")


def test_unknown_partner(client):
    assert_problem(client.get("/api/partners/无此公司"), 404)
