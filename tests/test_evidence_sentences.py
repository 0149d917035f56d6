"""Evidence shows the sentence (issue 13, item 6): each sg:Evidence keeps the exact mention span and the
sentence it sits in, both with offsets, both checked by ``sgkg validate`` (SHACL + the file check)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from kg.ids import graph_iri
from kg.namespaces import SG, XSD
from kg.quotes import check_quotes
from kg.sentences import SentenceIndex
from kg.validate import validate_dataset
from tests.shape_samples import FILE_NAME, REPORT_KEY, TEXT, sample_dataset

TWO_SENTENCES = "第一句讲学校。第二句讲专业群，还有企业。\n表格 | 303 | 12\n"


def test_a_mention_sits_in_the_sentence_around_it() -> None:
    index = SentenceIndex.from_spans(TWO_SENTENCES, [(0, 7), (7, 20)])
    start = TWO_SENTENCES.index("专业群")
    assert index.sentence(start, start + 3) == (7, 20)


def test_a_mention_across_two_sentences_sits_in_both() -> None:
    index = SentenceIndex.from_spans(TWO_SENTENCES, [(0, 7), (7, 20)])
    assert index.sentence(3, 10) == (0, 20)


def test_a_mention_outside_prose_sits_in_its_line() -> None:
    index = SentenceIndex.from_spans(TWO_SENTENCES, [(0, 7), (7, 20)])
    start = TWO_SENTENCES.index("303")
    begin, end = index.sentence(start, start + 3)
    assert TWO_SENTENCES[begin:end] == "表格 | 303 | 12"


def test_every_sample_evidence_has_a_sentence_holding_its_quote() -> None:
    ds = sample_dataset()
    graph = graph_iri(REPORT_KEY)
    quotes = list(ds.quads((None, SG.quote, None, graph)))
    assert quotes
    for evidence, _, quote, _ in quotes:
        sentence = ds.value(evidence, SG.sentence)
        begin, end = int(ds.value(evidence, SG.sentenceStart)), int(ds.value(evidence, SG.sentenceEnd))
        assert str(sentence) == TEXT[begin:end] and str(quote) in str(sentence)


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    (tmp_path / FILE_NAME).write_text(TEXT, encoding="utf-8")
    return tmp_path


def _first_evidence(ds):
    return next(s for s, _, _, _ in ds.quads((None, SG.sentence, None, graph_iri(REPORT_KEY))))


def test_validate_sees_an_edited_sentence(reports: Path) -> None:
    ds = sample_dataset()
    assert check_quotes(ds, reports) == []
    evidence, graph = _first_evidence(ds), graph_iri(REPORT_KEY)
    ds.remove((evidence, SG.sentence, None, graph))
    ds.add((evidence, SG.sentence, Literal("不是原文"), graph))
    [mismatch] = check_quotes(ds, reports)
    assert mismatch.evidence == str(evidence) and mismatch.reason == "sentence differs from the file text at its offsets"


def test_validate_sees_a_sentence_that_does_not_hold_the_quote(reports: Path) -> None:
    ds = sample_dataset()
    evidence, graph = _first_evidence(ds), graph_iri(REPORT_KEY)
    end = int(ds.value(evidence, SG.endOffset))
    ds.remove((evidence, SG.sentenceEnd, None, graph))
    ds.add((evidence, SG.sentenceEnd, Literal(end - 1, datatype=XSD.integer), graph))
    reasons = {m.reason for m in check_quotes(ds, reports)}
    assert "sentence: its offsets do not hold the quote's" in reasons


def test_shapes_reject_evidence_without_its_sentence() -> None:
    ds = sample_dataset()
    evidence, graph = _first_evidence(ds), graph_iri(REPORT_KEY)
    ds.remove((evidence, SG.sentence, None, graph))
    report = validate_dataset(ds)
    assert report.violations == 1
    assert "sg:sentence" in report.text()
