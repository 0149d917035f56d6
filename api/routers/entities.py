"""/api/entities/{id}: every fact about one entity, each with the evidence it was read from."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path
from pydantic import BaseModel

from api.lookups import EntityRef, Fact, entity_iri
from api.routers.common import Evidence, LookupsDep, Ref, evidence_model, ref_model, resource_router
from kg.export import prefixed

router = resource_router("/api/entities", "entities")


class FactItem(BaseModel):
    predicate: str
    predicate_iri: str
    label_zh: str
    label_en: str | None = None
    direction: Literal["out", "in"]
    value: str | None = None  # a literal's lexical form
    ref: Ref | None = None  # or the entity linked
    evidence: list[Evidence] = []


class EntityDetail(Ref):
    alt_labels: list[str] = []
    evidence: list[Evidence] = []
    facts: list[FactItem] = []


def fact_item(fact: Fact) -> FactItem:
    linked = fact.value if isinstance(fact.value, EntityRef) else None
    return FactItem(predicate=prefixed(fact.predicate), predicate_iri=fact.predicate, label_zh=fact.labels.zh,
                    label_en=fact.labels.en or None, direction="in" if fact.incoming else "out",
                    value=None if linked else str(fact.value), ref=ref_model(linked) if linked else None,
                    evidence=[evidence_model(ev) for ev in fact.evidence])


def entity_detail(lookups: LookupsDep, entity_id: str) -> EntityDetail:
    """Shared by this router and the HTML entity pages."""
    ref = lookups.ref(entity_iri("entity_id", entity_id))
    facts, own = lookups.facts(ref.iri)
    alt = sorted({str(f.value) for f in facts if f.predicate.endswith("#altLabel")} - {ref.label_zh})
    return EntityDetail(**ref_model(ref).model_dump(), alt_labels=alt, evidence=[evidence_model(e) for e in own],
                        facts=[fact_item(f) for f in facts])


@router.get("/{entity_id:path}", response_model=EntityDetail, summary="Every fact about an entity, with evidence")
def get_entity(lookups: LookupsDep,
               entity_id: Annotated[str, Path(min_length=3, max_length=400, description="e.g. school/4123010001")]
               ) -> EntityDetail:
    return entity_detail(lookups, entity_id)
