"""The library's answers computed ahead whenever `sgkg build`, `sgkg ingest` or `sgkg remove` writes a store
generation (see :mod:`api.precomputed`), with a line of progress per query. Precomputing never fails the
command: a query that fails or overruns is named and left to be evaluated live."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.store import Prepare

if TYPE_CHECKING:
    from api.precomputed import Outcome

PrecomputeOption = Annotated[bool, typer.Option(
    "--precompute/--no-precompute",
    help="Evaluate every library query (queries/*.rq) once against the new store generation and keep the answers "
         "with it, for /queries/{name} to serve at once.")]
Echo = Callable[[str], None]


def outcome_line(number: int, total: int, outcome: Outcome) -> str:
    head = f"  [{number}/{total}] {outcome.name}: "
    if outcome.ok:
        return f"{head}{outcome.detail} ({outcome.seconds:.2f} s)"
    return f"{head}not precomputed ({outcome.detail}); it is evaluated live when asked"


def library_precomputer(echo: Echo) -> Prepare:
    """A store ``prepare`` step that precomputes the library's answers, reporting through ``echo``."""

    def prepare(generation: Path) -> None:
        from api.precomputed import precompute
        from api.queries import library
        from api.settings import Settings

        settings = Settings()
        queries = {name: query.text for name, query in library(settings.queries_dir).items()}
        echo(f"precomputing the answers of {len(queries)} library queries for store generation {generation.name}")
        try:
            outcomes = precompute(generation, queries, max_rows=settings.max_rows,
                                  progress=lambda n, total, o: echo(outcome_line(n, total, o)))
        except Exception as exc:  # the build stands; /queries evaluates every query live
            echo(f"precomputing failed ({type(exc).__name__}: {exc}); every library query is evaluated live")
            return
        missing = [o.name for o in outcomes if not o.ok]
        echo(f"precomputed {len(outcomes) - len(missing)}/{len(outcomes)} library answers"
             + (f"; evaluated live: {', '.join(missing)}" if missing else ""))

    return prepare


def chosen(precompute: bool, echo: Echo) -> Prepare | None:
    return library_precomputer(echo) if precompute else None
