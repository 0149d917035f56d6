"""Key figures: trigger + number grammar in prose, trigger columns and indicator tables."""

from __future__ import annotations

from decimal import Decimal

from extract_docs import TableSpec, assert_evidence_quotes, make_doc

from loaders.document import parse_document
from loaders.extract.groups import extract_groups
from loaders.extract.metrics import extract_metrics, figures_in
from loaders.facts import Facts


def _metrics(doc) -> list[tuple[str, Decimal, str, str, str]]:
    facts = Facts(doc.key)
    extract_metrics(doc, facts)
    assert_evidence_quotes(doc, facts)
    return sorted((n.attrs["metricKey"][0], n.attrs["value"][0], n.attrs["unit"][0], n.attrs["period"][0],
                   n.attrs["scope"][0].key) for n in facts.nodes.values() if n.kind == "Metric" and "metricKey" in n.attrs)


def test_figures_need_a_fitting_unit_close_to_the_trigger() -> None:
    found = [(f.trigger.key, f.value) for f in figures_in("完成1117项，任务完成率98.33%，占建设周期总任务64.94%")]
    assert found == [("task-completion-rate", Decimal("98.33"))]
    assert [(f.trigger.key, f.value) for f in figures_in("总体实现程度优秀，自评分97.25分（详见附件）")] == [
        ("self-evaluation-score", Decimal("97.25"))]
    assert figures_in("就业率持续提高，学院共有教师 500 人") == []
    assert [(f.value, f.unit) for f in figures_in("横向技术服务到款额 1.2 亿元")] == [(Decimal("12000"), "万元")]  # one unit for comparison across schools
    assert [(f.value, f.unit) for f in figures_in("技术服务到款额 12,000 元")] == [(Decimal("1.2"), "万元")]


def test_sentence_metrics_with_scope_and_period() -> None:
    doc = make_doc(["2019—2021年项目建设任务1136项，完成1117项，任务完成率98.33%。",
                    "数控技术专业群任务完成率为 100%。",
                    "2023年毕业生用人单位满意度达99.69%。"])
    code = doc.meta.school_code
    assert _metrics(doc) == [
        ("employer-satisfaction", Decimal("99.69"), "%", "2023", code),
        ("task-completion-rate", Decimal("98.33"), "%", "2019-2021", code),
        ("task-completion-rate", Decimal(100), "%", "2019-2021", f"{code}-数控技术专业群"),
        ("task-count", Decimal(1136), "项", "2019-2021", code),
    ]


def test_indicator_and_trigger_column_tables() -> None:
    doc = make_doc([], [
        TableSpec("2022-2023 年科研技术服务到款情况", ["序号", "指标", "单位", "2022 年", "2023 年"], [
            ["1", "横向技术服务到款额", "万元", "524.49", "1814.15"], ["2", "知识产权项目数*", "项", "47", "9"]]),
        TableSpec("学校层面绩效指标完成情况统计表", ["指标", "", "指标值完成度", "备注"], [
            ["产出指标", "数量指标", "96.2%", ""], ["合计", "", "97.35%", ""]], number="2.1"),
    ])
    got = _metrics(doc)
    code = doc.meta.school_code
    assert ("technical-service-income", Decimal("524.49"), "万元", "2022", code) in got
    assert ("technical-service-income", Decimal("1814.15"), "万元", "2023", code) in got
    assert ("知识产权项目数", Decimal(9), "项", "2023", code) in got
    assert ("indicator-completion-rate", Decimal("96.2"), "%", "2019-2021", code) in got
    assert ("indicator-completion-rate", Decimal("97.35"), "%", "2019-2021", code) in got


def _keyed(text: str) -> list[tuple[str, Decimal, str]]:
    return [(f.trigger.key, f.value, f.unit) for f in figures_in(text)]


def test_value_in_the_next_clause_after_a_value_word() -> None:
    assert _keyed("用人单位对学校毕业生总体满意度较高，平均为 96.5%") == [("employer-satisfaction", Decimal("96.5"), "%")]
    assert _keyed("学院现有“双师型”教师 493 人，占比 71.5%") == [
        ("dual-qualified-teacher-ratio", Decimal("71.5"), "%")]
    # the next clause must open with a value word, and a full stop ends the search
    assert _keyed("用人单位满意度较高，企业评价 96.5%") == []
    assert _keyed("用人单位满意度较高。平均为 96.5%") == []


