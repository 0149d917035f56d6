"""REST routers, one module per resource; :func:`include_routers` adds them all to an app."""

from __future__ import annotations

import importlib

from fastapi import FastAPI

ROUTER_MODULES = ["schools", "groups", "majors", "certifications", "industry_colleges", "partners", "achievements",
                  "programmes", "funding", "metrics", "search", "entities", "export"]


def include_routers(app: FastAPI) -> None:
    for name in ROUTER_MODULES:
        app.include_router(importlib.import_module(f"api.routers.{name}").router)
