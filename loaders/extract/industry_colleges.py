"""Industry colleges (产业学院) and colleges co-built with a named partner (匠芯书院, 人工智能学院 …).

A college is named by the organisation-name grammar's left boundary ending in 产业学院
(“哈电机产业学院”, 与广西汽车集团共建智能制造产业学院), or by an elliptical list
(柳州螺蛳粉、智能制造、智能网联汽车等 7 个产业学院 → three colleges). A …学院 / …书院 that is not
an 产业学院 counts only when its clause says it was co-built (共建, 合作成立 …) with a named partner,
or when the co-build verb stands right before its name (“AI+智慧学习”共建人工智能学院: 校企共建
without naming the enterprise). Sentences are read, and table cells for co-built colleges.

Co-builders are the partners (:func:`loaders.extract.partners.partner_mentions`) named in the
college's clause: ``IndustryCollege sg:partner org`` with a 共建 ``sg:Partnership``. When a college
is the sentence's subject (哈电机产业学院与…合作), the partners named after it are its partners,
with the relation kinds the sentence states. A recognition
stated in the sentence (获广西首批示范性产业学院, 成为…示范性产业学院) gives ``sg:category`` (the
printed title) and ``sg:level`` (a level word, province or city name: 无锡市示范性产业学院 → municipal).
A later sentence of the same paragraph that states a recognition of 该产业学院 (or opens with
产业学院) names no college itself: the recognition is of the college the paragraph last named.
The school gets ``sg:hasIndustryCollege``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.document.model import Document, Paragraph, Span
from loaders.extract import recogniser
from loaders.extract.base import each, evidence_at, evidence_of
from loaders.extract.lexicon import level_iri
from loaders.extract.mentions import level_in
from loaders.extract.orgnames import boundary_start, find_org_names, hard_start, is_generic_body, split_suffix
from loaders.extract.partners import (
    SUBJECT_LEAD,
    PartnerMention,
    add_partner,
    clause_bounds,
    org_node,
    own_units,
    partner_mentions,
)
from loaders.facts import Facts, Node, NodeRef
from loaders.keys import slug

_INDUSTRY_COLLEGE = "产业学院"
_CO_BUILT_SUFFIX = re.compile(r"(?:学院|书院)")
_LEADING_COUNT = re.compile(r"\s*(?:\d+|[一二两三四五六七八九十]+)\s*个\s*")
_CO_BUILT = re.compile(r"共建|共同建设|合作建设|合作成立|联合成立|共同成立|联合共建")
_RECOGNISED_AS = r"(?:被评为|认定为|确定为|获评|获批|评为|成为|入选|获)"
_TITLE_QUALIFIER = r"示范性?|重点|高水平"  # 示范性产业学院, 重点产业学院: recognitions, not names
_LEVEL_QUALIFIER = r"首批|第.批|[国省市区校院]级"  # 首批市级现代产业学院, 校级重点建设产业学院
# the title may name the college kind between its qualifier and 产业学院: 示范性现代产业学院, 重点建设产业学院
_RECOGNITION = re.compile(
    _RECOGNISED_AS + r"[^，。；]{0,16}?(?:" + _TITLE_QUALIFIER + "|" + _LEVEL_QUALIFIER + r")(?:现代|建设)?" + _INDUSTRY_COLLEGE
)
_ELLIPSIS = re.compile(r"等\s*[0-9一二两三四五六七八九十]*\s*个?\s*$")
_TITLE_WORDS = re.compile(_TITLE_QUALIFIER + "|" + _LEVEL_QUALIFIER)  # 广西首批示范性产业学院 is a title, not a college
_ITEM_SEPARATORS = ("、", "和", "及")
# 该产业学院入选… / 2021年，该学院获评… / 产业学院成为…: a college already named, referred back to
# (a bare 学院 opening a sentence is the school itself, so it needs 该 / 此 …)
_BACK_REFERENCE = re.compile(r"(?:^|[，,：:])(?:(?:该|此|这一|上述)(?:产业)?学院|产业学院)[^，。；]{0,12}?" + _RECOGNISED_AS)


@dataclass(frozen=True, slots=True)
class CollegeName:
    """A college named in a text: ``text[start:end] == name``."""

    start: int
    end: int
    name: str
    built_here: bool = False  # the co-build verb stands right before the name


def _body_start(text: str, end: int) -> int:
    return boundary_start(text, hard_start(text, end), end)


def _is_title(body: str) -> bool:
    return bool(_TITLE_WORDS.search(body)) or is_generic_body(body)


def industry_college_names(text: str) -> list[CollegeName]:
    """Every 产业学院 named in ``text`` (elliptical lists expanded), in text order."""
    names: list[CollegeName] = []
    for match in re.finditer(_INDUSTRY_COLLEGE, text):
        start = _body_start(text, match.start())
        body = text[start: match.start()]
        if body and not _is_title(body):
            names.append(CollegeName(start, match.end(), body + _INDUSTRY_COLLEGE))
        else:
            names.extend(_elliptical_list(text, start))
    return sorted(set(names), key=lambda n: n.start)


def _elliptical_list(text: str, before: int) -> list[CollegeName]:
    """柳州螺蛳粉、智能制造、智能网联汽车等7个产业学院: the items before 等, each + 产业学院."""
    ellipsis = _ELLIPSIS.search(text, max(0, before - 12), before)
    if ellipsis is None:
        return []
    items: list[CollegeName] = []
    end = ellipsis.start()
    while end > 0:
        start = _body_start(text, end)
        body = text[start:end]
        if not body or _is_title(body) or len(body) > 12:
            break
        name = body if body.endswith(_INDUSTRY_COLLEGE) else body + _INDUSTRY_COLLEGE
        items.append(CollegeName(start, end, name))
        separator = next((s for s in _ITEM_SEPARATORS if text.endswith(s, 0, start)), None)
        if separator is None:
            break
        end = start - len(separator)
    return items


def co_built_college_names(text: str) -> list[CollegeName]:
    """…学院 / …书院 (not 产业学院, not an organisation) in a clause that says it was co-built."""
    org_spans = [(o.start, o.end) for o in find_org_names(text)]
    names: list[CollegeName] = []
    for match in _CO_BUILT_SUFFIX.finditer(text):
        if text.endswith(_INDUSTRY_COLLEGE, 0, match.end()):
            continue
        if any(a <= match.start() < b for a, b in org_spans):
            continue
        left, right = clause_bounds(text, match.start(), match.end())
        built = _CO_BUILT.search(text, left, match.start())
        if built is None:
            continue
        count = _LEADING_COUNT.match(text, built.end(), match.start())  # 共建 2 个国际人工智能特色学院
        after_verb = count.end() if count is not None else built.end()
        start = max(_body_start(text, match.start()), after_verb)
        body = text[start: match.start()]
        if len(body) >= 2 and not _is_title(body) and not re.search(r"[0-9个]", body):
            names.append(CollegeName(start, match.end(), body + match.group(), built_here=start == after_verb))
    return names


def recognition(text: str, school_code: str | None = None) -> tuple[str, str | None] | None:
    """(title as printed, level) of a 示范性产业学院 recognition stated in ``text``; ``school_code`` as
    in :func:`level_in` (天津市示范性现代产业学院 is provincial)."""
    match = _RECOGNITION.search(text)
    if match is None:
        return None
    title = re.sub("^" + _RECOGNISED_AS, "", match.group())
    return title, level_in(title, school_code)


def refers_back(text: str) -> bool:
    """The sentence's subject is a college named before it (该产业学院入选…)."""
    return bool(_BACK_REFERENCE.search(text))


