"""Self-consistency audit: where a report contradicts itself or a sister report of its school.

Pure checks over the documents and extracted facts of a build (``BuildResult.documents`` +
``BuildResult.extracted``). Each check is a small function ``(AuditInput) -> list[Finding]``;
:func:`audit` runs them all. False alarms are worse than misses: a check raises a finding only
when both sides were read as numbers with the same scope and period, and never on a figure
printed as approximate (余/多/近/约). Rounding tolerances are explicit and part of each finding:

* ``table-total`` — a total row (合计/总计/小计/共计/总数) against the sum of the rows it totals,
  and a total column against the sum of the columns before it; integers must add up exactly,
  decimals within half a unit of their last printed place per summed cell.
* ``funding-rate`` — a funding row's 到位率 against received / budget, its 执行率 against spent /
  budget (or spent / received); within one unit of the rate's last printed place.
* ``rate-parts`` — a rate printed after its numerator and denominator in one sentence
  ("22 项任务完成 21 项，完成率 94.45%"; a change printed between them, 比…增加 N 项, is passed
  over; a 达成率 may count what was 完成), and a share (占比 P%) printed beside a part of a 其中 list
  against part / total; a year-on-year growth (同比增长 P%) printed right after a figure, against the
  table row that holds that figure for the report's year and a value for the year before; within one
  unit of the rate's last printed place. Averages (平均完成度) are never read as a quotient.
* ``total-parts`` — a stated total and the parts its 其中 lists up to the end of the statement
  (clauses cut by ； included, shares printed between the parts set aside). When one part is broken
  down in turn (…等 141 家，包括 A 127 家、B 6 家…) where the breakdown ends is not printed: a finding
  only when no end makes both the total and that part add up. Integers exactly, decimals as for tables.
* ``count-list`` — a stated count followed by a colon-introduced list of another length; and the
  things named before 分别 (A、B和C) against the values printed after it (fewer values, or more
  values than an enumeration not left open by 等).
* ``repeated-figure`` — one indicator (the extractor's indicator key with names that agree —
  完成率 / 标志性成果完成率 — or else an identical normalised name; one unit, scope and period)
  printed in two paragraphs with values that cannot both hold; a funding amount (per source, or the
  project's total: a prose amount named by funding words only, 到位资金/资金使用, against the 合计
  row) printed in prose with another value than its one table row; within a report or by two reports of
  one school. An approximate figure allows a range (N余/N多: N up to N plus one unit of its last
  non-zero digit; N以上/超N: at least N; 约N: ±10 %; 近N: up to 10 % below N); figures of an
  enumeration (分别) and figures told in a case (案例 N-N) are not claims about the whole school.
  Also a prose clause that restates a table row — names the row's label with one of its counts right
  after it ("数量指标 57 项") and prints one rate — against the row's only rate cell, of the same scope;
  exact at the coarser of the two printed places. And one named thing printed with two dates: a plan
  with its span in brackets (《…行动计划（2015-2018 年）》; an issuing body put before the name,
  教育部…, is the same plan), an edition of an award with the year before it (2019 年荣获…第六届…奖).

:func:`audit_quads` turns the findings into ``sg:Inconsistency`` nodes in each report's graph,
linked to the figures (``sg:Metric``/``sg:FundingRecord``) and evidence they compare.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.term import Node as Term

from kg.build import evidence_iri, evidence_triples, node_iri
from kg.ids import graph_iri, iri
from kg.namespaces import PROV, RDF, RDFS, SG, XSD
from loaders.document.model import Cell, Document, Row, Sentence, Table
from loaders.facts import Evidence, Facts, Node, NodeRef

Quad = tuple[Term, Term, Term, URIRef]
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


# ---------------------------------------------------------------- values

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

    def __post_init__(self) -> None:
        self.paragraph_starts = [p.start for p in self.doc.paragraphs]
        self.sentences = sorted(self.doc.sentences, key=lambda s: s.start)
        self.sentence_starts = [s.start for s in self.sentences]

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
    reports = tuple(dict.fromkeys(s.evidence.report for s in sides))
    return Finding(kind, severity, report.key, report.school, arithmetic, tolerance, tuple(sides), reports)


# ---------------------------------------------------------------- numbers as printed

_CELL_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(门|项|个|人|家|所|名|次|人次|本|篇|部|件|万元|元)?$")
_EMPTY_CELL = re.compile(r"^[-—–/／\\]?$")
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


# ---------------------------------------------------------------- 1. table totals

_TOTAL_LABEL = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|共\s*计|总\s*数)[:：]?$")
_NOT_ADDITIVE = re.compile(r"率|度|%|％|占比|比例|比重|平均|均值|人均|排名|名次|序号|编号|年份|年度|时间|日期|得分|分数")


def is_total_row(row: Row) -> bool:
    labels = [c.norm for c in row.cells[:2] if c.norm]
    return bool(labels) and _TOTAL_LABEL.match(labels[0]) is not None


def _blocks(table: Table) -> Iterator[tuple[Row, list[Row]]]:
    """Each total row with the rows it totals: those above it (since the previous total row), or —
    for a total printed first — those below it up to the next total row."""
    rows = list(table.rows)
    totals = [i for i, r in enumerate(rows) if is_total_row(r)]
    for n, i in enumerate(totals):
        if i == 0:
            end = totals[n + 1] if n + 1 < len(totals) else len(rows)
            yield rows[0], rows[1:end]
        else:
            begin = totals[n - 1] + 1 if n else 0
            yield rows[i], rows[begin:i]


def _aligned_parts(total: Row, parts: list[Row]) -> tuple[int, list[Row]] | None:
    """(offset of the total row's first cell in the parts' columns, the part rows holding numbers),
    or None when the rows do not line up (a part row with numbers of another width)."""
    numeric = [r for r in parts if any(cell_number(c.norm) for c in r.cells)]
    widths = {len(r.cells) for r in numeric}
    if len(numeric) < 2 or len(widths) != 1:
        return None
    width = widths.pop()
    if len(total.cells) > width:
        return None
    if len(total.cells) < width and not _TOTAL_LABEL.match(total.cells[0].norm):
        return None  # a short total row lines up on the right only when it opens with its label
    return width - len(total.cells), numeric


def _column_values(parts: list[Row], column: int) -> list[tuple[Cell, Printed]] | None:
    """The numbers of one column of the part rows (empty cells and dashes count as nothing);
    None when a cell holds text."""
    values = []
    for row in parts:
        cell = row.cells[column]
        number = cell_number(cell.norm)
        if number is None and not _EMPTY_CELL.match(cell.norm):
            return None
        if number is not None:
            values.append((cell, number))
    return values


def _header(table: Table, column: int, width: int) -> str:
    return table.header[column] if len(table.header) == width and column < width else ""


def sum_tolerance(places: int, count: int) -> Decimal:
    """Integers add up exactly; decimals within half a unit of their last place per summed cell."""
    return Decimal(0) if places == 0 else unit_of_place(places) / 2 * count


def tolerance_text(places: int, count: int) -> str:
    if places == 0:
        return "exact: integers must add up exactly"
    return f"±{fmt(sum_tolerance(places, count))} (half a unit of the {places}th decimal place per summed cell)"


def _compare_sum(report: AuditInput, stated: tuple[Cell, Printed], parts: list[tuple[Cell, Printed]],
                 what: str) -> Finding | None:
    cell, total = stated
    places = max([total.places, *(p.places for _, p in parts)])
    added = sum((p.value for _, p in parts), Decimal(0))
    tolerance = sum_tolerance(places, len(parts))
    if abs(added - total.value) <= tolerance:
        return None
    terms = " + ".join(fmt(p.value) for _, p in parts)
    arithmetic = (f"{what}: stated total {fmt(total.value)}; {terms} = {fmt(added)} "
                  f"(difference {fmt(added - total.value)})")
    sides = [Side("stated total", total.value, cell_evidence(report.key, cell)),
             *(Side("part", p.value, cell_evidence(report.key, c)) for c, p in parts)]
    return finding(report, "table-total", "high", arithmetic, tolerance_text(places, len(parts)), sides)


def _total_row_findings(report: AuditInput, table: Table) -> Iterator[Finding]:
    for total, parts in _blocks(table):
        aligned = _aligned_parts(total, parts)
        if aligned is None:
            continue
        offset, numeric = aligned
        width = offset + len(total.cells)
        for j, cell in enumerate(total.cells):
            column = offset + j
            stated = cell_number(cell.norm)
            if stated is None or _NOT_ADDITIVE.search(_header(table, column, width)):
                continue
            values = _column_values(numeric, column)
            if not values or len(values) < 2 or any(p.suffix != stated.suffix for _, p in values):
                continue
            name = _header(table, column, width) or f"column {column + 1}"
            found = _compare_sum(report, (cell, stated), values, f"表 {table.number} {name}")
            if found:
                yield found


def _total_column_findings(report: AuditInput, table: Table) -> Iterator[Finding]:
    """A column headed 合计/总计 against the run of numeric columns just before it, row by row."""
    width = len(table.header)
    columns = [j for j, h in enumerate(table.header) if _TOTAL_LABEL.match(h.split("（")[0].split("(")[0])]
    for j in columns:
        if j < 2:
            continue
        for row in table.rows:
            if len(row.cells) != width or is_total_row(row):
                continue
            stated = cell_number(row.cells[j].norm)
            parts = _numeric_run_before(table, row, j)
            if stated is None or parts is None or any(p.suffix != stated.suffix for _, p in parts):
                continue
            label = next((c.norm for c in row.cells if c.norm and cell_number(c.norm) is None), "")
            found = _compare_sum(report, (row.cells[j], stated), parts, f"表 {table.number} {label} {table.header[j]}")
            if found:
                yield found


def _numeric_run_before(table: Table, row: Row, column: int) -> list[tuple[Cell, Printed]] | None:
    run: list[tuple[Cell, Printed]] = []
    for k in range(column - 1, -1, -1):
        cell = row.cells[k]
        if _NOT_ADDITIVE.search(table.header[k]):
            break
        number = cell_number(cell.norm)
        if number is None:
            if _EMPTY_CELL.match(cell.norm) and cell.norm:
                continue
            break
        run.append((cell, number))
    return list(reversed(run)) if len(run) >= 2 else None


def check_table_totals(report: AuditInput) -> list[Finding]:
    found: list[Finding] = []
    for table in report.doc.tables:
        found.extend(_total_row_findings(report, table))
        found.extend(_total_column_findings(report, table))
    return found


# ---------------------------------------------------------------- 2. funding rates

_RATE_FORMULAS = {  # rate attribute -> (numerator, denominators it may be printed against)
    "receivedRate": ("received", ("budget",)),
    "executionRate": ("spent", ("budget", "received")),
}


def _table_row_at(doc: Document, line: int) -> Row | None:
    for table in doc.tables:
        for row in table.rows:
            if row.line == line:
                return row
    return None


def _rate_printed(report: AuditInput, record: Node, rate: Decimal, numerator: Decimal) -> tuple[Evidence, int] | None:
    """Where the rate of a funding record is printed and with how many decimals: the cell of its
    table row that also prints the rate's numerator, or a keyed rate figure of the same scope."""
    for line in sorted({ev.line for ev in record.evidence}):
        row = _table_row_at(report.doc, line)
        if row is None or not any(_printed_value(c) == numerator for c in row.cells):
            continue
        for cell in row.cells:
            places = percent_places(cell.norm, rate)
            if places is not None:
                return cell_evidence(report.key, cell), places
    scope = record.attrs.get("fundingScope", [])
    for metric in report.nodes("Metric"):
        if metric.attrs.get("value") == [rate] and metric.attrs.get("scope") == scope \
                and str((metric.attrs.get("metricKey") or [""])[0]).startswith("funding-"):
            places = percent_places(metric.evidence[0].quote, rate)
            if places is not None:
                return metric.evidence[0], places
    return None


