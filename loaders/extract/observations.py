"""Every figure a report prints, as an sg:Metric observation — nothing printed as a number is dropped.

The keyed recogniser (:mod:`loaders.extract.metrics`) names the figures it knows (completion rates,
incomes…) with an indicator key; this layer runs after it and keeps every other number:

* **Prose**: each quantity of each sentence (number, unit, 余/多/近/约/超 markers, Chinese numerals,
  万/亿) with the subject phrase it measures — the words of its clause before the number, cleaned of
  linking verbs and punctuation, plus the noun after a measure word ("获批2个省级试点专业" →
  "获批省级试点专业"). A clause with no subject of its own ("分别为97.5%、97.67%") takes the subject
  of the clause before it.
* **Tables**: each numeric cell, named by its row's label cells and its column's header, with the
  unit of its header or caption, the year of its column or row, and the table's scope.

A figure whose name is a known indicator (``data/lexicon/metric_triggers.csv``) in a fitting unit gets
its ``sg:metricKey``, so figures compare across schools; any other figure is kept without one.
Dates, years, periods, ordinals (第3批), list numbers and references (表5.1) are not figures. Scope
and period come from :mod:`loaders.extract.scope`. Each observation is a claim of its report: its
key is the report key and the offset of the number, so two reports may print different values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from loaders.document.model import Document, Paragraph, Row, Sentence, Table
from loaders.extract import recogniser
from loaders.extract.common import apply_each, new_node, norm_evidence
from loaders.extract.metrics import indicator_key
from loaders.extract.numbers import Quantity, find_period, find_quantities, parse_decimal
from loaders.extract.scope import (
    ScopeContext,
    heading_scope,
    named_scope,
    paragraph_topics,
    period_of,
    scope_context,
)
from loaders.extract.tables import normalise_header
from loaders.facts import Evidence, Facts, NodeRef

RULE = "observations"
# Clause boundaries: a figure's subject never crosses them.
_BOUNDARY = re.compile(r"[。；;，,、：:！？!?（()）【】\[\]“”\"《》]")
# Words that link a subject to its number ("达到", "共", "累计") or qualify the number ("近", "超").
_TRAILING_LINK = re.compile(
    r"(?:分别(?:为|是|达到?)?|合计|总计|共计|累计|共有|共|计|达到了?|达|为|是|有|超过|超|逾|近|约|将近|接近|"
    r"高达|增至|提升至|提高至|提高到|提升到|增长到?|增加到?|突破|保持在?|在|占比?|比例为?|比重为?|了|已|均|平均|第)+$")
_LEADING_LINK = re.compile(r"^(?:其中|并且?|且|和|及|以及|同时|此外|另外|其他|另有|共|累计|全年|先后|已|均|还|又|再)+")
_APPROX_BEFORE = re.compile(r"(?:近|约|超过?|逾|将近|接近|大约)$")
_MEASURE_WORDS = frozenset("个项名门本部件套篇册家所支批种台次期")
_NOUN_AFTER = re.compile(r"[^\d%％，,、；;。：:（()）]{1,14}")
# Units printed in Latin letters after a number ("980GB", "8000m²"); other letters make an identifier (5G, 3D)
_LATIN_UNIT = re.compile(r"\s*(?:[KMGT]bps|[KMGTP]B|[kKM]?W[h]?|m²|㎡|m2|km|kg|cm|mm|Hz)(?![A-Za-z])")
_NOT_A_FIGURE_AFTER = re.compile(r"\s*(?:月|日|号|时|级|届|期|版|代|[A-Za-z+＋.．]|[-－—–~～]\s*\d)")
_NOT_A_FIGURE_BEFORE = re.compile(r"(?:第|表|图|附件|附表|No\.?|[A-Za-z+＋.．/／-])\s*$")
_RANK = re.compile(r"\s*(?:名|位)")  # 第33名: a rank is a figure; 第3批 is not
_LIST_NUMBER = re.compile(r"^\s*[（(]?\d{1,2}[)）.、．]")
_HEADER_UNIT = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?(万元|亿元|元|%|％|人|项|个|人次|人日|万人日|学时|门|名|家|所)\s*[）)]")
_CAPTION_UNIT = re.compile(r"单位\s*[:：]\s*(万元|亿元|元|%|％|人|项|个|人次|人日|万人日)")
_YEAR_TEXT = re.compile(r"^((?:19|20)\d{2})\s*(?:年度?|届)?")
_YEAR_CELL = re.compile(r"^\s*(?:19|20)\d{2}\s*(?:年度?|届)?\s*$")  # a year labels its row; it is no figure
_SERIAL_HEADER = re.compile(r"^(?:序号|编号|No\.?|年份|年度|时间|日期|批次|排名)$")
_MAX_NAME = 40


@dataclass(frozen=True, slots=True)
class ProseFigure:
    """A quantity of a sentence with the subject it measures (offsets into ``sentence.norm``)."""

    name: str
    quantity: Quantity
    subject_start: int  # where the evidence quote starts
    approximate: bool


def _is_figure(text: str, q: Quantity, periods: list[tuple[int, int]]) -> bool:
    if any(a <= q.start < b for a, b in periods) or (q.unit == "年" and q.value >= 1900):
        return False
    before = text[max(0, q.start - 4):q.start]
    ranked = q.unit in {"名", "位"} or _RANK.match(text, q.end)
    if _NOT_A_FIGURE_BEFORE.search(before) and not (ranked and before.rstrip().endswith("第")):
        return False
    number = text[q.start:q.end]
    chinese = not any(ch.isdigit() for ch in number)
    if chinese and not q.unit:
        return False  # 一是 / 一流 / 一带一路: numerals as words
    if not q.unit and _LATIN_UNIT.match(text, q.end):
        return True
    unitless = not q.unit and not q.approximate
    if unitless and (_NOT_A_FIGURE_AFTER.match(text, q.end) or re.match(r"(?:19|20)\d{2}$", number.strip())):
        return False
    return not (q.start == 0 and _LIST_NUMBER.match(text))


def _clause_start(text: str, at: int, floor: int) -> int:
    start = floor
    for m in _BOUNDARY.finditer(text, floor, at):
        start = m.end()
    return start


def _clean_subject(words: str) -> str:
    words = words.strip(" \u3000")
    previous = None
    while words and words != previous:
        previous = words
        words = _TRAILING_LINK.sub("", words).strip(" \u3000")
        words = _LEADING_LINK.sub("", words).strip(" \u3000")
    return words


def _noun_after(text: str, q: Quantity) -> str:
    """The noun a measure word introduces ("3个委员会" → "委员会"), up to the clause's end or next number."""
    if not q.unit or q.unit[-1] not in _MEASURE_WORDS:
        return ""
    m = _NOUN_AFTER.match(text, q.end)
    return _clean_subject(m.group(0)) if m else ""


