"""Recognisers: one module per kind of fact, all run over one :class:`Document`.

A recogniser is a function ``(doc, facts) -> None`` that adds nodes and links (each with
evidence) to ``facts``. Register it with :func:`recogniser`, naming the recognisers whose facts
it reads (``after=("groups",)``: it looks up the groups they found); the run order is derived
from those declarations (:func:`run_order`), never from import order. A new kind of fact = a new
module here, its name in :data:`RECOGNISER_MODULES`, and its ``after``.

Layers: mentions and shared mechanisms live beside the recognisers (``numbers``, ``orgnames``,
``gazetteer``, ``lexicon``, ``tables``, ``scope`` — which school or group a span is about);
typed recognisers read what they know (``groups``, ``funding``, ``metrics`` …); the generic
layers keep the rest (``observations``: every figure; ``recognitions``: every recognition;
``funding_figures``: every amount of money; ``organisations``: every related organisation;
``initiatives``: every named alliance, platform or pilot; ``overseas``: every clause of work abroad).

A recogniser that raises is logged and skipped; the others still run (see :func:`extract_facts`).
Recognisers that loop over sentences or rows should use :func:`loaders.extract.base.each`
so that one bad sentence is logged and skipped rather than losing the whole recogniser.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from loaders.document.model import Document
from loaders.extract.base import extraction_mode
from loaders.facts import Facts

log = logging.getLogger(__name__)

Recogniser = Callable[[Document, Facts], None]


@dataclass(frozen=True, slots=True)
class Registered:
    name: str
    fn: Recogniser
    after: tuple[str, ...]


REGISTERED: dict[str, Registered] = {}
RECOGNISERS: list[tuple[str, Recogniser]] = []  # in run order, filled by _load_recognisers()

# The modules holding recognisers (import order does not matter: see ``after``).
RECOGNISER_MODULES: list[str] = [
    "loaders.extract.report",
    "loaders.extract.schools",
    "loaders.extract.majors",
    "loaders.extract.colleges",
    "loaders.extract.groups",
    "loaders.extract.certifications",
    "loaders.extract.funding",
    "loaders.extract.metrics",
    "loaders.extract.counted_honours",
    "loaders.extract.observations",
    "loaders.extract.funding_figures",
    "loaders.extract.partners",
    "loaders.extract.industry_colleges",
    "loaders.extract.organisations",
    "loaders.extract.achievements",
    "loaders.extract.recognitions",
    "loaders.extract.programmes",
    "loaders.extract.initiatives",
    "loaders.extract.overseas",
    "loaders.extract.participations",
    "loaders.extract.accreditations",
    "loaders.extract.programme_partners",
    "loaders.extract.teams",
    "loaders.extract.people",
    "loaders.extract.school_facts",
    "loaders.extract.figure_roles",
]


def recogniser(name: str, *, after: tuple[str, ...] = ()) -> Callable[[Recogniser], Recogniser]:
    """Register a recogniser under ``name`` (used in logs and in ``sg:extractedBy``), to run after
    the recognisers named in ``after``."""

    def register(fn: Recogniser) -> Recogniser:
        REGISTERED.setdefault(name, Registered(name, fn, after))
        return fn

    return register


def run_order(registered: dict[str, Registered]) -> list[Registered]:
    """The recognisers, each after those it names (ties broken by name, so the order is stable).

    Raises ``ValueError`` naming an unknown dependency or a cycle."""
    for item in registered.values():
        missing = [d for d in item.after if d not in registered]
        if missing:
            raise ValueError(f"recogniser {item.name!r} runs after unknown recogniser(s) {missing}")
    done: list[Registered] = []
    placed: set[str] = set()
    while len(done) < len(registered):
        ready = sorted(n for n, r in registered.items() if n not in placed and set(r.after) <= placed)
        if not ready:
            stuck = sorted(set(registered) - placed)
            raise ValueError(f"recognisers {stuck} depend on each other in a cycle")
        done.append(registered[ready[0]])
        placed.add(ready[0])
    return done


def _load_recognisers() -> None:
    for module in RECOGNISER_MODULES:
        importlib.import_module(module)
    if not RECOGNISERS:
        RECOGNISERS[:] = [(r.name, r.fn) for r in run_order(REGISTERED)]


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
