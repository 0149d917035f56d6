"""A school as a whole (``/schools/{code}``) and schools side by side (``/compare``): models and queries.

Like :mod:`api.lookups`, this module holds the SPARQL and routers call it: each section of a profile
is one query over the store (through :meth:`api.lookups.Lookups.select`, so answers are memoised
per store generation) turned into Pydantic models. n-ary ``sg:Partnership`` records are read as
the relation kinds of a partner; the neighbourhood graph folds them into edges the same way the
HTML export does (:func:`kg.export.relation_label`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, Field
from rdflib.term import Node as Term

from api.lookups import (
    EntityRef,
    EvidenceValue,
    Lookups,
    NotFound,
    about_school,
    as_decimal,
    entity_iri,
    kind_of,
)
from api.routers.common import Evidence, Ref, evidence_model, ref_model
from kg.export import KIND_COLOURS, prefixed, property_labels, relation_label
from kg.namespaces import ID, LEVEL

LEVEL_ORDER = ("international", "national", "provincial", "municipal", "school")
GRAPH_KINDS = ("School", "SecondaryCollege", "ProfessionalGroup", "Major", "Certification", "IndustryCollege",
               "Enterprise", "PartnerOrganization", "Program")
MAX_NEIGHBOURS = 300
_ID = str(ID)
_LABEL = 'OPTIONAL {{ {var} rdfs:label|skos:prefLabel {out} FILTER(lang({out}) = "zh") }}'


# ---------------------------------------------------------------- models

class ProfileFact(BaseModel):
    """One statement about the school with the sentences it was read from."""

    predicate: str
    label_zh: str
    label_en: str | None = None
    value: str
    ref: Ref | None = None
    evidence: list[Evidence] = []


class GroupProfile(BaseModel):
    group: Ref
    level: str | None = None
    category: str | None = None
    lead_majors: list[Ref] = []
    members: list[Ref] = []


class IndustryCollegeProfile(BaseModel):
    college: Ref
    level: str | None = None
    co_builders: list[Ref] = []


class PartnerProfile(BaseModel):
    partner: Ref
    kind: str = Field(description="Enterprise or PartnerOrganization")
    org_kind: str | None = Field(None, description="sg:orgKind: enterprise, university, government…")
    relation_kinds: list[str] = Field([], description="sg:relationKind of the sg:Partnership records")
    via: list[Ref] = Field([], description="the school itself, or its group / industry college that partners")


class Partners(BaseModel):
    items: list[PartnerProfile]
    by_kind: dict[str, int] = Field(description="partners per org kind (sg:orgKind, else the class)")
    by_relation: dict[str, int] = Field(description="partners per relation kind")


class AchievementItem(BaseModel):
    achievement: Ref
    level: str | None = None
    level_key: str | None = None
    year: int | None = None
    count: int | None = None
    category: str | None = None
    achieved_by: Ref


class LevelYearCount(BaseModel):
    level_key: str
    level: str
    year: int | None
    achievements: int = Field(description="achievement records")
    items: int = Field(description="sum of sg:count (1 when a record states none)")


class Achievements(BaseModel):
    items: list[AchievementItem]
    by_level_year: list[LevelYearCount]


class FundingItem(BaseModel):
    record: Ref
    scope: Ref
    source: str | None = Field(None, description="sg:fundingSource (a source of money) …")
    item: str | None = Field(None, description="… or sg:fundingItem (a task or item the money went to)")
    period: str | None = None
    budget: float | None = None
    received: float | None = None
    spent: float | None = None
    amount: float | None = None
    unit: str | None = None


class KeyFigure(BaseModel):
    """One stated figure of a known indicator (sg:Metric with sg:metricKey)."""

    metric: Ref
    key: str
    name: str | None = None
    value: float
    unit: str | None = None
    period: str | None = None
    scope: Ref
    evidence: list[Evidence] = []


class GraphNode(BaseModel):
    id: str
    label: str
    type: str
    colour: str
    school: str = ""
    href: str


class GraphEdge(BaseModel):
    source: str
    target: str
    label: str
    predicate: str
    relation_kinds: str = ""


class NeighbourhoodGraph(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class SchoolProfile(BaseModel):
    school: Ref
    code: str
    province: str | None = None
    city: str | None = None
    evidence: list[Evidence] = Field([], description="sentences that name the school")
    facts: list[ProfileFact]
    groups: list[GroupProfile]
    industry_colleges: list[IndustryCollegeProfile]
    partners: Partners
    achievements: Achievements
    funding: list[FundingItem]
    key_figures: list[KeyFigure]
    neighbourhood: NeighbourhoodGraph


class CompareCell(BaseModel):
    school_code: str
    figures: list[KeyFigure]


class CompareRow(BaseModel):
    key: str
    name: str
    unit: str | None = None
    cells: list[CompareCell]


class Comparison(BaseModel):
    schools: list[Ref]
    rows: list[CompareRow]


# ---------------------------------------------------------------- small helpers

def school_iri(code: str) -> str:
    return f"{_ID}school/{code}"


def _str(row: dict[str, Term], var: str) -> str | None:
    value = row.get(var)
    return None if value is None else str(value)


def _float(row: dict[str, Term], var: str) -> float | None:
    value = as_decimal(_str(row, var))
    return float(value) if value is not None else None


def _int(row: dict[str, Term], var: str) -> int | None:
    value = _float(row, var)
    return int(value) if value is not None else None


def _ref(row: dict[str, Term], var: str, label: str) -> Ref:
    iri = str(row[var])
    name = _str(row, label) or iri.rsplit("/", 1)[-1]
    return ref_model(EntityRef(iri, kind_of(iri), name))


def _unique(refs: Iterable[Ref]) -> list[Ref]:
    return list({r.iri: r for r in refs}.values())


def _level_key(iri: str | None) -> str | None:
    return iri[len(str(LEVEL)):] if iri and iri.startswith(str(LEVEL)) else None


def node_school(entity_id: str) -> str:
    """The school code a node's key starts with (schools, their majors, groups…), else ''."""
    key = entity_id.split("/", 1)[-1]
    return key[:10] if key[:10].isdigit() and (len(key) == 10 or key[10:11] == "-") else ""


