"""/api/funding: rows of the funding tables (source, budget, received, spent; 万元)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.lookups import Entity, about_school, has_text
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
    number,
    paged,
    resource_router,
    school_iri,
    text,
)

router = resource_router("/api/funding", "funding")


class FundingRecord(Ref):
    scope: Ref | None = None
    source: str | None = None
    budget_total: float | None = None
    budget: float | None = None
    received: float | None = None
    spent: float | None = None
    execution_rate: float | None = None
    period: str | None = None
    unit: str | None = None


def to_funding(e: Entity) -> FundingRecord:
    return FundingRecord(**base_fields(e), scope=first_ref(e.links.get("fundingScope")),
                         source=text(e.first("fundingSource")), budget_total=number(e.first("budgetTotal")),
                         budget=number(e.first("budget")), received=number(e.first("received")),
                         spent=number(e.first("spent")), execution_rate=number(e.first("executionRate")),
                         period=text(e.first("period")), unit=text(e.first("unit")))


@router.get("", response_model=Page[FundingRecord], summary="List funding records")
def list_funding(lookups: LookupsDep, limit: Limit = 50, offset: Offset = 0, q: TextQuery = None,
                 school: SchoolCode = None,
                 source: Annotated[str | None, Query(min_length=1, max_length=50)] = None) -> Page[FundingRecord]:
    patterns = []
    if school:
        patterns.append(about_school(school_iri(lookups, school), "fundingScope"))
    if source:
        patterns.append(has_text("fundingSource", source))
    return paged(lookups, "FundingRecord", patterns, q, limit, offset, to_funding)


@router.get("/{key}", response_model=FundingRecord, summary="One funding record")
def get_funding(lookups: LookupsDep, key: EntityKey) -> FundingRecord:
    return detail(lookups, "FundingRecord", key, to_funding)