def _printed_value(cell: Cell) -> Decimal | None:
    number = cell_number(cell.norm)
    return number.value if number else None


def _amount_evidence(report: AuditInput, record: Node, value: Decimal) -> Evidence:
    """The evidence of a record where ``value`` is printed (its table cell), else its first evidence."""
    for ev in record.evidence:
        row = _table_row_at(report.doc, ev.line)
        for cell in row.cells if row else ():
            number = cell_number(cell.norm)
            if number is not None and number.value == value:
                return cell_evidence(report.key, cell)
        if fmt(value) in ev.quote.replace(",", ""):
            return ev
    return record.evidence[0]


def _funding_rate_finding(report: AuditInput, record: Node, rate_attr: str) -> Finding | None:
    numerator_attr, denominator_attrs = _RATE_FORMULAS[rate_attr]
    rates, numerators = record.attrs.get(rate_attr, []), record.attrs.get(numerator_attr, [])
    pairs = [(d, v) for d in denominator_attrs for v in record.attrs.get(d, []) if isinstance(v, Decimal) and v > 0]
    if len(rates) != 1 or len(numerators) != 1 or not pairs or record.attrs.get("approximate"):
        return None
    rate, numerator = rates[0], numerators[0]
    if not isinstance(rate, Decimal) or not isinstance(numerator, Decimal):
        return None
    printed = _rate_printed(report, record, rate, numerator)
    if printed is None:
        return None
    rate_evidence, places = printed
    tolerance = unit_of_place(places)
    ratios = [(d, v, numerator / v * 100) for d, v in pairs]
    if any(abs(ratio - rate) <= tolerance for _, _, ratio in ratios) or is_capped(rate, (r for _, _, r in ratios)):
        return None
    name = record.label
    worked = "; ".join(f"{numerator_attr}/{d} = {fmt(numerator)}/{fmt(v)} = {ratio:.2f}%" for d, v, ratio in ratios)
    arithmetic = f"{name} {rate_attr}: printed {fmt(rate, places)}%; {worked}"
    sides = [Side(rate_attr, rate, rate_evidence),
             Side(numerator_attr, numerator, _amount_evidence(report, record, numerator)),
             *(Side(d, v, _amount_evidence(report, record, v)) for d, v in pairs)]
    gap = min(abs(ratio - rate) for _, _, ratio in ratios)
    severity = "high" if gap >= 1 else "low"
    return finding(report, "funding-rate", severity, arithmetic,
                   f"±{fmt(tolerance)} percentage points (one unit of the rate's last printed place)", sides)


def check_funding_rates(report: AuditInput) -> list[Finding]:
    found = []
    for record in report.nodes("FundingRecord"):
        for rate_attr in _RATE_FORMULAS:
            result = _funding_rate_finding(report, record, rate_attr)
            if result:
                found.append(result)
    return found


# ---------------------------------------------------------------- figures of a sentence

@dataclass(frozen=True, slots=True)
class Figure:
    """A prose figure (sg:Metric) with the sentence it was read in."""

    node: Node
    name: str
    value: Decimal
    unit: str
    evidence: Evidence
    sentence: Sentence

    @property
    def approximate(self) -> bool:
        return bool(self.node.attrs.get("approximate"))


def prose_figures(report: AuditInput) -> dict[int, list[Figure]]:
    """Prose figures by the start offset of their sentence, in reading order."""
    by_sentence: dict[int, list[Figure]] = defaultdict(list)
    for node in report.nodes("Metric"):
        if node.attrs.get("observedIn", ["prose"]) != ["prose"]:
            continue
        value, ev = node.attrs.get("value", [None])[0], node.evidence[0]
        sentence = report.sentence_at(ev.start)
        if not isinstance(value, Decimal) or sentence is None:
            continue
        unit = str((node.attrs.get("unit") or [""])[0])
        name = str((node.attrs.get("metricName") or [node.label])[0])
        by_sentence[sentence.start].append(Figure(node, name, value, unit, ev, sentence))
    for figures in by_sentence.values():
        figures.sort(key=lambda f: f.evidence.end)
    return by_sentence


def figure_side(role: str, figure: Figure) -> Side:
    return Side(role, figure.value, figure.evidence)


# ---------------------------------------------------------------- 3. rate vs numerator / denominator

_RATE_NAME = re.compile(r"(完成|达成|达|实现|执行|到位|通过|合格|验收)(率|度|程度)$")
_COUNT_UNITS = {"项", "个"}
# Verbs that name one act: a 指标值达成度 / 达程度 is read against the count 完成 or 达成 just before it.
_VERB_FAMILIES = (("完成", "达成", "达", "实现"),)
_AVERAGE = re.compile(r"平均|均值")  # an average of completion degrees is no count over a count
_COMPARISON = re.compile(r"^\s*(?:比|较|同比|相比)")  # "比 2022 年增加 55 项": a change, not a count of the whole


def verbs_like(verb: str, measure: str) -> tuple[str, ...]:
    """The verbs a numerator may name for a rate of ``verb``: the verb's family for a 率; the verb
    itself for a 度 or 程度 (a degree may be an average of indicator values, read only against its own
    verb's count)."""
    if measure != "率":
        return (verb,)
    return next((family for family in _VERB_FAMILIES if verb in family), (verb,))


