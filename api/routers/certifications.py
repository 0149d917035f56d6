"""/api/certifications: accreditation schemes and certificates, and the majors accredited under each."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from api.lookups import Entity, kind_iri, out
from api.routers.common import (
    Evidence,
    Limit,
    LookupsDep,
    Offset,
    Page,
    Ref,
    SchoolCode,
    TextQuery,
    base_fields,
    detail,
    evidence_model,
    paged,
    resource_router,
    school_iri,
    text,
)
from api.routers.majors import Major, to_major
from kg.namespaces import SG

router = resource_router("/api/certifications", "certifications")
Key = Annotated[str, Path(min_length=1, max_length=100, description="e.g. sydney-accord")]


class Certification(Ref):
    category: str | None = None
    major_count: int = 0
    alt_labels: list[str] = []


class AccreditedMajor(Major):
    evidence: list[Evidence] = []


def to_certification(e: Entity) -> Certification:
    return Certification(**base_fields(e), category=text(e.first("category")),
                         major_count=len(set(e.incoming.get("accreditedUnder", []))), alt_labels=sorted(set(e.alt_labels)))


@router.get("", response_model=Page[Certification], summary="List certifications")
def list_certifications(lookups: LookupsDep, limit: Limit = 50, offset: Offset = 0,
                        q: TextQuery = None) -> Page[Certification]:
    return paged(lookups, "Certification", [], q, limit, offset, to_certification, incoming=True)


@router.get("/{key}", response_model=Certification, summary="One certification")
def get_certification(lookups: LookupsDep, key: Key) -> Certification:
    return detail(lookups, "Certification", key, to_certification, incoming=True)


@router.get("/{key}/majors", response_model=Page[AccreditedMajor],
            summary="Majors accredited under a certification, each with its school and evidence")
def certification_majors(lookups: LookupsDep, key: Key, limit: Limit = 50, offset: Offset = 0,
                         school: SchoolCode = None, q: TextQuery = None) -> Page[AccreditedMajor]:
    detail(lookups, "Certification", key, lambda e: e)  # 404 for an unknown certification
    cert = kind_iri("Certification", "key", key)
    patterns = [out("accreditedUnder", cert)]
    if school:
        patterns.append(out("offeredBy", school_iri(lookups, school)))

    def convert(e: Entity) -> AccreditedMajor:
        evidence = lookups.link_evidence(e.ref.iri, str(SG.accreditedUnder), cert)
        return AccreditedMajor(**to_major(e).model_dump(), evidence=[evidence_model(ev) for ev in evidence])

    return paged(lookups, "Major", patterns, q, limit, offset, convert, incoming=True)
