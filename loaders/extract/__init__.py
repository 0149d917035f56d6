"""Recognisers: one module per kind of fact, all run over one :class:`Document`.

A recogniser is a function ``(doc, facts) -> None`` that adds nodes and links (each with
evidence) to ``facts``. Register it with :func:`recogniser`; the module must be imported in
:data:`RECOGNISER_MODULES` order below (schools first: others attach to the school node).
A new kind of fact = a new module here + one line in that list.

A recogniser that raises is logged and skipped; the others still run (see :func:`extract_facts`).
Recognisers that loop over sentences or rows should use :func:`loaders.extract.base.each`
so that one bad sentence is logged and skipped rather than losing the whole recogniser.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from loaders.document.model import Document
from loaders.extract.base import extraction_mode
from loaders.facts import Facts

log = logging.getLogger(__name__)

Recogniser = Callable[[Document, Facts], None]
RECOGNISERS: list[tuple[str, Recogniser]] = []

# Import order = run order.
RECOGNISER_MODULES: list[str] = [
    "loaders.extract.report",
    "loaders.extract.schools",
    "loaders.extract.majors",
    "loaders.extract.colleges",
    "loaders.extract.groups",
    "loaders.extract.certifications",
    "loaders.extract.funding",
    "loaders.extract.metrics",
    "loaders.extract.observations",  # after metrics: keeps every figure the keyed metrics did not name
    "loaders.extract.funding_figures",  # after funding: every other amount of money, table or prose
    "loaders.extract.partners",
    "loaders.extract.industry_colleges",
    "loaders.extract.organisations",  # after partners and industry colleges: every other organisation named
    # achievements and programmes last: their holders are the groups/majors found before them
    "loaders.extract.achievements",
    "loaders.extract.recognitions",  # after achievements: every other clause that states a recognition
    "loaders.extract.programmes",
    "loaders.extract.initiatives",  # after programmes: named alliances, platforms and pilots of any name
]


def recogniser(name: str) -> Callable[[Recogniser], Recogniser]:
    """Register a recogniser under ``name`` (used in logs and in ``sg:extractedBy``)."""

    def register(fn: Recogniser) -> Recogniser:
        if all(existing != name for existing, _ in RECOGNISERS):
            RECOGNISERS.append((name, fn))
        return fn

    return register


def _load_recognisers() -> None:
    for module in RECOGNISER_MODULES:
        importlib.import_module(module)


def extract_facts(doc: Document, *, strict: bool = False) -> Facts:
    """Run every registered recogniser over ``doc`` and return the facts it states.

    ``strict`` (tests): a recogniser's exception propagates. Otherwise it is logged and the others
    still run; every failure (a whole recogniser, or one sentence or row of it) is counted in
    :attr:`Facts.failures`, which the build summary reports.
    """
    _load_recognisers()
    facts = Facts(doc.key)
    with extraction_mode(strict=strict) as failures:
        for name, fn in RECOGNISERS:
            try:
                fn(doc, facts)
            except Exception:  # a broken recogniser must not lose the others' facts
                if strict:
                    raise
                log.exception("recogniser %s failed on %s", name, doc.file_name)
                failures.append(f"recogniser {name}")
    facts.failures = list(failures)
    return facts
