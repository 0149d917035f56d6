"""A small well-formed graph for the shape, validation and CLI tests: one report about one school
with a major, an enterprise partner, a partnership, a funding row and an achievement."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Dataset, Literal

from kg.build import add_quads, new_dataset, report_quads
from kg.ids import iri
from kg.namespaces import LEVEL, RDF, RDFS, SG, XSD
from kg.reference import reference_quads
from kg.sentences import SentenceIndex, sentence_quads
from loaders.facts import Evidence, Facts, GYear, Node, NodeRef, Ref

SCHOOL_CODE = "4123012911"
REPORT_KEY = f"{SCHOOL_CODE}-midterm-self-evaluation-2022"
FILE_NAME = "000_sample.txt"
TEXT = "哈尔滨职业技术学院开设机电一体化技术专业，与某某科技有限公司共建产业学院，到位资金100.5万元。"


def evidence_for(fragment: str) -> Evidence:
    start = TEXT.index(fragment)
    return Evidence(REPORT_KEY, start, start + len(fragment), 1, fragment)


def report_triples() -> list[tuple]:
    report = iri("Report", REPORT_KEY)
    return [
        (report, RDF.type, SG.Report),
        (report, RDFS.label, Literal("哈尔滨职业技术学院中期自评报告", lang="zh")),
        (report, SG.fileName, Literal(FILE_NAME)),
        (report, SG.sha256, Literal("0" * 64)),
        (report, SG.reportKind, Literal("midterm-self-evaluation")),
        (report, SG.year, Literal("2022", datatype=XSD.gYear)),
        (report, SG.describes, iri("School", SCHOOL_CODE)),
    ]


def sample_facts() -> Facts:
    facts = Facts(REPORT_KEY)
    school = Node("School", SCHOOL_CODE, "哈尔滨职业技术学院", evidence=[evidence_for("哈尔滨职业技术学院")], rule="school")
    school.add("schoolCode", SCHOOL_CODE)
    school_ref = facts.node(school)
    major = Node("Major", f"{SCHOOL_CODE}-460301", "机电一体化技术", evidence=[evidence_for("机电一体化技术")])
    major.add("offeredBy", school_ref)
    major.add("catalogEntry", NodeRef("CatalogMajor", "460301"))
    major.add("catalogMatch", "exact")
    facts.node(major)
    firm = Node("Enterprise", "某某科技有限公司", "某某科技有限公司", evidence=[evidence_for("某某科技有限公司")])
    firm.add("orgKind", "enterprise")
    firm_ref = facts.node(firm)
    facts.link(school_ref, "partner", firm_ref, [evidence_for("与某某科技有限公司共建产业学院")])
    partnership = Node("Partnership", "p1", "哈尔滨职业技术学院—某某科技有限公司", evidence=[evidence_for("共建产业学院")])
    partnership.add("partnerOf", school_ref)
    partnership.add("partnerOrg", firm_ref)
    partnership.add("relationKind", "共建")
    facts.node(partnership)
    funding = Node("FundingRecord", "f1", "到位资金", evidence=[evidence_for("到位资金100.5万元")])
    funding.add("fundingScope", school_ref)
    funding.add("received", Decimal("100.5"))
    funding.add("unit", "万元")
    funding.add("period", "2019-2021")
    facts.node(funding)
    award = Node("Achievement", "a1", "产业学院", evidence=[evidence_for("产业学院")])
    award.add("achievedBy", school_ref)
    award.add("level", Ref(str(LEVEL.national)))
    award.add("year", GYear(2021))
    award.add("count", 1)
    facts.node(award)
    return facts


def sample_dataset(facts: Facts | None = None) -> Dataset:
    ds = new_dataset()
    index = {iri("Report", REPORT_KEY): SentenceIndex.from_spans(TEXT, ())}
    quads = list(report_quads(facts or sample_facts(), report_triples()))
    add_quads(ds, [*quads, *sentence_quads(index, quads)])
    add_quads(ds, reference_quads([SCHOOL_CODE]))
    return ds
