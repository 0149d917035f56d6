"""Codes are concepts, text is tagged (issue 13, items 3 and 4): the concept schemes, the literal policy of
the mapping, and the shapes generated from the ontology that reject a property outside its domain, an
untagged human-text literal and a coded value outside its scheme."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.build import attribute_term
from kg.ids import graph_iri, iri
from kg.namespaces import ID, RDF, RDFS, SG, SKOS, XSD
from kg.reference import reference_quads
from kg.shapegen import OUT, allowed, domains, properties, shapes_text
from kg.validate import shapes_graph, validate_dataset
from kg.vocab import ONTOLOGY_FILE, coded_value, human_text_properties, prize_grade, schemes
from tests.conftest import ROOT
from tests.shape_samples import REPORT_KEY, SCHOOL_CODE, sample_dataset

LEXICON = ROOT / "data" / "lexicon"
ONTOLOGY = Graph().parse(ONTOLOGY_FILE, format="turtle")
GRAPH = graph_iri(REPORT_KEY)
SCHOOL = iri("School", SCHOOL_CODE)
AWARD = iri("Achievement", "a1")


def _lexicon(name: str, column: str) -> set[str]:
    with (LEXICON / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle) if row[column]}


def _scheme(key: str):
    return next(s for s in schemes() if s.key == key)


def _violations_with(*triples: tuple) -> list[str]:
    ds = sample_dataset()
    for s, p, o in triples:
        ds.add((s, p, o, GRAPH))
    report = validate_dataset(ds)
    return [f"{r.path} {r.message}" for r in report.results if r.severity == "Violation"]


# --- the ontology declares what the shapes check -------------------------------------------------

def test_the_generated_shapes_are_up_to_date() -> None:
    assert OUT.read_text(encoding="utf-8") == shapes_text(), "run: python -m kg.shapegen"


@pytest.mark.parametrize("prop", properties(ONTOLOGY), ids=lambda p: p.removeprefix(str(SG)))
def test_every_property_declares_its_domain_and_range(prop: URIRef) -> None:
    assert domains(ONTOLOGY, prop), f"{prop} has no rdfs:domain / schema:domainIncludes: no node may carry it"
    assert set(ONTOLOGY.objects(prop, RDFS.range)) | set(ONTOLOGY.objects(prop, URIRef("https://schema.org/rangeIncludes")))


def test_a_new_property_without_a_domain_is_refused_on_every_node(tmp_path: Path) -> None:
    ontology = tmp_path / "sgkg.ttl"
    ontology.write_text(ONTOLOGY_FILE.read_text(encoding="utf-8") + """
sg:newThing a owl:DatatypeProperty ;
    rdfs:label "新属性"@zh , "new thing"@en ;
    rdfs:comment "A property someone added without a domain."@en ;
    rdfs:range xsd:string .
