"""``sgkg coverage REPORT``: the sentences and numeric table cells of a report that produced no fact."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg.coverage import (
    REPORT_KEY_EXAMPLE,
    CoverageReport,
    NumericCell,
    ReportSentence,
    SectionCoverage,
    Tally,
    coverage_dict,
    is_report_key,
    report_coverage,
)
from loaders.document import Document, ReportError, load_document

DEFAULT_REPORTS = Path("data/reports")
REPORT_HELP = ("A report file path, a file name in the reports folder (003_f871cb208ab6dbba.txt), "
               f"or a report key ({REPORT_KEY_EXAMPLE}).")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class UnknownReport(LookupError):
    """REPORT names no report: the message says what was tried and what is accepted."""


# ---------------------------------------------------------------- which report

def find_report(ref: str, reports: Path) -> Document:
    """The document ``ref`` names: a path, a file name in ``reports``, or a report key of a file there."""
    for candidate in (Path(ref), reports / ref):
        if candidate.is_file():
            return load_document(candidate)
    if is_report_key(ref):
        return _document_with_key(ref, reports)
    raise UnknownReport(f"{ref!r} names no report: REPORT is a file path, a file name in {reports}, "
                        f"or a report key (like {REPORT_KEY_EXAMPLE})")


def _document_with_key(key: str, reports: Path) -> Document:
    if not reports.is_dir():
        raise UnknownReport(f"{key!r} looks like a report key, but the reports folder {reports} does not exist "
                            "(use --reports DIR)")
    seen: list[str] = []
    for path in sorted(reports.glob("*.txt")):
        try:
            doc = load_document(path)
        except ReportError:
            continue  # a bad file has no key; `sgkg build` names it
        if doc.key == key:
            return doc
        seen.append(f"{doc.key} ({path.name})")
    known = "; ".join(seen) or "none"
    raise UnknownReport(f"no report in {reports} has the key {key!r}. Reports there: {known}")


# ---------------------------------------------------------------- output

def tally_text(tally: Tally) -> str:
    share = f"{tally.percent}%" if tally.percent is not None else "—"
    return f"{tally.covered} / {tally.total} covered ({share})"


def summary_lines(report: CoverageReport) -> list[str]:
    return [f"report {report.report} ({report.file_name})",
            f"sentences: {tally_text(report.sentences)}",
            f"numeric table cells: {tally_text(report.numeric_cells)}"]


def section_heading(section: SectionCoverage) -> str:
    return (f"## {section.title} — sentences {section.sentences.covered}/{section.sentences.total}, "
            f"numeric cells {section.numeric_cells.covered}/{section.numeric_cells.total}")


def item_text(item: ReportSentence | NumericCell) -> str:
    if isinstance(item, NumericCell):
        return f"  L{item.line}  表 {item.table} row {item.row} · {item.column or '?'}: {item.text}"
    return f"  L{item.line}  {item.text}"


def section_items_text(section: SectionCoverage) -> Iterator[str]:
    """The section's uncovered sentences and cells, in the order the report prints them."""
    items = sorted([*section.uncovered_sentences, *section.uncovered_cells], key=lambda item: item.start)
    return (item_text(item) for item in items)


def render_text(report: CoverageReport, *, sections_only: bool) -> str:
    lines = summary_lines(report)
    for section in report.sections:
        lines.append("")
        lines.append(section_heading(section))
        if not sections_only:
            lines.extend(section_items_text(section))
    return "\n".join(lines) + "\n"


SECTION_COLUMNS = ["section", "sentences_covered", "sentences_total", "numeric_cells_covered", "numeric_cells_total"]
ITEM_COLUMNS = ["kind", "section", "line", "start", "end", "table", "row", "column", "text"]


def section_rows(report: CoverageReport) -> Iterator[list[object]]:
    for s in report.sections:
        yield [s.title, s.sentences.covered, s.sentences.total, s.numeric_cells.covered, s.numeric_cells.total]


def item_rows(report: CoverageReport) -> Iterator[list[object]]:
    for s in report.sections:
        for sentence in s.uncovered_sentences:
            yield ["sentence", s.title, sentence.line, sentence.start, sentence.end, "", "", "", sentence.text]
        for cell in s.uncovered_cells:
            yield ["numeric-cell", s.title, cell.line, cell.start, cell.end, cell.table, cell.row, cell.column,
                   cell.text]


def render_csv(report: CoverageReport, *, sections_only: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SECTION_COLUMNS if sections_only else ITEM_COLUMNS)
    writer.writerows(section_rows(report) if sections_only else item_rows(report))
    return out.getvalue()


def render_json(report: CoverageReport, *, sections_only: bool) -> str:
    return json.dumps(coverage_dict(report, items=not sections_only), ensure_ascii=False, indent=2) + "\n"


RENDERERS = {OutputFormat.text: render_text, OutputFormat.csv: render_csv, OutputFormat.json: render_json}


# ---------------------------------------------------------------- command

def coverage(
    report: Annotated[str, typer.Argument(metavar="REPORT", help=REPORT_HELP)],
    output_format: Annotated[OutputFormat, typer.Option("--format", help="text, json (as the API answers) or csv.")]
    = OutputFormat.text,
    section: Annotated[bool, typer.Option("--section", help="Counts per section only, without listing the "
                                                            "uncovered sentences and cells.")] = False,
    reports: Annotated[Path, typer.Option(help="Folder of the report files (for file names and keys).")]
    = DEFAULT_REPORTS,
) -> None:
    """What the graph does not know: sentences and numeric table cells no extracted fact's evidence overlaps.

    Lists them per section (the heading path above them) with counts, and the report's totals.
    """
    try:
        doc = find_report(report, reports)
    except UnknownReport as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except ReportError as err:
        typer.echo(f"error: {err.file}: {err.reason}", err=True)
        raise typer.Exit(2) from None
    typer.echo(RENDERERS[output_format](report_coverage(doc), sections_only=section), nl=False)


def register(app: typer.Typer) -> None:
    app.command("coverage")(coverage)
