"""Named initiatives a school takes part in: alliances, platforms and bases, pilots, classes and teams.

A generic layer under :mod:`loaders.extract.programmes` (which knows the national schemes by name):
any name that ends in an initiative suffix of ``data/lexicon/initiative_suffixes.csv`` — 产教融合共同体,
联盟, 职教集团, 实训基地, 技术创新中心, 大师工作室, 鲁班工坊, …试点, …项目, …计划, 订单班, 服务队 … — in a
sentence, a heading or a table row that says the school joined, built, led, hosted or obtained it (or
that quotes the name), becomes an ``sg:Program`` with its category (alliance / platform / programme /
team) and the school's ``sg:participatesIn`` link. Three readings add to it:

- a body with members (…联盟, …协会) the school joined is an organisation it belongs to (a
  ``PartnerOrganization`` with a ``membership`` partnership); one it founded (牵头成立, 组建) is its own;
- a platform named by its level or authority (自治区…基地, 教育部…中心) was approved: also an achievement;
- a platform co-named with a company (哈汽—…工作室, 山西机电-太重榆液…中心) names that company as a
  partner that built it with the school.

The name runs back from the suffix to the nearest word that cannot be part of a name
(:data:`loaders.extract.mentions.NAME_STOP`), without a relative clause (由…组成的), a batch or a year; a
name that is only its suffix and generic words (实训基地, 建设项目) names nothing and is dropped. Named
initiatives are shared across schools (keyed by name); the participation is the report's claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from loaders.document.model import Document, Row, Span
from loaders.extract import recogniser
from loaders.extract.achievements import (
    Achievement,
    add_achievement,
    strip_leading_verbs,
    tidy_name,
    time_of,
)
from loaders.extract.base import evidence_at
from loaders.extract.common import apply_each, new_node, school_ref
from loaders.extract.lexicon import read_lexicon
from loaders.extract.mentions import (
    NAME_STOP,
    clauses,
    in_skipped_section,
    is_settled,
    is_skipped_heading,
    level_in,
    opens_with_level,
)
from loaders.extract.orgnames import (
    boundary_gazetteer,
    boundary_start,
    canonical_name,
    hard_start,
    is_generic_body,
    org_key,
    words,
)
from loaders.extract.partners import add_partner
from loaders.facts import Evidence, Facts, Node
from loaders.keys import slug

RULE = "initiatives"
# names of bodies with members, not of undertakings: the school joins them as an organisation
_ORGANISATION = re.compile(r"(?:联盟|协会|学会|研究会|委员会)$")
_TAKES_PART = re.compile(
    r"参与|参加|加入|牵头|组建|成立|获批|入选|承担|实施|开展|建设|建成|共建|合建|打造|举办|承办|启动|试点|依托|"
    r"入围|认定|立项|挂牌|设立|新建|运行|主持|当选|成为|列为|确定为|被评为|获评|发起|利用|开设")
# a suffix that names the school's place in a scheme: 高水平学校建设单位 → the scheme 高水平学校建设
_UNIT_OF_SCHEME = "单位"
_GENERIC = re.compile(r"^(?:[各类个项级省市区国家全国校院内外部门等多高新]|国际|三方|建设|重点|示范|相关|相应|有关|专业|教学|"
                      r"校企|合作|实训|培训|实践|技术|科研|服务|创新|综合|公共|产教融合|职业教育|技能|人才|培养|"
                      r"研究|研发|管理|改革|一批|若干|一系列|系列|这些|该|本|其|以上|上述|\d+)*$")
_DOCUMENT_TITLE = re.compile(r"《[^》]*$")
# the school founded or leads the body: 牵头成立…联盟, 组建…职教集团 — its undertaking, not a body it joined
_LEADS = re.compile(r"牵头|发起|组建|筹建|领衔")
_MIN_DISTINCT = 2


@dataclass(frozen=True, slots=True)
class Initiative:
    name: str
    category: str
    start: int  # offsets of the name in the sentence's norm
    end: int
    led: bool = False  # the clause says the school founded or leads it


@cache
def _suffixes() -> tuple[tuple[str, str], ...]:
    rows = [(row["suffix"], row["category"]) for row in read_lexicon("initiative_suffixes")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def _suffix_pattern() -> re.Pattern[str]:
    # a one-character suffix ends a word: 精英班、 but not 班子, 班主任
    return re.compile("|".join(re.escape(s) + ("(?![\u4e00-\u9fff])" if len(s) == 1 else "") for s, _ in _suffixes()))


def _name_start(text: str, end: int, floor: int) -> int:
    start = floor
    for m in NAME_STOP.finditer(text, floor, end):
        if m.end() < end:  # a stop word against the suffix is part of the name (…认定中心)
            start = m.end()
    return start


def initiatives_in(text: str) -> list[Initiative]:
    """Named initiatives of a sentence, in a clause that says the school takes part (pure)."""
    found: list[Initiative] = []
    categories = dict(_suffixes())
    for c_start, c_end in clauses(text):
        clause = text[c_start:c_end]
        quoted = "“" in clause or "\"" in clause
        if not is_settled(clause) or not (_TAKES_PART.search(clause) or quoted):
            continue
        floor = c_start
        previous: Initiative | None = None
        for m in _suffix_pattern().finditer(text, c_start, c_end):
            if _DOCUMENT_TITLE.search(text, c_start, m.start()):
                continue
            start = _name_start(text, m.start(), floor)
            if previous is not None and start == previous.end and _generic_words(text[start:m.start()]):
                if start == m.start() and found and found[-1] is previous:
                    found.pop()  # 高本贯通培养|试点: one name with a longer suffix
                start = previous.start  # 鲁班工坊建设联盟: an earlier suffix inside a longer name
            start, raw, name = _name_from(text, start, m.end())
            distinct = name[: len(name) - len(m.group(0))].replace("“", "").replace("”", "")
            if len(distinct) < _MIN_DISTINCT or _GENERIC.match(distinct):
                continue  # nothing named yet: a later suffix may close the name (…创新行动发展计划)
            floor = m.end()
            led = bool(_LEADS.search(text, c_start, start))
            end = m.end() - len(_UNIT_OF_SCHEME) if m.group(0).endswith(_UNIT_OF_SCHEME) else m.end()
            name = name.removesuffix(_UNIT_OF_SCHEME) if end < m.end() else name
            previous = Initiative(name, categories[m.group(0)], start + raw.find(name[:1]), end, led)
            found.append(previous)
    return found


def _name_from(text: str, start: int, end: int) -> tuple[int, str, str]:
    """(start, printed text, name) of the name ending at ``end``: without a relative clause before it
    (由…组成的“光伏+牧区”技术服务队), the batch (首批“高本贯通”) or the edition inside it (…首批试点项目,
    黑龙江省 2023 年全民…提升月)."""
    start += _description_end(text[start:end])
    start += _batch_end(text[start:end])
    raw = text[start:end]
    return start, raw, _EDITION.sub("", tidy_name(raw))


# a relative clause before a name (由…组成的, …牵头的): what the thing is made of, not its name
_DESCRIPTION = re.compile(r"^[^“”]*(?:组成|组建|构成|成立|参与|举办|主办|开设|牵头|联合)的")


_BATCH = re.compile(r"^(?:首批|第[一二三四五六七八九十\d]+批)")
# the batch or year a school took part in is no part of the initiative's name
_EDITION = re.compile(r"(?<=[\u4e00-\u9fff”])\s*(?:首批|第[一二三四五六七八九十\d]+批|(?:19|20)\d{2}\s*年度?)\s*(?=[\u4e00-\u9fff“])")


def _batch_end(name: str) -> int:
    """Where a name starts after the batch it was selected in (首批, 第二批), else 0."""
    m = _BATCH.match(name)
    return m.end() if m else 0


def _description_end(name: str) -> int:
    """Where a name starts after a relative clause ending in 的 (由…组成的“光伏+牧区”技术服务队), else 0."""
    m = _DESCRIPTION.match(name)
    return m.end() if m else 0


def _generic_words(text: str) -> bool:
    return bool(_GENERIC.match(text.replace("“", "").replace("”", "")))


# what a broken table row glues after a name: the row number, the year, the school's role in it
_CELL_TAIL = re.compile(r"[\s\d.]*(?:年)?[\s\d]*(?:(?:常务)?(?:副)?理事长单位|理事单位|成员单位|会员单位)?[\s\d]*$")


def cell_initiative(text: str) -> Initiative | None:
    """A table cell that is the name of an initiative ("全国物流与供应链产教融合共同体"), perhaps
    with what a broken row glued after it (…共同体16 2023 3理事单位): a table listing initiatives
    lists the school's (pure)."""
    for m in _suffix_pattern().finditer(text):
        if not _CELL_TAIL.fullmatch(text, m.end()):
            continue
        name = tidy_name(text[:m.end()])
        suffix = _suffix_pattern().search(name)
        if suffix is None or suffix.end() != len(name) or _DOCUMENT_TITLE.search(name):
            return None
        distinct = name[: suffix.start()].replace("“", "").replace("”", "")
        if len(distinct) < _MIN_DISTINCT or _GENERIC.match(distinct) or NAME_STOP.search(distinct):
            return None
        start = text.find(name[:1])
        return Initiative(name, dict(_suffixes())[suffix.group(0)], start, start + len(name))
    return None


