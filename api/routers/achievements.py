"""/api/achievements: awards, honours, titles and rankings with level, year and holder."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.lookups import (
    LEVEL_KEYS,
    BadParameter,
    Entity,
    about_school,
    has_code,
    level_iri,
    out,
    year_between,
)
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
    integer,
    paged,
    refs,
    resource_router,
    school_iri,
    text,
)

router = resource_router("/api/achievements", "achievements")
Year = Annotated[int | None, Query(ge=1900, le=2100)]


class Achievement(Ref):
    achieved_by: list[Ref] = []
    level: Ref | None = None
    year: int | None = None
    count: int | None = None
    category: str | None = None


def to_achievement(e: Entity) -> Achievement:
    return Achievement(**base_fields(e), achieved_by=refs(e.links.get("achievedBy")),
                       level=first_ref(e.links.get("level")), year=integer(e.first("year")),
                       count=integer(e.first("count")), category=text(e.first("category")))


@router.get("", response_model=Page[Achievement], summary="List achievements")
def list_achievements(
    lookups: LookupsDep, limit: Limit = 50, offset: Offset = 0, q: TextQuery = None, school: SchoolCode = None,
    level: Annotated[str | None, Query(description=f"one of {', '.join(LEVEL_KEYS)}")] = None,
    year_from: Year = None, year_to: Year = None,
    category: Annotated[str | None, Query(min_length=1, max_length=50)] = None,
) -> Page[Achievement]:
    if year_from is not None and year_to is not None and year_from > year_to:
        raise BadParameter("year_from", f"{year_from} is after year_to {year_to}")
    patterns = []
    if school:
        patterns.append(about_school(school_iri(lookups, school), "achievedBy"))
    if level:
        patterns.append(out("level", level_iri("level", level)))
    if year_from is not None or year_to is not None:
        patterns.append(year_between(year_from, year_to))
    if category:
        patterns.append(has_code("category", category))
    return paged(lookups, "Achievement", patterns, q, limit, offset, to_achievement)


@router.get("/{key}", response_model=Achievement, summary="One achievement")
def get_achievement(lookups: LookupsDep, key: EntityKey) -> Achievement:
    return detail(lookups, "Achievement", key, to_achievement)
