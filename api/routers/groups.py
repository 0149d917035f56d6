"""/api/groups: professional groups (专业群) with lead and member majors."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.lookups import LEVEL_KEYS, Entity, into, level_iri, out
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

router = resource_router("/api/groups", "groups")
LevelKey = Annotated[str | None, Query(description=f"one of {', '.join(LEVEL_KEYS)}")]


class Group(Ref):
    school: Ref | None = None
    level: Ref | None = None
    category: str | None = None
    lead_majors: list[Ref] = []
    members: list[Ref] = []
    alt_labels: list[str] = []


def to_group(e: Entity) -> Group:
    return Group(**base_fields(e), school=first_ref(e.incoming.get("hasGroup")), level=first_ref(e.links.get("level")),
                 category=text(e.first("category")), lead_majors=refs(e.links.get("leadMajor")),
                 members=refs(e.links.get("hasMember")), alt_labels=sorted(set(e.alt_labels)))


@router.get("", response_model=Page[Group], summary="List professional groups")
def list_groups(lookups: LookupsDep, limit: Limit = 50, offset: Offset = 0, q: TextQuery = None,
                school: SchoolCode = None, level: LevelKey = None) -> Page[Group]:
    patterns = []
    if school:
        patterns.append(into(school_iri(lookups, school), "hasGroup"))
    if level:
        patterns.append(out("level", level_iri("level", level)))
    return paged(lookups, "ProfessionalGroup", patterns, q, limit, offset, to_group, incoming=True)


@router.get("/{key}", response_model=Group, summary="One professional group")
def get_group(lookups: LookupsDep, key: EntityKey) -> Group:
    return detail(lookups, "ProfessionalGroup", key, to_group, incoming=True)