def _joined(first: Span, second: Span, text: str) -> Span:
    """Two neighbouring cells read as one (a name the PDF split over two cells)."""
    return Span(first.start, second.end, first.line, text[first.start:second.end], first.norm + second.norm,
                tuple(first.norm_map) + tuple(second.norm_map))


def row_initiatives(cells: tuple[Span, ...], text: str) -> list[tuple[Span, Initiative]]:
    """Initiatives named in a table row: one per cell, or across two cells when the first has no
    suffix and the second no name of its own (绿色食品 | 产教融合共同体, 全国工业 | 4.0行业产教融合共同体)."""
    found: list[tuple[Span, Initiative]] = []
    for i, cell in enumerate(cells):
        item = cell_initiative(cell.norm)
        if item is not None:
            found.append((cell, item))
            continue
        if i + 1 < len(cells) and not _suffix_pattern().search(cell.norm) and cell_initiative(cells[i + 1].norm) is None:
            joined = _joined(cell, cells[i + 1], text)
            item = cell_initiative(joined.norm)
            if item is not None and item.end > len(cell.norm):
                found.append((joined, item))
    return found


def _row_initiatives(doc: Document, facts: Facts, row: Row) -> None:
    for span, item in row_initiatives(row.cells, doc.text):
        _add_initiative(doc, facts, span, item)


