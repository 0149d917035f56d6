"""Checks within tables: a total row or column against what it totals (``table-total``), a funding
row's rates against its amounts (``funding-rate``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from kg.audit.model import (
    EMPTY_CELL,
    AuditInput,
    Finding,
    Printed,
    Side,
    cell_evidence,
    cell_number,
    finding,
    fmt,
    is_capped,
    percent_places,
    rate_slack,
    rate_tolerance,
    sum_tolerance,
    table_row_at,
    tolerance_text,
    unit_of_place,
)
from loaders.document.model import Cell, Row, Table
from loaders.facts import Evidence, Node

TOTAL_LABEL = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|共\s*计|总\s*数)[:：]?$")
_NOT_ADDITIVE = re.compile(r"率|度|%|％|占比|比例|比重|平均|均值|人均|排名|名次|序号|编号|年份|年度|时间|日期|得分|分数")


def is_total_row(row: Row) -> bool:
    labels = [c.norm for c in row.cells[:2] if c.norm]
    return bool(labels) and TOTAL_LABEL.match(labels[0]) is not None


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
    if len(total.cells) < width and not TOTAL_LABEL.match(total.cells[0].norm):
        return None  # a short total row lines up on the right only when it opens with its label
    return width - len(total.cells), numeric


def _column_values(parts: list[Row], column: int) -> list[tuple[Cell, Printed]] | None:
    """The numbers of one column of the part rows (empty cells and dashes count as nothing);
    None when a cell holds text."""
    values = []
    for row in parts:
        cell = row.cells[column]
        number = cell_number(cell.norm)
        if number is None and not EMPTY_CELL.match(cell.norm):
            return None
        if number is not None:
            values.append((cell, number))
    return values


def _header(table: Table, column: int, width: int) -> str:
    return table.header[column] if len(table.header) == width and column < width else ""


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
    columns = [j for j, h in enumerate(table.header) if TOTAL_LABEL.match(h.split("（")[0].split("(")[0])]
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
            if EMPTY_CELL.match(cell.norm) and cell.norm:
                continue
            break
        run.append((cell, number))
    return list(reversed(run)) if len(run) >= 2 else None


def check_table_totals(report: AuditInput) -> list[Finding]:
    """Every total row and total column of every table against what it totals."""
    found: list[Finding] = []
    for table in report.doc.tables:
        found.extend(_total_row_findings(report, table))
        found.extend(_total_column_findings(report, table))
    return found


_RATE_FORMULAS = {  # rate attribute -> (numerator, denominators it may be printed against)
    "receivedRate": ("received", ("budget",)),
    "executionRate": ("spent", ("budget", "received")),
}


def _rate_printed(report: AuditInput, record: Node, rate: Decimal, numerator: Decimal) -> tuple[Evidence, int] | None:
    """Where the rate of a funding record is printed and with how many decimals: the cell of its
    table row that also prints the rate's numerator, or a keyed rate figure of the same scope."""
    for line in sorted({ev.line for ev in record.evidence}):
        row = table_row_at(report.doc, line)
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


def amount_evidence(report: AuditInput, record: Node, value: Decimal) -> Evidence:
    """The evidence of a record where ``value`` is printed (its table cell), else its first evidence."""
    for ev in record.evidence:
        row = table_row_at(report.doc, ev.line)
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
    tolerance = rate_slack(places)
    ratios = [(d, v, numerator / v * 100) for d, v in pairs]
    if any(abs(ratio - rate) <= tolerance for _, _, ratio in ratios) or is_capped(rate, (r for _, _, r in ratios)):
        return None
    name = record.label
    worked = "; ".join(f"{numerator_attr}/{d} = {fmt(numerator)}/{fmt(v)} = {ratio:.{places + 2}f}%"
                       for d, v, ratio in ratios)
    gap = min(abs(ratio - rate) for _, _, ratio in ratios)
    cut = " (cut, not rounded)" if gap < unit_of_place(places) else ""
    arithmetic = f"{name} {rate_attr}: printed {fmt(rate, places)}%; {worked}{cut}"
    sides = [Side(rate_attr, rate, rate_evidence),
             Side(numerator_attr, numerator, amount_evidence(report, record, numerator)),
             *(Side(d, v, amount_evidence(report, record, v)) for d, v in pairs)]
    severity = "high" if gap >= 1 else "low"
    return finding(report, "funding-rate", severity, arithmetic, rate_tolerance(places), sides)


def check_funding_rates(report: AuditInput) -> list[Finding]:
    """Each funding row's 到位率 and 执行率 against its amounts."""
    found = []
    for record in report.nodes("FundingRecord"):
        for rate_attr in _RATE_FORMULAS:
            result = _funding_rate_finding(report, record, rate_attr)
            if result:
                found.append(result)
    return found