def prose_figures(text: str) -> list[ProseFigure]:
    """Every figure of a sentence with its subject phrase (pure: used by tests and the audit)."""
    periods = []
    rest = 0
    while (found := find_period(text[rest:])) is not None:
        periods.append((rest + found[0], rest + found[1]))
        rest += found[1]
    figures: list[ProseFigure] = []
    floor = 0
    carried = ""
    for q in find_quantities(text):
        if not _is_figure(text, q, periods):
            continue
        latin = None if q.unit else _LATIN_UNIT.match(text, q.end)
        if latin is not None:
            q = replace(q, end=latin.end(), unit=latin.group().strip())
        start = _clause_start(text, q.start, floor)
        before = _clean_subject(text[start:q.start])
        subject = (before + _noun_after(text, q)).strip()
        if not before and carried and start > 0 and text[start - 1] in "、，,":
            subject = carried + subject if subject else carried
        elif not subject and figures and start == floor:  # "从2019年12848人增加到16478人": the same subject
            subject = figures[-1].name
        if figures and before:
            subject = with_shared_context(subject, figures[-1].name)
        subject = subject[-_MAX_NAME:]
        if not subject:
            floor = q.end
            continue
        carried = before or carried
        approximate = q.approximate or bool(_APPROX_BEFORE.search(text[start:q.start].rstrip()))
        figures.append(ProseFigure(subject, q, start, approximate))
        floor = q.end
    return figures


