"""Which facts one sentence or clause states together — the shared mechanism of the recognisers that relate
facts other recognisers read (participations, accreditation statements, partners of programmes, teams, self-
evaluations).

Those recognisers do not read the text again for names: they take the nodes and links already in the facts and
ask where their evidence sits. :class:`Locator` finds the prose sentence holding an offset (by bisection over the
document's sentences); :meth:`Locator.clause` the clause (between ，；：。 marks, as the partner grammar cuts
them) holding a piece of evidence, so two facts are related only when one clause states both.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from loaders.document.model import Document, Sentence
from loaders.extract.lexicon import fold
from loaders.extract.partners import clause_bounds
from loaders.facts import Evidence, Facts, Link, Node, NodeRef

_COUNT_UNITS = {"项", "个", "种", "批", "类"}
_TOTAL_ROW = re.compile(r"合计|总计|小计|共计")


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of a sentence: its offsets in the decoded text (what makes two clauses one) and its sentence."""

    start: int
    end: int
    sentence: Sentence = field(compare=False, repr=False)

    @property
    def text(self) -> str:
        return self.sentence.raw[self.start - self.sentence.start:self.end - self.sentence.start]

    def holds(self, ev: Evidence) -> bool:
        return self.start <= ev.start and ev.end <= self.end

    def overlaps(self, ev: Evidence) -> bool:
        return ev.start < self.end and self.start < ev.end


class Locator:
    """The sentences of one document, to find the sentence and clause around a piece of evidence."""

    def __init__(self, doc: Document) -> None:
        self.sentences = sorted(doc.sentences, key=lambda s: s.start)
        self.starts = [s.start for s in self.sentences]

    def sentence(self, ev: Evidence) -> Sentence | None:
        """The prose sentence holding the whole of ``ev`` (None for a table cell or heading)."""
        i = bisect_right(self.starts, ev.start) - 1
        if i < 0:
            return None
        found = self.sentences[i]
        return found if ev.end <= found.end else None

    def clause(self, ev: Evidence) -> Clause | None:
        """The clause of its sentence that holds ``ev`` (None outside prose or across clauses)."""
        sentence = self.sentence(ev)
        if sentence is None:
            return None
        left, right = clause_bounds(sentence.raw, ev.start - sentence.start, ev.start - sentence.start)
        clause = Clause(sentence.start + left, sentence.start + right, sentence)
        return clause if clause.holds(ev) else None

    def clauses(self, evidence: Iterable[Evidence]) -> set[Clause]:
        """The clauses holding each piece of ``evidence`` that sits inside one."""
        return {clause for ev in evidence if (clause := self.clause(ev)) is not None}

    def clauses_naming(self, evidence: Iterable[Evidence], names: set[str]) -> set[Clause]:
        """For evidence that quotes a whole sentence, the clauses of it that name one of ``names`` (folded);
        for evidence inside one clause, that clause."""
        found: set[Clause] = set()
        for ev in evidence:
            if (clause := self.clause(ev)) is not None:
                found.add(clause)
            elif (sentence := self.sentence(ev)) is not None:
                found |= {c for c in self._split(sentence) if c.overlaps(ev) and any(n in fold(c.text) for n in names)}
        return found

    @staticmethod
    def _split(sentence: Sentence) -> list[Clause]:
        clauses, at = [], 0
        while at < len(sentence.raw):
            left, right = clause_bounds(sentence.raw, at, at)
            clauses.append(Clause(sentence.start + left, sentence.start + right, sentence))
            at = right + 1
        return clauses


def links_of(facts: Facts, predicate: str) -> Iterator[Link]:
    """The links of one predicate, in a stable order (by subject, then object)."""
    yield from sorted((link for link in facts.links.values() if link.predicate == predicate),
                      key=lambda link: (link.subject, link.object))


def nodes_of(facts: Facts, kind: str) -> Iterator[Node]:
    """The nodes of one kind, in a stable order (by key)."""
    yield from sorted((node for node in facts.nodes.values() if node.kind == kind), key=lambda node: node.key)


def label_of(facts: Facts, ref: NodeRef) -> str:
    node = facts.nodes.get(ref)
    return node.label if node is not None else ref.key


def printed_forms(node: Node, quotes: Iterable[str] = (), shortest: int = 4) -> set[str]:
    """A node's names as printed (label, other labels, the quotes that state it), folded, ``shortest``+ long."""
    forms = {node.label, *node.alt_labels, *quotes}
    return {f for f in map(fold, forms) if len(f) >= shortest}


@dataclass(frozen=True, slots=True)
class CountFigure:
    """A figure that is a whole count of things: its name folded (:func:`~loaders.extract.lexicon.fold`), count, period, evidence."""

    order: int  # where it comes among the report's figures (answers keep that order)
    name: str
    count: int
    period: str
    evidence: tuple[Evidence, ...]


class CountFigures:
    """The figures of a report that are whole counts (a unit of things, or none in a table), by scope and by the
    last two and three characters of their names — a count is looked up by how its name ends (…试点, …专业数), so
    only those are compared. A table's total row (合计…) sums other rows and is left out."""

    ENDINGS = (2, 3)

    def __init__(self, facts: Facts) -> None:
        self._by_ending: dict[tuple[NodeRef, str], list[CountFigure]] = {}
        order = 0
        for metric in nodes_of(facts, "Metric"):
            for scope, figure in self._figures(metric, order):
                order += 1
                for n in self.ENDINGS:
                    self._by_ending.setdefault((scope, figure.name[-n:]), []).append(figure)

    @staticmethod
    def _figures(metric: Node, order: int) -> Iterator[tuple[NodeRef, CountFigure]]:
        values = metric.attrs.get("value", [])
        if len(values) != 1 or not isinstance(values[0], Decimal):
            return
        value, unit = values[0], next(iter(metric.attrs.get("unit", [])), None)
        if value != value.to_integral_value() or value <= 0 or (unit is not None and unit not in _COUNT_UNITS):
            return
        names = [fold(str(name)) for name in metric.attrs.get("metricName", [])]
        if any(_TOTAL_ROW.search(name) for name in names):
            return
        period = str(next(iter(metric.attrs.get("period", [])), ""))
        for scope in metric.attrs.get("scope", []):
            if isinstance(scope, NodeRef):
                for i, name in enumerate(names):
                    yield scope, CountFigure(order + i, name, int(value), period, tuple(metric.evidence))

    def stated(self, scope: NodeRef, endings: Iterable[str], names_it: Callable[[str], bool]) -> list[CountFigure]:
        """The count figures of ``scope`` whose names end with one of ``endings`` (2 or 3 characters) and that
        ``names_it`` accepts (it gets the folded name), one per figure, in the report's order."""
        candidates = {id(f): f for e in set(endings) for f in self._by_ending.get((scope, e), [])}
        found, seen = [], set()
        for figure in sorted(candidates.values(), key=lambda f: f.order):
            key = (figure.count, figure.period, figure.evidence)
            if key not in seen and names_it(figure.name):
                seen.add(key)
                found.append(figure)
        return found
