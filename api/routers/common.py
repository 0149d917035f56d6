"""What every REST router shares: response models, pagination, parameters, errors, the lookups dependency."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.responses import Response

from api.lookups import (
    BadParameter,
    Entity,
    EntityRef,
    EvidenceValue,
    Lookups,
    NotFound,
    as_decimal,
    check_key,
    kind_iri,
)
from api.pagination import link_header, links_for_page, listing
from api.problems import Problem as ProblemError
from api.problems import problem_response
from api.school_names import AmbiguousSchool, SchoolName, UnknownSchool, resolve_school

T = TypeVar("T")

MAX_LIMIT = 500
SCHOOL_CODE = r"^\d{10}$"


# ---------------------------------------------------------------- models

class Ref(BaseModel):
    """A node of the graph: ``id`` is the IRI key ``{kind}/{key}``; ``href`` its linked-data page."""

    id: str = Field(examples=["school/4123010001"])
    key: str
    type: str
    label_zh: str
    label_en: str | None = None
    iri: str
    href: str


class Evidence(BaseModel):
    """Where a fact was read: report, 1-based line, character offsets and the exact quote."""

    id: str
    report: str
    line: int
    start: int
    end: int
    quote: str
    href: str


class Page(BaseModel, Generic[T]):
    total: int = Field(description="matching items in all pages")
    limit: int
    offset: int
    next: str | None = Field(default=None, description="URL of the next page (none on the last page)")
    prev: str | None = Field(default=None, description="URL of the previous page (none on the first page)")
    items: list[T]

    def model_post_init(self, context: Any) -> None:
        """Links to the neighbouring pages of the request being answered (also sent as ``Link`` headers)."""
        links = links_for_page(self.total, self.limit, self.offset)
        self.next, self.prev = links.get("next"), links.get("prev")


class Problem(BaseModel):
    """RFC 9457 problem details (``application/problem+json``)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "Ambiguous school (the candidates are listed)", "model": Problem,
          "content": {"application/problem+json": {}}},
    404: {"description": "Unknown id, or no school of that name (the closest are suggested)", "model": Problem,
          "content": {"application/problem+json": {}}},
    422: {"description": "Bad parameter (named in detail)", "model": Problem,
          "content": {"application/problem+json": {}}},
}


def ref_model(ref: EntityRef) -> Ref:
    return Ref(id=ref.id, key=ref.key, type=ref.kind, label_zh=ref.label_zh, label_en=ref.label_en, iri=ref.iri,
               href=f"/id/{ref.id}")


def refs(values: Sequence[EntityRef] | None) -> list[Ref]:
    return [ref_model(r) for r in dict.fromkeys(values or ())]


def first_ref(values: Sequence[EntityRef] | None) -> Ref | None:
    return ref_model(values[0]) if values else None


def evidence_model(ev: EvidenceValue) -> Evidence:
    key = ev.iri.rsplit("/", 1)[-1]
    return Evidence(id=f"evidence/{key}", report=ev.report, line=ev.line, start=ev.start, end=ev.end, quote=ev.quote,
                    href=f"/id/evidence/{key}")


def base_fields(entity: Entity) -> dict[str, Any]:
    """The :class:`Ref` fields of an entity, to spread into a resource model."""
    return ref_model(entity.ref).model_dump()


def number(value: Any) -> float | None:
    decimal = as_decimal(value)
    return float(decimal) if decimal is not None else None


def integer(value: Any) -> int | None:
    decimal = as_decimal(value)
    return int(decimal) if decimal is not None and decimal == decimal.to_integral_value() else None


def text(value: Any) -> str | None:
    return None if value is None else str(value)


# ---------------------------------------------------------------- errors

class ResponseCache:
    """Finished GET responses by URL and Accept, valid while the store's ``generation`` is unchanged.

    The graph is read-only between loads, so an answer is a pure function of the request: repeat
    lookups skip validation, SPARQL and serialisation entirely.
    """

    def __init__(self, size: int = 2048, max_body: int = 512_000) -> None:
        self.size, self.max_body = size, max_body
        self.generation: Any = None
        self.entries: OrderedDict[tuple[str, str, str], Response] = OrderedDict()
        self.lock = threading.Lock()

    @staticmethod
    def key(request: Request) -> tuple[str, str, str]:
        return request.url.path, request.url.query, request.headers.get("accept", "")

    def get(self, request: Request, generation: Any) -> Response | None:
        with self.lock:
            if generation != self.generation:
                self.entries.clear()
                self.generation = generation
                return None
            response = self.entries.get(self.key(request))
            if response is not None:
                self.entries.move_to_end(self.key(request))
            return response

    def put(self, request: Request, generation: Any, response: Response) -> None:
        body = getattr(response, "body", None)
        if response.status_code != 200 or body is None or len(body) > self.max_body or generation is None:
            return
        with self.lock:
            if generation == self.generation:
                self.entries[self.key(request)] = response
                if len(self.entries) > self.size:
                    self.entries.popitem(last=False)


def _cache(request: Request) -> ResponseCache:
    cache = getattr(request.app.state, "response_cache", None)
    if cache is None:
        cache = request.app.state.response_cache = ResponseCache()
    return cache