_LEVEL_WORD = re.compile(r"国家级|省部级|省级|自治区级|市级|校级|院级")
_MAX_ELLIPTICAL = 10


def with_shared_context(subject: str, previous: str) -> str:
    """An item that names only its level takes the words of the item before it: "教学技能竞赛获国家级奖励 50 多项，
    自治区级奖励 170 多项" → the second is 教学技能竞赛获自治区级奖励 (same head word after the level) (pure)."""
    own = _LEVEL_WORD.match(subject)
    if own is None or len(subject) > _MAX_ELLIPTICAL:
        return subject
    theirs = next((m for m in _LEVEL_WORD.finditer(previous) if m.start() > 0), None)
    if theirs is None or previous[theirs.end():] != subject[own.end():]:
        return subject
    return previous[:theirs.start()] + subject


def _add_observation(ctx: ScopeContext, name: str, value: Decimal, unit: str, period: str, scope: NodeRef,
                     evidence: Evidence, *, approximate: bool = False, source: str = "prose",
                     indicator: str | None = None) -> None:
    """``indicator``: the words that may name a known indicator (a table cell's row and column labels,
    without the caption's subject), default ``name``."""
    node = new_node("Metric", f"{ctx.doc.key}-{evidence.start}-{evidence.end}", name, RULE, evidence)
    node.add("metricName", name)
    key = indicator_key(indicator or name, unit)
    if key is not None:  # a known indicator: comparable across schools
        node.add("metricKey", key)
    node.add("value", value)
    if unit:
        node.add("unit", unit)
    node.add("period", period)
    node.add("scope", scope)
    node.add("observedIn", source)
    if approximate:
        node.add("approximate", True)
    ctx.facts.node(node)


def _claimed_ends(facts: Facts) -> set[int]:
    """Where the numbers of keyed metrics end (their evidence runs from the trigger to the number)."""
    return {ev.end for node in facts.nodes.values() if node.kind == "Metric" for ev in node.evidence}


def _sentence_observations(ctx: ScopeContext, sentence: Sentence, paragraph: Paragraph, topic: NodeRef | None,
                           claimed: set[int]) -> None:
    context = ctx.context_of(paragraph.heading)
    under_heading = heading_scope(ctx, paragraph.heading, context)
    for figure in prose_figures(sentence.norm):
        q = figure.quantity
        start, end = sentence.raw_span(q.start, q.end)
        if end in claimed:
            continue
        scope = named_scope(ctx, sentence, q.start, context) or topic or under_heading or ctx.school()
        evidence = norm_evidence(ctx.doc, sentence, figure.subject_start, q.end)
        _add_observation(ctx, figure.name, q.value, q.unit, period_of(ctx.doc, sentence.norm[:q.end]), scope,
                         evidence, approximate=figure.approximate)


# ----------------------------------------------------------------------------------------------
# tables


# a cell that prints its measure word after the number: 10分, 5人, 3项
_CELL_UNIT = re.compile(r"^(.*\d)\s*(分|万元|亿元|元|人次|人日|人|项|个|门|家|所|名|篇|部|本|套|件|次|天|学时|课时)$")


def _cell_value(text: str) -> tuple[Decimal, str] | None:
    text = text.strip().rstrip("*＊")
    unit = ""
    if text.endswith(("%", "％")):
        text, unit = text[:-1], "%"
    elif (m := _CELL_UNIT.match(text)) is not None:
        text, unit = m.group(1), m.group(2)
    value = parse_decimal(text)
    return (value, unit) if value is not None else None


def _header_unit(header: str) -> str:
    m = _HEADER_UNIT.search(header)
    return m.group(1).replace("％", "%") if m else ""


def _row_label(row: Row, before: int, numeric: set[int]) -> str:
    parts = [c.norm.strip() for i, c in enumerate(row.cells[:before]) if i not in numeric and c.norm.strip()]
    return " ".join(parts)


_CAPTION_TAIL = re.compile(r"(?:获奖)?(?:情况)?(?:统计|汇总|一览|对比|对照|明细|完成)?(?:情况)?表$")
_CAPTION_YEARS = re.compile(r"(?:19|20)\d{2}\s*(?:[-—–~至]\s*(?:19|20)\d{2})?\s*年度?")


