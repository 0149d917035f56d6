"""``/sparql``: the SPARQL 1.1 Protocol endpoint (query and, when enabled, update).

GET ``?query=``, POST form (``query=`` / ``update=``), POST ``application/sparql-query`` and
``application/sparql-update``; ``default-graph-uri`` / ``named-graph-uri`` (and the ``using-``
variants for updates). Without a query: the HTML query page for browsers, else the SPARQL
service description. Every query is screened by :mod:`api.guard` before an engine sees it and
runs in :mod:`api.executor` under the time limit.
"""

from __future__ import annotations

import asyncio
import re
from collections import OrderedDict
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from api import guard
from api.deps import get_runner, require_update_rights
from api.executor import Answer, QueryFailed, QueryJob
from api.formats import NotAcceptable, choose_format, content_type, parse_accept, to_graph
from api.page import render_query_page
from api.problems import Problem
from kg.namespaces import PREFIXES
from kg.store import QueryResult, QuerySyntaxError, StoreError

router = APIRouter(tags=["sparql"])

TRUNCATED_HEADER = "X-SPARQL-Truncated"
ROWS_HEADER = "X-SPARQL-Rows"
MAX_ROWS_HEADER = "X-SPARQL-Max-Rows"
FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
_POSITION = re.compile(r"error at (\d+):(\d+)")
_update_lock = asyncio.Lock()


# ---------------------------------------------------------------- reading requests


def _content_type(request: Request) -> tuple[str, str | None]:
    header = request.headers.get("content-type", "")
    media, *params = [p.strip() for p in header.split(";")]
    charset = next((p.split("=", 1)[1].strip().strip('"').lower() for p in params
                    if p.lower().startswith("charset=")), None)
    return media.lower(), charset


