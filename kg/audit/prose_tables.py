"""Prose against tables of the same report: a funding amount against its table row, a prose clause
restating a table row, a growth against the two years of a table row."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from kg.audit.indicators import normalised_name
from kg.audit.model import (
    AuditInput,
    Finding,
    Printed,
    Side,
    cell_evidence,
    cell_number,
    finding,
    fmt,
    percent_places,
    rate_tolerance,
    ratio_misses,
    squeezed,
    table_row_at,
)
from kg.audit.prose import COMPARISON, Figure, figure_side, reading_order
from kg.audit.tables import TOTAL_LABEL, amount_evidence
from loaders.document.model import Cell, Row, Table
from loaders.facts import Evidence, Node

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
            ev = amount_evidence(report, record, values[0])
            in_table = table_row_at(report.doc, ev.line) is not None
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


_RATE_HEADER = re.compile(r"率|度|%|％")
_MIN_ROW_LABEL = 3
_MIN_TOTAL_COUNT = 10
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
    """The rows of a table with exactly one rate column whose label is printed once."""
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
    if label is None or (len(label) < _MIN_ROW_LABEL and not TOTAL_LABEL.match(label)):
        return None
    return label


def _restating_statements(report: AuditInput, figures: list[Figure], row: RowRates) -> Iterator[tuple[Figure, Figure]]:
    """(count, rate) of each prose statement (to ；/。) that prints two or more of a total row's counts
    (each at least ``_MIN_TOTAL_COUNT``, so that they cannot agree by chance) and one rate."""
    starts = [f.evidence.start for f in figures]
    for sentence in report.sentences:
        statement = figures[bisect_right(starts, sentence.start - 1):bisect_right(starts, sentence.end - 1)]
        counts = [f for f in statement if f.unit != "%" and f.value in row.counts and f.value >= _MIN_TOTAL_COUNT]
        rates = [f for f in statement if f.unit == "%"]
        if len({f.value for f in counts}) >= 2 and len(rates) == 1 \
                and table_row_at(report.doc, rates[0].evidence.line) is None:
            yield counts[0], rates[0]


def _restating_clause(report: AuditInput, figures: list[Figure], row: RowRates) -> Iterator[tuple[Figure, Figure]]:
    """(count, rate) of each prose clause that names the row's label, then one of its counts right
    after it ("数量指标 57 项"), and prints one rate before the clause ends (；/。). A total row (合计)
    has no label prose would print: a statement restates it by printing two of its counts."""
    if TOTAL_LABEL.match(row.label):
        yield from _restating_statements(report, figures, row)
        return
    text = report.doc.text
    starts = [f.evidence.start for f in figures]
    for m in re.finditer(re.escape(row.label), text):
        if report.sentence_at(m.start()) is None or table_row_at(report.doc, text.count("\n", 0, m.start()) + 1):
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


def check_repeated_funding(report: AuditInput) -> list[Finding]:
    """A funding amount printed in prose with another value than its table row."""
    return list(_funding_amount_findings(report))


# ---- a value and its change since a year, against the rows of those two years in a table

_CHANGE_SINCE = re.compile(r"^(?:比|较)((?:19|20)\d{2})年(?:同期)?(增加|增长|增多|提高|减少|下降)了?\d")
_MIN_HEADER_WORD = 3  # the words of the columns' headers the value's sentence must print (国家级)


@dataclass(frozen=True, slots=True)
class ColumnRun:
    """Adjacent columns of a table whose rows are years: their whole numbers in one year's row and in an
    earlier year's row."""

    table: Table
    current: tuple[tuple[Cell, Decimal], ...]
    earlier: tuple[tuple[Cell, Decimal], ...]


def year_row(table: Table, year: int) -> Row | None:
    """The row of a table headed by ``year`` (2021 年) in its first cell, as wide as the header."""
    return next((r for r in table.rows if len(r.cells) == len(table.header) and r.cells
                 and (m := _YEAR_HEADER.match(r.cells[0].norm.strip())) and int(m.group(1)) == year), None)


def whole_numbers(cells: Sequence[Cell]) -> list[tuple[Cell, Decimal]] | None:
    """Each cell with the whole number it prints; None when one prints something else."""
    numbers = [(c, n) for c in cells if (n := cell_number(c.norm)) is not None and not n.places]
    return [(c, n.value) for c, n in numbers] if len(numbers) == len(cells) else None


