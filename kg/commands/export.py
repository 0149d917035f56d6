"""``sgkg export``: the entity graph as GraphML, GEXF, Cytoscape.js JSON, DOT, CSV or one HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.export import (
    EXTENSIONS,
    FORMATS,
    ExportError,
    build_export_graph,
    csv_target,
    dataset_quads,
    load_trig,
    parse_types,
    write_export,
)

DEFAULT_GRAPH = Path("build/kg.trig")


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")],
    school: Annotated[str | None, typer.Option(help="Only the neighbourhood of this school (10-digit code).")] = None,
    types: Annotated[str | None, typer.Option(help="Comma-separated kinds, e.g. School,Major (Evidence, Statement "
                                              "and CatalogMajor only when listed).")] = None,
    depth: Annotated[int | None, typer.Option(help="Hops from --school (default 2).")] = None,
    graph: Annotated[Path, typer.Option(help="The built graph (TriG).")] = DEFAULT_GRAPH,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (csv: a .zip archive, or a folder "
                                             "for nodes.csv + edges.csv; default build/export-csv.zip).")] = None,
) -> None:
    """Export the entity graph for Gephi, Cytoscape, Graphviz, Excel or a browser."""
    try:
        if fmt not in FORMATS:
            raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        kinds = parse_types(types)
        eg = build_export_graph(dataset_quads(load_trig(graph)), school=school, types=kinds, depth=depth)
        target = out or Path("build") / ("export-csv.zip" if fmt == "csv" else f"export.{EXTENSIONS[fmt]}")
        written = write_export(eg, fmt, target)
    except (ExportError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{eg.graph.number_of_nodes()} nodes, {eg.graph.number_of_edges()} edges -> {describe(fmt, target, written)}")


def describe(fmt: str, target: Path, written: list[Path]) -> str:
    """Where the export went, saying for csv whether it is a zip archive or a folder."""
    if fmt != "csv":
        return ", ".join(str(p) for p in written)
    if csv_target(target) == "zip":
        return f"zip archive {target} (nodes.csv, edges.csv)"
    return f"folder {target}/ ({', '.join(p.name for p in written)})"


def register(app: typer.Typer) -> None:
    app.command("export")(export)
