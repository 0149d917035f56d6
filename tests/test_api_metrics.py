"""/api/metrics."""

from __future__ import annotations

import pytest

from tests.fixture_graph import SCHOOL_A, assert_problem, fixture_client


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("metrics")) as c:
        yield c


def test_metrics(client):
    page = client.get("/api/metrics", params={"metric_key": "task-completion-rate"}).json()
    assert page["total"] == 1
    metric = page["items"][0]
    assert (metric["name"], metric["value"], metric["unit"]) == ("任务完成率", 100, "%")
    assert metric["scope"]["id"] == f"school/{SCHOOL_A}"
    assert client.get("/api/metrics", params={"school": SCHOOL_A}).json()["total"] == 1
    assert client.get("/api/metrics", params={"metric_key": "enrolment"}).json()["total"] == 0
    assert client.get(f"/api/metrics/{metric['key']}").json() == metric
    assert_problem(client.get("/api/metrics", params={"metric_key": "Bad Key!"}), 422, "metric_key")
    assert_problem(client.get("/api/metrics/none"), 404)