class ProblemRoute(APIRoute):
    """Answers this router's bad input as problem+json: 422 naming the parameter, 404 for unknown ids.

    Successful GET answers are cached per store generation (:class:`ResponseCache`).
    """

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            generation = getattr(getattr(request.app.state, "store", None), "generation", None)
            cached = _cache(request).get(request, generation) if request.method == "GET" else None
            if cached is not None:
                return cached
            try:
                with listing(request.url, request.query_params.multi_items()) as current:
                    response = await handler(request)
                if current.links:
                    response.headers["Link"] = link_header(current.links)
                if request.method == "GET":
                    _cache(request).put(request, generation, response)
                return response
            except RequestValidationError as exc:
                errors = [{"name": str(e.get("loc", ("", ""))[-1]), "in": str(e.get("loc", ("",))[0]),
                           "reason": str(e.get("msg", ""))} for e in exc.errors()]
                where = "; ".join(f"{e['name']}: {e['reason']}" for e in errors)
                return problem_response(422, f"invalid parameter {where}", instance=request.url.path,
                                        invalid_params=errors)
            except BadParameter as exc:
                return problem_response(422, f"invalid parameter {exc.param}: {exc.message}", instance=request.url.path,
                                        invalid_params=[{"name": exc.param, "reason": exc.message}])
            except NotFound as exc:
                return problem_response(404, str(exc), instance=request.url.path)

        return route


def resource_router(prefix: str, tag: str) -> APIRouter:
    return APIRouter(prefix=prefix, tags=[tag], responses=PROBLEM_RESPONSES, route_class=ProblemRoute)


# ---------------------------------------------------------------- parameters and dependencies

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size (1–{MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]
TextQuery = Annotated[str | None, Query(min_length=1, max_length=100, description="substring of a label or alias")]
EntityKey = Annotated[str, Path(min_length=1, max_length=300, description="the key of the entity's IRI")]


def get_lookups(request: Request) -> Lookups:
    """The app's :class:`Lookups`, made once over the app's store."""
    lookups = getattr(request.app.state, "lookups", None)
    if lookups is None:
        lookups = Lookups(_store_of(request))
        request.app.state.lookups = lookups
    return lookups


def _store_of(request: Request) -> Any:
    store = getattr(request.app.state, "store", None)
    if store is None:
        from api.deps import get_store  # the endpoint engineer's dependency

        store = get_store(request)
    return store


LookupsDep = Annotated[Lookups, Depends(get_lookups)]

SchoolText = Annotated[str | None, Query(
    min_length=1, max_length=100, examples=["4145012104", "柳州职业技术学院", "柳州"],
    description="the school: its 10-digit MOE code, its name, an alias or a short name (柳州, 哈职); "
                "404 with suggestions when no school has that name, 400 listing the candidates when several do")]


def school_code_filter(lookups: LookupsDep, school: SchoolText = None) -> str | None:
    """The shared ``school`` filter: whatever names the school, resolved to its MOE code."""
    return None if school is None else school_code_of(lookups, school)


def school_code_of(lookups: Lookups, text: str, param: str = "school") -> str:
    """The MOE code of the school ``text`` names (code, name, alias or short name); a problem+json 404
    with suggestions, or 400 with the candidates, naming the parameter ``param`` otherwise."""
    try:
        return resolve_school(lookups, text)
    except UnknownSchool as exc:
        raise ProblemError(404, f"{exc}; closest: {_names(exc.suggestions) or 'none'}", title="Unknown school",
                           invalid_params=[{"name": param, "reason": str(exc)}],
                           suggestions=[_school_choice(s) for s in exc.suggestions]) from None
    except AmbiguousSchool as exc:
        raise ProblemError(400, f"{exc}; give the code or the full name", title="Ambiguous school",
                           invalid_params=[{"name": param, "reason": "names several schools"}],
                           candidates=[_school_choice(s) for s in exc.candidates]) from None


def _school_choice(school: SchoolName) -> dict[str, str]:
    return {"code": school.code, "name": school.label, "href": f"/id/school/{school.code}"}


def _names(schools: Sequence[SchoolName]) -> str:
    return "; ".join(f"{s.label} ({s.code})" for s in schools)


SchoolCode = Annotated[str | None, Depends(school_code_filter)]


def school_iri(lookups: Lookups, code: str | None, param: str = "school") -> str | None:
    """The IRI of a school filter value, or a 422 naming the parameter when no such school is in the graph."""
    if code is None:
        return None
    return lookups.require(param, kind_iri("School", param, code), "School")


def entity_filter(lookups: Lookups, kind: str, param: str, key: str | None) -> str | None:
    if key is None:
        return None
    return lookups.require(param, kind_iri(kind, param, check_key(param, key)), kind)


# ---------------------------------------------------------------- list and detail

def paged(lookups: Lookups, kind: str, patterns: Sequence[str], q: str | None, limit: int, offset: int,
          convert: Callable[[Entity], T], *, incoming: bool = False) -> Page[T]:
    """One page of ``kind`` subjects matching ``patterns`` (over ``?s``), each converted to its model."""
    matching = lookups.subjects(kind, patterns, q)
    page = lookups.entities(matching[offset:offset + limit], incoming=incoming)
    return Page[Any](total=len(matching), limit=limit, offset=offset, items=[convert(e) for e in page])


def detail(lookups: Lookups, kind: str, key: str, convert: Callable[[Entity], T], *, incoming: bool = False) -> T:
    """One entity of ``kind`` by its key; 404 when there is none, 422 when the key itself is malformed."""
    iri = lookups.require("key", kind_iri(kind, "key", key), kind, missing=NotFound)
    return convert(lookups.entities([lookups.ref(iri)], incoming=incoming)[0])


__all__ = ["BadParameter", "NotFound"]
