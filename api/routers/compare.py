"""Schools side by side: ``/compare?schools=code1,code2`` (HTML) and ``/api/compare`` (JSON).

One row per indicator (``sg:metricKey``), one cell per school holding every figure that school
states about itself for it, each with the metric's page and its evidence quote.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.lookups import BadParameter, Lookups
from api.pages_common import render_page
from api.routers.common import PROBLEM_RESPONSES, LookupsDep, ProblemRoute
from api.school_profile import Comparison, all_school_codes, compare, school_iri

router = APIRouter(tags=["compare"], responses=PROBLEM_RESPONSES, route_class=ProblemRoute)
MAX_SCHOOLS = 12
Schools = Annotated[str | None, Query(max_length=MAX_SCHOOLS * 11, description="comma-separated 10-digit school "
                                      "codes; default: every school in the graph")]


def chosen_codes(lookups: Lookups, schools: str | None) -> list[str]:
    codes = list(dict.fromkeys(c.strip() for c in (schools or "").split(",") if c.strip()))
    if len(codes) > MAX_SCHOOLS:
        raise BadParameter("schools", f"at most {MAX_SCHOOLS} schools, got {len(codes)}")
    return codes or all_school_codes(lookups)


@router.get("/api/compare", response_model=Comparison, summary="The same indicators side by side for chosen schools")
def compare_json(lookups: LookupsDep, schools: Schools = None) -> Comparison:
    return compare(lookups, chosen_codes(lookups, schools))


@router.get("/compare", response_class=HTMLResponse, summary="Compare page: indicators side by side (table + chart)")
def compare_page(request: Request, lookups: LookupsDep, schools: Schools = None) -> HTMLResponse:
    comparison = compare(lookups, chosen_codes(lookups, schools))
    every = [lookups.ref(school_iri(c)) for c in all_school_codes(lookups)]
    return HTMLResponse(render_page(request, "compare.html", comparison=comparison, every_school=every,
                                    data=comparison.model_dump(mode="json")))
