"""``/queries``: the query library (``queries/*.rq``, Datasette-style canned queries).

Each file starts with header comments giving its titles and description::

    # title@zh: 悉尼协议认证专业及其学校
    # title@en: All Sydney Accord majors and their schools
    # description@zh: ...
    # description@en: ...

``/queries`` lists them; ``/queries/{name}`` answers one exactly like ``/sparql`` would (same
formats, limits and errors): from the answer computed ahead with the store's current generation when
there is one (:mod:`api.precomputed`), else by evaluating it. ``X-SGKG-Answer`` says which
(``precomputed`` / ``evaluated``) and ``X-SGKG-Generation`` names the generation.
``/queries/{name}.rq`` returns its text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse

from api.executor import Answer
from api.formats import NotAcceptable
from api.precomputed import find, generation_of, served
from api.problems import Problem
from api.settings import Settings

router = APIRouter(prefix="/queries", tags=["query library"])
ANSWER_HEADER = "X-SGKG-Answer"  # precomputed (kept with the store generation) or evaluated (now)
GENERATION_HEADER = "X-SGKG-Generation"  # the store generation the answer belongs to

_HEADER = re.compile(r"^#\s*(title|description)@(zh|en)\s*:\s*(.+?)\s*$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,80}$")


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    text: str


def parse_canned(name: str, text: str) -> CannedQuery:
    """A library query from its file text; the header must give both titles."""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line)
        if m:
            fields[f"{m.group(1)}_{m.group(2)}"] = m.group(3)
    missing = [k for k in ("title_zh", "title_en") if k not in fields]
    if missing:
        raise ValueError(f"queries/{name}.rq: header lacks {', '.join(missing)} (# title@zh: … / # title@en: …)")
    return CannedQuery(name, fields["title_zh"], fields["title_en"], fields.get("description_zh", ""),
                       fields.get("description_en", ""), text)


@lru_cache(maxsize=8)
def _load(directory: Path, stamp: tuple[tuple[str, float], ...]) -> dict[str, CannedQuery]:
    return {path.stem: parse_canned(path.stem, path.read_text(encoding="utf-8"))
            for path in sorted(directory.glob("*.rq"))}


def library(directory: Path) -> dict[str, CannedQuery]:
    """Every query in ``directory`` by name (re-read when a file changes)."""
    if not directory.is_dir():
        return {}
    stamp = tuple((p.name, p.stat().st_mtime) for p in sorted(directory.glob("*.rq")))
    return _load(directory, stamp)


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _find(request: Request, name: str) -> CannedQuery:
    queries = library(_settings(request).queries_dir)
    if not _NAME.match(name) or name not in queries:
        raise Problem(404, f"no query named {name!r} in the library; see /queries")
    return queries[name]


_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
                               autoescape=True)


@router.get("", summary="The query library: names, titles and descriptions (a page for a browser)")
async def list_queries(request: Request) -> Response:
    from api.sparql import wants_html

    queries = list(library(_settings(request).queries_dir).values())
    if wants_html(request.headers.get("accept")):
        return HTMLResponse(_templates.get_template("queries.html").render(queries=queries))
    return JSONResponse([{k: v for k, v in asdict(q).items() if k != "text"} | {"url": f"/queries/{q.name}"}
                         for q in queries])


@router.get("/{name}.rq", summary="A library query's SPARQL text", response_class=PlainTextResponse)
async def query_text(request: Request, name: str) -> PlainTextResponse:
    return PlainTextResponse(_find(request, name).text, media_type="application/sparql-query; charset=utf-8")


@router.get("/{name}", summary="Run a library query (formats as /sparql: Accept or ?format=; a browser gets the query page)")
async def run_canned(request: Request, name: str) -> Response:
    from api.sparql import answer_response, run_query, wants_html

    query = _find(request, name)
    if wants_html(request.headers.get("accept")) and "format" not in request.query_params:
        return RedirectResponse(f"/sparql?query={quote(query.text)}", status_code=303)

    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        if key in {"format", *_DATASET_PARAMS}:
            params.setdefault(key, []).append(value)
    store = request.app.state.store
    generation = generation_of(store)
    kept = None if generation is None or _DATASET_PARAMS & params.keys() else \
        _precomputed(request, generation, query, params.get("format", []))
    response = answer_response(kept, _settings(request).max_rows) if kept else \
        await run_query(request, query.text, params)
    response.headers[ANSWER_HEADER] = "precomputed" if kept else "evaluated"
    response.headers[GENERATION_HEADER] = generation.name if generation else str(store.generation)
    return response


_DATASET_PARAMS = {"default-graph-uri", "named-graph-uri"}  # they change what the query reads


def _precomputed(request: Request, generation: Path, query: CannedQuery, formats: list[str]) -> Answer | None:
    """The answer kept with ``generation`` for this query text and row limit, if any."""
    entry = find(generation, query.name, query.text, _settings(request).max_rows)
    if entry is None:
        return None
    if len(formats) > 1:
        raise Problem(400, f"exactly one format parameter is allowed, got {len(formats)}")
    try:
        return served(generation, entry, request.headers.get("accept"), formats[0] if formats else None)
    except NotAcceptable as exc:
        raise Problem(406, str(exc)) from None
