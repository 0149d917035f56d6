"""The reference graph: public reference lists as RDF, in the named graph ``REFERENCE_GRAPH``.

- the 2021 catalogue of higher-vocational majors as a SKOS scheme (19 categories, 97 classes,
  744 majors at ``id/catalog/{code}``, the code as the catalogue prints it — 460104, 570102K —
  with ``sg:nationalControl true`` on the K-coded ones), plus the partial list of later additions
  flagged ``sg:partial true``;
- the level concepts (国际级 … 校级), copied from ``ontology/sgkg.ttl``;
- the other concept schemes of coded values (categories, relation and partner kinds, indicators, prize
  grades, countries), from ``ontology/schemes/`` (``kg.vocab``);
- the schools seen in the corpus, keyed by MOE code, with province, city and authority from the
  MOE 2017 list;
- the 2019 双高 list rows of those schools (unit type, tier, lead majors).

Facts about schools are stated directly on the school (so plain queries see them) *and* reified as
``rdf:Statement`` with ``dcterms:source`` pointing at an ``sg:ReferenceSource``. A source has
``sg:verified``: the 2019 双高 list is a third-party copy and is ``false``. Report facts instead
carry ``prov:wasDerivedFrom`` evidence, so a query tells the two apart, e.g.::

    SELECT ?school ?tier ?verified WHERE {
      ?school sg:shuanggaoTier ?tier .
      ?st rdf:subject ?school ; rdf:predicate sg:shuanggaoTier ; rdf:object ?tier ;
          dcterms:source/sg:verified ?verified .
    }
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node as Term

from kg.ids import iri, statement_key
from kg.namespaces import DCTERMS, ID, LEVEL, RDF, RDFS, REFERENCE_GRAPH, SG, SKOS
from kg.vocab import scheme_triples
from loaders import refdata

log = logging.getLogger(__name__)

Triple = tuple[Term, Term, Term]
Quad = tuple[Term, Term, Term, URIRef]

ONTOLOGY_FILE = Path(__file__).resolve().parents[1] / "ontology" / "sgkg.ttl"
CATALOG_SCHEME = ID["scheme/catalog-2021"]
LEVEL_SCHEME = ID["scheme/level"]
LEVELS: dict[str, URIRef] = {name: LEVEL[name] for name in
                             ("international", "national", "provincial", "municipal", "school")}

_CATALOG_CLASS = {"category": SG.CatalogCategory, "class": SG.CatalogClass, "major": SG.CatalogMajor}


@dataclass(frozen=True, slots=True)
class ReferenceSource:
    """One reference list (a file in data/reference/) and how far it can be trusted."""

    key: str
    file_name: str
    title_zh: str
    title_en: str
    verified: bool
    partial: bool
    comment: str

    @property
    def iri(self) -> URIRef:
        return ID[f"source/{self.key}"]


CATALOG_2021 = ReferenceSource(
    "catalog-2021", "gaozhi_zhuanke_majors_2021.csv", "职业教育专业目录（2021年）高职专科",
    "2021 catalogue of higher-vocational majors", verified=True, partial=False,
    comment="Complete 744-major list, re-keyed from a public copy and cross-checked against a second one.")
CATALOG_ADDITIONS = ReferenceSource(
    "catalog-additions-after-2021", "gaozhi_zhuanke_majors_added_after_2021_PARTIAL.csv",
    "2021年后增补高职专科专业（不完整）", "Majors added to the catalogue after 2021 (partial)",
    verified=False, partial=True,
    comment="Third-party list; about half of the official additions, codes not checked against MOE.")
MOE_SCHOOLS_2017 = ReferenceSource(
    "moe-schools-2017", "moe_higher_education_institutions_2017.csv", "全国普通高等学校名单（2017年）",
    "MOE list of higher-education institutions (2017)", verified=True, partial=False,
    comment="Official MOE list of May 2017; later renamings and new schools are missing.")
SHUANGGAO_2019 = ReferenceSource(
    "shuanggao-2019", "shuanggao_2019_units_UNVERIFIED.csv", "2019年双高计划建设单位名单（未核实）",
    "2019 Double High-Level Plan list (unverified)", verified=False, partial=False,
    comment="Third-party copy of the 2019 list (教职成函〔2019〕14号); counts match, rows are unverified.")

SOURCES: tuple[ReferenceSource, ...] = (CATALOG_2021, CATALOG_ADDITIONS, MOE_SCHOOLS_2017, SHUANGGAO_2019)


def source_triples(source: ReferenceSource) -> Iterator[Triple]:
    node = source.iri
    yield node, RDF.type, SG.ReferenceSource
    yield node, RDFS.label, Literal(source.title_zh, lang="zh")
    yield node, RDFS.label, Literal(source.title_en, lang="en")
    yield node, RDFS.comment, Literal(source.comment, lang="en")
    yield node, SG.fileName, Literal(source.file_name)
    yield node, SG.verified, Literal(source.verified)
    yield node, SG.partial, Literal(source.partial)


def sourced(subject: URIRef, predicate: URIRef, obj: Term, source: ReferenceSource) -> Iterator[Triple]:
    """A triple plus its ``rdf:Statement`` saying which reference list it came from.

    The statement IRI is the one kg.build gives a reified report relation, so a triple that is
    both in a report and in a list has one statement with evidence and a source.
    """
    yield subject, predicate, obj
    statement = iri("Statement", statement_key(subject, predicate, obj))
    yield statement, RDF.type, RDF.Statement
    yield statement, RDF.subject, subject
    yield statement, RDF.predicate, predicate
    yield statement, RDF.object, obj
    yield statement, DCTERMS.source, source.iri
    yield statement, SG.verified, Literal(source.verified)


def catalog_iri(code: str) -> URIRef:
    """IRI of a catalogue category (2 digits), class (4) or major (its code as the catalogue prints it:
    6 digits plus an optional letter, e.g. ``id/catalog/570102K``)."""
    return iri("CatalogMajor", code)


def catalogue_triples() -> Iterator[Triple]:
    """The 2021 catalogue as a SKOS concept scheme, with the partial later additions flagged."""
    yield CATALOG_SCHEME, RDF.type, SKOS.ConceptScheme
    for lang, text in (("zh", CATALOG_2021.title_zh), ("en", CATALOG_2021.title_en)):
        yield CATALOG_SCHEME, SKOS.prefLabel, Literal(text, lang=lang)
        yield CATALOG_SCHEME, RDFS.label, Literal(text, lang=lang)
    yield CATALOG_SCHEME, DCTERMS.source, CATALOG_2021.iri
    for entry in refdata.catalogue():
        concept = catalog_iri(entry.code)
        yield concept, RDF.type, SKOS.Concept
        yield concept, RDF.type, _CATALOG_CLASS[entry.level]
        yield concept, SKOS.notation, Literal(entry.code)
        if entry.national_control:
            yield concept, SG.nationalControl, Literal(True)
        yield concept, SKOS.prefLabel, Literal(entry.name, lang="zh")
        yield concept, RDFS.label, Literal(entry.name, lang="zh")
        yield concept, SKOS.inScheme, CATALOG_SCHEME
        if entry.parent:
            yield concept, SKOS.broader, catalog_iri(entry.parent)
        else:
            yield concept, SKOS.topConceptOf, CATALOG_SCHEME
            yield CATALOG_SCHEME, SKOS.hasTopConcept, concept
        source = CATALOG_ADDITIONS if entry.added_after_2021 else CATALOG_2021
        yield concept, DCTERMS.source, source.iri
        if source.partial:
            yield concept, SG.partial, Literal(True)


@cache
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def level_triples() -> Iterator[Triple]:
    """The level scheme and its concepts, as declared in the ontology file."""
    ontology = _ontology()
    for subject in (LEVEL_SCHEME, *LEVELS.values()):
        yield from sorted(ontology.triples((subject, None, None)))


def school_triples(code: str) -> Iterator[Triple]:
    """A school of the MOE list with its code, province, city and authority (nothing if unknown)."""
    record = refdata.schools_by_code().get(code)
    if record is None:
        log.warning("school code %s is not in %s; no reference data for it", code, MOE_SCHOOLS_2017.file_name)
        return
    school = iri("School", code)
    yield school, RDF.type, SG.School
    yield school, SKOS.altLabel, Literal(record.name, lang="zh")
    yield from sourced(school, SG.schoolCode, Literal(record.code), MOE_SCHOOLS_2017)
    yield from sourced(school, SG.province, Literal(record.province, lang="zh"), MOE_SCHOOLS_2017)
    yield from sourced(school, SG.city, Literal(record.city, lang="zh"), MOE_SCHOOLS_2017)
    yield from sourced(school, SG.competentAuthority, Literal(record.authority, lang="zh"), MOE_SCHOOLS_2017)


def shuanggao_triples(code: str) -> Iterator[Triple]:
    """The 2019 双高 list rows of one school, each triple reified with the unverified source."""
    school = iri("School", code)
    for unit in refdata.shuanggao_units():
        if unit.school_code != code:
            continue
        yield from sourced(school, SG.shuanggaoUnitType, Literal(unit.unit_type), SHUANGGAO_2019)
        yield from sourced(school, SG.shuanggaoTier, Literal(unit.tier), SHUANGGAO_2019)
        for major in unit.lead_majors:
            yield from sourced(school, SG.shuanggaoLeadMajor, Literal(major, lang="zh"), SHUANGGAO_2019)


def reference_triples(school_codes: Iterable[str] = ()) -> Iterator[Triple]:
    for source in SOURCES:
        yield from source_triples(source)
    yield from level_triples()
    yield from scheme_triples()
    yield from catalogue_triples()
    for code in sorted(set(school_codes)):
        yield from school_triples(code)
        yield from shuanggao_triples(code)


def reference_quads(school_codes: Iterable[str] = ()) -> Iterator[Quad]:
    """All reference quads, for the schools with these MOE codes (the schools seen in the corpus)."""
    for s, p, o in reference_triples(school_codes):
        yield s, p, o, REFERENCE_GRAPH


