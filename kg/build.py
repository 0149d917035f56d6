"""Facts -> RDF quads: one named graph per report.

The mapping is generic: a :class:`~loaders.facts.Node` of kind K becomes ``sg:K`` with
``rdfs:label``/``skos:altLabel`` and one triple per attribute (``sg:{attr}``) under the literal policy
(:func:`attribute_term`: codes become concepts, human text is tagged @zh, numbers are typed); a
:class:`~loaders.facts.Link` becomes ``s sg:{predicate} o`` plus, when it has evidence, an
``rdf:Statement`` that reifies it and points to the evidence. Every piece of evidence is an
``sg:Evidence`` node keyed by report and offsets.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node as Term

from kg.ids import evidence_key, graph_iri, iri, statement_key
from kg.namespaces import PREFIXES, PROV, RDF, RDFS, SG, SKOS, XSD
from kg.vocab import coded_value, human_text_properties, prize_grade, scheme_for, subclass_for
from loaders.facts import Evidence, Facts, GYear, GYearMonth, LangString, NodeRef, Ref, Value

Quad = tuple[Term, Term, Term, URIRef]

# kinds whose IRIs live in the reference graph rather than under sg: classes of their own
_EXTERNAL_KINDS = {"CatalogMajor"}


def node_iri(ref: NodeRef) -> URIRef:
    return iri(ref.kind, ref.key)


def literal(value: Value) -> Term:
    """The RDF term for an attribute value (typed by its Python type)."""
    if isinstance(value, NodeRef):
        return node_iri(value)
    if isinstance(value, Ref):
        return URIRef(value.iri)
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, Decimal):
        return Literal(value, datatype=XSD.decimal)
    if isinstance(value, GYear):
        return Literal(f"{value.year:04d}", datatype=XSD.gYear)
    if isinstance(value, GYearMonth):
        return Literal(f"{value.year:04d}-{value.month:02d}", datatype=XSD.gYearMonth)
    if isinstance(value, LangString):
        return Literal(value.text, lang=value.lang)
    if isinstance(value, str):
        return Literal(value)
    raise TypeError(f"cannot map {type(value).__name__} value {value!r} to RDF")


def attribute_term(kind: str, prop: str, value: Value) -> Term | None:
    """The RDF term of a node's attribute under the literal policy (kg.vocab): a code is its concept (None when
    its scheme has none for it), human text is tagged @zh, anything else is typed by :func:`literal`."""
    if isinstance(value, str):
        if scheme_for(kind, prop) is not None:
            return coded_value(kind, prop, value)
        if prop in human_text_properties():
            return Literal(value, lang="zh")
    return literal(value)


def evidence_iri(ev: Evidence) -> URIRef:
    return iri("Evidence", evidence_key(ev.report, ev.start, ev.end))


def evidence_triples(ev: Evidence) -> Iterator[tuple[Term, Term, Term]]:
    node = evidence_iri(ev)
    yield node, RDF.type, SG.Evidence
    yield node, SG.inReport, iri("Report", ev.report)
    yield node, SG.line, Literal(ev.line, datatype=XSD.integer)
    yield node, SG.startOffset, Literal(ev.start, datatype=XSD.integer)
    yield node, SG.endOffset, Literal(ev.end, datatype=XSD.integer)
    yield node, SG.quote, Literal(ev.quote)


def fact_triples(facts: Facts) -> Iterator[tuple[Term, Term, Term]]:
    """All triples stated by one report's facts (without the report node itself)."""
    seen_evidence: set[Evidence] = set()
    for node in facts.nodes.values():
        if node.kind in _EXTERNAL_KINDS:
            continue
        subject = node_iri(node.ref)
        yield subject, RDF.type, SG[node.kind]
        yield subject, RDFS.label, Literal(node.label, lang="zh")
        if node.label_en:
            yield subject, RDFS.label, Literal(node.label_en, lang="en")
        for alt in sorted(node.alt_labels - {node.label}):
            yield subject, SKOS.altLabel, Literal(alt, lang="zh")
        for prop, values in node.attrs.items():
            for value in values:
                term = attribute_term(node.kind, prop, value)
                if term is not None:
                    yield subject, SG[prop], term
                if isinstance(value, str) and (narrower := subclass_for(node.kind, prop, value)) is not None:
                    yield subject, RDF.type, SG[narrower]
        if node.kind == "Achievement" and (grade := prize_grade(node.label)) is not None:
            yield subject, SG.prizeGrade, grade
        if node.rule:
            yield subject, SG.extractedBy, Literal(node.rule)
        for ev in node.evidence:
            yield subject, PROV.wasDerivedFrom, evidence_iri(ev)
            seen_evidence.add(ev)
    for link in facts.links.values():
        s, p, o = node_iri(link.subject), SG[link.predicate], node_iri(link.object)
        yield s, p, o
        if link.evidence:
            stmt = iri("Statement", statement_key(s, p, o))
            yield stmt, RDF.type, RDF.Statement
            yield stmt, RDF.subject, s
            yield stmt, RDF.predicate, p
            yield stmt, RDF.object, o
            for ev in link.evidence:
                yield stmt, PROV.wasDerivedFrom, evidence_iri(ev)
                seen_evidence.add(ev)
    for ev in sorted(seen_evidence):
        yield from evidence_triples(ev)


def report_quads(facts: Facts, report_triples: Iterable[tuple[Term, Term, Term]]) -> Iterator[Quad]:
    """The quads of one report's named graph: its report node plus its facts."""
    graph = graph_iri(facts.report)
    for s, p, o in report_triples:
        yield s, p, o, graph
    for s, p, o in fact_triples(facts):
        yield s, p, o, graph


def new_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    return ds


def checked_quads(quads: Iterable[Quad]) -> Iterator[Quad]:
    """The quads, refused (ValueError) at the first blank node: blank nodes break stable IRIs."""
    for quad in quads:
        if isinstance(quad[0], BNode) or isinstance(quad[2], BNode):
            raise ValueError(f"blank nodes are not allowed in the graph (in {quad[3]}): they break stable IRIs")
        yield quad


def with_shared_terms(quads: Iterable[Quad]) -> list[Quad]:
    """The quads, with one object for each distinct term: a report's graph names a node in many triples, and
    each made its own copy of the node's IRI (an annual report's 36 k triples: 100 k IRIs, 7 MB)."""
    terms: dict[Term, Term] = {}
    share = terms.setdefault
    return [(share(s, s), share(p, p), share(o, o), share(g, g)) for s, p, o, g in quads]


def add_quads(ds: Dataset, quads: Iterable[Quad]) -> None:
    for s, p, o, g in checked_quads(quads):
        ds.add((s, p, o, g))
