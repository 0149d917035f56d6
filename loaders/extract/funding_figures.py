"""Funding records from every money figure the typed funding recogniser did not read.

:mod:`loaders.extract.funding` reads the budget/received/spent-by-source tables it recognises by
their headers. This classifier runs over the observation layer's readings
(:func:`loaders.extract.observations.table_cells`, :func:`~loaders.extract.observations.prose_figures`)
and makes a record of every other amount in money:

* a table whose caption speaks of money (经费 / 资金 / 收入 / 支出 / 投入 / 预算) and whose cells are
  amounts (万元 in the caption, header or cell): one record per cell — income by year, expenditure by
  item, budget by task. The row's meaning goes where it belongs: a funding source (中央财政, 举办方 …)
  into ``sg:fundingSource``, anything else (a task, an item of expenditure, 学费收入) into
  ``sg:fundingItem``; the measure (budget / received / spent) comes from the column, else the caption;
* a prose amount whose subject speaks of money ("建设资金9621万元", "项目建设投入7.461亿元"): one
  record, the measure read from the subject's verb.

Amounts are in 万元 (亿元 and 元 converted). Each record is a claim of its report, keyed by the report
and the offsets of the amount.
"""

from __future__ import annotations

import re
from decimal import Decimal

from loaders.document.model import Document, Paragraph, Sentence, Table
from loaders.extract import recogniser
from loaders.extract.common import apply_each, new_node, norm_evidence
from loaders.extract.funding import SOURCE_PATTERNS, UNIT
from loaders.extract.numbers import money_in_wan
from loaders.extract.observations import prose_figures, table_cells
from loaders.extract.scope import (
    ScopeContext,
    heading_scope,
    named_scope,
    paragraph_topics,
    period_of,
    scope_context,
)
from loaders.facts import Evidence, Facts, NodeRef

RULE = "funding-figures"
_MONEY_CAPTION = re.compile(r"经费|资金|收入|支出|投入|预算|决算|拨款|捐赠")
_MONEY_HEADER = re.compile(r"万元|（万）元|\(万\)元|亿元|金额|经费|资金|收入|支出|投入|预算")
_MONEY_SUBJECT = re.compile(r"经费|资金|投入|收入|支出|预算|财政|拨款|到位|捐赠|投资|资助|专项|收费|学费|到款|募集")
_NOT_MONEY_TABLE = re.compile(r"[%％率]|占比|比例|人数|数量")
# 投入 ("investment") says nothing about whether money was planned or used: the sentence decides
_MEASURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("budgetTotal", re.compile(r"总预算")),
    ("budget", re.compile(r"预算|计划|应到位|拟投入")),
    ("spent", re.compile(r"支出|完成|执行|使用|开支|花费|采购|购置")),
    ("received", re.compile(r"收入|到位|到账|到款|获得|资助|捐赠|拨付|提供|争取|筹集|募集")),
)
_PRINTED_UNIT = re.compile(r"(亿元|万元|元)")
_BRACKETED_WAN = re.compile(r"[（(]\s*(万|亿)\s*[）)]\s*元")  # "学院总收入（万）元": the unit wrapped by the PDF
_UNIT_WORDS = re.compile(r"\s*[（(][^）)]*[）)]\s*|\s*(?:单位\s*[:：]\s*)?(?:亿元|万元|元)\s*$")


def unwrap_unit(text: str) -> str:
    return _BRACKETED_WAN.sub(lambda m: m.group(1) + "元", text)


def measure_of(*texts: str) -> str:
    """Which amount a text speaks of; the first text that names one decides (``amount`` when none does)."""
    for text in texts:
        for field, pattern in _MEASURES:
            if pattern.search(text):
                return field
    return "amount"


def _source(label: str) -> str | None:
    return next((name for pattern, name in SOURCE_PATTERNS if pattern.search(label)), None)


