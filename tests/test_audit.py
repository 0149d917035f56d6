"""The self-consistency audit (kg/audit/): reports written for the purpose with one planted
contradiction of every kind, clean twins that must raise nothing, the graph, the CLI and the API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal
from typer.testing import CliRunner

from api.app import create_app
from api.settings import Settings
from kg.audit import Finding, audit, audit_quads
from kg.cli import app as cli_app
from kg.namespaces import PROV, RDF, SG
from kg.pipeline import build_dataset, write_trig_atomically
from kg.validate import validate_dataset
from loaders.document import Document, parse_document
from loaders.extract import extract_facts
from tests.fixture_graph import assert_problem

HEAD = "柳州职业技术学院 “双高计划”中期自评报告\n\n2022年5月\n\n一、建设成效\n\n"
CLEAN_BODY = """学校完成建设任务情况良好。2019-2021 年度建设任务 22 项，完成任务 21 项，完成率 95.45%。

学校牵头组建的职教集团共有成员单位 103 家，其中高职院校 22 家、企业 73 家、科研机构 3 家、其他组织 5 家。

学校设有 8 个二级学院：机电学院、汽车学院、建筑学院、医学院、艺术学院、会计学院、商学院、信息学院。

三年来，学校技术服务到款额达到 5922 万元。

二、服务发展

学校服务区域产业发展。三年来，累计发表学术论文 476 篇，其中核心期刊论文 4 篇、EI 论文 2 篇。

表 1 项目任务完成情况

序号\t项目名称\t任务数\t完成数\t完成率
1\t加强党的建设\t7\t7\t100.00%
2\t打造人才培养高地\t19\t17\t89.47%
合计\t\t26\t24\t92.31%

表 2 资金执行情况（单位：万元）

资金来源\t预算\t实际执行\t执行率
中央财政\t1200\t1200\t100%
地方财政\t1000\t990\t99%
合计\t2200\t2190\t99.55%

表 3 科研课题情况

