"""Small shared helpers for recognisers: evidence from spans, fault-tolerant iteration."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from loaders.document.model import Document, Span
from loaders.facts import Evidence

log = logging.getLogger(__name__)
T = TypeVar("T")


def evidence_at(doc: Document, start: int, end: int) -> Evidence:
    """Evidence for ``doc.text[start:end]``."""
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"evidence span [{start}, {end}) outside {doc.file_name} ({len(doc.text)} chars)")
    return Evidence(doc.key, start, end, doc.line_of(start), doc.text[start:end])


def evidence_of(doc: Document, span: Span) -> Evidence:
    """Evidence for a whole span (sentence, cell, heading…)."""
    return evidence_at(doc, span.start, span.end)


def each(items: Iterable[T], what: str, fn: Callable[[T], None]) -> Iterator[T]:
    """Apply ``fn`` to every item; an item that raises is logged with ``what`` and skipped."""
    for item in items:
        try:
            fn(item)
        except Exception:
            shown = getattr(item, "raw", repr(item))[:80]
            log.warning("skipped %s %r", what, shown, exc_info=True)
            continue
        yield item
