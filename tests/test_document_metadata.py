"""Report metadata read from each corpus report's text."""

from __future__ import annotations

import pytest

from loaders.document import parse_document
from tests.document_corpus import (
    ANNUAL_HARBIN,
    MIDTERM_HARBIN,
    MIDTERM_KUNMING,
    MIDTERM_LIUZHOU,
    MIDTERM_SHANXI,
    corpus_document,
)

EXPECTED = {
    MIDTERM_HARBIN: ("哈尔滨职业技术学院", "4123012911", "midterm-self-evaluation", "2019-2021", 2022, "2022年5月"),
    ANNUAL_HARBIN: ("哈尔滨职业技术学院", "4123012911", "annual-quality-report", "2023", 2023, None),
    MIDTERM_SHANXI: ("山西机电职业技术学院", "4114012888", "midterm-self-evaluation", "2019-2021", 2022, "2022年5月"),
    MIDTERM_LIUZHOU: ("柳州职业技术学院", "4145012104", "midterm-self-evaluation", "2019-2021", None, None),
    MIDTERM_KUNMING: ("昆明工业职业技术学院", "4153012393", "midterm-self-evaluation", "2019-2021", 2022, "二〇二二年五月"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_school_kind_period_and_date(name: str) -> None:
    meta = corpus_document(name).meta
    school, code, kind, period, year, date = EXPECTED[name]
    assert (meta.school_name, meta.school_code, meta.kind, meta.period, meta.year, meta.date) == (
        school, code, kind, period, year, date)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_school_evidence_quotes_the_name(name: str) -> None:
    doc = corpus_document(name)
    evidence = doc.meta.school_evidence
    assert evidence is not None
    assert doc.text[evidence.start:evidence.end] == doc.meta.school_name


def test_titles_are_read_from_the_title_page_or_the_named_report() -> None:
    assert corpus_document(MIDTERM_HARBIN).meta.title == "哈尔滨职业技术学院国家“双高计划”中期绩效自评报告"
    assert corpus_document(ANNUAL_HARBIN).meta.title == "哈尔滨职业技术学院高等职业教育质量发展年度报告（2023年度）"
    assert corpus_document(MIDTERM_SHANXI).meta.title == "山西机电职业技术学院“双高计划”中期绩效评价自评报告"
    assert corpus_document(MIDTERM_LIUZHOU).meta.title == "柳州职业技术学院“双高计划”中期自评报告"


def test_report_keys_distinguish_the_two_harbin_reports() -> None:
    assert corpus_document(MIDTERM_HARBIN).key == "4123012911-midterm-self-evaluation-2022"
    assert corpus_document(ANNUAL_HARBIN).key == "4123012911-annual-quality-report-2023"
    assert corpus_document(MIDTERM_LIUZHOU).key == "4145012104-midterm-self-evaluation-undated"


@pytest.mark.parametrize(("cover", "year", "date"), [
    ("高等职业教育质量年度报告\n\n（2023 年度）\n\n2024 年 1 月", 2024, "2024年1月"),
    ("“双高计划”建设中期绩效自评报告\n\n（2019—2021 年）\n\n2022 年 5 月", 2022, "2022年5月"),
    ("中期绩效自评报告\n\n二〇二二年六月", 2022, "二〇二二年六月"),
    ("“双高计划”建设中期绩效自评报告\n\n（2019—2021 年）", None, None),
])
def test_year_is_the_year_the_cover_prints(cover: str, year: int | None, date: str | None) -> None:
    text = f"无锡职业技术学院\n\n{cover}\n\n一、学校概况\n\n学校坐落于无锡市。\n"
    meta = parse_document(text.encode(), "synthetic.txt").meta
    assert (meta.year, meta.date) == (year, date)
