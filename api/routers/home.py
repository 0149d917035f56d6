"""The front door: ``/`` (HTML, zh/en) and ``/api/overview`` (JSON) — what the graph holds and where to go next.

Schools with counts of each kind of node (each count links to the REST list it is the total of),
reports with their kind, period, file and coverage page, graph-wide totals, when the graph file
was built, and links to the query page, the query library, school profiles, the comparison, the
audit, the exports and the API docs. The counts come from :mod:`api.overview`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import jinja2
from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import BaseModel, Field

from api import overview
from api.deps import SettingsDep
from api.lookups import Lookups
from api.routers.common import LookupsDep

router = APIRouter(tags=["home"])

EXPORT_FORMATS = ("graphml", "gexf", "cytoscape", "dot", "csv", "html")
TOTAL_CLASSES = (("School", "学校", "schools"), ("Report", "报告", "reports"),
                 ("ProfessionalGroup", "专业群", "professional groups"), ("Major", "专业", "majors"),
                 ("SecondaryCollege", "二级学院", "secondary colleges"), ("IndustryCollege", "产业学院", "industry colleges"),
                 ("Enterprise", "企业", "enterprises"), ("PartnerOrganization", "其他合作单位", "other partners"),
                 ("Certification", "认证", "certifications"), ("Achievement", "成果", "achievements"),
                 ("Program", "项目", "programmes"), ("FundingRecord", "经费记录", "funding records"),
                 ("Metric", "数据指标", "figures"), ("Evidence", "出处", "evidence quotes"))
_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parents[1] / "templates"),
    autoescape=jinja2.select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


# ---------------------------------------------------------------- response models

class KindCount(BaseModel):
    kind: str = Field(examples=["groups"])
    label_zh: str
    label_en: str
    count: int
    href: str | None = Field(default=None, description="the REST list whose total this is")


class SchoolHoldings(BaseModel):
    code: str
    label_zh: str
    label_en: str | None = None
    province: str | None = None
    city: str | None = None
    profile: str = Field(description="the school's profile page")
    page: str = Field(description="the school's linked-data page")
    counts: list[KindCount]


class ReportSummary(BaseModel):
    key: str
    label: str
    file_name: str | None = None
    kind: str | None = None
    kind_zh: str | None = None
    kind_en: str | None = None
    period: str | None = None
    year: str | None = None
    school_code: str | None = None
    coverage: str = Field(description="what the graph does not know about this report (HTML)")
    page: str


class Link(BaseModel):
    href: str
    label_zh: str
    label_en: str


class Overview(BaseModel):
    """What the graph holds and where to go next."""

    schools: list[SchoolHoldings]
    reports: list[ReportSummary]
    totals: list[KindCount]
    quads: int
    graph_file: str | None = None
    built_at: str | None = Field(default=None, description="modification time of the graph file (UTC, ISO 8601)")
    links: list[Link]
    exports: list[Link]


# ---------------------------------------------------------------- assembling

def school_holdings(lookups: Lookups) -> list[SchoolHoldings]:
    counts = {kind.key: overview.counts_by_school(lookups, kind) for kind in overview.NODE_KINDS}
    return [SchoolHoldings(code=s.code, label_zh=s.label_zh, label_en=s.label_en, province=s.province, city=s.city,
                           profile=f"/schools/{s.code}", page=f"/id/school/{s.code}",
                           counts=[KindCount(kind=k.key, label_zh=k.label_zh, label_en=k.label_en,
                                             count=counts[k.key].get(s.iri, 0),
                                             href=f"{k.api_path}?school={s.code}" if k.api_path else None)
                                   for k in overview.NODE_KINDS])
            for s in overview.schools(lookups)]


def report_summaries(lookups: Lookups) -> list[ReportSummary]:
    found = []
    for r in overview.reports(lookups):
        kind_zh, kind_en = overview.REPORT_KINDS.get(r.kind or "", (r.kind, r.kind))
        key = quote(r.key, safe="")
        found.append(ReportSummary(key=r.key, label=r.label, file_name=r.file_name, kind=r.kind, kind_zh=kind_zh,
                                   kind_en=kind_en, period=r.period, year=r.year, school_code=r.school_code,
                                   coverage=f"/reports/{key}/coverage", page=f"/id/report/{key}"))
    return found


def graph_totals(lookups: Lookups) -> list[KindCount]:
    counted = overview.totals(lookups)
    return [KindCount(kind=cls, label_zh=zh, label_en=en, count=counted.get(cls, 0)) for cls, zh, en in TOTAL_CLASSES]


def site_links(school_codes: list[str]) -> list[Link]:
    return [Link(href="/sparql", label_zh="SPARQL 查询", label_en="SPARQL query page"),
            Link(href="/queries", label_zh="查询库", label_en="query library"),
            Link(href="/compare?schools=" + ",".join(school_codes), label_zh="学校对比", label_en="compare the schools"),
            Link(href="/audit", label_zh="审计", label_en="audit"),
            Link(href="/docs", label_zh="API 文档", label_en="API docs"),
            Link(href="/openapi.json", label_zh="OpenAPI 描述", label_en="OpenAPI description")]


def export_links() -> list[Link]:
    return [Link(href=f"/api/export?format={f}", label_zh=f"导出 {f}", label_en=f"export as {f}")
            for f in EXPORT_FORMATS]


def build_overview(lookups: Lookups, graph: Path | None) -> Overview:
    schools = school_holdings(lookups)
    built = overview.built_at(graph)
    return Overview(schools=schools, reports=report_summaries(lookups), totals=graph_totals(lookups),
                    quads=overview.quad_count(lookups), graph_file=str(graph) if graph else None,
                    built_at=built.isoformat() if built else None, links=site_links([s.code for s in schools]),
                    exports=export_links())


# ---------------------------------------------------------------- routes

@router.get("/api/overview", response_model=Overview, summary="What the graph holds (the home page as JSON)")
def overview_json(lookups: LookupsDep, settings: SettingsDep) -> Overview:
    return build_overview(lookups, settings.graph)


@router.get("/", response_class=HTMLResponse, summary="Home page: what the graph holds, and links to everything")
def home_page(lookups: LookupsDep, settings: SettingsDep) -> HTMLResponse:
    page = _templates.get_template("home.html").render(overview=build_overview(lookups, settings.graph),
                                                       kinds=overview.NODE_KINDS)
    return HTMLResponse(page)


FAVICON = Path(__file__).resolve().parents[1] / "static" / "favicon.svg"


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """Browsers ask for ``/favicon.ico`` on every page; an SVG answers instead of a 404 in the log."""
    return FileResponse(FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})
