"""Library answers computed ahead with each store generation (issue 15): written by `sgkg build` and
`sgkg ingest`, equal to live evaluation, served by /queries/{name} for the current generation only, and a
query whose precompute fails is evaluated live."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.executor import Answer, QueryJob, answer
from api.formats import TABULAR_FORMATS
from api.precomputed import ANSWERS_DIR, find, index, precompute, served
from api.queries import library
from api.settings import Settings
from kg.cli import app
from kg.store import DiskOxigraphStore

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
SHANXI = REPORTS / "002_55737fc9392e7194.txt"
LIUZHOU = REPORTS / "003_f871cb208ab6dbba.txt"
LIBRARY = {name: query.text for name, query in library(ROOT / "queries").items()}
MAX_ROWS = Settings().max_rows
runner = CliRunner()


def sgkg(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def built(reports: list[Path], out: Path) -> Path:
    """``sgkg build`` (no validation, precompute on by default) of ``reports``; the store link."""
    folder = out.parent / f"{out.name}-reports"
    folder.mkdir()
    for report in reports:
        shutil.copy(report, folder / report.name)
    result = sgkg("build", "--reports", folder, "--out", out, "--no-validate")
    assert result.exit_code == 0, result.output
    assert f"precomputed {len(LIBRARY)}/{len(LIBRARY)} library answers" in result.output
    return out / "store"


@pytest.fixture(scope="module")
def two_report_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built([SHANXI, LIUZHOU], tmp_path_factory.mktemp("build") / "out")


def same_answer(one: Answer, other: Answer) -> bool:
    """Equal answers, rows in any order (rows an ORDER BY ties on come in no fixed order)."""
    def rows(body: bytes) -> list[str]:
        if body.startswith(b"{"):
            doc = json.loads(body)
            return sorted(json.dumps(row, sort_keys=True) for row in doc["results"]["bindings"]) + [
                json.dumps(doc["head"]), str(doc["truncated"])]
        return sorted(body.decode().splitlines())

    return (one.media_type, one.form, one.rows, one.truncated, rows(one.body)) == \
        (other.media_type, other.form, other.rows, other.truncated, rows(other.body))


def test_a_build_keeps_answers_equal_to_live_evaluation(two_report_store: Path) -> None:
    generation = two_report_store.resolve()
    kept = index(generation)
    assert sorted(kept) == sorted(LIBRARY)
    store = DiskOxigraphStore(two_report_store)
    for name, text in LIBRARY.items():
        entry = find(generation, name, text, MAX_ROWS)
        assert entry is not None, name
        for fmt in TABULAR_FORMATS:
            live = answer(store, QueryJob(text, format=fmt.key, max_rows=MAX_ROWS))
            precomputed = served(generation, entry, None, fmt.key)
            assert precomputed is not None and same_answer(precomputed, live), (name, fmt.key)
    assert find(generation, "reports", LIBRARY["reports"] + "\n# edited", MAX_ROWS) is None  # another text
    assert find(generation, "reports", LIBRARY["reports"], MAX_ROWS + 1) is None  # another row limit


def files_of_reports(client: TestClient, **params: str) -> tuple[list[str], str, str]:
    response = client.get("/queries/reports", params=params, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    files = sorted(row["file"]["value"] for row in response.json()["results"]["bindings"])
    return files, response.headers["X-SGKG-Answer"], response.headers["X-SGKG-Generation"]


def test_the_server_answers_from_the_current_generation_and_follows_ingest(tmp_path: Path) -> None:
    link = built([SHANXI], tmp_path / "out")
    first = link.resolve().name
    with TestClient(create_app(Settings(graph=link, workers=2))) as client:
        assert files_of_reports(client) == ([SHANXI.name], "precomputed", first)
        csv = client.get("/queries/reports", params={"format": "csv"})
        assert csv.headers["X-SGKG-Answer"] == "precomputed" and csv.headers["content-type"].startswith("text/csv")
        assert csv.text.startswith("report,")
        assert client.get("/queries/reports", params={"format": "turtle"}).status_code == 406
        twice = client.get("/queries/reports", params=[("format", "csv"), ("format", "json")])
        assert twice.status_code == 400 and "exactly one format" in twice.json()["detail"]
        graph = "https://w3id.org/sgkg/graph/reference"
        assert files_of_reports(client, **{"default-graph-uri": graph}) == ([], "evaluated", first)

        added = sgkg("ingest", LIUZHOU, "--graph", link)
        assert added.exit_code == 0 and "added report" in added.output, added.output
        assert f"precomputed {len(LIBRARY)}/{len(LIBRARY)} library answers" in added.output
        second = link.resolve().name
        assert second != first
        # the same server, no restart: the new generation's answers, not the old ones
        assert files_of_reports(client) == ([SHANXI.name, LIUZHOU.name], "precomputed", second)

        removed = sgkg("remove", SHANXI.name, "--graph", link, "--no-precompute")
        assert removed.exit_code == 0 and "precomputing" not in removed.output, removed.output
        assert files_of_reports(client) == ([LIUZHOU.name], "evaluated", link.resolve().name)


ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
RELATIVE = "# title@zh: 相对\n# title@en: Relative\nSELECT ?here WHERE { BIND(<here> AS ?here) }"


def test_a_query_whose_precompute_fails_is_evaluated_live(two_report_store: Path, tmp_path: Path) -> None:
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "reports.rq").write_text(LIBRARY["reports"], encoding="utf-8")
    (queries / "relative.rq").write_text(RELATIVE, encoding="utf-8")  # resolves against the endpoint's URL
    (queries / "endless.rq").write_text("# title@zh: 无尽\n# title@en: Endless\n" + ENDLESS, encoding="utf-8")
    generation = tmp_path / "generation"  # a copy of the build's generation, precomputed anew for this library
    shutil.copytree(two_report_store.resolve(), generation, ignore=shutil.ignore_patterns(ANSWERS_DIR))
    outcomes = {o.name: o for o in precompute(generation, {n: q.text for n, q in library(queries).items()},
                                              max_rows=MAX_ROWS, timeout=3)}
    assert outcomes["reports"].ok and outcomes["reports"].detail == "2 row(s)"
    assert not outcomes["relative"].ok and "SyntaxError" in outcomes["relative"].detail
    assert not outcomes["endless"].ok and "ran past the 3 s limit" in outcomes["endless"].detail
    assert sorted(index(generation)) == ["reports"]
    with TestClient(create_app(Settings(graph=generation, workers=2, queries_dir=queries))) as client:
        relative = client.get("/queries/relative", headers={"Accept": "application/sparql-results+json"})
        assert relative.status_code == 200, relative.text
        assert relative.headers["X-SGKG-Answer"] == "evaluated"
        assert relative.json()["results"]["bindings"][0]["here"]["value"] == "http://testserver/queries/here"
        assert client.get("/queries/reports").headers["X-SGKG-Answer"] == "precomputed"


def test_an_answer_is_written_a_row_at_a_time_not_held_whole(tmp_path: Path) -> None:
    """At a national size a listing answer is 10,000 rows; the evaluating process writes it in four formats. Made
    whole, each document (and JSON's tree of dicts) sat beside the result: at 500 reports that was the build's
    peak (partners-by-relation: 206 MB resident for the query, 286 MB once written)."""
    import tracemalloc

    from api.formats import serialize
    from api.precomputed import evaluate_into
    from kg.store import OxigraphStore

    trig = tmp_path / "partners.trig"
    trig.write_text("<https://example.org/g> {\n" + "".join(
        f'<https://example.org/partner/{i}> <https://example.org/name> "第{i}家合作企业股份有限公司"@zh .\n'
        for i in range(20_000)) + "}\n", encoding="utf-8")
    store = OxigraphStore()
    store.load_trig(trig)
    text = "SELECT ?s ?name WHERE { ?s <https://example.org/name> ?name }"

    tracemalloc.start()
    try:
        result = store.query(text, max_rows=20_000)
        _, query_peak = tracemalloc.get_traced_memory()
        del result
        tracemalloc.reset_peak()
        entry = evaluate_into(store, "partners", text, 20_000, tmp_path)
        _, write_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    written = {fmt.key: (tmp_path / f"partners.{fmt.key}").read_bytes() for fmt in TABULAR_FORMATS}
    assert entry.rows == 20_000
    result = store.query(text, max_rows=20_000)
    assert written == {fmt.key: serialize(result, fmt) for fmt in TABULAR_FORMATS}
    largest = max(len(body) for body in written.values())
    assert write_peak - query_peak < largest / 4, (query_peak, write_peak, largest)