def _numerator_and_wholes(figures: list[Figure], rate: Figure, verbs: tuple[str, ...]) -> tuple[Figure, list[Figure]] | None:
    """The count just before the rate whose name holds the rate's verb (完成 for 完成率; a change
    printed between them, 比…增加 N 项, is passed over), and every count before that one in the
    sentence (the wholes it may be a part of), nearest first."""
    before = [f for f in figures if f.evidence.end <= rate.evidence.start and not _COMPARISON.match(f.evidence.quote)]
    if not before or before[-1].unit not in _COUNT_UNITS or not any(v in before[-1].name for v in verbs):
        return None
    numerator = before[-1]
    wholes = [f for f in reversed(before[:-1]) if f.unit in _COUNT_UNITS and not any(v in f.name for v in verbs)]
    if not wholes or any(w.value <= 0 for w in wholes):
        return None  # a target of 0: the rate is undefined
    return numerator, wholes


def is_capped(rate: Decimal, ratios: Iterable[Decimal]) -> bool:
    """A rate printed as 100% when a reading of its parts exceeds 100%: capped (a convention), never raised."""
    return rate == 100 and any(r > 100 for r in ratios)


def ratio_misses(rate: Decimal, places: int, numerator: Decimal, wholes: Sequence[Decimal]) -> list[Decimal] | None:
    """numerator / whole × 100 for each whole, when none of them gives the printed rate within one unit
    of its last printed place and the rate is not a cap at 100 %; None when one of them agrees."""
    ratios = [numerator / whole * 100 for whole in wholes]
    if any(abs(r - rate) <= unit_of_place(places) for r in ratios) or is_capped(rate, ratios):
        return None
    return ratios


def rate_tolerance(places: int) -> str:
    return f"±{fmt(unit_of_place(places))} percentage points (one unit of the rate's last printed place)"


def _rate_parts_finding(report: AuditInput, figures: list[Figure], rate: Figure) -> Finding | None:
    m = _RATE_NAME.search(rate.name)
    verbs = verbs_like(m.group(1), m.group(2)) if m and not _AVERAGE.search(rate.name) else None
    parts = _numerator_and_wholes(figures, rate, verbs) if verbs else None
    places = percent_places(rate.evidence.quote, rate.value)
    if parts is None or places is None or rate.approximate:
        return None
    numerator, wholes = parts
    if numerator.approximate or any(w.approximate for w in wholes):
        return None
    ratios = ratio_misses(rate.value, places, numerator.value, [w.value for w in wholes])
    if ratios is None:
        return None
    whole = next((w for w in wholes if w.value >= numerator.value), wholes[0])
    ratio = numerator.value / whole.value * 100
    others = sorted({f"{fmt(numerator.value)}/{fmt(w.value)} = {r:.2f}%" for w, r in zip(wholes, ratios, strict=True)
                     if w.value != whole.value})
    arithmetic = (f"{rate.name} printed {fmt(rate.value, places)}%; {numerator.name} {fmt(numerator.value)} / "
                  f"{whole.name} {fmt(whole.value)} = {ratio:.2f}%"
                  + (f" (no other count of the sentence gives it either: {'; '.join(others)})" if others else ""))
    severity = "high" if abs(ratio - rate.value) >= 1 else "low"
    sides = [figure_side("rate", rate), figure_side("numerator", numerator), figure_side("denominator", whole)]
    return finding(report, "rate-parts", severity, arithmetic, rate_tolerance(places), sides)


def check_rate_parts(report: AuditInput) -> list[Finding]:
    found = []
    for figures in prose_figures(report).values():
        for rate in (f for f in figures if f.unit == "%"):
            result = _rate_parts_finding(report, figures, rate)
            if result:
                found.append(result)
    return found


# ---- a year-on-year growth against the two years of a table row

_YEAR_ON_YEAR = re.compile(r"^(?:同比|比上年|较上年|比去年|较去年)(?:去年)?(?:增长|增幅|提高|上升)(?:了|达)?\d")
_TABLE_REFERENCE = re.compile(r"^(?:[（(][^）)]{0,12}[）)])?[，,]$")  # "1787 人（见表 3-3），同比增长 16%"
_YEAR_HEADER = re.compile(r"^((?:19|20)\d{2})\s*年?(?:度)?$")
_ROW_LABEL_NOISE = re.compile(r"^(?:其中[：:])?(?:[A-Za-z]\s*类[：:])?|[*＊\s]")
_MIN_ROW_CORE = 4


@dataclass(frozen=True, slots=True)
class YearRow:
    """A table row's label and its values in two consecutive year columns."""

    table: Table
    core: str  # the label without 其中：/A类：/* marks
    previous: tuple[Cell, Printed]
    current: tuple[Cell, Printed]


def year_rows(report: AuditInput, year: int) -> Iterator[YearRow]:
    """Rows of tables with a column for ``year`` and one for the year before."""
    for table in report.doc.tables:
        years = {int(m.group(1)): j for j, h in enumerate(table.header) if (m := _YEAR_HEADER.match(h.strip()))}
        if year not in years or year - 1 not in years:
            continue
        for row in table.rows:
            if len(row.cells) != len(table.header):
                continue
            label = max((c.norm for c in row.cells if c.norm and cell_number(c.norm) is None), key=len, default="")
            core = _ROW_LABEL_NOISE.sub("", label)
            cells = row.cells[years[year - 1]], row.cells[years[year]]
            printed = [cell_number(c.norm) for c in cells]
            if len(core) >= _MIN_ROW_CORE and printed[0] is not None and printed[1] is not None:
                yield YearRow(table, core, (cells[0], printed[0]), (cells[1], printed[1]))


def _growth_and_base(report: AuditInput, figures: list[Figure]) -> Iterator[tuple[Figure, Figure]]:
    """(figure, its year-on-year growth printed right after it in the same clause)."""
    text = report.doc.text
    for base, growth in zip(figures, figures[1:], strict=False):
        if growth.unit == "%" and base.unit not in {"%", ""} and not base.approximate and not growth.approximate \
                and _YEAR_ON_YEAR.match(squeezed(growth.evidence.quote)) \
                and _TABLE_REFERENCE.match(squeezed(text[base.evidence.end:growth.evidence.start])):
            yield base, growth


def _growth_finding(report: AuditInput, base: Figure, growth: Figure) -> Finding | None:
    period = str((base.node.attrs.get("period") or [""])[0])
    places = percent_places(growth.evidence.quote, growth.value)
    if not period.isdigit() or places is None:
        return None
    text = report.doc.text
    clause_start = max(text.rfind(ch, 0, base.evidence.start) for ch in "，,。；;") + 1
    clause = squeezed(text[clause_start:base.evidence.end])
    rows = [r for r in year_rows(report, int(period))
            if r.current[1].value == base.value and r.core in clause and r.previous[1].value > 0]
    if len(rows) != 1:
        return None
    row = rows[0]
    ratios = ratio_misses(growth.value + 100, places, row.current[1].value, [row.previous[1].value])
    if ratios is None:
        return None
    actual = ratios[0] - 100
    arithmetic = (f"{row.core} growth printed {fmt(growth.value, places)}%; 表 {row.table.number}: "
                  f"{int(period) - 1} {fmt(row.previous[1].value)} → {period} {fmt(row.current[1].value)} = "
                  f"{actual:+.2f}%")
    sides = [figure_side("growth", growth), figure_side("value", base),
             Side(f"table {int(period) - 1}", row.previous[1].value, cell_evidence(report.key, row.previous[0])),
             Side(f"table {period}", row.current[1].value, cell_evidence(report.key, row.current[0]))]
    severity = "high" if abs(actual - growth.value) >= 1 else "low"
    return finding(report, "rate-parts", severity, arithmetic, rate_tolerance(places), sides)


def check_growth(report: AuditInput) -> list[Finding]:
    """A growth printed after a figure (同比增长 P%) against the row of a table holding that figure
    for the report's year and the year before."""
    figures = reading_order(report)
    return [f for base, growth in _growth_and_base(report, figures) if (f := _growth_finding(report, base, growth))]


# ---------------------------------------------------------------- 4. a total and what its 其中 lists

_AMONG = re.compile(r"^[，,：:。]?其中[，,：:]?")
_NOT_A_PART = re.compile(r"包括|其中|以上|以下|累计|合计|总")  # a sub-total or an open class, not a part
_LEADING_LIST_WORD = re.compile(r"^[，,：:]?(?:其中|包括)+[，,：:]?")
_OPENS_SUB_LIST = re.compile(r"^[，,：:]?包括")  # "…等 141 家，包括 A 127 家": the part before is broken down
_LABEL_TAIL = re.compile(r"^[^\d，,。；;、]{0,4}[，,]$")  # "11 个专业，占比…": the end of the part's own clause
_SHARE_LABEL = re.compile(r"^总?占")  # "占比 52.38%", "总占比 82%", "占比全年总支出的 11.96%"
_LIST_MARKS = "、，,；;"
MIN_SHARE_LISTED = Decimal("0.9")  # parts adding up to less than this share of the total are an open list


