"""The self-consistency audit over HTTP: ``GET /api/inconsistencies`` (JSON, filters school, report,
kind), ``GET /audit`` and ``GET /reports/{key}/audit`` (zh/en pages).

The findings are read from the graph — the ``sg:Inconsistency`` nodes the build puts in each
report's named graph (:mod:`kg.audit`) — with every side's evidence and the figures compared.
"""

from __future__ import annotations

from collections import defaultdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from api.lookups import Lookups, Row
from api.problems import Problem
from api.routers.common import PROBLEM_RESPONSES, LookupsDep, ProblemRoute, SchoolCode, school_iri
from kg.audit import KINDS
from kg.coverage import REPORT_KEY_EXAMPLE, is_report_key
from kg.ids import iri

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                                autoescape=jinja2.select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)

router = APIRouter(tags=["audit"], responses=PROBLEM_RESPONSES, route_class=ProblemRoute)

InconsistencyKind = StrEnum("InconsistencyKind", {kind.replace("-", "_"): kind for kind in KINDS})


# ---------------------------------------------------------------- response models

class SideEvidence(BaseModel):
    """Where one side of a finding was read: report key, 1-based line, offsets, exact quote."""

    report: str
    line: int
    start: int
    end: int
    quote: str


class Inconsistency(BaseModel):
    id: str  # the finding's IRI
    kind: str
    kind_zh: str
    kind_en: str
    severity: str  # high | medium | low
    arithmetic: str  # the numbers and the arithmetic
    tolerance: str  # the rounding tolerance allowed
    reports: list[str]
    lines: list[int]
    evidence: list[SideEvidence]
    figures: list[str]  # IRIs of the sg:Metric / sg:FundingRecord nodes compared


class InconsistencyList(BaseModel):
    total: int
    by_kind: dict[str, int]
    items: list[Inconsistency]


# ---------------------------------------------------------------- reading the graph

def _finding_rows(lookups: Lookups, school: str | None, report: str | None, kind: str | None) -> list[Row]:
    filters = []
    if school:
        filters.append(f"?f sg:foundIn ?r0 . ?r0 sg:describes <{school}> .")
    if report:
        filters.append(f"?f sg:foundIn <{iri('Report', report)}> .")
    if kind:
        filters.append(f'?f sg:inconsistencyKind "{kind}" .')
    return lookups.select(f"""SELECT DISTINCT ?f ?kind ?severity ?arithmetic ?tolerance ?report WHERE {{
  ?f a sg:Inconsistency ; sg:inconsistencyKind ?kind ; sg:severity ?severity ; sg:arithmetic ?arithmetic ;
     sg:tolerance ?tolerance ; sg:foundIn ?report .
  {' '.join(filters)}
}} ORDER BY ?f ?report""")


def _evidence_rows(lookups: Lookups) -> dict[str, list[SideEvidence]]:
    rows = lookups.select("""SELECT DISTINCT ?f ?report ?line ?start ?end ?quote WHERE {
  ?f a sg:Inconsistency ; prov:wasDerivedFrom ?ev .
  ?ev sg:inReport ?r ; sg:line ?line ; sg:startOffset ?start ; sg:endOffset ?end ; sg:quote ?quote .
  ?r sg:fileName ?file . BIND(STRAFTER(STR(?r), "/report/") AS ?report)
} ORDER BY ?f ?report ?start""")
    found: dict[str, list[SideEvidence]] = defaultdict(list)
    for row in rows:
        found[str(row["f"])].append(SideEvidence(report=str(row["report"]), line=int(row["line"]),
                                                 start=int(row["start"]), end=int(row["end"]), quote=str(row["quote"])))
    return found


def _figure_rows(lookups: Lookups) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for row in lookups.select("SELECT DISTINCT ?f ?fig WHERE { ?f a sg:Inconsistency ; sg:compares ?fig } ORDER BY ?fig"):
        found[str(row["f"])].append(str(row["fig"]))
    return found


