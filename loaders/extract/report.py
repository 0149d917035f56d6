"""The report's own school: one School node per report, read from the report metadata."""

from __future__ import annotations

from loaders.document.model import Document
from loaders.extract import recogniser
from loaders.extract.base import evidence_of
from loaders.facts import Facts, Node


@recogniser("school")
def extract_school(doc: Document, facts: Facts) -> None:
    meta = doc.meta
    node = Node("School", meta.school_code, meta.school_name, rule="school")
    node.add("schoolCode", meta.school_code)
    if meta.school_evidence is not None:
        node.evidence.append(evidence_of(doc, meta.school_evidence))
    facts.node(node)
