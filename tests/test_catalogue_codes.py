"""Catalogue codes as the 2021 catalogue prints them: 6 digits and, for some majors, a letter
(570102K 学前教育, a national-control major). The letter is part of the code everywhere: reference
data, catalogue concepts and their IRIs, the majors recogniser, the SHACL shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_docs import TableSpec, make_doc
from rdflib import Literal, URIRef

from kg.build import add_quads, new_dataset
from kg.ids import graph_iri, iri
from kg.namespaces import RDF, REFERENCE_GRAPH, SG, SKOS
from kg.pipeline import BuildResult, build_dataset
from kg.reference import catalog_iri, reference_quads
from kg.validate import ValidationReport, validate_dataset
from loaders import refdata
from loaders.extract.majors import extract_majors
from loaders.facts import Facts, Node, NodeRef
from tests.shape_samples import SCHOOL_CODE, evidence_for, sample_dataset, sample_facts

UNSEEN_FINAL = Path(__file__).parent / "fixtures" / "unseen" / "u09_jinhua_final.txt"
CODE_SHAPES = {"CatalogMajorShape"}


def _is_about_codes(result) -> bool:
    return result.shape in CODE_SHAPES or result.path == "sg:catalogEntry"


def test_every_catalogue_major_code_is_six_digits_and_an_optional_letter() -> None:
    codes = list(refdata.catalogue_majors())
    assert all(refdata.MAJOR_CODE.fullmatch(code) for code in codes)
    lettered = [code for code in codes if not code.isdigit()]
    assert len(lettered) == 47 and all(code.endswith("K") for code in lettered)
    assert refdata.catalogue_majors()["570102K"].name == "学前教育"


@pytest.mark.parametrize(("printed", "code"), [
    ("570102K", "570102K"), ("570102k", "570102K"), ("５７０１０２Ｋ", "570102K"), ("570102 K", "570102K"),
    ("570102", "570102K"),  # the letter left off: still the catalogue's 570102K
    ("460104", "460104"), ("460104K", None), ("999999", None), ("57010", None), ("570102KK", None),
])
def test_a_printed_code_is_read_as_the_catalogue_code(printed: str, code: str | None) -> None:
    assert refdata.catalogue_code(printed) == code


def test_k_coded_majors_are_concepts_at_their_own_code() -> None:
    graph = {(s, p, o) for s, p, o, _ in reference_quads([])}
    concept = catalog_iri("570102K")
    assert str(concept).endswith("/id/catalog/570102K")
    assert (concept, RDF.type, SG.CatalogMajor) in graph
    assert (concept, SKOS.notation, Literal("570102K")) in graph
    assert (concept, SG.nationalControl, Literal(True)) in graph
    assert (concept, SKOS.broader, catalog_iri("5701")) in graph
    assert (catalog_iri("460104"), SG.nationalControl, Literal(True)) not in graph


def test_the_majors_recogniser_links_a_k_coded_major_to_its_catalogue_entry() -> None:
    doc = make_doc(["学校开设学前教育、小学教育等专业。"], [TableSpec("专业设置", ["序号", "专业名称"], [["1", "早期教育"]])])
    facts = Facts(doc.key)
    extract_majors(doc, facts)
    entries = {node.key: node.attrs.get("catalogEntry") for node in facts.nodes.values() if node.kind == "Major"}
    code = doc.meta.school_code
    assert entries == {f"{code}-570102K": [NodeRef("CatalogMajor", "570102K")],
                       f"{code}-570103K": [NodeRef("CatalogMajor", "570103K")],
                       f"{code}-570101K": [NodeRef("CatalogMajor", "570101K")]}


def test_a_major_linked_to_a_k_code_conforms() -> None:
    facts = sample_facts()
    school = NodeRef("School", SCHOOL_CODE)
    major = Node("Major", f"{SCHOOL_CODE}-570102K", "学前教育", evidence=[evidence_for("机电一体化技术")])
    major.add("offeredBy", school)
    major.add("catalogEntry", NodeRef("CatalogMajor", "570102K"))
    major.add("catalogMatch", "exact")
    facts.node(major)
    report = validate_dataset(sample_dataset(facts))
    assert report.violations == 0, report.text()


@pytest.mark.parametrize("notation", ["57010", "570102KK", "57010K2", "a70102"])
def test_a_catalogue_major_with_a_malformed_code_is_a_violation(notation: str) -> None:
    ds = new_dataset()
    add_quads(ds, reference_quads([]))
    concept = catalog_iri("570102K")
    ds.remove((concept, SKOS.notation, None, REFERENCE_GRAPH))
    ds.add((concept, SKOS.notation, Literal(notation), REFERENCE_GRAPH))
    report = validate_dataset(ds)
    assert [(r.shape, r.focus) for r in report.results if r.severity == "Violation"] == [
        ("CatalogMajorShape", str(concept))]


@pytest.fixture(scope="module")
def final_report() -> tuple[BuildResult, ValidationReport]:
    result = build_dataset([UNSEEN_FINAL])
    assert [d.file_name for d in result.documents] == [UNSEEN_FINAL.name], result.bad_files
    return result, validate_dataset(result.dataset)


def test_a_report_printing_k_codes_gives_majors_linked_to_k_coded_entries(final_report) -> None:
    result, _ = final_report
    graph = result.dataset.graph(graph_iri(result.documents[0].key))
    reference = result.dataset.graph(REFERENCE_GRAPH)
    entries = {entry for entry in graph.objects(None, SG.catalogEntry) if str(entry)[-1:] == "K"}
    assert entries, "no major of the report is linked to a K-coded catalogue entry"
    for entry in entries:
        code = str(entry).rsplit("/", 1)[-1]
        assert (entry, RDF.type, SG.CatalogMajor) in reference
        assert (entry, SKOS.notation, Literal(code)) in reference
        majors = set(graph.subjects(SG.catalogEntry, entry))
        assert all((m, RDF.type, SG.Major) in graph for m in majors)
        school_code = result.documents[0].meta.school_code
        assert URIRef(iri("Major", f"{school_code}-{code}")) in majors


def test_a_report_printing_k_codes_has_no_violation_about_codes(final_report) -> None:
    _, report = final_report
    about_codes = [r for r in report.results if r.severity == "Violation" and _is_about_codes(r)]
    assert about_codes == [], report.text()
