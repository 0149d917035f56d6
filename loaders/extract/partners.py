"""Partners: enterprises and other organisations a school works with, and how (sg:Partnership).

An organisation named in a sentence (by :mod:`loaders.extract.orgnames`) is a partner only when
a relation trigger from ``data/lexicon/relation_triggers.csv`` (共建, 订单班, 现代学徒制, 捐赠,
合作开发教材, 技术服务, 实习就业, 合作办学, or a plain 合作/联合/携手 → "other") stands in its clause,
or elsewhere in its sentence when its own clause carries no mention-only cue (印发, 认定, 好评 …:
an issuer of a document or a source of praise is not a partner). Without a trigger, an organisation
that is the co-agent of the clause's verb (与太原工业学院开展…, 与A、B等形成…) is a partner of kind
"other". A non-enterprise organisation that is the object of a build verb (建设/共建/成立 X研究院) or
whose building the sentence reports (X建设有序推进) is what the school built, not a partner; the
partner of 与Y共建X is Y.

Each partner becomes an ``Enterprise`` (orgKind enterprise) or ``PartnerOrganization`` node keyed
by :func:`~loaders.extract.orgnames.org_key`; each (scope, partner, relation kind) becomes one
``Partnership`` node, with every sentence that states it as evidence, plus the plain
``scope sg:partner org`` link. The scope is the school, or a professional group when the sentence's
subject is one: a group named at its start (数控技术专业群与…), or a bare 专业群/本专业群 there under a
heading that names the group. Tables whose header has a partner column (合作企业, 共建单位,
企业名称 …) list partners row by row, of the row's group when it has a group column.

API reused by :mod:`loaders.extract.industry_colleges`: :func:`partner_mentions`,
:func:`relation_kinds`, :func:`add_partner`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from loaders.document.model import Cell, Document, Sentence, Span
from loaders.extract import recogniser
from loaders.extract.base import each, evidence_at, evidence_of
from loaders.extract.common import apply_each, heading_titles, norm_evidence, sentences_in_context
from loaders.extract.gazetteer import Gazetteer
from loaders.extract.groups import add_group, group_mentions, level_in_context, names_a_group
from loaders.extract.lexicon import read_lexicon
from loaders.extract.orgnames import (
    ENTERPRISE,
    OrgName,
    canonical_name,
    find_org_names,
    has_parent_body,
    is_generic_body,
    leading_place,
    org_key,
)
from loaders.extract.tables import ColumnSpec, mapped_tables, rows_as_dicts
from loaders.facts import Evidence, Facts, Node, NodeRef
from loaders.keys import slug

OTHER = "other"
MENTION_ONLY = "none"
SHIELD = "-"
# Names that other recognisers own: industry colleges and vocational-education groups (programmes).
_NOT_PARTNERS = re.compile(r"(?:产业学院|职教集团|职业教育集团)$")
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?]")


@dataclass(frozen=True, slots=True)
class PartnerMention:
    """An organisation named as a partner in a text, with the relation kinds its context states."""

    org: OrgName
    kinds: tuple[str, ...]


@cache
def trigger_gazetteer() -> Gazetteer[str]:
    return Gazetteer((r["trigger"], r["relation_kind"]) for r in read_lexicon("relation_triggers"))


@cache
def _kind_order() -> dict[str, int]:
    order: dict[str, int] = {}
    for row in read_lexicon("relation_triggers"):
        order.setdefault(row["relation_kind"], len(order))
    return order


def relation_kinds(text: str) -> tuple[str, ...]:
    """Relation kinds the triggers in ``text`` state: the specific ones, else ("other",), else ().

    Rows of kind "-" in the trigger lexicon only shield a trigger inside a longer word (联合体).
    """
    found = {m.value for m in trigger_gazetteer().find(text)} - {MENTION_ONLY, SHIELD}
    specific = sorted(found - {OTHER}, key=_kind_order().__getitem__)
    if specific:
        return tuple(specific)
    return (OTHER,) if OTHER in found else ()


def is_mention_only(text: str) -> bool:
    return any(m.value == MENTION_ONLY for m in trigger_gazetteer().find(text))


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the clause (between ，；：。 marks) that holds ``text[start:end]``."""
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    right = _CLAUSE_END.search(text, end)
    return left, right.start() if right else len(text)


def neighbourhood(text: str, start: int, end: int) -> str:
    """The clause holding ``text[start:end]`` with the clauses just before and after it."""
    left, right = clause_bounds(text, start, end)
    before = clause_bounds(text, left - 1, left - 1)[0] if left > 0 else left
    after = clause_bounds(text, right + 1, right + 1)[1] if right < len(text) else right
    return text[before:after]


