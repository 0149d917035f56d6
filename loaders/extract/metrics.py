"""Key figures as sg:Metric: a trigger phrase (data/lexicon/metric_triggers.csv) + the number after it.

Prose: "任务完成率98.33%", "自评分97.25分", "本地就业率达73%", "横向技术服务到款额 1814.15 万元" — the
first quantity after the trigger (within a short window, same clause) whose unit fits the trigger's
unit (%, 分, 万元 (亿元/元 converted), 人, 项).
Tables: a column whose header is a trigger ("指标值完成度") gives one metric per row, named by the
row's label cells; an indicator table (指标 | 单位 | 2022 年 | 2023 年) gives one metric per row and
year column.

Scope: the group named in the sentence/row/caption (or heading), else the school. Period: the years
printed in the sentence or column, else the report's period. Key:
``{school code}-{metric key}-{scope}-{period}-{name}-{value}`` — a figure repeated merges, two different
values for one figure stay two metrics (a contradiction worth seeing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.ids import slug
from loaders.document.model import Cell, Document, Heading, Row, Span, Table
from loaders.extract import recogniser
from loaders.extract.common import apply_each, heading_titles, new_node, norm_evidence, school_ref
from loaders.extract.groups import add_group, group_mentions, level_in_context
from loaders.extract.lexicon import MetricTrigger, metric_triggers
from loaders.extract.numbers import (
    Quantity,
    find_period,
    find_quantities,
    money_in_wan,
    parse_decimal,
    period_label,
)
from loaders.extract.tables import normalise_header
from loaders.facts import Evidence, Facts, NodeRef

RULE = "metrics"
_WINDOW = 14  # characters allowed between a trigger and its number
_UNIT_FITS: dict[str, set[str]] = {
    "%": {"%"}, "分": {"分"}, "万元": {"万元", "亿元", "元", "千元"}, "人": {"人", "名"}, "项": {"项"}, "元": {"元"},
}
_CHANGED_TO = re.compile(r"\s*(?:提升|提高|增长|上升|增加|下降|降低)?(?:至|到)")
_CLAUSE_BREAK = re.compile(r"[。；;，,]")
_YEAR_COLUMN = re.compile(r"^((?:19|20)\d{2})\s*年?(?:度)?$")
_UNIT_COLUMN = re.compile(r"^单位$")
_NAME_COLUMN = re.compile(r"^(?:指标|项目|指标名称|名称|内容)$")
_SINGLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*[-—–~～至到])")


@dataclass(frozen=True, slots=True)
class Figure:
    trigger: MetricTrigger
    name: str  # as printed
    value: Decimal
    unit: str
    start: int  # trigger start … number end, in the searched text
    end: int


def _fits(trigger: MetricTrigger, quantity: Quantity) -> Decimal | None:
    if quantity.unit not in _UNIT_FITS.get(trigger.unit, {trigger.unit}):
        return None
    if trigger.unit == "万元":
        return money_in_wan(quantity.value, quantity.unit)
    return quantity.value


def _final_value(text: str, offset: int, fitting: list[tuple[Quantity, Decimal]]) -> tuple[Quantity, Decimal]:
    """The first fitting number, or the one it rose/fell to ("从90.55%提升至92.63%")."""
    first = fitting[0]
    if len(fitting) > 1 and _CHANGED_TO.match(text, offset + first[0].end):
        return fitting[1]
    return first


def _trigger_hits(text: str) -> list[tuple[int, int, MetricTrigger]]:
    """Non-overlapping trigger matches; at one position the longest (then the first listed) wins."""
    hits = sorted(((m.start(), m.end(), t) for t in metric_triggers() for m in t.pattern.finditer(text) if m.end() > m.start()),
                  key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, MetricTrigger]] = []
    for hit in hits:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def figures_in(text: str) -> list[Figure]:
    """Key figures stated in a sentence."""
    hits = _trigger_hits(text)
    figures = []
    for index, (start, end, trigger) in enumerate(hits):
        limit = min(end + _WINDOW, hits[index + 1][0] if index + 1 < len(hits) else len(text))
        between = _CLAUSE_BREAK.search(text, end, limit)
        limit = between.start() if between else limit
        # look a little past the limit only for "从 X 提升至 Y"
        fitting = [(q, v) for q in find_quantities(text[end:limit + _WINDOW]) if (v := _fits(trigger, q)) is not None]
        if not fitting or fitting[0][0].start >= limit - end:
            continue
        quantity, value = _final_value(text, end, fitting)
        figures.append(Figure(trigger, text[start:end], value, trigger.unit, start, end + quantity.end))
    return figures


def add_metric(doc: Document, facts: Facts, name: str, key: str, value: Decimal, unit: str, period: str,
               scope: NodeRef, evidence: Evidence) -> NodeRef:
    node = new_node("Metric", slug(f"{doc.meta.school_code}-{key}-{scope.key}-{period}-{name}-{value}"), name, RULE, evidence)
    node.add("metricName", name)
    node.add("metricKey", key)
    node.add("value", value)
    node.add("unit", unit)
    node.add("period", period)
    node.add("scope", scope)
    return facts.node(node)


def _scope(doc: Document, facts: Facts, span: Span, upto: int, context: str) -> NodeRef | None:
    groups = [g for g in group_mentions(span.norm) if g.start < upto]
    if not groups:
        return None
    g = groups[-1]
    return add_group(doc, facts, span.norm[g.start:g.end], norm_evidence(doc, span, g.start, g.end),
                     level_in_context(span.norm[:g.start], context, span.norm[g.end:]))


def _period(doc: Document, text: str) -> str:
    found = find_period(text)
    if found:
        return period_label(found[2])
    single = _SINGLE_YEAR.search(text)
    if single:
        return single.group(1)
    return doc.meta.period or "undated"


def _sentence_metrics(doc: Document, facts: Facts, span: Span, heading: Heading | None) -> None:
    context = f"{heading_titles(heading)} {doc.meta.title}"
    heading_scope = _scope(doc, facts, heading, len(heading.norm), context) if heading is not None else None
    for figure in figures_in(span.norm):
        scope = _scope(doc, facts, span, figure.start, context) or heading_scope or school_ref(doc)
        add_metric(doc, facts, figure.name, figure.trigger.key, figure.value, figure.unit,
                   _period(doc, span.norm[:figure.end]), scope,
                   norm_evidence(doc, span, figure.start, figure.end))


def _trigger_of(name: str) -> MetricTrigger | None:
    hits = _trigger_hits(name)
    return hits[0][2] if hits else None


def _cell(row: Row, index: int) -> Cell | None:
    return row.cells[index] if index < len(row.cells) and row.cells[index].norm.strip() else None


def _row_label(row: Row, before: int) -> Cell | None:
    """The last non-numeric cell left of column ``before`` (the row's name)."""
    for cell in reversed(row.cells[:before]):
        if cell.norm.strip() and parse_decimal(cell.norm.rstrip("%％")) is None:
            return cell
    return None


def _table_value(text: str, unit: str) -> Decimal | None:
    text = text.strip().rstrip("*")
    if unit == "%":
        text = text.rstrip("%％")
    return parse_decimal(text)


def _table_metrics(doc: Document, facts: Facts, table: Table) -> None:
    header = [normalise_header(h) for h in table.header]
    scope = _scope(doc, facts, table, len(table.norm), f"{table.norm} {doc.meta.title}") or school_ref(doc)
    table_period = _period(doc, table.norm)
    trigger_columns = [(i, t) for i, h in enumerate(header) if (t := _trigger_of(h)) and not t.key.startswith("funding-")]
    year_columns = [(i, m.group(1)) for i, h in enumerate(header) if (m := _YEAR_COLUMN.match(h))]
    unit_column = next((i for i, h in enumerate(header) if _UNIT_COLUMN.match(h)), None)
    name_column = next((i for i, h in enumerate(header) if _NAME_COLUMN.match(h)), None)

    def one_row(row: Row) -> None:
        for index, trigger in trigger_columns:
            cell, label = _cell(row, index), _row_label(row, index)
            value = _table_value(cell.norm, trigger.unit) if cell else None
            if value is not None and label is not None:
                add_metric(doc, facts, f"{label.norm} {table.header[index].strip()}", trigger.key, value, trigger.unit,
                           table_period, scope, norm_evidence(doc, cell, 0, len(cell.norm)))
        if not year_columns or name_column is None or unit_column is None:
            return
        label, unit = _cell(row, name_column), _cell(row, unit_column)
        if label is None or unit is None:
            return
        name = label.norm.rstrip("*").removeprefix("其中：").removeprefix("其中:")
        trigger = _trigger_of(name)
        key = trigger.key if trigger else slug(name)
        for index, year in year_columns:
            cell = _cell(row, index)
            value = _table_value(cell.norm, unit.norm) if cell else None
            if value is not None:
                add_metric(doc, facts, name, key, value, unit.norm, year, scope, norm_evidence(doc, cell, 0, len(cell.norm)))

    apply_each(table.rows, "metric row", one_row)


@recogniser(RULE)
def extract_metrics(doc: Document, facts: Facts) -> None:
    for paragraph in doc.paragraphs:
        apply_each(paragraph.sentences, "metric sentence",
                   lambda s, h=paragraph.heading: _sentence_metrics(doc, facts, s, h))
    apply_each(doc.tables, "metric table", lambda t: _table_metrics(doc, facts, t))