级别\t单位\t2022年\t2023年\t合计
国家级\t项\t1\t1\t2
省级\t项\t30\t27\t57
"""
# Each planted contradiction: (kind, the clean text, the text that contradicts it, a word of the arithmetic).
PLANTED = [
    ("rate-parts", "完成率 95.45%", "完成率 94.45%", "95.45%"),
    ("total-parts", "成员单位 103 家", "成员单位 110 家", "= 103家"),
    ("count-list", "设有 8 个二级学院", "设有 9 个二级学院", "items listed 8"),
    ("repeated-figure", "学校服务区域产业发展。三年来，", "学校服务区域产业发展。三年来，技术服务到款额达到 937 万元，",
     "5922万元"),
    ("table-total", "合计\t\t26\t24\t92.31%", "合计\t\t26\t25\t96.15%", "= 24"),
    ("table-total", "省级\t项\t30\t27\t57", "省级\t项\t30\t27\t58", "30 + 27 = 57"),
    ("funding-rate", "地方财政\t1000\t990\t99%", "地方财政\t1000\t990\t95%", "990/1000 = 99.00%"),
    ("funding-rate", "合计\t2200\t2190\t99.55%", "合计\t2200\t2190\t99.54%", "2190/2200 = 99.5455% (cut, not rounded)"),
]


def read(text: str, name: str = "planted.txt") -> tuple[Document, object]:
    doc = parse_document(text.encode("utf-8"), name)
    return doc, extract_facts(doc, strict=True)


def audit_text(body: str) -> list[Finding]:
    doc, facts = read(HEAD + body)
    return audit([doc], [facts])


def test_a_clean_report_raises_nothing() -> None:
    assert audit_text(CLEAN_BODY) == []


@pytest.mark.parametrize(("kind", "clean", "planted", "arithmetic"), PLANTED, ids=[p[0] + "-" + p[3] for p in PLANTED])
def test_each_planted_contradiction_is_found_with_its_arithmetic_and_evidence(kind: str, clean: str, planted: str,
                                                                               arithmetic: str) -> None:
    assert clean in CLEAN_BODY
    findings = audit_text(CLEAN_BODY.replace(clean, planted, 1))
    assert [f.kind for f in findings] == [kind], [f.arithmetic for f in findings]
    found = findings[0]
    assert arithmetic in found.arithmetic
    assert found.tolerance and found.severity in {"high", "medium", "low"}
    assert len(found.sides) >= 2
    text = (HEAD + CLEAN_BODY.replace(clean, planted, 1))
    for side in found.sides:  # every side's evidence is the text at its offsets, on its line
        assert text[side.evidence.start:side.evidence.end] == side.evidence.quote
        assert text.count("\n", 0, side.evidence.start) + 1 == side.evidence.line


def test_an_open_list_after_qizhong_is_no_contradiction() -> None:
    """476 篇，其中核心期刊 4 篇、EI 2 篇: the parts name only some of the whole."""
    assert not [f for f in audit_text(CLEAN_BODY) if f.kind == "total-parts"]


def test_a_rate_capped_at_100_percent_is_not_raised() -> None:
    body = CLEAN_BODY.replace("完成任务 21 项，完成率 95.45%", "完成任务 23 项，完成率 100%")
    assert audit_text(body) == []


def test_a_count_with_an_open_list_is_not_raised() -> None:
    body = CLEAN_BODY.replace("信息学院。", "信息学院等。").replace("设有 8 个", "设有 9 个")
    assert audit_text(body) == []


def test_two_values_in_one_paragraph_are_two_things_not_a_contradiction() -> None:
    body = CLEAN_BODY.replace("达到 5922 万元。", "达到 5922 万元；专业群技术服务到款额达到 937 万元。")
    assert audit_text(body) == []


def test_sister_reports_of_one_school_disagreeing_on_one_year_are_found() -> None:
    annual_2023 = "柳州职业技术学院 2023年质量年度报告\n\n2024年1月\n\n一、服务贡献\n\n学校服务区域产业发展。2022 年，学校技术服务到款额达到 900 万元。\n"
    annual_2022 = annual_2023.replace("2023年质量", "2022年质量").replace("2024年1月", "2023年1月").replace("900", "950")
    (a, fa), (b, fb) = read(annual_2023, "a.txt"), read(annual_2022, "b.txt")
    findings = audit([a, b], [fa, fb])
    assert [f.kind for f in findings] == ["repeated-figure"]
    assert set(findings[0].reports) == {a.key, b.key}
    assert "950万元" in findings[0].arithmetic and "900万元" in findings[0].arithmetic
    same_values = read(annual_2022.replace("950", "900"), "b.txt")
    assert audit([a, same_values[0]], [fa, same_values[1]]) == []


# ---------------------------------------------------------------- the graph

@pytest.fixture(scope="module")
def planted_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("audit-reports")
    body = CLEAN_BODY
    for _kind, clean, planted, _ in PLANTED[:5]:
        body = body.replace(clean, planted, 1)
    (folder / "planted.txt").write_text(HEAD + body, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def trig(planted_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = build_dataset(sorted(planted_folder.glob("*.txt")))
    return write_trig_atomically(result.dataset, tmp_path_factory.mktemp("audit-graph") / "kg.trig")


def test_the_build_puts_each_finding_in_the_report_graph_linked_to_its_evidence_and_figures(planted_folder) -> None:
    result = build_dataset(sorted(planted_folder.glob("*.txt")))
    doc = result.documents[0]
    graph = result.dataset.graph(f"https://w3id.org/sgkg/graph/{doc.key}")
    nodes = set(graph.subjects(RDF.type, SG.Inconsistency))
    assert len(nodes) == 5
    for node in nodes:
        assert len(set(graph.objects(node, PROV.wasDerivedFrom))) >= 2
        assert all((ev, RDF.type, SG.Evidence) in graph for ev in graph.objects(node, PROV.wasDerivedFrom))
        assert graph.value(node, SG.tolerance) and graph.value(node, SG.arithmetic)
    kinds = {str(graph.value(n, SG.inconsistencyKind)) for n in nodes}
    assert kinds == {"rate-parts", "total-parts", "count-list", "repeated-figure", "table-total"}
    compared = {fig for n in nodes for fig in graph.objects(n, SG.compares)}
    assert compared and all((fig, RDF.type, SG.Metric) in graph or (fig, RDF.type, SG.FundingRecord) in graph
                            for fig in compared)
    report = validate_dataset(result.dataset)
    assert not [r for r in report.results if r.severity == "Violation" and "Inconsistency" in str(r)], report.results


def test_audit_quads_are_deterministic(planted_folder) -> None:
    doc, facts = read((planted_folder / "planted.txt").read_text(encoding="utf-8"))
    first = sorted(audit_quads(audit([doc], [facts])))
    assert first == sorted(audit_quads(audit([doc], [facts])))
    assert any(o == Literal("table-total") for _, _, o, _ in first)


# ---------------------------------------------------------------- the CLI

@pytest.mark.parametrize("output_format", ["text", "csv", "json", "html"])
def test_the_cli_prints_every_finding_in_each_format(planted_folder, output_format: str) -> None:
    result = CliRunner().invoke(cli_app, ["audit", "--reports", str(planted_folder), "--format", output_format])
    assert result.exit_code == 0, result.output
    if output_format == "json":
        body = json.loads(result.output)
        assert body["total"] == 5 and {f["kind"] for f in body["items"]} >= {"count-list", "total-parts"}
        assert all(s["quote"] and s["line"] for f in body["items"] for s in f["sides"])
    elif output_format == "csv":
        assert result.output.splitlines()[0].startswith("id,kind,severity") and len(result.output.splitlines()) == 6
    elif output_format == "html":
        assert "自洽性审查" in result.output and "Self-consistency audit" in result.output
        assert result.output.count('class="finding"') == 5
    else:
        assert "items listed 8" in result.output and "tolerance:" in result.output


def test_the_cli_takes_a_file_name_or_a_key_and_refuses_an_unknown_report(planted_folder) -> None:
    runner = CliRunner()
    by_name = runner.invoke(cli_app, ["audit", "--reports", str(planted_folder), "--report", "planted.txt",
                                      "-f", "json"])
    key = json.loads(by_name.output)["items"][0]["report"]
    by_key = runner.invoke(cli_app, ["audit", "--reports", str(planted_folder), "--report", key, "-f", "json"])
    assert by_name.output == by_key.output
    unknown = runner.invoke(cli_app, ["audit", "--reports", str(planted_folder), "--report", "nope.txt"])
    assert unknown.exit_code == 2 and "names no report" in unknown.output


# ---------------------------------------------------------------- the API

@pytest.fixture(scope="module")
def client(trig: Path, planted_folder: Path) -> Iterator[TestClient]:
    settings = Settings(graph=trig, reports_dir=planted_folder, workers=1, queries_dir=trig.parent / "no-queries")
    with TestClient(create_app(settings)) as c:
        yield c


def test_api_lists_the_findings_with_evidence_and_filters(client: TestClient) -> None:
    body = client.get("/api/inconsistencies").json()
    assert body["total"] == 5 and sum(body["by_kind"].values()) == 5
    finding = body["items"][0]
    assert finding["evidence"] and finding["arithmetic"] and finding["tolerance"] and finding["kind_en"]
    key = finding["reports"][0]
    assert client.get("/api/inconsistencies", params={"report": key}).json()["total"] == 5
    assert client.get("/api/inconsistencies", params={"kind": "count-list"}).json()["total"] == 1
    assert client.get("/api/inconsistencies", params={"school": "4145012104"}).json()["total"] == 5
    assert client.get("/api/inconsistencies", params={"school": "柳州"}).json()["total"] == 5


def test_api_bad_filters_are_problems(client: TestClient) -> None:
    assert_problem(client.get("/api/inconsistencies", params={"kind": "nonsense"}), 422)
    assert_problem(client.get("/api/inconsistencies", params={"report": "9999999999-midterm-self-evaluation-2022"}), 404)
    assert_problem(client.get("/reports/9999999999-midterm-self-evaluation-2022/audit"), 404)


def test_the_pages_show_each_finding_in_both_languages(client: TestClient) -> None:
    key = client.get("/api/inconsistencies").json()["items"][0]["reports"][0]
    for path in ("/audit", f"/reports/{key}/audit"):
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "自洽性审查" in page.text and "Self-consistency audit" in page.text
        assert page.text.count('class="finding"') == 5