def _add_record(ctx: ScopeContext, label: str, field: str, value: Decimal, period: str, scope: NodeRef,
                evidence: Evidence) -> None:
    node = new_node("FundingRecord", f"{ctx.doc.key}-{evidence.start}-{evidence.end}", f"{label} {period}", RULE,
                    evidence)
    node.add("fundingScope", scope)
    source = _source(label)
    if source is not None:
        node.add("fundingSource", source)
        if source != label:
            node.alt_labels.add(label)
    else:
        node.add("fundingItem", label)
    node.add("period", period)
    node.add("unit", UNIT)
    node.add(field, value)
    ctx.facts.node(node)


def _read_spans(facts: Facts) -> list[tuple[int, int]]:
    return [(ev.start, ev.end) for n in facts.nodes.values() if n.kind == "FundingRecord" for ev in n.evidence]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _table_unit(table: Table) -> str | None:
    """The money unit of a table (caption or header), or None when it is not a table of amounts."""
    header = unwrap_unit(" ".join(table.header))
    if not _MONEY_CAPTION.search(table.norm + header) or not _MONEY_HEADER.search(table.norm + header):
        return None
    printed = _PRINTED_UNIT.search(table.norm) or _PRINTED_UNIT.search(header)
    return printed.group(1) if printed else "万元"


def _table_records(ctx: ScopeContext, table: Table, read: list[tuple[int, int]]) -> None:
    unit = _table_unit(table)
    if unit is None:
        return
    context = f"{table.norm} {ctx.doc.meta.title}"
    scope = named_scope(ctx, table, len(table.norm), context) or heading_scope(ctx, table.heading, context) or ctx.school()
    period = period_of(ctx.doc, table.norm)
    for row, index, name, value, cell_unit, year in table_cells(table):
        cell = row.cells[index]
        column = unwrap_unit(table.header[index]) if index < len(table.header) else ""
        if cell_unit == "%" or _NOT_MONEY_TABLE.search(column) or _inside(read, cell.start, cell.end):
            continue
        amount = money_in_wan(value, _PRINTED_UNIT.search(column).group(1) if _PRINTED_UNIT.search(column) else unit)
        if amount is None:
            continue
        label = _UNIT_WORDS.sub("", unwrap_unit(name)).strip() or name
        label = re.sub(r"^(?:19|20)\d{2}\s*(?:年度?)?\s*", "", label).strip() or name
        _add_record(ctx, label, measure_of(column, table.norm), amount, year or period, scope,
                    norm_evidence(ctx.doc, cell, 0, len(cell.norm)))


def _sentence_records(ctx: ScopeContext, paragraph: Paragraph, sentence: Sentence, topic: NodeRef | None,
                      read: list[tuple[int, int]]) -> None:
    context = ctx.context_of(paragraph.heading)
    for figure in prose_figures(sentence.norm):
        q = figure.quantity
        if q.unit not in {"万元", "亿元", "元"} or not _MONEY_SUBJECT.search(figure.name):
            continue
        start, end = sentence.raw_span(q.start, q.end)
        if any(a < end and start < b for a, b in read):
            continue
        amount = money_in_wan(q.value, q.unit)
        if amount is None:
            continue
        scope = (named_scope(ctx, sentence, q.start, context) or topic
                 or heading_scope(ctx, paragraph.heading, context) or ctx.school())
        # the subject's own word, else the sentence's before it ("预算为 49899 万元，其中：中央财政资金投入 3000 万元")
        measure = measure_of(figure.name, sentence.norm[:figure.subject_start])
        _add_record(ctx, figure.name, measure, amount, period_of(ctx.doc, sentence.norm[:q.end]),
                    scope, norm_evidence(ctx.doc, sentence, figure.subject_start, q.end))


@recogniser(RULE, after=("funding", "observations"))
def extract_funding_figures(doc: Document, facts: Facts) -> None:
    ctx = scope_context(doc, facts)
    read = _read_spans(facts)
    apply_each(doc.tables, "funding table", lambda t: _table_records(ctx, t, read))
    for paragraph, topic in paragraph_topics(ctx):
        apply_each(paragraph.sentences, "funding sentence",
                   lambda s, p=paragraph, t=topic: _sentence_records(ctx, p, s, t, read))
