"""Score a built graph against the hand-written answer keys in ``tests/fixtures/expected/``.

The keys were written from a careful reading of each report (schema: ``fixtures/expected/README.md``).
:func:`score` reads the graph with SPARQL only — an rdflib ``Dataset``, a pyoxigraph ``Store`` or a
TriG/N-Quads file — using the vocabulary contract, and returns, per kind of fact,
``(tp, fp, fn, precision, recall)``.

Matching is lenient but principled:

* Chinese names are compared after NFKC, case folding and removal of whitespace, punctuation and
  symbols; an entity named in the key matches a graph node when a key name equals one of the node's
  labels or is contained in one (``柳工`` matches ``广西柳工机械股份有限公司``).
* Majors are compared by catalogue code when both sides have one, else by normalised name.
* Amounts and figures are compared as decimals (``93.6`` == ``93.60``).
* Facts stated by a report are the triples of that report's named graph (found through the
  ``sg:Report`` node whose ``sg:fileName`` is the key's report file); labels may come from any graph.

Two kinds of score:

* **list** kinds (a scheme's accredited majors, a group's members, a secondary college's majors, an
  industry college's partners) are exhaustive in the key: precision is measured against everything the
  graph lists for that subject, recall against the key.
* **item** kinds (metrics, funding rows, achievements, partners, programmes, school and report fields)
  sample what a report states: recall is the share of key items found with the right value; a wrong
  value for an item the graph clearly holds (same metric key or name, same funding row, best matching
  achievement…) is a false positive as well as a false negative. Items the key does not mention are not
  judged.

CLI: ``python -m tests.sample_key build/kg.trig`` prints precision/recall per kind and per report.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple

KEYS_DIR = Path(__file__).resolve().parent / "fixtures" / "expected"

SG = "https://w3id.org/sgkg/ontology#"
ID = "https://w3id.org/sgkg/id/"
REFERENCE_GRAPH = "https://w3id.org/sgkg/graph/reference"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL_PREDICATES = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
)
NOTATION = "http://www.w3.org/2004/02/skos/core#notation"
# properties whose values are concepts of a scheme (ontology/schemes): compared by their codes
CODED = frozenset({"category", "orgKind", "relationKind", "metricKey", "country", "prizeGrade"})

LEVEL_WORDS = {"国际级": "international", "国家级": "national", "省级": "provincial", "自治区级": "provincial",
               "市级": "municipal", "校级": "school", "院级": "school"}
LIST_KINDS = frozenset({"accreditation", "group.members", "secondary_college", "industry_college.partners"})


# ----------------------------------------------------------------------------------------------
# results


class Score(NamedTuple):
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float


@dataclass(frozen=True, slots=True)
class Unit:
    """One scored comparison: which report, kind of fact and check, and its counts."""

    report: str
    kind: str
    source: str  # "table" | "prose" | "heading", from the check
    check: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    detail: str = ""


def make_score(tp: int, fp: int, fn: int) -> Score:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return Score(tp, fp, fn, round(precision, 4), round(recall, 4))


def aggregate(units: Iterable[Unit], by: Callable[[Unit], Any] = lambda u: u.kind) -> dict[Any, Score]:
    totals: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0])
    for unit in units:
        t = totals[by(unit)]
        t[0] += unit.tp
        t[1] += unit.fp
        t[2] += unit.fn
    return {k: make_score(*v) for k, v in sorted(totals.items(), key=lambda kv: str(kv[0]))}


# ----------------------------------------------------------------------------------------------
# normalisation and value comparison


def norm(text: str) -> str:
    """NFKC, case-folded, without whitespace, punctuation, symbols or control characters."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")


def strip_major_suffix(name: str) -> str:
    name = norm(name)
    return name[:-2] if name.endswith("专业") and len(name) > 2 else name


_GROUP_SUFFIXES = ("专业集群", "专业群", "集群", "群")
_GROUP_QUALIFIERS = ("中国特色", "高水平", "国家级", "省级", "自治区级", "校级", "特色")


def group_core(name: str) -> str:
    """The distinctive part of a group name: 机电一体化技术特色专业群 -> 机电一体化技术."""
    core = norm(name)
    for suffix in _GROUP_SUFFIXES:
        if core.endswith(suffix):
            core = core[: -len(suffix)]
            break
    for word in _GROUP_QUALIFIERS:
        core = core.replace(word, "")
    return core[:-1] if core.endswith("类") else core