def college_key(school_code: str, name: str) -> str:
    return slug(f"{school_code}-{name}")


@recogniser("industry-colleges", after=("partners",))
def extract_industry_colleges(doc: Document, facts: Facts) -> None:
    school = NodeRef("School", doc.meta.school_code)
    own = own_units(doc, facts)
    # full names only (河北冀达新能源汽车有限公司): a short name read elsewhere would claim itself
    organisations = [n for n in facts.nodes.values() if n.kind in _ORG_KINDS and split_suffix(n.label)[1]]

    def read(sentence: Span, in_table: bool = False) -> list[Node]:
        text = sentence.norm
        partners = partner_mentions(text, own)
        named = [] if in_table else industry_college_names(text)
        co_built = [c for c in co_built_college_names(text) if c.built_here or _co_builders(text, c, partners)]
        colleges = named + co_built
        if not colleges:
            return []
        evidence = evidence_of(doc, sentence)
        stated = recognition(text, school.key)
        nodes: list[Node] = []
        for college in colleges:
            node = Node("IndustryCollege", college_key(school.key, college.name), college.name,
                        rule="industry-colleges")
            node.evidence.append(evidence_at(doc, *sentence.raw_span(college.start, college.end)))
            if stated is not None and _recognised(text, college, colleges):
                _add_recognition(node, stated)
            nodes.append(node)
            ref = facts.node(node)
            facts.link(school, "hasIndustryCollege", ref, [evidence])
            for mention in _co_builders(text, college, partners):
                add_partner(facts, ref, org_node(doc, sentence, mention.org, "industry-colleges"), "共建", evidence)
            for known in _co_builders_by_short_name(text, college, partners, organisations):
                add_partner(facts, ref, _short_name_node(doc, sentence, known), "共建", evidence)
            if _is_subject(text, college):
                for mention in (p for p in partners if p.org.start >= college.end):
                    partner = org_node(doc, sentence, mention.org, "industry-colleges")
                    for kind in mention.kinds:
                        add_partner(facts, ref, partner, kind, evidence)
        return nodes

    def read_paragraph(paragraph: Paragraph) -> None:
        last_named: Node | None = None
        for sentence in paragraph.sentences:
            nodes = read(sentence)
            if nodes:
                last_named = nodes[-1]
            elif last_named is not None and refers_back(sentence.norm):
                _recognise_earlier(doc, facts, last_named, sentence)

    for _ in each(doc.paragraphs, "paragraph", read_paragraph):
        pass
    # cells: only a college stated as co-built (a course table may name 产业学院 in a lecture title)
    cells = (cell for table in doc.tables for row in table.rows for cell in row.cells)
    for _ in each(cells, "table cell", lambda cell: read(cell, in_table=True)):
        pass


