"""/api/search: labels and aliases, Chinese substrings and English."""

from __future__ import annotations

import pytest

from tests.fixture_graph import SCHOOL_A, assert_problem, fixture_client, ids


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("search")) as c:
        yield c


def test_chinese_substring_english_and_aliases(client):
    hits = client.get("/api/search", params={"q": "柳工"}).json()
    assert "enterprise/广西柳工机械股份有限公司" in ids(hits)
    assert f"industry-college/{SCHOOL_A}-柳工产业学院" in ids(hits)
    assert ids(client.get("/api/search", params={"q": "sydney"}).json()) == ["certification/sydney-accord"]
    alias = client.get("/api/search", params={"q": "智能制造高水平"}).json()
    assert ids(alias) == [f"group/{SCHOOL_A}-智能制造专业群"] and alias["items"][0]["matched"] == "智能制造高水平专业群"


def test_type_filter_and_paging(client):
    assert ids(client.get("/api/search", params={"q": "柳工", "type": "Enterprise"}).json()) == [
        "enterprise/广西柳工机械股份有限公司"]
    page = client.get("/api/search", params={"q": "学院", "limit": 2}).json()
    assert page["total"] > 2 and len(page["items"]) == 2
    assert client.get("/api/search", params={"q": "不存在的名字"}).json()["total"] == 0


def test_quotes_and_sparql_syntax_are_just_text(client):
    for q in ['")} SELECT * {', "\\", "'", "<http://x>"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200


@pytest.mark.parametrize(("params", "param"), [({}, "q"), ({"q": ""}, "q"), ({"q": "   "}, "q"),
                                                ({"q": "x" * 101}, "q"), ({"q": "a", "type": "Evidence"}, "type")])
def test_bad_queries(client, params, param):
    assert_problem(client.get("/api/search", params=params), 422, param)
