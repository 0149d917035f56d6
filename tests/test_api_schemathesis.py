"""Schemathesis against the OpenAPI schema of the REST lookups and /id/ pages: no 5xx, no schema violations.

The schema is read from the app object (no server needed to collect); each operation then gets a
bounded number of generated requests against a live loopback server over the fixture graph.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.fixture_graph import LiveServer, fixture_app, write_fixture_trig

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = 20

SCHEMA = schemathesis.openapi.from_dict(fixture_app(Path("unused.trig")).openapi()).include(
    path_regex=r"^/(api|id)/", method="GET")
OPERATIONS = {op.label: op for op in (result.ok() for result in SCHEMA.get_all_operations())}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with LiveServer(write_fixture_trig(tmp_path_factory.mktemp("st") / "kg.trig")) as live:
        yield live


def test_every_rest_route_is_covered():
    assert all(label.startswith(("GET /api/", "GET /id/")) for label in OPERATIONS), sorted(OPERATIONS)
    assert len(OPERATIONS) >= 20, sorted(OPERATIONS)


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_operation_conforms_to_schema(server, label):
    @given(case=OPERATIONS[label].as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        case.call_and_validate(base_url=server.url, checks=CHECKS)

    run()
