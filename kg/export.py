"""Graph exports for visualisation tools: GraphML, GEXF, Cytoscape.js JSON, DOT, CSV, HTML.

The export graph is the entity graph of the knowledge graph: one node per typed ``sg:`` entity
(school, major, enterprise…) with its type, Chinese (and English) label and the school(s) whose
report states it; one edge per object property between two such nodes, labelled with the
property's ``rdfs:label`` from ``ontology/sgkg.ttl``. Evidence, reified statements and reference
catalogue concepts are left out unless asked for with ``types``. n-ary ``sg:Partnership`` records are
folded into the school→partner edge they describe (``relation_kinds`` on the edge, the relation kinds
as its label) unless ``Partnership`` is asked for by name.

Nodes and edges carry typed attributes for Gephi and spreadsheets (:data:`NODE_ATTRIBUTES`): level,
year, count, value, unit, category, relation kinds… — ``int``/``float`` values become GraphML
``long``/``double`` keys and GEXF ``long``/``double`` attributes.

Everything here works on an iterable of quads (rdflib terms) so the CLI (a trig file) and the API
(the store) share one mechanism.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node as Term

from kg.ids import KIND_SLUGS
from kg.namespaces import ID, PREFIXES, PROV, RDF, RDFS, SG, SKOS
from kg.vocab import coded_properties, notations

Quad = tuple[Term, Term, Term, Term | None]

FORMATS = ("graphml", "gexf", "cytoscape", "dot", "csv", "html")
# kinds that are bookkeeping or reference data rather than entities, and the n-ary records whose shortcut edges
# (sg:participatesIn, sg:accreditedUnder) the export already draws: exported only when asked for
HIDDEN_KINDS = frozenset({"Evidence", "Statement", "CatalogMajor", "Participation", "Accreditation"})
KINDS = tuple(KIND_SLUGS)
ONTOLOGY_PATH = Path(__file__).resolve().parents[1] / "ontology" / "sgkg.ttl"
DEFAULT_DEPTH = 2
# n-ary records shown as the edge they describe rather than as nodes
FOLDED_KINDS = frozenset({"Partnership"})
# node attributes read from literal facts: sg: local name -> (attribute, python type)
NODE_ATTRIBUTES: dict[str, tuple[str, type]] = {
    "category": ("category", str), "year": ("year", int), "count": ("count", int), "value": ("value", float),
    "unit": ("unit", str), "period": ("period", str), "metricKey": ("metric_key", str),
    "budget": ("budget", float), "received": ("received", float), "spent": ("spent", float),
    "amount": ("amount", float), "orgKind": ("org_kind", str), "relationKind": ("relation_kinds", str),
}
ATTRIBUTE_COLUMNS = ("level", *(name for name, _ in NODE_ATTRIBUTES.values()))
# readable labels of the relation kinds the extractors write in English
RELATION_LABELS = {"other": "其他合作", "recognition": "认定表彰", "membership": "成员", "service": "服务",
                   "exchange": "交流", "sponsor": "举办",
                   "authority": "主管"}

_ID_PREFIX = str(ID)
_CODED_ATTRIBUTES = frozenset(str(SG[p]) for p in coded_properties() if p in NODE_ATTRIBUTES)
_SG = str(SG)
_SHOWN_ELSEWHERE = frozenset({str(RDFS.label), str(SKOS.prefLabel)})
_SLUG_KINDS = {slug: kind for kind, slug in KIND_SLUGS.items()}
# one colour per kind, stable across exports (Tableau-like palette, readable on white)
_PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
            "#9c755f", "#bab0ac", "#393b79", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f", "#d62728", "#2ca02c")
KIND_COLOURS = {kind: _PALETTE[i % len(_PALETTE)] for i, kind in enumerate(KINDS)}


class ExportError(ValueError):
    """A bad export request (unknown format/type/school, unreadable graph): the message says why."""


@dataclass(frozen=True, slots=True)
class Labels:
    zh: str
    en: str = ""


@dataclass(slots=True)
class ExportGraph:
    """The entity graph plus each node's facts (for the HTML page and Cytoscape JSON)."""

    graph: nx.MultiDiGraph
    facts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    school: str | None = None  # the school whose neighbourhood this is, if any


