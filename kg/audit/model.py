"""What every check shares: the finding and its sides, one report's document and facts with the
indexes the checks read (sentences, paragraphs, headings, case boxes), numbers as printed, and the
arithmetic of sums and rates with its tolerances."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import combinations
from typing import Any, Protocol, TypeVar

from rdflib import URIRef
from rdflib.term import Node as Term

from loaders.document.model import Cell, Document, Row, Sentence
from loaders.facts import Evidence, Facts, Node, NodeRef

Quad = tuple[Term, Term, Term, URIRef]
T = TypeVar("T")
_CASE_LINE = re.compile(r"^\s*案例\s*[\d一二三四五六七八九十]", re.MULTILINE)
KINDS: dict[str, tuple[str, str]] = {  # kind -> (zh, en) label
    "table-total": ("表格合计与分项之和不符", "table total differs from the sum of its rows"),
    "funding-rate": ("资金到位率/执行率与金额不符", "funding rate differs from its amounts"),
    "rate-parts": ("比率与其分子分母不符", "rate differs from its numerator and denominator"),
    "total-parts": ("总数与分项之和不符", "stated total differs from the sum of its parts"),
    "count-list": ("所称数量与列举项数不符", "stated count differs from the items listed"),
    "repeated-figure": ("同一指标数值前后不一", "one indicator printed with different values"),
}
SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: what it is, the number read (None for a list), where it was read."""

    role: str
    value: Decimal | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    severity: str
    report: str  # the report key the finding belongs to (the first of ``reports``)
    school: str  # 10-digit MOE code
    arithmetic: str  # the numbers and the arithmetic, as text
    tolerance: str
    sides: tuple[Side, ...]
    reports: tuple[str, ...] = ()  # every report a side was read from
    figures: tuple[NodeRef, ...] = ()  # the Metric / FundingRecord nodes the sides were read as

    @property
    def key(self) -> str:
        spans = ";".join(f"{s.evidence.report}:{s.evidence.start}-{s.evidence.end}" for s in self.sides)
        digest = hashlib.sha1(f"{self.kind}|{spans}".encode()).hexdigest()[:12]
        return f"{self.report}-{self.kind}-{digest}"

    @property
    def lines(self) -> list[int]:
        return sorted({s.evidence.line for s in self.sides})


