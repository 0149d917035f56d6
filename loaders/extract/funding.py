"""Funding: every row of a funding table, and funding stated in prose when a report has no table.

Tables: a caption about 资金/经费 and a header with a source column (项目 / 资金来源) and amount
columns; the header says which column is 总预算 / 预算 (应到位) / 到位 / 完成 (支出/执行/使用) and
which is a rate (到位率, 完成率/执行率/使用率). Scope: the group named (or abbreviated) in the caption, else
the school.
Period: the years printed in the header (or caption), else the report's period.

Prose (only when the report has no funding table): each clause ("中央财政资金预算 2100 万元",
"项目总支出为 10330.44 万元", "资金执行率为 93.78%") gives one measure of one source; the scope is
the group named earlier in the sentence (or in the heading or the nearest enclosing heading that names
one), else the school. Groups are found by catalogue name, by the names of groups the report already
named (a table's), and by abbreviation ("机制专业群", see :func:`groups.report_group_mentions`).

One FundingRecord per (report, scope, period, source): ``{report key}-{scope}-{period}-{source}``, so that
two tables (到位 and 完成) fill one record. Amounts that disagree with a record's make a record of their
own, keyed by their table or line: a record never holds two values of one measure.
"""

from __future__ import annotations

import re
from decimal import Decimal

from loaders.document.model import Cell, Document, Heading, Span, Table
from loaders.extract import recogniser
from loaders.extract.common import (
    apply_each,
    heading_titles,
    new_node,
    norm_evidence,
)
from loaders.extract.numbers import find_period, parse_amount, parse_percent, period_label
from loaders.extract.scope import ScopeContext, heading_scope, named_scope, scope_context
from loaders.extract.tables import ColumnMap, ColumnSpec, mapped_tables, rows_as_dicts
from loaders.facts import Evidence, Facts, NodeRef
from loaders.keys import slug

RULE = "funding"
UNIT = "万元"

# Spec order matters: rates before amounts (到位率 also contains 到位), 应到位 (budget) before 到位.
FUNDING_TABLE = ColumnSpec({
    "source": (r"^(?:项目|资金来源|经费来源|来源|资金类别|项目名称|类别)$",),
    "receivedRate": (r"到位率",),
    "executionRate": (r"(?:完成|执行|使用|支出)率",),
    "budgetTotal": (r"总预算|建设(?:周)?期(?:内)?预算|任务期预算",),
    "budget": (r"预算|应到位",),
    "received": (r"到位",),
    "spent": (r"完成|支出|执行|使用",),
}, required=("source",))
_AMOUNT_FIELDS = ("budgetTotal", "budget", "received", "spent")
_RATE_FIELDS = ("receivedRate", "executionRate")
_FUNDING_CAPTION = re.compile(r"资金|经费|预算")

# Prose grammar: a clause's source words and measure words (first match wins).
SOURCE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), label) for p, label in (
    (r"中央财政|央财", "中央财政投入资金"),
    (r"地方(?:各级)?财政|省级财政|省财政|市财政|地方政府", "地方各级财政投入资金"),
    (r"举办方", "举办方投入资金"),
    (r"行业企业|企业投入|企业支持", "行业企业支持资金"),
    (r"自筹", "学校自筹资金"),
))
TOTAL = "合计"
_MEASURES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), f) for p, f in (
    (r"到位率", "receivedRate"),
    (r"执行率|使用率|完成率|支出率", "executionRate"),
    (r"总预算", "budgetTotal"),
    (r"预算(?:执行|支出)|支出|执行|使用|完成", "spent"),
    (r"到位", "received"),
    (r"预算|投入", "budget"),
))
_CLAUSE = re.compile(r"[^，、；;。：:]+")  # not ASCII ",": it is a thousands separator here
_FUNDING_SECTION = re.compile(r"项目经费|项目资金|(?:资金|经费)(?:到位|执行|情况|使用|筹措)|预算执行|到位和执行")
_CLAUSE_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|亿元)")
_CLAUSE_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_FUNDING_WORDS = re.compile(r"预算|资金|经费|支出|到位")


def canonical_source(printed: str) -> str:
    """A printed source row label → one label per kind of source (合计 for totals)."""
    if re.search(r"合计|总计|小计|^总", printed):
        return TOTAL
    for pattern, label in SOURCE_PATTERNS:
        if pattern.search(printed):
            return label
    return printed


def record_ref(doc: Document, facts: Facts, scope: NodeRef, period: str, source: str, printed: str,
               evidence: Evidence, measures: dict[str, Decimal], origin: str) -> NodeRef:
    """The record of (scope, period, source) — unless it already holds other amounts for these
    ``measures``: then the figures are another record's (a scope not recognised, or a report contradicting
    itself), kept apart under their ``origin`` (表 3-1, 第 243 行) rather than giving one record two values."""
    key = slug(f"{doc.key}-{scope.key}-{period}-{source}")  # a claim of this report: another may disagree
    held = facts.nodes.get(NodeRef("FundingRecord", key))
    if held is not None and any(held.attrs.get(f, [v]) != [v] for f, v in measures.items()):
        key = slug(f"{key}-{origin}")
    node = new_node("FundingRecord", key, f"{source} {period}", RULE, evidence)
    if printed != source:
        node.alt_labels.add(printed)
    node.add("fundingScope", scope)
    node.add("fundingSource", source)
    node.add("period", period)
    node.add("unit", UNIT)
    return facts.node(node)


