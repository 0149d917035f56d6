"""Known answers on the corpus reports for the table/structured recognisers (schools, majors,
colleges, groups, certifications, funding, metrics)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest
from conftest import REPORTS

from loaders.document import load_document
from loaders.extract import extract_facts
from loaders.facts import Facts, NodeRef

HARBIN = "4123012911"
SHANXI = "4114012888"
LIUZHOU = "4145012104"


@cache
def facts_of(stem: str) -> tuple[object, Facts]:
    doc = load_document(next(REPORTS.glob(f"{stem}_*.txt")))
    return doc, extract_facts(doc)


def accredited(facts: Facts, scheme: str) -> set[str]:
    return {facts.nodes[s].key.split("-", 1)[1] for (s, p, o) in facts.links if p == "accreditedUnder" and o.key == scheme}


def members(facts: Facts, group_key: str) -> set[str]:
    return {o.key.split("-", 1)[1] for (s, p, o) in facts.links if p == "hasMember" and s.key == group_key}


SYDNEY_CODES = {"500201", "440501", "440301", "490202", "460301", "460104", "460702", "530802", "530701",
                "510101", "550106"}


@pytest.mark.parametrize("stem", ["000", "001"])
def test_harbin_sydney_accord_majors_are_exactly_the_eleven_listed(stem: str) -> None:
    _, facts = facts_of(stem)
    assert accredited(facts, "sydney-accord") == SYDNEY_CODES


def test_harbin_2023_national_groups_with_members() -> None:
    _, facts = facts_of("001")
    jidian, dianshang = f"{HARBIN}-机电一体化技术专业群", f"{HARBIN}-电子商务专业群"
    assert members(facts, jidian) == {"460301", "460306", "460104", "460110", "460305"}
    assert members(facts, dianshang) == {"530701", "530702", "530802", "530605"}
    for key in (jidian, dianshang):
        assert str(facts.nodes[NodeRef("ProfessionalGroup", key)].attrs["level"][0].iri).endswith("/national")


def test_harbin_school_status_and_2023_counts() -> None:
    _, facts = facts_of("001")
    school = facts.nodes[NodeRef("School", HARBIN)]
    assert school.attrs["shuanggaoTier"] == ["C"] and school.attrs["province"] == ["黑龙江省"]
    count_keys = {"sydney-accord-majors", "internationally-accredited-majors"}
    counts = {(n.attrs["scope"][0].key, n.attrs["value"][0]) for n in facts.nodes.values()
              if n.kind == "Metric" and "metricKey" in n.attrs and n.attrs["metricKey"][0] in count_keys}
    assert {(HARBIN, Decimal(11)), (HARBIN, Decimal(21))} <= counts


def test_harbin_funding_tables_fill_one_record_per_source() -> None:
    _, facts = facts_of("000")
    total = facts.nodes[NodeRef("FundingRecord", f"{HARBIN}-midterm-self-evaluation-2022-{HARBIN}-2019-2021-合计")]
    assert total.attrs["budgetTotal"] == [Decimal(74610)] and total.attrs["received"] == [Decimal(51296)]
    assert total.attrs["spent"] == [Decimal("46705.5")] and total.attrs["executionRate"] == [Decimal("93.6")]
    assert len([n for n in facts.nodes.values() if n.kind == "FundingRecord" and n.rule == "funding"]) == 6


def test_prose_funding_for_school_and_group() -> None:
    _, facts = facts_of("003")
    group = facts.nodes[NodeRef("FundingRecord", f"{LIUZHOU}-midterm-self-evaluation-undated-{LIUZHOU}-机电设备维修与管理专业群-2019-2021-合计")]
    assert group.attrs["budgetTotal"] == [Decimal(14420)] and group.attrs["spent"] == [Decimal(8076)]
    _, facts = facts_of("002")
    school = facts.nodes[NodeRef("FundingRecord", f"{SHANXI}-midterm-self-evaluation-2022-{SHANXI}-2019-2021-合计")]
    assert school.attrs["budgetTotal"] == [Decimal(19800)] and school.attrs["executionRate"] == [Decimal("93.78")]


@pytest.mark.parametrize(("stem", "key", "value"), [
    ("000", "task-completion-rate", Decimal("98.33")), ("000", "self-evaluation-score", Decimal("97.25")),
    ("002", "self-evaluation-score", Decimal("99.87")), ("002", "employer-satisfaction", Decimal("99.69")),
    ("003", "self-evaluation-score", Decimal("95.52")), ("001", "technical-service-income", Decimal("1814.15")),
])
def test_key_figures(stem: str, key: str, value: Decimal) -> None:
    _, facts = facts_of(stem)
    assert value in {n.attrs["value"][0] for n in facts.nodes.values() if n.kind == "Metric" and "metricKey" in n.attrs and n.attrs["metricKey"] == [key]}


@pytest.mark.parametrize("stem", ["000", "001", "002", "003"])
def test_every_fact_quotes_the_report(stem: str) -> None:
    doc, facts = facts_of(stem)
    mine = {"schools", "majors", "colleges", "groups", "certifications", "funding", "metrics"}
    for node in facts.nodes.values():
        if node.rule in mine:
            assert node.evidence
            assert all(doc.text[ev.start:ev.end] == ev.quote for ev in node.evidence)
    majors = [n for n in facts.nodes.values() if n.kind == "Major"]
    assert all(len(n.attrs["catalogMatch"]) == 1 for n in majors)
