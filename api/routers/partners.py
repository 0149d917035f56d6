"""/api/partners: enterprises and other partner organisations, filterable by school, kind and sharing."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from api.lookups import (
    Entity,
    Lookups,
    NotFound,
    any_of_kinds,
    has_code,
    kind_iri,
    partner_of_school,
    shared_by_schools,
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
    refs,
    resource_router,
    school_iri,
    text,
)

router = resource_router("/api/partners", "partners")
OrgKind = Literal["enterprise", "university", "vocational-school", "research-institute", "government", "association",
                  "foreign-institution", "hospital", "media", "other"]
PARTNER_KINDS = ("Enterprise", "PartnerOrganization")
class Partner(Ref):
    org_kind: str | None = None
    country: str | None = None
    relation_kinds: list[str] = []
    partner_of: list[Ref] = []
    alt_labels: list[str] = []


def to_partner(e: Entity, relation_kinds: list[str]) -> Partner:
    return Partner(**base_fields(e), org_kind=text(e.first("orgKind")), country=text(e.first("country")),
                   relation_kinds=relation_kinds, partner_of=refs(e.incoming.get("partner")),
                   alt_labels=sorted(set(e.alt_labels)))


def _with_relations(lookups: Lookups, e: Entity) -> Partner:
    return to_partner(e, lookups.relation_kinds(e.ref.iri))


@router.get("", response_model=Page[Partner], summary="List partner enterprises and organisations")
def list_partners(
    lookups: LookupsDep, limit: Limit = 50, offset: Offset = 0, q: TextQuery = None, school: SchoolCode = None,
    kind: Annotated[OrgKind | None, Query(description="sg:orgKind")] = None,
    shared_by: Annotated[int | None, Query(ge=1, le=1000, description="partners of at least N schools")] = None,
) -> Page[Partner]:
    patterns = []
    if school:
        patterns.append(partner_of_school(school_iri(lookups, school)))
    if kind:
        patterns.append(has_code("orgKind", kind))
    if shared_by:
        patterns.append(shared_by_schools(shared_by))
    matching = lookups.subjects_where(any_of_kinds(PARTNER_KINDS, patterns), q)
    page = lookups.entities(matching[offset:offset + limit], incoming=True)
    return Page[Partner](total=len(matching), limit=limit, offset=offset,
                         items=[_with_relations(lookups, e) for e in page])


@router.get("/{key}", response_model=Partner, summary="One partner (enterprise or organisation) by key")
def get_partner(lookups: LookupsDep, key: EntityKey) -> Partner:
    for kind in PARTNER_KINDS:
        iri = kind_iri(kind, "key", key)
        if lookups.exists(iri, kind):
            return _with_relations(lookups, lookups.entities([lookups.ref(iri)], incoming=True)[0])
    raise NotFound(f"no partner with key {key!r}")

