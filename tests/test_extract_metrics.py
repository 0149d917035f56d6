"""Key figures: trigger + number grammar in prose, trigger columns and indicator tables."""

from __future__ import annotations

from decimal import Decimal

from extract_docs import TableSpec, assert_evidence_quotes, make_doc

from loaders.extract.metrics import extract_metrics, figures_in
from loaders.facts import Facts


def _metrics(doc) -> list[tuple[str, Decimal, str, str, str]]:
    facts = Facts(doc.key)
    extract_metrics(doc, facts)
    assert_evidence_quotes(doc, facts)
    return sorted((n.attrs["metricKey"][0], n.attrs["value"][0], n.attrs["unit"][0], n.attrs["period"][0],
                   n.attrs["scope"][0].key) for n in facts.nodes.values() if n.kind == "Metric")


def test_figures_need_a_fitting_unit_close_to_the_trigger() -> None:
    found = [(f.trigger.key, f.value) for f in figures_in("完成1117项，任务完成率98.33%，占建设周期总任务64.94%")]
    assert found == [("task-completion-rate", Decimal("98.33"))]
    assert [(f.trigger.key, f.value) for f in figures_in("总体实现程度优秀，自评分97.25分（详见附件）")] == [
        ("self-evaluation-score", Decimal("97.25"))]
    assert figures_in("就业率持续提高，学院共有教师 500 人") == []
    assert [f.value for f in figures_in("横向技术服务到款额 1.2 亿元")] == [Decimal(12000)]


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