# A weak-suffix name (…中心, …学院) is a partner only as the counterpart of 与/和/同/联合/携手.
_COUNTERPART = re.compile(r"(?:与|和|同|联合|携手|面向|为)$")


_SCHOOL_WORD = re.compile(r"(?:学院|大学|学校)$")


@dataclass(frozen=True, slots=True)
class OwnNames:
    """What is the school itself: names holding its name or stem, and its secondary colleges by name."""

    inside: tuple[str, ...]
    units: frozenset[str] = frozenset()

    def owns(self, name: str) -> bool:
        name = canonical_name(name)
        return name in self.units or any(n in name for n in self.inside)


def own_names(school_name: str, units: Iterable[str] = ()) -> OwnNames:
    """The school's name and its stem (哈尔滨职业技术学院 → 哈尔滨职业技术, as in 哈尔滨职业技术机电工程学院):
    names containing either are the school or its units, never partners; so are its secondary colleges
    (``units``: 信息工程学院, named in a list of its colleges), by their exact names."""
    name = canonical_name(school_name)
    stem = _SCHOOL_WORD.sub("", name)
    inside = (name, stem) if stem != name and len(stem) >= 4 else (name,)
    return OwnNames(inside, frozenset(canonical_name(u) for u in units))


def own_units(doc: Document, facts: Facts) -> OwnNames:
    """The school's own names for a report, with the secondary colleges read so far."""
    colleges = [node.label for node in facts.nodes.values() if node.kind == "SecondaryCollege"]
    return own_names(doc.meta.school_name, colleges)


def _is_own(org: OrgName, own: OwnNames) -> bool:
    return own.owns(org.name)


def _self_supporting(org: OrgName) -> bool:
    """A weak-suffix name that starts with a Chinese or foreign place (上海电机学院, 泰国正大管理学院)
    and is not a platform (…中心, …联盟) reads as an organisation on its own."""
    if has_parent_body(org.name):
        return not _PLATFORM.search(org.name)
    if org.country:  # 泰国东部职教联盟: a body abroad is no platform of the school's
        return True
    place = leading_place(org.name)
    if place == "national" and len(org.name) <= _MAX_NATIONAL_NAME.get(org.org_kind, 0):
        return not _PLATFORM.search(org.name)  # 中国教育干部网络学院, 国家行政学院, 国家…专业委员会
    return place is not None and place not in {"national", "region"} and not _PLATFORM.search(org.name)


# longer "中国…学院" runs are table cells glued to a college's name; committees have longer names
_MAX_NATIONAL_NAME = {"university": 12, "vocational-school": 12, "government": 16, "association": 16}


_PLATFORM = re.compile(r"(?:中心|联盟)$")


def _named_as_counterpart(text: str, org: OrgName) -> bool:
    """与X… / X等紧密合作企业: the sentence makes X a party even where it also praises or lists."""
    clause_end = clause_bounds(text, org.start, org.end)[1]
    return bool(_COUNTERPART.search(text[: org.start])) or bool(relation_kinds(text[org.end: min(clause_end, org.end + 10)]))


# What a school builds: 建设柳州市协同创新研究院, 共建“协同创新研究院+…”, 升级智能制造创新研究院.
_BUILT_BEFORE = re.compile(r"(?:建设|建成|共建|组建|成立|筹建|新建|创建|升级|打造|搭建|建立)了?[“\"「]?$")
_BUILT_AFTER = re.compile(r"^(?:、[^，,；;。、]{2,24})*建设(?:有序|顺利|稳步|进展|推进|取得|工作)")


def is_built_by_school(text: str, org: OrgName) -> bool:
    """A non-enterprise name that the sentence says is being built (the school's own platform) —
    not a unit of another named association, which the school founds with that body."""
    if org.org_kind == ENTERPRISE or org.modifier or has_parent_body(org.name):
        return False
    return bool(_BUILT_BEFORE.search(text[: org.start]) or _BUILT_AFTER.search(text[org.end:]))


# 与X开展…, 与A、B等形成…: the counterpart of 与/同/跟 is a co-agent of the clause's verb
_CO_AGENT = re.compile(r"(?:与|同|跟|联合|携手)$")
_COMPARISON = re.compile(r"相比|相较|相同|不同|之间|相当")


def _co_agent(text: str, org: OrgName, clause: tuple[int, int]) -> bool:
    """``org`` follows 与/同/联合 (directly or as a later item of the list that follows it)."""
    left, right = clause
    if _COMPARISON.search(text, org.end, right):
        return False
    before = text[left: org.start]
    if _CO_AGENT.search(before):
        return True
    opened = max((m.end() for m in re.finditer(r"与|同|跟|联合|携手", before)), default=-1)
    return opened >= 0 and before.endswith("、") and "，" not in before[opened:]


