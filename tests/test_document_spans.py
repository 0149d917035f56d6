"""Every span's offsets reproduce its text; normalisation maps back to the decoded text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.document import Document, Span
from loaders.document.normalise import fold, normalise
from tests.document_corpus import ALL, corpus_document


def all_spans(doc: Document) -> Iterator[Span]:
    yield from doc.headings
    for paragraph in doc.paragraphs:
        yield paragraph
        yield from paragraph.sentences
    for table in doc.tables:
        yield table
        for row in table.rows:
            yield from row.cells
    if doc.toc:
        yield doc.toc
    if doc.meta.school_evidence:
        yield doc.meta.school_evidence


@pytest.mark.parametrize("name", ALL)
def test_every_span_reproduces_its_text(name: str) -> None:
    doc = corpus_document(name)
    spans = list(all_spans(doc))
    assert len(spans) > 100
    for span in spans:
        assert doc.text[span.start:span.end] == span.raw
        assert span.line == doc.text.count("\n", 0, span.start) + 1
        assert len(span.norm_map) == len(span.norm)
        for i, char in enumerate(span.norm):
            at = span.norm_map[i]
            assert span.start <= at < span.end
            assert char == fold(doc.text[at]) or doc.text[at] in "$\\\n \u3000" or not char.strip()


@pytest.mark.parametrize("name", ALL)
def test_norm_map_is_monotonic(name: str) -> None:
    for paragraph in corpus_document(name).paragraphs:
        offsets = list(paragraph.norm_map)
        assert offsets == sorted(offsets)


PIECES = st.sampled_from(["学", "院", "，", "。", "1", "２", "A", "ｂ", " ", "\u3000", "\n", "\n\n", "**", "<b>",
                          "</b>", "$\\geq$", "# ", "\t", "x y"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40), st.text(alphabet="ab学", max_size=3))
def test_normalise_maps_every_character_back(pieces: list[str], prefix: str) -> None:
    text = prefix + "".join(pieces)
    start = len(prefix)
    norm, offsets = normalise(text, start, len(text))
    assert len(offsets) == len(norm)
    assert list(offsets) == sorted(offsets)
    for i, char in enumerate(norm):
        at = offsets[i]
        assert start <= at < len(text)
        copied = fold(text[at]) == char
        assert copied or text[at] in "$\n \u3000\t" or char == " "
    assert "\n" not in norm and "**" not in norm and "<b>" not in norm


def test_a_number_the_conversion_split_with_a_space_is_one_number() -> None:
    from loaders.document.normalise import normalise

    for printed, read in [("技术服务到款额1 146.8万元", "技术服务到款额1146.8万元"), ("在校生1 5962人", "在校生15962人"),
                          ("2019 2020 2021年", "2019 2020 2021年"), ("序号 1 2 3", "序号1 2 3"), ("ISO 9001 2015", "ISO 9001 2015")]:
        assert normalise(printed, 0, len(printed))[0] == read
