"""The report's school, extended: province and city (MOE list), English name, sponsor, 双高 status.

The School node itself comes from the report metadata (``loaders.extract.report``); this adds
- province / city from the MOE list (evidence: where the school name was read);
- the English name if printed near the start ("LIUZHOU … TECHNICAL COLLEGE");
- the sponsor (举办方) if a sentence states it;
- the 双高 status as a sentence states it: unit type (高水平学校建设单位 / 高水平专业群建设单位) and
  tier (A/B/C from "C类院校建设单位" / "C档建设单位"), only in a national 双高 context.
"""

from __future__ import annotations

import re

from loaders import refdata
from loaders.document.model import Document, Span
from loaders.extract import recogniser
from loaders.extract.base import evidence_at, evidence_of
from loaders.extract.common import apply_each, norm_evidence
from loaders.facts import Facts, Node

RULE = "schools"
SCHOOL_UNIT = "高水平学校建设单位"
GROUP_UNIT = "高水平专业群建设单位"

_EN_WORD = r"(?:[A-Z][A-Za-z.'&-]*|&|of|and)"
_ENGLISH_NAME = re.compile(
    rf"(?<![A-Za-z])([A-Z][A-Za-z.'&-]*(?:\s{{1,6}}{_EN_WORD}){{0,8}}?"
    r"\s{1,6}(?:COLLEGE|College|UNIVERSITY|University|INSTITUTE|Institute|POLYTECHNIC|Polytechnic))(?![A-Za-z])"
)
_ENGLISH_SEARCH_CHARS = 3000
_SPONSOR_BODY = r"([\u4e00-\u9fff]{2,20}?(?:政府|厅|局|委员会|集团|公司))(?:主办|举办)(?=[的、，,。；]|$)"
# 举办方为X / 举办者为X / 学院是X举办的 / 学院是X举办、Y主管的; and a clause 由X举办、Y主管 in a sentence the school
# opens (not 参加由…教育部举办的大赛, a contest's organiser)
_SPONSOR = re.compile(r"举办(?:方|单位|者)(?:为|是|：|:)\s*([\u4e00-\u9fff（）()]{2,40}?)(?=[，。；、,]|$)"
                      r"|(?:学院|学校)是" + _SPONSOR_BODY)
_SPONSOR_CLAUSE = re.compile(r"(?:^|[，,])由" + _SPONSOR_BODY)
_SCHOOL_OPENS = re.compile(r"^(?:学校|学院|我校|我院|本校|本院)")
_SHUANGGAO = re.compile(r"双高计划|双高”|中国特色高水平高职学校")
_PROVINCIAL = re.compile(r"省级(?:“?双高”?|高水平)|省“?双高")
_UNIT = re.compile(r"(高水平学校|院校|学校|高水平专业群|专业群)\s*(?:([ABC])\s*[类档])?\s*(?:立项)?建设单位")
_TIER_BEFORE = re.compile(r"([ABC])\s*[类档]\s*(?:院校|学校)?\s*(?:立项)?建设单位")
_TIER_AFTER = re.compile(r"\s*[（(]\s*([ABC])\s*[类档]\s*[）)]")


_CUT_AT_CONNECTOR = re.compile(r"^[A-Za-z]+\s*&")  # a place, then '&' with nothing of the kind it joins


def english_name(doc: Document) -> tuple[str, int, int] | None:
    """The English name printed in the first pages, spaces and line breaks collapsed."""
    m = _ENGLISH_NAME.search(doc.text, 0, _ENGLISH_SEARCH_CHARS)
    if not m or len(m.group(1).split()) < 2:
        return None
    name = " ".join(m.group(1).split())
    if _CUT_AT_CONNECTOR.match(name):
        return None  # "LIUZHOU & TECHNICAL COLLEGE": a word before the & was lost in conversion; no name is better
    return name, m.start(1), m.end(1)


def shuanggao_status(text: str) -> tuple[str, str | None, int, int] | None:
    """(unit type, tier or None, start, end) stated in a sentence of national 双高 context."""
    if not _SHUANGGAO.search(text) or _PROVINCIAL.search(text):
        return None
    m = _UNIT.search(text)
    if not m:
        return None
    unit = GROUP_UNIT if "专业群" in m.group(1) else SCHOOL_UNIT
    tier = m.group(2)
    if tier is None:
        after = _TIER_AFTER.match(text, m.end())
        tier = after.group(1) if after else None
    if tier is None:
        before = _TIER_BEFORE.search(text)
        tier = before.group(1) if before else None
    return unit, tier, m.start(), m.end()


def _school_node(doc: Document) -> Node:
    return Node("School", doc.meta.school_code, doc.meta.school_name, rule=RULE)


def _status_in(doc: Document, facts: Facts, span: Span) -> None:
    status = shuanggao_status(span.norm)
    if status is None:
        return
    unit, tier, i, j = status
    node = _school_node(doc)
    node.evidence.append(norm_evidence(doc, span, 0, len(span.norm)))
    node.add("shuanggaoUnitType", unit)
    if tier:
        node.add("shuanggaoTier", tier)
    facts.node(node)


def sponsor_match(text: str, school_name: str) -> re.Match[str] | None:
    """Where a sentence states the school's sponsor (举办方); group 1 or 2 is its name."""
    m = _SPONSOR.search(text)
    if m is None and (text.startswith(school_name) or _SCHOOL_OPENS.match(text)):
        m = _SPONSOR_CLAUSE.search(text)
    return m


def _sponsor_in(doc: Document, facts: Facts, span: Span) -> None:
    m = sponsor_match(span.norm, doc.meta.school_name)
    if m:
        node = _school_node(doc)
        node.evidence.append(norm_evidence(doc, span, m.start(), m.end()))
        node.add("sponsor", next(g for g in m.groups() if g))
        facts.node(node)


@recogniser(RULE, after=("school",))
def extract_school_details(doc: Document, facts: Facts) -> None:
    node = _school_node(doc)
    node.add("schoolCode", doc.meta.school_code)
    if doc.meta.school_evidence is not None:
        node.evidence.append(evidence_of(doc, doc.meta.school_evidence))
    record = refdata.schools_by_code().get(doc.meta.school_code)
    if record is not None:
        node.add("province", record.province)
        node.add("city", record.city)
    english = english_name(doc)
    if english is not None:
        name, start, end = english
        node.label_en = name
        node.evidence.append(evidence_at(doc, start, end))
    facts.node(node)
    apply_each(doc.sentences, "status sentence", lambda s: _status_in(doc, facts, s))
    apply_each(doc.headings, "status heading", lambda h: _status_in(doc, facts, h))
    apply_each(doc.sentences, "sponsor sentence", lambda s: _sponsor_in(doc, facts, s))