def squeezed(text: str) -> str:
    """Text without the line breaks and spaces the PDF conversion put inside sentences."""
    return text.replace("\n", "").replace(" ", "")


@dataclass(frozen=True, slots=True)
class AmongList:
    """A stated total and what the 其中 after it lists: the parts of the total's unit, in order, and
    each share (占比 P%) with the part it is printed beside. ``sub_lists`` holds the index of each part
    that opens the breakdown of the part before it (…等 141 家，包括 A 127 家、B 6 家…): where that
    breakdown ends is not printed."""

    total: Figure
    parts: tuple[Figure, ...]
    shares: tuple[tuple[Figure, Figure], ...]
    sub_lists: tuple[int, ...]


def reading_order(report: AuditInput) -> list[Figure]:
    """Every prose figure in reading order, one per printed number (a number read twice, as a keyed
    indicator and as a plain figure, is kept once: the reading whose quote ends later)."""
    figures = sorted((f for fs in prose_figures(report).values() for f in fs),
                     key=lambda f: (f.evidence.start, -f.evidence.end))
    kept: list[Figure] = []
    for figure in figures:
        twin = next((k for k in kept[-3:] if k.value == figure.value and k.unit == figure.unit
                     and k.evidence.start < figure.evidence.end and figure.evidence.start < k.evidence.end), None)
        if twin is None:
            kept.append(figure)
        elif figure.evidence.end > twin.evidence.end:
            kept[kept.index(twin)] = figure
    return kept


def among_lists(report: AuditInput) -> Iterator[AmongList]:
    """Each total printed just before 其中 (in its sentence or closing the one before), with the figures
    the 其中 lists up to the end of that statement (。, not ；)."""
    figures = reading_order(report)
    text = report.doc.text
    for i, total in enumerate(figures):
        if total.unit in {"%", ""} or total.approximate:
            continue
        after = squeezed(text[total.evidence.end:total.evidence.end + 8])
        among = _AMONG.match(after)
        if among is None:
            continue
        sentence = report.sentence_at(text.index("其中", total.evidence.end))
        if sentence is None:
            continue
        end = report.statement_end(sentence)
        listed = [f for f in figures[i + 1:] if f.evidence.start < end]
        yield _read_list(text, total, listed)


def _read_list(text: str, total: Figure, listed: list[Figure]) -> AmongList:
    """Parts of the total's unit, each separated from the last by a list mark (shares printed between
    them are set aside); the list ends at a figure of another unit, a change (比…) or another clause."""
    parts: list[Figure] = []
    shares: list[tuple[Figure, Figure]] = []
    sub_lists: list[int] = []
    previous_end = total.evidence.end
    for k, figure in enumerate(listed):
        if figure.unit == "%":
            part = _part_of_share(text, figure, parts, listed[k + 1:])
            if part is not None:
                shares.append((figure, part))
                previous_end = max(previous_end, figure.evidence.end)
            continue
        label = _between_without_shares(text, previous_end, figure, shares) + squeezed(figure.evidence.quote)
        opens_sub_list = bool(parts) and _OPENS_SUB_LIST.match(label) is not None
        if figure.unit != total.unit or _COMPARISON.match(figure.evidence.quote) \
                or (parts and not opens_sub_list and not _separated_as_list(label)) \
                or _AMONG.match(squeezed(text[figure.evidence.end:figure.evidence.end + 8])):
            break  # another unit, a change, another clause, or the head of a list of its own
        if opens_sub_list:
            sub_lists.append(len(parts))
        parts.append(figure)
        previous_end = figure.evidence.end
    return AmongList(total, tuple(parts), tuple(shares), tuple(sub_lists))


def _part_of_share(text: str, share: Figure, parts: list[Figure], following: list[Figure]) -> Figure | None:
    """The figure a share is printed beside: the part just before it ("11 个，占比 52.38%") or, when
    the share comes first, the amount after it ("占比 11.96%，为 5572.64 万元")."""
    if _SHARE_LABEL.match(squeezed(share.evidence.quote)) is None:
        return None  # a share with a label of its own (课时数占…) is a share of something else
    if parts and _LABEL_TAIL.match(squeezed(text[parts[-1].evidence.end:share.evidence.start])):
        return parts[-1]
    nxt = following[0] if following else None
    if nxt is not None and nxt.unit != "%" and squeezed(text[share.evidence.end:nxt.evidence.start]) in {"，", ","} \
            and squeezed(nxt.evidence.quote).startswith("为"):
        return nxt
    return None


def _between_without_shares(text: str, start: int, figure: Figure, shares: list[tuple[Figure, Figure]]) -> str:
    between = text[start:figure.evidence.start]
    for share, _ in shares:
        if start <= share.evidence.start < figure.evidence.start:
            between = between.replace(share.evidence.quote, "")
    return squeezed(between)


def _separated_as_list(label: str) -> bool:
    """Before a listed part (from the end of the last one): a list mark and a label that neither opens
    another list nor adds something beside it (另有, 此外) nor compares."""
    return label[:1] in _LIST_MARKS and not any(word in label for word in ("其中", "另", "此外", "包括", "占", "比"))


def _adds_up(total: Decimal, parts: Sequence[Figure], tolerance: Decimal) -> bool:
    """The parts give the total, or are an open list (far below it: 其中 names only some)."""
    added = sum((p.value for p in parts), Decimal(0))
    return abs(added - total) <= tolerance or added < total * MIN_SHARE_LISTED


def _a_reading_adds_up(listed: AmongList, tolerance: Decimal) -> bool:
    """Some end of the one breakdown (包括…) makes both the total and the broken-down part add up."""
    k = listed.sub_lists[0]
    head, parts = listed.parts[k - 1], listed.parts
    return any(_adds_up(head.value, parts[k:j + 1], tolerance)
               and _adds_up(listed.total.value, [*parts[:k], *parts[j + 1:]], tolerance)
               for j in range(k, len(parts)))


def _terms(parts: Sequence[Figure]) -> str:
    return " + ".join(f"{p.name} {fmt(p.value)}" for p in parts)


def _total_parts_finding(report: AuditInput, listed: AmongList) -> Finding | None:
    total, parts = listed.total, listed.parts
    heads = {k - 1 for k in listed.sub_lists}
    if len(parts) < 2 or len(listed.sub_lists) > 1 or any(
            p.approximate or (i not in heads and _NOT_A_PART.search(_LEADING_LIST_WORD.sub("", squeezed(p.evidence.quote))))
            for i, p in enumerate(parts)):
        return None
    places = max(_places(f.value) for f in [total, *parts])
    tolerance = sum_tolerance(places, len(parts))
    if listed.sub_lists:
        if _a_reading_adds_up(listed, tolerance):
            return None
        k = listed.sub_lists[0]
        arithmetic = (f"{total.name}: stated {fmt(total.value)}{total.unit}; 其中 {_terms(parts)}, where "
                      f"{parts[k - 1].name} {fmt(parts[k - 1].value)} is broken down (包括) from "
                      f"{parts[k].name} on: no end of that breakdown makes both "
                      f"{fmt(total.value)} and {fmt(parts[k - 1].value)} add up")
    else:
        if _adds_up(total.value, parts, tolerance):
            return None
        added = sum((p.value for p in parts), Decimal(0))
        arithmetic = (f"{total.name}: stated {fmt(total.value)}{total.unit}; 其中 {_terms(parts)} = "
                      f"{fmt(added)}{total.unit} (difference {fmt(added - total.value)})")
    sides = [figure_side("stated total", total), *(figure_side("part", p) for p in parts)]
    return finding(report, "total-parts", "high", arithmetic, tolerance_text(places, len(parts)), sides)


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def check_total_parts(report: AuditInput) -> list[Finding]:
    return [f for listed in among_lists(report) if (f := _total_parts_finding(report, listed))]