def _column_runs(current: Row, total: Decimal) -> list[tuple[int, int]]:
    """(first, last) column of every run of whole numbers in ``current`` (after its year) adding up to ``total``."""
    runs = []
    for first in range(1, len(current.cells)):
        added = Decimal(0)
        for last in range(first, len(current.cells)):
            number = cell_number(current.cells[last].norm)
            if number is None or number.places:
                break
            added += number.value
            if added == total:
                runs.append((first, last))
    return runs


def _named_by(sentence: str, headers: list[str]) -> bool:
    """The sentence prints the opening words the headers share (国家级 of 国家级…一等奖, 国家级…二等奖)."""
    shared = headers[0]
    for header in headers[1:]:
        while not header.startswith(shared):
            shared = shared[:-1]
    return any(shared[:n] in sentence for n in range(len(shared), _MIN_HEADER_WORD - 1, -1))


def columns_of(report: AuditInput, value: Figure, year: int, earlier: int) -> ColumnRun | None:
    """The one run of adjacent columns of one table whose cells in the ``year`` row add up to the value
    and whose headers the value's sentence names; None when there is none or more than one."""
    sentence = squeezed(report.doc.text[value.sentence.start:value.evidence.end])
    found = []
    for table in report.doc.tables:
        current, before = year_row(table, year), year_row(table, earlier)
        if current is None or before is None:
            continue
        for first, last in _column_runs(current, value.value):
            now, then = whole_numbers(current.cells[first:last + 1]), whole_numbers(before.cells[first:last + 1])
            if now and then and _named_by(sentence, [h.strip() for h in table.header[first:last + 1]]):
                found.append(ColumnRun(table, tuple(now), tuple(then)))
    return found[0] if len(found) == 1 else None


def _change_since_finding(report: AuditInput, value: Figure, change: Figure) -> Finding | None:
    since = _CHANGE_SINCE.match(squeezed(change.evidence.quote))
    period = str((value.node.attrs.get("period") or [""])[0])
    if since is None or not period.isdigit() or int(since.group(1)) >= int(period):
        return None
    run = columns_of(report, value, int(period), int(since.group(1)))
    if run is None:
        return None
    earlier, word = since.groups()
    implied = value.value + (change.value if word in {"减少", "下降"} else -change.value)
    table_value = sum((n for _, n in run.earlier), Decimal(0))
    if table_value == implied:
        return None
    now, then = (" + ".join(fmt(n) for _, n in cells) for cells in (run.current, run.earlier))
    arithmetic = (f"{value.name} {period}: {fmt(value.value)}{value.unit} (表 {run.table.number}: {now}), "
                  f"{word} {fmt(change.value)} since {earlier} → {earlier} would be {fmt(implied)}; "
                  f"表 {run.table.number} {earlier}: {then} = {fmt(table_value)}")
    sides = [figure_side("value", value), figure_side("change", change),
             *(Side(f"table {period}", n, cell_evidence(report.key, c)) for c, n in run.current),
             *(Side(f"table {earlier}", n, cell_evidence(report.key, c)) for c, n in run.earlier)]
    return finding(report, "repeated-figure", "medium", arithmetic,
                   "exact: the value less its change is the earlier year's row", sides)


def _value_and_change(figures: list[Figure]) -> Iterator[tuple[Figure, Figure]]:
    """(value, change) where a change since a year (比 2021 年增加了 5 项) follows a value of its unit in one
    sentence, shares printed between them passed over."""
    for k, change in enumerate(figures):
        if change.unit == "%" or change.approximate or not COMPARISON.match(change.evidence.quote):
            continue
        before = [f for f in figures[:k] if f.sentence == change.sentence and f.unit != "%"]
        if before and before[-1].unit == change.unit and not before[-1].approximate:
            yield before[-1], change


def check_change_since(report: AuditInput) -> list[Finding]:
    """A value and its change since a year, against the sum of the table columns that give the value in
    the value's year: the same columns in the earlier year's row must hold the value less the change."""
    if not report.doc.tables:
        return []
    return [f for value, change in _value_and_change(reading_order(report))
            if (f := _change_since_finding(report, value, change))]