# ---------------------------------------------------------------- the profile

def require_school(lookups: Lookups, code: str) -> str:
    """The school's IRI, or :class:`NotFound` (a 404) when no school has that 10-digit code."""
    if not (len(code) == 10 and code.isdigit()):
        raise NotFound(f"no school with code {code[:40]!r}: school codes are the 10-digit MOE codes")
    iri = school_iri(code)
    if not lookups.exists(iri, "School"):
        raise NotFound(f"no school with code {code!r} in the graph")
    return iri


def school_facts(lookups: Lookups, iri: str) -> tuple[list[ProfileFact], list[EvidenceValue]]:
    """The school's literal facts (code, province, tier…) with the sentences that state them."""
    facts, own = lookups.facts(iri)
    shown = [f for f in facts if not f.incoming and not hasattr(f.value, "iri")]
    return [ProfileFact(predicate=f.predicate, label_zh=f.labels.zh, label_en=f.labels.en or None, value=str(f.value),
                        evidence=[evidence_model(e) for e in f.evidence]) for f in shown], own


def groups(lookups: Lookups, iri: str) -> list[GroupProfile]:
    rows = lookups.select(f"""SELECT ?g ?gl ?level ?levelLabel ?category ?m ?ml ?role WHERE {{
  <{iri}> sg:hasGroup ?g . {_LABEL.format(var="?g", out="?gl")}
  OPTIONAL {{ ?g sg:level ?level . {_LABEL.format(var="?level", out="?levelLabel")} }}
  OPTIONAL {{ ?g sg:category/skos:notation ?category }}
  OPTIONAL {{ ?g sg:hasMember|sg:leadMajor ?m . ?g ?role ?m . FILTER(?role IN (sg:hasMember, sg:leadMajor))
             {_LABEL.format(var="?m", out="?ml")} }}
}} ORDER BY ?gl ?ml""")
    found: dict[str, GroupProfile] = {}
    for row in rows:
        group = found.setdefault(str(row["g"]), GroupProfile(group=_ref(row, "g", "gl"), level=_str(row, "levelLabel"),
                                                             category=_str(row, "category")))
        if row.get("m") is not None:
            target = group.lead_majors if str(row["role"]).endswith("leadMajor") else group.members
            target.append(_ref(row, "m", "ml"))
    for group in found.values():
        group.lead_majors, group.members = _unique(group.lead_majors), _unique(group.members)
    return list(found.values())


