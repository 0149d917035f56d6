"""Every ``curl`` example of the README that asks the server something answers it on the corpus graph."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

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
