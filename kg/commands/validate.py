"""``sgkg validate [FILE]``: SHACL shapes and quote offsets; exit 1 on any Violation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.quotes import check_quotes
from kg.validate import GraphFileError, read_graph_file, validate_dataset

DEFAULT_GRAPH = Path("build/kg.trig")
DEFAULT_REPORTS = Path("data/reports")


def validate(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The built graph (TriG); default build/kg.trig.")] = DEFAULT_GRAPH,
    reports: Annotated[Path, typer.Option(help="Folder of the report files, to check quotes against.")] = DEFAULT_REPORTS,
    quotes: Annotated[bool, typer.Option("--quotes/--no-quotes", help="Check every sg:quote against its file.")] = True,
    limit: Annotated[int, typer.Option(help="Results listed per severity (0: all).")] = 50,
) -> None:
    """Validate a built graph: SHACL shapes (shapes/*.ttl) and, with the reports, every quote."""
    try:
        ds = read_graph_file(file)
    except GraphFileError as exc:  # names the file, the line and what is wrong (truncated, not UTF-8, bad syntax…)
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    report = validate_dataset(ds)
    typer.echo(report.text(limit=limit or None))
    failed = not report.conforms
    if quotes:
        if not reports.is_dir():
            typer.echo(f"error: {reports}: no such reports folder (use --reports DIR or --no-quotes)", err=True)
            raise typer.Exit(2)
        mismatches = check_quotes(ds, reports)
        typer.echo(f"\nQuotes: {len(mismatches)} mismatch(es) against the files in {reports}")
        for mismatch in mismatches[: limit or None]:
            typer.echo("  " + mismatch.text())
        failed = failed or bool(mismatches)
    raise typer.Exit(1 if failed else 0)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
