"""FastAPI dependencies: the app's settings, store and query runner, and the update guard."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from api.executor import Runner
from api.problems import Problem
from api.settings import Settings
from kg.store import Store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    """The app's store (any backend); REST and linked-data routers query it in-process."""
    return request.app.state.store


def refreshes_itself(store: Store) -> bool:
    """True for the on-disk store of a build: every process (query workers too) sees it change by itself."""
    return bool(getattr(store, "refreshes_itself", False))


def get_runner(request: Request) -> Runner:
    """The query runner, brought up to date with the store if the store changed since last time."""
    state = request.app.state
    generation = state.store.generation
    if generation != state.synced_generation:
        if not refreshes_itself(state.store):
            state.runner.reload(state.store)
        state.synced_generation = generation
    return state.runner


def require_update_rights(request: Request) -> None:
    """SPARQL Update is refused (403) unless enabled and the bearer token matches."""
    settings: Settings = request.app.state.settings
    if not settings.allow_update or not settings.token:
        raise Problem(403, "this endpoint is read-only: SPARQL Update is disabled (start the server with "
                           "--allow-update --token ...)")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), settings.token.encode()):
        raise Problem(403, "SPARQL Update needs the server's bearer token (Authorization: Bearer ...)",
                      headers={"WWW-Authenticate": 'Bearer realm="sgkg"'})


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
RunnerDep = Annotated[Runner, Depends(get_runner)]
