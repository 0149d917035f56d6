"""Findings as plain data (the CLI and the API) and as ``sg:Inconsistency`` nodes in each report's graph."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.term import Node as Term

from kg.audit.model import KINDS, Finding, Quad, fmt
from kg.build import evidence_iri, evidence_triples, node_iri
from kg.ids import graph_iri, iri
from kg.namespaces import PROV, RDF, RDFS, SG, XSD


def finding_dict(f: Finding) -> dict[str, object]:
    zh, en = KINDS[f.kind]
    return {
        "id": f.key, "kind": f.kind, "kind_zh": zh, "kind_en": en, "severity": f.severity,
        "report": f.report, "reports": list(f.reports), "school": f.school, "arithmetic": f.arithmetic,
        "tolerance": f.tolerance, "lines": f.lines,
        "sides": [{"role": s.role, "value": None if s.value is None else fmt(s.value), "report": s.evidence.report,
                   "line": s.evidence.line, "start": s.evidence.start, "end": s.evidence.end,
                   "quote": s.evidence.quote} for s in f.sides],
        "figures": [str(node_iri(ref)) for ref in f.figures],
    }


def inconsistency_iri(f: Finding) -> URIRef:
    return iri("Inconsistency", f.key)


def finding_triples(f: Finding) -> Iterator[tuple[Term, Term, Term]]:
    node = inconsistency_iri(f)
    zh, en = KINDS[f.kind]
    yield node, RDF.type, SG.Inconsistency
    yield node, RDFS.label, Literal(f"{zh}：{f.arithmetic}", lang="zh")
    yield node, RDFS.label, Literal(f"{en}: {f.arithmetic}", lang="en")
    yield node, SG.inconsistencyKind, Literal(f.kind)
    yield node, SG.severity, Literal(f.severity)
    yield node, SG.arithmetic, Literal(f.arithmetic)
    yield node, SG.tolerance, Literal(f.tolerance)
    for report in f.reports:
        yield node, SG.foundIn, iri("Report", report)
    for ref in f.figures:
        yield node, SG.compares, node_iri(ref)
    for side in f.sides:
        yield node, PROV.wasDerivedFrom, evidence_iri(side.evidence)
        yield from evidence_triples(side.evidence)
    yield node, SG.sideCount, Literal(len(f.sides), datatype=XSD.integer)


def audit_quads(findings: Iterable[Finding]) -> Iterator[Quad]:
    """Each finding in the graph of every report it reads from."""
    for f in findings:
        triples = list(finding_triples(f))
        for report in f.reports:
            graph = graph_iri(report)
            for s, p, o in triples:
                yield s, p, o, graph
