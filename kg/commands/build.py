"""``sgkg build``: every report of a folder -> ``build/kg.trig`` (validated, written atomically).

Exit codes: 0 written; 2 bad input (some files could not be loaded — the graph is still
written from the others — or none could); 1 refused by validation (Violations, no --force)
or interrupted. An existing kg.trig is left untouched whenever nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from kg.pipeline import BuildResult, build_graph, report_files

EXIT_BAD_INPUT = 2
EXIT_REFUSED = 1


def build(
    reports: Annotated[Path, typer.Option(help="Folder of report .txt files.")] = Path("data/reports"),
    out: Annotated[Path, typer.Option(help="Output folder for kg.trig.")] = Path("build"),
    force: Annotated[bool, typer.Option(help="Write the graph even when validation finds Violations.")] = False,
    validate: Annotated[bool, typer.Option(help="Run SHACL validation before writing.")] = True,
) -> None:
    """Build the knowledge graph from a folder of reports."""
    console, errors = Console(soft_wrap=True), Console(stderr=True, soft_wrap=True)
    if not reports.is_dir():
        errors.print(f"[red]error:[/] {reports}: not a folder of reports")
        raise typer.Exit(EXIT_BAD_INPUT)
    files = report_files(reports)
    if not files:
        errors.print(f"[red]error:[/] {reports}: no .txt report files")
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
                      transient=True) as progress:
            task = progress.add_task("loading reports", total=len(files))

            def advance(path: Path, status: str) -> None:
                progress.update(task, advance=1, description=f"{path.name}: {status[:60]}")

            result = build_graph(files, out, force=force, progress=advance, run_validation=validate)
    except KeyboardInterrupt:
        errors.print("[red]interrupted:[/] kg.trig left unchanged")
        raise typer.Exit(EXIT_REFUSED) from None
    _summary(console, errors, result)
    raise typer.Exit(_exit_code(result))


def _summary(console: Console, errors: Console, result: BuildResult) -> None:
    for doc in result.documents:
        console.print(f"  [green]✓[/] {doc.file_name}: {doc.meta.school_name} · {doc.meta.kind} · {doc.meta.period or '—'}")
    for bad in result.bad_files:
        errors.print(f"  [red]✗[/] {bad.file}: {bad.reason}")
    if result.validation is not None:
        console.print(result.validation.text(limit=10))
    console.print(f"reports: {len(result.documents)}  triples: {result.triples}  bad files: {len(result.bad_files)}")
    if result.written:
        console.print(f"wrote {result.written}")
    else:
        errors.print(f"[red]not written:[/] {result.refused}; any existing kg.trig is unchanged")


def _exit_code(result: BuildResult) -> int:
    if not result.documents or result.bad_files:
        return EXIT_BAD_INPUT
    return 0 if result.written else EXIT_REFUSED


def register(app: typer.Typer) -> None:
    app.command("build")(build)