def test_parenthesis_after_the_trigger_is_skipped() -> None:
    assert _keyed("其中 226 个指标完成中期预期建设目标（单个指标中期目标完成度≥100%），占比 91.50%") == [
        ("indicator-completion-rate", Decimal("91.50"), "%")]


def test_satisfaction_named_by_its_subject() -> None:
    assert _keyed("教职工对学校建设成效的满意度为 95%") == [("staff-satisfaction", Decimal(95), "%")]
    assert _keyed("毕业生对母校满意度从94.43%提升至95%") == [("graduate-satisfaction", Decimal(95), "%")]
    assert _keyed("对母校就业服务工作的满意度为 98.33%") == [("satisfaction-rate", Decimal("98.33"), "%")]


def test_bare_triggers_take_the_nearest_topic() -> None:
    assert _keyed("技术服务合同金额达到 992.69 万元，到款额 569.1 万元") == [
        ("technical-service-income", Decimal("569.1"), "万元")]
    assert _keyed("开展各类培训 132 项，培训量 12.3 万人日，到款额 925 万元") == [
        ("training-volume", Decimal("12.3"), "万人日"), ("training-income", Decimal(925), "万元")]
    assert _keyed("147个验收要点，完成146项，完成率为99.32%") == [("task-completion-rate", Decimal("99.32"), "%")]
    assert _keyed("预计标志性成果 201 项，完成 195 项，完成率 97%") == [
        ("landmark-achievement-completion-rate", Decimal(97), "%")]
    assert _keyed("完成率 97%") == []  # no topic, no figure


def test_printed_count_unit_is_kept() -> None:
    assert _keyed("招收留学生46名") == [("international-students", Decimal(46), "名")]


def test_changed_to_value_takes_its_year() -> None:
    doc = make_doc(["在校生数量从 2019 年 12848 人增加到 2021 年 16478 人。",
                    "教职工对学校的满意度提升趋势显著，从2020年的91.14%提升至2021年的95%。"])
    code = doc.meta.school_code
    assert _metrics(doc) == [("enrolment", Decimal(16478), "人", "2021", code),
                             ("staff-satisfaction", Decimal(95), "%", "2021", code)]


def test_scope_from_enclosing_heading_and_bare_group_reference() -> None:
    doc = make_doc(["数控技术专业群层面（以下简称“专业群”）共设置指标 120 个。",
                    "# 专业群层面任务及绩效指标完成情况",
                    "技术服务项目金额 3808.14 万元。",
                    "# 学校层面任务完成情况",
                    "用人单位对本专业群毕业生的满意度为 97%。",
                    "技术服务到款额 100 万元。"])
    code = doc.meta.school_code
    group = f"{code}-数控技术专业群"
    assert _metrics(doc) == [("employer-satisfaction", Decimal(97), "%", "2019-2021", group),
                             ("technical-service-income", Decimal(100), "万元", "2019-2021", code),
                             ("technical-service-income", Decimal("3808.14"), "万元", "2019-2021", group)]


def test_bare_group_in_a_report_naming_one_group_and_clause_carry_over() -> None:
    lines = ["学校是高水平专业群建设单位，建设飞行器制造技术专业群。",
             "截至 2021 年底，专业群任务完成率 97.71%；绩效指标完成率 98.12%。",
             "毕业生用人单位满意度 98.2%。"]
    code = make_doc(lines).meta.school_code
    group = f"{code}-飞行器制造技术专业群"
    assert _metrics(make_doc(lines)) == [
        ("employer-satisfaction", Decimal("98.2"), "%", "2019-2021", code),  # after "。" the subject is not carried
        ("indicator-completion-rate", Decimal("98.12"), "%", "2019-2021", group),  # after "；" it is
        ("task-completion-rate", Decimal("97.71"), "%", "2019-2021", group),  # 截至 2021 年底 is a cut-off, not a period
    ]
    # Two groups named: a bare 专业群 could be either, so the figure stays with the school.
    two = make_doc(["建设飞行器制造技术专业群和无人机应用技术专业群。", "专业群任务完成率 97.71%。"])
    assert _metrics(two) == [("task-completion-rate", Decimal("97.71"), "%", "2019-2021", code)]


