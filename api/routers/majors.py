"""/api/majors: majors as offered by one school, filterable by school, group, certification, catalogue, college."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.lookups import CATALOG_PREFIX, Entity, into, out
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
    entity_filter,
    first_ref,
    paged,
    refs,
    resource_router,
    school_iri,
    text,
)

router = resource_router("/api/majors", "majors")


class Major(Ref):
    school: Ref | None = None
    catalog_code: str | None = None
    catalog_entry: Ref | None = None
    catalog_match: str | None = None
    secondary_college: Ref | None = None
    certifications: list[Ref] = []
    groups: list[Ref] = []
    alt_labels: list[str] = []


def to_major(e: Entity) -> Major:
    entry = e.link("catalogEntry")
    return Major(**base_fields(e), school=first_ref(e.links.get("offeredBy")),
                 catalog_code=entry.key if entry else None, catalog_entry=first_ref(e.links.get("catalogEntry")),
                 catalog_match=text(e.first("catalogMatch")),
                 secondary_college=first_ref(e.links.get("inSecondaryCollege")),
                 certifications=refs(e.links.get("accreditedUnder")),
                 groups=refs(e.incoming.get("hasMember", []) + e.incoming.get("leadMajor", [])),
                 alt_labels=sorted(set(e.alt_labels)))


@router.get("", response_model=Page[Major], summary="List majors")
def list_majors(
    lookups: LookupsDep, limit: Limit = 50, offset: Offset = 0, q: TextQuery = None, school: SchoolCode = None,
    group: Annotated[str | None, Query(min_length=1, max_length=300, description="group key")] = None,
    certification: Annotated[str | None, Query(min_length=1, max_length=100, description="e.g. sydney-accord")] = None,
    catalog: Annotated[str | None, Query(pattern=r"^\d{6}[A-Z]?$", description="catalogue code: 6 digits, with the catalogue's letter suffix where it has one (570102K)")] = None,
    college: Annotated[str | None, Query(min_length=1, max_length=300, description="secondary college key")] = None,
) -> Page[Major]:
    patterns = []
    if school:
        patterns.append(out("offeredBy", school_iri(lookups, school)))
    if group:
        patterns.append(into(entity_filter(lookups, "ProfessionalGroup", "group", group), "hasMember", "leadMajor"))
    if certification:
        patterns.append(out("accreditedUnder", entity_filter(lookups, "Certification", "certification", certification)))
    if catalog:
        patterns.append(out("catalogEntry", CATALOG_PREFIX + catalog))
    if college:
        patterns.append(out("inSecondaryCollege", entity_filter(lookups, "SecondaryCollege", "college", college)))
    return paged(lookups, "Major", patterns, q, limit, offset, to_major, incoming=True)


@router.get("/{key}", response_model=Major, summary="One major ({school code}-{catalogue code})")
def get_major(lookups: LookupsDep, key: EntityKey) -> Major:
    return detail(lookups, "Major", key, to_major, incoming=True)
