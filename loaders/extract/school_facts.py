"""School facts as nodes of their own: the 双高 selection and the performance self-evaluations a report states.

- **Selection** (sg:ShuanggaoSelection): a sentence of national 双高 context that says the school was selected
  (入选/遴选为/立项为) — its unit type and tier read as the school recogniser reads them
  (:func:`loaders.extract.schools.shuanggao_status`) and the year and month printed before the verb
  (2019年12月，学校入选… → 2019-12).
- **Self-evaluation** (sg:SelfEvaluation): each figure of the self-evaluation-score indicator (自评得分 96.4 分)
  with its scope (the school or a group, as the scope resolver placed the figure) and period, and the grade its
  sentence prints (等次为“优秀”, 自评等级为“优秀”).

Both are claims of the report (keyed by it) with the sentence as evidence.
"""

from __future__ import annotations

import re

from loaders.document.metadata import DATE, month_of, year_of
from loaders.document.model import Document, Span
from loaders.extract import recogniser
from loaders.extract.colocation import Locator, label_of, nodes_of
from loaders.extract.common import apply_each, norm_evidence, school_ref
from loaders.extract.schools import shuanggao_status
from loaders.facts import Facts, GYear, GYearMonth, LangString, Node, NodeRef
from loaders.keys import slug

RULE = "school-facts"
_SELECTED = re.compile(r"入选|遴选为|立项为|确定为|获批")
_GRADE = re.compile(r"(?:等次|等级)\s*(?:为|是|：|:)?\s*[“\"]?(优秀|良好|合格|不合格|优|良|中|差|[ABCD])(?![A-Za-z\u4e00-\u9fff])")


def selection_date(norm: str, before: int) -> GYear | GYearMonth | None:
    """The last date printed before offset ``before`` of a normalised sentence (a year and month, or a year), read
    as the cover's date is (:data:`loaders.document.metadata.DATE`: 2019年12月, 二〇一九年十二月)."""
    found = list(DATE.finditer(norm, 0, before))
    if not found:
        return None
    year, month = year_of(found[-1]["year"]), found[-1]["month"]
    return GYearMonth(year, month_of(month)) if month else GYear(year)


def grade_in(text: str) -> str | None:
    m = _GRADE.search(text)
    return m.group(1) if m else None


def _selection_in(doc: Document, facts: Facts, span: Span) -> None:
    status = shuanggao_status(span.norm)
    verb = _SELECTED.search(span.norm)
    if status is None or verb is None:
        return
    unit, tier, _, _ = status
    school = school_ref(doc)
    node = Node("ShuanggaoSelection", slug(f"{doc.key}-{school.key}"), f"{doc.meta.school_name}入选双高计划", rule=RULE)
    node.add("selectedSchool", school)
    node.add("shuanggaoUnitType", unit)
    if tier:
        node.add("shuanggaoTier", tier)
    if (date := selection_date(span.norm, verb.start())) is not None:
        node.add("selectionDate", date)
    node.evidence.append(norm_evidence(doc, span, 0, len(span.norm)))
    facts.node(node)


def _self_evaluations(doc: Document, facts: Facts, locator: Locator) -> None:
    for metric in nodes_of(facts, "Metric"):
        if "self-evaluation-score" not in metric.attrs.get("metricKey", []):
            continue
        scope = next((s for s in metric.attrs.get("scope", []) if isinstance(s, NodeRef)), None)
        score = next(iter(metric.attrs.get("value", [])), None)
        if scope is None or score is None:
            continue
        period = str(next(iter(metric.attrs.get("period", [])), ""))
        node = Node("SelfEvaluation", slug(f"{doc.key}-{scope.key}-{period}-{score}"), f"{label_of(facts, scope)}绩效自评",
                    rule=RULE)
        node.add("evaluates", scope)
        node.add("score", score)
        if period:
            node.add("period", period)
        for ev in metric.evidence:
            sentence = locator.sentence(ev)
            if sentence is not None and (grade := grade_in(sentence.raw[ev.start - sentence.start:])) is not None:
                node.add("grade", LangString(grade, "zh"))
        node.evidence.extend(metric.evidence)
        facts.node(node)


@recogniser(RULE, after=("schools", "metrics", "observations"))
def extract_school_facts(doc: Document, facts: Facts) -> None:
    apply_each(doc.sentences, "selection sentence", lambda s: _selection_in(doc, facts, s))
    _self_evaluations(doc, facts, Locator(doc))