def test_year_header_split_from_its_year_cell() -> None:
    doc = make_doc([], [TableSpec("2022-2023年社会培训实际完成培训量", ["序号", "指标", "单位", "2022", "年", "2023", "年", "合计"], [
        ["4", "非学历培训到账经费", "万元", "287.81", "193.0995", "480.9095"]])])
    code = doc.meta.school_code
    assert _metrics(doc) == [("training-income", Decimal("193.0995"), "万元", "2023", code),
                             ("training-income", Decimal("287.81"), "万元", "2022", code)]


def test_corpus_figures_after_comma_topic_and_group_scope() -> None:
    from test_extract_known_answers import LIUZHOU, SHANXI, facts_of

    def metrics(stem: str) -> set[tuple[str, Decimal, str, str]]:
        return {(n.attrs["metricKey"][0], n.attrs["value"][0], n.attrs["period"][0], n.attrs["scope"][0].key)
                for n in facts_of(stem)[1].nodes.values() if n.kind == "Metric" and "metricKey" in n.attrs}

    liuzhou = metrics("003")
    group = f"{LIUZHOU}-机电设备维修与管理专业群"
    assert ("staff-satisfaction", Decimal(95), "2021", LIUZHOU) in liuzhou
    assert ("employer-satisfaction", Decimal("96.5"), "2020-2021", LIUZHOU) in liuzhou
    assert ("employer-satisfaction", Decimal(97), "2021", group) in liuzhou
    assert ("technical-service-income", Decimal("3808.14"), "2019-2021", group) in liuzhou
    assert ("indicator-completion-rate", Decimal("91.5"), "2019-2021", LIUZHOU) in liuzhou
    assert ("indicator-completion-rate", Decimal(90), "2019-2021", group) in liuzhou
    assert ("training-volume", Decimal(367000), "2019-2021", LIUZHOU) in liuzhou
    shanxi = metrics("002")
    assert ("training-income", Decimal(925), "2019-2021", SHANXI) in shanxi
    assert ("technical-service-income", Decimal("569.1"), "2019-2021", SHANXI) in shanxi
    assert ("task-completion-rate", Decimal("99.32"), "2019-2021", SHANXI) in shanxi


TWO_GROUPS = """陕西工业职业技术学院
## 中国特色高水平高职学校和专业建设计划建设中期绩效自评报告
（2019—2021 年）

## 一、学校层面

2021 届毕业生毕业去向落实率为 95.36%。截至 2021 年底，资金到位率 101.77%。

表 1 专业群组成

| 专业群名称 | 核心专业 |
| --- | --- |
| 机械制造与自动化专业群 | 机械制造与自动化 |
| 材料成型与控制技术专业群 | 材料成型与控制技术 |

## 二、专业群层面建设任务完成情况

### （一）机械制造与自动化专业群

机制专业群 2021 届毕业生毕业去向落实率 97.12%。

### （二）材料成型与控制技术专业群

**1. 总体进展**

专业群任务完成率 97.03%。
"""


def test_groups_named_by_table_or_abbreviation_scope_their_sections() -> None:
    """Headings naming two groups (one not a catalogue spelling) leave a bare 专业群 to its section's group;
    机制专业群 abbreviates 机械制造与自动化专业群; "2021 届" dates a cohort, "截至 2021 年底" does not."""
    doc = parse_document(TWO_GROUPS.encode(), "synthetic.txt")
    facts = Facts(doc.key)
    extract_groups(doc, facts)
    extract_metrics(doc, facts)
    assert_evidence_quotes(doc, facts)
    code = doc.meta.school_code
    found = sorted((n.attrs["metricKey"][0], n.attrs["value"][0], n.attrs["period"][0], n.attrs["scope"][0].key)
                   for n in facts.nodes.values() if n.kind == "Metric" and "metricKey" in n.attrs)
    assert found == [
        ("employment-rate", Decimal("95.36"), "2021", code),
        ("employment-rate", Decimal("97.12"), "2021", f"{code}-机械制造与自动化专业群"),
        ("funding-received-rate", Decimal("101.77"), "2019-2021", code),
        ("task-completion-rate", Decimal("97.03"), "2019-2021", f"{code}-材料成型与控制技术专业群"),
    ]


