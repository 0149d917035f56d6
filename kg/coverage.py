"""What the graph does not know: the sentences and numeric table cells of a report that produced no fact.

A sentence or a numeric table cell is *covered* when the evidence span of some extracted node or
link overlaps it (half-open character ranges into the decoded file); otherwise it is listed as
uncovered. Everything is counted per section — the heading path the sentence or table sits
under — and for the whole report. ``coverage_of(doc, facts)`` is pure; the CLI (``sgkg
coverage``), the API (``/api/reports/{key}/coverage``) and the tests share its answer, and
:func:`coverage_dict` is the one JSON shape of it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar, get_args

from loaders.document.model import Document, Heading, ReportKind
from loaders.extract import extract_facts
from loaders.extract.numbers import parse_decimal, parse_percent
from loaders.facts import Evidence, Facts

Interval = tuple[int, int]  # [start, end) offsets into the decoded text
SectionPath = tuple[str, ...]  # heading titles, outermost first; () = before the first heading
BEFORE_FIRST_HEADING = "（首个标题之前 · before the first heading）"
SECTION_SEPARATOR = " › "
REPORT_KEY = re.compile(rf"^\d{{10}}-(?:{'|'.join(map(re.escape, get_args(ReportKind)))})-(?:\d{{4}}|undated)$")
REPORT_KEY_EXAMPLE = "4145012104-midterm-self-evaluation-2022"


def is_report_key(text: str) -> bool:
    """Whether ``text`` has the shape of a report key (``{school code}-{kind}-{year}``, see ``Document.key``)."""
    return REPORT_KEY.fullmatch(text) is not None


# ---------------------------------------------------------------- values

@dataclass(frozen=True, slots=True)
class Tally:
    covered: int
    total: int

    @property
    def uncovered(self) -> int:
        return self.total - self.covered

    @property
    def percent(self) -> float | None:
        """Share covered, in percent (one decimal); None when there is nothing to cover."""
        return round(100 * self.covered / self.total, 1) if self.total else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.covered + other.covered, self.total + other.total)


@dataclass(frozen=True, slots=True)
class ReportSentence:
    """A sentence of the report: ``text`` is its normalised reading, ``start``/``end`` its raw span."""

    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class NumericCell:
    """A table cell whose text is a number or a percentage; ``row`` is 1-based among the body rows."""

    line: int
    start: int
    end: int
    text: str
    table: str  # the table's printed number (``2-2``)
    table_title: str
    row: int
    column: str  # the header of the cell's column ('' when the header is shorter than the row)


Item = TypeVar("Item", ReportSentence, NumericCell)


@dataclass(frozen=True, slots=True)
class SectionCoverage:
    path: SectionPath
    sentences: Tally
    numeric_cells: Tally
    uncovered_sentences: tuple[ReportSentence, ...]
    uncovered_cells: tuple[NumericCell, ...]

    @property
    def title(self) -> str:
        return section_title(self.path)


@dataclass(frozen=True, slots=True)
class CoverageReport:
    report: str  # report key
    file_name: str
    sha256: str
    sentences: Tally
    numeric_cells: Tally
    sections: tuple[SectionCoverage, ...]  # in order of first appearance in the report


# ---------------------------------------------------------------- spans and overlap

def merge_intervals(spans: Iterable[Interval]) -> list[Interval]:
    """Sorted, disjoint intervals covering exactly the union of ``spans`` (empty spans kept as points)."""
    merged: list[Interval] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def overlaps_any(merged: list[Interval], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the ``merged`` intervals (``starts`` = their start offsets).

    The intervals are disjoint and sorted, so the last one starting before ``end`` reaches furthest.
    """
    index = bisect_left(starts, end) - 1
    return index >= 0 and merged[index][1] > start


def evidence_of(facts: Facts) -> Iterator[Evidence]:
    """Every evidence of every node and link of the report's facts."""
    for node in facts.nodes.values():
        yield from node.evidence
    for link in facts.links.values():
        yield from link.evidence


def evidence_intervals(facts: Facts) -> list[Interval]:
    return merge_intervals((ev.start, ev.end) for ev in evidence_of(facts) if ev.report == facts.report)


# ---------------------------------------------------------------- what there is to cover

def section_path(heading: Heading | None) -> SectionPath:
    return () if heading is None else (*heading.path, heading.title)


def section_title(path: SectionPath) -> str:
    return SECTION_SEPARATOR.join(path) if path else BEFORE_FIRST_HEADING


def is_numeric(text: str) -> bool:
    """A number as :func:`parse_decimal` reads it (``74,610``, ``3.5万``, ``十二``) or a percentage (``93.60%``)."""
    return parse_decimal(text) is not None or parse_percent(text) is not None


def report_sentences(doc: Document) -> Iterator[tuple[SectionPath, ReportSentence]]:
    for paragraph in doc.paragraphs:
        section = section_path(paragraph.heading)
        for sentence in paragraph.sentences:
            yield section, ReportSentence(sentence.line, sentence.start, sentence.end, sentence.norm)


