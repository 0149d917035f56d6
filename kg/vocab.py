"""Coded values as SKOS concepts (issue 13, item 3), and the literal policy (item 4).

Every coded value the graph states — a level, an achievement category, a programme kind, a relation
kind, a partner kind, an indicator, a prize grade, a country — is a ``skos:Concept`` with zh and en
labels in a ``skos:ConceptScheme`` of its own. The schemes are general knowledge, kept as data:
``ontology/schemes/schemes.csv`` names each scheme, the property whose values it holds and the classes
it holds them for, and a file of members (key, notation, zh, en, aliases); countries are read from the
country lexicon (ISO 3166-1 alpha-2 codes as notations); the level scheme is declared in
``ontology/sgkg.ttl``. A concept is ``id/{scheme}/{key}`` and its scheme ``id/scheme/{scheme}``.

A concept's ``skos:notation`` is the code the graph held as a string before the concepts (``title``,
``共建``, ``enterprise``, ``task-completion-rate``), so a query that read ``sg:category ?c`` reads
``sg:category/skos:notation ?c`` now; for a country it is the ISO code.

The recognisers still emit codes as strings; :func:`coded_value` turns one into its concept when the
facts are mapped (``kg.build``): a code, notation, label or alias of the scheme, else the concept whose
Chinese label the printed value ends with (广西首批示范性产业学院 → 示范性产业学院), else the scheme's
``other`` concept; a scheme without ``other`` (countries, indicators) takes exact names only, so a value it
does not know is left out (a figure of an indicator the scheme does not know has no key; its
``sg:metricName`` keeps what was printed).

The literal policy: a property whose ``rdfs:range`` is ``rdf:langString`` holds human text, tagged
``@zh`` (or ``@en``) — :func:`human_text_properties`; codes are concepts; numbers are typed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node as Term

from kg.namespaces import ID, RDF, RDFS, SG, SKOS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_FILE = ROOT / "ontology" / "sgkg.ttl"
SCHEMES_DIR = ROOT / "ontology" / "schemes"
REGISTRY = SCHEMES_DIR / "schemes.csv"
OTHER = "other"

Triple = tuple[Term, Term, Term]


@dataclass(frozen=True, slots=True)
class Concept:
    key: str
    notation: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    subclass: str = ""  # the sg: class a node with this code also belongs to (platform → Platform), if any


@dataclass(frozen=True, slots=True)
class Scheme:
    key: str
    prop: str  # the sg: property whose values it holds
    classes: tuple[str, ...]  # the sg: classes it holds them for
    label_zh: str
    label_en: str
    comment: str
    concepts: tuple[Concept, ...]
    in_ontology: bool = False  # declared in ontology/sgkg.ttl (the level scheme), not written from data

    @property
    def iri(self) -> URIRef:
        return ID[f"scheme/{self.key}"]

    def concept_iri(self, concept: Concept) -> URIRef:
        return ID[f"{self.key}/{concept.key}"]

    def members(self) -> tuple[URIRef, ...]:
        return tuple(self.concept_iri(c) for c in self.concepts)

    def lookup(self, value: str) -> URIRef | None:
        """The concept a printed code or name stands for (see the module docstring), or None."""
        return _lookup(self, value.strip())


@cache
def _names(scheme: Scheme) -> dict[str, URIRef]:
    names: dict[str, URIRef] = {}
    for concept in scheme.concepts:
        for name in (concept.key, concept.notation, concept.zh, concept.en, *concept.aliases):
            names.setdefault(name.casefold(), scheme.concept_iri(concept))
    return names


@cache
def _lookup(scheme: Scheme, value: str) -> URIRef | None:
    found = _names(scheme).get(value.casefold())
    other = next((c for c in scheme.concepts if c.key == OTHER), None)
    if found is not None or other is None:  # a closed list (countries, indicators): exact names only
        return found
    endings = sorted((len(name), c.key, c) for c in scheme.concepts for name in (c.zh, *c.aliases)
                     if name and value.endswith(name))
    return scheme.concept_iri(endings[-1][2] if endings else other)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(part for part in (text or "").split("|") if part)


def _concept(row: dict[str, str]) -> Concept:
    if "iso2" in row:  # the country lexicon: name_zh, aliases, iso2, name_en
        return Concept(row["iso2"], row["iso2"], row["name_zh"], row["name_en"], _split(row["aliases"]))
    return Concept(row["key"], row["notation"], row["zh"], row["en"], _split(row["aliases"]), row.get("class") or "")


def _level_concepts() -> tuple[Concept, ...]:
    graph = _ontology()
    concepts = []
    for node in sorted(graph.subjects(SKOS.inScheme, ID["scheme/level"])):
        labels = {lit.language: str(lit) for lit in graph.objects(node, SKOS.prefLabel) if isinstance(lit, Literal)}
        aliases = tuple(sorted(str(a) for a in graph.objects(node, SKOS.altLabel)))
        concepts.append(Concept(str(node).rsplit("/", 1)[1], str(graph.value(node, SKOS.notation)), labels["zh"],
                                labels["en"], aliases))
    return tuple(concepts)


@cache
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@cache
def schemes() -> tuple[Scheme, ...]:
    found = []
    for row in _rows(REGISTRY):
        in_ontology = row["members"] == "ontology"
        concepts = _level_concepts() if in_ontology else tuple(_concept(r) for r in _rows(SCHEMES_DIR / row["members"]))
        found.append(Scheme(row["key"], row["property"], _split(row["classes"]), row["label_zh"], row["label_en"],
                            row["comment"], concepts, in_ontology))
    return tuple(found)


@cache
def _subclasses(scheme: Scheme) -> dict[URIRef, str]:
    return {scheme.concept_iri(c): c.subclass for c in scheme.concepts if c.subclass}


@cache
def subclass_for(kind: str, prop: str, value: str) -> str | None:
    """The narrower sg: class a node of ``kind`` belongs to by its code (a programme of kind platform is also an
    sg:Platform; an achievement of category ranking an sg:Ranking), from the ``class`` column of the members."""
    scheme = scheme_for(kind, prop)
    concept = scheme.lookup(value) if scheme is not None else None
    return _subclasses(scheme).get(concept) if scheme is not None and concept is not None else None


@cache
def scheme_for(kind: str, prop: str) -> Scheme | None:
    """The scheme that holds ``prop``'s values on a node of class ``kind`` (None: the property is no code)."""
    return next((s for s in schemes() if s.prop == prop and kind in s.classes), None)