def industry_colleges(lookups: Lookups, iri: str) -> list[IndustryCollegeProfile]:
    rows = lookups.select(f"""SELECT ?c ?cl ?levelLabel ?p ?pl WHERE {{
  <{iri}> sg:hasIndustryCollege ?c . {_LABEL.format(var="?c", out="?cl")}
  OPTIONAL {{ ?c sg:level ?level . {_LABEL.format(var="?level", out="?levelLabel")} }}
  OPTIONAL {{ ?c sg:partner ?p . {_LABEL.format(var="?p", out="?pl")} }}
}} ORDER BY ?cl ?pl""")
    found: dict[str, IndustryCollegeProfile] = {}
    for row in rows:
        college = found.setdefault(str(row["c"]), IndustryCollegeProfile(college=_ref(row, "c", "cl"),
                                                                         level=_str(row, "levelLabel")))
        if row.get("p") is not None:
            college.co_builders = _unique([*college.co_builders, _ref(row, "p", "pl")])
    return list(found.values())


def partners(lookups: Lookups, iri: str) -> Partners:
    rows = lookups.select(f"""SELECT DISTINCT ?org ?ol ?type ?orgKind ?rel ?via ?vl WHERE {{
  {{ <{iri}> sg:partner ?org BIND(<{iri}> AS ?via) }}
  UNION {{ <{iri}> sg:hasGroup|sg:hasIndustryCollege ?via . ?via sg:partner ?org }}
  UNION {{ ?ship sg:partnerOf ?via ; sg:partnerOrg ?org . OPTIONAL {{ ?ship sg:relationKind/skos:notation ?rel }}
           FILTER(?via = <{iri}> || EXISTS {{ <{iri}> sg:hasGroup|sg:hasIndustryCollege ?via }}) }}
  ?org a ?type . FILTER(?type IN (sg:Enterprise, sg:PartnerOrganization))
  OPTIONAL {{ ?org sg:orgKind/skos:notation ?orgKind }}
  {_LABEL.format(var="?org", out="?ol")} {_LABEL.format(var="?via", out="?vl")}
}} ORDER BY ?ol""")
    found: dict[str, PartnerProfile] = {}
    for row in rows:
        kind = str(row["type"]).rsplit("#", 1)[-1]
        entry = found.setdefault(str(row["org"]), PartnerProfile(partner=_ref(row, "org", "ol"), kind=kind,
                                                                 org_kind=_str(row, "orgKind")))
        if row.get("rel") is not None and str(row["rel"]) not in entry.relation_kinds:
            entry.relation_kinds = sorted([*entry.relation_kinds, str(row["rel"])])
        entry.via = _unique([*entry.via, _ref(row, "via", "vl")])
    items = list(found.values())
    by_kind = Counter(p.org_kind or p.kind for p in items)
    by_relation = Counter(k for p in items for k in (p.relation_kinds or ["(none stated)"]))
    return Partners(items=items, by_kind=dict(by_kind.most_common()), by_relation=dict(by_relation.most_common()))


def achievements(lookups: Lookups, iri: str) -> Achievements:
    rows = lookups.select(f"""SELECT DISTINCT ?s ?sl ?level ?levelLabel ?year ?count ?category ?part ?pl WHERE {{
  {about_school(iri, "achievedBy")}
  ?s a sg:Achievement ; sg:achievedBy ?part . {_LABEL.format(var="?s", out="?sl")} {_LABEL.format(var="?part", out="?pl")}
  FILTER(?part = <{iri}> || EXISTS {{ <{iri}> sg:hasGroup|sg:hasIndustryCollege|sg:hasSecondaryCollege ?part }}
         || EXISTS {{ ?part sg:offeredBy <{iri}> }})
  OPTIONAL {{ ?s sg:level ?level . {_LABEL.format(var="?level", out="?levelLabel")} }}
  OPTIONAL {{ ?s sg:year ?year }} OPTIONAL {{ ?s sg:count ?count }} OPTIONAL {{ ?s sg:category/skos:notation ?category }}
}} ORDER BY DESC(?year) ?sl""")
    items: dict[str, AchievementItem] = {}
    for row in rows:
        items.setdefault(str(row["s"]), AchievementItem(
            achievement=_ref(row, "s", "sl"), level=_str(row, "levelLabel"), level_key=_level_key(_str(row, "level")),
            year=_int(row, "year"), count=_int(row, "count"), category=_str(row, "category"),
            achieved_by=_ref(row, "part", "pl")))
    return Achievements(items=list(items.values()), by_level_year=_by_level_year(items.values()))


