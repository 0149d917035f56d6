"""Deterministic identifiers: ``https://w3id.org/sgkg/id/{kind}/{key}``.

The same input gives the same IRIs whatever the order of files or the run. Schools are keyed by
their 10-digit MOE code, catalogue majors by their catalogue code (6 digits, plus a letter suffix where the catalogue has one), a school's major by
``{school code}-{catalogue code}``, everything else by :func:`slug` of its canonical name.
"""

from __future__ import annotations

import hashlib

from rdflib import URIRef

from kg.namespaces import GRAPH, ID
from loaders.keys import slug

__all__ = ["KIND_SLUGS", "slug", "kind_slug", "iri", "graph_iri", "evidence_key", "statement_key"]

# sg: class local name -> IRI path segment
KIND_SLUGS: dict[str, str] = {
    "Report": "report",
    "School": "school",
    "SecondaryCollege": "secondary-college",
    "ProfessionalGroup": "group",
    "Major": "major",
    "CatalogMajor": "catalog",
    "Certification": "certification",
    "IndustryCollege": "industry-college",
    "Enterprise": "enterprise",
    "PartnerOrganization": "organization",
    "Partnership": "partnership",
    "Achievement": "achievement",
    "Program": "program",
    "FundingRecord": "funding",
    "Metric": "metric",
    "Evidence": "evidence",
    "Statement": "statement",
    "Inconsistency": "inconsistency",
    "Participation": "participation",
    "Accreditation": "accreditation",
    "Team": "team",
    "Person": "person",
    "ShuanggaoSelection": "shuanggao-selection",
    "SelfEvaluation": "self-evaluation",
}

def kind_slug(kind: str) -> str:
    try:
        return KIND_SLUGS[kind]
    except KeyError:
        raise ValueError(f"unknown node kind {kind!r}; known: {', '.join(sorted(KIND_SLUGS))}") from None


def iri(kind: str, key: str) -> URIRef:
    """The IRI of a node of ``kind`` (an sg: class local name) with ``key``."""
    if not key or "/" in key or key in {".", ".."}:
        raise ValueError(f"invalid key {key!r} for {kind}")
    return ID[f"{kind_slug(kind)}/{key}"]


def graph_iri(report_key: str) -> URIRef:
    """The named graph holding one report's facts."""
    return GRAPH[report_key]


def evidence_key(report: str, start: int, end: int) -> str:
    return f"{report}-{start}-{end}"


def statement_key(subject: str, predicate: str, obj: str) -> str:
    """Key of the reified statement that carries a relation's evidence."""
    return hashlib.sha1(f"{subject} {predicate} {obj}".encode()).hexdigest()[:16]
