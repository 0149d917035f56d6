"""The library's answers computed ahead whenever `sgkg build`, `sgkg ingest` or `sgkg remove` writes a store
generation (see :mod:`api.precomputed`), with a line of progress per query. Precomputing never fails the
command: a query that fails or overruns is named and left to be evaluated live."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.generations import Prepare

if TYPE_CHECKING:
    from api.precomputed import Outcome

PrecomputeOption = Annotated[bool, typer.Option(
    "--precompute/--no-precompute",
    help="Evaluate every library query (queries/*.rq) once against the new store generation and keep the answers "
         "with it, for /queries/{name} to serve at once.")]


def outcome_line(number: int, total: int, outcome: Outcome) -> str:
    head = f"  [{number}/{total}] {outcome.name}: "
    if outcome.ok:
        return f"{head}{outcome.detail} ({outcome.seconds:.2f} s)"
    return f"{head}not precomputed ({outcome.detail}); it is evaluated live when asked"


def precompute_library(queries: dict[str, str], max_rows: int, generation: Path) -> None:
    """A store ``prepare`` step: the answers of ``queries`` (name -> text) kept with ``generation``, a line of
    progress per query. It imports only :mod:`api.precomputed`'s light part: `sgkg build` runs it in the small
    process that writes the store (:mod:`kg.outputs`)."""
    from api.precomputed import precompute

    typer.echo(f"precomputing the answers of {len(queries)} library queries for store generation {generation.name}")
    try:
        outcomes = precompute(generation, queries, max_rows=max_rows,
                              progress=lambda n, total, o: typer.echo(outcome_line(n, total, o)))
    except Exception as exc:  # the build stands; /queries evaluates every query live
        typer.echo(f"precomputing failed ({type(exc).__name__}: {exc}); every library query is evaluated live")
        return
    missing = [o.name for o in outcomes if not o.ok]
    typer.echo(f"precomputed {len(outcomes) - len(missing)}/{len(outcomes)} library answers"
               + (f"; evaluated live: {', '.join(missing)}" if missing else ""))


def chosen(precompute: bool) -> Prepare | None:
    """The ``prepare`` step of ``--precompute``: the library and the row limit are read now, so that the step
    pickles (a partial of a module function) and its process need not import the API to read them."""
    if not precompute:
        return None
    from api.queries import library
    from api.settings import Settings

    settings = Settings()
    queries = {name: query.text for name, query in library(settings.queries_dir).items()}
    return partial(precompute_library, queries, settings.max_rows)
