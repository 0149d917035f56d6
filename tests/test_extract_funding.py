"""Funding records from funding tables (header-mapped columns) and from prose when no table exists."""

from __future__ import annotations

from decimal import Decimal

from extract_docs import TableSpec, assert_evidence_quotes, make_doc

from loaders.document import parse_document
from loaders.extract.funding import canonical_source, extract_funding
from loaders.extract.groups import extract_groups
from loaders.facts import Facts, NodeRef

TABLE_11 = TableSpec("2019-2021 年学院“双高计划”项目资金到位情况统计表（单位：万元）",
                     ["项目", "总预算经费", "2019-2021 年 预算经费", "2019-2021 到位 经费", "到位率"], [
                         ["合计", "74,610", "49,899", "51,296", "100%"],
                         ["中央财政投入资金", "5,000", "3,000", "3,000", "100%"],
                         ["举办方投入资金", "0", "0", "0", "0%"]], number="1.1")
TABLE_12 = TableSpec("2019-2021 年学院“双高计划”项目到位资金完成情况统计表（单位：万元）",
                     ["项目", "总预算经费", "2019-2021 年应到位经费", "2019-2021 实际到位经费", "2019-2021 完成经费", "完成率"], [
                         ["合计", "74,610", "49,899", "51,296", "46,705.5", "93.60%"],
                         ["中央财政投入资金", "5,000", "3,000", "3,000", "2,969", "98.97%"]], number="1.2")


def _records(doc) -> dict[tuple[str, str], dict]:
    facts = Facts(doc.key)
    extract_funding(doc, facts)
    assert_evidence_quotes(doc, facts)
    return {(n.attrs["fundingScope"][0].key, n.attrs["fundingSource"][0]): n.attrs
            for n in facts.nodes.values() if n.kind == "FundingRecord"}


def test_source_labels() -> None:
    assert canonical_source("合计") == "合计"
    assert canonical_source("地方各级财政投入资金") == "地方各级财政投入资金"
    assert canonical_source("学院自筹资金") == "学校自筹资金"
    assert canonical_source("其他资金") == "其他资金"


def test_two_tables_fill_one_record_per_source() -> None:
    doc = make_doc([], [TABLE_11, TABLE_12])
    records = _records(doc)
    code = doc.meta.school_code
    total = records[(code, "合计")]
    assert total["budgetTotal"] == [Decimal(74610)] and total["budget"] == [Decimal(49899)]
    assert total["received"] == [Decimal(51296)] and total["spent"] == [Decimal("46705.5")]
    assert total["receivedRate"] == [Decimal(100)] and total["executionRate"] == [Decimal("93.6")]
    assert total["period"] == ["2019-2021"] and total["unit"] == ["万元"]
    assert records[(code, "中央财政投入资金")]["spent"] == [Decimal(2969)]
    assert records[(code, "举办方投入资金")]["budget"] == [Decimal(0)]
    assert len(records) == 3


def test_prose_funding_when_no_table() -> None:
    doc = make_doc([
        "# （二）项目经费到位和执行情况概述",
        "学院“双高计划”项目总预算 19800 万元，2019 年-2021 年预算投入资金 11015 万元，其中数控技术专业群预算 5000 万元。",
        "2019 年-2021 年项目预算中，中央财政资金预算 2100 万元、省级财政资金预算 2100 万元、学院自筹资金预算 5276 万元。",
        "截至 2021 年底，项目总支出为 10330.44 万元，资金执行率为 93.78%；数控技术专业群支出为 4816.69 万元，资金使用率为 96.33%。",
        "# 二、学校任务完成情况",
        "学校累计投入近10亿元建设园区。",
    ])
    records = _records(doc)
    code = doc.meta.school_code
    school = records[(code, "合计")]
    assert school["budgetTotal"] == [Decimal(19800)] and school["budget"] == [Decimal(11015)]
    assert school["spent"] == [Decimal("10330.44")] and school["executionRate"] == [Decimal("93.78")]
    group = records[(f"{code}-数控技术专业群", "合计")]
    assert group["budget"] == [Decimal(5000)] and group["spent"] == [Decimal("4816.69")]
    assert group["executionRate"] == [Decimal("96.33")]
    assert records[(code, "中央财政投入资金")]["budget"] == [Decimal(2100)]
    assert records[(code, "地方各级财政投入资金")]["budget"] == [Decimal(2100)]
    assert records[(code, "学校自筹资金")]["budget"] == [Decimal(5276)]
    assert 100000 not in [v for r in records.values() for v in r.get("budget", [])]


