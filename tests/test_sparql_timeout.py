"""Every query runs under the time limit in a worker that can be abandoned: the client gets 503,
the worker is replaced, and a slow query never delays a fast one."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.executor import ProcessRunner, QueryJob, StoreSource
from tests.fixture_graph import write_fixture_trig
from tests.sparql_app import PATHOLOGICAL, PREFIXES, fixture_client

LIMIT = 1.5
FAST = PREFIXES + "SELECT ?s WHERE { ?s a sg:School }"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with fixture_client(tmp_path_factory.mktemp("timeout"), timeout=LIMIT, workers=2) as c:
        yield c


def timed_get(client: TestClient, query: str) -> tuple[int, float, dict]:
    started = time.monotonic()
    response = client.get("/sparql", params={"query": query})
    return response.status_code, time.monotonic() - started, response.json()


def test_slow_query_gets_503_within_the_limit(client: TestClient) -> None:
    status, elapsed, body = timed_get(client, PATHOLOGICAL)
    assert status == 503 and LIMIT <= elapsed < LIMIT + 1.0
    assert "1.5 s limit" in body["detail"] and body["title"] == "Query time limit exceeded"
    # the killed worker was replaced: the endpoint still answers
    assert timed_get(client, FAST)[0] == 200


def test_slow_queries_do_not_delay_fast_ones(client: TestClient) -> None:
    timed_get(client, FAST)  # warm
    with ThreadPoolExecutor(max_workers=6) as pool:
        slow = [pool.submit(timed_get, client, PATHOLOGICAL) for _ in range(3)]
        time.sleep(0.4)  # the slow ones are running (and have been deprioritised)
        fast = [timed_get(client, FAST) for _ in range(10)]
        slow_results = [f.result() for f in slow]
    assert all(status == 200 for status, _, _ in fast)
    assert max(elapsed for _, elapsed, _ in fast) < 0.5, [round(e, 3) for _, e, _ in fast]
    assert all(status == 503 and elapsed < LIMIT + 1.0 for status, elapsed, _ in slow_results)


def test_the_most_recently_idle_worker_answers_next(tmp_path: Path) -> None:
    """Sequential queries go to one warm worker rather than rotating over cold ones."""
    answered_by: list[int] = []

    class RecordingRunner(ProcessRunner):
        async def _receive(self, worker: Any, timeout: float) -> Any:
            message = await super()._receive(worker, timeout)
            if message[0] == "ok":
                answered_by.append(worker.pid)
            return message

    async def run_five() -> None:
        runner = RecordingRunner(StoreSource("oxigraph", str(write_fixture_trig(tmp_path / "kg.trig"))), size=3)
        await runner.start()
        try:
            assert runner.worker_count == 3
            for _ in range(5):
                await runner.run(QueryJob(FAST, accept="application/sparql-results+json"), LIMIT)
        finally:
            await runner.stop()

    asyncio.run(run_five())
    assert len(answered_by) == 5 and len(set(answered_by)) == 1, answered_by