def _share_finding(report: AuditInput, listed: AmongList, share: Figure, part: Figure) -> Finding | None:
    """A share printed beside a part of a 其中 list against part / total (or part / any other figure
    of the list, which may be the sub-total the share is of)."""
    places = percent_places(share.evidence.quote, share.value)
    if places is None or share.approximate or part.approximate or listed.total.value <= 0:
        return None
    wholes = [listed.total, *(p for p in listed.parts if p is not part and p.value >= part.value)]
    ratios = ratio_misses(share.value, places, part.value, [w.value for w in wholes])
    if ratios is None:
        return None
    total = listed.total
    ratio = ratios[0]
    arithmetic = (f"share printed {fmt(share.value, places)}%; {part.name} {fmt(part.value)}{part.unit} / "
                  f"{total.name} {fmt(total.value)}{total.unit} = {ratio:.2f}%")
    severity = "high" if abs(ratio - share.value) >= 1 else "low"
    sides = [figure_side("share", share), figure_side("part", part), figure_side("total", total)]
    return finding(report, "rate-parts", severity, arithmetic, rate_tolerance(places), sides)


def check_shares(report: AuditInput) -> list[Finding]:
    return [f for listed in among_lists(report) for share, part in listed.shares
            if (f := _share_finding(report, listed, share, part))]


# ---------------------------------------------------------------- 5. stated count vs listed items

_COUNT_MEASURES = frozenset("个项家所门名种类本部支")
_LIST_INTRO = re.compile(r"^([^，。；：:、\d]{0,12}?)(?:[：:]|，?(?:分别是|分别为|包括|即))[：:]?")
_LIST_END = re.compile(r"[。；;]|$")
_ITEM_MAX = 25


def listed_items(text: str) -> list[str] | None:
    """The items of a list printed after a colon: 、-separated (or ，-separated when there is no
    、); None when the list is open (等), holds numbers, or an item is too long to be a name."""
    body = _LIST_END.split(text, maxsplit=1)[0].strip()
    if not body or "等" in body:
        return None
    separator = "、" if "、" in body else "，"
    items = [item.strip(" “”\"《》") for item in body.split(separator)]
    if len(items) < 2 or any(not item or len(item) > _ITEM_MAX or re.search(r"\d", item) for item in items):
        return None
    return items


def _count_list_finding(report: AuditInput, figure: Figure) -> Finding | None:
    if figure.unit not in _COUNT_MEASURES or figure.approximate or figure.value != figure.value.to_integral_value():
        return None
    text = report.doc.text
    end = figure.sentence.end
    after = text[figure.evidence.end:end].replace("\n", "").replace(" ", "")
    intro = _LIST_INTRO.match(after)
    if intro is None:
        return None
    items = listed_items(after[intro.end():])
    if items is None:
        return None
    counts = {len(items)}
    last_joined = re.split(r"[和及与]", items[-1])
    if len(last_joined) == 2 and all(last_joined):
        counts.add(len(items) + 1)  # "A、B和C": the last item may be two
    if int(figure.value) in counts:
        return None
    list_evidence = Evidence(report.key, figure.evidence.end, end, figure.evidence.line,
                             text[figure.evidence.end:end])
    arithmetic = f"stated {int(figure.value)}{figure.unit} {intro.group(1)}; items listed {len(items)}: {'、'.join(items)}"
    sides = [figure_side("stated count", figure), Side("listed items", Decimal(len(items)), list_evidence)]
    return finding(report, "count-list", "high", arithmetic, "exact: a count of items", sides)


def check_count_list(report: AuditInput) -> list[Finding]:
    found = []
    for figures in prose_figures(report).values():
        for figure in figures:
            result = _count_list_finding(report, figure)
            if result:
                found.append(result)
    return found


# ---- things listed before 分别, values listed after it

_RESPECTIVELY = re.compile(r"分别(?:为|是|达到|达|占)?")
_VALUE = r"\d+(?:\.\d+)?\s*(?:[%％]|[^\d、，,。；;和及与\s]{0,3})"
_VALUES = re.compile(rf"^{_VALUE}(?:\s*[、和及与]\s*{_VALUE})*")
_NOUN = r"[^\d、，,。；;：:（）()\s]{1,14}"
_NOUN_LIST = re.compile(rf"{_NOUN}(?:、{_NOUN})+(?:[和及与]{_NOUN})?|{_NOUN}[和及与]{_NOUN}")


@dataclass(frozen=True, slots=True)
class Respectively:
    """An enumeration: the things named before 分别 and the values printed after it."""

    things: list[str]
    values: list[str]
    open_list: bool  # the things end with 等: more may be meant than are named
    evidence: Evidence


def _things_named(before: str) -> tuple[list[str], bool] | None:
    """The last list of names (A、B和C) in the clauses before 分别, or — when the clause before
    分别 has none — None."""
    lists = list(_NOUN_LIST.finditer(before))
    if not lists:
        return None
    last = lists[-1].group()
    items = re.split(r"、", last)
    tail = re.split(r"[和及与]", items[-1], maxsplit=1)
    items = [*items[:-1], *tail] if len(tail) == 2 and all(tail) else items
    return items, "等" in items[-1]


def respectively(report: AuditInput) -> Iterator[Respectively]:
    text = report.doc.text
    for m in _RESPECTIVELY.finditer(text):
        sentence = report.sentence_at(m.start())
        if sentence is None:
            continue
        values = _VALUES.match(squeezed(text[m.end():sentence.end]))
        named = _things_named(squeezed(text[sentence.start:m.start()]))
        if values is None or named is None:
            continue
        things, open_list = named
        listed = re.split(r"[、和及与]", values.group())
        yield Respectively(things, listed, open_list, _evidence_at(report, sentence.start, sentence.end))


def _respectively_finding(report: AuditInput, listed: Respectively) -> Finding | None:
    things, values = len(listed.things), len(listed.values)
    if things == values or (values > things and listed.open_list) or values < 2:
        return None
    arithmetic = (f"{things} named ({'、'.join(listed.things)}); {values} values 分别 "
                  f"({'、'.join(listed.values)})")
    sides = [Side("things named", Decimal(things), listed.evidence),
             Side("values listed", Decimal(values), listed.evidence)]
    return finding(report, "count-list", "medium", arithmetic,
                   "exact: one value for each thing named before 分别", sides)


def check_respectively(report: AuditInput) -> list[Finding]:
    return [f for listed in respectively(report) if (f := _respectively_finding(report, listed))]


# ---------------------------------------------------------------- 6. one indicator, two values

_PERIOD_WORDS = re.compile(r"\d{4}\s*年?\s*(?:[-—–~～至到]+\s*\d{4}\s*)?(?:年度|年|届)?")
_NAME_NOISE = re.compile(r"[\s\d—\-~～（）()“”\"、，,.．:：%％]+")
_GENERIC_NAMES = frozenset({"完成率", "完成", "占比", "比例", "满意度", "执行率", "到位率", "增长", "增加", "提高",
                            "达到", "合计", "总计", "共计", "共", "其中", "新增", "累计", "平均完成度", "完成度",
                            "指标达预期值", "指标值高于预期值", "指标完成率", "通过率", "合格率", "就业率"})
_MIN_NAME = 5


_LEADING_WORDS = re.compile(r"^(?:学校|学院|目前|现有|共有|已有|共|已|等)+")  # words before a name that count nothing