@cache
def coded_properties() -> frozenset[str]:
    return frozenset(s.prop for s in schemes())


@cache
def concepts() -> dict[str, Concept]:
    """Concept IRI -> the concept, for every scheme."""
    return {str(s.concept_iri(c)): c for s in schemes() for c in s.concepts}


@cache
def notations() -> dict[str, str]:
    """Concept IRI -> its skos:notation (the code), for every scheme."""
    return {iri: c.notation for iri, c in concepts().items()}


def coded_value(kind: str, prop: str, value: str) -> URIRef | None:
    """The concept for a code a recogniser emitted as a string (None: no concept of the scheme fits)."""
    scheme = scheme_for(kind, prop)
    return scheme.lookup(value) if scheme is not None else None


@cache
def human_text_properties() -> frozenset[str]:
    """Local names of the sg: properties whose values are human text (``rdfs:range rdf:langString``)."""
    graph = _ontology()
    return frozenset(str(p).removeprefix(str(SG)) for p in graph.subjects(RDFS.range, RDF.langString)
                     if str(p).startswith(str(SG)))


@cache
def _prize_grades() -> tuple[tuple[str, URIRef], ...]:
    scheme = next(s for s in schemes() if s.prop == "prizeGrade")
    return tuple((name, scheme.concept_iri(c)) for c in scheme.concepts for name in (c.zh, *c.aliases))


def prize_grade(label: str) -> URIRef | None:
    """The prize grade an award's name prints first (…一等奖, …金奖), or None."""
    found = [(label.find(name), iri) for name, iri in _prize_grades() if name in label]
    return min(found)[1] if found else None


def scheme_triples() -> Iterator[Triple]:
    """The concept schemes kept as data (every scheme but those the ontology file declares), as SKOS."""
    for scheme in schemes():
        if scheme.in_ontology:
            continue
        yield scheme.iri, RDF.type, SKOS.ConceptScheme
        for lang, text in (("zh", scheme.label_zh), ("en", scheme.label_en)):
            yield scheme.iri, RDFS.label, Literal(text, lang=lang)
            yield scheme.iri, SKOS.prefLabel, Literal(text, lang=lang)
        yield scheme.iri, RDFS.comment, Literal(scheme.comment, lang="en")
        yield scheme.iri, SG.schemeOf, SG[scheme.prop]
        for concept in scheme.concepts:
            node = scheme.concept_iri(concept)
            yield scheme.iri, SKOS.hasTopConcept, node
            yield node, RDF.type, SKOS.Concept
            yield node, SKOS.inScheme, scheme.iri
            yield node, SKOS.topConceptOf, scheme.iri
            yield node, SKOS.notation, Literal(concept.notation)
            for lang, text in (("zh", concept.zh), ("en", concept.en)):
                yield node, SKOS.prefLabel, Literal(text, lang=lang)
                yield node, RDFS.label, Literal(text, lang=lang)
            for alias in concept.aliases:
                yield node, SKOS.altLabel, Literal(alias, lang="zh")