@dataclass(slots=True)
class AuditInput:
    """One report: its document and its extracted facts, with the indexes the checks share."""

    doc: Document
    facts: Facts
    sentence_starts: list[int] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=list)
    figure_spans: list[tuple[int, int]] = field(default_factory=list)
    memo: dict[str, Any] = field(default_factory=dict)  # what several checks read, computed once

    def __post_init__(self) -> None:
        self.paragraph_starts = [p.start for p in self.doc.paragraphs]
        self.sentences = sorted(self.doc.sentences, key=lambda s: s.start)
        self.sentence_starts = [s.start for s in self.sentences]

    def remembered(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``, computed once per report for every check that asks for ``name``."""
        if name not in self.memo:
            self.memo[name] = compute()
        return self.memo[name]

    @property
    def key(self) -> str:
        return self.doc.key

    @property
    def school(self) -> str:
        return self.doc.meta.school_code

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def without_other_figures(self, start: int, end: int) -> str:
        """The text from ``start`` to ``end`` less the quotes of the figures printed wholly inside it."""
        if not self.figure_spans:
            self.figure_spans = sorted({(ev.start, ev.end) for n in self.nodes("Metric") for ev in n.evidence})
        kept, at = [], start
        for span_start, span_end in self.figure_spans[bisect_right(self.figure_spans, (start, -1)):]:
            if span_start >= end:
                break
            if span_end <= end and span_start >= at:
                kept.append(self.doc.text[at:span_start])
                at = span_end
        kept.append(self.doc.text[at:end])
        return "".join(kept)

    def statement_end(self, sentence: Sentence) -> int:
        """The end of the statement a sentence opens: sentences cut at ；/; run on to the next one."""
        i = bisect_right(self.sentence_starts, sentence.start) - 1
        while i + 1 < len(self.sentences) and self.doc.text[self.sentences[i].start:self.sentences[i].end] \
                .rstrip().endswith(("；", ";")):
            i += 1
        return self.sentences[i].end

    def paragraph_at(self, offset: int) -> int:
        """The start offset of the paragraph holding ``offset`` (-1 before the first)."""
        i = bisect_right(self.paragraph_starts, offset) - 1
        return self.paragraph_starts[i] if i >= 0 else -1

    def in_case_box(self, offset: int) -> bool:
        """``offset`` follows a 案例 N-N line under its own heading: a case about one unit of the school."""
        i = bisect_right(self.paragraph_starts, offset) - 1
        heading = self.doc.paragraphs[i].heading if i >= 0 else None
        return _CASE_LINE.search(self.doc.text, heading.end if heading else 0, offset) is not None

    def headings_above(self, offset: int) -> str:
        """The titles of the headings a paragraph at ``offset`` sits under, outermost first."""
        i = bisect_right(self.paragraph_starts, offset) - 1
        heading = self.doc.paragraphs[i].heading if i >= 0 else None
        return " › ".join([*heading.path, heading.title]) if heading else ""

    def nodes(self, kind: str) -> list[Node]:
        return [n for n in self.facts.nodes.values() if n.kind == kind and n.evidence]


def finding(report: AuditInput, kind: str, severity: str, arithmetic: str, tolerance: str,
            sides: Sequence[Side]) -> Finding:
    """A finding of ``report`` whose sides may come from several reports (all of them listed)."""
    reports = tuple(dict.fromkeys(s.evidence.report for s in sides))
    return Finding(kind, severity, report.key, report.school, arithmetic, tolerance, tuple(sides), reports)


class Placed(Protocol):
    """Something read from a report with the evidence of where it was printed."""

    @property
    def evidence(self) -> Evidence: ...


P = TypeVar("P", bound=Placed)


def told_two_ways(report: AuditInput, printed: Iterable[P], same_thing: Callable[[P, P], bool],
                  same_value: Callable[[P, P], bool]) -> Iterator[tuple[P, P]]:
    """Each pair of printings of one thing, in two sentences of ``report``, whose values differ."""
    for a, b in combinations(printed, 2):
        if same_thing(a, b) and not same_value(a, b) \
                and report.sentence_at(a.evidence.start) != report.sentence_at(b.evidence.start):
            yield a, b


def printed_twice(report: AuditInput, role: str, first: tuple[int | Decimal, Evidence],
                  second: tuple[int | Decimal, Evidence], arithmetic: str, tolerance: str) -> Finding:
    """A ``repeated-figure`` finding: one thing of ``report`` printed twice, as (value, evidence), with two values."""
    sides = [Side(role, Decimal(value), evidence) for value, evidence in (first, second)]
    return finding(report, "repeated-figure", "medium", arithmetic, tolerance, sides)


_CELL_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(门|项|个|人|家|所|名|次|人次|本|篇|部|件|万元|元)?$")
EMPTY_CELL = re.compile(r"^[-—–/／\\]?$")
_PERCENT = re.compile(r"(\d+(?:\.(\d+))?)\s*[%％]")


@dataclass(frozen=True, slots=True)
class Printed:
    value: Decimal
    places: int  # decimals printed
    suffix: str = ""


def cell_number(text: str) -> Printed | None:
    """A plain number as a table cell prints it (thousands commas, decimals, a measure word)."""
    m = _CELL_NUMBER.match(text.strip())
    if not m:
        return None
    digits = m.group(1).replace(",", "") + (f".{m.group(2)}" if m.group(2) else "")
    try:
        return Printed(Decimal(digits), len(m.group(2) or ""), m.group(3) or "")
    except InvalidOperation:
        return None


def percent_places(quote: str, value: Decimal) -> int | None:
    """Decimals printed for the percentage ``value`` in ``quote`` (None when it is not there)."""
    for m in _PERCENT.finditer(quote.replace("\n", "").replace(" ", "")):
        if Decimal(m.group(1)) == value:
            return len(m.group(2) or "")
    return None


def fmt(value: Decimal, places: int | None = None) -> str:
    if places is not None:
        return f"{value:.{places}f}"
    text = f"{value.normalize():f}"
    return text


def unit_of_place(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def cell_evidence(report: str, cell: Cell) -> Evidence:
    return Evidence(report, cell.start, cell.end, cell.line, cell.raw)


def sum_tolerance(places: int, count: int) -> Decimal:
    """Integers add up exactly; decimals within half a unit of their last place per summed cell."""
    return Decimal(0) if places == 0 else unit_of_place(places) / 2 * count


def tolerance_text(places: int, count: int) -> str:
    if places == 0:
        return "exact: integers must add up exactly"
    return f"±{fmt(sum_tolerance(places, count))} (half a unit of the {places}th decimal place per summed cell)"


def table_row_at(doc: Document, line: int) -> Row | None:
    """The table row printed on ``line``, if any."""
    for table in doc.tables:
        for row in table.rows:
            if row.line == line:
                return row
    return None


def is_capped(rate: Decimal, ratios: Iterable[Decimal]) -> bool:
    """A rate printed as 100% when a reading of its parts exceeds 100%: capped (a convention), never raised."""
    return rate == 100 and any(r > 100 for r in ratios)


def rate_slack(places: int) -> Decimal:
    """How far a printed rate may lie from its quotient: a rate printed with decimals claims its last place,
    so half a unit of it (93.78% for 93.785…% is cut, not rounded); a whole percentage is often cut, one unit."""
    return unit_of_place(places) / 2 if places else unit_of_place(0)


def ratio_misses(rate: Decimal, places: int, numerator: Decimal, wholes: Sequence[Decimal]) -> list[Decimal] | None:
    """numerator / whole × 100 for each whole, when none of them gives the printed rate within
    :func:`rate_slack` and the rate is not a cap at 100 %; None when one of them agrees."""
    ratios = [numerator / whole * 100 for whole in wholes]
    if any(abs(r - rate) <= rate_slack(places) for r in ratios) or is_capped(rate, ratios):
        return None
    return ratios


def rate_tolerance(places: int) -> str:
    if places == 0:
        return "±1 percentage point (a whole percentage may be cut rather than rounded)"
    return (f"±{fmt(rate_slack(places))} percentage points (a rate printed with {places} decimals is the quotient "
            f"rounded to that place; cut instead of rounded is a low-severity finding)")


def squeezed(text: str) -> str:
    """Text without the line breaks and spaces the PDF conversion put inside sentences."""
    return text.replace("\n", "").replace(" ", "")


@dataclass(frozen=True, slots=True)
class SqueezedText:
    """A text squeezed as :func:`squeezed` does, with the way back to offsets in the text."""

    text: str
    run_starts: list[int]  # where each run of kept characters starts in the squeezed text
    run_offsets: list[int]  # … and in the original text

    def offset(self, index: int) -> int:
        """The offset in the original text of the squeezed text's character at ``index``."""
        run = bisect_right(self.run_starts, index) - 1
        return self.run_offsets[run] + index - self.run_starts[run]

    def index(self, offset: int) -> int:
        """The index in the squeezed text of the first kept character at or after ``offset`` in the text."""
        run = bisect_right(self.run_offsets, offset) - 1
        if run < 0:
            return 0
        run_end = self.run_starts[run + 1] if run + 1 < len(self.run_starts) else len(self.text)
        return min(self.run_starts[run] + offset - self.run_offsets[run], run_end)


def squeeze(text: str) -> SqueezedText:
    """The text squeezed, with the runs of kept characters to map offsets back."""
    starts, offsets, at = [], [], 0
    for run in re.finditer(r"[^ \n]+", text):
        starts.append(at)
        offsets.append(run.start())
        at += run.end() - run.start()
    return SqueezedText(squeezed(text), starts, offsets)


def decimal_places(value: Decimal) -> int:
    """Decimals a value carries once trailing zeros are dropped (92.50 → 1)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def back_over(text: str, end: int, count: int) -> int:
    """The offset ``count`` printed characters (spaces and line breaks not counted) before ``end``."""
    start = end
    while count > 0 and start > 0:
        start -= 1
        if text[start] not in " \n":
            count -= 1
    return start


def forward_over(text: str, start: int, count: int) -> int:
    """The offset ``count`` printed characters (spaces and line breaks not counted) after ``start``."""
    end = start
    while count > 0 and end < len(text):
        if text[end] not in " \n":
            count -= 1
        end += 1
    return end


def evidence_at(report: AuditInput, start: int, end: int) -> Evidence:
    """Evidence for the text of ``report`` from ``start`` to ``end``."""
    text = report.doc.text
    return Evidence(report.key, start, end, text.count("\n", 0, start) + 1, text[start:end])
