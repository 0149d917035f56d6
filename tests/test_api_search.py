"""/api/search: labels and aliases, Chinese substrings, English and pinyin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixture_graph import SCHOOL_A, assert_problem, fixture_client, fixture_client_for, ids


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


@pytest.mark.parametrize("q", ["liugong", "LiuGong", "liu gong"])
def test_pinyin_finds_chinese_names(client, q):
    found = ids(client.get("/api/search", params={"q": q}).json())
    assert found[:2] == [f"industry-college/{SCHOOL_A}-柳工产业学院", "enterprise/广西柳工机械股份有限公司"]


def test_pinyin_hit_says_which_label_matched_and_filters_by_type(client):
    page = client.get("/api/search", params={"q": "Huawei", "type": "Enterprise"}).json()
    assert ids(page) == ["enterprise/华为技术有限公司"] and page["items"][0]["matched"] == "华为技术有限公司"


def test_text_hits_come_before_pinyin_hits(client):
    """"sydney" is an English label; no pinyin of a label holds it, so nothing is added."""
    assert ids(client.get("/api/search", params={"q": "sydney"}).json()) == ["certification/sydney-accord"]


@pytest.mark.parametrize("q", ["li", "x1", "柳gong"])
def test_short_or_mixed_queries_are_not_read_as_pinyin(client, q):
    """Two letters occur in the pinyin of almost every label; a query with Chinese in it is plain text."""
    items = client.get("/api/search", params={"q": q, "limit": 100}).json()["items"]
    assert all(q.lower() in item["matched"].lower() for item in items), items


@pytest.fixture(scope="module")
def corpus_client(corpus_trig: Path):
    with fixture_client_for(corpus_trig) as c:
        yield c


@pytest.mark.parametrize(("q", "expected"), [("liugong", "enterprise/广西柳工机械股份有限公司"),
                                             ("liugong", "enterprise/柳工集团股份有限公司"),
                                             ("Huawei", "enterprise/华为"), ("huawei", "enterprise/华为")])
def test_pinyin_and_english_on_the_corpus(corpus_client, q, expected):
    """Liuzhou's report names 柳工 (and 广西柳工集团), Harbin's names 华为."""
    assert expected in ids(corpus_client.get("/api/search", params={"q": q, "type": "Enterprise"}).json())


def test_pinyin_never_matches_across_punctuation(corpus_client):
    """京东物流（共建） reads jing dong wu liu (gong jian): "liugong" spans the bracket, so it is no hit."""
    found = ids(corpus_client.get("/api/search", params={"q": "liugong", "limit": 100}).json())
    assert "partnership/4153012393-京东物流-共建" not in found
    assert "enterprise/广西柳工机械股份有限公司" in found


def test_the_pinyin_index_follows_the_store():
    """Labels are romanised once per store generation; a new graph (ingest, remove) is searched anew."""
    from rdflib import Literal, URIRef

    from api.lookups import Lookups
    from kg.namespaces import SG

    class Store:
        generation = 1

    graph = {"label": "柳工"}

    def select(text: str) -> list[dict]:
        if "CONTAINS" in text:
            return []
        return [{"s": URIRef("https://w3id.org/sgkg/id/enterprise/x"), "type": SG.Enterprise,
                 "matched": Literal(graph["label"], lang="zh"), "label": Literal(graph["label"], lang="zh")}]

    store = Store()
    lookups = Lookups(store, select=select)
    assert [m for _, m in lookups.search("liugong", ["Enterprise"])] == ["柳工"]
    graph["label"] = "华为"
    assert [m for _, m in lookups.search("liugong", ["Enterprise"])] == ["柳工"]  # same generation: cached
    store.generation = 2
    assert lookups.search("liugong", ["Enterprise"]) == []
    assert [m for _, m in lookups.search("huawei", ["Enterprise"])] == ["华为"]


def test_the_server_starts_without_loading_pinyin_and_the_first_latin_search_loads_it():
    """pypinyin's dictionaries took 0.3 s of every ``sgkg serve`` start: the app is made without them, and a
    search in Latin letters loads them when it first needs them."""
    probe = ("import sys; from api.app import create_app; loaded = 'pypinyin' in sys.modules; "
             "from api.romanise import romanise; print(loaded, romanise('柳工'), 'pypinyin' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.split() == ["False", "liugong", "True"]