# ---------------------------------------------------------------- vocabulary labels

@lru_cache(maxsize=4)
def term_labels(ontology: Path = ONTOLOGY_PATH) -> dict[str, Labels]:
    """rdfs:label (@zh / @en) of every term in the ontology, keyed by IRI; empty if it is missing."""
    graph = Graph()
    try:
        graph.parse(ontology, format="turtle")
    except (OSError, SyntaxError, ValueError):
        return {}
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for term, label in graph.subject_objects(RDFS.label | SKOS.prefLabel):
        if isinstance(label, Literal):
            found[str(term)].setdefault(label.language or "", str(label))
    return {term: Labels(langs.get("zh") or langs.get("") or langs.get("en", ""), langs.get("en", ""))
            for term, langs in found.items()}


def prefixed(iri: str) -> str:
    """``sg:offeredBy`` for a known namespace, else the IRI itself."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and prefix != "sgid":
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def property_labels(iri: str, labels: dict[str, Labels]) -> Labels:
    """The labels of a property; falls back to its prefixed name when the ontology has none."""
    return labels.get(iri) or Labels(prefixed(iri), prefixed(iri))


# ---------------------------------------------------------------- reading the graph

def node_id(iri: str) -> str | None:
    """``school/1234567890`` for an entity IRI, None for anything outside ``id/``."""
    return iri[len(_ID_PREFIX):] if iri.startswith(_ID_PREFIX) else None


def kind_of_id(key: str) -> str | None:
    """The node kind of an id (``major/…`` -> ``Major``), from its path segment."""
    return _SLUG_KINDS.get(key.split("/", 1)[0])


def load_trig(path: Path) -> Dataset:
    """Parse a trig file; a missing or broken file is an :class:`ExportError` naming it."""
    if not path.is_file():
        raise ExportError(f"{path}: no such graph file (run `sgkg build` first)")
    ds = Dataset(default_union=True)
    try:
        ds.parse(path, format="trig")
    except Exception as exc:  # rdflib raises many parser exception types
        raise ExportError(f"{path}: not a readable TriG file: {exc}") from exc
    return ds


@dataclass(slots=True)
class _Scan:
    """One pass over the quads: what each subject is, says and links to."""

    kinds: dict[str, str] = field(default_factory=dict)
    zh: dict[str, str] = field(default_factory=dict)
    en: dict[str, str] = field(default_factory=dict)
    literals: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    links: set[tuple[str, str, str]] = field(default_factory=set)
    out: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    graphs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    describes: dict[str, str] = field(default_factory=dict)  # report graph -> school IRI


def _kind(types: set[str], subject: str) -> str | None:
    if str(RDF.Statement) in types:
        return "Statement"
    for kind in KINDS:
        if _SG + kind in types:
            return kind
    if str(SKOS.Concept) in types and subject.startswith(_ID_PREFIX + KIND_SLUGS["CatalogMajor"] + "/"):
        return "CatalogMajor"
    return None


def _scan(quads: Iterable[Quad]) -> _Scan:
    scan = _Scan()
    types: dict[str, set[str]] = defaultdict(set)
    for s, p, o, g in quads:
        subject, pred = str(s), str(p)
        if g is not None:
            scan.graphs[subject].add(str(g))
        if p == RDF.type:
            types[subject].add(str(o))
        elif isinstance(o, Literal):
            if p in (RDFS.label, SKOS.prefLabel):
                target = scan.en if o.language == "en" else scan.zh
                target.setdefault(subject, str(o))
            scan.literals[subject].append((pred, str(o)))
        elif isinstance(o, URIRef):
            scan.links.add((subject, pred, str(o)))
            scan.out[subject].add((pred, str(o)))
            if pred in _CODED_ATTRIBUTES and str(o) in notations():  # a coded value: its code is the attribute
                scan.literals[subject].append((pred, notations()[str(o)]))
            if p == SG.describes and g is not None:
                scan.describes[str(g)] = str(o)
    for subject, subject_types in types.items():
        kind = _kind(subject_types, subject)
        if kind:
            scan.kinds[subject] = kind
    return scan


def parse_types(text: str | None) -> frozenset[str] | None:
    """``"Major,School"`` -> the kinds; unknown names are an :class:`ExportError` listing the known ones."""
    if not text:
        return None
    asked = [t.strip() for t in text.split(",") if t.strip()]
    unknown = [t for t in asked if t not in KIND_SLUGS]
    if unknown:
        raise ExportError(f"unknown type(s) {', '.join(unknown)}; known: {', '.join(KINDS)}")
    return frozenset(asked)


def _schools_of(subject: str, scan: _Scan) -> list[str]:
    if scan.kinds.get(subject) == "School":
        return [subject]
    return sorted({scan.describes[g] for g in scan.graphs.get(subject, ()) if g in scan.describes})


def _neighbourhood(seed: str, edges: Iterable[tuple[str, str, str]], depth: int) -> set[str]:
    adjacent: dict[str, set[str]] = defaultdict(set)
    for s, _, o in edges:
        adjacent[s].add(o)
        adjacent[o].add(s)
    reached, frontier = {seed}, {seed}
    for _ in range(depth):
        frontier = {n for f in frontier for n in adjacent[f]} - reached
        reached |= frontier
    return reached


def _label(iri: str, scan: _Scan, labels: dict[str, Labels]) -> str:
    known = labels.get(iri)
    return scan.zh.get(iri) or (known.zh if known else "") or iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _evidence_text(evidence: str, scan: _Scan) -> str:
    said = dict(scan.literals.get(evidence, ()))
    quote = said.get(str(SG.quote))
    if quote is None:
        return evidence.rsplit("/", 1)[-1]
    report = next((o.rsplit("/", 1)[-1] for p, o in scan.out.get(evidence, ()) if p == str(SG.inReport)), "")
    return f"「{quote}」 — {report}, line {said.get(str(SG.line), '?')}"


def _facts(subject: str, scan: _Scan, labels: dict[str, Labels], nodes: set[str]) -> list[tuple[str, str]]:
    """A node's literal facts, its evidence quotes, and its links to things that are not nodes of the export."""
    facts = [(property_labels(p, labels).zh, value) for p, value in scan.literals.get(subject, ())
             if p not in _SHOWN_ELSEWHERE]
    for p, o in scan.out.get(subject, ()):
        if o in nodes:
            continue
        value = _evidence_text(o, scan) if p == str(PROV.wasDerivedFrom) else _label(o, scan, labels)
        facts.append((property_labels(p, labels).zh, value))
    return sorted(set(facts))


