"""``sgkg coverage`` and ``kg.coverage``: the sentences and numeric cells no fact's evidence overlaps."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.coverage import (
    CoverageReport,
    Tally,
    coverage_of,
    is_numeric,
    is_report_key,
    merge_intervals,
    overlap_test,
    report_coverage,
)
from loaders.document import Document, load_document, parse_document
from loaders.facts import Evidence, Facts, Node, NodeRef
from tests.conftest import REPORTS
from tests.coverage_sample import (
    COVERED_SENTENCE,
    SAMPLE_REPORT,
    SECTION,
    TABLE_SECTION,
    UNCOVERED_SENTENCE,
    write_sample,
)

runner = CliRunner()
CORPUS_FILE = "003_f871cb208ab6dbba.txt"
TABLES_FILE = "000_2398f67fa0e2142e.txt"  # a report with numeric tables


def sample_doc() -> Document:
    return parse_document(SAMPLE_REPORT.encode(), "sample_report.txt")


def evidence_at(doc: Document, text: str, *, inner: slice = slice(None)) -> Evidence:
    """Evidence quoting ``text`` (or a slice of it) where the report prints it."""
    start = doc.text.index(text)
    begin, end, _ = inner.indices(len(text))
    return Evidence(doc.key, start + begin, start + end, doc.line_of(start), text[inner])


def facts_with(doc: Document, *evidence: Evidence) -> Facts:
    facts = Facts(doc.key)
    for number, ev in enumerate(evidence):
        facts.node(Node("Metric", f"m{number}", "figure", evidence=[ev]))
    return facts


def uncovered_texts(report: CoverageReport) -> list[str]:
    return [s.text for section in report.sections for s in section.uncovered_sentences]


def invoke_json(*args: str) -> dict:
    result = runner.invoke(app, ["coverage", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assert_sections_add_up(answer: dict) -> None:
    for kind in ("sentences", "numeric_cells"):
        total = answer[kind]
        assert total["covered"] + total["uncovered"] == total["total"]
        assert sum(s[kind]["total"] for s in answer["sections"]) == total["total"]
        assert sum(s[kind]["covered"] for s in answer["sections"]) == total["covered"]
    for section in answer["sections"]:
        if "uncovered_sentences" in section:
            assert len(section["uncovered_sentences"]) == section["sentences"]["uncovered"]
            assert len(section["uncovered_cells"]) == section["numeric_cells"]["uncovered"]


# ---------------------------------------------------------------- the pure computation

def test_a_sentence_any_evidence_overlaps_is_covered_the_other_is_listed() -> None:
    doc = sample_doc()
    report = coverage_of(doc, facts_with(doc, evidence_at(doc, COVERED_SENTENCE, inner=slice(3, 15))))
    assert UNCOVERED_SENTENCE in uncovered_texts(report)
    assert COVERED_SENTENCE not in uncovered_texts(report)
    (section,) = [s for s in report.sections if s.path == (SECTION,)]
    assert section.sentences == Tally(covered=1, total=2)
    (listed,) = section.uncovered_sentences
    assert doc.text[listed.start:listed.end] == UNCOVERED_SENTENCE and listed.line == doc.line_of(listed.start)


def test_evidence_that_ends_where_a_sentence_starts_does_not_cover_it() -> None:
    doc = sample_doc()
    report = coverage_of(doc, facts_with(doc, evidence_at(doc, COVERED_SENTENCE)))  # ends at the next one's start
    assert UNCOVERED_SENTENCE in uncovered_texts(report)


def test_link_evidence_counts_as_well_as_node_evidence() -> None:
    doc = sample_doc()
    facts = Facts(doc.key)
    facts.link(NodeRef("School", "1"), "partner", NodeRef("Enterprise", "x"), [evidence_at(doc, UNCOVERED_SENTENCE)])
    assert UNCOVERED_SENTENCE not in uncovered_texts(coverage_of(doc, facts))


def test_numeric_cells_are_counted_and_listed_by_table_row_and_column() -> None:
    doc = sample_doc()
    report = coverage_of(doc, facts_with(doc, evidence_at(doc, "120")))
    (section,) = [s for s in report.sections if s.path == (TABLE_SECTION,)]
    assert section.numeric_cells == Tally(covered=1, total=4)  # 120, 58.5%, 85, 41.5%; not 东区 / 西区
    assert [(c.text, c.row, c.column, c.table) for c in section.uncovered_cells] == [
        ("58.5%", 1, "占比", "1"), ("85", 2, "树木", "1"), ("41.5%", 2, "占比", "1")]
    assert all(doc.text[c.start:c.end] == c.text for c in section.uncovered_cells)


def test_without_facts_nothing_is_covered_and_sections_follow_the_report() -> None:
    doc = sample_doc()
    report = coverage_of(doc, Facts(doc.key))
    assert report.sentences == Tally(0, len(doc.sentences)) and report.numeric_cells.covered == 0
    assert [s.path for s in report.sections] == [(), (SECTION,), (TABLE_SECTION,)]


def test_evidence_of_another_report_covers_nothing() -> None:
    doc = sample_doc()
    ev = evidence_at(doc, UNCOVERED_SENTENCE)
    facts = Facts(doc.key)
    facts.node(Node("Metric", "m", "figure", evidence=[Evidence("other-report", ev.start, ev.end, ev.line, ev.quote)]))
    assert UNCOVERED_SENTENCE in uncovered_texts(coverage_of(doc, facts))


def test_intervals_merge_and_overlap_half_open() -> None:
    merged = merge_intervals([(10, 20), (0, 5), (15, 30), (30, 31)])
    assert merged == [(0, 5), (10, 30), (30, 31)]
    covers = overlap_test(merged)
    assert covers(4, 6) and covers(29, 40) and covers(12, 13)
    assert not covers(5, 10) and not covers(31, 50)
    assert not overlap_test([])(0, 100)


@pytest.mark.parametrize(("text", "numeric"), [("74,610", True), ("93.60%", True), ("3.5万", True), ("十二", True),
                                                ("0", True), ("东区", False), ("", False), ("2019-2021", False)])
def test_what_counts_as_a_numeric_cell(text: str, numeric: bool) -> None:
    assert is_numeric(text) is numeric


def test_report_keys_are_recognised_by_shape() -> None:
    assert is_report_key("4145012104-midterm-self-evaluation-undated")
    assert is_report_key("4123012911-annual-quality-report-2023")
    assert not is_report_key("4123012911-annual-quality-report-2023.txt") and not is_report_key("../etc/passwd")


def test_corpus_report_with_tables_counts_every_numeric_cell() -> None:
    doc = load_document(REPORTS / TABLES_FILE)
    report = report_coverage(doc)
    cells = [c for t in doc.tables for r in t.rows for c in r.cells if is_numeric(c.norm)]
    assert report.numeric_cells.total == len(cells) > 0
    assert 0 < report.numeric_cells.covered <= report.numeric_cells.total


# ---------------------------------------------------------------- the command

def test_cli_lists_the_sentence_that_gave_no_fact_and_not_the_one_that_did(tmp_path: Path) -> None:
    answer = invoke_json(str(write_sample(tmp_path)))
    (section,) = [s for s in answer["sections"] if s["path"] == [SECTION]]
    listed = [s["text"] for s in section["uncovered_sentences"]]
    assert UNCOVERED_SENTENCE in listed and COVERED_SENTENCE not in listed
    assert section["sentences"]["total"] == 2 and section["sentences"]["covered"] == 1
    assert_sections_add_up(answer)


def test_cli_corpus_report_by_file_name_totals_match_the_document() -> None:
    doc = load_document(REPORTS / CORPUS_FILE)
    answer = invoke_json(CORPUS_FILE)
    assert answer["report"] == doc.key and answer["file_name"] == CORPUS_FILE and answer["sha256"] == doc.sha256
    assert answer["sentences"]["total"] == len(doc.sentences)
    assert 0 < answer["sentences"]["covered"] < len(doc.sentences)
    assert answer["numeric_cells"] == {"covered": 0, "total": 0, "uncovered": 0, "percent": None}  # no tables
    assert_sections_add_up(answer)
    norms = {(s.start, s.end): s.norm for s in doc.sentences}
    for section in answer["sections"]:
        for sentence in section["uncovered_sentences"]:
            assert norms[(sentence["start"], sentence["end"])] == sentence["text"]
            assert sentence["line"] == doc.line_of(sentence["start"])


def test_cli_report_key_and_path_give_the_same_answer() -> None:
    key = load_document(REPORTS / CORPUS_FILE).key
    assert invoke_json(key) == invoke_json(str(REPORTS / CORPUS_FILE))


def test_cli_finds_a_key_in_another_reports_folder(tmp_path: Path) -> None:
    key = sample_doc().key
    write_sample(tmp_path)
    assert invoke_json(key, "--reports", str(tmp_path))["report"] == key


def test_cli_unknown_key_exits_non_zero_and_lists_the_reports_there(tmp_path: Path) -> None:
    write_sample(tmp_path)
    result = runner.invoke(app, ["coverage", "9999999999-midterm-self-evaluation-2022", "--reports", str(tmp_path)])
    assert result.exit_code == 2
    assert "9999999999-midterm-self-evaluation-2022" in result.stderr and sample_doc().key in result.stderr
    assert result.stdout == ""


def test_cli_unknown_name_says_what_report_may_be() -> None:
    result = runner.invoke(app, ["coverage", "no-such-report.txt"])
    assert result.exit_code == 2
    assert "'no-such-report.txt' names no report" in result.stderr
    assert "file path" in result.stderr and "report key" in result.stderr


def test_cli_bad_file_names_the_file_and_the_reason(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["coverage", str(empty)])
    assert result.exit_code == 2 and "empty.txt" in result.stderr


def test_cli_text_shows_totals_sections_and_lines(tmp_path: Path) -> None:
    result = runner.invoke(app, ["coverage", str(write_sample(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "sentences: " in result.stdout and "numeric table cells: " in result.stdout
    assert f"## {SECTION} — sentences 1/2" in result.stdout
    line = sample_doc().line_of(SAMPLE_REPORT.index(UNCOVERED_SENTENCE))
    assert f"L{line}  {UNCOVERED_SENTENCE}" in result.stdout


def test_cli_section_option_gives_counts_only(tmp_path: Path) -> None:
    sample = str(write_sample(tmp_path))
    answer = invoke_json(sample, "--section")
    assert all("uncovered_sentences" not in s for s in answer["sections"])
    assert_sections_add_up(answer)
    text = runner.invoke(app, ["coverage", sample, "--section"]).stdout
    assert f"## {SECTION} — sentences 1/2" in text and UNCOVERED_SENTENCE not in text
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["coverage", sample, "--section", "--format", "csv"])
                                           .stdout)))
    assert [r["section"] for r in rows][1:] == [SECTION, TABLE_SECTION]
    assert sum(int(r["sentences_total"]) for r in rows) == answer["sentences"]["total"]


def test_cli_csv_has_one_row_per_uncovered_item(tmp_path: Path) -> None:
    sample = str(write_sample(tmp_path))
    result = runner.invoke(app, ["coverage", sample, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    answer = invoke_json(sample)
    assert len(rows) == answer["sentences"]["uncovered"] + answer["numeric_cells"]["uncovered"]
    assert {"kind": "sentence", "section": SECTION, "text": UNCOVERED_SENTENCE}.items() <= next(
        r for r in rows if r["text"] == UNCOVERED_SENTENCE).items()