def _by_level_year(items: Iterable[AchievementItem]) -> list[LevelYearCount]:
    records: Counter[tuple[str, str, int | None]] = Counter()
    counted: Counter[tuple[str, str, int | None]] = Counter()
    for a in items:
        key = (a.level_key or "unknown", a.level or "未注明", a.year)
        records[key] += 1
        counted[key] += a.count or 1
    order = {k: i for i, k in enumerate((*LEVEL_ORDER, "unknown"))}
    return [LevelYearCount(level_key=k, level=label, year=year, achievements=n, items=counted[(k, label, year)])
            for (k, label, year), n in sorted(records.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0][2] or 0))]


def _parts_of_school(iri: str, var: str) -> str:
    """``var`` is the school or one of its groups, industry colleges or secondary colleges."""
    return f"""{{ BIND(<{iri}> AS {var}) }} UNION {{ <{iri}> sg:hasGroup|sg:hasIndustryCollege|sg:hasSecondaryCollege {var} }}"""


def funding(lookups: Lookups, iri: str) -> list[FundingItem]:
    rows = lookups.select(f"""SELECT ?f ?fl ?scope ?scl ?source ?item ?period ?budget ?received ?spent ?amount ?unit WHERE {{
  {_parts_of_school(iri, "?scope")}
  ?f a sg:FundingRecord ; sg:fundingScope ?scope . {_LABEL.format(var="?f", out="?fl")} {_LABEL.format(var="?scope", out="?scl")}
  OPTIONAL {{ ?f sg:fundingSource ?source }} OPTIONAL {{ ?f sg:fundingItem ?item }} OPTIONAL {{ ?f sg:period ?period }}
  OPTIONAL {{ ?f sg:budget ?budget }} OPTIONAL {{ ?f sg:received ?received }} OPTIONAL {{ ?f sg:spent ?spent }}
  OPTIONAL {{ ?f sg:amount ?amount }} OPTIONAL {{ ?f sg:unit ?unit }}
}} ORDER BY ?period ?source ?item ?f""")
    found: dict[str, FundingItem] = {}
    for row in rows:
        found.setdefault(str(row["f"]), FundingItem(
            record=_ref(row, "f", "fl"), scope=_ref(row, "scope", "scl"), source=_str(row, "source"),
            item=_str(row, "item"), period=_str(row, "period"), budget=_float(row, "budget"),
            received=_float(row, "received"), spent=_float(row, "spent"), amount=_float(row, "amount"),
            unit=_str(row, "unit")))
    return list(found.values())


def key_figures(lookups: Lookups, scopes_pattern: str) -> list[KeyFigure]:
    """Keyed figures whose ``?scope`` matches the pattern, each with its evidence."""
    rows = lookups.select(f"""SELECT ?m ?ml ?key ?name ?value ?unit ?period ?scope ?scl WHERE {{
  {scopes_pattern}
  ?m a sg:Metric ; sg:metricKey/skos:notation ?key ; sg:value ?value ; sg:scope ?scope .
  {_LABEL.format(var="?m", out="?ml")} {_LABEL.format(var="?scope", out="?scl")}
  OPTIONAL {{ ?m sg:metricName ?name }} OPTIONAL {{ ?m sg:unit ?unit }} OPTIONAL {{ ?m sg:period ?period }}
}} ORDER BY ?key ?period ?m""")
    figures: dict[str, KeyFigure] = {}
    for row in rows:
        value = _float(row, "value")
        if value is not None:
            figures.setdefault(str(row["m"]), KeyFigure(
                metric=_ref(row, "m", "ml"), key=str(row["key"]), name=_str(row, "name"), value=value,
                unit=_str(row, "unit"), period=_str(row, "period"), scope=_ref(row, "scope", "scl")))
    evidence = evidence_of(lookups, figures)
    for iri, figure in figures.items():
        figure.evidence = [evidence_model(e) for e in evidence.get(iri, [])]
    return list(figures.values())


