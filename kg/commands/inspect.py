"""``sgkg inspect FILE``: what the document model reads from one report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable
from rich.tree import Tree

from loaders.document import Document, ReportError, load_document

MAX_HEADING_LEVEL = 3


def inspect(
    file: Annotated[Path, typer.Argument(help="A report text file.")],
    depth: Annotated[int, typer.Option(help="Heading levels to show.")] = MAX_HEADING_LEVEL,
) -> None:
    """Print a report's metadata, heading tree and tables."""
    console = Console()
    try:
        doc = load_document(file)
    except ReportError as err:
        Console(stderr=True, soft_wrap=True).print(f"[red]error:[/] {err.file}: {err.reason}")
        raise typer.Exit(2) from None
    console.print(metadata_table(doc))
    console.print(heading_tree(doc, depth))
    console.print(tables_table(doc))


def metadata_table(doc: Document) -> RichTable:
    meta = doc.meta
    table = RichTable(title=f"{doc.file_name}", show_header=False)
    rows = [
        ("school", f"{meta.school_name} ({meta.school_code})"),
        ("kind", meta.kind),
        ("title", meta.title),
        ("year / date", f"{meta.year or '—'} / {meta.date or '—'}"),
        ("period", meta.period or "—"),
        ("report key", doc.key),
        ("encoding", doc.encoding),
        ("sha256", doc.sha256),
        ("table of contents", f"lines {doc.toc.line}–{doc.line_of(doc.toc.end)}" if doc.toc else "none"),
        ("paragraphs / sentences", f"{len(doc.paragraphs)} / {len(doc.sentences)}"),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


def heading_tree(doc: Document, depth: int) -> Tree:
    root = Tree(f"headings ({len(doc.headings)})")
    branches: list[tuple[int, Tree]] = [(-1, root)]  # below every level (parts are level 0)
    for heading in doc.headings:
        if heading.level > depth:
            continue
        while branches[-1][0] >= heading.level:
            branches.pop()
        label = f"{heading.number} {heading.title}".strip() + f"  [dim]line {heading.line}[/]"
        branches.append((heading.level, branches[-1][1].add(label)))
    return root


def tables_table(doc: Document) -> RichTable:
    table = RichTable(title=f"tables ({len(doc.tables)})")
    for column in ("表", "title", "line", "columns", "rows"):
        table.add_column(column)
    for t in doc.tables:
        table.add_row(t.number, t.title, str(t.line), " | ".join(t.header) or "—", str(len(t.rows)))
    return table


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect)
