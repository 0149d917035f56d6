"""Friendlier REST: schools by name, page links, RDF/XML at /id, oversized requests and foreign graphs as problems."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from api.http_limits import MAX_HEADER_BYTES, MAX_TARGET_BYTES, ProblemHttpToolsProtocol
from kg.namespaces import REFERENCE_GRAPH
from tests.fixture_graph import (
    SCHOOL_A,
    SCHOOL_B,
    assert_problem,
    fixture_app,
    fixture_client,
    write_fixture_trig,
)

SCHOOL_LISTS = ["/api/groups", "/api/majors", "/api/certifications/sydney-accord/majors", "/api/industry-colleges",
                "/api/partners", "/api/achievements", "/api/programmes", "/api/funding", "/api/metrics"]
ASK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("rest")) as c:
        yield c


# ---------------------------------------------------------------- the school filter


@pytest.mark.parametrize("path", SCHOOL_LISTS)
@pytest.mark.parametrize("name", ["甲职业技术学院", "甲", "甲职", " 甲职业技术学院 ", "Jia Polytechnic", "jia"])
def test_every_school_filter_takes_a_name_like_the_code(client, path: str, name: str) -> None:
    by_code = client.get(path, params={"school": SCHOOL_A, "limit": 500})
    by_name = client.get(path, params={"school": name, "limit": 500})
    assert by_code.status_code == by_name.status_code == 200, by_name.text
    assert by_name.json()["items"] == by_code.json()["items"]


def test_the_school_filter_narrows_to_that_school(client) -> None:
    assert client.get("/api/groups", params={"school": "乙"}).json()["items"][0]["label_zh"] == "汽车专业群"
    assert client.get("/api/groups", params={"school": "甲"}).json()["items"][0]["label_zh"] == "智能制造专业群"


def test_unknown_school_is_404_with_the_closest_names(client) -> None:
    body = assert_problem(client.get("/api/majors", params={"school": "甲职业技术学校"}), 404, "school")
    assert body["title"] == "Unknown school"
    assert body["suggestions"][0] == {"code": SCHOOL_A, "name": "甲职业技术学院", "href": f"/id/school/{SCHOOL_A}"}
    assert "甲职业技术学院" in body["detail"]


def test_unknown_school_code_is_404(client) -> None:
    body = assert_problem(client.get("/api/partners", params={"school": "9999999999"}), 404, "school")
    assert "MOE code" in body["detail"]


def test_a_name_of_several_schools_is_400_listing_them(client) -> None:
    body = assert_problem(client.get("/api/funding", params={"school": "职业技术学院"}), 400, "school")
    assert body["title"] == "Ambiguous school"
    assert {c["code"] for c in body["candidates"]} == {SCHOOL_A, SCHOOL_B}
    assert "甲职业技术学院" in body["detail"] and "乙职业技术学院" in body["detail"]


def test_the_school_parameter_is_documented_as_a_name_or_code(client) -> None:
    parameters = client.get("/openapi.json").json()["paths"]["/api/majors"]["get"]["parameters"]
    school = next(p for p in parameters if p["name"] == "school")
    assert "name" in school["description"] and "10-digit" in school["description"]


def test_export_resolves_the_school_too(client) -> None:
    assert client.get("/api/export", params={"format": "csv", "school": "乙", "depth": 1}).status_code == 200
    assert_problem(client.get("/api/export", params={"school": "丙职业技术学院"}), 404, "school")


# ---------------------------------------------------------------- page links


def _links(response) -> dict[str, str]:
    """rel -> URL from a Link header."""
    found = {}
    for part in response.headers.get("link", "").split(","):
        url, _, rel = part.partition(";")
        found[rel.strip().removeprefix('rel="').removesuffix('"')] = url.strip().strip("<>")
    return found


def test_pages_link_to_each_other_in_the_body_and_the_link_header(client) -> None:
    first = client.get("/api/majors", params={"limit": 2})
    body = first.json()
    assert body["total"] == 5 and body["prev"] is None
    assert body["next"] == "http://testserver/api/majors?limit=2&offset=2"
    links = _links(first)
    assert links["next"] == body["next"] and links["first"].endswith("offset=0") and links["last"].endswith("offset=4")
    assert "prev" not in links
    last = client.get(links["last"]).json()
    assert last["next"] is None and last["prev"].endswith("limit=2&offset=2")
    assert [i["id"] for i in last["items"]] == [i["id"] for i in client.get("/api/majors").json()["items"][4:]]


def test_following_next_walks_every_item_once(client) -> None:
    seen, url = [], "/api/partners?limit=1&school=甲"
    while url:
        page = client.get(url).json()
        seen += [i["id"] for i in page["items"]]
        url = page["next"]
    assert seen == [i["id"] for i in client.get("/api/partners", params={"school": SCHOOL_A}).json()["items"]]
    assert len(seen) == 2


def test_links_keep_the_filters_percent_encoded(client) -> None:
    response = client.get("/api/search", params={"q": "学院", "limit": 1})
    assert response.json()["next"] == "http://testserver/api/search?q=%E5%AD%A6%E9%99%A2&limit=1&offset=1"
    response.headers["link"].encode("ascii")  # a header value must be ASCII


def test_an_offset_past_the_end_links_back(client) -> None:
    page = client.get("/api/majors", params={"limit": 2, "offset": 40}).json()
    assert page["items"] == [] and page["next"] is None and page["prev"].endswith("offset=4")


# ---------------------------------------------------------------- /id as RDF/XML


@pytest.mark.parametrize("how", [{"headers": {"Accept": "application/rdf+xml"}}, {"params": {"format": "rdf"}}])
def test_id_serves_rdf_xml(client, how) -> None:
    response = client.get(f"/id/school/{SCHOOL_A}", **how)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/rdf+xml")
    graph = Graph().parse(data=response.content, format="xml")
    turtle = Graph().parse(data=client.get(f"/id/school/{SCHOOL_A}", params={"format": "ttl"}).content,
                           format="turtle")
    assert len(graph) == len(turtle) > 20
    assert (URIRef(f"https://w3id.org/sgkg/id/school/{SCHOOL_A}"), None, None) in graph


def test_entity_page_announces_rdf_xml(client) -> None:
    page = client.get(f"/id/school/{SCHOOL_A}", headers={"Accept": "text/html"}).text
    assert '<link rel="alternate" href="?format=rdf" type="application/rdf+xml">' in page


# ---------------------------------------------------------------- oversized requests


def _asgi_get(app, target: bytes) -> tuple[int, dict[str, str], bytes]:
    """One GET straight through the ASGI app (httpx refuses URLs this long before sending them)."""
    path, _, query = target.partition(b"?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path.decode(), "raw_path": path, "query_string": query, "root_path": "",
             "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    return start["status"], headers, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


@pytest.mark.parametrize("target", [b"/api/schools?q=" + b"x" * MAX_TARGET_BYTES,
                                    b"/sparql?query=ASK%20%7B%7D%23" + b"x" * 70_000])
def test_a_url_over_64k_is_414_problem_json(client, target: bytes) -> None:
    status, headers, body = _asgi_get(client.app, target)
    assert (status, headers["content-type"]) == (414, "application/problem+json")
    problem = json.loads(body)
    assert problem["status"] == 414 and "POST" in problem["detail"]


def test_header_fields_over_64k_are_431_problem_json(client) -> None:
    assert_problem(client.get("/api/schools", headers={"X-Padding": "y" * MAX_HEADER_BYTES}), 431)


def test_a_query_just_under_the_limit_still_runs(client) -> None:
    response = client.get("/sparql", params={"query": ASK + " #" + "x" * 60_000})
    assert response.status_code == 200 and response.json()["boolean"] is True


def _raw_get(port: int, target: bytes) -> tuple[int, str, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers.get("content-type", ""), body


def test_a_real_uvicorn_answers_an_unparsable_url_with_problem_json(tmp_path: Path) -> None:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(fixture_app(write_fixture_trig(tmp_path / "kg.trig")), host="127.0.0.1", port=port,
                            log_level="error", http=ProblemHttpToolsProtocol)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
            time.sleep(0.05)
        status, media, body = _raw_get(port, b"/sparql?query=" + b"x" * 100_000)
        assert (status, media) == (414, "application/problem+json")
        assert json.loads(body)["status"] == 414
        status, media, _ = _raw_get(port, b"/api/schools?q=" + b"x" * 60_000)
        assert (status, media) == (422, "application/problem+json")  # parsed: the app answers
        status, media, body = _raw_get(port, b"/api/schools?limit=1")
        assert status == 200 and json.loads(body)["limit"] == 1
    finally:
        server.should_exit = True
        thread.join(timeout=30)


# ---------------------------------------------------------------- dataset parameters


@pytest.mark.parametrize("name", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("graph", ["file:///etc/passwd", "file:/tmp/kg.trig", "urn:x-local:graph"])
def test_a_graph_outside_the_store_is_refused_like_from(client, name: str, graph: str) -> None:
    body = assert_problem(client.get("/sparql", params={"query": ASK, name: graph}), 400)
    assert body["title"] == "Query refused" and name in body["detail"]
    assert_problem(client.post("/sparql", data={"query": ASK, name: graph}), 400)
    assert_problem(client.get("/queries/sydney-accord-majors", params={name: graph}), 400)
    from_clause = assert_problem(client.get("/sparql", params={"query": f"ASK FROM <{graph}> {{ ?s ?p ?o }}"}), 400)
    assert from_clause["title"] == body["title"]


def test_the_store_own_graph_is_still_accepted(client) -> None:
    response = client.get("/sparql", params={"query": ASK, "default-graph-uri": str(REFERENCE_GRAPH)})
    assert response.status_code == 200 and response.json()["boolean"] is True


def test_a_browser_gets_an_error_as_a_page_a_program_as_problem_json(client) -> None:
    """A user opening /schools/<unknown> in a browser saw a raw JSON document."""
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    page = client.get("/api/partners", params={"school": "不存在的学校"}, headers=browser)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Unknown school" in page.text and 'href="/"' in page.text
    program = client.get("/api/partners", params={"school": "不存在的学校"})
    assert program.status_code == 404 and program.headers["content-type"].startswith("application/problem+json")
