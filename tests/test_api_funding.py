"""/api/funding."""

from __future__ import annotations

import pytest

from tests.fixture_graph import SCHOOL_A, SCHOOL_B, assert_problem, fixture_client


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("funding")) as c:
        yield c


def test_funding_rows_with_amounts(client):
    page = client.get("/api/funding", params={"school": SCHOOL_A}).json()
    assert page["total"] == 1
    row = page["items"][0]
    assert (row["source"], row["budget"], row["received"], row["spent"]) == ("中央财政", 1000, 900, 800)
    assert row["execution_rate"] == pytest.approx(88.89) and row["unit"] == "万元" and row["period"] == "2019-2021"
    assert row["scope"]["id"] == f"school/{SCHOOL_A}"
    assert client.get("/api/funding", params={"school": SCHOOL_B}).json()["total"] == 0
    assert client.get("/api/funding", params={"source": "中央财政"}).json()["total"] == 1
    assert client.get(f"/api/funding/{row['key']}").json() == row
    assert_problem(client.get("/api/funding/none"), 404)
    assert_problem(client.get("/api/funding", params={"limit": 9999}), 422, "limit")