def _kinds_of(text: str, org: OrgName, clause: tuple[int, int]) -> tuple[str, ...]:
    kinds = relation_kinds(text[clause[0]: clause[1]])
    if not kinds:
        # a name that the sentence defines a short name for is the sentence's subject
        kinds = relation_kinds(text if org.alias else neighbourhood(text, org.start, org.end))
    if not kinds and org.modifier:
        kinds = ("共建",)  # 建设华为企业工作室: a facility built with the brand
    if not kinds and _co_agent(text, org, clause):
        kinds = (OTHER,)
    return kinds


def named_organisations(text: str, own: OwnNames = OwnNames(())) -> list[OrgName]:
    """Organisations ``text`` names that can stand on their own (not the school, its units or what it
    builds; a weak-suffix name only when a place or a 与/联合 makes it one) — partners or not."""
    return [org for org in find_org_names(text)
            if not (_is_own(org, own) or _NOT_PARTNERS.search(org.name) or is_built_by_school(text, org))
            and (not org.weak or _self_supporting(org) or _COUNTERPART.search(text[:org.start]))]


def partner_mentions(text: str, own: OwnNames = OwnNames(())) -> list[PartnerMention]:
    """Organisations in ``text`` that its triggers make partners (not the school itself)."""
    mentions: list[PartnerMention] = []
    for org in find_org_names(text):
        if _is_own(org, own) or _NOT_PARTNERS.search(org.name) or is_built_by_school(text, org):
            continue
        if org.weak and not _self_supporting(org) and not _COUNTERPART.search(text[:org.start]):
            continue
        clause = clause_bounds(text, org.start, org.end)
        if is_mention_only(text[clause[0]:clause[1]]) and not _named_as_counterpart(text, org):
            continue
        kinds = _kinds_of(text, org, clause)
        if kinds:
            mentions.append(PartnerMention(org, kinds))
    return mentions


def org_node(doc: Document, sentence: Span, org: OrgName, rule: str, full_name: str | None = None) -> Node:
    """The Enterprise / PartnerOrganization node of an organisation named in ``sentence.norm``
    (a sentence or a table cell); ``full_name``: the name the printed one stands for (省教育厅 →
    山西省教育厅), the printed one kept as an alternative label."""
    kind = "Enterprise" if org.org_kind == ENTERPRISE else "PartnerOrganization"
    name = full_name or org.name
    node = Node(kind, org_key(name), canonical_name(name), rule=rule)
    node.add("orgKind", org.org_kind)
    if org.country:
        node.add("country", org.country)
    if org.alias:
        node.alt_labels.add(org.alias)
    if name != org.name:
        node.alt_labels.add(canonical_name(org.name))
    node.evidence.append(evidence_at(doc, *sentence.raw_span(org.start, org.end)))
    return node


def partnership_key(scope: NodeRef, partner: NodeRef, kind: str) -> str:
    return slug(f"{scope.key}-{partner.key}-{kind}")


def add_partner(facts: Facts, scope: NodeRef, partner: Node, kind: str, evidence: Evidence) -> None:
    """``scope sg:partner partner`` plus its qualified sg:Partnership for one relation kind."""
    partner_ref = facts.node(partner)
    facts.link(scope, "partner", partner_ref, [evidence])
    relation = Node("Partnership", partnership_key(scope, partner_ref, kind),
                    f"{partner.label}（{kind}）", rule=partner.rule)
    relation.add("partnerOf", scope)
    relation.add("partnerOrg", partner_ref)
    relation.add("relationKind", kind)
    relation.evidence.append(evidence)
    facts.node(relation)


# 一是 / （1） / 同时 …, then 本/该/我院 …: what may stand before a sentence's subject
_LEAD_IN = r"(?:[一二三四五六七八九十]+是|[（(]?[0-9一二三四五六七八九十]+[）)、.．]|同时|此外|其次|首先)?[，,]?"
SUBJECT_LEAD = re.compile("^" + _LEAD_IN + r"(?:本|该|我院|我校|学院|学校)?")
# a clause (raw text, spaces and all) whose subject is the school itself: 学校牵头成立…, 一是学院…
SCHOOL_SUBJECT = re.compile(r"^\s*" + _LEAD_IN + r"\s*(?:学校|学院|我校|我院|本校|本院)")
_BARE_GROUP = re.compile(r"(?:特色|高水平)?专业(?:集)?群")