def evidence_of(lookups: Lookups, iris: Iterable[str]) -> dict[str, list[EvidenceValue]]:
    """The evidence of many nodes in one query."""
    values = " ".join(f"<{i}>" for i in iris)
    if not values:
        return {}
    rows = lookups.select(f"""SELECT ?x ?ev ?report ?line ?start ?end ?quote WHERE {{
  VALUES ?x {{ {values} }}
  ?x prov:wasDerivedFrom ?ev .
  ?ev sg:inReport ?report ; sg:line ?line ; sg:startOffset ?start ; sg:endOffset ?end ; sg:quote ?quote .
}} ORDER BY ?x ?report ?start""")
    found: dict[str, list[EvidenceValue]] = defaultdict(list)
    for row in rows:
        ev = EvidenceValue(str(row["ev"]), str(row["report"]).rsplit("/", 1)[-1], int(str(row["line"])),
                           int(str(row["start"])), int(str(row["end"])), str(row["quote"]))
        if ev not in found[str(row["x"])]:
            found[str(row["x"])].append(ev)
    return found


def school_profile(lookups: Lookups, code: str) -> SchoolProfile:
    iri = require_school(lookups, code)
    ref = lookups.ref(iri)
    facts, own = school_facts(lookups, iri)
    values = {f.predicate.rsplit("#", 1)[-1]: f.value for f in facts}
    profile = SchoolProfile(
        school=ref_model(ref), code=code, province=values.get("province"), city=values.get("city"),
        evidence=[evidence_model(e) for e in own], facts=facts, groups=groups(lookups, iri),
        industry_colleges=industry_colleges(lookups, iri), partners=partners(lookups, iri),
        achievements=achievements(lookups, iri), funding=funding(lookups, iri),
        key_figures=key_figures(lookups, _parts_of_school(iri, "?scope")),
        neighbourhood=NeighbourhoodGraph(nodes=[], edges=[]))
    profile.neighbourhood = profile_graph(profile)
    return profile


# ---------------------------------------------------------------- graphs

def graph_node(ref: Ref) -> GraphNode:
    return GraphNode(id=ref.id, label=ref.label_zh, type=ref.type, colour=KIND_COLOURS.get(ref.type, "#888"),
                     school=node_school(ref.id), href=f"/schools/{ref.key}" if ref.type == "School" else ref.href)


def profile_graph(profile: SchoolProfile) -> NeighbourhoodGraph:
    """The school, its groups and their majors, industry colleges and co-builders, partners (by relation kind)."""
    nodes: dict[str, GraphNode] = {profile.school.id: graph_node(profile.school)}
    edges: list[GraphEdge] = []

    def link(source: Ref, target: Ref, predicate: str, label: str, kinds: Sequence[str] = ()) -> None:
        for ref in (source, target):
            nodes.setdefault(ref.id, graph_node(ref))
        edges.append(GraphEdge(source=source.id, target=target.id, predicate=predicate, label=label,
                               relation_kinds=";".join(kinds)))

    for group in profile.groups:
        link(profile.school, group.group, "sg:hasGroup", "专业群")
        for major in group.members:
            link(group.group, major, "sg:hasMember", "成员专业")
    for college in profile.industry_colleges:
        link(profile.school, college.college, "sg:hasIndustryCollege", "产业学院")
        for builder in college.co_builders:
            link(college.college, builder, "sg:partner", "共建")
    for partner in profile.partners.items:
        for via in partner.via:
            if via.iri == profile.school.iri or via.id in nodes:
                kinds = partner.relation_kinds if via.iri == profile.school.iri else []
                link(via, partner.partner, "sg:partner", relation_label(kinds) if kinds else "合作伙伴", kinds)
    unique = {(e.source, e.target, e.predicate): e for e in edges}
    return NeighbourhoodGraph(nodes=list(nodes.values()), edges=list(unique.values()))