def test_more_trigger_spellings() -> None:
    assert _keyed("累计完成支出28,617.8万元，支出执行率94.68%") == [("funding-execution-rate", Decimal("94.68"), "%")]
    assert _keyed("学校累计获批1+X职业技能等级证书试点36个") == [("1x-certificate-pilots", Decimal(36), "个")]
    assert _keyed("2023年参与试点的职业技能等级证书达31个") == [("1x-certificate-pilots", Decimal(31), "个")]
    assert _keyed("毕业生月均起薪5,126元") == [("average-monthly-salary", Decimal(5126), "元")]
    assert _keyed("2023年学校经费总收入68,412.35万元") == [("total-income", Decimal("68412.35"), "万元")]


def test_paragraph_opening_with_a_group_scopes_its_figures_across_a_wrapped_sentence() -> None:
    """"汽检专业群…（以下简称“汽检专业群”）" names the report's group; a paragraph that opens with a group
    (or 本专业群) is about it, also where the sentence runs on into the next paragraph (a blank line in a wrap)."""
    doc = make_doc(["学校牵头建设汽车检测与维修技术专业群（以下简称“汽检专业群”），另建机电一体化技术专业群。",
                    "汽检专业群共设任务 184 项。截至",
                    "2021年12月31日，已完成 181 项，任务完成率98.37%；设置绩效指标 96 个，中期目标值",
                    "已达成 94 个，绩效指标达成率97.92%。",
                    "本专业群与企业共建中心。三年累计技术服务到款额1,093.3万元。",
                    "学校毕业去向落实率94.87%。"])
    facts = Facts(doc.key)
    extract_groups(doc, facts)
    extract_metrics(doc, facts)
    code = doc.meta.school_code
    group = f"{code}-汽车检测与维修技术专业群"
    found = sorted((n.attrs["metricKey"][0], n.attrs["value"][0], n.attrs["scope"][0].key)
                   for n in facts.nodes.values() if n.kind == "Metric" and "metricKey" in n.attrs)
    assert found == [("employment-rate", Decimal("94.87"), code),
                     ("indicator-completion-rate", Decimal("97.92"), group),
                     ("task-completion-rate", Decimal("98.37"), group),
                     ("technical-service-income", Decimal("1093.3"), group)]


def test_cohort_columns_year_rows_and_wan_yi_amounts() -> None:
    """"2022 届" heads a year column; a row labelled "2021年" dates its figures; 亿元 converts to 万元."""
    doc = make_doc(["学校经费总收入 3.86 亿元，用人单位综合满意度为 98.05%。"], [
        TableSpec("表 2-1 毕业生就业质量", ["指标", "单位", "2021 届", "2022 届"], [["月均收入", "元", "4,715", "4,960"]]),
        TableSpec("表 2-3 社会服务到款情况（单位：万元）", ["序号", "年度", "技术服务到款额"],
                  [["1", "2020年", "341.7"], ["2", "2021年", "465.2"]]),
    ])
    code = doc.meta.school_code
    assert _metrics(doc) == [
        ("average-monthly-salary", Decimal(4715), "元", "2021", code),
        ("average-monthly-salary", Decimal(4960), "元", "2022", code),
        ("employer-satisfaction", Decimal("98.05"), "%", "2019-2021", code),
        ("technical-service-income", Decimal("341.7"), "万元", "2020", code),
        ("technical-service-income", Decimal("465.2"), "万元", "2021", code),
        ("total-income", Decimal("38600"), "万元", "2019-2021", code),
    ]


def test_both_spellings_of_received_money_name_the_indicator() -> None:
    from loaders.extract.metrics import indicator_key

    assert indicator_key("培训到账", "万元") == indicator_key("培训到帐", "万元") == "training-income"
    assert indicator_key("技术服务到帐额", "万元") == "technical-service-income"