def subject_group(text: str, heading_text: str) -> tuple[str, int, int] | None:
    """(group as printed, start, end in ``text``) when the sentence's subject is a professional group:
    one named at its start, or a bare 专业群 there that the heading names."""
    lead = SUBJECT_LEAD.match(text)
    at = lead.end() if lead else 0
    named = next((g for g in group_mentions(text) if g.start == at), None)
    if named is not None:
        return text[named.start:named.end], named.start, named.end
    bare = _BARE_GROUP.match(text, at)
    in_heading = group_mentions(heading_text)
    if bare is None or not in_heading:
        return None
    g = in_heading[-1]
    return heading_text[g.start:g.end], bare.start(), bare.end()


def _scope(doc: Document, facts: Facts, sentence: Sentence, heading_text: str) -> NodeRef:
    found = subject_group(sentence.norm, heading_text)
    if found is None:
        return NodeRef("School", doc.meta.school_code)
    printed, start, end = found
    level = level_in_context("", f"{heading_text} {doc.meta.title}")
    return add_group(doc, facts, printed, norm_evidence(doc, sentence, start, end), level)


@recogniser("partners", after=("groups", "funding-figures"))
def extract_partners(doc: Document, facts: Facts) -> None:
    own = own_units(doc, facts)
    _partners_from_tables(doc, facts, own)
    headings: dict[int, str] = {}
    for in_context in sentences_in_context(doc):
        heading = in_context.heading
        headings[id(in_context.sentence)] = heading_titles(heading) if heading is not None else ""

    def read(sentence: Sentence) -> None:
        mentions = partner_mentions(sentence.norm, own)
        if not mentions:
            return
        evidence = evidence_of(doc, sentence)
        scope = _scope(doc, facts, sentence, headings.get(id(sentence), ""))
        for mention in mentions:
            partner = org_node(doc, sentence, mention.org, "partners")
            for kind in mention.kinds:
                add_partner(facts, scope, partner, kind, evidence)

    for _ in each(doc.sentences, "sentence", read):
        pass


PARTNER_TABLE = ColumnSpec({
    "group": (r"专业(?:集)?群(?:名称)?$",),
    "partner": (r"合作企业|共建单位|合作单位|企业名称|合作伙伴|合作机构|单位名称|共建企业|合作院校",),
    "kind": (r"合作(?:内容|形式|方式|项目)|共建内容",),
}, required=("partner",))


_CELL_ITEM = re.compile(r"[^、，,；;/\n]+")


def cell_orgs(text: str, default_kind: str) -> list[OrgName]:
    """Organisations listed in a partner column's cell: every item is one, typed by its suffix when
    the grammar reads it, else by the column (企业 → enterprise)."""
    found: list[OrgName] = []
    for item in _CELL_ITEM.finditer(text):
        start, end = item.start(), item.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        name = text[start:end]
        if not 2 <= len(name) <= 40 or is_generic_body(name) or not re.search(r"[\u3400-\u9fffA-Za-z]", name):
            continue
        read = find_org_names(name)
        if len(read) == 1 and read[0].start == 0 and read[0].end == len(name):
            org = read[0]
            found.append(OrgName(start, end, name, org.org_kind, org.alias, org.country, weak=org.weak))
        else:
            found.append(OrgName(start, end, name, default_kind, from_list=True))
    return found


def _partners_from_tables(doc: Document, facts: Facts, own: OwnNames) -> None:
    """One partner per organisation named in a partner column; the relation kind from the row's
    content column (else "other": the table lists it as a partner)."""
    for table, mapping in mapped_tables(doc, PARTNER_TABLE):
        context = f"{table.title} {heading_titles(table.heading)} {doc.meta.title}"
        default_kind = ENTERPRISE if "企业" in mapping.header_of("partner") else OTHER
        apply_each(rows_as_dicts(table, mapping, fill_down=("group",)), "partner row",
                   lambda row, c=context, k=default_kind: _partner_row(doc, facts, own, row, c, k))


def _partner_row(doc: Document, facts: Facts, own: OwnNames, row: dict[str, Cell], context: str,
                 default_kind: str) -> None:
    cell = row["partner"]
    kinds = relation_kinds(row["kind"].norm) if "kind" in row else ()
    scope = NodeRef("School", doc.meta.school_code)
    if "group" in row and names_a_group(row["group"].norm):
        group = row["group"]
        name = group.norm if _BARE_GROUP.search(group.norm) else group.norm + "专业群"
        scope = add_group(doc, facts, name, norm_evidence(doc, group, 0, len(group.norm)),
                          level_in_context("", context))
    evidence = evidence_of(doc, cell)
    for org in cell_orgs(cell.norm, default_kind):
        if _is_own(org, own) or _NOT_PARTNERS.search(org.name):
            continue
        partner = org_node(doc, cell, org, "partners")
        for kind in kinds or (OTHER,):
            add_partner(facts, scope, partner, kind, evidence)