def as_decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value).replace(",", "").replace("%", "").strip())
    except (InvalidOperation, ValueError):
        return None


def same_number(a: Any, b: Any) -> bool:
    x, y = as_decimal(a), as_decimal(b)
    return x is not None and y is not None and x == y


def norm_period(text: str) -> str:
    return re.sub(r"[-－—–~～至]+", "-", unicodedata.normalize("NFKC", str(text))).replace(" ", "").replace("年", "")


def norm_unit(text: str) -> str:
    unit = unicodedata.normalize("NFKC", str(text)).strip().casefold()
    return "%" if unit in {"%", "percent", "百分比"} else norm(unit)


def local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def level_of(value: str) -> str:
    """A level IRI (…/id/level/national) or level word (国家级) as its key."""
    return LEVEL_WORDS.get(value.strip(), local_name(value))


def names_match(wanted: Iterable[str], labels: Iterable[str], *, contain: bool = True) -> bool:
    keys = [norm(w) for w in wanted if norm(w)]
    have = [norm(label) for label in labels]
    return any(k == h or (contain and k in h) for k in keys for h in have)


def any_of(expected: Any) -> list[str]:
    return [str(x) for x in expected] if isinstance(expected, list) else [str(expected)]


# ----------------------------------------------------------------------------------------------
# graph access (SPARQL over rdflib or pyoxigraph)


class IRI(str):
    """An IRI value, as opposed to a literal's lexical form."""


def _ox_term(term: Any) -> str | None:
    if term is None:
        return None
    name = type(term).__name__
    if name == "NamedNode":
        return IRI(term.value)
    if name == "Literal":
        return term.value
    return None


def open_source(source: Any) -> Any:
    """A queryable graph: rdflib Dataset/ConjunctiveGraph and pyoxigraph Store as given; a path is loaded."""
    if isinstance(source, (str, Path)):
        import pyoxigraph

        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such graph file")
        fmt = pyoxigraph.RdfFormat.N_QUADS if path.suffix in {".nq", ".nquads"} else pyoxigraph.RdfFormat.TRIG
        store = pyoxigraph.Store()
        store.load(path=str(path), format=fmt)
        return store
    return source