def _cell_initiatives(doc: Document, facts: Facts, cell: Span) -> None:
    item = cell_initiative(cell.norm)
    if item is not None:
        _add_initiative(doc, facts, cell, item)


def organisation_name(text: str, item: Initiative) -> str | None:
    """The name of a body with members as the organisation-name grammar bounds it on the left
    ("刘申书记出席中俄职教联盟" → 中俄职教联盟); when that leaves nothing distinctive, a boundary word
    belongs to the name (…国际合作联盟) and the initiative's own bounds hold. None when nothing
    distinctive is left either way."""
    cut = max(item.start, boundary_start(text, hard_start(text, item.end), item.end))
    name = _distinct_body_name(tidy_name(text[cut:item.end]))
    if name is None and _only_field_words(text[item.start:item.end]):
        name = _distinct_body_name(tidy_name(text[item.start:item.end]))
    return name


def _only_field_words(name: str) -> bool:
    """Every boundary word in the name also names a field (国际合作联盟), none is a role or a verb."""
    fields = words("generic")
    return all(m.surface in fields or _GENERIC.match(m.surface)
               for m in boundary_gazetteer().find(name) if m.value == "stop")


def _distinct_body_name(name: str) -> str | None:
    suffix = _ORGANISATION.search(name)
    if suffix is None or "（" in name or "(" in name:
        return None
    distinct = name[:suffix.start()].replace("“", "").replace("”", "")
    return name if len(distinct) >= _MIN_DISTINCT and not _GENERIC.match(distinct) and not is_generic_body(distinct) else None


def _add_initiative(doc: Document, facts: Facts, span: Span, item: Initiative) -> None:
    evidence = evidence_at(doc, *span.raw_span(item.start, item.end))
    name = item.name
    if _ORGANISATION.search(item.name):
        body = organisation_name(span.norm, item)
        if body is None:
            return
        if not item.led:  # a body the school joined is an organisation it is a member of
            _add_membership(doc, facts, span, body, evidence)
            return
        name = body  # a body the school founded is its undertaking
    node = new_node("Program", slug(name), name, RULE, evidence)
    node.add("category", item.category)
    ref = facts.node(node)
    facts.link(school_ref(doc), "participatesIn", ref, [evidence_at(doc, span.start, span.end)])
    if item.category == "platform":
        _add_approved_platform(doc, facts, name, span.norm[:item.end], evidence)
        _add_co_builder(doc, facts, span, item)


