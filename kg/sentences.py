"""The sentence each piece of evidence sits in (issue 13, item 6).

An ``sg:Evidence`` node keeps the exact mention span (``sg:startOffset``/``sg:endOffset``/``sg:quote``) and,
beside it, the sentence that holds the span: ``sg:sentenceStart``/``sg:sentenceEnd`` and ``sg:sentence``,
the substring of the decoded file at those offsets. The sentence is the prose sentence of the document
structure (ended by 。！？；) — or the heading, table caption or table row (first cell to last) — that contains
the span's first character, extended to the end of the one that contains its last; a span outside all of them
sits in its line(s).
``kg.quotes.check_quotes`` checks both against the file.

The sentence triples are added in one pass over a report's quads (:func:`sentence_quads`), so evidence
written by any producer (recognisers' facts, the audit's findings) gets them the same way.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node as Term

from kg.ids import iri
from kg.namespaces import SG, XSD
from loaders.document.model import Document

Quad = tuple[Term, Term, Term, URIRef]
# the terms compared with every quad, made once (an attribute of a Namespace builds a new URIRef each time)
_IN_REPORT, _START, _END = SG.inReport, SG.startOffset, SG.endOffset
_SENTENCE, _SENTENCE_START, _SENTENCE_END, _INTEGER = SG.sentence, SG.sentenceStart, SG.sentenceEnd, XSD.integer


@dataclass(frozen=True, slots=True)
class SentenceIndex:
    """The prose sentences of one decoded text, sorted by start, to find the one around an offset."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, doc: Document) -> SentenceIndex:
        """The prose sentences, headings, table captions and table rows (first cell to last) of ``doc``."""
        rows = [(row.cells[0].start, row.cells[-1].end) for table in doc.tables for row in table.rows if row.cells]
        spans = [(s.start, s.end) for s in (*doc.sentences, *doc.headings, *doc.tables)]
        return cls.from_spans(doc.text, [*spans, *rows])

    @classmethod
    def from_spans(cls, text: str, spans: Iterable[tuple[int, int]]) -> SentenceIndex:
        ordered = sorted((start, end) for start, end in spans if end > start)
        return cls(text, tuple(s for s, _ in ordered), tuple(e for _, e in ordered))

    def _around(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset``, else its line (without the line break)."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.ends[i]:
            return self.starts[i], self.ends[i]
        begin = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return begin, len(self.text) if end < 0 else end

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """Offsets of the sentence(s) holding the span [start, end): always start' <= start < end <= end'."""
        first, last = self._around(start), self._around(max(start, end - 1))
        return min(first[0], start), max(last[1], end)


@dataclass(slots=True)
class _Span:
    report: Term | None = None
    start: int | None = None
    end: int | None = None


def _spans(quads: Iterable[Quad]) -> dict[tuple[Term, URIRef], _Span]:
    """Evidence node and graph -> its report and offsets, for every evidence the quads state."""
    found: dict[tuple[Term, URIRef], _Span] = {}
    for s, p, o, g in quads:
        if p == _IN_REPORT:
            found.setdefault((s, g), _Span()).report = o
        elif p == _START:
            found.setdefault((s, g), _Span()).start = int(o)
        elif p == _END:
            found.setdefault((s, g), _Span()).end = int(o)
    return found


def sentence_quads(indexes: Mapping[Term, SentenceIndex], quads: Iterable[Quad]) -> Iterator[Quad]:
    """The sentence triples of every evidence node in ``quads`` whose report (its IRI) has an index."""
    for (node, graph), span in sorted(_spans(quads).items()):
        index = indexes.get(span.report) if span.report is not None else None
        if index is None or span.start is None or span.end is None:
            continue
        begin, end = index.sentence(span.start, span.end)
        yield node, _SENTENCE_START, Literal(str(begin), datatype=_INTEGER), graph
        yield node, _SENTENCE_END, Literal(str(end), datatype=_INTEGER), graph
        yield node, _SENTENCE, Literal(index.text[begin:end]), graph


def with_sentences(docs: Iterable[Document], quads: Iterable[Quad]) -> list[Quad]:
    """``quads`` and the sentence triples of their evidence, read from ``docs`` (the reports they cite)."""
    indexes: dict[Term, SentenceIndex] = {iri("Report", doc.key): SentenceIndex.of(doc) for doc in docs}
    quads = list(quads)
    return [*quads, *sentence_quads(indexes, quads)]


__all__ = ["SentenceIndex", "sentence_quads", "with_sentences"]