""", encoding="utf-8")
    graph = Graph().parse(ontology, format="turtle")
    assert all(SG.newThing not in allowed(graph, cls) for cls in graph.subjects(RDF.type, URIRef(
        "http://www.w3.org/2002/07/owl#Class")))
    shapes = shapes_graph()
    generated = Graph().parse(data=shapes_text(ontology), format="turtle")
    shapes = shapes - Graph().parse(OUT, format="turtle") + generated
    ds = sample_dataset()
    ds.add((SCHOOL, SG.newThing, Literal("x"), GRAPH))
    report = validate_dataset(ds, shapes)
    assert report.violations == 1 and "outside its domain" in report.text()


# --- the three refusals of the first done-when line ----------------------------------------

def test_the_sample_conforms() -> None:
    assert _violations_with() == []


def test_a_property_outside_its_domain_is_a_violation() -> None:
    found = _violations_with((SCHOOL, SG.metricName, Literal("在校生", lang="zh")))
    assert any("outside its domain" in v for v in found), found


def test_an_untagged_human_text_literal_is_a_violation() -> None:
    record = iri("FundingRecord", "f1")
    found = _violations_with((record, SG.fundingSource, Literal("中央财政")))
    assert any("human text" in v and "fundingSource" in v for v in found), found


def test_an_untagged_label_is_a_violation() -> None:
    found = _violations_with((SCHOOL, RDFS.label, Literal("哈职")))
    assert any("without its language tag" in v for v in found), found


def test_a_tagged_human_text_literal_conforms() -> None:
    assert _violations_with((iri("FundingRecord", "f1"), SG.fundingSource, Literal("中央财政", lang="zh"))) == []


@pytest.mark.parametrize("value", [
    Literal("title"),  # the code as a string: no concept
    ID["programme-kind/platform"],  # a concept of another scheme
    ID["achievement-category/no-such-category"],  # no concept of the scheme
], ids=["string", "other-scheme", "unknown"])
def test_a_coded_value_outside_its_scheme_is_a_violation(value: URIRef | Literal) -> None:
    found = _violations_with((AWARD, SG.category, value))
    assert any("achievement-category scheme" in v for v in found), found


def test_a_code_of_its_scheme_conforms() -> None:
    assert _violations_with((AWARD, SG.category, ID["achievement-category/title"])) == []


# --- the schemes ---------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", schemes(), ids=lambda s: s.key)
def test_every_concept_has_zh_and_en_labels_and_a_unique_code(scheme) -> None:
    assert scheme.concepts and scheme.label_zh and scheme.label_en
    for concept in scheme.concepts:
        assert concept.zh and concept.en and concept.notation, concept
    assert len({c.notation for c in scheme.concepts}) == len(scheme.concepts)
    assert len({c.key for c in scheme.concepts}) == len(scheme.concepts)


def test_countries_carry_their_iso_code_as_notation() -> None:
    thailand = next(c for c in _scheme("country").concepts if c.zh == "泰国")
    assert thailand.notation == "TH" and _scheme("country").concept_iri(thailand) == ID["country/TH"]


def test_the_schemes_are_in_the_reference_graph_as_skos() -> None:
    reference = Graph()
    for s, p, o, _ in reference_quads([]):
        reference.add((s, p, o))
    for scheme in schemes():
        assert (scheme.iri, RDF.type, SKOS.ConceptScheme) in reference
        for member in scheme.members():
            assert (member, SKOS.inScheme, scheme.iri) in reference
            assert {lit.language for lit in reference.objects(member, SKOS.prefLabel)} == {"zh", "en"}


# every code the extraction's general-knowledge lists can emit has its concept (not only the fallback "other")
_EMITTED = {
    ("Achievement", "category"): _lexicon("achievement_types", "category") | {"recognition", "ranking", "other"},
    ("Program", "category"): _lexicon("programme_schemes", "category") | _lexicon("initiative_suffixes", "category"),
    ("Certification", "category"): _lexicon("accreditation_schemes", "category") | {"1+X certificate"},
    ("Partnership", "relationKind"): _lexicon("relation_triggers", "relation_kind") - {"-", "none"}
    | {"recognition", "membership", "service", "exchange", "sponsor", "authority", "other"},
    ("PartnerOrganization", "orgKind"): _lexicon("org_suffixes", "org_kind") | _lexicon("authorities", "org_kind"),
    ("Metric", "metricKey"): {k for k in _lexicon("metric_triggers", "key") | _lexicon("metric_topics", "key")
                              if not k.startswith("@")}
    | {f"{k}-majors" for k in _lexicon("accreditation_schemes", "key")} | {"internationally-accredited-majors"},
    ("Program", "country"): _lexicon("countries", "name_zh"),
}


@pytest.mark.parametrize("kind_prop", sorted(_EMITTED), ids=lambda kp: f"{kp[0]}.{kp[1]}")
def test_every_code_the_lexicons_emit_is_a_concept_of_its_scheme(kind_prop: tuple[str, str]) -> None:
    kind, prop = kind_prop
    fallback = coded_value(kind, prop, "\u0000no such code")  # the scheme's "other", or None
    missing = sorted(code for code in _EMITTED[kind_prop]
                     if coded_value(kind, prop, code) in (None, fallback) and code != "other")
    assert missing == [], f"add these codes to the {prop} scheme of ontology/schemes: {missing}"


# --- the literal policy of the mapping -----------------------------------------------------------

def test_codes_are_mapped_to_concepts() -> None:
    assert attribute_term("Achievement", "category", "技能大赛") == ID["achievement-category/competition-award"]
    assert attribute_term("IndustryCollege", "category", "广西首批示范性产业学院") == ID["industry-college-kind/demonstration"]
    assert attribute_term("Achievement", "category", "专业建设") == ID["achievement-category/other"]
    assert attribute_term("Partnership", "relationKind", "共建") == ID["relation-kind/co-build"]
    assert attribute_term("Program", "country", "泰国") == ID["country/TH"]
    assert attribute_term("Certification", "country", "GB") == ID["country/GB"]
    assert attribute_term("Metric", "metricKey", "task-completion-rate") == ID["indicator/task-completion-rate"]


def test_a_key_of_no_known_indicator_is_left_out() -> None:
    assert attribute_term("Metric", "metricKey", "专利授权数量") is None


def test_human_text_is_tagged_and_numbers_typed() -> None:
    assert {"metricName", "fundingSource", "fundingItem", "sponsor", "province", "city"} <= human_text_properties()
    assert attribute_term("Metric", "metricName", "在校生") == Literal("在校生", lang="zh")
    assert attribute_term("Metric", "unit", "人") == Literal("人")
    assert attribute_term("Achievement", "count", 3) == Literal(3, datatype=XSD.integer)


def test_the_prize_grade_is_read_from_the_award_name() -> None:
    assert prize_grade("全国职业院校技能大赛一等奖") == ID["prize-grade/first"]
    assert prize_grade("金砖国家职业技能大赛金奖、二等奖") == ID["prize-grade/gold"]
    assert prize_grade("国家级教学名师") is None


def test_the_ontology_page_lists_every_scheme_with_its_members() -> None:
    from kg.commands.docs import render_ontology_html

    html = render_ontology_html()
    assert "Literal policy" in html
    for scheme in schemes():
        assert f'id="scheme-{scheme.key}"' in html
        assert all(str(member) in html for member in scheme.members())
