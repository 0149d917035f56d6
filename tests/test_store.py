"""The store interface on the embedded backends (oxigraph, rdflib): same answers from both."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef

from api.app import create_app
from api.settings import Settings
from kg.namespaces import REFERENCE_GRAPH
from kg.store import (
    DiskOxigraphStore,
    QuerySyntaxError,
    StoreError,
    disk_store_of_trig,
    open_store,
    query_form,
    term_parts,
)
from tests.fixture_graph import SCHOOL_A, reference_quads, write_fixture_trig
from tests.sparql_app import PREFIXES

BACKENDS = ["oxigraph", "rdflib"]
SYDNEY = PREFIXES + """SELECT ?major ?school WHERE {
  ?major sg:accreditedUnder <https://w3id.org/sgkg/id/certification/sydney-accord> ; sg:offeredBy ?school .
} ORDER BY ?major"""


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fixture_trig(tmp_path_factory.mktemp("store") / "kg.trig")


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, graph_file: Path):
    return open_store(request.param, graph_file)


def test_graphs_are_one_per_report_plus_reference(store) -> None:
    graphs = store.graphs()
    assert len(graphs) == 3 and str(REFERENCE_GRAPH) in graphs


def test_default_graph_is_the_union_of_all_graphs(store) -> None:
    result = store.query(SYDNEY)
    assert result.form == "select" and result.variables == ["major", "school"]
    majors = [str(b["major"]).rsplit("/", 1)[1] for b in result.bindings()]
    assert majors == [f"{SCHOOL_A}-460104", f"{SCHOOL_A}-510201", "1000000002-460104"]


def test_protocol_default_graph_restricts_the_dataset(store) -> None:
    reference_only = store.query(SYDNEY, default_graph_uris=[str(REFERENCE_GRAPH)])
    assert reference_only.rows == []
    count = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                        named_graph_uris=[str(REFERENCE_GRAPH)])
    assert int(term_parts(count.rows[0][0])[1]) == len(reference_quads())


def test_row_cap_is_flagged(store) -> None:
    capped = store.query(SYDNEY, max_rows=2)
    assert len(capped.rows) == 2 and capped.truncated
    assert not store.query(SYDNEY, max_rows=3).truncated


def test_ask_and_construct(store) -> None:
    assert store.query(PREFIXES + "ASK { ?s a sg:School }").boolean is True
    assert store.query(PREFIXES + "ASK { ?s a sg:Nothing }").boolean is False
    graph = store.query(PREFIXES + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a sg:School ; rdfs:label ?l }").graph()
    assert Literal("甲职业技术学院", lang="zh") in set(graph.objects())


def test_syntax_error_names_the_position(store) -> None:
    with pytest.raises(QuerySyntaxError, match=r"1:\d+"):
        store.query("SELECT * WHERE { ?s ?p }")


def test_replace_and_drop_graph_bump_generation(store) -> None:
    before = store.generation
    g = "https://w3id.org/sgkg/graph/test"
    store.replace_graph(g, [(URIRef("http://e/s"), URIRef("http://e/p"), Literal("一"))])
    store.replace_graph(g, [(URIRef("http://e/s"), URIRef("http://e/p"), Literal("二"))])
    values = [str(b["o"]) for b in store.query("SELECT ?o WHERE { <http://e/s> <http://e/p> ?o }").bindings()]
    assert values == ["二"] and g in store.graphs()
    store.drop_graph(g)
    assert g not in store.graphs() and store.generation > before


def test_update_and_quads(store) -> None:
    store.update("INSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/b> 'c' } }")
    assert (URIRef("http://e/a"), URIRef("http://e/b"), Literal("c"), URIRef("http://e/g")) in set(store.quads("http://e/g"))
    assert b"http://e/a" in store.serialize("nquads")


def test_bad_graph_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("<a> <b> .", encoding="utf-8")
    for backend in BACKENDS:
        with pytest.raises(StoreError, match="bad.trig"):
            open_store(backend, bad)
    with pytest.raises(StoreError, match="no such graph file"):
        open_store("oxigraph", tmp_path / "missing.trig")
    with pytest.raises(StoreError, match="unknown store"):
        open_store("mysql://x")


def test_query_form_reads_past_the_prologue() -> None:
    assert query_form("PREFIX a: <x:> # SELECT in a comment\nBASE <y:>\n ask {}") == "ask"
    assert query_form("describe <a>") == "graph"
    assert query_form("INSERT DATA {}") is None


def test_union_default_graph_is_a_set(store) -> None:
    """A triple stated by two reports counts once in the default graph (SPARQL's RDF merge)."""
    query = "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/sgkg/id/program/双高计划> a ?type }"
    assert term_parts(store.query(query).rows[0][0])[1] == "1"
    in_graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <https://w3id.org/sgkg/id/program/双高计划> a ?type } }"
    assert term_parts(store.query(in_graphs).rows[0][0])[1] == "2"
    assert "urn:x-sgkg:union-of-all-graphs" not in store.graphs()
    assert not any(str(g).startswith("urn:x-sgkg") for *_, g in store.quads())


# --- the on-disk store a build writes (build/store) ------------------------------------------------

COUNT_GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture
def disk_store(graph_file: Path, tmp_path: Path) -> Path:
    return disk_store_of_trig(tmp_path / "store", graph_file)


def _count(store, query: str) -> int:
    return int(term_parts(store.query(query).rows[0][0])[1])


def test_the_disk_store_answers_as_the_loaded_trig_does(disk_store: Path, graph_file: Path) -> None:
    disk, memory = open_store("oxigraph", disk_store), open_store("oxigraph", graph_file)
    assert isinstance(disk, DiskOxigraphStore)
    assert disk.graphs() == memory.graphs() and len(disk.graphs()) == 3
    assert disk.query(SYDNEY).bindings() == memory.query(SYDNEY).bindings()
    assert sorted(map(str, disk.quads())) == sorted(map(str, memory.quads()))  # the union graph stays hidden
    assert _count(disk, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == _count(memory, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")


def test_the_disk_store_is_read_only_and_a_bad_folder_is_named(disk_store: Path, tmp_path: Path) -> None:
    store = open_store("oxigraph", disk_store)
    with pytest.raises(StoreError, match="read-only"):
        store.update("INSERT DATA { <http://e/a> <http://e/b> 'c' }")
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="not an on-disk store"):
        open_store("oxigraph", tmp_path / "empty")


def test_a_reader_follows_the_store_when_a_new_one_replaces_it(disk_store: Path, graph_file: Path,
                                                                tmp_path: Path) -> None:
    store = open_store("oxigraph", disk_store)
    before, first_directory = store.generation, disk_store.resolve()
    assert _count(store, COUNT_GRAPHS) == 3
    smaller = tmp_path / "smaller.trig"
    memory = open_store("oxigraph", graph_file)
    memory.drop_graph(str(REFERENCE_GRAPH))
    smaller.write_bytes(memory.serialize("trig"))
    disk_store_of_trig(disk_store, smaller)
    assert store.generation != before
    assert _count(store, COUNT_GRAPHS) == 2 and str(REFERENCE_GRAPH) not in store.graphs()
    assert first_directory.is_dir()  # the store a running reader may still use is kept until the next switch


def test_a_running_server_answers_from_a_store_replaced_under_it(disk_store: Path, graph_file: Path,
                                                                 tmp_path: Path) -> None:
    """The query workers (forked processes) and the API's caches follow the new store, without a restart."""
    settings = Settings(graph=disk_store, workers=2, queries_dir=tmp_path / "no-queries")
    json = {"Accept": "application/sparql-results+json"}
    with TestClient(create_app(settings)) as client:
        def graphs() -> int:
            response = client.get("/sparql", params={"query": COUNT_GRAPHS}, headers=json)
            assert response.status_code == 200, response.text
            return int(response.json()["results"]["bindings"][0]["n"]["value"])

        assert graphs() == 3
        memory = open_store("oxigraph", graph_file)
        memory.drop_graph(str(REFERENCE_GRAPH))
        (tmp_path / "smaller.trig").write_bytes(memory.serialize("trig"))
        disk_store_of_trig(disk_store, tmp_path / "smaller.trig")
        assert graphs() == 2