def inconsistencies(lookups: Lookups, school: str | None = None, report: str | None = None,
                    kind: str | None = None) -> list[Inconsistency]:
    """The findings in the graph matching the filters, in report and line order."""
    reports: dict[str, list[str]] = defaultdict(list)
    fields: dict[str, Row] = {}
    for row in _finding_rows(lookups, school, report, kind):
        key = str(row["f"])
        fields.setdefault(key, row)
        reports[key].append(str(row["report"]).rsplit("/", 1)[-1])
    evidence, figures = (_evidence_rows(lookups), _figure_rows(lookups)) if fields else ({}, {})
    found = [_inconsistency(key, row, sorted(set(reports[key])), evidence.get(key, []), figures.get(key, []))
             for key, row in fields.items()]
    return sorted(found, key=lambda f: (f.reports[0], f.lines[:1], f.id))


def _inconsistency(key: str, row: Row, reports: list[str], evidence: list[SideEvidence],
                   figures: list[str]) -> Inconsistency:
    kind = str(row["kind"])
    zh, en = KINDS.get(kind, (kind, kind))
    return Inconsistency(id=key, kind=kind, kind_zh=zh, kind_en=en, severity=str(row["severity"]),
                         arithmetic=str(row["arithmetic"]), tolerance=str(row["tolerance"]), reports=reports,
                         lines=sorted({e.line for e in evidence}), evidence=evidence, figures=figures)


def listing(found: list[Inconsistency]) -> InconsistencyList:
    by_kind: dict[str, int] = defaultdict(int)
    for f in found:
        by_kind[f.kind] += 1
    return InconsistencyList(total=len(found), by_kind=dict(sorted(by_kind.items())), items=found)


def require_report(lookups: Lookups, key: str) -> str:
    """The report key when the graph holds that report; a 404 problem otherwise."""
    known = is_report_key(key) and lookups.select(
        f"SELECT ?file WHERE {{ <{iri('Report', key)}> sg:fileName ?file }} LIMIT 1")
    if not known:
        raise Problem(404, f"no report with key {key!r} in the graph (report keys look like {REPORT_KEY_EXAMPLE})")
    return key


# ---------------------------------------------------------------- pages

def render_audit_page(findings: list[dict[str, Any]], title: str, report: str | None = None) -> str:
    """The zh/en audit page for these findings (dicts as :func:`kg.audit.finding_dict` or the API gives)."""
    by_kind: dict[str, int] = defaultdict(int)
    for f in findings:
        by_kind[f["kind"]] += 1
    return _templates.get_template("audit.html").render(findings=findings, title=title, report=report,
                                                        kinds=KINDS, by_kind=dict(sorted(by_kind.items())))


def _page_dicts(found: list[Inconsistency]) -> list[dict[str, Any]]:
    return [{**f.model_dump(), "sides": [e.model_dump() for e in f.evidence]} for f in found]


# ---------------------------------------------------------------- routes

ReportFilter = Annotated[str | None, Query(min_length=1, max_length=200,
                                           description=f"a report key, e.g. {REPORT_KEY_EXAMPLE}")]
KindFilter = Annotated[InconsistencyKind | None, Query(description="the check that raised the finding")]


@router.get("/api/inconsistencies", response_model=InconsistencyList,
            summary="Where reports contradict themselves or a sister report (filters: school, report, kind)")
def list_inconsistencies(lookups: LookupsDep, school: SchoolCode = None, report: ReportFilter = None,
                         kind: KindFilter = None) -> InconsistencyList:
    if report is not None:
        require_report(lookups, report)
    return listing(inconsistencies(lookups, school_iri(lookups, school), report, kind.value if kind else None))


@router.get("/audit", response_class=HTMLResponse, summary="The self-consistency audit of every report (HTML page)")
def audit_page(lookups: LookupsDep, school: SchoolCode = None, kind: KindFilter = None) -> HTMLResponse:
    found = inconsistencies(lookups, school_iri(lookups, school), None, kind.value if kind else None)
    return HTMLResponse(render_audit_page(_page_dicts(found), "all reports"))


@router.get("/reports/{report_key}/audit", response_class=HTMLResponse,
            summary="Where one report contradicts itself or its sister report (HTML page)")
def report_audit_page(lookups: LookupsDep,
                      report_key: Annotated[str, PathParam(min_length=1, max_length=200)]) -> HTMLResponse:
    key = require_report(lookups, report_key)
    return HTMLResponse(render_audit_page(_page_dicts(inconsistencies(lookups, None, key)), key, report=key))