def _decode(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise Problem(415, f"only UTF-8 request bodies are accepted, not charset={charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Problem(400, f"the request body is not valid UTF-8 (byte {exc.start})") from None


def _single(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise Problem(400, f"exactly one {name} parameter is allowed, got {len(values)}")
    return values[0] if values else None


def _params(request: Request, form: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Protocol parameters from the URL and (for POST forms) the body, URL first."""
    merged: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        merged.setdefault(key, []).append(value)
    for key, values in (form or {}).items():
        merged.setdefault(key, []).extend(values)
    return merged


def _check_size(text: str, limit: int) -> None:
    size = len(text.encode())
    if size > limit:
        raise Problem(413, f"the query is {size} bytes; this endpoint accepts at most {limit}")


def wants_html(accept: str | None) -> bool:
    ranked = parse_accept(accept or "")
    return bool(ranked) and ranked[0][0] in {"text/html", "application/xhtml+xml"}


class AnswerCache:
    """Recent answers by (job, store generation): the graph only changes through the store, whose
    generation then moves on, so a cached answer is never stale. Big answers are not kept."""

    MAX_BODY = 1 << 20

    def __init__(self, entries: int) -> None:
        self.entries = entries
        self._items: OrderedDict[Any, Answer] = OrderedDict()

    def get(self, key: Any) -> Answer | None:
        answer = self._items.get(key)
        if answer is not None:
            self._items.move_to_end(key)
        return answer

    def put(self, key: Any, answer: Answer) -> None:
        if self.entries <= 0 or len(answer.body) > self.MAX_BODY:
            return
        self._items[key] = answer
        while len(self._items) > self.entries:
            self._items.popitem(last=False)


# ---------------------------------------------------------------- endpoint


@router.get("/sparql", summary="SPARQL 1.1 query (GET), service description, or the query page")
async def sparql_get(request: Request) -> Response:
    settings, store = request.app.state.settings, request.app.state.store
    params = _params(request)
    if "update" in params:
        raise Problem(400, "SPARQL Update must be sent with POST (SPARQL 1.1 Protocol §2.2)")
    query = _single(params.get("query", []), "query")
    accept = request.headers.get("accept")
    if query is None:
        if wants_html(accept):
            return HTMLResponse(render_query_page(request, settings, ""))
        return service_description(request, settings, store, accept, _single(params.get("format", []), "format"))
    if wants_html(accept) and not params.get("format"):
        return HTMLResponse(render_query_page(request, settings, query))
    return await run_query(request, query, params)


@router.post("/sparql", summary="SPARQL 1.1 query or update (POST form, sparql-query or sparql-update body)")
async def sparql_post(request: Request) -> Response:
    settings = request.app.state.settings
    media, charset = _content_type(request)
    body = await request.body()
    if len(body) > settings.max_query_bytes * 3 + 4096:  # form-encoding may triple a query's size
        raise Problem(413, f"the request body is {len(body)} bytes; this endpoint accepts queries of at most "
                           f"{settings.max_query_bytes} bytes")
    if media == FORM:
        form = parse_qs(_decode(body, charset), keep_blank_values=True)
        params = _params(request, form)
        query = _single(params.get("query", []), "query")
        update = _single(params.get("update", []), "update")
        if query is not None and update is not None:
            raise Problem(400, "send either query or update, not both")
        if query is not None:
            return await run_query(request, query, params)
        if update is not None:
            return await run_update(request, update, params)
        raise Problem(400, "the form has neither a query nor an update parameter")
    if media == QUERY_TYPE:
        return await run_query(request, _decode(body, charset), _params(request))
    if media == UPDATE_TYPE:
        return await run_update(request, _decode(body, charset), _params(request))
    raise Problem(415, f"unsupported content type {media or '(none)'!r}: use {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}")


def _own_graphs(request: Request) -> set[str]:
    state = request.app.state
    store = state.store
    cached = getattr(state, "graphs_cache", None)
    if cached is None or cached[0] != store.generation:
        cached = (store.generation, set(store.graphs()))
        state.graphs_cache = cached
    return cached[1]


_CHARACTER_RANGES = re.compile(r"(?:, )?\[[^\]]*(?:\.\.=|\\u\{)[^\]]*\]")  # the parser's dump of name characters


def syntax_problem(message: str) -> Problem:
    position = _POSITION.search(message)
    extra: dict[str, Any] = {}
    where = ""
    if position:
        extra = {"line": int(position.group(1)), "column": int(position.group(2))}
        where = f" at line {position.group(1)}, column {position.group(2)}"
    if "Prefix not found" in message:
        known = ", ".join(f"PREFIX {p}: <{ns}>" for p, ns in sorted(PREFIXES.items()) if p in _COMMON_PREFIXES)
        return Problem(400, f"malformed query{where}: a prefix used there is not declared. Declare it at the top, "
                       f"e.g. {known}", title="Malformed query", **extra)
    readable = " ".join(_CHARACTER_RANGES.sub("", message).split())
    return Problem(400, f"malformed query: {readable}", title="Malformed query", **extra)


_COMMON_PREFIXES = ("sg", "rdfs", "skos", "prov")


def failure_problem(exc: QueryFailed, timeout: float) -> Problem:
    if exc.kind == "syntax":
        return syntax_problem(exc.message)
    if exc.kind == "not-acceptable":
        return Problem(406, exc.message)
    if exc.kind in {"timeout", "busy"}:
        return Problem(503, f"{exc.message}; simplify the query (add LIMIT, narrow the patterns) or try again later",
                       title="Query time limit exceeded" if exc.kind == "timeout" else "Server busy",
                       headers={"Retry-After": "5"}, timeout=timeout)
    return Problem(503, f"the query could not be answered: {exc.message}")


async def run_query(request: Request, query: str, params: dict[str, list[str]]) -> Response:
    settings = request.app.state.settings
    _check_size(query, settings.max_query_bytes)
    if guard.is_update_text(query):
        raise Problem(400, "this is a SPARQL Update: send it as update= or with Content-Type application/sparql-update")
    reason = guard.refusal(query, _own_graphs(request)) or guard.dataset_refusal(params, _own_graphs(request))
    if reason:
        raise Problem(400, reason, title="Query refused")
    job = QueryJob(query, tuple(params.get("default-graph-uri", [])), tuple(params.get("named-graph-uri", [])),
                   request.headers.get("accept"), _single(params.get("format", []), "format"), settings.max_rows,
                   str(request.url.replace(query="")))
    runner = get_runner(request)
    cache: AnswerCache = request.app.state.answer_cache
    key = (job, request.app.state.store.generation)
    answer = cache.get(key)
    if answer is None:
        try:
            answer = await runner.run(job, settings.timeout)
        except QueryFailed as exc:
            raise failure_problem(exc, settings.timeout) from None
        cache.put(key, answer)
    return answer_response(answer, settings.max_rows)


def answer_response(answer: Answer, max_rows: int) -> Response:
    """An answer with the headers every query answer carries (rows, truncated, the row limit)."""
    headers = {TRUNCATED_HEADER: "true" if answer.truncated else "false", ROWS_HEADER: str(answer.rows),
               MAX_ROWS_HEADER: str(max_rows), "Vary": "Accept"}
    return Response(answer.body, media_type=answer.media_type, headers=headers)


async def run_update(request: Request, update: str, params: dict[str, list[str]]) -> Response:
    require_update_rights(request)
    settings = request.app.state.settings
    _check_size(update, settings.max_query_bytes)
    reason = guard.refusal(update, (), is_update=True)
    if reason:
        raise Problem(400, reason, title="Update refused")
    try:
        text = guard.with_using(update, params.get("using-graph-uri", []), params.get("using-named-graph-uri", []))
    except ValueError as exc:
        raise Problem(400, str(exc)) from None
    store = request.app.state.store
    base = str(request.url.replace(query=""))
    async with _update_lock:
        try:
            await asyncio.to_thread(store.update, text, base)
        except QuerySyntaxError as exc:
            raise syntax_problem(str(exc)) from None
        except StoreError as exc:
            raise Problem(400, f"the update failed: {exc}") from None
    return Response(status_code=204)


# ---------------------------------------------------------------- service description


def _description(endpoint: str, allow_update: bool, graphs: list[str]) -> Graph:
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS_NS)
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if allow_update:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        g.add((service, SD.resultFormat, FORMATS_NS[name]))
    dataset, default = BNode("dataset"), BNode("defaultGraph")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, SD.name, Literal("union of all named graphs")))
    for index, name in enumerate(graphs):
        named = BNode(f"g{index}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(name)))
    return g


def service_description(request: Request, settings: Any, store: Any, accept: str | None,
                        format_param: str | None) -> Response:
    try:
        fmt = choose_format("graph", accept, format_param)
    except NotAcceptable as exc:
        raise Problem(406, str(exc)) from None
    endpoint = str(request.url.replace(query=""))
    graph = _description(endpoint, settings.allow_update, sorted(_own_graphs(request)))
    body = to_graph(QueryResult("graph", triples=list(graph)), fmt.key)
    return Response(body, media_type=content_type(fmt), headers={"Vary": "Accept"})

