"""/api/certifications and /api/certifications/{id}/majors."""

from __future__ import annotations

import pytest

from tests.fixture_graph import (
    SCHOOL_A,
    SCHOOL_B,
    SYDNEY_MAJORS_A,
    SYDNEY_MAJORS_B,
    assert_problem,
    fixture_client,
    fixture_client_for,
)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("certs")) as c:
        yield c


def test_list_and_detail(client):
    page = client.get("/api/certifications").json()
    assert {c["id"]: c["major_count"] for c in page["items"]} == {"certification/sydney-accord": 3,
                                                                  "certification/cebvec": 1}
    cert = client.get("/api/certifications/sydney-accord").json()
    assert cert["label_zh"] == "悉尼协议" and cert["label_en"] == "Sydney Accord"
    assert cert["category"] == "international-accreditation"


def test_sydney_accord_majors_of_every_school_with_school_and_evidence(client):
    page = client.get("/api/certifications/sydney-accord/majors").json()
    expected = {f"major/{SCHOOL_A}-{c}" for c in SYDNEY_MAJORS_A} | {f"major/{SCHOOL_B}-{c}" for c in SYDNEY_MAJORS_B}
    assert page["total"] == len(expected) and {m["id"] for m in page["items"]} == expected
    for major in page["items"]:
        assert major["school"]["id"] == f"school/{major['key'][:10]}"
        assert major["evidence"], major
        assert all("悉尼协议" in ev["quote"] and ev["line"] >= 1 for ev in major["evidence"])
    only_b = client.get("/api/certifications/sydney-accord/majors", params={"school": SCHOOL_B}).json()
    assert [m["id"] for m in only_b["items"]] == [f"major/{SCHOOL_B}-460104"]


def test_unknown_certification(client):
    assert_problem(client.get("/api/certifications/moon-accord"), 404)
    assert_problem(client.get("/api/certifications/moon-accord/majors"), 404)
    assert_problem(client.get("/api/certifications/sydney-accord/majors", params={"limit": 501}), 422, "limit")


@pytest.fixture(scope="module")
def corpus_client(corpus_trig):
    with fixture_client_for(corpus_trig) as c:
        yield c


def test_corpus_sydney_accord_majors_each_with_school_and_evidence(corpus_client):
    """Harbin (report 001 表 2-2) states 11 Sydney Accord majors; every one comes back with its evidence."""
    page = corpus_client.get("/api/certifications/sydney-accord/majors", params={"limit": 500}).json()
    harbin = [m for m in page["items"] if m["school"] and m["school"]["label_zh"] == "哈尔滨职业技术学院"]
    assert len(harbin) == 11, [m["label_zh"] for m in page["items"]]
    assert {"机电一体化技术", "工程造价", "电子商务"} <= {m["label_zh"] for m in harbin}
    for major in page["items"]:
        assert major["school"] is not None and major["evidence"], major["id"]
        assert all(ev["quote"] and ev["line"] > 0 for ev in major["evidence"])
