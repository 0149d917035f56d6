"""``sgkg ingest`` / ``sgkg remove``: one report's graph added, replaced, kept or dropped in place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import URIRef
from typer.testing import CliRunner

from api.app import create_app
from api.settings import Settings
from kg.cli import app
from kg.commands import ingest as ingest_module
from kg.commands.ingest import read_dataset, report_graphs
from kg.namespaces import GRAPH, ID, REFERENCE_GRAPH, SG
from kg.pipeline import build_graph

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
SHANXI = REPORTS / "002_55737fc9392e7194.txt"
LIUZHOU = REPORTS / "003_f871cb208ab6dbba.txt"
runner = CliRunner()


def sgkg(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def school_iri(code: str) -> URIRef:
    return ID[f"school/{code}"]


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory) -> Path:
    """A TriG built by ingesting two reports one after the other (validation on, others' bugs forced)."""
    trig = tmp_path_factory.mktemp("kg") / "kg.trig"
    for path in (SHANXI, LIUZHOU):
        result = sgkg("ingest", path, "--graph", trig, "--force")
        assert result.exit_code == 0, result.output
        assert "added report" in result.output
    return trig


@pytest.fixture
def trig(two_reports, tmp_path) -> Path:
    copy = tmp_path / "kg.trig"
    shutil.copy(two_reports, copy)
    return copy


def test_ingest_adds_one_graph_per_report_and_the_reference_graph(two_reports) -> None:
    ds = read_dataset(two_reports)
    reports = report_graphs(ds)
    assert {r.file_name for r in reports} == {SHANXI.name, LIUZHOU.name}
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert {str(r.graph) for r in reports} | {str(REFERENCE_GRAPH)} <= graphs
    reference = ds.graph(REFERENCE_GRAPH)
    assert {r.school_code for r in reports} == {"4114012888", "4145012104"}
    for report in reports:
        assert (school_iri(report.school_code), None, None) in reference


def test_reingesting_an_unchanged_file_is_a_noop(trig) -> None:
    before, mtime = trig.read_bytes(), trig.stat().st_mtime_ns
    result = sgkg("ingest", SHANXI, "--graph", trig)
    assert result.exit_code == 0, result.output
    assert "unchanged" in result.output
    assert trig.read_bytes() == before
    assert trig.stat().st_mtime_ns == mtime


def test_ingesting_a_changed_file_replaces_its_graph(trig, tmp_path) -> None:
    old = next(r for r in report_graphs(read_dataset(trig)) if r.file_name == SHANXI.name)
    liuzhou_before = next(r for r in report_graphs(read_dataset(trig)) if r.file_name == LIUZHOU.name)
    liuzhou_size = len(read_dataset(trig).graph(liuzhou_before.graph))
    changed = tmp_path / SHANXI.name
    changed.write_text(SHANXI.read_text(encoding="utf-8") + "\n2021年，学院获批国家级教学成果奖1项。\n", encoding="utf-8")
    result = sgkg("ingest", changed, "--graph", trig, "--force")
    assert result.exit_code == 0, result.output
    assert "replaced report" in result.output
    ds = read_dataset(trig)
    reports = report_graphs(ds)
    assert len(reports) == 2  # replaced, not added beside the old one
    shanxi = next(r for r in reports if r.file_name == SHANXI.name)
    assert shanxi.sha256 != old.sha256
    labels = {str(o) for o in ds.graph(shanxi.graph).objects(None, None) if "教学成果奖" in str(o)}
    assert "国家级教学成果奖" in labels
    # the other report's graph is untouched
    assert len(ds.graph(liuzhou_before.graph)) == liuzhou_size


def test_remove_drops_the_graph_and_what_only_it_supported(trig) -> None:
    ds = read_dataset(trig)
    liuzhou = next(r for r in report_graphs(ds) if r.file_name == LIUZHOU.name)
    other_subjects = {s for r in report_graphs(ds) if r != liuzhou for s in ds.graph(r.graph).subjects()}
    only_liuzhou = set(ds.graph(liuzhou.graph).subjects()) - other_subjects
    assert only_liuzhou  # its school, its majors, its evidence …
    result = sgkg("remove", liuzhou.key, "--graph", trig)
    assert result.exit_code == 0, result.output
    after = read_dataset(trig)
    assert [r.file_name for r in report_graphs(after)] == [SHANXI.name]
    assert len(after.graph(GRAPH[liuzhou.key])) == 0
    remaining = set(after.subjects())
    assert not (only_liuzhou & remaining)
    assert (school_iri(liuzhou.school_code), None, None) not in after.graph(REFERENCE_GRAPH)
    # shared programme nodes survive through the report that still states them
    assert (None, SG.participatesIn, ID["program/shuanggao"]) in after


def test_remove_by_file_name(trig) -> None:
    result = sgkg("remove", SHANXI.name, "--graph", trig)
    assert result.exit_code == 0, result.output
    assert [r.file_name for r in report_graphs(read_dataset(trig))] == [LIUZHOU.name]


def test_remove_of_an_unknown_report_exits_2_and_names_the_reports(trig) -> None:
    before = trig.read_bytes()
    result = sgkg("remove", "no-such-report", "--graph", trig)
    assert result.exit_code == 2
    assert "no report 'no-such-report'" in result.output and SHANXI.name in result.output
    assert trig.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\xff\xfe" * 50, "没有学校名称的一段文字。".encode()])
def test_a_bad_file_exits_2_and_leaves_the_trig_untouched(trig, tmp_path, content) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    before = trig.read_bytes()
    result = sgkg("ingest", bad, "--graph", trig)
    assert result.exit_code == 2
    assert "bad.txt" in result.output
    assert trig.read_bytes() == before


def test_a_missing_file_exits_2(trig, tmp_path) -> None:
    result = sgkg("ingest", tmp_path / "nope.txt", "--graph", trig)
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_a_validation_violation_refuses_to_write(trig, tmp_path, monkeypatch) -> None:
    class Refusing:
        violations = 3

    monkeypatch.setattr(ingest_module, "validate", lambda ds: Refusing())
    changed = tmp_path / SHANXI.name
    changed.write_text(SHANXI.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
    before = trig.read_bytes()
    result = sgkg("ingest", changed, "--graph", trig)
    assert result.exit_code == 1
    assert "3 violation(s)" in result.output
    assert trig.read_bytes() == before


# --- on the on-disk store, while a server answers from it -----------------------------------------

REPORT_FILES = "SELECT ?file WHERE { GRAPH ?g { ?r a <https://w3id.org/sgkg/ontology#Report> ; <https://w3id.org/sgkg/ontology#fileName> ?file } } ORDER BY ?file"
SCHOOLS_NAMED = "SELECT DISTINCT ?code WHERE { ?s a <https://w3id.org/sgkg/ontology#School> ; <https://w3id.org/sgkg/ontology#schoolCode> ?code } ORDER BY ?code"


def test_ingest_and_remove_on_the_store_are_answered_by_the_running_server(tmp_path) -> None:
    out = tmp_path / "build"
    assert build_graph([SHANXI], out, run_validation=False).store == out / "store"
    settings = Settings(graph=out / "store", workers=2, queries_dir=tmp_path / "no-queries")
    with TestClient(create_app(settings)) as client:
        def answer(query: str) -> list[str]:
            response = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
            assert response.status_code == 200, response.text
            return [next(iter(row.values()))["value"] for row in response.json()["results"]["bindings"]]

        assert answer(REPORT_FILES) == [SHANXI.name]
        added = sgkg("ingest", LIUZHOU, "--graph", out / "store")
        assert added.exit_code == 0 and "added report 4145012104" in added.output, added.output
        assert answer(REPORT_FILES) == [SHANXI.name, LIUZHOU.name]  # the same server, no restart
        assert answer(SCHOOLS_NAMED) == ["4114012888", "4145012104"]  # the reference graph follows
        removed = sgkg("remove", SHANXI.name, "--graph", out / "store")
        assert removed.exit_code == 0, removed.output
        assert answer(REPORT_FILES) == [LIUZHOU.name]
        assert answer(SCHOOLS_NAMED) == ["4145012104"]
    again = sgkg("ingest", LIUZHOU, "--graph", out / "store")
    assert again.exit_code == 0 and "unchanged" in again.output


def test_a_refused_ingest_leaves_the_store_as_it_was(tmp_path, monkeypatch) -> None:
    out = tmp_path / "build"
    build_graph([SHANXI], out, run_validation=False)
    before = (out / "store").resolve()
    (tmp_path / "empty.txt").write_bytes(b"")
    assert sgkg("ingest", tmp_path / "empty.txt", "--graph", out / "store").exit_code == 2
    assert sgkg("remove", "no-such-report", "--graph", out / "store").exit_code == 2
    assert (out / "store").resolve() == before
