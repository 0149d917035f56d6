"""Small shared helpers for recognisers: evidence from spans, fault-tolerant iteration."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from loaders.document.model import Document, Span
from loaders.facts import Evidence

log = logging.getLogger(__name__)
T = TypeVar("T")

# Strict mode (tests): a recogniser's exception propagates. Otherwise it is logged, counted in the
# current extraction's failure list (see :func:`collect_failures`) and the item is skipped.
_STRICT: ContextVar[bool] = ContextVar("sgkg_strict_extraction", default=False)
_FAILURES: ContextVar[list[str] | None] = ContextVar("sgkg_extraction_failures", default=None)


@contextmanager
def extraction_mode(*, strict: bool) -> Iterator[list[str]]:
    """Run extraction strictly (exceptions raise) or leniently; yields the list of failures recorded."""
    failures: list[str] = []
    strict_token, failures_token = _STRICT.set(strict), _FAILURES.set(failures)
    try:
        yield failures
    finally:
        _STRICT.reset(strict_token)
        _FAILURES.reset(failures_token)


def is_strict() -> bool:
    return _STRICT.get()


def record_failure(what: str) -> None:
    """Count a failure of the running extraction (logged by the caller)."""
    failures = _FAILURES.get()
    if failures is not None:
        failures.append(what)


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
            if is_strict():
                raise
            shown = getattr(item, "raw", repr(item))[:80]
            log.warning("skipped %s %r", what, shown, exc_info=True)
            record_failure(f"{what}: {shown}")
            continue
        yield item
