"""Entity resolution across reports: one node per real entity.

``resolve`` takes the facts of every report and returns them with keys rewritten so that
spellings of one entity share one key; every merge keeps all spellings as ``skos:altLabel``
(``Node.alt_labels``) and records the rule that merged it (``sg:mergeRule``).

Organisations (Enterprise and PartnerOrganization, pooled: a short name read from a list of
企业 may be the legal name of an institute) are merged by these rules, in this order:

``normalised-spelling``
    the same name up to width, spaces, parentheses and middle dots
    (深圳（哈尔滨）产业园… / 深圳(哈尔滨)产业园… / 深圳哈尔滨产业园…).
``legal-form``
    a name and the same name plus a company form: 广西汽车集团 / 广西汽车集团有限公司.
``stated-short-name``
    a short name the text itself attaches to a full name (广西柳工机械股份有限公司（柳工）): every
    node spelled 柳工 joins it, unless two different full names claim that short name.
``place-prefix``
    a suffixed name and the same name with a leading place: 柳工集团 / 广西柳工集团 (one candidate only).
``unique-containing-legal-name``
    a suffix-less short name contained in exactly one full name of its kind: 上汽通用五菱 /
    上汽通用五菱股份有限公司.
``shortened-name``
    two names with the same suffix where the shorter one's body opens as the longer one's does and
    keeps its characters in order: 淮海集团 / 淮海工业集团, 中俄职教联盟 / 中俄职业教育联盟 (one
    candidate only; a body that is only a place never shortens).
``abbreviation``
    a 2–4 character suffix-less short name whose characters occur in order in exactly one full
    name, first character first and last character in its suffix: 哈焊所 / 哈尔滨焊接研究所有限公司.

Two names that both carry a suffix are otherwise never merged because they share words
(哈尔滨工业大学 ≠ 哈尔滨职业技术学院). Industry colleges of one school are merged by
``normalised-spelling`` only. Node references in links and attributes are rewritten, and
Partnership keys recomputed from the rewritten partners. The result does not depend on the
order of reports or nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from loaders.extract.orgnames import (
    canonical_name,
    comparison_form,
    place_gazetteer,
    split_suffix,
    suffix_gazetteer,
)
from loaders.extract.partners import partnership_key
from loaders.facts import Facts, Node, NodeRef, Value

ORG_KINDS = frozenset({"Enterprise", "PartnerOrganization"})
SPELLING_KINDS = ORG_KINDS | {"IndustryCollege"}
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司")


@dataclass(frozen=True, slots=True)
class Merge:
    """``source`` is one spelling of the entity whose node is ``target``; ``rule`` says why."""

    source: NodeRef
    target: NodeRef
    target_label: str
    rule: str


@dataclass(slots=True)
class _Entity:
    ref: NodeRef
    label: str
    aliases: set[str]
    org_kinds: set[str]


class _Groups:
    """Union–find over node refs; each union remembers the rule that made it."""

    def __init__(self, refs: Iterable[NodeRef]) -> None:
        self.parent: dict[NodeRef, NodeRef] = {ref: ref for ref in refs}
        self.rule: dict[NodeRef, str] = {}

    def find(self, ref: NodeRef) -> NodeRef:
        while self.parent[ref] != ref:
            self.parent[ref] = self.parent[self.parent[ref]]
            ref = self.parent[ref]
        return ref

    def union(self, a: NodeRef, b: NodeRef, rule: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        keep, drop = sorted((ra, rb))
        self.parent[drop] = keep
        self.rule.setdefault(a, rule)
        self.rule.setdefault(b, rule)

    def members(self) -> dict[NodeRef, list[NodeRef]]:
        groups: dict[NodeRef, list[NodeRef]] = {}
        for ref in sorted(self.parent):
            groups.setdefault(self.find(ref), []).append(ref)
        return groups


def _entities(nodes: Iterable[Node]) -> dict[NodeRef, _Entity]:
    entities: dict[NodeRef, _Entity] = {}
    for node in nodes:
        if node.kind not in SPELLING_KINDS:
            continue
        have = entities.setdefault(node.ref, _Entity(node.ref, node.label, set(), set()))
        have.aliases |= {a for a in node.alt_labels if a != node.label}
        have.org_kinds |= {v for v in node.attrs.get("orgKind", []) if isinstance(v, str)}
    return entities


def _has_suffix(name: str) -> bool:
    body, suffix = split_suffix(canonical_name(name))
    return suffix is not None and len(body) >= 2


def _spelling_form(entity: _Entity) -> tuple[str, str]:
    pool = "org" if entity.ref.kind in ORG_KINDS else entity.ref.kind
    form = comparison_form(entity.label)
    if entity.ref.kind == "IndustryCollege":
        form = entity.ref.key.split("-", 1)[0] + ":" + form  # one school's colleges only
    return pool, form


def _merge_spellings(entities: dict[NodeRef, _Entity], groups: _Groups) -> None:
    first: dict[tuple[str, str], NodeRef] = {}
    for ref in sorted(entities):
        form = _spelling_form(entities[ref])
        if form in first:
            groups.union(first[form], ref, "normalised-spelling")
        else:
            first[form] = ref


def _unique(candidates: set[NodeRef], groups: _Groups) -> NodeRef | None:
    roots = {groups.find(c) for c in candidates}
    return min(candidates) if len(roots) == 1 else None


def _merge_legal_forms(orgs: dict[NodeRef, _Entity], forms: dict[NodeRef, str], groups: _Groups) -> None:
    by_form: dict[str, NodeRef] = {}
    for ref, form in sorted(forms.items()):
        by_form.setdefault(form, ref)
    for ref, form in sorted(forms.items()):
        for legal in LEGAL_FORMS:
            other = by_form.get(form + legal)
            if other is not None and _has_suffix(orgs[ref].label):
                groups.union(ref, other, "legal-form")


def _merge_stated_short_names(orgs: dict[NodeRef, _Entity], forms: dict[NodeRef, str], groups: _Groups) -> None:
    claimed: dict[str, set[NodeRef]] = {}
    for ref, entity in sorted(orgs.items()):
        for alias in entity.aliases:
            claimed.setdefault(comparison_form(alias), set()).add(ref)
    for ref, form in sorted(forms.items()):
        owners = claimed.get(form, set()) - {ref}
        owner = _unique(owners, groups) if owners else None
        if owner is not None:
            groups.union(owner, ref, "stated-short-name")


def _merge_place_prefixed(orgs: dict[NodeRef, _Entity], forms: dict[NodeRef, str], groups: _Groups) -> None:
    for ref, form in sorted(forms.items()):
        if not _has_suffix(orgs[ref].label):
            continue
        candidates = set()
        for other, other_form in forms.items():
            if other == ref or not other_form.endswith(form) or len(other_form) == len(form):
                continue
            prefix = other_form[: len(other_form) - len(form)]
            if place_gazetteer().get(prefix) is not None:
                candidates.add(other)
        target = _unique(candidates, groups) if candidates else None
        if target is not None:
            groups.union(target, ref, "place-prefix")


def _merge_shortened_bodies(orgs: dict[NodeRef, _Entity], forms: dict[NodeRef, str], groups: _Groups) -> None:
    """淮海集团 / 淮海工业集团, 广西汽车集团 / 广西汽车产业集团: the same suffix, and the shorter name's
    words (2+ characters) open the longer name's — one candidate only."""
    suffixed = {ref: split_suffix(orgs[ref].label) for ref in forms if _has_suffix(orgs[ref].label)}
    # longest first, so that 中俄职教联盟 joins 中俄职业教育联盟 before 中俄联盟 looks for its one candidate
    for ref, (body, suffix) in sorted(suffixed.items(), key=lambda item: (-len(item[1][0]), item[0])):
        short = comparison_form(body)
        if suffix is None or len(_without_leading_place(short)) < 2:
            continue  # 重庆大学 is not 重庆邮电大学: a place and a suffix name an institution of their own
        candidates = {other for other, (other_body, other_suffix) in suffixed.items()
                      if other != ref and other_suffix is not None and other_suffix.text == suffix.text
                      and _shortens(short, comparison_form(other_body))}
        target = _unique(candidates, groups) if candidates else None
        if target is not None:
            groups.union(target, ref, "shortened-name")


