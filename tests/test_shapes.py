"""SHACL shapes: a small well-formed graph conforms; each kind of breakage is reported by name."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.ids import graph_iri, iri
from kg.namespaces import PROV, RDF, RDFS, SG
from kg.validate import ValidationReport, union_graph, validate_dataset
from loaders.facts import NodeRef, Ref
from tests.shape_samples import REPORT_KEY, SCHOOL_CODE, sample_dataset, sample_facts


def _results_about(report: ValidationReport, focus: URIRef, path: str = "") -> list[str]:
    return [r.message for r in report.results
            if r.focus == str(focus) and r.severity == "Violation" and (not path or r.path == path)]


@pytest.fixture(scope="module")
def good_report() -> ValidationReport:
    return validate_dataset(sample_dataset())


def test_well_formed_graph_conforms(good_report: ValidationReport) -> None:
    assert good_report.violations == 0, good_report.text()
    assert good_report.conforms


@pytest.fixture(scope="module")
def broken() -> tuple[ValidationReport, dict[str, URIRef]]:
    ds = sample_dataset()
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
    facts = sample_facts()
    facts.nodes[NodeRef("Enterprise", "某某科技有限公司")].evidence.clear()
    report = validate_dataset(sample_dataset(facts))
    firm = iri("Enterprise", "某某科技有限公司")
    assert any("evidence" in m for m in _results_about(report, firm, "prov:wasDerivedFrom"))


def test_data_quality_problems_are_warnings_only() -> None:
    facts = sample_facts()
    major = facts.nodes[NodeRef("Major", f"{SCHOOL_CODE}-460301")]
    del major.attrs["catalogEntry"]
    del facts.nodes[NodeRef("Partnership", "p1")].attrs["relationKind"]
    report = validate_dataset(sample_dataset(facts))
    warned = {(r.focus, r.path) for r in report.results if r.severity == "Warning"}
    assert (str(iri("Major", major.key)), "sg:catalogEntry") in warned
    assert (str(iri("Partnership", "p1")), "sg:relationKind") in warned
    assert report.violations == 0, report.text()


def test_level_outside_the_scheme_is_a_violation() -> None:
    facts = sample_facts()
    facts.nodes[NodeRef("Achievement", "a1")].attrs["level"] = [Ref("https://example.org/level/galactic")]
    report = validate_dataset(sample_dataset(facts))
    assert _results_about(report, iri("Achievement", "a1"), "sg:level")


def test_bad_school_code_is_a_violation() -> None:
    ds = sample_dataset()
    school = iri("School", SCHOOL_CODE)
    ds.add((school, SG.schoolCode, Literal("41230"), graph_iri(REPORT_KEY)))
    report = validate_dataset(ds)
    assert any("10 digits" in m for m in _results_about(report, school, "sg:schoolCode"))


def test_plain_graph_and_non_union_dataset_validate_like_the_union() -> None:
    ds = sample_dataset()
    plain = union_graph(ds)
    separate = Dataset(default_union=False)
    for quad in ds.quads((None, None, None, None)):
        separate.add(quad)
    for data in (plain, separate):
        assert validate_dataset(data).violations == 0
    firm = iri("Enterprise", "某某科技有限公司")
    plain.remove((firm, RDFS.label, None))
    assert _results_about(validate_dataset(plain), firm, "rdfs:label")


def _with(*nodes) -> ValidationReport:
    facts = sample_facts()
    for node in nodes:
        facts.node(node)
    return validate_dataset(sample_dataset(facts))


def test_a_participation_needs_its_participant_and_programme() -> None:
    from loaders.facts import Node
    from tests.shape_samples import evidence_for

    school = NodeRef("School", SCHOOL_CODE)
    programme = Node("Program", "industry-college", "产业学院", evidence=[evidence_for("产业学院")])
    whole = Node("Participation", "p-whole", "哈职参与产业学院", evidence=[evidence_for("共建产业学院")],
                 attrs={"participant": [school], "programme": [programme.ref], "count": [1]})
    broken = Node("Participation", "p-broken", "哈职参与", evidence=[evidence_for("共建产业学院")],
                  attrs={"programme": [programme.ref]})
    report = _with(programme, whole, broken)
    assert not _results_about(report, iri("Participation", "p-whole"))
    assert _results_about(report, iri("Participation", "p-broken"), "sg:participant")


def test_a_selection_s_tier_is_one_of_the_plan_s() -> None:
    from loaders.facts import Node
    from tests.shape_samples import evidence_for

    selection = Node("ShuanggaoSelection", "s1", "哈职入选双高", evidence=[evidence_for("哈尔滨职业技术学院")],
                     attrs={"selectedSchool": [NodeRef("School", SCHOOL_CODE)], "shuanggaoUnitType": ["高水平学校建设单位"],
                            "shuanggaoTier": ["D"]})
    assert _results_about(_with(selection), iri("ShuanggaoSelection", "s1"), "sg:shuanggaoTier")
