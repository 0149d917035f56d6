"""Totals and parts: whether a figure is the total of its scope for its period or a part of it (sg:figureRole).

Every figure (sg:Metric) already has its scope (the school or a group, by the scope resolver) and its period.
This marks what part of the scope and period it covers, so that "the school's task completion rate" has one
answer among the figures a report prints per task, per year and in total:

- **per-task** — the figure is one task's or project's: its sentence opens with 该项目/本项目/该任务/本任务/
  该子项目 (the report describes its tasks one by one), or the heading above it names a task (任务一, 建设任务3,
  子项目二);
- **per-year** — its period is one year of a report that covers several (2020 in a 2019-2021 report);
- **subset** — it is printed in a 其中 part of its sentence, after the whole it belongs to (完成率 97.69%（其中专业群
  建设任务…完成率 98.92%）);
- **total** — anything else: the figure as the report states it for the whole scope and period.
"""

from __future__ import annotations

import re

from loaders.document.model import Document, Heading
from loaders.extract import recogniser
from loaders.extract.colocation import Locator, nodes_of
from loaders.extract.common import heading_titles
from loaders.facts import Evidence, Facts, Node

RULE = "figure-roles"
_TASK_OPENING = re.compile(r"^\s*(?:[（(]?[0-9一二三四五六七八九十]+[）)、.．]\s*)?(?:该|本)(?:子)?(?:项目|任务)")
_TASK_HEADING = re.compile(r"(?:建设)?(?:子)?(?:任务|项目)\s*[0-9一二三四五六七八九十]+")
_RANGE = re.compile(r"^((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)\d{2})$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_SUBSET_OPEN = re.compile(r"其中")
_SUBSET_CLOSE = re.compile(r"[）)；;。]")


def is_year_of(period: str, report_period: str | None) -> bool:
    """Whether ``period`` is one year inside a report period of several years."""
    m = _RANGE.match(report_period or "")
    return bool(m and _YEAR.match(period) and int(m.group(1)) <= int(period) <= int(m.group(2)))


def in_subset(text: str, at: int) -> bool:
    """Whether offset ``at`` of a sentence sits in a 其中 part (after 其中, before the bracket or clause closes)."""
    opened = [m.end() for m in _SUBSET_OPEN.finditer(text, 0, at)]
    return bool(opened) and not _SUBSET_CLOSE.search(text, opened[-1], at)


def names_a_task(text: str) -> bool:
    return bool(_TASK_HEADING.search(text))


class FigureContext:
    """For a piece of evidence: its sentence's opening and the headings above it."""

    def __init__(self, doc: Document) -> None:
        self.locator = Locator(doc)
        self.heading_of = {s.start: p.heading for p in doc.paragraphs for s in p.sentences}

    def per_task(self, ev: Evidence) -> bool:
        sentence = self.locator.sentence(ev)
        if sentence is None:
            return False
        if _TASK_OPENING.match(sentence.raw):
            return True
        heading: Heading | None = self.heading_of.get(sentence.start)
        return heading is not None and names_a_task(heading_titles(heading))

    def subset(self, ev: Evidence) -> bool:
        sentence = self.locator.sentence(ev)
        return sentence is not None and in_subset(sentence.raw, ev.start - sentence.start)


def figure_role(node: Node, doc: Document, context: FigureContext) -> str:
    period = str(next(iter(node.attrs.get("period", [])), ""))
    if any(context.per_task(ev) for ev in node.evidence):
        return "per-task"
    if is_year_of(period, doc.meta.period):
        return "per-year"
    if node.evidence and all(context.subset(ev) for ev in node.evidence):
        return "subset"
    return "total"


@recogniser(RULE, after=("metrics", "observations", "counted-honours", "funding-figures"))
def mark_figure_roles(doc: Document, facts: Facts) -> None:
    context = FigureContext(doc)
    for node in nodes_of(facts, "Metric"):
        node.attrs["figureRole"] = [figure_role(node, doc, context)]
