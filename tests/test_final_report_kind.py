"""The final performance self-evaluation (绩效自评报告 of a whole 双高 round, 2019—2023) is a report
kind of its own, read from the report's title or text — never from its file name."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from rdflib import Literal

from kg.ids import graph_iri, iri
from kg.namespaces import SG
from kg.pipeline import report_triples
from kg.validate import validate_dataset
from loaders.document import load_document, parse_document
from loaders.document.model import ReportKind
from tests.conftest import REPORTS
from tests.shape_samples import REPORT_KEY, sample_dataset

UNSEEN_FINAL = Path(__file__).parent / "fixtures" / "unseen" / "u09_jinhua_final.txt"
CORPUS_KINDS = {
    "000_2398f67fa0e2142e.txt": ("midterm-self-evaluation", "2019-2021"),
    "001_0d6d81e4e345128e.txt": ("annual-quality-report", "2023"),
    "002_55737fc9392e7194.txt": ("midterm-self-evaluation", "2019-2021"),
    "003_f871cb208ab6dbba.txt": ("midterm-self-evaluation", "2019-2021"),
    "004_5862d34a0cf86c05.txt": ("midterm-self-evaluation", "2019-2021"),
}


def _kind_of(cover: str, file_name: str = "synthetic.txt") -> tuple[str, str | None]:
    text = f"无锡职业技术学院\n\n{cover}\n\n一、学校概况\n\n学校坐落于无锡市。\n"
    meta = parse_document(text.encode(), file_name).meta
    return meta.kind, meta.period


def test_final_is_a_report_kind() -> None:
    assert "final-self-evaluation" in get_args(ReportKind)


def test_the_unseen_final_self_evaluation_is_read_as_one() -> None:
    doc = load_document(UNSEEN_FINAL)
    assert (doc.meta.kind, doc.meta.period) == ("final-self-evaluation", "2019-2023")
    assert doc.key == f"{doc.meta.school_code}-final-self-evaluation-{doc.meta.year}"


@pytest.mark.parametrize("name", sorted(CORPUS_KINDS))
def test_corpus_reports_keep_their_kinds(name: str) -> None:
    meta = load_document(REPORTS / name).meta
    assert (meta.kind, meta.period) == CORPUS_KINDS[name]


@pytest.mark.parametrize(("cover", "kind", "period"), [
    ("“双高计划”建设绩效自评报告\n\n（2019—2023年）\n\n二〇二四年三月", "final-self-evaluation", "2019-2023"),
    ("中国特色高水平高职学校和专业建设计划\n绩效评价自评报告\n\n（2019-2023年）", "final-self-evaluation", "2019-2023"),
    ("“双高计划”终期绩效自评报告", "final-self-evaluation", None),
    ("“双高计划”建设期满绩效自评报告", "final-self-evaluation", None),
    ("“双高计划”建设绩效自评报告", "final-self-evaluation", None),
    # a self-evaluation naming no stage but covering the first three years is the mid-term one
    ("“双高计划”建设绩效自评报告\n\n（2019—2021年）", "midterm-self-evaluation", "2019-2021"),
    ("“双高计划”建设中期绩效自评报告\n\n（2019—2021年）", "midterm-self-evaluation", "2019-2021"),
    ("高等职业教育质量年度报告\n\n（2023年度）", "annual-quality-report", "2023"),
    ("学校章程", "other", None),
])
def test_kind_is_read_from_the_title(cover: str, kind: str, period: str | None) -> None:
    assert _kind_of(cover) == (kind, period)


def test_the_file_name_does_not_decide_the_kind() -> None:
    cover = "“双高计划”建设绩效自评报告\n\n（2019—2023年）"
    assert _kind_of(cover, "u01_midterm.txt") == _kind_of(cover, "annual_quality_report.txt") == (
        "final-self-evaluation", "2019-2023")


def test_the_report_node_carries_the_kind() -> None:
    doc = load_document(UNSEEN_FINAL)
    report = iri("Report", doc.key)
    assert (report, SG.reportKind, Literal("final-self-evaluation")) in set(report_triples(doc))


@pytest.mark.parametrize(("kind", "violations"), [("final-self-evaluation", 0), ("final", 1)])
def test_the_report_shape_accepts_the_final_kind(kind: str, violations: int) -> None:
    ds = sample_dataset()
    report, graph = iri("Report", REPORT_KEY), graph_iri(REPORT_KEY)
    ds.remove((report, SG.reportKind, None, graph))
    ds.add((report, SG.reportKind, Literal(kind), graph))
    result = validate_dataset(ds)
    assert result.violations == violations, result.text()
