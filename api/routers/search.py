"""/api/search: entities by label or alias (Chinese substring, English case-insensitive, pinyin: liugong → 柳工)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.lookups import BadParameter
from api.routers.common import Limit, LookupsDep, Offset, Page, Ref, ref_model, resource_router
from kg.export import HIDDEN_KINDS, KINDS

router = resource_router("/api/search", "search")
SEARCHABLE = [k for k in KINDS if k not in HIDDEN_KINDS]


class SearchHit(Ref):
    matched: str


@router.get("", response_model=Page[SearchHit], summary="Search labels and aliases (also by pinyin: liugong finds 柳工)")
def search(lookups: LookupsDep, q: Annotated[str, Query(min_length=1, max_length=100)], limit: Limit = 20,
           offset: Offset = 0,
           type: Annotated[str | None, Query(description=f"one of {', '.join(SEARCHABLE)}")] = None) -> Page[SearchHit]:
    if not q.strip():
        raise BadParameter("q", "must contain something other than spaces")
    if type is not None and type not in SEARCHABLE:
        raise BadParameter("type", f"{type[:40]!r} is not one of {', '.join(SEARCHABLE)}")
    hits = lookups.search(q.strip(), [type] if type else SEARCHABLE)
    items = [SearchHit(**ref_model(ref).model_dump(), matched=matched) for ref, matched in hits[offset:offset + limit]]
    return Page[SearchHit](total=len(hits), limit=limit, offset=offset, items=items)
