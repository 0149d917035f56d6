"""A school as a whole: ``/schools/{code}`` (HTML) and ``/api/schools/{code}/profile`` (JSON), plus
``/api/neighbourhood/{kind}/{key}``, the one-hop graph the profile's neighbourhood view expands on click."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from api.pages_common import render_page
from api.routers.common import PROBLEM_RESPONSES, LookupsDep, ProblemRoute
from api.school_profile import NeighbourhoodGraph, SchoolProfile, neighbours, school_profile

router = APIRouter(tags=["school profiles"], responses=PROBLEM_RESPONSES, route_class=ProblemRoute)
Code = Annotated[str, Path(max_length=40, description="the school's 10-digit MOE code, e.g. 4145012104")]
KindSlug = Annotated[str, Path(min_length=1, max_length=40, description="kind segment of an id, e.g. group")]
Key = Annotated[str, Path(min_length=1, max_length=300, description="key segment of an id")]


@router.get("/api/schools/{code}/profile", response_model=SchoolProfile,
            summary="A school as a whole: facts, groups, industry colleges, partners, achievements, funding, "
                    "key figures, neighbourhood")
def profile_json(lookups: LookupsDep, code: Code) -> SchoolProfile:
    return school_profile(lookups, code)


@router.get("/schools/{code}", response_class=HTMLResponse, summary="A school's profile page (charts, graph)")
def profile_page(request: Request, lookups: LookupsDep, code: Code) -> HTMLResponse:
    profile = school_profile(lookups, code)
    return HTMLResponse(render_page(request, "school_profile.html", profile=profile, data=profile.model_dump(mode="json")))


@router.get("/api/neighbourhood/{kind}/{key}", response_model=NeighbourhoodGraph,
            summary="One hop around a node (partnerships folded into edges labelled by relation kind)")
def neighbourhood(lookups: LookupsDep, kind: KindSlug, key: Key) -> NeighbourhoodGraph:
    return neighbours(lookups, f"{kind}/{key}")