def normalised_name(name: str) -> str:
    """The name without the periods, numbers, spaces and punctuation printed in it, and without the
    words before it that do not change what is counted (学院现有…, 目前…, …等 closing a list of examples)."""
    return _LEADING_WORDS.sub("", _NAME_NOISE.sub("", _PERIOD_WORDS.sub("", name)))


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure as an indicator claim: what it measures, about whom, when, and the values it allows."""

    indicator: str  # the extractor's indicator key, or the figure's normalised name when it has none
    name: str
    unit: str
    scope: str
    period: str
    value: Decimal
    bounds: Bounds
    evidence: Evidence
    node: NodeRef
    paragraph: int  # start offset of the paragraph it was read in


# ---- the values a printed figure allows

@dataclass(frozen=True, slots=True)
class Bounds:
    """The values a figure allows as printed: N exactly, N余/N多 (above N, below N plus one unit of its
    last non-zero digit: 400余 is 400–500, 550余 550–560), N以上/超N/逾N (at least N), 约N (±10 %),
    近N (up to 10 % below N)."""

    low: Decimal
    high: Decimal | None  # None: no upper bound
    word: str = ""  # the approximation word printed, "" for an exact figure

    def meets(self, other: Bounds) -> bool:
        return (self.high is None or other.low <= self.high) and (other.high is None or self.low <= other.high)

    def text(self, value: Decimal, unit: str) -> str:
        if not self.word:
            return f"{fmt(value)}{unit}"
        high = "∞" if self.high is None else fmt(self.high)
        printed = f"{fmt(value)}{unit}{self.word}" if self.word == "以上" else f"{fmt(value)}{self.word}{unit}"
        if self.word in {"约", "近", "超过", "超", "逾"}:
            printed = f"{self.word}{fmt(value)}{unit}"
        return f"{printed} (allows {fmt(self.low)}–{high})"


BOUNDS_RULE = ("an exact figure allows its value only; N余/N多 allows N up to N plus one unit of its last non-zero "
               "digit, N以上/超N at least N, 约N ±10 %, 近N up to 10 % below N — two figures of one indicator "
               "contradict each other when the values they allow do not meet")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MORE_THAN_AFTER = re.compile(r"^(余|多)")
_AT_LEAST_AFTER = re.compile(r"^[^\d，,。；;、]{0,3}?(以上|多)")
_BEFORE_WORD = re.compile(r"(约|近|超过|超|逾)$")
_TENTH = Decimal("0.1")


def last_digit_unit(value: Decimal) -> Decimal:
    """One unit of the last non-zero digit printed: 400 → 100, 550 → 10, 92.5 → 0.1."""
    exponent = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


def printed_bounds(text: str, evidence: Evidence, value: Decimal) -> Bounds:
    """The values the figure allows, read from the words printed around its number."""
    window = squeezed(text[evidence.start:evidence.end + 4])
    match = next((m for m in reversed(list(_NUMBER.finditer(window)))
                  if _decimal(m.group()) == value), None)
    if match is None:
        return Bounds(value, value)
    before, after = window[:match.start()], window[match.end():]
    word = _BEFORE_WORD.search(before)
    if _MORE_THAN_AFTER.match(after):
        return Bounds(value, value + last_digit_unit(value), _MORE_THAN_AFTER.match(after).group(1))
    if (at_least := _AT_LEAST_AFTER.match(after)) is not None:
        return Bounds(value, None, at_least.group(1))
    if word is None:
        return Bounds(value, value)
    if word.group(1) == "约":
        return Bounds(value * (1 - _TENTH), value * (1 + _TENTH), "约")
    if word.group(1) == "近":
        return Bounds(value * (1 - _TENTH), value, "近")
    return Bounds(value, None, word.group(1))


def _decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


# ---- which figures are claims about one indicator

_SUB_UNIT = re.compile(r"专业群|专业|分院|二级学院|系部|团队|工作室|基地|中心|研究院|联盟|集团|项目组")
_CLAUSE_BREAK = "，,；;。：:！？\n"


def confident_scope(report: AuditInput, evidence: Evidence, scope: NodeRef) -> bool:
    """The figure's clause names no unit below the scope it was given (a group, a centre, a team…),
    and, for a school-wide figure, neither do the headings above it nor is it told in a case (案例 N-N)
    about one unit: the scope resolver's answer is then the only candidate. Other figures printed in the clause before it ("专业对口率64%、") name
    what they measure, not whom this one is about, and are left out of the clause."""
    text = report.doc.text
    start = max(text.rfind(ch, 0, evidence.start) for ch in _CLAUSE_BREAK) + 1
    if _SUB_UNIT.search(report.without_other_figures(start, evidence.start) + text[evidence.start:evidence.end]):
        return False
    return scope.kind != "School" or (_SUB_UNIT.search(report.headings_above(evidence.start)) is None
                                      and not report.in_case_box(evidence.start))


_ENUMERATION = re.compile(r"分别")  # "满意度分别为 97.11%、97%": one value of several things


def _one_of_several(report: AuditInput, evidence: Evidence) -> bool:
    """The figure is one value of an enumeration (分别…) in its sentence."""
    sentence = report.sentence_at(evidence.start)
    lead = report.doc.text[sentence.start if sentence else evidence.start:evidence.end]
    return _ENUMERATION.search(lead) is not None


def metric_claims(report: AuditInput) -> Iterator[Claim]:
    """Prose figures with one period, one scope read with confidence, not one of an enumeration, and
    either an indicator key or a specific name: the figures that may be compared as one indicator."""
    for node in report.nodes("Metric"):
        attrs = node.attrs
        if attrs.get("observedIn", ["prose"]) != ["prose"] or len(attrs.get("period", [])) != 1 \
                or len(attrs.get("scope", [])) != 1:
            continue
        name = normalised_name(str((attrs.get("metricName") or [""])[0]))
        key = str((attrs.get("metricKey") or [""])[0])
        value, scope, ev = attrs.get("value", [None])[0], attrs["scope"][0], node.evidence[0]
        if not (key or _specific(name)) or not isinstance(value, Decimal) or not isinstance(scope, NodeRef) \
                or report.sentence_at(ev.start) is None or _table_row_at(report.doc, ev.line) is not None \
                or not confident_scope(report, ev, scope) or _one_of_several(report, ev):
            continue
        bounds = printed_bounds(report.doc.text, ev, value)
        if attrs.get("approximate") and not bounds.word:
            continue  # approximate by a word the bounds do not read: no range to compare
        yield Claim(key or name, name, str((attrs.get("unit") or [""])[0]), scope.key, str(attrs["period"][0]),
                    value, bounds, ev, node.ref, report.paragraph_at(ev.start))


_RELATIVE_START = re.compile(r"^(?:已|均|又|再)?(?:达成|完成|实现|超额|其中|另有|包括|含)")


def _specific(name: str) -> bool:
    """A name that says what is counted on its own: long enough, no generic rate word alone, no
    comparison, not a share of a set named before it (达成…/完成…/其中…)."""
    return (len(name) >= _MIN_NAME and name not in _GENERIC_NAMES and "比" not in name
            and _RELATIVE_START.match(name) is None and re.search(r"[\u3400-\u9fff]", name) is not None)


def same_indicator_names(a: str, b: str) -> bool:
    """Two names of one keyed indicator: equal, or one is the other with a qualifier put before it
    (完成率 / 标志性成果完成率); 到位资金使用率 and 资金完成率 are two indicators of one key."""
    return a.endswith(b) or b.endswith(a)


def _claim_groups(claims: Iterable[Claim]) -> Iterator[list[Claim]]:
    """Groups of exactly two claims of one indicator, scope, period and unit, in two paragraphs, whose
    values do not meet. A name printed three or more times is a template reused across sections
    (该项目子任务…), and two values in one paragraph are two things (预算…其中 / 实际到位…其中)."""
    groups: dict[tuple[str, str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[(claim.indicator, claim.unit, claim.scope, claim.period)].append(claim)
    for group in groups.values():
        if len(group) != 2 or not group[0].unit:
            continue
        a, b = group
        if (a.evidence.report == b.evidence.report and a.paragraph == b.paragraph) or a.bounds.meets(b.bounds) \
                or not same_indicator_names(a.name, b.name):
            continue
        yield sorted(group, key=lambda c: (c.evidence.report, c.evidence.start))


def _repeated_finding(report: AuditInput, group: list[Claim], where: str) -> Finding:
    first = group[0]
    values = "; ".join(f"{c.bounds.text(c.value, c.unit)} (line {c.evidence.line}"
                       f"{', ' + c.evidence.report if where == 'reports' else ''})" for c in group)
    name = max((c.name for c in group), key=len)
    arithmetic = f"{name} [{first.scope}, {first.period}]: {values}"
    sides = tuple(Side("figure", c.value, c.evidence) for c in group)
    result = finding(report, "repeated-figure", "medium", arithmetic, BOUNDS_RULE, sides)
    return Finding(result.kind, result.severity, result.report, result.school, result.arithmetic, result.tolerance,
                   result.sides, result.reports, tuple(c.node for c in group))


def check_repeated_figures(report: AuditInput) -> list[Finding]:
    return [_repeated_finding(report, group, "report") for group in _claim_groups(metric_claims(report))]


_AMOUNT_WORDS = {"spent": re.compile(r"执行|支出|完成|使用"), "received": re.compile(r"到位|到账|到款"),
                 "budget": re.compile(r"预算")}


def _funding_statements(report: AuditInput) -> Iterator[tuple[tuple[str, str, str, str], Decimal, Evidence, bool]]:
    """(source, scope, period, attribute), amount, evidence, read-in-a-table — for every funding
    amount read with one value, in prose only when its own words say which amount it is."""
    for record in report.nodes("FundingRecord"):
        source, scope = record.attrs.get("fundingSource", []) or _whole_project(record), record.attrs.get("fundingScope", [])
        period = record.attrs.get("period", [])
        if len(source) != 1 or len(scope) != 1 or len(period) != 1 or record.attrs.get("approximate"):
            continue
        for attr, words in _AMOUNT_WORDS.items():
            values = [v for v in record.attrs.get(attr, []) if isinstance(v, Decimal)]
            if len(values) != 1:
                continue
            ev = _amount_evidence(report, record, values[0])
            in_table = _table_row_at(report.doc, ev.line) is not None
            if in_table or (report.sentence_at(ev.start) and words.search(ev.quote)):
                yield (str(source[0]), getattr(scope[0], "key", ""), str(period[0]), attr), values[0], ev, in_table


_TOTAL_ROW_SOURCE = "合计"
_FUNDING_WORDS = re.compile(r"^(?:双高计划|建设项目|项目|三年|累计|实际|总|资金|经费|预算|到位|使用|执行|支出|投入|完成)+$")


def _whole_project(record: Node) -> list[str]:
    """A prose amount with no source whose name holds nothing but funding words (到位资金, 实际到位,
    资金使用, 建设项目预算) is the project's total: the 合计 row of its funding table."""
    items = record.attrs.get("fundingItem", [])
    name = normalised_name(str(items[0])) if len(items) == 1 else ""
    return [_TOTAL_ROW_SOURCE] if name and _FUNDING_WORDS.match(name) else []


