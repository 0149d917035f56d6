"""Key figures as sg:Metric: a trigger phrase (data/lexicon/metric_triggers.csv) + the number after it.

Prose: "任务完成率98.33%", "自评分97.25分", "本地就业率达73%", "横向技术服务到款额 1814.15 万元" — the
first quantity after the trigger (within a short window, same clause) whose unit fits the trigger's
unit (%, 分, 万元 (亿元/元 converted), 人/名, 项, 人日/万人日 (kept as printed, like the answer keys' counts)). A parenthesis right after the
trigger is skipped; when the trigger's clause ends with no figure, the next clause is read if it opens
with a value word ("满意度较高，平均为96.5%", "教师493人，占比71.5%"). "从X提升至Y" reads Y (and Y's year).
A bare trigger (key ``@income`` "到款额", ``@completion`` "完成率") takes the key of the nearest topic word
before it in the sentence (data/lexicon/metric_topics.csv: "技术服务…，到款额569.1万元" →
technical-service-income, "标志性成果…完成1022项，完成率79.91%" → landmark-achievement-completion-rate);
without one it is no figure (a table column headed just 完成率 says nothing).
Tables: a column whose header is a trigger ("指标值完成度") gives one metric per row, named by the
row's label cells; an indicator table (指标 | 单位 | 2022 年 | 2023 年) gives one metric per row and
year column.

Scope: the group named in the sentence/row/caption, else in the heading or an enclosing heading (a bare
本专业群 / 专业群层面 is the report's own group, see :func:`groups.own_group`), else the school. Period:
the years printed in the sentence or column ("2021 届" a cohort's year; "截至 2021 年底" is a cut-off, not a
period), else the report's period. Key:
``{school code}-{metric key}-{scope}-{period}-{name}-{value}`` — a figure repeated merges, two different
values for one figure stay two metrics (a contradiction worth seeing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from loaders.document.model import Cell, Document, Heading, Paragraph, Row, Sentence, Span, Table
from loaders.extract import recogniser
from loaders.extract.common import (
    apply_each,
    heading_titles,
    new_node,
    norm_evidence,
    school_ref,
)
from loaders.extract.lexicon import MetricTrigger, metric_topics, metric_triggers
from loaders.extract.numbers import (
    Quantity,
    find_quantities,
    money_in_wan,
    parse_decimal,
)
from loaders.extract.scope import (
    SINGLE_YEAR,
    ScopeContext,
    heading_scope,
    named_scope,
    paragraph_topics,
    period_of,
    scope_context,
)
from loaders.extract.tables import normalise_header
from loaders.facts import Evidence, Facts, NodeRef
from loaders.keys import slug

RULE = "metrics"
_WINDOW = 14  # characters allowed between a trigger and its number
_CLAUSE_GAP = 16  # characters a clause may run on after a trigger before the next clause is read
_UNIT_FITS: dict[str, set[str]] = {
    "%": {"%"}, "分": {"分"}, "万元": {"万元", "亿元", "元", "千元"}, "人": {"人", "名"}, "项": {"项"}, "元": {"元"},
    "人日": {"人日", "万人日"}, "个": {"个"},
}
_CHANGED_TO = re.compile(r"\s*(?:提升|提高|增长|上升|增加|下降|降低)?(?:至|到)")
_CLAUSE_BREAK = re.compile(r"[。；;，,]")
_PARENTHESIS = re.compile(r"\s*[（(][^（()）]*[）)]")
# Words that open a clause carrying the figure of the clause before ("…较高，平均为96.5%").
_VALUE_LEAD = re.compile(r"\s*(?:占比|比例为|比重为|平均(?:为|达到?)?|均(?:为|达到?|在)|分别为|为|达到?|从|提升至|提高到|保持在|约)")
_CLAUSE_CONTINUES = re.compile(r"[；;]\s*$")
_YEAR_COLUMN = re.compile(r"^((?:19|20)\d{2})\s*(?:年度?|届)?$")  # "2022 年", a cohort "2022 届"
_UNIT_COLUMN = re.compile(r"^单位$")
_NAME_COLUMN = re.compile(r"^(?:指标|项目|指标名称|名称|内容)$")


@dataclass(frozen=True, slots=True)
class Figure:
    trigger: MetricTrigger
    name: str  # as printed
    value: Decimal
    unit: str
    start: int  # trigger start … number end, in the searched text
    end: int
    year: str | None = None  # the year printed with a changed-to value ("提升至2021年的95%")


def _fits(trigger: MetricTrigger, quantity: Quantity) -> tuple[Decimal, str] | None:
    """The quantity's value and unit when its unit fits the trigger (money → 万元; a volume stays as printed)."""
    if quantity.unit not in _UNIT_FITS.get(trigger.unit, {trigger.unit}):
        return None
    if trigger.unit == "万元":
        return money_in_wan(quantity.value, quantity.unit), trigger.unit
    return quantity.value, quantity.unit


