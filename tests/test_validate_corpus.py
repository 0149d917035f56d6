"""The real corpus graph: 0 SHACL violations and every quote equal to its report text at its offsets."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from kg.ids import iri
from kg.namespaces import PROV, RDF, SG
from kg.pipeline import build_dataset, report_files
from kg.quotes import check_quotes
from kg.reference import ONTOLOGY_FILE
from kg.validate import ValidationReport, validate_dataset
from tests.conftest import REPORTS


@pytest.fixture(scope="module")
def corpus():
    result = build_dataset(report_files(REPORTS))
    assert not result.bad_files
    return result.dataset


@pytest.fixture(scope="module")
def corpus_report(corpus) -> ValidationReport:
    return validate_dataset(corpus)


def test_corpus_graph_has_no_violations(corpus_report: ValidationReport) -> None:
    assert corpus_report.violations == 0, corpus_report.text(limit=30)
    assert corpus_report.conforms


def test_every_quote_matches_its_offsets(corpus) -> None:
    mismatches = check_quotes(corpus, REPORTS)
    assert mismatches == [], "\n".join(m.text() for m in mismatches[:10])


def test_corpus_has_evidence_to_check(corpus) -> None:
    quotes = {o for _, _, o, _ in corpus.quads((None, SG.quote, None, None))}
    assert len(quotes) > 100
    extracted = {s for s, _, _, _ in corpus.quads((None, PROV.wasDerivedFrom, None, None))}
    assert len(extracted) > 50


@pytest.mark.parametrize("code", ["4123012911", "4114012888", "4145012104"])
def test_corpus_schools_carry_their_moe_codes(corpus, code: str) -> None:
    school = iri("School", code)
    assert (school, RDF.type, SG.School) in corpus
    assert (school, SG.schoolCode, Literal(code)) in corpus
    assert any(True for _ in corpus.quads((None, SG.describes, school, None)))


def test_every_sg_term_the_graph_uses_is_declared_in_the_ontology(corpus) -> None:
    declared = set(Graph().parse(ONTOLOGY_FILE, format="turtle").subjects())
    used = {p for _, p, _, _ in corpus.quads((None, None, None, None)) if p.startswith(str(SG))}
    used |= {o for _, _, o, _ in corpus.quads((None, RDF.type, None, None)) if o.startswith(str(SG))}
    assert sorted(used - declared) == []


def test_every_evidence_keeps_the_sentence_it_sits_in(corpus) -> None:
    quotes = {s for s, _, _, _ in corpus.quads((None, SG.quote, None, None))}
    sentences = {s for s, _, _, _ in corpus.quads((None, SG.sentence, None, None))}
    assert quotes and quotes == sentences
