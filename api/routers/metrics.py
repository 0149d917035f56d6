"""/api/metrics: stated figures (name, value, unit, period, scope)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.lookups import Entity, about_school, has_code
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

router = resource_router("/api/metrics", "metrics")


class Metric(Ref):
    name: str | None = None
    metric_key: str | None = None
    value: float | None = None
    unit: str | None = None
    period: str | None = None
    scope: Ref | None = None


def to_metric(e: Entity) -> Metric:
    return Metric(**base_fields(e), name=text(e.first("metricName")), metric_key=text(e.first("metricKey")),
                  value=number(e.first("value")), unit=text(e.first("unit")), period=text(e.first("period")),
                  scope=first_ref(e.links.get("scope")))


@router.get("", response_model=Page[Metric], summary="List metrics")
def list_metrics(lookups: LookupsDep, limit: Limit = 50, offset: Offset = 0, q: TextQuery = None,
                 school: SchoolCode = None,
                 metric_key: Annotated[str | None, Query(pattern=r"^[a-z0-9-]{1,80}$",
                                                         description="e.g. task-completion-rate")] = None) -> Page[Metric]:
    patterns = []
    if school:
        patterns.append(about_school(school_iri(lookups, school), "scope"))
    if metric_key:
        patterns.append(has_code("metricKey", metric_key))
    return paged(lookups, "Metric", patterns, q, limit, offset, to_metric)


@router.get("/{key}", response_model=Metric, summary="One metric")
def get_metric(lookups: LookupsDep, key: EntityKey) -> Metric:
    return detail(lookups, "Metric", key, to_metric)
