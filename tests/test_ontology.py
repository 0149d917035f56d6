"""The ontology: parses; every contract and agreed extension term has labels, comment, alignment."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kg.namespaces import LEVEL, ORG, OWL, PROV, QB, RDF, RDFS, SCHEMA, SG, SKOS, VIVO
from kg.reference import LEVEL_SCHEME, ONTOLOGY_FILE

CONTRACT_CLASSES = {
    "Report": {PROV.Entity, SCHEMA.Report},
    "School": {SCHEMA.CollegeOrUniversity, ORG.FormalOrganization},
    "SecondaryCollege": {ORG.OrganizationalUnit},
    "ProfessionalGroup": set(),
    "Major": {SCHEMA.EducationalOccupationalProgram},
    "Certification": {SCHEMA.EducationalOccupationalCredential},
    "IndustryCollege": {ORG.OrganizationalCollaboration},
    "Enterprise": {SCHEMA.Corporation},
    "PartnerOrganization": {ORG.Organization},
    "Achievement": {VIVO.AwardReceipt},
    "Program": {SCHEMA.Project},
    "FundingRecord": {QB.Observation},
    "Metric": {QB.Observation},
    "Evidence": {PROV.Entity},
}
CONTRACT_PROPERTIES = ["offeredBy", "hasSecondaryCollege", "inSecondaryCollege", "hasGroup", "hasMember", "leadMajor", "catalogEntry", "accreditedUnder", "hasIndustryCollege", "partner", "achievedBy", "participatesIn", "level", "year", "count", "category", "schoolCode", "province", "city", "describes", "fileName", "sha256", "reportKind", "period", "inReport", "line", "startOffset", "endOffset", "quote"]
EXTENSION_TERMS = ["Partnership", "schoolCode", "province", "city", "sponsor", "shuanggaoUnitType", "shuanggaoTier", "fileName", "sha256", "reportKind", "period", "year", "datePrinted", "describes", "level", "category", "leadMajor", "hasMember", "offeredBy", "catalogEntry", "inSecondaryCollege", "accreditedUnder", "catalogMatch", "orgKind", "country", "partnerOf", "partnerOrg", "relationKind", "achievedBy", "count", "fundingScope", "fundingSource", "budgetTotal", "budget", "received", "spent", "executionRate", "unit", "metricName", "metricKey", "value", "scope", "extractedBy", "mergeRule"]
ALL_TERMS = sorted(set(CONTRACT_CLASSES) | set(CONTRACT_PROPERTIES) | set(EXTENSION_TERMS))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def _labels(graph: Graph, node: URIRef) -> dict[str, str]:
    return {lit.language: str(lit) for lit in graph.objects(node, RDFS.label) if isinstance(lit, Literal)}


def test_is_an_owl_ontology(ontology: Graph) -> None:
    assert (URIRef("https://w3id.org/sgkg/ontology"), RDF.type, OWL.Ontology) in ontology


@pytest.mark.parametrize("name", ALL_TERMS)
def test_term_is_declared_with_both_labels_and_a_comment(ontology: Graph, name: str) -> None:
    term = SG[name]
    kinds = set(ontology.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, f"sg:{name} not declared"
    labels = _labels(ontology, term)
    assert labels.get("zh") and labels.get("en"), f"sg:{name} labels: {labels}"
    assert ontology.value(term, RDFS.comment), f"sg:{name} has no rdfs:comment"


@pytest.mark.parametrize("name", sorted(set(CONTRACT_PROPERTIES) | set(EXTENSION_TERMS) - {"Partnership"}))
def test_property_has_domain_and_range(ontology: Graph, name: str) -> None:
    term = SG[name]
    if name in {"extractedBy", "mergeRule"}:  # apply to any extracted node
        assert ontology.value(term, RDFS.range) is not None
        return
    assert ontology.value(term, RDFS.domain) or ontology.value(term, SCHEMA.domainIncludes), f"sg:{name}: no domain"
    assert ontology.value(term, RDFS.range) or ontology.value(term, SCHEMA.rangeIncludes), f"sg:{name}: no range"


@pytest.mark.parametrize(("name", "parents"), sorted(CONTRACT_CLASSES.items()))
def test_class_is_aligned_as_the_contract_says(ontology: Graph, name: str, parents: set[URIRef]) -> None:
    assert parents <= set(ontology.objects(SG[name], RDFS.subClassOf))


def test_every_sg_term_in_the_file_is_documented(ontology: Graph) -> None:
    undocumented = [s for s in set(ontology.subjects()) if isinstance(s, URIRef) and s.startswith(str(SG))
                    and (set(_labels(ontology, s)) < {"zh", "en"} or not ontology.value(s, RDFS.comment))]
    assert undocumented == []


def test_level_scheme(ontology: Graph) -> None:
    assert (LEVEL_SCHEME, RDF.type, SKOS.ConceptScheme) in ontology
    expected = {"international": "国际级", "national": "国家级", "provincial": "省级", "municipal": "市级",
                "school": "校级"}
    for key, zh in expected.items():
        concept = LEVEL[key]
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert (concept, SKOS.inScheme, LEVEL_SCHEME) in ontology
        assert Literal(zh, lang="zh") in set(ontology.objects(concept, SKOS.prefLabel))
    assert Literal("自治区级", lang="zh") in set(ontology.objects(LEVEL.provincial, SKOS.altLabel))


def test_ends_with_the_block_other_engineers_append_to() -> None:
    text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    assert "# --- extension terms added by loaders" in text
    assert text.index("# --- extension terms added by loaders") > text.index("level:school a skos:Concept")


def test_docs_page_lists_every_class_and_level() -> None:
    from kg.commands.docs import render_ontology_html

    html = render_ontology_html()
    for name in CONTRACT_CLASSES:
        assert f'id="{name}"' in html
    assert 'id="offeredBy"' in html and "国家级" in html and "自治区级" in html


def _english(graph: Graph, node: URIRef) -> bool:
    return any(isinstance(lit, Literal) and lit.language == "en"
               for predicate in (RDFS.label, SKOS.prefLabel) for lit in graph.objects(node, predicate))


def test_every_class_property_and_concept_of_every_ontology_file_has_an_english_label() -> None:
    declared = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                RDF.Property, SKOS.Concept, SKOS.ConceptScheme)
    for path in sorted(ONTOLOGY_FILE.parent.glob("*.ttl")):
        graph = Graph().parse(path, format="turtle")
        terms = {s for kind in declared for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)}
        assert terms, path
        assert sorted(t for t in terms if not _english(graph, t)) == [], f"{path.name}: terms without an @en label"


def test_every_sg_term_the_corpus_graph_uses_is_declared_with_both_labels(ontology: Graph, corpus_trig) -> None:
    """A class or property the loaders write but the ontology lacks would have no label in the docs or the UI."""
    from kg.store import open_store

    used = open_store("oxigraph", corpus_trig).query(
        "SELECT DISTINCT ?term WHERE { { ?s ?term ?o } UNION { ?s a ?term } "
        f"FILTER(STRSTARTS(STR(?term), \"{SG}\")) }}", max_rows=10_000)
    terms = {URIRef(row[0].value) for row in used.rows}
    assert len(terms) > 60
    assert sorted(t for t in terms if not {"zh", "en"} <= set(_labels(ontology, t))) == []
