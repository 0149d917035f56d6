"""``sgkg build``: every report of a folder -> ``build/kg.trig`` and the on-disk store ``build/store``
(validated, in ``--jobs`` worker processes, written atomically).

A report whose graph violates a shape is quarantined — left out and named with its violations —
and the others are written (see :mod:`kg.pipeline`). Exit codes (:data:`EXIT_CODES`): 0 written,
every report in it; 3 written, but some reports quarantined; 2 bad input (some files could not be
loaded — the graph is still written from the others — or none could; it wins over 3); 1 refused
(violations no report can be quarantined for, or every report quarantined, without --force) or
interrupted. An existing kg.trig is left untouched whenever nothing is written.
"""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from kg.commands.answers import PrecomputeOption, chosen
from kg.generations import StoreError
from kg.outputs import Outcome, finish_in_a_fresh_process, outcome_of_writing
from kg.pipeline import BuildResult, QuarantinedReport, build_graph, report_files

EXIT_WRITTEN = 0
EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2
EXIT_QUARANTINED = 3
EXIT_CODES = {
    EXIT_WRITTEN: "written, every report in it",
    EXIT_REFUSED: "not written: violations no report can be quarantined for, or every report quarantined "
                  "(use --force), or interrupted",
    EXIT_BAD_INPUT: "some files could not be loaded (the graph is written from the others; wins over 3) "
                    "or none could",
    EXIT_QUARANTINED: "written, but N report(s) quarantined: each violates a shape and is left out, named with "
                      "its violations",
}
SHOWN_PER_REPORT = 5  # violations listed under each quarantined report
INTERRUPTED = "[red]interrupted:[/] kg.trig and the store left unchanged"  # while building, or writing the store
# Set by the ``sgkg`` program (kg.cli.run), never by an app invoked in-process: the build may then replace its
# process by a fresh interpreter that writes the store and kg.trig (python -m kg.outputs STATE).
REPLACE_PROCESS = False


def build(
    reports: Annotated[Path, typer.Option(help="Folder of report .txt files.")] = Path("data/reports"),
    out: Annotated[Path, typer.Option(help="Output folder for kg.trig.")] = Path("build"),
    force: Annotated[bool, typer.Option(help="Write the graph, every report in it, even when validation finds "
                                             "Violations (no quarantine).")] = False,
    validate: Annotated[bool, typer.Option(help="Run SHACL validation before writing.")] = True,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core); "
                                             "the output is the same whatever the number.")] = None,
    precompute: PrecomputeOption = True,
) -> None:
    """Build the knowledge graph from a folder of reports.

    A report whose graph violates a shape is quarantined (left out, named with its violations) and
    the rest is written, atomically: a graph built before is never damaged. Writes kg.trig and the
    on-disk store (OUT/store) that `sgkg serve` opens; the build replaces the whole graph with the
    reports of this folder (use `sgkg ingest` / `sgkg remove` to change one report).
    """
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

            result = build_graph(files, out, force=force, progress=advance, run_validation=validate, jobs=jobs,
                                 leave_store=True)
    except KeyboardInterrupt:
        errors.print(INTERRUPTED)
        raise typer.Exit(EXIT_REFUSED) from None
    if result.pending is not None:
        pending, result.pending = result.pending, None
        then = partial(report_written, result)
        try:
            prepare = chosen(precompute)  # after the build: the API's modules (18 MB) are not forked into its workers
        except KeyboardInterrupt as interrupt:
            shutil.rmtree(pending.work, ignore_errors=True)
            raise typer.Exit(then(interrupt)) from None
        if REPLACE_PROCESS:
            finish_in_a_fresh_process(pending, prepare, then)
        raise typer.Exit(then(outcome_of_writing(pending, prepare)))
    _summary(console, errors, result)
    raise typer.Exit(_exit_code(result))


def report_written(result: BuildResult, outcome: Outcome) -> int:
    """The summary of a build whose outputs were left to :mod:`kg.outputs`, once they are written (or not:
    ``outcome``); returns the exit code. ``sgkg build`` runs it in the fresh interpreter that wrote the store."""
    console, errors = Console(soft_wrap=True), Console(stderr=True, soft_wrap=True)
    if isinstance(outcome, KeyboardInterrupt):
        errors.print(INTERRUPTED)
        return EXIT_REFUSED
    if isinstance(outcome, StoreError):
        errors.print(f"[red]not written:[/] {escape(str(outcome))}; kg.trig and the store left unchanged")
        return EXIT_REFUSED
    result.record(outcome)
    _summary(console, errors, result)
    return _exit_code(result)


def _summary(console: Console, errors: Console, result: BuildResult) -> None:
    for doc in result.documents:
        console.print(f"  [green]✓[/] {doc.file_name}: {doc.meta.school_name} · {doc.meta.kind} · {doc.meta.period or '—'}")
    for bad in result.bad_files:
        errors.print(f"  [red]✗[/] {bad.file}: {bad.reason}")
    for quarantined in result.quarantined:
        _print_quarantined(errors, quarantined)
    if result.validation is not None:
        console.print(result.validation.text(limit=10))
    skipped = result.skipped
    for file, failures in skipped.items():
        errors.print(f"  [yellow]⚠ extraction skipped {len(failures)} item(s)[/] of {escape(file)} "
                     f"(a recogniser raised; `sgkg -v build` logs why): {escape('; '.join(failures[:3]))}",
                     highlight=False)
    console.print(f"reports: {len(result.documents)}  triples: {result.triples}  bad files: {len(result.bad_files)}"
                  f"  quarantined: {len(result.quarantined)}  extraction failures: {sum(map(len, skipped.values()))}")
    if result.written and result.quarantined:
        names = ", ".join(q.file for q in result.quarantined)
        errors.print(f"wrote {result.written}, but {len(result.quarantined)} report(s) quarantined (not in it): "
                     f"{escape(names)}")
    elif result.written:
        console.print(f"wrote {result.written}" + (f" and the store {result.store}/" if result.store else ""))
    else:
        errors.print(f"[red]not written:[/] {result.refused}; any existing kg.trig and store are unchanged")


def _print_quarantined(errors: Console, quarantined: QuarantinedReport) -> None:
    together = f" (only together with {', '.join(quarantined.conflicts_with)})" if quarantined.conflicts_with else ""
    errors.print(f"  [yellow]⚠ quarantined[/] {escape(quarantined.file)} (report {quarantined.key}): "
                 f"{len(quarantined.violations)} violation(s){together}", highlight=False)
    for violation in quarantined.violations[:SHOWN_PER_REPORT]:
        errors.print(f"      {violation.text()}", markup=False, highlight=False)
    if len(quarantined.violations) > SHOWN_PER_REPORT:
        errors.print(f"      … and {len(quarantined.violations) - SHOWN_PER_REPORT} more", markup=False)


def _exit_code(result: BuildResult) -> int:
    if result.bad_files or not (result.documents or result.quarantined):
        return EXIT_BAD_INPUT
    if not result.written:
        return EXIT_REFUSED
    return EXIT_QUARANTINED if result.quarantined else EXIT_WRITTEN


def exit_codes_help() -> str:
    return "Exit codes: " + "; ".join(f"{code} {meaning}" for code, meaning in sorted(EXIT_CODES.items())) + "."


def register(app: typer.Typer) -> None:
    app.command("build", epilog=exit_codes_help())(build)
