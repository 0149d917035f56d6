"""A figure is a claim of the report that states it: two reports of one school that disagree both load.

Two reports of 柳州职业技术学院 (a mid-term self-evaluation and an annual report) print the same funding
row and the same figure for the same period with different numbers. The build validates clean, quarantines
nothing, and each report's named graph keeps its own values; the school stays one node.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph

from kg.pipeline import build_graph

SG = "https://w3id.org/sgkg/ontology#"
MIDTERM = "柳州职业技术学院\n“双高计划”中期绩效自评报告\n2022年5月\n\n"
ANNUAL = "柳州职业技术学院\n高等职业教育质量年度报告（2023年度）\n2023年12月\n\n"
BODY = ("一、资金到位与执行\n\n"
        "表1 2019-2021年“双高计划”项目资金到位及执行情况（单位：万元）\n\n"
        "资金来源\t预算\t到位\t支出\n中央财政\t1000\t1000\t{spent}\n\n"
        "2019-2021年，学校开发教材{books}部。\n")


def test_two_reports_that_disagree_both_load_each_with_its_own_values(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(MIDTERM + BODY.format(spent=900, books=23), encoding="utf-8")
    (reports / "b.txt").write_text(ANNUAL + BODY.format(spent=950, books=25), encoding="utf-8")
    result = build_graph(sorted(reports.glob("*.txt")), tmp_path / "out")
    assert not result.bad_files and not result.quarantined and result.violations == 0, result.refused
    store = pyoxigraph.Store()
    store.load(path=str(result.written), format=pyoxigraph.RdfFormat.TRIG)
    rows = store.query(f"""SELECT ?file ?spent WHERE {{ GRAPH ?g {{
        ?r a <{SG}Report> ; <{SG}fileName> ?file .
        ?rec a <{SG}FundingRecord> ; <{SG}fundingSource> ?source ; <{SG}spent> ?spent }} }}""")
    assert {(r["file"].value, Decimal(r["spent"].value)) for r in rows} == {("a.txt", Decimal(900)), ("b.txt", Decimal(950))}
    books = store.query(f"""SELECT ?file ?value WHERE {{ GRAPH ?g {{
        ?r a <{SG}Report> ; <{SG}fileName> ?file .
        ?m a <{SG}Metric> ; <{SG}metricName> ?name ; <{SG}value> ?value FILTER(CONTAINS(?name, "教材")) }} }}""")
    assert {(r["file"].value, Decimal(r["value"].value)) for r in books} == {("a.txt", Decimal(23)), ("b.txt", Decimal(25))}
    schools = store.query(f"SELECT DISTINCT ?s WHERE {{ ?s a <{SG}School> }}", use_default_graph_as_union=True)
    assert len(list(schools)) == 1