def test_a_table_disagreeing_with_a_filled_record_is_kept_apart() -> None:
    """表 3-1 is a group's (named by an abbreviation the rules do not know), so its scope falls back to the
    school: its amounts must not give the school's records a second value (a SHACL violation)."""
    school = TableSpec("学校建设资金情况（单位：万元）", ["资金来源", "2019—2021年预算", "实际到位"], [
        ["中央财政投入资金", "6,000", "6,000"], ["合计", "29,700", "30,225.8"]], number="1-1")
    group = TableSpec("机制专业群建设资金情况（单位：万元）", ["资金来源", "2019—2021年预算", "实际到位"], [
        ["中央财政资金", "1,500", "1,500"], ["合计", "6,300", "6,446.5"]], number="3-1")
    facts = Facts((doc := make_doc([], [school, group])).key)
    extract_funding(doc, facts)
    records = {n.key: n.attrs for n in facts.nodes.values() if n.kind == "FundingRecord"}
    assert all(len(attrs["budget"]) == 1 and len(attrs["received"]) == 1 for attrs in records.values())
    school_total, apart = sorted(key for key in records if "合计" in key)
    assert apart == f"{school_total}-表3-1"
    assert records[school_total]["budget"] == [Decimal(29700)] and records[apart]["budget"] == [Decimal(6300)]


GROUP_REPORT = """陕西工业职业技术学院
## 中国特色高水平高职学校和专业建设计划建设中期绩效自评报告
（2019—2021 年）

## 一、建设总体情况

表 1-1 学校建设资金情况（单位：万元）

资金来源	2019—2021年预算	实际到位
中央财政投入资金	6,000	6,000
合计	29,700	30,225.8

## 二、专业群组成

表 2-1 专业群组成

| 专业群名称 | 核心专业 |
| --- | --- |
| 机械制造与自动化专业群 | 机械制造与自动化 |
| 材料成型与控制技术专业群 | 材料成型与控制技术 |

## 三、专业群层面建设任务完成情况

### （一）机械制造与自动化专业群

表 3-1 机制专业群 2019—2021 年建设资金情况（单位：万元）

| 资金来源 | 2019—2021年预算 | 实际到位 |
| --- | --- | --- |
| 中央财政资金 | 1,500 | 1,500 |
| 合计 | 6,300 | 6,446.5 |

### （二）材料成型与控制技术专业群

**1. 资金情况**

专业群 2019—2021 年预算资金 5,400 万元，实际到位 5,512.3 万元，专业群支出执行率 95.00%。
"""


def test_group_scope_by_abbreviation_and_by_enclosing_heading() -> None:
    """A caption naming a group by its abbreviation (机制 = 机械制造与自动化) and prose under "1. 资金情况"
    inside a group's section are that group's, not the school's."""
    doc = parse_document(GROUP_REPORT.encode(), "synthetic.txt")
    facts = Facts(doc.key)
    extract_groups(doc, facts)
    extract_funding(doc, facts)
    assert_evidence_quotes(doc, facts)
    records = {(n.attrs["fundingScope"][0].key, n.attrs["fundingSource"][0]): n.attrs
               for n in facts.nodes.values() if n.kind == "FundingRecord"}
    code = doc.meta.school_code
    assert records[(f"{code}-机械制造与自动化专业群", "合计")]["budget"] == [Decimal(6300)]
    assert records[(code, "合计")]["budget"] == [Decimal(29700)]
    materials = records[(f"{code}-材料成型与控制技术专业群", "合计")]
    assert materials["budget"] == [Decimal(5400)] and materials["received"] == [Decimal("5512.3")]
    assert materials["executionRate"] == [Decimal("95.00")]
    assert "机制专业群" in facts.nodes[NodeRef("ProfessionalGroup", f"{code}-机械制造与自动化专业群")].alt_labels
