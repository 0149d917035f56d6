"""/api/schools: the colleges in the graph."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from api.lookups import Entity, has_text
from api.routers.common import (
    SCHOOL_CODE,
    Limit,
    LookupsDep,
    Offset,
    Page,
    Ref,
    TextQuery,
    base_fields,
    detail,
    paged,
    refs,
    resource_router,
    text,
)

router = resource_router("/api/schools", "schools")


class School(Ref):
    school_code: str | None = None
    province: str | None = None
    city: str | None = None
    sponsor: str | None = None
    shuanggao_unit_type: str | None = None
    shuanggao_tier: str | None = None
    alt_labels: list[str] = []
    groups: list[Ref] = []
    secondary_colleges: list[Ref] = []
    industry_colleges: list[Ref] = []
    programmes: list[Ref] = []
    reports: list[Ref] = []


def to_school(e: Entity) -> School:
    return School(**base_fields(e), school_code=text(e.first("schoolCode")), province=text(e.first("province")),
                  city=text(e.first("city")), sponsor=text(e.first("sponsor")),
                  shuanggao_unit_type=text(e.first("shuanggaoUnitType")), shuanggao_tier=text(e.first("shuanggaoTier")),
                  alt_labels=sorted(set(e.alt_labels)), groups=refs(e.links.get("hasGroup")),
                  secondary_colleges=refs(e.links.get("hasSecondaryCollege")),
                  industry_colleges=refs(e.links.get("hasIndustryCollege")),
                  programmes=refs(e.links.get("participatesIn")), reports=refs(e.incoming.get("describes")))


@router.get("", response_model=Page[School], summary="List schools")
def list_schools(lookups: LookupsDep, limit: Limit = 50, offset: Offset = 0, q: TextQuery = None,
                 province: Annotated[str | None, Query(min_length=1, max_length=30)] = None) -> Page[School]:
    patterns = [has_text("province", province)] if province else []
    return paged(lookups, "School", patterns, q, limit, offset, to_school, incoming=True)


@router.get("/{code}", response_model=School, summary="One school by its 10-digit MOE code")
def get_school(lookups: LookupsDep, code: Annotated[str, Path(pattern=SCHOOL_CODE)]) -> School:
    return detail(lookups, "School", code, to_school, incoming=True)