def _funding_amount_findings(report: AuditInput) -> Iterator[Finding]:
    """One funding amount (source — or the total —, scope, period, budget/received/spent) printed in one
    table row and in prose with another value: each prose statement that differs from the one table
    statement (a second prose statement may agree with the table; it is then no side)."""
    by_key: dict[tuple[str, str, str, str], list[tuple[Decimal, Evidence, bool]]] = defaultdict(list)
    for key, value, ev, in_table in _funding_statements(report):
        by_key[key].append((value, ev, in_table))
    for (source, scope, period, attr), statements in by_key.items():
        tables = [s for s in statements if s[2]]
        if len(tables) != 1:
            continue
        table_value, table_ev, _ = tables[0]
        for value, ev, _ in (s for s in statements if not s[2] and s[0] != table_value):
            sides = [Side(f"{attr} (prose)", value, ev), Side(f"{attr} (table)", table_value, table_ev)]
            arithmetic = (f"{source} {attr} [{scope}, {period}]: prose {fmt(value)} (line {ev.line}); "
                          f"table {fmt(table_value)} (line {table_ev.line}); difference {fmt(value - table_value)} 万元")
            yield finding(report, "repeated-figure", "medium", arithmetic,
                          "exact: one funding amount has one value", sides)


# ---- a table row restated in prose

_RATE_HEADER = re.compile(r"率|度|%|％")
_MIN_ROW_LABEL = 3
_JUST_A_COUNT = re.compile(r"^(?:为|共|共有)?\d+(?:项|个)?$")  # "数量指标 57 项": the label names the count


def rate_cell(text: str) -> Printed | None:
    """A rate as a cell prints it: 93.60% or, under a header that says %, 94.43."""
    return cell_number(text.rstrip("%％").strip())


@dataclass(frozen=True, slots=True)
class RowRates:
    """A body row of a table with one rate column: its label, its counts and its rate cell."""

    table: Table
    label: str
    counts: frozenset[Decimal]
    rate: Cell
    printed: Printed


def rows_with_one_rate(table: Table) -> Iterator[RowRates]:
    width = len(table.header)
    rate_columns = [j for j, h in enumerate(table.header) if _RATE_HEADER.search(h)]
    labels = [_row_label(row) for row in table.rows]
    for row, label in zip(table.rows, labels, strict=True):
        if len(rate_columns) != 1 or len(row.cells) != width or label is None or labels.count(label) != 1:
            continue
        rate = row.cells[rate_columns[0]]
        printed = rate_cell(rate.norm)
        counts = frozenset(n.value for j, c in enumerate(row.cells)
                           if j != rate_columns[0] and (n := cell_number(c.norm)) is not None and n.places == 0)
        if printed is not None and counts:
            yield RowRates(table, label, counts, rate, printed)


def _row_label(row: Row) -> str | None:
    """The last text cell before the row's first number (产出指标 | 数量指标 | 57 … → 数量指标)."""
    label = None
    for cell in row.cells:
        if cell_number(cell.norm) is not None:
            break
        if cell.norm:
            label = cell.norm
    if label is None or len(label) < _MIN_ROW_LABEL or _TOTAL_LABEL.match(label):
        return None
    return label


def _restating_clause(report: AuditInput, figures: list[Figure], row: RowRates) -> Iterator[tuple[Figure, Figure]]:
    """(count, rate) of each prose clause that names the row's label, then one of its counts right
    after it ("数量指标 57 项"), and prints one rate before the clause ends (；/。)."""
    text = report.doc.text
    starts = [f.evidence.start for f in figures]
    for m in re.finditer(re.escape(row.label), text):
        if report.sentence_at(m.start()) is None or _table_row_at(report.doc, text.count("\n", 0, m.start()) + 1):
            continue
        end = min((i for i in (text.find("；", m.end()), text.find("。", m.end()), text.find(";", m.end()))
                   if i >= 0), default=len(text))
        nearby = figures[max(0, bisect_right(starts, m.start()) - 1):bisect_right(starts, end)]
        clause = [f for f in nearby if m.end() < f.evidence.end <= end]
        rates = [f for f in clause if f.unit == "%"]
        if not clause or clause[0].unit == "%" or clause[0].value not in row.counts or len(rates) != 1 \
                or not _JUST_A_COUNT.match(squeezed(text[m.end():clause[0].evidence.end])):
            continue
        yield clause[0], rates[0]


def _scope_of(report: AuditInput, line: int, value: Decimal) -> str | None:
    """The scope the extractor gave the figure printed with ``value`` on ``line``."""
    for node in report.nodes("Metric"):
        if node.evidence[0].line == line and node.attrs.get("value") == [value] and len(node.attrs.get("scope", [])) == 1:
            return getattr(node.attrs["scope"][0], "key", None)
    return None


def _restated_row_finding(report: AuditInput, row: RowRates, count: Figure, rate: Figure) -> Finding | None:
    places = percent_places(rate.evidence.quote, rate.value)
    if places is None or rate.approximate:
        return None
    table_scope, prose_scope = _scope_of(report, row.rate.line, row.printed.value), _scope_of(
        report, rate.evidence.line, rate.value)
    if table_scope is None or table_scope != prose_scope:
        return None
    coarser = min(places, row.printed.places)
    if round(rate.value, coarser) == round(row.printed.value, coarser):
        return None
    arithmetic = (f"表 {row.table.number} {row.label} ({fmt(count.value)}{count.unit}): "
                  f"{_header_of(row)} {fmt(row.printed.value, row.printed.places)} (line {row.rate.line}); "
                  f"prose {rate.name} {fmt(rate.value, places)}% (line {rate.evidence.line})")
    sides = [Side("table", row.printed.value, cell_evidence(report.key, row.rate)),
             figure_side("prose count", count), figure_side("prose rate", rate)]
    return finding(report, "repeated-figure", "medium", arithmetic,
                   "exact at the coarser of the two printed places: the prose restates the row", sides)


def _header_of(row: RowRates) -> str:
    return next(h for h in row.table.header if _RATE_HEADER.search(h))


def check_restated_rows(report: AuditInput) -> list[Finding]:
    """A prose clause that restates a table row (its label and one of its counts) with another rate."""
    figures = reading_order(report)
    return [f for table in report.doc.tables for row in rows_with_one_rate(table)
            for count, rate in _restating_clause(report, figures, row)
            if (f := _restated_row_finding(report, row, count, rate))]


# ---- a named thing printed with two dates

@dataclass(frozen=True, slots=True)
class Dated:
    """A named thing and the date printed with it: a plan with its span in brackets, an edition of an
    award or contest (第六届…) with the year before it."""

    thing: str  # what is dated, normalised so that two spellings of one thing agree
    label: str  # the thing as printed
    date: str
    evidence: Evidence


_BRACKETED_SPAN = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*[-—–~～至]+\s*((?:19|20)\d{2})\s*年?\s*[）)]")
_NAME_RUN = re.compile(r"[\u3400-\u9fff]+$")
_ISSUER = re.compile(r"^[\u3400-\u9fff]{0,8}?(?:部|厅|委员会|委|局|国务院|办公厅)$")  # 教育部 before a plan's name
_MIN_TITLE = 6
_EDITION = re.compile(r"第[一二三四五六七八九十百\d]+届")
_YEAR_BEFORE = re.compile(r"((?:19|20)\d{2})\s*年[^，,。；;、\d]{0,8}$")
_NAME_STOPS = re.compile(r".*(?:年|荣获|获得|获|在|参加|入选|被评为|的)")
_NAME_AFTER = re.compile(r"^[\u3400-\u9fff“”\"]+")


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


def _evidence_at(report: AuditInput, start: int, end: int) -> Evidence:
    text = report.doc.text
    return Evidence(report.key, start, end, text.count("\n", 0, start) + 1, text[start:end])


