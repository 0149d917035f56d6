"""Every ``curl`` example and every SPARQL example of the README answers on the corpus graph; the "How to ask"
patterns are there and in the ontology docs."""

from __future__ import annotations

import html
import re
import shlex
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from api.queries import library
from kg.howto import code_examples, section_text
from kg.store import OxigraphStore, open_store, term_parts
from tests.conftest import ROOT
from tests.fixture_graph import fixture_client_for

README = (ROOT / "README.md").read_text(encoding="utf-8")
SERVER = "http://127.0.0.1:8000"


def curl_examples() -> list[tuple[str, dict[str, str]]]:
    """(path with query, headers) of each README ``curl`` line that fetches from the local server."""
    found = []
    for line in re.findall(r"^curl .*$", README, flags=re.M):
        words = shlex.split(line.split(" | ")[0].split("  #")[0])
        headers = dict(w.split(": ", 1) for w, previous in zip(words[1:], words[:-1], strict=True) if previous == "-H")
        for word in words:
            if word.startswith(SERVER):
                url = urlsplit(word)
                found.append((url.path + (f"?{url.query}" if url.query else ""), headers))
    return found


@pytest.fixture(scope="module")
def client(corpus_trig: Path):
    with fixture_client_for(corpus_trig) as c:
        yield c


def test_the_readme_has_curl_examples_of_the_friendlier_api() -> None:
    paths = [p for p, _ in curl_examples()]
    assert any("shared_by=2" in p for p in paths)
    assert any("school=柳州" in unquote(p) for p in paths)  # percent-encoded: curl sends no raw UTF-8
    assert any(h.get("Accept") == "application/rdf+xml" for _, h in curl_examples())
    assert "/api/overview" in paths


@pytest.mark.parametrize(("path", "headers"), curl_examples(), ids=[p for p, _ in curl_examples()])
def test_each_curl_example_answers_something(client, path: str, headers: dict[str, str]) -> None:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, (path, response.text[:300])
    assert len(response.content) > 100
    if response.headers["content-type"].startswith("application/json"):
        body = response.json()
        if isinstance(body, dict) and "total" in body:
            assert body["total"] > 0 and body["items"], f"README example {path} lists nothing"


def test_link_header_example_has_a_next_page(client) -> None:
    path = next(p for p, _ in curl_examples() if p.startswith("/api/achievements"))
    assert 'rel="next"' in client.get(path).headers["link"]


# ---------------------------------------------------------------- SPARQL examples and the "How to ask" patterns

SPARQL_EXAMPLES = code_examples(README)
HOW_TO_ASK = section_text(ROOT / "README.md")


@pytest.fixture(scope="module")
def corpus_store(corpus_trig: Path) -> OxigraphStore:
    return open_store("oxigraph", corpus_trig)


def test_the_readme_shows_how_to_ask() -> None:
    """One report (GRAPH), evidence without multiplied rows, totals and parts, per-school counts, partners of anything."""
    examples = code_examples(HOW_TO_ASK)
    assert len(examples) >= 8
    assert any("GRAPH <https://w3id.org/sgkg/graph/" in q for q in examples)
    assert any("GRAPH ?graph" in q for q in examples)
    assert any("GROUP_CONCAT" in q for q in examples) and any("FILTER NOT EXISTS" in q for q in examples)
    assert any('"合计"' in q for q in examples) and any("COUNT(DISTINCT ?college)" in q for q in examples)
    assert any("sg:partnerOf ?of" in q and "sg:IndustryCollege" in q and "sg:Program" in q for q in examples)
    assert any("sg:figureRole" in q for q in examples) and any("sg:Participation" in q for q in examples)


def test_the_library_by_question_names_library_queries() -> None:
    listed = re.findall(r"`([a-z0-9-]+)`", HOW_TO_ASK.split("### The library, by question", 1)[1])
    assert len(listed) >= 13 and set(listed) <= set(library(ROOT / "queries"))


@pytest.mark.parametrize("query", SPARQL_EXAMPLES, ids=[f"sparql-{i}" for i in range(len(SPARQL_EXAMPLES))])
def test_each_sparql_example_answers_on_the_corpus(corpus_store: OxigraphStore, query: str) -> None:
    result = corpus_store.query(query, max_rows=10_000)
    assert result.form == "select" and result.rows, query


def test_how_to_ask_examples_answer_what_the_reports_say(corpus_store: OxigraphStore) -> None:
    """000 lines 84-89 (表 1.2): Harbin's 合计 spent 46,705.5 = 2,969 + 20,742 + 0 + 2,643 + 20,351.5;
    004: Kunming prints seven task completion rates for the school, one of them the school's total (line 59:
    完成率 97.69%), and 1+X 证书试点 18 项 (line 79); 000 lines 355 and 389 and 001 line 1997
    name 华为."""
    examples = code_examples(HOW_TO_ASK)

    def answer(marker: str) -> list[dict[str, str]]:
        result = corpus_store.query(next(q for q in examples if marker in q))
        return [{v: term_parts(t)[1] for v, t in zip(result.variables, row, strict=True) if t is not None}
                for row in result.rows]

    assert [(r["statedTotal"], r["sumOfSources"]) for r in answer("?sumOfSources")] == [("46705.5", "46705.5")]
    kunming = [r for r in answer('sg:figureRole/skos:notation "total"') if r["scopeName"] == "昆明工业职业技术学院"]
    assert [(r["period"], r["value"]) for r in kunming] == [("2019-2021", "97.69")]
    pilots = {(r["schoolName"], r["period"], r["count"]) for r in answer("sg:Participation")}
    assert ("昆明工业职业技术学院", "2019-2021", "18") in pilots
    assert {r["file"]: r["mentions"] for r in answer("?mentions")} == {"000_2398f67fa0e2142e.txt": "2",
                                                                     "001_0d6d81e4e345128e.txt": "1"}


def test_the_ontology_docs_show_the_same_patterns() -> None:
    from kg.commands.docs import render_ontology_html

    page = render_ontology_html()
    shown = [html.unescape(code) for code in re.findall(r'<code class="language-sparql">(.*?)</code>', page, re.S)]
    assert 'id="how-to-ask"' in page and shown == [q.rstrip("\n") for q in code_examples(HOW_TO_ASK)]
    assert "<h3>Per-school counts</h3>" in page and "<li>" in page


def test_the_ontology_docs_render_without_a_readme(tmp_path: Path) -> None:
    from kg.commands.docs import render_ontology_html

    assert 'id="how-to-ask"' not in render_ontology_html(readme=tmp_path / "missing.md")
