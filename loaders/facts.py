"""The fact model: what recognisers emit and what ``kg.build`` turns into RDF.

Plain values. A :class:`Node` is an entity (a school, a major, an enterprise, a funding row…)
with its literal attributes; a :class:`Link` is a relation between two nodes. Both carry the
:class:`Evidence` they were read from. Kinds and predicates are the local names of the
vocabulary contract (``sg:`` terms in ``ontology/sgkg.ttl``).

Literal attribute values are typed by Python type when written to RDF:
``Decimal`` -> xsd:decimal, ``int`` -> xsd:integer, :class:`GYear` -> xsd:gYear, :class:`GYearMonth` -> xsd:gYearMonth,
``str`` -> plain string (or ``LangString`` for a language-tagged one), :class:`Ref` -> IRI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

NodeKind = str  # "School", "Major", "Enterprise", ... (sg: class local names)


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """Where a fact was read: ``quote == decoded_text[start:end]``; ``line`` is 1-based."""

    report: str  # report key (Document.key)
    start: int
    end: int
    line: int
    quote: str


@dataclass(frozen=True, slots=True, order=True)
class GYear:
    year: int


@dataclass(frozen=True, slots=True, order=True)
class GYearMonth:
    year: int
    month: int


@dataclass(frozen=True, slots=True, order=True)
class LangString:
    text: str
    lang: str


@dataclass(frozen=True, slots=True, order=True)
class NodeRef:
    """A reference to a node by kind and key (its IRI is ``id/{kind slug}/{key}``)."""

    kind: NodeKind
    key: str


@dataclass(frozen=True, slots=True, order=True)
class Ref:
    """An IRI value for an attribute that points outside the extracted nodes (e.g. a level concept)."""

    iri: str


Value = str | int | Decimal | GYear | GYearMonth | LangString | Ref | NodeRef


@dataclass(slots=True)
class Node:
    kind: NodeKind
    key: str
    label: str  # canonical Chinese label
    label_en: str | None = None
    alt_labels: set[str] = field(default_factory=set)
    attrs: dict[str, list[Value]] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    rule: str | None = None  # which recogniser / resolution rule produced or merged it

    @property
    def ref(self) -> NodeRef:
        return NodeRef(self.kind, self.key)

    def add(self, prop: str, value: Value) -> None:
        values = self.attrs.setdefault(prop, [])
        if value not in values:
            values.append(value)


@dataclass(slots=True)
class Link:
    subject: NodeRef
    predicate: str  # sg: property local name, e.g. "partner", "hasMember"
    object: NodeRef
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Facts:
    """All facts read from one report, keyed so that repeats merge."""

    report: str
    nodes: dict[NodeRef, Node] = field(default_factory=dict)
    links: dict[tuple[NodeRef, str, NodeRef], Link] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)  # items a recogniser skipped because it raised

    def node(self, node: Node) -> NodeRef:
        """Add a node, or merge it into the node already there under the same kind and key."""
        have = self.nodes.get(node.ref)
        if have is None:
            self.nodes[node.ref] = node
            return node.ref
        if node.label != have.label:
            have.alt_labels.add(node.label)
        have.alt_labels |= node.alt_labels - {have.label}
        have.label_en = have.label_en or node.label_en
        for prop, values in node.attrs.items():
            for value in values:
                have.add(prop, value)
        for ev in node.evidence:
            if ev not in have.evidence:
                have.evidence.append(ev)
        return have.ref

    def link(self, subject: NodeRef, predicate: str, obj: NodeRef, evidence: Iterable[Evidence] = ()) -> None:
        key = (subject, predicate, obj)
        have = self.links.setdefault(key, Link(subject, predicate, obj))
        for ev in evidence:
            if ev not in have.evidence:
                have.evidence.append(ev)

    def merge(self, other: Facts) -> None:
        for node in other.nodes.values():
            self.node(node)
        for link in other.links.values():
            self.link(link.subject, link.predicate, link.object, link.evidence)
