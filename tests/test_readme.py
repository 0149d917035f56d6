"""The README is checked against the code: its queries run, its commands, routes and benchmarks exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from api.app import create_app
from kg.cli import app as cli_app
from kg.store import open_store
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def sparql_blocks() -> list[str]:
    return re.findall(r"```sparql\n(.*?)```", README, flags=re.S)


@pytest.fixture(scope="module")
def corpus_store(corpus_trig: Path):
    store = open_store("oxigraph", corpus_trig)
    yield store
    store.close()


def test_readme_has_example_queries() -> None:
    assert len(sparql_blocks()) >= 2


@pytest.mark.parametrize("index", range(len(sparql_blocks())))
def test_each_example_query_answers_on_the_corpus(corpus_store, index: int) -> None:
    result = corpus_store.query(sparql_blocks()[index])
    assert result.rows, f"README example query {index + 1} returned no rows"


def test_sydney_accord_example_lists_harbins_eleven_majors(corpus_store) -> None:
    result = corpus_store.query(sparql_blocks()[0])
    assert len(result.rows) == 11  # table 2-2 of Harbin's 2023 report; the union graph is a set


def test_every_cli_command_named_exists() -> None:
    named = set(re.findall(r"`sgkg (\w+)", README))
    registered = set(get_command(cli_app).commands)  # type: ignore[attr-defined]
    assert named, "README names no sgkg command"
    assert named <= registered, f"README names commands the CLI lacks: {named - registered}"
    assert registered <= named, f"CLI commands missing from README: {registered - named}"


def test_every_api_path_named_exists() -> None:
    templates = [re.compile("^" + re.sub(r"\\\{[^}]+\\\}", ".+", re.escape(p)) + "$")
                 for p in create_app().openapi()["paths"]]
    named = set(re.findall(r"`(?:GET[/A-Z]* )?(/(?:api|id|queries|sparql)[^` ?,]*)", README))
    missing = sorted(p for p in named if not any(t.match(p) for t in templates))
    assert named, "README names no route"
    assert not missing, f"README names routes the app lacks: {missing}"


def test_every_benchmark_named_exists() -> None:
    for name in re.findall(r"python -m bench(?:\.(\w+)| (\w+))", README):
        module = name[0] or f"bench_{name[1]}"
        assert (ROOT / "bench" / f"{module}.py").exists(), f"README names a missing benchmark {module}"


def test_make_targets_named_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in set(re.findall(r"`make ([\w-]+)`", README)):
        assert re.search(rf"^{re.escape(target)}:", makefile, flags=re.M), f"Makefile lacks target {target}"