def select(source: Any, query: str) -> list[tuple[str | None, ...]]:
    """Rows of a SELECT query, each value an :class:`IRI`, a literal's lexical form, or None."""
    if type(source).__module__.startswith("pyoxigraph"):
        solutions = source.query(query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [tuple(_ox_term(sol[n]) for n in names) for sol in solutions]
    return [tuple(_rdflib_term(v) for v in row) for row in source.query(query)]


def _rdflib_term(term: Any) -> str | None:
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return IRI(str(term))
    if isinstance(term, Literal):
        return str(term)
    return None


@dataclass
class GraphView:
    """What one report's named graph states, plus labels and school attributes from the whole dataset."""

    report_file: str
    report: str | None = None
    triples: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    inverse: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    school_attrs: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    notation: dict[str, str] = field(default_factory=dict)

    def add(self, s: str, p: str, o: str) -> None:
        self.triples[s][p].add(o)
        if isinstance(o, IRI):
            self.inverse[(p, o)].add(s)

    def objs(self, s: str, prop: str) -> set[str]:
        """The values of ``prop``; a coded value (a concept of a scheme) as its code (skos:notation), a country
        as its names (the concept's labels)."""
        found: set[str] = set()
        for value in self.triples.get(s, {}).get(SG + prop, set()):
            if prop in CODED and value in self.notation:
                found |= self.labels.get(value, set()) if prop == "country" else {self.notation[value]}
            else:
                found.add(value)
        return found

    def subjects(self, prop: str, obj: str) -> set[str]:
        return set(self.inverse.get((SG + prop, obj), set()))

    def of_type(self, cls: str) -> set[str]:
        return self.subjects_typed(SG + cls)

    def subjects_typed(self, cls_iri: str) -> set[str]:
        return set(self.inverse.get((RDF_TYPE, IRI(cls_iri)), set()))

    def is_a(self, node: str, cls: str) -> bool:
        return IRI(SG + cls) in self.triples.get(node, {}).get(RDF_TYPE, set())

    def names(self, node: str) -> set[str]:
        return self.labels.get(node, set())

    def major_code(self, major: str) -> str | None:
        for entry in self.objs(major, "catalogEntry"):
            code = self.notation.get(entry) or local_name(entry)
            if re.fullmatch(r"\d{6}[A-Z]?", code):
                return code
        return None

    def major_names(self, major: str) -> set[str]:
        names = set(self.names(major))
        for entry in self.objs(major, "catalogEntry"):
            names |= self.names(entry)
        return names


def report_graphs(source: Any) -> dict[str, tuple[str, str]]:
    """Report file name -> (report IRI, named graph IRI)."""
    rows = select(source, f"""SELECT ?f ?r ?g WHERE {{ GRAPH ?g {{ ?r a <{SG}Report> ; <{SG}fileName> ?f }} }}""")
    return {Path(str(f)).name: (r, g) for f, r, g in rows if f and r and g}


def _graph_iris(report: str, graph: str) -> list[str]:
    """The graph holding the report node, and the graph named after the report key if different."""
    by_key = "https://w3id.org/sgkg/graph/" + local_name(report)
    return [graph] if by_key == graph else [graph, by_key]


def graph_view(source: Any, report_file: str, located: tuple[str, str] | None) -> GraphView:
    view = GraphView(report_file)
    if located is None:
        return view
    view.report = located[0]
    for graph in _graph_iris(*located):
        for s, p, o in select(source, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"):
            if s and p and o is not None:
                view.add(s, p, o)
    return view


def dataset_wide(source: Any, views: Iterable[GraphView]) -> None:
    """Fill labels, catalogue notations and school attributes (any graph but the reference graph)."""
    label_values = " ".join(f"<{p}>" for p in LABEL_PREDICATES)
    labels: dict[str, set[str]] = defaultdict(set)
    for s, label in select(source, f"SELECT ?s ?l WHERE {{ VALUES ?p {{ {label_values} }} ?s ?p ?l }}"):
        if s and label:
            labels[s].add(label)
    notation = {c: n for c, n in select(source, f"SELECT ?c ?n WHERE {{ ?c <{NOTATION}> ?n }}") if c and n}
    schools: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    query = f"""SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s a <{SG}School> ; ?p ?o }}
                FILTER(?g != <{REFERENCE_GRAPH}>) }}"""
    for s, p, o in select(source, query):
        if s and p and o is not None:
            schools[s][p].add(o)
    for view in views:
        view.labels, view.notation, view.school_attrs = labels, notation, schools


# ----------------------------------------------------------------------------------------------
# matching helpers


def major_matches(view: GraphView, expected: dict[str, Any], major: str) -> bool:
    code = view.major_code(major)
    if expected.get("code") and code:
        return expected["code"] == code
    wanted = strip_major_suffix(expected["name"])
    return any(strip_major_suffix(name) == wanted for name in view.major_names(major))


def match_list(expected: list[Any], found: set[str], same: Callable[[Any, str], bool]) -> tuple[int, int, int]:
    """(tp, fp, fn) of a greedy one-to-one matching of key items to graph nodes."""
    left = set(found)
    tp = 0
    for item in expected:
        hit = next((node for node in sorted(left) if same(item, node)), None)
        if hit is not None:
            left.discard(hit)
            tp += 1
    return tp, len(left), len(expected) - tp


def scope_matches(view: GraphView, scope: Any, nodes: set[str]) -> bool:
    """Does a metric/funding scope (graph side, maybe empty) fit the key's scope?"""
    if scope == "school":
        return not nodes or any(view.is_a(n, "School") or "/school/" in n for n in nodes)
    group = scope["group"]
    return any((view.is_a(n, "ProfessionalGroup") or "/group/" in n)
               and any(group_core(name) == group_core(group) for name in view.names(n)) for n in nodes)


_SOURCE_CATEGORIES = (
    ("total", ("合计", "总计", "总预算", "total")),
    ("central", ("中央",)),
    ("sponsor", ("举办方",)),
    ("industry", ("行业", "企业")),
    ("self", ("自筹",)),
    ("local", ("地方", "省级", "省财政", "市财政", "财政")),
)


def source_category(source: str | None) -> str:
    """Funding sources fall into the standard 双高 categories (中央/地方财政, 举办方, 行业企业, 自筹)."""
    text = norm(source or "合计")
    return next((cat for cat, words in _SOURCE_CATEGORIES if any(norm(w) in text for w in words)), text)


def best(candidates: Iterable[str], matches: Callable[[str], int]) -> str | None:
    ranked = sorted(candidates, key=lambda c: (-matches(c), c))
    return ranked[0] if ranked else None


# ----------------------------------------------------------------------------------------------
# scorers, one per kind of check


@dataclass(frozen=True)
class Ctx:
    view: GraphView
    report: str
    check: dict[str, Any]

    def unit(self, kind: str, tp: int = 0, fp: int = 0, fn: int = 0, detail: str = "") -> Unit:
        return Unit(self.report, kind, self.check.get("source", "prose"), self.check["id"], tp, fp, fn, detail)

    def compare(self, kind: str, expected: Any, values: set[str], same: Callable[[Any, str], bool]) -> Unit:
        """tp when the graph holds the expected value, fp+fn when it holds only others, fn when none."""
        if any(same(expected, v) for v in values):
            return self.unit(kind, tp=1)
        if values:
            return self.unit(kind, fp=1, fn=1, detail=f"expected {expected!r}, graph has {sorted(values)!r}")
        return self.unit(kind, fn=1, detail=f"expected {expected!r}, graph has none")


def _text_equal(expected: Any, value: str) -> bool:
    return any(norm(e) == norm(value) for e in any_of(expected))


def school_node(view: GraphView) -> str | None:
    described = view.objs(view.report, "describes") if view.report else set()
    return best(described or view.of_type("School"), lambda s: 0)


_SCHOOL_FIELDS = {"code": "schoolCode", "province": "province", "city": "city", "sponsor": "sponsor",
                  "shuanggao_unit_type": "shuanggaoUnitType", "shuanggao_tier": "shuanggaoTier"}


def score_school(ctx: Ctx) -> Iterator[Unit]:
    school = school_node(ctx.view)
    for name, expected in ctx.check["expected"].items():
        if school is None:
            yield ctx.unit(f"school.{name}", fn=1, detail="no school node")
            continue
        if name == "name":
            yield ctx.compare("school.name", expected, ctx.view.names(school), _text_equal)
            continue
        prop = SG + _SCHOOL_FIELDS[name]
        values = ctx.view.school_attrs.get(school, {}).get(prop, set()) | ctx.view.triples.get(school, {}).get(prop, set())
        yield ctx.compare(f"school.{name}", expected, values, _text_equal)


def score_report(ctx: Ctx) -> Iterator[Unit]:
    view, report = ctx.view, ctx.view.report
    for name, expected in ctx.check["expected"].items():
        if report is None:
            yield ctx.unit(f"report.{name}", fn=1, detail="report not in graph")
        elif name == "kind":
            yield ctx.compare("report.kind", expected, view.objs(report, "reportKind"), _text_equal)
        elif name == "period":
            yield ctx.compare("report.period", expected, view.objs(report, "period"),
                              lambda e, v: norm_period(e) == norm_period(v))
        elif name == "year":
            yield ctx.compare("report.year", expected, view.objs(report, "year"), lambda e, v: str(e) == v[:4])
        elif name == "school_code":
            codes = {c for s in view.objs(report, "describes")
                     for c in (view.school_attrs.get(s, {}).get(SG + "schoolCode", set()) | {local_name(s)})}
            yield ctx.compare("report.school_code", expected, codes, _text_equal)


def find_groups(view: GraphView, expected: dict[str, Any]) -> set[str]:
    wanted = {group_core(n) for n in [expected["name"], *expected.get("names", [])]}
    return {g for g in view.of_type("ProfessionalGroup") if any(group_core(n) in wanted for n in view.names(g))}


def score_group(ctx: Ctx) -> Iterator[Unit]:
    view, expected = ctx.view, ctx.check["expected"]
    groups = find_groups(view, expected)
    yield ctx.unit("group", tp=1) if groups else ctx.unit("group", fn=1, detail=f"no group {expected['name']}")
    if "level" in expected:
        levels = {level_of(v) for g in groups for v in view.objs(g, "level")}
        yield ctx.compare("group.level", expected["level"], levels if groups else set(), lambda e, v: e == v)
    lead = expected.get("lead")
    if lead:
        leads = {m for g in groups for m in view.objs(g, "leadMajor")}
        yield ctx.compare("group.lead", lead, leads, lambda e, m: major_matches(view, e, m))
    if expected.get("members") is not None:
        members = {m for g in groups for m in view.objs(g, "hasMember")}
        if lead:
            members = {m for m in members if not major_matches(view, lead, m)}
        tp, fp, fn = match_list(expected["members"], members, lambda e, m: major_matches(view, e, m))
        yield ctx.unit("group.members", tp, fp, fn)


def scheme_matches(view: GraphView, expected: dict[str, Any], cert: str) -> bool:
    names = [*expected.get("scheme_names", []), expected["scheme"]]
    return local_name(cert) == expected["scheme"] or names_match(names, view.names(cert) | {local_name(cert)})


def score_accreditation(ctx: Ctx) -> Iterator[Unit]:
    view, expected = ctx.view, ctx.check["expected"]
    certs = {o for (p, o) in view.inverse if p == SG + "accreditedUnder" and scheme_matches(view, expected, o)}
    majors = {m for c in certs for m in view.subjects("accreditedUnder", c)}
    tp, fp, fn = match_list(expected["majors"], majors, lambda e, m: major_matches(view, e, m))
    yield ctx.unit("accreditation", tp, fp, fn)


def score_secondary_college(ctx: Ctx) -> Iterator[Unit]:
    view, expected = ctx.view, ctx.check["expected"]
    colleges = view.of_type("SecondaryCollege") | {o for (p, o) in view.inverse if p == SG + "inSecondaryCollege"}
    matched = {c for c in colleges if names_match([expected["name"]], view.names(c), contain=False)}
    majors = {m for c in matched for m in view.subjects("inSecondaryCollege", c)}
    tp, fp, fn = match_list(expected["majors"], majors, lambda e, m: major_matches(view, e, m))
    yield ctx.unit("secondary_college", tp, fp, fn)


def partners_of(view: GraphView, node: str) -> set[str]:
    via_partnership = {org for p in view.of_type("Partnership") if node in view.objs(p, "partnerOf")
                       for org in view.objs(p, "partnerOrg")}
    return view.objs(node, "partner") | via_partnership


def score_industry_college(ctx: Ctx) -> Iterator[Unit]:
    view, expected = ctx.view, ctx.check["expected"]
    names = [expected["name"], *expected.get("names", [])]
    colleges = view.of_type("IndustryCollege") | {o for (p, o) in view.inverse if p == SG + "hasIndustryCollege"}
    matched = {c for c in colleges if names_match(names, view.names(c))}
    yield ctx.unit("industry_college", tp=1) if matched else ctx.unit("industry_college", fn=1)
    if "level" in expected:
        levels = {level_of(v) for c in matched for v in view.objs(c, "level")}
        yield ctx.compare("industry_college.level", expected["level"], levels, lambda e, v: e == v)
    if expected.get("partners") is not None:
        found = {o for c in matched for o in partners_of(view, c)}
        tp, fp, fn = match_list(expected["partners"], found, lambda e, o: names_match(e["names"], view.names(o)))
        yield ctx.unit("industry_college.partners", tp, fp, fn)


def partner_nodes(view: GraphView) -> set[str]:
    linked = {o for (p, o) in view.inverse if p in {SG + "partner", SG + "partnerOrg"}}
    return linked | view.of_type("Enterprise") | view.of_type("PartnerOrganization")


def partner_class_ok(view: GraphView, expected: dict[str, Any], node: str) -> bool:
    kinds = view.objs(node, "orgKind")
    if kinds:
        return bool(kinds & set(expected["org_kind"]))
    return view.is_a(node, expected["class"])


def score_partner(ctx: Ctx) -> Iterator[Unit]:
    view, expected = ctx.view, ctx.check["expected"]
    candidates = {o for o in partner_nodes(view) if names_match(expected["names"], view.names(o))}
    if not candidates:
        yield ctx.unit("partner", fn=1, detail=f"no partner {expected['names'][0]}")
        yield ctx.unit("partner.class", fn=1)
        return
    yield ctx.unit("partner", tp=1)
    node = best(candidates, lambda o: partner_class_ok(view, expected, o))
    ok = partner_class_ok(view, expected, node)
    yield ctx.unit("partner.class", tp=int(ok), fp=int(not ok), fn=int(not ok),
                   detail="" if ok else f"{node} typed/kinded wrongly")


_FUNDING_FIELDS = {"budget_total": "budgetTotal", "budget": "budget", "received": "received", "spent": "spent"}


def score_funding(ctx: Ctx) -> Iterator[Unit]:
    view, expected = ctx.view, ctx.check["expected"]
    category = source_category(expected["source"])
    rows = {r for r in view.of_type("FundingRecord")
            if scope_matches(view, expected["scope"], view.objs(r, "fundingScope"))
            and category in {source_category(s) for s in (view.objs(r, "fundingSource") or {None})}}
    for name, prop in _FUNDING_FIELDS.items():
        if name in expected:
            values = {v for r in rows for v in view.objs(r, prop)}
            yield ctx.compare("funding", expected[name], values, same_number)


def _metric_identity(view: GraphView, expected: dict[str, Any], metric: str) -> int:
    """2 when clearly the same metric (same key or same printed name), 1 when the name contains a key name."""
    names = view.objs(metric, "metricName") | view.names(metric)
    if expected["key"] in view.objs(metric, "metricKey") or names_match(expected["names"], names, contain=False):
        return 2
    return 1 if names_match(expected["names"], names) else 0


def _metric_value_ok(view: GraphView, expected: dict[str, Any], metric: str) -> bool:
    if not any(same_number(expected["value"], v) for v in view.objs(metric, "value")):
        return False
    units, periods = view.objs(metric, "unit"), view.objs(metric, "period")
    unit_ok = "unit" not in expected or not units or norm_unit(expected["unit"]) in {norm_unit(u) for u in units}
    period_ok = "period" not in expected or not periods or norm_period(expected["period"]) in {norm_period(p) for p in periods}
    return unit_ok and period_ok


def score_metric(ctx: Ctx) -> Iterator[Unit]:
    view, expected = ctx.view, ctx.check["expected"]
    scoped = [m for m in view.of_type("Metric") if scope_matches(view, expected["scope"], view.objs(m, "scope"))]
    identity = {m: _metric_identity(view, expected, m) for m in scoped}
    if any(level and _metric_value_ok(view, expected, m) for m, level in identity.items()):
        yield ctx.unit("metric", tp=1)
    elif any(level == 2 for level in identity.values()):
        values = sorted({v for m, level in identity.items() if level == 2 for v in view.objs(m, "value")})
        yield ctx.unit("metric", fp=1, fn=1, detail=f"expected {expected['value']}, graph has {values}")
    else:
        yield ctx.unit("metric", fn=1, detail=f"no metric {expected['key']}")


def _field_checks(view: GraphView) -> dict[str, Callable[[str], set[str]]]:
    return {
        "level": lambda n: {level_of(v) for v in view.objs(n, "level")},
        "year": lambda n: {v[:4] for v in view.objs(n, "year")},
        "count": lambda n: set(view.objs(n, "count")),
        "country": lambda n: set(view.objs(n, "country")),
    }


def _field_equal(name: str, expected: Any, value: str) -> bool:
    if name in {"year", "count"}:
        return same_number(expected, value)
    if name == "country":
        return norm(expected) in norm(value) or norm(value) in norm(expected)
    return str(expected) == value


def score_named_item(ctx: Ctx, kind: str, nodes: set[str]) -> Iterator[Unit]:
    """Achievements and programmes: found by name, then each stated attribute on the best match."""
    view, expected = ctx.view, ctx.check["expected"]
    fields = {k: f for k, f in _field_checks(view).items() if expected.get(k) is not None}
    candidates = {n for n in nodes if names_match(expected["names"], view.names(n))}
    yield ctx.unit(kind, tp=1) if candidates else ctx.unit(kind, fn=1, detail=f"no {kind} {expected['names'][0]}")

    def agreement(node: str) -> int:
        return sum(any(_field_equal(k, expected[k], v) for v in f(node)) for k, f in fields.items())

    node = best(candidates, agreement)
    for name, values_of in fields.items():
        values = values_of(node) if node else set()
        yield ctx.compare(f"{kind}.{name}", expected[name], values, lambda e, v, k=name: _field_equal(k, e, v))


def score_achievement(ctx: Ctx) -> Iterator[Unit]:
    yield from score_named_item(ctx, "achievement", ctx.view.of_type("Achievement"))


def score_program(ctx: Ctx) -> Iterator[Unit]:
    view = ctx.view
    nodes = view.of_type("Program") | {o for (p, o) in view.inverse if p == SG + "participatesIn"}
    yield from score_named_item(ctx, "program", nodes)


SCORERS: dict[str, Callable[[Ctx], Iterator[Unit]]] = {
    "school": score_school,
    "report": score_report,
    "group": score_group,
    "accreditation": score_accreditation,
    "secondary_college": score_secondary_college,
    "industry_college": score_industry_college,
    "partner": score_partner,
    "funding": score_funding,
    "metric": score_metric,
    "achievement": score_achievement,
    "program": score_program,
}


# ----------------------------------------------------------------------------------------------
# entry points


def load_key(path: Path) -> dict[str, Any]:
    try:
        key = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: cannot read answer key: {err}") from err
    for check in key.get("checks", []):
        if check.get("kind") not in SCORERS:
            raise ValueError(f"{path}: check {check.get('id')!r} has unknown kind {check.get('kind')!r}")
    return key


def load_keys(folder: Path = KEYS_DIR) -> list[dict[str, Any]]:
    return [load_key(p) for p in sorted(Path(folder).glob("*.json"))]


def score_units(dataset_or_store: Any, keys: dict[str, Any] | Iterable[dict[str, Any]]) -> list[Unit]:
    """Every scored comparison, for grouping by report, kind or source."""
    source = open_source(dataset_or_store)
    keys = [keys] if isinstance(keys, dict) else list(keys)
    located = report_graphs(source)
    views = [graph_view(source, key["report"], located.get(key["report"])) for key in keys]
    dataset_wide(source, views)
    units: list[Unit] = []
    for key, view in zip(keys, views, strict=True):
        report = Path(key["report"]).stem
        for check in key["checks"]:
            units.extend(SCORERS[check["kind"]](Ctx(view, report, check)))
    return units


def score(dataset_or_store: Any, key: dict[str, Any] | Iterable[dict[str, Any]]) -> dict[str, Score]:
    """Per kind of fact: ``(tp, fp, fn, precision, recall)``."""
    return aggregate(score_units(dataset_or_store, key))


def format_table(units: list[Unit]) -> str:
    reports = sorted({u.report for u in units})
    lines = [f"{'kind':<28}{'report':<22}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}"]
    for kind, total in aggregate(units).items():
        rows = [("all", total)] + [(r, s) for r, s in aggregate([u for u in units if u.kind == kind], lambda u: u.report).items()]
        for report, s in rows if len(reports) > 1 else rows[:1]:
            lines.append(f"{kind if report == 'all' else '':<28}{report:<22}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
                         f"{s.precision:>11.2f}{s.recall:>8.2f}")
    overall = make_score(*(sum(getattr(u, f) for u in units) for f in ("tp", "fp", "fn")))
    lines.append(f"{'ALL':<28}{'all':<22}{overall.tp:>5}{overall.fp:>5}{overall.fn:>5}"
                 f"{overall.precision:>11.2f}{overall.recall:>8.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.sample_key", description=__doc__.split("\n")[0])
    parser.add_argument("graph", type=Path, help="the built graph (TriG or N-Quads), e.g. build/kg.trig")
    parser.add_argument("--keys", type=Path, default=KEYS_DIR, help="folder of answer keys (*.json)")
    parser.add_argument("--misses", action="store_true", help="also list every miss and wrong value")
    args = parser.parse_args(argv)
    try:
        units = score_units(args.graph, load_keys(args.keys))
    except (FileNotFoundError, ValueError, SyntaxError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(format_table(units))
    if args.misses:
        for u in units:
            if u.fp or u.fn:
                print(f"{u.report} {u.check} {u.kind}: tp={u.tp} fp={u.fp} fn={u.fn} {u.detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