def _shortens(short: str, long: str) -> bool:
    """淮海 shortens 淮海工业, 中俄职教 shortens 中俄职业教育: the same first two characters, the rest in
    order, and no place the short one lacks (金华市教育局 is not 金华市婺城区教育局)."""
    if len(long) <= len(short) or short[:2] != long[:2] or _places(long) - _places(short):
        return False
    if len(_ADMIN_UNIT.findall(long)) != len(_ADMIN_UNIT.findall(short)):
        return False  # a district or county the gazetteer does not know (婺城区)
    position = 2
    for ch in short[2:]:
        position = long.find(ch, position)
        if position < 0:
            return False
        position += 1
    return True


_ADMIN_UNIT = re.compile(r"[省市区县镇乡州旗]")


def _places(form: str) -> set[str]:
    return {m.surface for m in place_gazetteer().find(form)}


def _without_leading_place(form: str) -> str:
    places = [m for m in place_gazetteer().find(form) if m.start == 0]
    return form[max((m.end for m in places), default=0):]


def _merge_short_names(orgs: dict[NodeRef, _Entity], forms: dict[NodeRef, str], groups: _Groups) -> None:
    legal = {ref: form for ref, form in forms.items() if _has_suffix(orgs[ref].label)}
    for ref, form in sorted(forms.items()):
        if ref in legal or len(form) < 2 or ref in groups.rule:
            continue  # full names, and short names the text already tied to a full name
        # a company's short name never names a school or a body (中国电子 ≠ 中国电子商务…学院)
        containing = {other for other, other_form in legal.items() if form in other_form and other.kind == ref.kind}
        target = _unique(containing, groups) if containing else None
        if target is not None:
            groups.union(target, ref, "unique-containing-legal-name")
            continue
        if 2 <= len(form) <= 4:
            abbreviated = {other for other, other_form in legal.items()
                           if _abbreviates(form, other_form)}
            target = _unique(abbreviated, groups) if abbreviated else None
            if target is not None:
                groups.union(target, ref, "abbreviation")


