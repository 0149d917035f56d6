"""Accreditation statements: what a school states of its majors under one scheme, as an n-ary sg:Accreditation.

Read from the ``accreditedUnder`` links of the certification recogniser (major → scheme or certificate): one
Accreditation per report and scheme, with the school (sg:accreditedBy), the scheme (sg:scheme), every major the
report names under it (sg:accreditedMajor) and the evidence of those links; and the count the school states when
a figure of the school counts majors under that scheme by name (UK NARIC 国际资历认证专业 19 个: a name that
holds the scheme's and ends in 专业). A scheme the report names with a count of majors but no names still makes a
statement (with its count); one it names with neither makes none.
"""

from __future__ import annotations

from functools import partial

from loaders.document.model import Document
from loaders.extract import recogniser
from loaders.extract.colocation import (
    CountFigures,
    label_of,
    links_of,
    nodes_of,
    printed_forms,
)
from loaders.extract.common import school_ref
from loaders.facts import Evidence, Facts, Node, NodeRef
from loaders.keys import slug

RULE = "accreditations"


def counts_majors_under(name: str, forms: set[str]) -> bool:
    """Whether a figure's folded name counts majors under a scheme printed as one of ``forms``."""
    return name.endswith(("专业", "专业数")) and any(f in name for f in forms)


def _majors_by_scheme(facts: Facts) -> dict[NodeRef, tuple[list[NodeRef], list[Evidence]]]:
    found: dict[NodeRef, tuple[list[NodeRef], list[Evidence]]] = {}
    for link in links_of(facts, "accreditedUnder"):
        majors, evidence = found.setdefault(link.object, ([], []))
        majors.append(link.subject)
        evidence.extend(ev for ev in link.evidence if ev not in evidence)
    return found


def _statement(doc: Document, facts: Facts, figures: CountFigures, scheme: NodeRef,
               majors: list[NodeRef], evidence: list[Evidence]) -> Node:
    school = school_ref(doc)
    node = Node("Accreditation", slug(f"{doc.key}-{school.key}-{scheme.key}"),
                f"{label_of(facts, school)}：{label_of(facts, scheme)}下的专业", rule=RULE)
    node.add("accreditedBy", school)
    node.add("scheme", scheme)
    for major in majors:
        node.add("accreditedMajor", major)
    node.evidence.extend(evidence)
    cert = facts.nodes.get(scheme)
    forms = printed_forms(cert, (), shortest=3) if cert is not None else set()
    for figure in figures.stated(school, ("专业", "业数"), partial(counts_majors_under, forms=forms)):
        node.add("count", figure.count)
        node.evidence.extend(ev for ev in figure.evidence if ev not in node.evidence)
    return node


@recogniser(RULE, after=("certifications", "metrics", "observations"))
def extract_accreditations(doc: Document, facts: Facts) -> None:
    named, figures = _majors_by_scheme(facts), CountFigures(facts)
    schemes = sorted({*named, *(n.ref for n in nodes_of(facts, "Certification"))})
    for scheme in schemes:
        majors, evidence = named.get(scheme, ([], []))
        node = _statement(doc, facts, figures, scheme, majors, evidence)
        if node.evidence:  # majors named under the scheme, or a count of them stated
            facts.node(node)