def _typed(value: str, kind: type) -> object | None:
    try:
        return kind(float(value)) if kind is int else kind(value)
    except ValueError:
        return None


def _node_attributes(subject: str, scan: _Scan, labels: dict[str, Labels]) -> dict[str, object]:
    """The typed attributes of a node (only those it has): level label, year, count, value, unit…"""
    found: dict[str, list[object]] = defaultdict(list)
    for pred, value in scan.literals.get(subject, ()):
        local = pred[len(_SG):] if pred.startswith(_SG) else ""
        if local in NODE_ATTRIBUTES:
            name, kind = NODE_ATTRIBUTES[local]
            typed = _typed(value, kind)
            if typed is not None and typed not in found[name]:
                found[name].append(typed)
    level = sorted(_label(o, scan, labels) for p, o in scan.out.get(subject, ()) if p == str(SG.level))
    attrs: dict[str, object] = {"level": ";".join(level)} if level else {}
    for name, values in found.items():  # one value per attribute, of one type (Gephi types a column once)
        attrs[name] = ";".join(sorted(map(str, values))) if isinstance(values[0], str) else min(values)  # type: ignore[type-var]
    return attrs


def relation_label(kinds: Iterable[str]) -> str:
    return "、".join(RELATION_LABELS.get(k, k) for k in sorted(kinds))