def _add_recognition(node: Node, stated: tuple[str, str | None]) -> None:
    title, level = stated
    node.add("category", title)
    if level is not None:
        node.add("level", level_iri(level))


def _recognise_earlier(doc: Document, facts: Facts, college: Node, sentence: Span) -> None:
    """``该产业学院入选江苏省重点产业学院建设名单``: the recognition of a college named earlier."""
    stated = recognition(sentence.norm, doc.meta.school_code)
    if stated is None:
        return
    node = Node("IndustryCollege", college.key, college.label, rule="industry-colleges")
    node.evidence.append(evidence_of(doc, sentence))
    _add_recognition(node, stated)
    facts.node(node)


def _is_subject(text: str, college: CollegeName) -> bool:
    """The college opens the sentence (after 一是 / 本 … ): what follows is said of it."""
    lead = SUBJECT_LEAD.match(text)
    return college.start == (lead.end() if lead else 0)


def _co_builders(text: str, college: CollegeName, partners: list[PartnerMention]) -> list[PartnerMention]:
    """Partners named in the college's clause, before it, in a clause that says 共建/成立/合作."""
    left, _ = clause_bounds(text, college.start, college.end)
    return [p for p in partners if left <= p.org.start < college.start]


_ORG_KINDS = ("Enterprise", "PartnerOrganization")
_LIST_ITEM = re.compile(r"[、，,与和及]|联合|携手")
_MIN_SHORT_NAME = 4


@dataclass(frozen=True, slots=True)
class ShortName:
    """A list item of a co-build clause that names an organisation the report named in full elsewhere."""

    start: int
    end: int
    org: Node


def _co_builders_by_short_name(text: str, college: CollegeName, partners: list[PartnerMention],
                               organisations: list[Node]) -> list[ShortName]:
    """学校联合冀达新能源、…组建“冀达新能源汽车产业学院”: an item that is part of exactly one organisation's
    name already read (河北冀达新能源汽车有限公司, from a table) is that organisation."""
    left, _ = clause_bounds(text, college.start, college.end)
    found: list[ShortName] = []
    start = left
    for separator in [*_LIST_ITEM.finditer(text, left, college.start), None]:
        end = separator.start() if separator else college.start
        item = text[start:end]
        start = separator.end() if separator else end
        if len(item) < _MIN_SHORT_NAME or any(p.org.start < end and start <= p.org.end for p in partners):
            continue
        owners = {o.key: o for o in organisations if any(item in name and item != name for name in (o.label, *o.alt_labels))}
        if len(owners) == 1:
            found.append(ShortName(end - len(item), end, next(iter(owners.values()))))
    return found


def _short_name_node(doc: Document, sentence: Span, short: ShortName) -> Node:
    node = Node(short.org.kind, short.org.key, short.org.label, rule="industry-colleges")
    node.alt_labels.add(sentence.norm[short.start:short.end])
    node.evidence.append(evidence_at(doc, *sentence.raw_span(short.start, short.end)))
    return node


def _recognised(text: str, college: CollegeName, colleges: list[CollegeName]) -> bool:
    """The recognition names this college: in its clause, or the sentence names only this one."""
    left, right = clause_bounds(text, college.start, college.end)
    return bool(_RECOGNITION.search(text[left:right])) or len({c.name for c in colleges}) == 1
