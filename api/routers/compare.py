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
from api.routers.common import PROBLEM_RESPONSES, LookupsDep, ProblemRoute, school_code_of
from api.school_profile import Comparison, all_school_codes, compare, school_iri

router = APIRouter(tags=["compare"], responses=PROBLEM_RESPONSES, route_class=ProblemRoute)
MAX_SCHOOLS = 12
Schools = Annotated[str | None, Query(max_length=MAX_SCHOOLS * 40, description="comma-separated schools, each a "
                                      "10-digit code, a name or a short name (柳州, 哈职); default: every school in the graph")]


def chosen_codes(lookups: Lookups, schools: str | None) -> list[str]:
    """The schools named (codes, names or short names, as every ``school`` filter takes), else all."""
    named = list(dict.fromkeys(c.strip() for c in (schools or "").replace("，", ",").split(",") if c.strip()))
    if len(named) > MAX_SCHOOLS:
        raise BadParameter("schools", f"at most {MAX_SCHOOLS} schools, got {len(named)}")
    codes = list(dict.fromkeys(school_code_of(lookups, name, "schools") for name in named))
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