Fitting = tuple[Quantity, tuple[Decimal, str]]


def _final_value(text: str, offset: int, fitting: list[Fitting]) -> tuple[Fitting, bool]:
    """The first fitting number, or the one it rose/fell to ("从90.55%提升至92.63%"); True when changed-to."""
    first = fitting[0]
    if len(fitting) > 1 and _CHANGED_TO.match(text, offset + first[0].end):
        return fitting[1], True
    return first, False


def _trigger_hits(text: str) -> list[tuple[int, int, MetricTrigger]]:
    """Non-overlapping trigger matches; at one position the longest (then the first listed) wins."""
    hits = sorted(((m.start(), m.end(), t) for t in metric_triggers() for m in t.pattern.finditer(text) if m.end() > m.start()),
                  key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, MetricTrigger]] = []
    for hit in hits:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    resolved = [(start, end, _resolve_topic(text, start, trigger)) for start, end, trigger in kept]
    return [(start, end, trigger) for start, end, trigger in resolved if trigger is not None]


def _resolve_topic(text: str, start: int, trigger: MetricTrigger) -> MetricTrigger | None:
    """A bare trigger takes the key of the nearest topic word before it ("培训量…，到款额925万元"); None without one."""
    if not trigger.key.startswith("@"):
        return trigger
    words = metric_topics().get(trigger.key, ())
    topics = [(m.start(), key) for pattern, key in words for m in pattern.finditer(text, 0, start)]
    if not topics:
        return None
    return MetricTrigger(trigger.pattern, max(topics)[1], trigger.unit)


def _fitting_in(text: str, trigger: MetricTrigger, begin: int, limit: int) -> list[Fitting]:
    """Fitting numbers from ``begin`` (offsets relative to it); a little past ``limit`` for "从X提升至Y"."""
    return [(q, fit) for q in find_quantities(text[begin:limit + _WINDOW]) if (fit := _fits(trigger, q)) is not None]


def _clause_limit(text: str, begin: int, bound: int) -> int:
    limit = min(begin + _WINDOW, bound)
    between = _CLAUSE_BREAK.search(text, begin, limit)
    return between.start() if between else limit


def _next_clause(text: str, begin: int, bound: int) -> int | None:
    """Start of the value in the next clause when this one runs out within a few characters."""
    between = _CLAUSE_BREAK.search(text, begin, min(begin + _CLAUSE_GAP + 1, bound))
    if between is None or text[between.start()] in "。；;":
        return None
    lead = _VALUE_LEAD.match(text, between.end())
    return between.end() if lead and lead.end() < bound else None


def _figure_value(text: str, trigger: MetricTrigger, end: int, bound: int) -> tuple[int, Fitting, bool] | None:
    """(offset the value was searched from, the value, changed-to?) for a trigger ending at ``end``."""
    skipped = _PARENTHESIS.match(text, end)
    starts = [skipped.end() if skipped else end]
    following = _next_clause(text, starts[0], bound)
    if following is not None:
        starts.append(following)
    for begin in starts:
        limit = _clause_limit(text, begin, bound)
        fitting = _fitting_in(text, trigger, begin, limit)
        if fitting and fitting[0][0].start < limit - begin:
            value, changed = _final_value(text, begin, fitting)
            return begin, value, changed
    return None


def figures_in(text: str) -> list[Figure]:
    """Key figures stated in a sentence."""
    hits = _trigger_hits(text)
    figures = []
    for index, (start, end, trigger) in enumerate(hits):
        bound = hits[index + 1][0] if index + 1 < len(hits) else len(text)
        found = _figure_value(text, trigger, end, bound)
        if found is None:
            continue
        begin, (quantity, (value, unit)), changed = found
        value_end = begin + quantity.end
        year = _last_year(text[:value_end]) if changed else None
        figures.append(Figure(trigger, text[start:end], value, unit, start, value_end, year))
    return figures


def _last_year(text: str) -> str | None:
    years = SINGLE_YEAR.findall(text)
    return years[-1] if years else None


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