def caption_subject(title: str, school_name: str) -> str:
    """What a table is about, from its caption: "哈尔滨职业技术学院 2021-2023 年教师队伍结构对比表" → "教师队伍结构"."""
    title = _CAPTION_YEARS.sub("", title.replace(school_name, ""))
    subject = _CAPTION_TAIL.sub("", title).strip(" ")
    if subject.count("“") != subject.count("”"):
        subject = subject.replace("“", "").replace("”", "")
    return subject.strip(" “”\"")


def _leading_labels(row: Row) -> list[str]:
    """The label cells a row opens with (a year, a name — not a running number): those may be printed
    once over the rows below."""
    labels: list[str] = []
    for cell in row.cells:
        if _cell_value(cell.norm) is not None and not _YEAR_CELL.match(cell.norm):
            break
        labels.append(cell.norm.strip())
    return labels


def table_cells(table: Table) -> Iterator[tuple[Row, int, str, Decimal, str, str | None]]:
    """(row, column, name, value, unit, year) for every numeric cell of a table (pure)."""
    header = list(table.header)
    caption_unit = (m.group(1).replace("％", "%") if (m := _CAPTION_UNIT.search(table.norm)) else "")
    spanning: list[str] = []  # labels of the full row above, printed once over the short rows under it
    for row in table.rows:
        shift = len(header) - len(row.cells) if spanning and _cell_value(row.cells[0].norm) is None else 0
        if len(row.cells) == len(header):
            spanning = _leading_labels(row)
        elif shift <= 0 or shift > len(spanning):
            spanning, shift = [], 0
        numeric = {i for i, c in enumerate(row.cells) if _cell_value(c.norm) is not None and not _YEAR_CELL.match(c.norm)}
        for index in sorted(numeric):
            column = normalise_header(header[index + shift]) if index + shift < len(header) else ""
            if _SERIAL_HEADER.match(column) or (index + shift == 0 and not column):
                continue
            value, unit = _cell_value(row.cells[index].norm)  # type: ignore[misc]
            year_column = _YEAR_TEXT.match(column)
            label = " ".join(p for p in (*spanning[:shift], _row_label(row, index, numeric)) if p)
            if not label and not column:
                continue
            name = " ".join(p for p in (label, column) if p)
            year_row = _YEAR_TEXT.match(label)
            year = year_column.group(1) if year_column else (year_row.group(1) if year_row else None)
            yield row, index, name[:80], value, unit or _header_unit(column) or _header_unit(label) or caption_unit, year


def _table_observations(ctx: ScopeContext, table: Table, claimed: set[int]) -> None:
    context = f"{table.norm} {ctx.doc.meta.title}"
    scope = (named_scope(ctx, table, len(table.norm), context) or heading_scope(ctx, table.heading, context)
             or ctx.school())
    table_period = period_of(ctx.doc, table.norm)

    subject = caption_subject(table.title, ctx.doc.meta.school_name)

    def one(cell_fact: tuple[Row, int, str, Decimal, str, str | None]) -> None:
        row, index, labels, value, unit, year = cell_fact
        # the row and column labels, said of what the table is about
        name = f"{subject} {labels}" if subject and subject not in labels else labels
        cell = row.cells[index]
        if cell.end in claimed:
            return
        evidence = norm_evidence(ctx.doc, cell, 0, len(cell.norm))
        _add_observation(ctx, name, value, unit, year or table_period, scope, evidence, source="table",
                         indicator=labels)

    apply_each(list(table_cells(table)), "table cell", one)


@recogniser(RULE, after=("metrics",))  # keeps what the keyed metrics did not name
def extract_observations(doc: Document, facts: Facts) -> None:
    ctx = scope_context(doc, facts)
    claimed = _claimed_ends(facts)
    for paragraph, topic in paragraph_topics(ctx):
        apply_each(paragraph.sentences, "observation sentence",
                   lambda s, p=paragraph, t=topic: _sentence_observations(ctx, s, p, t, claimed))
    apply_each(doc.tables, "observation table", lambda t: _table_observations(ctx, t, claimed))