def neighbours(lookups: Lookups, entity_id: str) -> NeighbourhoodGraph:
    """One hop around a node over the graph's entity kinds, partnerships folded into partner edges."""
    iri = entity_iri("id", entity_id)
    centre = lookups.ref(iri)
    kinds = " ".join(f"sg:{k}" for k in GRAPH_KINDS)
    rows = lookups.select(f"""SELECT DISTINCT ?n ?p ?dir ?rel ?type ?nl WHERE {{
  {{ <{iri}> ?p ?n BIND("out" AS ?dir) }} UNION {{ ?n ?p <{iri}> BIND("in" AS ?dir) }}
  UNION {{ ?ship sg:partnerOf <{iri}> ; sg:partnerOrg ?n ; sg:relationKind/skos:notation ?rel BIND(sg:partner AS ?p) BIND("out" AS ?dir) }}
  UNION {{ ?ship sg:partnerOrg <{iri}> ; sg:partnerOf ?n ; sg:relationKind/skos:notation ?rel BIND(sg:partner AS ?p) BIND("in" AS ?dir) }}
  VALUES ?type {{ {kinds} }} ?n a ?type .
  {_LABEL.format(var="?n", out="?nl")}
}} ORDER BY ?type ?nl LIMIT {MAX_NEIGHBOURS * 3}""")
    nodes = {centre.id: graph_node(ref_model(centre))}
    edges: dict[tuple[str, str, str], set[str]] = {}
    for row in rows:
        ref = _ref(row, "n", "nl")
        if ref.id not in nodes and len(nodes) > MAX_NEIGHBOURS:
            continue
        nodes.setdefault(ref.id, graph_node(ref))
        source, target = (centre.id, ref.id) if str(row["dir"]) == "out" else (ref.id, centre.id)
        kinds = edges.setdefault((source, target, str(row["p"])), set())
        if row.get("rel") is not None:
            kinds.add(str(row["rel"]))
    return NeighbourhoodGraph(nodes=list(nodes.values()), edges=[_graph_edge(lookups, key, kinds)
                                                                  for key, kinds in edges.items()])


def _graph_edge(lookups: Lookups, key: tuple[str, str, str], kinds: set[str]) -> GraphEdge:
    source, target, predicate = key
    names = property_labels(predicate, lookups.vocabulary)
    return GraphEdge(source=source, target=target, predicate=prefixed(predicate),
                     label=relation_label(kinds) if kinds else names.zh, relation_kinds=";".join(sorted(kinds)))


# ---------------------------------------------------------------- compare

def compare(lookups: Lookups, codes: Sequence[str]) -> Comparison:
    """The keyed figures each school states about itself, one row per indicator, one cell per school."""
    iris = [require_school(lookups, code) for code in codes]
    schools = [ref_model(lookups.ref(i)) for i in iris]
    scopes = "VALUES ?scope { " + " ".join(f"<{i}>" for i in iris) + " }"
    by_key: dict[str, dict[str, list[KeyFigure]]] = defaultdict(lambda: defaultdict(list))
    for figure in key_figures(lookups, scopes):
        by_key[figure.key][figure.scope.key].append(figure)
    rows = [CompareRow(key=key, name=_indicator_name(cells), unit=_unit(cells),
                       cells=[CompareCell(school_code=c, figures=cells.get(c, [])) for c in codes])
            for key, cells in sorted(by_key.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    return Comparison(schools=schools, rows=rows)


def _indicator_name(cells: dict[str, list[KeyFigure]]) -> str:
    names = Counter(f.name for figures in cells.values() for f in figures if f.name)
    return names.most_common(1)[0][0] if names else next(iter(cells.values()))[0].key


def _unit(cells: dict[str, list[KeyFigure]]) -> str | None:
    units = Counter(f.unit for figures in cells.values() for f in figures if f.unit)
    return units.most_common(1)[0][0] if units else None


def all_school_codes(lookups: Lookups) -> list[str]:
    rows = lookups.select("SELECT DISTINCT ?code WHERE { ?s a sg:School ; sg:schoolCode ?code } ORDER BY ?code")
    return [str(r["code"]) for r in rows]
