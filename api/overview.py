"""What the graph holds, for the home page: schools with counts of each kind, reports, totals, build time.

Every count is one aggregate query over the store (memoised by :class:`api.lookups.Lookups` per
store generation), grouped by school; a kind's pattern ties ``?s`` to ``?school`` the way the
REST filter ``/api/{kind}?school=`` does (:mod:`api.lookups`), so a count on the home page is the
``total`` of the list it links to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from api.lookups import Lookups

# a school's parts whose facts count as the school's (as api.lookups.about_school)
_ABOUT = """{{ ?s sg:{pred} ?school }}
  UNION {{ ?s sg:{pred} ?part . ?school sg:hasGroup|sg:hasIndustryCollege|sg:hasSecondaryCollege ?part }}
  UNION {{ ?s sg:{pred} ?part . ?part sg:offeredBy ?school }}"""
# as api.lookups.partner_of_school
_PARTNER_OF = """{ ?school sg:partner ?s }
  UNION { ?school sg:hasGroup|sg:hasIndustryCollege ?via . ?via sg:partner ?s }
  UNION { ?ship sg:partnerOrg ?s ; sg:partnerOf ?school }"""


@dataclass(frozen=True, slots=True)
class NodeKind:
    """A kind of node counted per school: its classes, how it hangs on ``?school``, its list endpoint."""

    key: str
    label_zh: str
    label_en: str
    classes: tuple[str, ...]
    pattern: str
    api_path: str | None


NODE_KINDS: tuple[NodeKind, ...] = (
    NodeKind("groups", "专业群", "professional groups", ("ProfessionalGroup",), "?school sg:hasGroup ?s .",
             "/api/groups"),
    NodeKind("majors", "专业", "majors", ("Major",), "?s sg:offeredBy ?school .", "/api/majors"),
    NodeKind("secondary_colleges", "二级学院", "secondary colleges", ("SecondaryCollege",),
             "?school sg:hasSecondaryCollege ?s .", None),
    NodeKind("industry_colleges", "产业学院", "industry colleges", ("IndustryCollege",),
             "?school sg:hasIndustryCollege ?s .", "/api/industry-colleges"),
    NodeKind("partners", "合作单位", "partners", ("Enterprise", "PartnerOrganization"), _PARTNER_OF, "/api/partners"),
    NodeKind("achievements", "成果", "achievements", ("Achievement",), _ABOUT.format(pred="achievedBy"),
             "/api/achievements"),
    NodeKind("programmes", "项目", "programmes", ("Program",), "?school sg:participatesIn ?s .", "/api/programmes"),
    NodeKind("funding", "经费记录", "funding records", ("FundingRecord",), _ABOUT.format(pred="fundingScope"),
             "/api/funding"),
    NodeKind("figures", "数据指标", "figures", ("Metric",), _ABOUT.format(pred="scope"), "/api/metrics"),
)

REPORT_KINDS = {
    "midterm-self-evaluation": ("中期绩效自评报告", "mid-term self-evaluation"),
    "final-self-evaluation": ("绩效自评报告（期满）", "final self-evaluation"),
    "annual-quality-report": ("质量年度报告", "annual quality report"),
    "other": ("其他", "other"),
}


@dataclass(frozen=True, slots=True)
class SchoolRow:
    iri: str
    code: str
    label_zh: str
    label_en: str | None
    province: str | None
    city: str | None


@dataclass(frozen=True, slots=True)
class ReportRow:
    key: str
    label: str
    file_name: str | None
    kind: str | None
    period: str | None
    year: str | None
    school_code: str | None


def _text(row: dict, name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def schools(lookups: Lookups) -> list[SchoolRow]:
    rows = lookups.select("""SELECT ?s (SAMPLE(?code0) AS ?code) (SAMPLE(?zh) AS ?label) (SAMPLE(?en) AS ?label_en)
       (SAMPLE(?province0) AS ?province) (SAMPLE(?city0) AS ?city) WHERE {
  ?s a sg:School .
  OPTIONAL { ?s sg:schoolCode ?code0 }
  OPTIONAL { ?s rdfs:label ?zh FILTER(lang(?zh) = "zh") }
  OPTIONAL { ?s rdfs:label ?en FILTER(langMatches(lang(?en), "en")) }
  OPTIONAL { ?s sg:province ?province0 }
  OPTIONAL { ?s sg:city ?city0 }
} GROUP BY ?s ORDER BY ?code""")
    return [SchoolRow(str(r["s"]), _text(r, "code") or str(r["s"]).rsplit("/", 1)[-1],
                      _text(r, "label") or str(r["s"]), _text(r, "label_en"), _text(r, "province"), _text(r, "city"))
            for r in rows]


def counts_by_school(lookups: Lookups, kind: NodeKind) -> dict[str, int]:
    """School IRI -> how many nodes of ``kind`` belong to it."""
    types = " ".join(f"sg:{c}" for c in kind.classes)
    rows = lookups.select(f"""SELECT ?school (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?school a sg:School .
  {kind.pattern}
  VALUES ?type {{ {types} }} ?s a ?type .
}} GROUP BY ?school""")
    return {str(r["school"]): int(r["n"].toPython()) for r in rows}


def totals(lookups: Lookups) -> dict[str, int]:
    """sg: class local name -> nodes of that class in the whole graph."""
    rows = lookups.select("""SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?type . FILTER(STRSTARTS(STR(?type), STR(sg:)))
} GROUP BY ?type""")
    return {str(r["type"]).rsplit("#", 1)[-1]: int(r["n"].toPython()) for r in rows}


def quad_count(lookups: Lookups) -> int:
    rows = lookups.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(rows[0]["n"].toPython()) if rows else 0


def reports(lookups: Lookups) -> list[ReportRow]:
    rows = lookups.select("""SELECT ?r (SAMPLE(?label0) AS ?label) (SAMPLE(?file0) AS ?file) (SAMPLE(?kind0) AS ?kind)
       (SAMPLE(?period0) AS ?period) (SAMPLE(?year0) AS ?year) (SAMPLE(?code0) AS ?code) WHERE {
  ?r a sg:Report .
  OPTIONAL { ?r rdfs:label ?label0 }
  OPTIONAL { ?r sg:fileName ?file0 }
  OPTIONAL { ?r sg:reportKind ?kind0 }
  OPTIONAL { ?r sg:period ?period0 }
  OPTIONAL { ?r sg:year ?year0 }
  OPTIONAL { ?r sg:describes/sg:schoolCode ?code0 }
} GROUP BY ?r ORDER BY ?code ?year ?r""")
    return [ReportRow(str(r["r"]).rsplit("/", 1)[-1], _text(r, "label") or str(r["r"]), _text(r, "file"),
                      _text(r, "kind"), _text(r, "period"), _text(r, "year"), _text(r, "code")) for r in rows]


def built_at(graph: Path | None) -> datetime | None:
    """When the served graph file was written (its modification time, UTC); None without a file."""
    if graph is None or not graph.is_file():
        return None
    return datetime.fromtimestamp(graph.stat().st_mtime, tz=UTC).replace(microsecond=0)
