"""The reference graph: catalogue as SKOS, corpus schools keyed by MOE code, unverified 双高 list."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal

from kg.ids import iri
from kg.namespaces import DCTERMS, LEVEL, RDF, REFERENCE_GRAPH, SG, SKOS
from kg.reference import CATALOG_SCHEME, SHUANGGAO_2019, catalog_iri, reference_quads
from loaders import refdata

CORPUS_SCHOOLS = {"哈尔滨职业技术学院": "4123012911", "山西机电职业技术学院": "4114012888",
                  "柳州职业技术学院": "4145012104"}


@pytest.fixture(scope="module")
def reference() -> Graph:
    graph = Graph()
    for s, p, o, g in reference_quads(CORPUS_SCHOOLS.values()):
        assert g == REFERENCE_GRAPH
        graph.add((s, p, o))
    return graph


def _base_concepts(graph: Graph, kind) -> list:
    return [c for c in graph.subjects(RDF.type, kind) if (c, SG.partial, Literal(True)) not in graph]


def test_catalogue_counts(reference: Graph) -> None:
    assert len(_base_concepts(reference, SG.CatalogMajor)) == 744
    assert len(list(reference.subjects(RDF.type, SG.CatalogClass))) == 97
    assert len(list(reference.subjects(RDF.type, SG.CatalogCategory))) == 19


def test_major_notations_are_the_codes_the_catalogue_prints(reference: Graph) -> None:
    for major in reference.subjects(RDF.type, SG.CatalogMajor):
        notations = [str(n) for n in reference.objects(major, SKOS.notation)]
        assert len(notations) == 1 and re.fullmatch(r"\d{6}[A-Z]?", notations[0]), (major, notations)
        assert str(major).endswith("/catalog/" + notations[0])


def test_national_control_majors_keep_their_k_codes(reference: Graph) -> None:
    flagged = set(reference.subjects(SG.nationalControl, Literal(True)))
    assert flagged == {catalog_iri(e.code) for e in refdata.catalogue() if e.code.endswith("K")}
    assert catalog_iri("570110K") in flagged
    assert (catalog_iri("570110K"), SKOS.notation, Literal("570110K")) in reference
    assert (catalog_iri("570110"), None, None) not in reference


def test_broader_links(reference: Graph) -> None:
    mechatronics = catalog_iri("460301")
    assert (mechatronics, SKOS.prefLabel, Literal("机电一体化技术", lang="zh")) in reference
    assert (mechatronics, SKOS.broader, catalog_iri("4603")) in reference
    assert (catalog_iri("4603"), SKOS.broader, catalog_iri("46")) in reference
    assert (catalog_iri("46"), SKOS.topConceptOf, CATALOG_SCHEME) in reference
    for major in reference.subjects(RDF.type, SG.CatalogMajor):
        parent = reference.value(major, SKOS.broader)
        assert (parent, RDF.type, SG.CatalogClass) in reference
        assert (major, SKOS.inScheme, CATALOG_SCHEME) in reference


def test_later_additions_are_flagged_partial(reference: Graph) -> None:
    added = catalog_iri("410121")
    assert (added, SG.partial, Literal(True)) in reference
    assert (catalog_iri("460301"), SG.partial, Literal(True)) not in reference


@pytest.mark.parametrize(("name", "code"), sorted(CORPUS_SCHOOLS.items()))
def test_corpus_schools_have_their_moe_codes(reference: Graph, name: str, code: str) -> None:
    assert refdata.schools_by_code()[code].name == name
    school = iri("School", code)
    assert (school, SG.schoolCode, Literal(code)) in reference
    assert (school, SKOS.altLabel, Literal(name, lang="zh")) in reference
    assert reference.value(school, SG.province) is not None and reference.value(school, SG.city) is not None


def test_province_and_city_come_from_the_moe_list(reference: Graph) -> None:
    school = iri("School", "4114012888")
    assert reference.value(school, SG.province) == Literal("山西省", lang="zh")
    assert reference.value(school, SG.city) == Literal("长治市", lang="zh")


def test_only_the_given_schools_are_included(reference: Graph) -> None:
    schools = {str(s).rsplit("/", 1)[-1] for s in reference.subjects(RDF.type, SG.School)}
    assert schools == set(CORPUS_SCHOOLS.values())


def test_unknown_school_code_is_skipped_not_raised() -> None:
    quads = list(reference_quads(["0000000000"]))
    assert not any(s == iri("School", "0000000000") for s, *_ in quads)


def _statement_source(graph: Graph, subject, predicate, obj):
    for st in graph.subjects(RDF.subject, subject):
        if (st, RDF.predicate, predicate) in graph and (st, RDF.object, obj) in graph:
            return graph.value(st, DCTERMS.source)
    return None


def test_shuanggao_list_is_attached_and_marked_unverified(reference: Graph) -> None:
    harbin = iri("School", "4123012911")
    assert reference.value(harbin, SG.shuanggaoUnitType) == Literal("高水平学校建设单位")
    assert reference.value(harbin, SG.shuanggaoTier) == Literal("C")
    assert set(reference.objects(harbin, SG.shuanggaoLeadMajor)) == {Literal("机电一体化技术", lang="zh"), Literal("电子商务", lang="zh")}
    source = _statement_source(reference, harbin, SG.shuanggaoTier, Literal("C"))
    assert source == SHUANGGAO_2019.iri
    assert (source, SG.verified, Literal(False)) in reference
    liuzhou = iri("School", "4145012104")
    assert reference.value(liuzhou, SG.shuanggaoUnitType) == Literal("高水平专业群建设单位")


def test_unverified_facts_are_queryable_apart(reference: Graph) -> None:
    rows = reference.query("""
        PREFIX sg: <https://w3id.org/sgkg/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?school ?tier ?verified WHERE {
          ?school sg:shuanggaoTier ?tier .
          ?st rdf:subject ?school ; rdf:predicate sg:shuanggaoTier ; rdf:object ?tier ;
              dcterms:source/sg:verified ?verified .
        }""")
    assert {(str(r.tier), r.verified.toPython()) for r in rows} == {("C", False), ("B", False)}


def test_level_concepts_are_in_the_reference_graph(reference: Graph) -> None:
    assert (LEVEL.provincial, SKOS.prefLabel, Literal("省级", lang="zh")) in reference


def test_reference_quads_are_deterministic() -> None:
    assert list(reference_quads(["4145012104", "4123012911"])) == list(reference_quads(["4123012911", "4145012104"]))
