"""/api/programmes, /api/funding, /api/metrics: the smaller resources."""

from __future__ import annotations

import pytest

from tests.fixture_graph import SCHOOL_A, SCHOOL_B, assert_problem, fixture_client, ids


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("prog")) as c:
        yield c


def test_programmes(client):
    shuanggao = client.get("/api/programmes/双高计划").json()
    assert {p["id"] for p in shuanggao["participants"]} == {f"school/{SCHOOL_A}", f"school/{SCHOOL_B}"}
    assert ids(client.get("/api/programmes", params={"school": SCHOOL_B}).json()) == ["program/双高计划"]
    luban = client.get("/api/programmes", params={"category": "鲁班工坊"}).json()["items"]
    assert [p["country"] for p in luban] == ["TH"]  # a country is its ISO 3166 code
    assert_problem(client.get("/api/programmes/none"), 404)
    assert_problem(client.get("/api/programmes", params={"school": "x"}), 404, "school")
