"""``/api/reports/{key}/coverage`` and ``/reports/{key}/coverage`` over a graph built from real report files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import api.routers.coverage as coverage_router
from api.app import create_app
from api.settings import Settings
from kg.coverage import coverage_dict, report_coverage
from kg.pipeline import build_dataset, write_trig_atomically
from loaders.document import load_document
from tests.conftest import REPORTS
from tests.coverage_sample import COVERED_SENTENCE, SAMPLE_NAME, SECTION, UNCOVERED_SENTENCE, write_sample
from tests.fixture_graph import assert_problem

CORPUS_FILE = "003_f871cb208ab6dbba.txt"
UNKNOWN_KEY = "9999999999-midterm-self-evaluation-2022"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("coverage-reports")
    write_sample(folder)
    shutil.copy(REPORTS / CORPUS_FILE, folder)
    return folder


@pytest.fixture(scope="module")
def trig(reports: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dataset = build_dataset(sorted(reports.glob("*.txt"))).dataset
    return write_trig_atomically(dataset, tmp_path_factory.mktemp("coverage-graph") / "kg.trig")


def client_over(trig: Path, reports: Path) -> TestClient:
    return TestClient(create_app(Settings(graph=trig, reports_dir=reports, workers=1,
                                          queries_dir=trig.parent / "no-queries")))


@pytest.fixture(scope="module")
def client(trig: Path, reports: Path) -> Iterator[TestClient]:
    with client_over(trig, reports) as c:
        yield c


def key_of(path: Path) -> str:
    return load_document(path).key


def coverage_json(client: TestClient, key: str) -> dict:
    response = client.get(f"/api/reports/{key}/coverage")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_the_sentence_without_a_fact_is_listed_and_the_one_with_a_fact_is_not(client, reports) -> None:
    answer = coverage_json(client, key_of(reports / SAMPLE_NAME))
    (section,) = [s for s in answer["sections"] if s["path"] == [SECTION]]
    listed = [s["text"] for s in section["uncovered_sentences"]]
    assert UNCOVERED_SENTENCE in listed and COVERED_SENTENCE not in listed
    assert section["sentences"] == {"covered": 1, "total": 2, "uncovered": 1, "percent": 50.0}


def test_the_api_answers_what_the_cli_and_the_module_answer(client, reports) -> None:
    path = reports / SAMPLE_NAME
    assert coverage_json(client, key_of(path)) == coverage_dict(report_coverage(load_document(path)))


def test_corpus_report_totals_match_its_sentences_and_sections_add_up(client, reports) -> None:
    doc = load_document(reports / CORPUS_FILE)
    answer = coverage_json(client, doc.key)
    assert answer["report"] == doc.key and answer["file_name"] == CORPUS_FILE and answer["sha256"] == doc.sha256
    assert answer["sentences"]["total"] == len(doc.sentences)
    assert answer["sentences"]["covered"] + answer["sentences"]["uncovered"] == len(doc.sentences)
    assert sum(s["sentences"]["total"] for s in answer["sections"]) == len(doc.sentences)
    assert sum(len(s["uncovered_sentences"]) for s in answer["sections"]) == answer["sentences"]["uncovered"]


def test_repeated_requests_are_served_from_the_cache_until_the_file_changes(client, reports, monkeypatch) -> None:
    computed: list[str] = []

    def counting(doc):
        computed.append(doc.sha256)
        return report_coverage(doc)

    monkeypatch.setattr(coverage_router, "report_coverage", counting)
    path = reports / SAMPLE_NAME
    key, original = key_of(path), path.read_bytes()
    first = coverage_json(client, key)
    assert coverage_json(client, key) == first and len(computed) <= 1  # at most once (earlier tests may have)
    computed.clear()
    added = "冬天来了，湖面结了冰。"
    try:
        path.write_bytes(original + f"\n{added}\n".encode())
        changed = coverage_json(client, key)
        coverage_json(client, key)
    finally:
        path.write_bytes(original)
    assert len(computed) == 1 and changed["sha256"] != first["sha256"]
    assert added in [s["text"] for section in changed["sections"] for s in section["uncovered_sentences"]]


def test_the_page_lists_uncovered_sentences_with_their_lines_by_section(client, reports) -> None:
    doc = load_document(reports / SAMPLE_NAME)
    response = client.get(f"/reports/{doc.key}/coverage")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "未产生事实的内容" in page and "What the graph does not know" in page
    assert "句子 · sentences" in page and "数值单元格 · numeric table cells" in page
    line = doc.line_of(doc.text.index(UNCOVERED_SENTENCE))
    assert UNCOVERED_SENTENCE in page and f"第 {line} 行 · line {line}" in page
    assert f">{SECTION}<" in page and COVERED_SENTENCE not in page


@pytest.mark.parametrize("prefix", ["/api/reports", "/reports"])
def test_an_unknown_report_is_a_404_problem_naming_it(client, prefix) -> None:
    body = assert_problem(client.get(f"{prefix}/{UNKNOWN_KEY}/coverage"), 404)
    assert UNKNOWN_KEY in body["detail"]


@pytest.mark.parametrize("key", ["not-a-key", "<script>", "4145012104-midterm-self-evaluation-2022.txt"])
def test_a_malformed_key_is_a_404_problem(client, key) -> None:
    assert "report key" in assert_problem(client.get(f"/api/reports/{key}/coverage"), 404)["detail"]


def test_a_report_whose_file_is_missing_is_a_404_naming_the_file(trig, reports, tmp_path) -> None:
    with client_over(trig, tmp_path) as client:
        body = assert_problem(client.get(f"/api/reports/{key_of(reports / CORPUS_FILE)}/coverage"), 404)
    assert CORPUS_FILE in body["detail"] and str(tmp_path) in body["detail"]


def test_the_json_route_is_documented(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    operation = paths["/api/reports/{report_key}/coverage"]["get"]
    assert "404" in operation["responses"] and "200" in operation["responses"]
