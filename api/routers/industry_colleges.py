"""/api/industry-colleges: 产业学院 with their co-builders."""

from __future__ import annotations

from api.lookups import Entity, into
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
)

router = resource_router("/api/industry-colleges", "industry colleges")


class IndustryCollege(Ref):
    school: Ref | None = None
    level: Ref | None = None
    co_builders: list[Ref] = []
    alt_labels: list[str] = []


def to_industry_college(e: Entity) -> IndustryCollege:
    return IndustryCollege(**base_fields(e), school=first_ref(e.incoming.get("hasIndustryCollege")),
                           level=first_ref(e.links.get("level")), co_builders=refs(e.links.get("partner")),
                           alt_labels=sorted(set(e.alt_labels)))


@router.get("", response_model=Page[IndustryCollege], summary="List industry colleges with their co-builders")
def list_industry_colleges(lookups: LookupsDep, limit: Limit = 50, offset: Offset = 0, q: TextQuery = None,
                           school: SchoolCode = None) -> Page[IndustryCollege]:
    patterns = [into(school_iri(lookups, school), "hasIndustryCollege")] if school else []
    return paged(lookups, "IndustryCollege", patterns, q, limit, offset, to_industry_college, incoming=True)


@router.get("/{key}", response_model=IndustryCollege, summary="One industry college")
def get_industry_college(lookups: LookupsDep, key: EntityKey) -> IndustryCollege:
    return detail(lookups, "IndustryCollege", key, to_industry_college, incoming=True)