def _folded_relations(scan: _Scan) -> dict[tuple[str, str], set[str]]:
    """(school or unit, partner) -> the relation kinds of the sg:Partnership records between them."""
    relations: dict[tuple[str, str], set[str]] = defaultdict(set)
    for subject, kind in scan.kinds.items():
        if kind not in FOLDED_KINDS:
            continue
        links = dict(scan.out.get(subject, ()))
        of, org = links.get(str(SG.partnerOf)), links.get(str(SG.partnerOrg))
        if of and org:
            kinds = {v for p, v in scan.literals.get(subject, ()) if p == str(SG.relationKind)} or {"other"}
            relations[(of, org)] |= kinds
    return relations


def _partner_kinds(relations: dict[tuple[str, str], set[str]]) -> dict[str, set[str]]:
    """Partner -> every relation kind stated with it, whichever school or unit states it."""
    by_partner: dict[str, set[str]] = defaultdict(set)
    for (_, org), kinds in relations.items():
        by_partner[org] |= kinds
    return by_partner


def _effective_links(scan: _Scan, relations: dict[tuple[str, str], set[str]]) -> set[tuple[str, str, str]]:
    """The graph's links, plus a ``sg:partner`` edge for each folded partnership that has no such shortcut."""
    links = {link for link in scan.links if scan.kinds.get(link[0]) not in FOLDED_KINDS
             and scan.kinds.get(link[2]) not in FOLDED_KINDS}
    return links | {(of, str(SG.partner), org) for of, org in relations}


def build_export_graph(quads: Iterable[Quad], *, school: str | None = None, types: frozenset[str] | None = None,
                       depth: int | None = None, labels: dict[str, Labels] | None = None) -> ExportGraph:
    """The entity graph of ``quads``, optionally limited to kinds and to a school's neighbourhood.

    With ``school`` (a 10-digit code) the export keeps the nodes within ``depth`` hops (default 2,
    edges followed both ways) of that school, counted over the selected kinds.
    """
    if depth is not None and depth < 0:
        raise ExportError(f"depth must be ≥ 0, got {depth}")
    if depth is not None and school is None:
        raise ExportError("--depth needs --school (the neighbourhood is counted from a school)")
    labels = term_labels() if labels is None else labels
    scan = _scan(quads)
    wanted = types if types is not None else frozenset(KINDS) - HIDDEN_KINDS
    fold = FOLDED_KINDS - (types or frozenset())
    relations = _folded_relations(scan) if fold else {}
    links = _effective_links(scan, relations) if fold else scan.links
    nodes = {s for s, kind in scan.kinds.items() if kind in wanted and kind not in fold}
    if school is not None:
        seed = _ID_PREFIX + f"school/{school}"
        if scan.kinds.get(seed) != "School":
            raise ExportError(f"no school with code {school!r} in the graph")
        nodes.add(seed)
        edges = [(s, p, o) for s, p, o in links if s in nodes and o in nodes]
        nodes = _neighbourhood(seed, edges, DEFAULT_DEPTH if depth is None else depth)
    partner_kinds = _partner_kinds(relations)
    graph = nx.MultiDiGraph(name="sgkg")
    for subject in sorted(nodes):
        attrs = _node_attributes(subject, scan, labels)
        if subject in partner_kinds:
            attrs["relation_kinds"] = ";".join(sorted(partner_kinds[subject]))
        graph.add_node(node_id(subject) or subject, iri=subject, type=scan.kinds[subject],
                       label=_label(subject, scan, labels), label_en=scan.en.get(subject, ""),
                       school=";".join(s.rsplit("/", 1)[-1] for s in _schools_of(subject, scan)), **attrs)
    for s, p, o in sorted(links):
        if s in nodes and o in nodes and p != str(RDF.type):
            names = property_labels(p, labels)
            kinds = relations.get((s, o), set()) if p == str(SG.partner) else set()
            graph.add_edge(node_id(s) or s, node_id(o) or o, key=prefixed(p), predicate=prefixed(p),
                           label=relation_label(kinds) if kinds else names.zh, label_en=names.en,
                           relation_kinds=";".join(sorted(kinds)))
    facts = {node_id(s) or s: _facts(s, scan, labels, nodes) for s in nodes}
    return ExportGraph(graph, facts, school)


