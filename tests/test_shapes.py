"""SHACL shapes: a small well-formed graph conforms; each kind of breakage is reported by name."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.build import add_quads, new_dataset, report_quads
from kg.ids import graph_iri, iri
from kg.namespaces import LEVEL, PROV, RDF, RDFS, SG, XSD
from kg.reference import reference_quads
from kg.validate import ValidationReport, validate_dataset
from loaders.facts import Evidence, Facts, GYear, Node, NodeRef, Ref

SCHOOL_CODE = "4123012911"
REPORT_KEY = f"{SCHOOL_CODE}-midterm-self-evaluation-2022"
TEXT = "哈尔滨职业技术学院开设机电一体化技术专业，与某某科技有限公司共建产业学院，到位资金100.5万元。"


def _evidence(fragment: str) -> Evidence:
    start = TEXT.index(fragment)
    return Evidence(REPORT_KEY, start, start + len(fragment), 1, fragment)


def _report_triples() -> list[tuple]:
    report = iri("Report", REPORT_KEY)
    return [
        (report, RDF.type, SG.Report),
        (report, RDFS.label, Literal("哈尔滨职业技术学院中期自评报告", lang="zh")),
        (report, SG.fileName, Literal("000_test.txt")),
        (report, SG.sha256, Literal("0" * 64)),
        (report, SG.reportKind, Literal("midterm-self-evaluation")),
        (report, SG.year, Literal("2022", datatype=XSD.gYear)),
        (report, SG.describes, iri("School", SCHOOL_CODE)),
    ]


def _facts() -> Facts:
    facts = Facts(REPORT_KEY)
    school = Node("School", SCHOOL_CODE, "哈尔滨职业技术学院", evidence=[_evidence("哈尔滨职业技术学院")], rule="school")
    school.add("schoolCode", SCHOOL_CODE)
    school_ref = facts.node(school)
    major = Node("Major", f"{SCHOOL_CODE}-460301", "机电一体化技术", evidence=[_evidence("机电一体化技术")])
    major.add("offeredBy", school_ref)
    major.add("catalogEntry", NodeRef("CatalogMajor", "460301"))
    major.add("catalogMatch", "exact")
    facts.node(major)
    firm = Node("Enterprise", "某某科技有限公司", "某某科技有限公司", evidence=[_evidence("某某科技有限公司")])
    firm.add("orgKind", "enterprise")
    firm_ref = facts.node(firm)
    facts.link(school_ref, "partner", firm_ref, [_evidence("与某某科技有限公司共建产业学院")])
    partnership = Node("Partnership", "p1", "哈尔滨职业技术学院—某某科技有限公司", evidence=[_evidence("共建产业学院")])
    partnership.add("partnerOf", school_ref)
    partnership.add("partnerOrg", firm_ref)
    partnership.add("relationKind", "共建")
    facts.node(partnership)
    funding = Node("FundingRecord", "f1", "到位资金", evidence=[_evidence("到位资金100.5万元")])
    funding.add("fundingScope", school_ref)
    funding.add("received", Decimal("100.5"))
    funding.add("unit", "万元")
    funding.add("period", "2019-2021")
    facts.node(funding)
    award = Node("Achievement", "a1", "产业学院", evidence=[_evidence("产业学院")])
    award.add("achievedBy", school_ref)
    award.add("level", Ref(str(LEVEL.national)))
    award.add("year", GYear(2021))
    award.add("count", 1)
    facts.node(award)
    return facts


def _dataset(facts: Facts | None = None) -> Dataset:
    ds = new_dataset()
    add_quads(ds, report_quads(facts or _facts(), _report_triples()))
    add_quads(ds, reference_quads([SCHOOL_CODE]))
    return ds


def _results_about(report: ValidationReport, focus: URIRef, path: str = "") -> list[str]:
    return [r.message for r in report.results
            if r.focus == str(focus) and r.severity == "Violation" and (not path or r.path == path)]


@pytest.fixture(scope="module")
def good_report() -> ValidationReport:
    return validate_dataset(_dataset())


def test_well_formed_graph_conforms(good_report: ValidationReport) -> None:
    assert good_report.violations == 0, good_report.text()
    assert good_report.conforms


@pytest.fixture(scope="module")
def broken() -> tuple[ValidationReport, dict[str, URIRef]]:
    ds = _dataset()
    graph = graph_iri(REPORT_KEY)
    major = iri("Major", f"{SCHOOL_CODE}-460301")
    funding = iri("FundingRecord", "f1")
    firm = iri("Enterprise", "某某科技有限公司")
    evidence = next(ds.objects(major, PROV.wasDerivedFrom))
    ds.remove((firm, RDFS.label, None, graph))  # missing label
    ds.remove((funding, SG.received, None, graph))
    ds.add((funding, SG.received, Literal("100.5万元"), graph))  # string amount
    ds.remove((evidence, SG.quote, None, graph))  # evidence without quote
    other_school = iri("School", "4114012888")
    ds.add((other_school, RDF.type, SG.School, graph))
    ds.add((major, SG.offeredBy, other_school, graph))  # two offeredBy
    nodes = {"firm": firm, "funding": funding, "evidence": evidence, "major": major}
    return validate_dataset(ds), nodes


def test_broken_graph_does_not_conform(broken) -> None:
    report, _ = broken
    assert not report.conforms
    assert report.violations >= 4


def test_missing_label_is_named(broken) -> None:
    report, nodes = broken
    assert any("rdfs:label @zh" in m for m in _results_about(report, nodes["firm"], "rdfs:label"))


def test_string_amount_is_named(broken) -> None:
    report, nodes = broken
    assert any("xsd:decimal" in m for m in _results_about(report, nodes["funding"], "sg:received"))


def test_evidence_without_quote_is_named(broken) -> None:
    report, nodes = broken
    assert any("sg:quote" in m for m in _results_about(report, nodes["evidence"], "sg:quote"))


def test_two_offered_by_is_named(broken) -> None:
    report, nodes = broken
    assert any("exactly one sg:offeredBy" in m for m in _results_about(report, nodes["major"], "sg:offeredBy"))


def test_report_text_names_shape_label_and_counts(broken) -> None:
    report, _ = broken
    text = report.text()
    assert "DOES NOT CONFORM" in text
    assert "MajorShape" in text and "FundingRecordShape" in text and "EvidenceShape" in text
    assert "«机电一体化技术»" in text
    counts = report.counts_by_shape()
    assert counts["MajorShape"]["Violation"] >= 1
    assert sum(c["Violation"] for c in counts.values()) == report.violations


def test_node_without_evidence_is_a_violation() -> None:
    facts = _facts()
    facts.nodes[NodeRef("Enterprise", "某某科技有限公司")].evidence.clear()
    report = validate_dataset(_dataset(facts))
    firm = iri("Enterprise", "某某科技有限公司")
    assert any("evidence" in m for m in _results_about(report, firm, "prov:wasDerivedFrom"))


def test_data_quality_problems_are_warnings_only() -> None:
    facts = _facts()
    major = facts.nodes[NodeRef("Major", f"{SCHOOL_CODE}-460301")]
    del major.attrs["catalogEntry"]
    del facts.nodes[NodeRef("Partnership", "p1")].attrs["relationKind"]
    report = validate_dataset(_dataset(facts))
    warned = {(r.focus, r.path) for r in report.results if r.severity == "Warning"}
    assert (str(iri("Major", major.key)), "sg:catalogEntry") in warned
    assert (str(iri("Partnership", "p1")), "sg:relationKind") in warned
    assert report.violations == 0, report.text()


def test_level_outside_the_scheme_is_a_violation() -> None:
    facts = _facts()
    facts.nodes[NodeRef("Achievement", "a1")].attrs["level"] = [Ref("https://example.org/level/galactic")]
    report = validate_dataset(_dataset(facts))
    assert _results_about(report, iri("Achievement", "a1"), "sg:level")


def test_bad_school_code_is_a_violation() -> None:
    ds = _dataset()
    school = iri("School", SCHOOL_CODE)
    ds.add((school, SG.schoolCode, Literal("41230"), graph_iri(REPORT_KEY)))
    report = validate_dataset(ds)
    assert any("10 digits" in m for m in _results_about(report, school, "sg:schoolCode"))
