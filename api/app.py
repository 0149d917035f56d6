"""The FastAPI application: ``create_app(settings)``.

Routers: ``/sparql`` (:mod:`api.sparql`), ``/queries`` (:mod:`api.queries`) and every module in
``api/routers/`` that defines ``router`` (REST lookups, ``/id/`` pages…), included in name order.
All errors are application/problem+json (:mod:`api.problems`).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from api import linked_data, queries, sparql
from api.deps import refreshes_itself
from api.docs import install_offline_docs
from api.executor import ProcessRunner, Runner, StoreSource, ThreadRunner
from api.http_limits import RequestSizeLimit
from api.problems import install_problem_handlers
from api.settings import Settings
from kg.store import REMOTE_SCHEME, Store, open_store

STATIC_DIR = Path(__file__).resolve().parent / "static"
log = logging.getLogger("sgkg.api")


def extra_routers() -> list[APIRouter]:
    """``router`` of every module in the ``api.routers`` package, in module-name order."""
    import api.routers as package

    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found


def make_runner(settings: Settings, store: Store) -> Runner:
    if settings.store.startswith(REMOTE_SCHEME):
        return ThreadRunner(store)
    path = str(settings.graph) if settings.graph else None
    return ProcessRunner(StoreSource(settings.store, path), size=settings.workers,
                         max_workers=settings.max_workers, slow_after=settings.slow_after)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The API over ``store`` (default: opened from ``settings.store`` and ``settings.graph``)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = store if store is not None else open_store(settings.store, settings.graph)
        app.state.runner = make_runner(settings, app.state.store)
        app.state.synced_generation = app.state.store.generation
        app.state.answer_cache = sparql.AnswerCache(settings.cache_entries)
        if store is not None and isinstance(app.state.runner, ProcessRunner) and not refreshes_itself(store):
            app.state.runner.reload(app.state.store)  # workers start from the given store's content
        await app.state.runner.start()
        try:
            yield
        finally:
            await app.state.runner.stop()
            app.state.store.close()

    app = FastAPI(title="shuanggao-kg", summary="Knowledge graph of China's 双高计划 vocational colleges",
                  version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.settings = settings
    install_problem_handlers(app)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Accept", "Content-Type", "Authorization"],
                           expose_headers=[sparql.TRUNCATED_HEADER, sparql.ROWS_HEADER])
    app.add_middleware(RequestSizeLimit)  # oversized URL or headers: 414 / 431 problem+json
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_offline_docs(app)  # /docs from local Swagger UI assets, not a CDN
    app.include_router(sparql.router)
    app.include_router(queries.router)
    for router in extra_routers():
        app.include_router(router)
    app.include_router(linked_data.router)  # /id/...: dereferenceable entity IRIs
    return app