# ---------------------------------------------------------------- writers

def to_graphml(eg: ExportGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(eg.graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def to_gexf(eg: ExportGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(eg.graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def cytoscape_elements(eg: ExportGraph) -> dict:
    """Cytoscape.js ``{"elements": {"nodes": [...], "edges": [...]}}`` with each node's facts."""
    nodes = [{"data": {"id": n, **attrs, "colour": KIND_COLOURS[attrs["type"]],
                       "facts": [list(f) for f in eg.facts.get(n, [])]}}
             for n, attrs in eg.graph.nodes(data=True)]
    edges = [{"data": {"id": f"e{i}", "source": s, "target": t, **attrs}}
             for i, (s, t, attrs) in enumerate(eg.graph.edges(data=True))]
    return {"format_version": "1.0", "generated_by": "sgkg", "data": {"name": "sgkg"},
            "elements": {"nodes": nodes, "edges": edges}}


def to_cytoscape(eg: ExportGraph) -> bytes:
    return json.dumps(cytoscape_elements(eg), ensure_ascii=False, indent=1).encode("utf-8")


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(eg: ExportGraph) -> bytes:
    lines = ["digraph sgkg {", '  graph [charset="UTF-8", overlap=false];',
             '  node [shape=box, style="rounded,filled", fontname="Noto Sans CJK SC"];',
             '  edge [fontname="Noto Sans CJK SC", fontsize=9];']
    for n, attrs in eg.graph.nodes(data=True):
        lines.append(f"  {_dot_quote(n)} [label={_dot_quote(attrs['label'])}, type={_dot_quote(attrs['type'])}, "
                     f"school={_dot_quote(attrs['school'])}, fillcolor={_dot_quote(KIND_COLOURS[attrs['type']])}];")
    for s, t, attrs in eg.graph.edges(data=True):
        lines.append(f"  {_dot_quote(s)} -> {_dot_quote(t)} [label={_dot_quote(attrs['label'])}, "
                     f"predicate={_dot_quote(attrs['predicate'])}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


NODE_COLUMNS = ("id", "iri", "type", "label_zh", "label_en", "school", *ATTRIBUTE_COLUMNS)
EDGE_COLUMNS = ("source", "target", "predicate", "label_zh", "label_en", "relation_kinds")
CSV_TABLES = ("nodes.csv", "edges.csv")


def _csv_bytes(header: tuple[str, ...], rows: Iterable[Iterable[object]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8-sig")  # the BOM lets Excel show Chinese


def _node_row(node: str, attrs: dict) -> list[object]:
    return [node, attrs["iri"], attrs["type"], attrs["label"], attrs["label_en"], attrs["school"],
            *(attrs.get(column, "") for column in ATTRIBUTE_COLUMNS)]


def csv_tables(eg: ExportGraph) -> dict[str, bytes]:
    nodes = (_node_row(n, a) for n, a in eg.graph.nodes(data=True))
    edges = ((s, t, a["predicate"], a["label"], a["label_en"], a.get("relation_kinds", ""))
             for s, t, a in eg.graph.edges(data=True))
    return dict(zip(CSV_TABLES, (_csv_bytes(NODE_COLUMNS, nodes), _csv_bytes(EDGE_COLUMNS, edges)), strict=True))


def to_csv_zip(eg: ExportGraph) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in csv_tables(eg).items():
            archive.writestr(name, data)
    return buffer.getvalue()


# kinds the HTML page starts with unticked (many nodes each; one click shows them)
HTML_HIDDEN_KINDS = ("Achievement", "Program", "Metric", "FundingRecord", "Report")


def _asset(name: str) -> str:
    return resources.files("kg").joinpath("export_assets", name).read_text(encoding="utf-8")


def _static_asset(name: str) -> str:
    """A file of the API's static folder (the vendored libraries, the shared graph view)."""
    path = resources.files("api").joinpath("static", name)
    if not path.is_file():
        raise ExportError(f"api/static/{name} is missing: run `make vendor` (fetches the browser libraries)")
    return path.read_text(encoding="utf-8")


def _inline_script(source: str) -> str:
    return source.replace("</script", "<\\/script")


def _script_json(value: object) -> str:
    """JSON safe to inline in a <script> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def page_data(eg: ExportGraph) -> dict:
    """What the HTML page draws: nodes, edges (by node index), facts, kinds with colour and count, start nodes."""
    ids = list(eg.graph.nodes)
    index = {n: i for i, n in enumerate(ids)}
    counts: dict[str, int] = defaultdict(int)
    for _, kind in eg.graph.nodes(data="type"):
        counts[kind] += 1
    seeds = [f"school/{eg.school}"] if eg.school else [n for n, kind in eg.graph.nodes(data="type") if kind == "School"]
    return {
        "nodes": [[n, a["type"], a["label"], a["label_en"], a["school"], a["iri"]] for n, a in eg.graph.nodes(data=True)],
        "edges": [[index[s], index[t], a["label"], a.get("relation_kinds", "")] for s, t, a in eg.graph.edges(data=True)],
        "facts": [eg.facts.get(n, []) for n in ids],
        "types": [[kind, KIND_COLOURS[kind], counts[kind]] for kind in KINDS if counts[kind]],
        "seeds": seeds or ids[:1],
        "hiddenKinds": [k for k in HTML_HIDDEN_KINDS if counts[k]],
    }


def to_html(eg: ExportGraph, title: str = "双高计划知识图谱 · sgkg") -> bytes:
    """One self-contained page (works offline): inline data, CSS, Cytoscape.js and the shared graph view."""
    page = _asset("graph.html")
    page = page.replace("{{title}}", title.replace("<", "&lt;"))
    page = page.replace("/*{{css}}*/", _asset("graph.css"))
    page = page.replace("/*{{cytoscape}}*/", _inline_script(_static_asset("vendor/cytoscape.min.js")))
    page = page.replace("/*{{view}}*/", _inline_script(_static_asset("graph-view.js")))
    page = page.replace("/*{{js}}*/", _inline_script(_asset("graph.js")))
    page = page.replace("/*{{data}}*/null", _script_json(page_data(eg)))  # last: data may contain anything
    return page.encode("utf-8")


WRITERS = {"graphml": to_graphml, "gexf": to_gexf, "cytoscape": to_cytoscape, "dot": to_dot,
           "csv": to_csv_zip, "html": to_html}
MEDIA_TYPES = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml",
               "cytoscape": "application/json", "dot": "text/vnd.graphviz", "csv": "application/zip",
               "html": "text/html; charset=utf-8"}
EXTENSIONS = {"graphml": "graphml", "gexf": "gexf", "cytoscape": "cyjs", "dot": "dot", "csv": "zip", "html": "html"}


def render(eg: ExportGraph, fmt: str) -> bytes:
    try:
        return WRITERS[fmt](eg)
    except KeyError:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None


def csv_target(out: Path) -> str:
    """What a csv export to ``out`` writes: ``"zip"`` (a ``.zip`` path) or ``"folder"`` (any other name but ``*.csv``)."""
    if out.suffix.lower() == ".zip":
        return "zip"
    if out.suffix.lower() == ".csv":
        raise ExportError(f"{out}: the csv export is two tables ({', '.join(CSV_TABLES)}); give a .zip file "
                          f"or a folder name (e.g. {out.with_suffix('.zip')} or {out.with_suffix('')})")
    return "folder"


def write_export(eg: ExportGraph, fmt: str, out: Path) -> list[Path]:
    """Write the export to ``out``; csv writes a zip archive when ``out`` ends in .zip, else a folder
    holding nodes.csv and edges.csv (see :func:`csv_target`)."""
    if fmt == "csv" and csv_target(out) == "folder":
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, data in csv_tables(eg).items():
            (out / name).write_bytes(data)
            written.append(out / name)
        return written
    data = render(eg, fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return [out]


def dataset_quads(ds: Dataset) -> Iterator[Quad]:
    for s, p, o, g in ds.quads((None, None, None, None)):
        yield s, p, o, (g.identifier if isinstance(g, Graph) else g)