def bracketed_periods(report: AuditInput) -> Iterator[Dated]:
    """A name printed with its span in brackets: 《高等职业教育创新发展行动计划（2015-2018 年）》."""
    text = report.doc.text
    for m in _BRACKETED_SPAN.finditer(text):
        run = _NAME_RUN.search(squeezed(text[max(0, m.start() - 40):m.start()]))
        if run is None or report.sentence_at(m.start()) is None:
            continue
        name = _NAME_STOPS.sub("", run.group())  # "…入选教育部…行动计划": the name starts after the verb
        if len(name) < _MIN_TITLE:
            continue
        start = back_over(text, m.start(), len(name))
        yield Dated(name, name, f"{m.group(1)}-{m.group(2)}", _evidence_at(report, start, m.end()))


def edition_years(report: AuditInput) -> Iterator[Dated]:
    """An edition (第六届) of a named award or contest with the year printed just before it in its clause:
    "2019 年荣获柳州市第六届市长质量奖", "获得2020年第六届柳州市市长质量奖"."""
    text = report.doc.text
    for m in _EDITION.finditer(text):
        clause_start = max(text.rfind(ch, 0, m.start()) for ch in "，,。；;、\n") + 1
        before = squeezed(text[clause_start:m.start()])
        year = _YEAR_BEFORE.search(before)
        after = _NAME_AFTER.match(squeezed(text[m.end():m.end() + 40]))
        if year is None or after is None:
            continue
        prefix = _NAME_STOPS.sub("", before[year.end() - len(year.group()):])
        name = (prefix + after.group()).strip("“”\"")
        if len(name) < _MIN_TITLE:
            continue
        yield Dated(m.group() + name, f"{prefix}{m.group()}{after.group()}", year.group(1),
                    _evidence_at(report, back_over(text, m.start(), len(prefix)),
                                 forward_over(text, m.end(), len(after.group()))))


def same_thing(a: str, b: str) -> bool:
    """One name, or one of them with the issuing body put before it (教育部…)."""
    shorter, longer = sorted((a, b), key=len)
    return a == b or (longer.endswith(shorter) and _ISSUER.match(longer[:len(longer) - len(shorter)]) is not None)


def _date_findings(report: AuditInput, dated: list[Dated]) -> Iterator[Finding]:
    for i, a in enumerate(dated):
        for b in dated[i + 1:]:
            if a.date == b.date or not same_thing(a.thing, b.thing):
                continue
            arithmetic = (f"{a.label} dated {a.date} (line {a.evidence.line}); {b.label} dated {b.date} "
                          f"(line {b.evidence.line})")
            sides = [Side("dated", None, a.evidence), Side("dated", None, b.evidence)]
            yield finding(report, "repeated-figure", "medium", arithmetic,
                          "exact: one plan, one edition of an award, has one date", sides)


def check_dates(report: AuditInput) -> list[Finding]:
    """A plan printed with two spans, an edition of an award with two years, in one report."""
    return [*_date_findings(report, list(bracketed_periods(report))),
            *_date_findings(report, list(edition_years(report)))]


def check_repeated_funding(report: AuditInput) -> list[Finding]:
    return list(_funding_amount_findings(report))


def check_across_reports(reports: Sequence[AuditInput]) -> list[Finding]:
    """The same indicator, scope and period (a year or a span, identical) with different values
    in two reports of one school."""
    by_school: dict[str, list[AuditInput]] = defaultdict(list)
    for report in reports:
        by_school[report.school].append(report)
    found: list[Finding] = []
    for sisters in by_school.values():
        if len(sisters) < 2:
            continue
        claims = [c for r in sisters for c in metric_claims(r)]
        for group in _claim_groups(claims):
            if len({c.evidence.report for c in group}) < 2:
                continue
            owner = next(r for r in sisters if r.key == group[0].evidence.report)
            found.append(_repeated_finding(owner, group, "reports"))
    return found


# ---------------------------------------------------------------- the audit

Check = Callable[[AuditInput], list[Finding]]
CHECKS: dict[str, Check] = {
    "table-total": check_table_totals,
    "funding-rate": check_funding_rates,
    "rate-parts": check_rate_parts,
    "total-parts": check_total_parts,
    "shares": check_shares,
    "growth": check_growth,
    "count-list": check_count_list,
    "respectively": check_respectively,
    "repeated-figure": check_repeated_figures,
    "repeated-funding": check_repeated_funding,
    "restated-rows": check_restated_rows,
    "dates": check_dates,
}


def audit(documents: Sequence[Document], extracted: Sequence[Facts]) -> list[Finding]:
    """Every finding of every check over these reports (and across the reports of one school),
    in report and reading order, each span compared once."""
    inputs = [AuditInput(doc, facts) for doc, facts in zip(documents, extracted, strict=True)]
    found: list[Finding] = []
    for report in inputs:
        for check in CHECKS.values():
            found.extend(check(report))
    found.extend(check_across_reports(inputs))
    return with_figures(deduplicated(found), inputs)


def deduplicated(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per set of compared spans (a funding row and its table total can coincide)."""
    seen: set[frozenset[tuple[str, int, int]]] = set()
    kept = []
    for f in sorted(findings, key=lambda f: (f.report, f.sides[0].evidence.start, f.kind)):
        spans = frozenset((s.evidence.report, s.evidence.start, s.evidence.end) for s in f.sides)
        if spans in seen:
            continue
        seen.add(spans)
        kept.append(f)
    return kept


def with_figures(findings: list[Finding], inputs: Sequence[AuditInput]) -> list[Finding]:
    """Each finding with the Metric / FundingRecord nodes whose evidence overlaps one of its sides."""
    index: dict[str, list[tuple[int, int, NodeRef]]] = defaultdict(list)
    for report in inputs:
        for node in report.facts.nodes.values():
            if node.kind in {"Metric", "FundingRecord"}:
                index[report.key].extend((ev.start, ev.end, node.ref) for ev in node.evidence)
    result = []
    for f in findings:
        refs = set(f.figures)
        for side in f.sides:
            ev = side.evidence
            refs.update(ref for start, end, ref in index[ev.report] if start < ev.end and ev.start < end)
        result.append(Finding(f.kind, f.severity, f.report, f.school, f.arithmetic, f.tolerance, f.sides,
                              f.reports, tuple(sorted(refs))))
    return result


# ---------------------------------------------------------------- as plain data

def finding_dict(f: Finding) -> dict[str, object]:
    zh, en = KINDS[f.kind]
    return {
        "id": f.key, "kind": f.kind, "kind_zh": zh, "kind_en": en, "severity": f.severity,
        "report": f.report, "reports": list(f.reports), "school": f.school, "arithmetic": f.arithmetic,
        "tolerance": f.tolerance, "lines": f.lines,
        "sides": [{"role": s.role, "value": None if s.value is None else fmt(s.value), "report": s.evidence.report,
                   "line": s.evidence.line, "start": s.evidence.start, "end": s.evidence.end,
                   "quote": s.evidence.quote} for s in f.sides],
        "figures": [str(node_iri(ref)) for ref in f.figures],
    }


# ---------------------------------------------------------------- as RDF

def inconsistency_iri(f: Finding) -> URIRef:
    return iri("Inconsistency", f.key)


def finding_triples(f: Finding) -> Iterator[tuple[Term, Term, Term]]:
    node = inconsistency_iri(f)
    zh, en = KINDS[f.kind]
    yield node, RDF.type, SG.Inconsistency
    yield node, RDFS.label, Literal(f"{zh}：{f.arithmetic}", lang="zh")
    yield node, RDFS.label, Literal(f"{en}: {f.arithmetic}", lang="en")
    yield node, SG.inconsistencyKind, Literal(f.kind)
    yield node, SG.severity, Literal(f.severity)
    yield node, SG.arithmetic, Literal(f.arithmetic)
    yield node, SG.tolerance, Literal(f.tolerance)
    for report in f.reports:
        yield node, SG.foundIn, iri("Report", report)
    for ref in f.figures:
        yield node, SG.compares, node_iri(ref)
    for side in f.sides:
        yield node, PROV.wasDerivedFrom, evidence_iri(side.evidence)
        yield from evidence_triples(side.evidence)
    yield node, SG.sideCount, Literal(len(f.sides), datatype=XSD.integer)


def audit_quads(findings: Iterable[Finding]) -> Iterator[Quad]:
    """Each finding in the graph of every report it reads from."""
    for f in findings:
        triples = list(finding_triples(f))
        for report in f.reports:
            graph = graph_iri(report)
            for s, p, o in triples:
                yield s, p, o, graph