def _set(facts: Facts, ref: NodeRef, field: str, value: Decimal, evidence: Evidence) -> None:
    node = facts.nodes[ref]
    node.add(field, value)
    if evidence not in node.evidence:
        node.evidence.append(evidence)


def _table_period(doc: Document, table: Table, mapping: ColumnMap) -> str:
    for name in ("budget", "received", "spent"):
        if name in mapping:
            found = find_period(mapping.header_of(name))
            if found:
                return period_label(found[2])
    found = find_period(table.norm)
    return period_label(found[2]) if found else (doc.meta.period or "undated")


def _row_measures(row: dict[str, Cell]) -> dict[str, Decimal]:
    """The amounts and rates a table row prints, by field."""
    measures: dict[str, Decimal] = {}
    for field in (*_AMOUNT_FIELDS, *_RATE_FIELDS):
        parse = parse_amount if field in _AMOUNT_FIELDS else parse_percent
        value = parse(row[field].norm) if field in row else None
        if value is not None:
            measures[field] = value
    return measures


def _funding_tables(ctx: ScopeContext) -> bool:
    doc, facts = ctx.doc, ctx.facts
    found_any = False
    for table, mapping in mapped_tables(doc, FUNDING_TABLE):
        if not _FUNDING_CAPTION.search(table.norm) or not any(f in mapping for f in _AMOUNT_FIELDS):
            continue
        found_any = True
        context = f"{table.norm} {doc.meta.title}"
        scope = named_scope(ctx, table, len(table.norm), context) or ctx.school()
        period = _table_period(doc, table, mapping)

        def one_row(row: dict[str, Cell], scope: NodeRef = scope, period: str = period, table: Table = table) -> None:
            source_cell = row.get("source")
            if source_cell is None:  # a row with no source label (a sub-header or a wrapped line)
                return
            ev = norm_evidence(doc, source_cell, 0, len(source_cell.norm))
            source = canonical_source(source_cell.norm)
            measures = _row_measures(row)
            ref = record_ref(doc, facts, scope, period, source, source_cell.norm, ev, measures, f"表{table.number}")
            for field, value in measures.items():
                _set(facts, ref, field, value, norm_evidence(doc, row[field], 0, len(row[field].norm)))

        apply_each(rows_as_dicts(table, mapping), "funding row", one_row)
    return found_any


def _clause_measure(clause: str) -> tuple[str, Decimal] | None:
    for pattern, field in _MEASURES:
        if pattern.search(clause):
            if field in _RATE_FIELDS:
                m = _CLAUSE_PERCENT.search(clause)
                return (field, Decimal(m.group(1))) if m else None
            m = _CLAUSE_AMOUNT.search(clause)
            value = parse_amount(m.group(1) + m.group(2)) if m else None
            return (field, value) if value is not None else None
    return None


def _funding_sentence(ctx: ScopeContext, span: Span, heading: Heading | None, groups_only: bool = False) -> None:
    """Amounts stated clause by clause, each of the scope the text names up to its clause (else the
    heading's, else the school's); ``groups_only`` keeps just a group's (a table gave the school's)."""
    doc, facts, text = ctx.doc, ctx.facts, span.norm
    if not _FUNDING_WORDS.search(text) or not (_CLAUSE_AMOUNT.search(text) or _CLAUSE_PERCENT.search(text)):
        return
    context = ctx.context_of(heading)
    scope = heading_scope(ctx, heading, context) or ctx.school()
    sentence_period = find_period(text)
    for clause in _CLAUSE.finditer(text):
        scope = named_scope(ctx, span, clause.end(), context) or scope
        measure = _clause_measure(clause.group())
        if measure is None or (groups_only and scope.kind == "School"):
            continue
        field, value = measure
        source = next((label for p, label in SOURCE_PATTERNS if p.search(clause.group())), TOTAL)
        found = find_period(clause.group()) or sentence_period
        period = period_label(found[2]) if found else (doc.meta.period or "undated")
        ev = norm_evidence(doc, span, clause.start(), clause.end())
        ref = record_ref(doc, facts, scope, period, source, source, ev, {field: value}, f"line{span.line}")
        _set(facts, ref, field, value, ev)


@recogniser(RULE, after=("groups",))
def extract_funding(doc: Document, facts: Facts) -> None:
    ctx = scope_context(doc, facts)
    # with a funding table the prose mostly repeats it: then only a group's amounts are read from prose
    groups_only = _funding_tables(ctx)
    for paragraph in doc.paragraphs:
        if not _FUNDING_SECTION.search(heading_titles(paragraph.heading)):
            continue
        apply_each(paragraph.sentences, "funding sentence",
                   lambda s, h=paragraph.heading: _funding_sentence(ctx, s, h, groups_only))
