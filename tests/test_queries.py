"""The query library (queries/*.rq): every query is documented and answers as expected, on the
fixture graph (exact answers) and on the graph built from the real corpus (facts the reports state)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from api.queries import library
from kg.store import OxigraphStore, open_store, term_parts
from tests.fixture_graph import write_fixture_trig

QUERIES = Path(__file__).resolve().parents[1] / "queries"
LIBRARY = library(QUERIES)
HARBIN, SHANXI, LIUZHOU, KUNMING = "哈尔滨职业技术学院", "山西机电职业技术学院", "柳州职业技术学院", "昆明工业职业技术学院"

# Facts the fixture lacks, for the queries that need them (test data, not graph content).
EXTRA = """PREFIX sg: <https://w3id.org/sgkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX id: <https://w3id.org/sgkg/id/>
INSERT DATA { GRAPH <https://w3id.org/sgkg/graph/test-extra> {
  id:funding\\/t a sg:FundingRecord ; sg:fundingScope id:school\\/1000000001 ; sg:fundingSource "合计"@zh ;
      sg:budget 2000.0 ; sg:spent 1500.0 ; sg:executionRate 75.0 ; sg:period "2019-2021" .
  id:catalog\\/460104 skos:broader id:catalog\\/4601 . id:catalog\\/4601 skos:broader id:catalog\\/46 .
  id:catalog\\/46 skos:notation "46" ; skos:prefLabel "装备制造大类"@zh .
  id:metric\\/a a sg:Metric ; sg:metricKey id:indicator\\/employment-rate ; sg:metricName "就业率"@zh ; sg:value 98.5 ;
      sg:unit "%" ; sg:scope id:school\\/1000000001 .
  id:metric\\/b a sg:Metric ; sg:metricKey id:indicator\\/employment-rate ; sg:metricName "就业率"@zh ; sg:value 97.0 ;
      sg:unit "%" ; sg:scope id:school\\/1000000002 .
  id:indicator\\/employment-rate skos:notation "employment-rate" .
  id:major\\/1000000002-500211 sg:catalogMatch "renamed" .
  id:group\\/1000000002-汽车专业群 sg:partner id:organization\\/哈尔滨工业大学 .
} }"""


def rows(store: OxigraphStore, name: str) -> list[dict[str, str]]:
    result = store.query(LIBRARY[name].text, max_rows=100_000)
    return [{v: term_parts(t)[1] for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows]


def column(found: list[dict[str, str]], name: str) -> list[str]:
    return [r.get(name, "") for r in found]


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    store = open_store("oxigraph", write_fixture_trig(tmp_path_factory.mktemp("queries") / "kg.trig"))
    store.update(EXTRA)
    return store


def test_library_has_at_least_20_documented_queries() -> None:
    assert len(LIBRARY) >= 20
    for query in LIBRARY.values():
        assert query.title_zh and query.title_en and query.description_zh and query.description_en, query.name


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_query_is_a_select(fixture_store: OxigraphStore, name: str) -> None:
    assert fixture_store.query(LIBRARY[name].text).form == "select"


# Patterns that must match (a triple block, a UNION or nested group, GRAPH, a sub-select): written after an
# OPTIONAL in the same group, Oxigraph evaluates them on their own over the whole store and joins afterwards.
REQUIRED_PATTERNS = {"TriplesBlock", "GroupOrUnionGraphPattern", "GraphGraphPattern", "SubSelect"}


def pattern_groups(node: Any) -> Iterator[CompValue]:
    """Every group of graph patterns in a parsed query, nested ones (OPTIONAL, UNION, GRAPH, sub-selects) too."""
    if isinstance(node, CompValue):
        if node.name == "GroupGraphPatternSub":
            yield node
        for value in node.values():
            yield from pattern_groups(value)
    elif isinstance(node, list | tuple | ParseResults):
        for item in node:
            yield from pattern_groups(item)


def required_after_optional(text: str) -> list[str]:
    """The required patterns a group of ``text`` writes after one of its OPTIONALs."""
    late: list[str] = []
    for group in pattern_groups(parseQuery(text)):
        names = [part.name for part in group.get("part", [])]
        if "OptionalGraphPattern" in names:
            late += [name for name in names[names.index("OptionalGraphPattern") + 1:] if name in REQUIRED_PATTERNS]
    return late


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_required_patterns_come_before_the_optionals(name: str) -> None:
    """Oxigraph keeps the written order across an OPTIONAL: a required pattern after one was evaluated over the
    whole store (indicator-across-schools, partners-by-relation past 20 s at 500 reports; enterprise-partners
    past the server's 10 s limit)."""
    assert required_after_optional(LIBRARY[name].text) == []


def test_required_after_optional_is_found() -> None:
    late = """SELECT * WHERE { ?a ?b ?c OPTIONAL { ?c ?d ?e } ?a ?f ?g
                             OPTIONAL { ?a ?h ?i OPTIONAL { ?i ?j ?k } { ?i ?l ?m } UNION { ?i ?n ?m } } }"""
    assert required_after_optional(late) == ["TriplesBlock", "GroupOrUnionGraphPattern"]


FIXTURE_EXPECTED: dict[str, object] = {
    "sydney-accord-majors": [("乙职业技术学院", "460104"), ("甲职业技术学院", "460104"), ("甲职业技术学院", "510201")],
    "industry-college-co-builders": [("柳工产业学院", "广西柳工机械股份有限公司")],
    "national-achievements-by-school-year": [("乙职业技术学院", "2022", "1"), ("甲职业技术学院", "2019", "1"),
                                             ("甲职业技术学院", "2021", "3")],
    "funding-spent-by-source": [("甲职业技术学院", "中央财政", "800")],
    "majors-in-several-schools": [("460104", "2")],
    "shared-partners": [("广西柳工机械股份有限公司", "2")],
}
FIXTURE_COLUMNS = {
    "sydney-accord-majors": ("schoolName", "code"),
    "industry-college-co-builders": ("collegeName", "partnerName"),
    "national-achievements-by-school-year": ("schoolName", "when", "items"),
    "funding-spent-by-source": ("schoolName", "source", "spent"),
    "majors-in-several-schools": ("code", "schools"),
    "shared-partners": ("partnerName", "schools"),
}


@pytest.mark.parametrize("name", sorted(FIXTURE_EXPECTED))
def test_required_questions_on_the_fixture(fixture_store: OxigraphStore, name: str) -> None:
    found = rows(fixture_store, name)
    assert [tuple(r.get(c, "") for c in FIXTURE_COLUMNS[name]) for r in found] == FIXTURE_EXPECTED[name]


def test_other_questions_on_the_fixture(fixture_store: OxigraphStore) -> None:
    def table(name: str, *columns: str) -> list[tuple[str, ...]]:
        return [tuple(r.get(c, "") for c in columns) for r in rows(fixture_store, name)]

    assert table("accredited-majors-by-scheme", "schemeName", "schoolName", "majors") == [
        ("CEBVEC", "甲职业技术学院", "1"), ("悉尼协议", "甲职业技术学院", "2"), ("悉尼协议", "乙职业技术学院", "1")]
    assert table("achievements-by-level", "schoolName", "levelName", "achievements") == [
        ("乙职业技术学院", "国家级", "1"), ("甲职业技术学院", "国家级", "2"), ("甲职业技术学院", "省级", "1")]
    assert table("achievement-categories", "category", "entries", "items") == [
        ("teaching-achievement-award", "2", "3"), ("competition-award", "1", "3"), ("title", "1", "1")]
    assert table("enterprise-partners", "name", "schools") == [("广西柳工机械股份有限公司", "2"), ("华为技术有限公司", "1")]
    assert table("funding-execution", "scopeName", "executionRate", "computedRate") == [("甲职业技术学院", "75", "75")]
    assert table("group-members", "groupName", "code", "isLead") == [
        ("智能制造专业群", "460104", "true"), ("智能制造专业群", "510201", "false"), ("汽车专业群", "460104", "false")]
    assert table("group-partners", "groupName", "partnerName", "kind") == [("汽车专业群", "哈尔滨工业大学", "university")]
    assert table("international-cooperation", "country", "name") == [("泰国", "泰国鲁班工坊")]
    assert table("majors-by-catalogue-category", "schoolName", "categoryName", "majors") == [
        ("乙职业技术学院", "装备制造大类", "1"), ("甲职业技术学院", "装备制造大类", "1")]
    assert table("metrics-compared", "key", "schoolName", "value") == [
        ("employment-rate", "乙职业技术学院", "97"), ("employment-rate", "甲职业技术学院", "98.5")]
    assert table("partners-by-kind", "kind", "partners", "schools") == [("enterprise", "2", "2"), ("university", "1", "1")]
    assert table("partnerships-by-relation", "schoolName", "relation", "partnerships") == [
        ("乙职业技术学院", "合作办学", "1"), ("乙职业技术学院", "订单班", "1"), ("甲职业技术学院", "共建", "1"),
        ("甲职业技术学院", "订单班", "1")]
    assert table("professional-groups", "groupName", "levelName", "leadName", "members") == [
        ("汽车专业群", "省级", "", "1"), ("智能制造专业群", "国家级", "机械制造及自动化", "2")]
    assert table("programmes-by-school", "schoolName", "programmeName") == [
        ("乙职业技术学院", "双高计划"), ("甲职业技术学院", "双高计划"), ("甲职业技术学院", "泰国鲁班工坊")]
    assert table("reports", "schoolName", "kind", "year") == [
        ("乙职业技术学院", "midterm-self-evaluation", "2022"), ("甲职业技术学院", "midterm-self-evaluation", "2022")]
    assert table("schools-overview", "name", "majors", "groups", "partners", "achievements") == [
        ("甲职业技术学院", "3", "1", "2", "3"), ("乙职业技术学院", "2", "1", "2", "1")]
    assert table("secondary-colleges", "schoolName", "collegeName", "majors") == [
        ("乙职业技术学院", "机电工程学院", "1"), ("乙职业技术学院", "汽车工程学院", "1"),
        ("甲职业技术学院", "信息工程学院", "1"), ("甲职业技术学院", "机电工程学院", "1")]
    assert table("accreditation-evidence", "majorName", "schemeName", "line") == [
        ("大数据与会计", "CEBVEC", "19"), ("机械制造及自动化", "悉尼协议", "5"), ("机械制造及自动化", "悉尼协议", "5"),
        ("计算机应用技术", "悉尼协议", "12")]
    assert table("unmatched-majors", "schoolName", "majorName", "match") == [("乙职业技术学院", "汽车检测与维修技术", "renamed")]


# ---------------------------------------------------------------- the real corpus



@pytest.fixture(scope="module")
def corpus_store(corpus_trig: Path) -> OxigraphStore:
    return open_store("oxigraph", corpus_trig)


@pytest.fixture(scope="module")
def rdflib_corpus_store(corpus_trig: Path):
    return open_store("rdflib", corpus_trig)


_CONCATENATED = re.compile(r"GROUP_CONCAT\(.*?\)\s+AS\s+\?(\w+)", re.IGNORECASE | re.DOTALL)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_library_gives_the_same_rows_on_the_rdflib_fallback(corpus_store: OxigraphStore, rdflib_corpus_store,
                                                             name: str) -> None:
    """``--store rdflib`` answers every canned query as Oxigraph does (GROUP_CONCAT's order is unspecified,
    so concatenated columns are left out of the comparison)."""
    concatenated = set(_CONCATENATED.findall(LIBRARY[name].text))

    def comparable(store) -> list[tuple[tuple[str, str], ...]]:
        return sorted(tuple(sorted((k, v) for k, v in row.items() if k not in concatenated)) for row in rows(store, name))

    assert comparable(rdflib_corpus_store) == comparable(corpus_store)


def test_corpus_sydney_accord_majors(corpus_store: OxigraphStore) -> None:
    """Harbin's reports list 11 Sydney Accord majors (annual report 2023, 表 2-2)."""
    found = rows(corpus_store, "sydney-accord-majors")
    harbin = {r["code"] for r in found if r.get("schoolName") == HARBIN}
    assert len(harbin) == 11 and {"460301", "440501", "530701"} <= harbin


def test_corpus_industry_college_co_builders(corpus_store: OxigraphStore) -> None:
    pairs = {(r.get("collegeName"), r.get("partnerName")) for r in rows(corpus_store, "industry-college-co-builders")}
    assert ("哈电机产业学院", "哈尔滨电机厂有限责任公司") in pairs
    assert ("智能制造产业学院", "广西汽车集团有限公司") in pairs
    assert {c for c, _ in pairs} >= {"匠芯书院", "柳州螺蛳粉产业学院"}


def test_corpus_national_achievements_by_school_year(corpus_store: OxigraphStore) -> None:
    found = rows(corpus_store, "national-achievements-by-school-year")
    assert {r["schoolName"] for r in found} == {HARBIN, SHANXI, LIUZHOU, KUNMING}
    assert all(int(r["items"]) >= int(r["achievements"]) >= 1 for r in found)


def test_corpus_funding_spent_by_source(corpus_store: OxigraphStore) -> None:
    """Harbin's mid-term report: 中央财政投入资金 3000 budgeted, 2969 spent (万元)."""
    # a source's row of a funding table (budget and spent); prose amounts of a source are rows of their own
    found = {(r["schoolName"], r["source"]): r for r in rows(corpus_store, "funding-spent-by-source")
             if r.get("budget") and r.get("spent")}
    central = found[(HARBIN, "中央财政投入资金")]
    assert (float(central["budget"]), float(central["spent"]), central["unit"]) == (3000, 2969, "万元")
    assert not any("合计" in source for _, source in found)


def test_corpus_majors_in_several_schools(corpus_store: OxigraphStore) -> None:
    found = {r["code"]: r for r in rows(corpus_store, "majors-in-several-schools")}
    assert "460301" in found and set(found["460301"]["schoolNames"].split("、")) >= {HARBIN, SHANXI}


def test_corpus_shared_partners_are_shared(corpus_store: OxigraphStore) -> None:
    for r in rows(corpus_store, "shared-partners"):
        assert int(r["schools"]) >= 2 and len(r["schoolNames"].split("、")) >= 2


def test_corpus_reports_and_schools(corpus_store: OxigraphStore) -> None:
    reports = rows(corpus_store, "reports")
    assert sorted(r["file"] for r in reports) == [f"{i:03d}" + s for i, s in
                                                 [(0, "_2398f67fa0e2142e.txt"), (1, "_0d6d81e4e345128e.txt"),
                                                  (2, "_55737fc9392e7194.txt"), (3, "_f871cb208ab6dbba.txt"),
                                                  (4, "_5862d34a0cf86c05.txt")]]
    assert all(int(r["evidenceSpans"]) > 50 for r in reports)
    schools = {r["name"]: r for r in rows(corpus_store, "schools-overview")}
    assert set(schools) == {HARBIN, SHANXI, LIUZHOU, KUNMING} and schools[HARBIN]["province"] == "黑龙江省"
