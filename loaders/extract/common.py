"""Helpers shared by the table and structured-fact recognisers (schools, majors, groups, …).

- :func:`school_ref` — the report's own school node.
- :func:`norm_evidence` — evidence for ``span.norm[i:j]`` mapped back to the decoded text.
- :func:`split_list` — split a printed enumeration ("A、B和C专业") into items.
- :func:`sentence_context` — the sentences of the document with the heading/paragraph they sit in.
- :func:`heading_chains` — each heading with its enclosing headings (innermost first).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from loaders.document.model import Document, Heading, Sentence, Span
from loaders.extract.base import each, evidence_at, evidence_of
from loaders.facts import Evidence, Node, NodeRef

T = TypeVar("T")
_ITEM = re.compile(r"[^、，,；;/／\n]+")
_LEADING = re.compile(r"[\s　“”\"（(：:]+")
_TRAILING = re.compile(r"(?:[\s　。.”\"）)]|(?:等|共)?\s*\d*\s*个?专业)+$")


def apply_each(items: Iterable[T], what: str, fn: Callable[[T], object]) -> None:
    """Run ``fn`` on every item; one that raises is logged and skipped (see :func:`base.each`)."""
    for _ in each(items, what, fn):
        pass


def school_ref(doc: Document) -> NodeRef:
    return NodeRef("School", doc.meta.school_code)


def norm_evidence(doc: Document, span: Span, i: int, j: int) -> Evidence:
    """Evidence for ``span.norm[i:j]`` (falls back to the whole span for an empty range)."""
    if j <= i or not span.norm_map:
        return evidence_of(doc, span)
    start, end = span.raw_span(i, j)
    return evidence_at(doc, start, end)


def new_node(kind: str, key: str, label: str, rule: str, evidence: Evidence | None) -> Node:
    node = Node(kind, key, label, rule=rule)
    if evidence is not None:
        node.evidence.append(evidence)
    return node


def split_list(text: str) -> list[tuple[str, int, int]]:
    """Items of a printed enumeration with their offsets in ``text``.

    "电气自动化技术、市场营销专业" → [("电气自动化技术", 0, 7), ("市场营销", 8, 12)]: splits on
    、，,；/ and line breaks (never on 与/及/和, which occur inside names such as 机械制造与自动化),
    trims quotes and a trailing 专业 / 等N个专业.
    """
    items = []
    for m in _ITEM.finditer(text):
        i, j = m.start(), m.end()
        lead = _LEADING.match(text, i, j)
        if lead:
            i = lead.end()
        tail = _TRAILING.search(text, i, j)
        if tail and tail.start() > i:
            j = tail.start()
        if j > i:
            items.append((text[i:j], i, j))
    return items


@dataclass(frozen=True, slots=True)
class InContext:
    sentence: Sentence
    heading: Heading | None


def sentences_in_context(doc: Document) -> Iterator[InContext]:
    for paragraph in doc.paragraphs:
        for sentence in paragraph.sentences:
            yield InContext(sentence, paragraph.heading)


def heading_titles(heading: Heading | None) -> str:
    """The heading and all enclosing heading titles, joined (for scope/level context)."""
    if heading is None:
        return ""
    return " ".join((*heading.path, heading.title or heading.norm))


def heading_chains(doc: Document) -> dict[int, tuple[Heading, ...]]:
    """For each heading (by start offset): itself, then its enclosing headings, innermost first."""
    chains: dict[int, tuple[Heading, ...]] = {}
    stack: list[Heading] = []
    for heading in doc.headings:
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        stack.append(heading)
        chains[heading.start] = tuple(reversed(stack))
    return chains
