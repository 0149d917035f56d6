"""/api/programmes: schemes and programmes schools take part in (双高计划, 1+X, 鲁班工坊…)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.lookups import Entity, has_code, into
from api.routers.common import (
    EntityKey,
    Limit,
    LookupsDep,
    Offset,
    Page,
    Ref,
    SchoolCode,
    TextQuery,
    base_fields,
    detail,
    first_ref,
    paged,
    refs,
    resource_router,
    school_iri,
    text,
)

router = resource_router("/api/programmes", "programmes")


class Programme(Ref):
    category: str | None = None
    country: str | None = None
    level: Ref | None = None
    participants: list[Ref] = []


def to_programme(e: Entity) -> Programme:
    return Programme(**base_fields(e), category=text(e.first("category")), country=text(e.first("country")),
                     level=first_ref(e.links.get("level")), participants=refs(e.incoming.get("participatesIn")))


@router.get("", response_model=Page[Programme], summary="List programmes")
def list_programmes(lookups: LookupsDep, limit: Limit = 50, offset: Offset = 0, q: TextQuery = None,
                    school: SchoolCode = None,
                    category: Annotated[str | None, Query(min_length=1, max_length=50)] = None) -> Page[Programme]:
    patterns = []
    if school:
        patterns.append(into(school_iri(lookups, school), "participatesIn"))
    if category:
        patterns.append(has_code("category", category))
    return paged(lookups, "Program", patterns, q, limit, offset, to_programme, incoming=True)


@router.get("/{key}", response_model=Programme, summary="One programme")
def get_programme(lookups: LookupsDep, key: EntityKey) -> Programme:
    return detail(lookups, "Program", key, to_programme, incoming=True)
