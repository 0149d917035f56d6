"""``sgkg serve``: the SPARQL endpoint, query page, query library and REST API over HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.generations import REMOTE_SCHEME

DEFAULT_GRAPH = Path("build/kg.trig")
DEFAULT_STORE = Path("build/store")


def default_graph(store: str) -> Path:
    """The on-disk store of the last build when there is one (opened as it is, in milliseconds), else its TriG."""
    return DEFAULT_STORE if store == "oxigraph" and DEFAULT_STORE.is_dir() else DEFAULT_GRAPH


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    store: Annotated[str, typer.Option(help="oxigraph (embedded, default), rdflib, or sparql+http://host:port/sparql "
                                            "(a SPARQL 1.1 server the graph is pushed to).")] = "oxigraph",
    graph: Annotated[Path | None, typer.Option(help="The built graph: the on-disk store of a build (default "
                                                    "build/store when there is one, opened read-only, and "
                                                    "followed when a build or ingest replaces it) or a TriG "
                                                    "file to load (default build/kg.trig).")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before the client gets 503.")] = 10.0,
    max_rows: Annotated[int, typer.Option(help="Result rows returned at most (more is flagged as truncated).")] = 10_000,
    max_query_bytes: Annotated[int, typer.Option(help="Largest query accepted, in bytes.")] = 64_000,
    workers: Annotated[int, typer.Option(help="Query worker processes.")] = 3,
    cache_entries: Annotated[int, typer.Option(help="Answers kept for repeated queries (0: no cache).")] = 1024,
    allow_update: Annotated[bool, typer.Option("--allow-update", help="Accept SPARQL Update (needs --token).")] = False,
    token: Annotated[str | None, typer.Option(help="Bearer token that SPARQL Update requests must present.",
                                              envvar="SGKG_UPDATE_TOKEN")] = None,
    cors: Annotated[list[str] | None, typer.Option(help="Origin allowed by CORS (repeatable; * for any).")] = None,
) -> None:
    """Serve the knowledge graph: /sparql, /queries, the REST API and the query page."""
    from api.settings import Settings
    from api.worker import spawn_early

    graph = graph or default_graph(store)
    embedded = not store.startswith(REMOTE_SCHEME)
    if embedded and not graph.exists():
        raise typer.BadParameter(f"{graph}: no such graph file; build it first with `sgkg build`", param_hint="--graph")
    try:
        settings = Settings(store=store, graph=graph, timeout=timeout, max_rows=max_rows,
                            max_query_bytes=max_query_bytes, allow_update=allow_update, token=token,
                            cors_origins=tuple(cors or ()), workers=workers, cache_entries=cache_entries)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if embedded:
        spawn_early()  # the query workers' zygote starts while this process imports the API (~0.3 s sooner ready)

    import uvicorn

    from api.app import create_app
    from api.http_limits import ProblemHttpToolsProtocol
    from kg.store import StoreError, open_store

    try:
        opened = open_store(store, graph)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    # the protocol answers requests uvicorn cannot parse (a URL over 64 KiB…) with problem+json
    uvicorn.run(create_app(settings, store=opened), host=host, port=port, log_level="info",
                http=ProblemHttpToolsProtocol)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
