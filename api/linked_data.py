"""Dereferenceable IRIs: ``https://w3id.org/sgkg/id/{kind}/{key}`` served at ``/id/{kind}/{key}``.

Browsers get an HTML page (label, type, every fact with the sentence it was read from, links to
related entities and the links pointing here); RDF clients get Turtle, JSON-LD, N-Triples or
RDF/XML by ``Accept`` (or ``?format=``). ``*/*`` or no Accept header gives Turtle.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

import jinja2
from fastapi import Path as PathParam
from fastapi import Query, Request, Response
from fastapi.responses import HTMLResponse

from api.lookups import BadParameter, NotFound, entity_iri
from api.problems import Problem
from api.routers.common import LookupsDep, resource_router
from api.routers.entities import EntityDetail, entity_detail

router = resource_router("/id", "linked data")

HTML = "text/html"
RDF_MEDIA = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
             "application/rdf+xml": "xml"}
FORMAT_MEDIA = {"html": HTML, "ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
                "rdf": "application/rdf+xml"}
# media types a client may ask for, in our order of preference on ties
OFFERED = (HTML, "application/xhtml+xml", "text/turtle", "application/ld+json", "application/json",
           "application/n-triples", "application/rdf+xml", "text/plain")
ALIASES = {"application/xhtml+xml": HTML, "application/json": "application/ld+json", "text/plain": "application/n-triples"}
_MEDIA_RANGE = re.compile(r"^\s*([\w.+-]+|\*)/([\w.+-]+|\*)\s*((?:;\s*[\w.+-]+\s*=\s*(?:[\w.+-]+|\"[^\"]*\")\s*)*)$")

_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=jinja2.select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def negotiate(accept: str | None) -> str:
    """The media type to answer with for an ``Accept`` header; 400 if malformed, 406 if nothing offered fits."""
    if accept is None or not accept.strip():
        return "text/turtle"
    ranges: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        match = _MEDIA_RANGE.match(part)
        if not match:
            raise Problem(400, f"malformed Accept header near {part.strip()[:60]!r}")
        quality = 1.0
        for param in filter(None, (p.strip() for p in match.group(3).split(";"))):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    raise Problem(400, f"malformed quality value {value.strip()[:20]!r} in Accept") from None
                if not 0 <= quality <= 1:
                    raise Problem(400, f"quality value {quality} in Accept must be between 0 and 1")
        ranges.append((quality, position, f"{match.group(1).lower()}/{match.group(2).lower()}"))
    best: tuple[float, int, int, str] | None = None
    for quality, position, media in ranges:
        if quality <= 0:
            continue
        for rank, offered in enumerate(OFFERED):
            if media in ("*/*", offered) or (media.endswith("/*") and offered.startswith(media[:-1])):
                # a specific type beats a wildcard at the same quality; */* answers Turtle
                chosen = "text/turtle" if media == "*/*" else offered
                specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
                candidate = (quality, specificity, -position * 100 - rank, ALIASES.get(chosen, chosen))
                if best is None or candidate[:3] > best[:3]:
                    best = candidate
                break
    if best is None:
        raise Problem(406, f"cannot answer {accept[:80]!r}; offered: {', '.join(OFFERED)}")
    return best[3]


def _rdf_response(lookups: LookupsDep, iri: str, media: str) -> Response:
    graph = lookups.neighbourhood(iri)
    if len(graph) == 0:
        raise NotFound(f"no entity with IRI {iri}")
    body = graph.serialize(format=RDF_MEDIA[media], encoding="utf-8")
    return Response(body, media_type=f"{media}; charset=utf-8", headers={"Vary": "Accept"})


def render_page(detail: EntityDetail) -> str:
    outgoing = [f for f in detail.facts if f.direction == "out" and not f.predicate.startswith("rdfs:label")]
    incoming = [f for f in detail.facts if f.direction == "in"]
    return _templates.get_template("entity.html").render(entity=detail, outgoing=outgoing, incoming=incoming,
                                                         formats=[k for k in FORMAT_MEDIA if k != "html"])


@router.get("/{entity_id:path}", summary="Linked-data view of an entity (HTML, Turtle, JSON-LD, N-Triples, RDF/XML)",
            response_class=Response,
            responses={200: {"description": "the entity", "content": {m: {} for m in (HTML, *RDF_MEDIA)}},
                       400: {"description": "malformed Accept"}, 406: {"description": "nothing acceptable"}})
def entity_page(request: Request, lookups: LookupsDep,
                entity_id: Annotated[str, PathParam(min_length=3, max_length=400)],
                format: Annotated[Literal["html", "ttl", "jsonld", "nt", "rdf"] | None, Query()] = None) -> Response:
    media = FORMAT_MEDIA[format] if format else negotiate(request.headers.get("accept"))
    iri = entity_iri("entity_id", entity_id)
    if media == HTML:
        return HTMLResponse(render_page(entity_detail(lookups, entity_id)), headers={"Vary": "Accept"})
    return _rdf_response(lookups, iri, media)


__all__ = ["router", "negotiate", "BadParameter"]
