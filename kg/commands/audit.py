"""``sgkg audit [--report R] [--format text|csv|json|html]``: where the reports contradict themselves."""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg.audit import KINDS, Finding, audit, finding_dict
from kg.pipeline import load_reports, report_files
from loaders.document import Document
from loaders.extract import extract_facts

DEFAULT_REPORTS = Path("data/reports")
CSV_COLUMNS = ["id", "kind", "severity", "report", "school", "lines", "arithmetic", "tolerance", "sides"]


class OutputFormat(StrEnum):
    text = "text"
    csv = "csv"
    json = "json"
    html = "html"


def audit_folder(reports: Path) -> tuple[list[Document], list[Finding]]:
    """Every report of the folder, read and extracted, and the audit's findings over all of them."""
    documents, _bad = load_reports(report_files(reports))
    return documents, audit(documents, [extract_facts(doc) for doc in documents])


def select_report(documents: list[Document], ref: str) -> Document | None:
    """The document a file name (or path) or a report key names."""
    name = Path(ref).name
    return next((d for d in documents if ref in (d.key, d.file_name) or name == d.file_name), None)


def findings_of(findings: list[Finding], key: str) -> list[Finding]:
    return [f for f in findings if key in f.reports]


def side_text(f: Finding) -> str:
    return " | ".join(f"{s.role} L{s.evidence.line} [{s.evidence.start}-{s.evidence.end}] "
                      f"{s.evidence.quote.replace(chr(10), '')[:80]}" for s in f.sides)


def render_text(findings: list[Finding]) -> str:
    if not findings:
        return "no inconsistencies found\n"
    lines = []
    for f in findings:
        lines.append(f"[{f.severity}] {f.kind} · {f.report} · lines {', '.join(map(str, f.lines))}")
        lines.append(f"  {KINDS[f.kind][0]} · {KINDS[f.kind][1]}")
        lines.append(f"  {f.arithmetic}")
        lines.append(f"  tolerance: {f.tolerance}")
        lines.extend(f"    {s.role}: L{s.evidence.line} [{s.evidence.start}-{s.evidence.end}] "
                     f"{s.evidence.quote.replace(chr(10), '')[:120]}" for s in f.sides)
        lines.append("")
    lines.append(f"{len(findings)} inconsistencies")
    return "\n".join(lines) + "\n"


def render_csv(findings: list[Finding]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in findings:
        writer.writerow([f.key, f.kind, f.severity, f.report, f.school, " ".join(map(str, f.lines)), f.arithmetic,
                         f.tolerance, side_text(f)])
    return out.getvalue()


def render_json(findings: list[Finding]) -> str:
    return json.dumps({"total": len(findings), "items": [finding_dict(f) for f in findings]},
                      ensure_ascii=False, indent=2) + "\n"


def render_html(findings: list[Finding], title: str) -> str:
    from api.routers.audit import render_audit_page  # the page the server shows, offline

    return render_audit_page([finding_dict(f) for f in findings], title)


def audit_command(
    report: Annotated[str | None, typer.Option("--report", "-r", help="One report: a file name in the reports "
                                                                      "folder or a report key. Default: all.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="text, csv, json or html.")]
    = OutputFormat.text,
    reports: Annotated[Path, typer.Option(help="Folder of the report files.")] = DEFAULT_REPORTS,
) -> None:
    """Where a report contradicts itself or a sister report of its school: each finding with its kind,
    severity, the numbers and arithmetic, the tolerance allowed and every side's evidence."""
    if not reports.is_dir():
        typer.echo(f"error: the reports folder {reports} does not exist (use --reports DIR)", err=True)
        raise typer.Exit(2)
    documents, findings = audit_folder(reports)
    title = "all reports"
    if report is not None:
        doc = select_report(documents, report)
        if doc is None:
            known = "; ".join(f"{d.key} ({d.file_name})" for d in documents) or "none"
            typer.echo(f"error: {report!r} names no report in {reports}. Reports there: {known}", err=True)
            raise typer.Exit(2)
        findings, title = findings_of(findings, doc.key), doc.key
    if output_format is OutputFormat.html:
        typer.echo(render_html(findings, title), nl=False)
        return
    renderers = {OutputFormat.text: render_text, OutputFormat.csv: render_csv, OutputFormat.json: render_json}
    typer.echo(renderers[output_format](findings), nl=False)


def register(app: typer.Typer) -> None:
    app.command("audit")(audit_command)
