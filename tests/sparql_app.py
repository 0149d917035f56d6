"""A running API over the fixture graph, for the SPARQL endpoint tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.fixture_graph import write_fixture_trig

PREFIXES = """PREFIX sg: <https://w3id.org/sgkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# 200^4 rows: runs for minutes on any engine
PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@contextmanager
def fixture_client(directory: Path, **settings: Any) -> Iterator[TestClient]:
    graph = write_fixture_trig(directory / "kg.trig")
    options: dict[str, Any] = {"graph": graph, "workers": 2, "queries_dir": directory / "no-queries"} | settings
    with TestClient(create_app(Settings(**options))) as client:
        yield client