def _abbreviates(short: str, full_form: str) -> bool:
    """哈焊所 abbreviates 哈尔滨焊接研究所有限公司: same first character, characters in order,
    last character inside the suffixes that end the full name (研究所有限公司; not the 大学 of
    哈尔滨工业大学…实验室: 哈工大 names the university, not its laboratory)."""
    if short[0] != full_form[0] or short[-1] not in full_form[_trailing_suffixes_start(full_form):]:
        return False
    position = 0
    for ch in short:
        position = full_form.find(ch, position)
        if position < 0:
            return False
        position += 1
    return True


def _trailing_suffixes_start(name: str) -> int:
    """Where the run of suffixes that ends ``name`` begins (研究所有限公司 in 哈尔滨焊接研究所有限公司)."""
    matches = list(suffix_gazetteer().find(name))
    start = len(name)
    while True:
        before = [m.start for m in matches if m.end == start and m.start < start]
        if not before:
            return start
        start = min(before)


def _representative(members: list[NodeRef], entities: dict[NodeRef, _Entity]) -> _Entity:
    """The full legal name if any (longest, Enterprise first), else the longest spelling."""
    return max((entities[m] for m in members),
               key=lambda e: (_has_suffix(e.label), e.ref.kind == "Enterprise", len(e.label), e.label))