def _sentence_metrics(ctx: ScopeContext, span: Span, heading: Heading | None, carried: NodeRef | None,
                      topic: NodeRef | None = None) -> NodeRef | None:
    """Add the sentence's figures; return the scope a following clause inherits (after "；" only)."""
    doc = ctx.doc
    context = f"{heading_titles(heading)} {doc.meta.title}"
    under_heading = heading_scope(ctx, heading, context)
    for figure in figures_in(span.norm):
        scope = named_scope(ctx, span, figure.end, context) or carried or topic or under_heading or school_ref(doc)
        add_metric(doc, ctx.facts, figure.name, figure.trigger.key, figure.value, figure.unit,
                   figure.year or period_of(doc, span.norm[:figure.end]), scope,
                   norm_evidence(doc, span, figure.start, figure.end))
    if not _CLAUSE_CONTINUES.search(span.norm):
        return None
    return named_scope(ctx, span, len(span.norm), context) or carried


def _paragraph_metrics(ctx: ScopeContext, paragraph: Paragraph, topic: NodeRef | None = None) -> None:
    """A clause after "；" keeps the subject of the clause before it ("专业群…任务完成率 97.71%；绩效指标完成率 98.12%");
    a figure with no subject of its own takes the paragraph's ``topic`` (see :func:`paragraph_topic`)."""
    carried: NodeRef | None = None

    def one_sentence(sentence: Sentence) -> None:
        nonlocal carried
        carried = _sentence_metrics(ctx, sentence, paragraph.heading, carried, topic)

    apply_each(paragraph.sentences, "metric sentence", one_sentence)


def indicator_key(name: str, unit: str) -> str | None:
    """The indicator key of a figure named ``name`` printed in ``unit`` (a known trigger whose unit fits), else None."""
    trigger = trigger_of(name)
    if trigger is None or (unit or "") not in _UNIT_FITS.get(trigger.unit, {trigger.unit}):
        return None
    return trigger.key


def trigger_of(name: str) -> MetricTrigger | None:
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


def merged_header(header: tuple[str, ...]) -> list[str]:
    """Header cells with a lone "年"/"年度" cell joined to the year before it ("2022", "年" → "2022年")."""
    merged: list[str] = []
    for cell in header:
        if merged and cell.strip() in ("年", "年度") and _YEAR_COLUMN.match(normalise_header(merged[-1])):
            merged[-1] = f"{merged[-1].strip()}{cell.strip()}"
        else:
            merged.append(cell)
    return merged


def _table_metrics(ctx: ScopeContext, table: Table) -> None:
    doc, facts = ctx.doc, ctx.facts
    printed = merged_header(table.header)
    header = [normalise_header(h) for h in printed]
    context = f"{table.norm} {doc.meta.title}"
    scope = (named_scope(ctx, table, len(table.norm), context) or heading_scope(ctx, table.heading, context)
             or school_ref(doc))
    table_period = period_of(doc, table.norm)
    trigger_columns = [(i, t) for i, h in enumerate(header) if (t := trigger_of(h)) and not t.key.startswith("funding-")]
    year_columns = [(i, m.group(1)) for i, h in enumerate(header) if (m := _YEAR_COLUMN.match(h))]
    unit_column = next((i for i, h in enumerate(header) if _UNIT_COLUMN.match(h)), None)
    name_column = next((i for i, h in enumerate(header) if _NAME_COLUMN.match(h)), None)

    def one_row(row: Row) -> None:
        for index, trigger in trigger_columns:
            cell, label = _cell(row, index), _row_label(row, index)
            value = _table_value(cell.norm, trigger.unit) if cell else None
            if value is not None and label is not None:
                year_row = _YEAR_COLUMN.match(normalise_header(label.norm))  # a row per year: "2021年 | 465.2"
                add_metric(doc, facts, f"{label.norm} {printed[index].strip()}", trigger.key, value, trigger.unit,
                           year_row.group(1) if year_row else table_period, scope,
                           norm_evidence(doc, cell, 0, len(cell.norm)))
        if not year_columns or name_column is None or unit_column is None:
            return
        label, unit = _cell(row, name_column), _cell(row, unit_column)
        if label is None or unit is None:
            return
        name = label.norm.rstrip("*").removeprefix("其中：").removeprefix("其中:")
        trigger = trigger_of(name)
        key = trigger.key if trigger else slug(name)
        for index, year in year_columns:
            cell = _cell(row, index)
            value = _table_value(cell.norm, unit.norm) if cell else None
            if value is not None:
                add_metric(doc, facts, name, key, value, unit.norm, year, scope, norm_evidence(doc, cell, 0, len(cell.norm)))

    apply_each(table.rows, "metric row", one_row)


@recogniser(RULE, after=("groups", "certifications", "funding"))
def extract_metrics(doc: Document, facts: Facts) -> None:
    ctx = scope_context(doc, facts)
    for paragraph, topic in paragraph_topics(ctx):
        _paragraph_metrics(ctx, paragraph, topic)
    apply_each(doc.tables, "metric table", lambda t: _table_metrics(ctx, t))