def numeric_cells(doc: Document) -> Iterator[tuple[SectionPath, NumericCell]]:
    for table in doc.tables:
        section = section_path(table.heading)
        for row_number, row in enumerate(table.rows, start=1):
            for column, cell in enumerate(row.cells):
                if is_numeric(cell.norm):
                    header = table.header[column] if column < len(table.header) else ""
                    yield section, NumericCell(cell.line, cell.start, cell.end, cell.norm, table.number, table.title,
                                               row_number, header)


# ---------------------------------------------------------------- the answer

def coverage_of(doc: Document, facts: Facts) -> CoverageReport:
    """Which sentences and numeric table cells of ``doc`` no evidence in ``facts`` overlaps, per section."""
    covers = overlap_test(evidence_intervals(facts))
    sentences = by_section(report_sentences(doc), covers)
    cells = by_section(numeric_cells(doc), covers)
    sections = tuple(section_coverage(path, sentences.get(path, []), cells.get(path, []))
                     for path in in_order_of_appearance(sentences, cells))
    return CoverageReport(
        report=doc.key, file_name=doc.file_name, sha256=doc.sha256,
        sentences=sum((s.sentences for s in sections), Tally(0, 0)),
        numeric_cells=sum((s.numeric_cells for s in sections), Tally(0, 0)),
        sections=sections,
    )


def overlap_test(merged: list[Interval]) -> Callable[[int, int], bool]:
    """``covers(start, end)``: whether [start, end) overlaps one of the ``merged`` intervals."""
    starts = [start for start, _ in merged]
    return lambda start, end: overlaps_any(merged, starts, start, end)


def by_section(items: Iterable[tuple[SectionPath, Item]],
               covers: Callable[[int, int], bool]) -> dict[SectionPath, list[tuple[Item, bool]]]:
    """Each item with whether it is covered, grouped by section (document order kept inside a section)."""
    grouped: dict[SectionPath, list[tuple[Item, bool]]] = {}
    for section, item in items:
        grouped.setdefault(section, []).append((item, covers(item.start, item.end)))
    return grouped


def in_order_of_appearance(*groups: dict[SectionPath, list[tuple[Any, bool]]]) -> list[SectionPath]:
    """Every section of the groups, ordered by where its first sentence or cell is printed."""
    first_offset: dict[SectionPath, int] = {}
    for group in groups:
        for path, placed in group.items():
            first_item, _ = placed[0]
            first_offset[path] = min(first_offset.get(path, first_item.start), first_item.start)
    return sorted(first_offset, key=first_offset.__getitem__)


def section_coverage(path: SectionPath, sentences: list[tuple[ReportSentence, bool]],
                     cells: list[tuple[NumericCell, bool]]) -> SectionCoverage:
    return SectionCoverage(
        path=path,
        sentences=tally(covered for _, covered in sentences),
        numeric_cells=tally(covered for _, covered in cells),
        uncovered_sentences=tuple(s for s, covered in sentences if not covered),
        uncovered_cells=tuple(c for c, covered in cells if not covered),
    )


def tally(flags: Iterable[bool]) -> Tally:
    flags = list(flags)
    return Tally(sum(flags), len(flags))


def report_coverage(doc: Document) -> CoverageReport:
    """The coverage of ``doc`` by what the recognisers extract from it."""
    return coverage_of(doc, extract_facts(doc))


# ---------------------------------------------------------------- JSON

def tally_dict(tally: Tally) -> dict[str, Any]:
    return {"covered": tally.covered, "total": tally.total, "uncovered": tally.uncovered, "percent": tally.percent}


def sentence_dict(sentence: ReportSentence) -> dict[str, Any]:
    return {"line": sentence.line, "start": sentence.start, "end": sentence.end, "text": sentence.text}


def cell_dict(cell: NumericCell) -> dict[str, Any]:
    return {"line": cell.line, "start": cell.start, "end": cell.end, "text": cell.text, "table": cell.table,
            "table_title": cell.table_title, "row": cell.row, "column": cell.column}


def section_dict(section: SectionCoverage, *, items: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"path": list(section.path), "title": section.title,
                           "sentences": tally_dict(section.sentences),
                           "numeric_cells": tally_dict(section.numeric_cells)}
    if items:
        out["uncovered_sentences"] = [sentence_dict(s) for s in section.uncovered_sentences]
        out["uncovered_cells"] = [cell_dict(c) for c in section.uncovered_cells]
    return out


def coverage_dict(report: CoverageReport, *, items: bool = True) -> dict[str, Any]:
    """The JSON form (the API answers the same); ``items=False`` keeps the counts only."""
    return {"report": report.report, "file_name": report.file_name, "sha256": report.sha256,
            "sentences": tally_dict(report.sentences), "numeric_cells": tally_dict(report.numeric_cells),
            "sections": [section_dict(s, items=items) for s in report.sections]}