def plan_merges(nodes: Iterable[Node]) -> dict[NodeRef, Merge]:
    """Which node refs to rewrite to which canonical node, with the rule; refs left alone are absent."""
    entities = _entities(nodes)
    groups = _Groups(entities)
    _merge_spellings(entities, groups)
    orgs = {ref: e for ref, e in entities.items() if ref.kind in ORG_KINDS}
    forms = {ref: comparison_form(e.label) for ref, e in orgs.items()}
    _merge_legal_forms(orgs, forms, groups)
    _merge_stated_short_names(orgs, forms, groups)
    _merge_place_prefixed(orgs, forms, groups)
    _merge_shortened_bodies(orgs, forms, groups)
    _merge_short_names(orgs, forms, groups)
    merges: dict[NodeRef, Merge] = {}
    for members in groups.members().values():
        if len(members) < 2:
            continue
        rep = _representative(members, entities)
        for member in members:
            rule = groups.rule.get(member, "normalised-spelling")
            merges[member] = Merge(member, rep.ref, rep.label, rule)
    return merges


def _rewrite_value(value: Value, merges: dict[NodeRef, Merge]) -> Value:
    if isinstance(value, NodeRef) and value in merges:
        return merges[value].target
    return value


def _rewrite_node(node: Node, merges: dict[NodeRef, Merge], kinds: dict[NodeRef, set[str]]) -> Node:
    merge = merges.get(node.ref)
    kind, key, label = node.kind, node.key, node.label
    if merge is not None:
        kind, key, label = merge.target.kind, merge.target.key, merge.target_label
    new = Node(kind, key, label, node.label_en, set(node.alt_labels), {}, list(node.evidence), node.rule)
    if node.label != label:
        new.alt_labels.add(node.label)
    new.alt_labels.discard(label)
    for prop, values in node.attrs.items():
        if prop == "orgKind" and merge is not None:
            continue
        for value in values:
            new.add(prop, _rewrite_value(value, merges))
    if merge is not None:
        for org_kind in sorted(kinds.get(merge.target, set())):
            new.add("orgKind", org_kind)
        new.add("mergeRule", merge.rule)
    if new.kind == "Partnership":
        new.key = _partnership_key(new) or new.key
    return new


def _partnership_key(node: Node) -> str | None:
    scope = next((v for v in node.attrs.get("partnerOf", []) if isinstance(v, NodeRef)), None)
    partner = next((v for v in node.attrs.get("partnerOrg", []) if isinstance(v, NodeRef)), None)
    kind = next((v for v in node.attrs.get("relationKind", []) if isinstance(v, str)), None)
    if scope is None or partner is None or kind is None:
        return None
    return partnership_key(scope, partner, kind)


def _target_org_kinds(all_nodes: list[Node], merges: dict[NodeRef, Merge]) -> dict[NodeRef, set[str]]:
    """orgKind of each merge target: the representative's own kinds (its spelling decides)."""
    kinds: dict[NodeRef, set[str]] = {}
    labels = {m.target: m.target_label for m in merges.values()}
    for node in all_nodes:
        target = merges[node.ref].target if node.ref in merges else None
        if target is not None and node.label == labels[target]:
            kinds.setdefault(target, set()).update(v for v in node.attrs.get("orgKind", []) if isinstance(v, str))
    return kinds


def rewrite(facts: Facts, merges: dict[NodeRef, Merge], org_kinds: dict[NodeRef, set[str]]) -> Facts:
    """One report's facts with merged refs rewritten everywhere (nodes, attributes, links)."""
    out = Facts(facts.report)
    for node in facts.nodes.values():
        out.node(_rewrite_node(node, merges, org_kinds))
    for link in facts.links.values():
        out.link(_rewrite_value(link.subject, merges), link.predicate,  # type: ignore[arg-type]
                 _rewrite_value(link.object, merges), link.evidence)  # type: ignore[arg-type]
    return out


def resolve(all_facts: list[Facts]) -> list[Facts]:
    """Every report's facts, with spellings of one entity sharing one node (see module doc)."""
    all_nodes = [node for facts in all_facts for node in facts.nodes.values()]
    merges = plan_merges(all_nodes)
    if not merges:
        return all_facts
    org_kinds = _target_org_kinds(all_nodes, merges)
    return [rewrite(facts, merges, org_kinds) for facts in all_facts]