def _add_approved_platform(doc: Document, facts: Facts, name: str, text: str, evidence: Evidence) -> None:
    """A platform named by its level or authority (自治区…传承基地, 教育部…培养中心) was approved:
    a recognition of the school too."""
    title = strip_leading_verbs(name)
    if not opens_with_level(title):
        return
    year, period = time_of(text, doc)
    add_achievement(facts, doc.meta.school_code, Achievement(
        title, "platform", level_in(title, doc.meta.school_code), year, period, None, None, evidence))


# a platform named after the company that built it with the school: 哈汽—董礼涛技能大师工作室,
# 山西机电-太重榆液技术研发中心 (the school's short name on one side, the company's on the other)
_CO_NAMED = re.compile(r"([\u4e00-\u9fff]{2,10})\s*[—–\-－]\s*([\u4e00-\u9fff]{2,8}?)(?=技术|技能|国家级|省级|大师|产业|研发|创新|工作室|中心|学院)")
_SCHOOL_SHORT = re.compile(r"(?:职业技术|职业)?(?:学院|大学|学校)$|职院$|职大$")
_BUILT = re.compile(r"^(?:成立|组建|建成|建设|引进|共建|挂牌|打造)")


def co_builder(text: str, end: int, school_name: str) -> tuple[str, int] | None:
    """The company (and its offset) a co-named platform ending at ``end`` names: the side of the dash
    that is not the school (pure)."""
    m = next((m for m in _CO_NAMED.finditer(text, max(0, end - 40), end) if m.end() > end - 20), None)
    if m is None:
        return None
    left, left_at = m.group(1), m.start(1)
    if (verb := _BUILT.match(left)) is not None:
        left, left_at = left[verb.end():], left_at + verb.end()
    right = m.group(2)
    own_short = _SCHOOL_SHORT.sub("", school_name)
    if left == own_short or left in school_name or _SCHOOL_SHORT.search(left):
        return None if right in school_name or _SCHOOL_SHORT.search(right) else (right, m.start(2))
    return (left, left_at) if len(left) >= 2 else None


def _add_co_builder(doc: Document, facts: Facts, span: Span, item: Initiative) -> None:
    found = co_builder(span.norm, item.end, doc.meta.school_name)
    if found is None:
        return
    partner, at = found
    evidence = evidence_at(doc, *span.raw_span(at, at + len(partner)))
    node = Node("Enterprise", org_key(partner), canonical_name(partner), rule=RULE)
    node.add("orgKind", "enterprise")
    node.evidence.append(evidence)
    add_partner(facts, school_ref(doc), node, "共建", evidence_at(doc, span.start, span.end))


def _add_membership(doc: Document, facts: Facts, span: Span, name: str, evidence: Evidence) -> None:
    node = Node("PartnerOrganization", org_key(name), canonical_name(name), rule=RULE)
    node.add("orgKind", "association")
    node.evidence.append(evidence)
    add_partner(facts, school_ref(doc), node, "membership", evidence_at(doc, span.start, span.end))


def _sentence_initiatives(doc: Document, facts: Facts, sentence: Span) -> None:
    for item in initiatives_in(sentence.norm):
        _add_initiative(doc, facts, sentence, item)


@recogniser(RULE, after=("programmes",))
def extract_initiatives(doc: Document, facts: Facts) -> None:
    for paragraph in doc.paragraphs:
        if in_skipped_section(paragraph):
            continue
        apply_each(paragraph.sentences, "initiative sentence", lambda s: _sentence_initiatives(doc, facts, s))
    headings = [h for h in doc.headings if not is_skipped_heading(h)]
    apply_each(headings, "initiative heading", lambda h: _sentence_initiatives(doc, facts, h))
    rows = [row for table in doc.tables for row in table.rows]
    apply_each(rows, "initiative row", lambda r: _row_initiatives(doc, facts, r))
