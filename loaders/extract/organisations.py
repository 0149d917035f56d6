"""Every organisation a report names, with the school — the mention layer under the partner recogniser.

:mod:`loaders.extract.partners` makes an organisation a partner when a relation trigger (共建, 订单班,
合作 …) or a 与/联合 stands beside it. Reports also name organisations in other relations to the
school: the body that approved or recognised something (教育部认定…), the authority it reports to,
an alliance it joined, a school it helped. This layer runs after the partner and industry-college
recognisers and keeps every other organisation named in a sentence or a table cell (found by the
suffix grammar of :mod:`loaders.extract.orgnames`, filtered by
:func:`~loaders.extract.partners.named_organisations`) whose clause says what it does with the
school — ``recognition`` (认定, 批准, 授予, 立项 …: an authority that approved or recognised),
``membership`` (加入, 理事, 成员 …), ``service`` (服务, 培训, 帮扶, 托管 …), ``exchange`` (来访, 交流, 考察, 研修 …) or
``sponsor`` / ``authority`` (the body named right before 举办 / 主管: it runs the school / is its
competent authority; a government body whose requirements the school carries out or by whose rules it acts:
…的工作要求, 根据…厅制定的…), ``other`` for a body whose work the school takes part in (参与了…协会…的起草) —
and every place the school supports (对口帮扶…县 → its 人民政府, ``service``) — as an ``Enterprise`` or
``PartnerOrganization`` with a ``sg:Partnership`` of that relation kind. An organisation that is
only named (a teacher's alma mater, a medium that reported) is no partner and is left out. Only a
name that identifies one organisation on its own is taken (see :func:`_proper`). No ``sg:partner``
shortcut is drawn for these relations.
"""

from __future__ import annotations

import re
from functools import cache

from loaders import refdata
from loaders.document.model import Document, Span
from loaders.extract import recogniser
from loaders.extract.base import evidence_of
from loaders.extract.common import apply_each, school_ref
from loaders.extract.gazetteer import Gazetteer
from loaders.extract.lexicon import read_lexicon
from loaders.extract.orgnames import (
    ENTERPRISE,
    OrgName,
    leading_place,
    org_key,
    split_suffix,
    with_home_place,
)
from loaders.extract.partners import (
    OwnNames,
    clause_bounds,
    named_organisations,
    org_node,
    own_units,
    partnership_key,
    relation_kinds,
)
from loaders.facts import Facts, Node

RULE = "organisations"
# What an organisation named beside the school does with it, when no partner trigger says so.
# the body named right before 举办 runs the school (its sponsor), before 主管 is its competent authority:
# 是内蒙古自治区人民政府举办、自治区教育厅主管的公办…院校 (an event's organiser is 主办)
_RUNS_THE_SCHOOL = re.compile(r"(?:举办|主管)(?=[的、，,。；;])")  # not "…公司举办技能大赛": an event it holds
# a government body whose requirements the school carries out oversees it: 落实河南省教育厅关于…的工作要求,
# 吉林省教育厅、吉林省财政厅有关工作要求 (not a document it issued: 国务院办公厅印发的《…》)
_ITS_REQUIREMENTS = re.compile(r"(?:、[^，,；;。、]{2,16}?)*(?:关于[^，,；;。]{0,30}?的|有关|相关)?(?:工作)?(?:要求|部署)")
# 根据广西壮族自治区教育厅、财政厅制定的…方案: the school acts by what the body laid down
_ACTS_BY = re.compile(r"(?:根据|按照|依据|遵照)(?:[^，,；;。、]{2,16}、)*$")
_TAKES_PART_IN = re.compile(r"(?:参与|牵头组织|承办|承担)(?:了|各项|完成)*[“\"]?$")
_RELATIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("recognition", re.compile(r"认定|获批|批准|批复|核准|考核|授予|评为|评选|颁发|表彰|表扬|立项|认可|遴选|命名|确定为|列为|验收|备案|委托|指导|支持|资助|"
                               r"认证|采纳|采用|考评|评估")),
    ("membership", re.compile(r"加入|成员|理事|会员|委员|当选|担任|入选|受聘|聘为|牵头成立|发起成立")),
    ("service", re.compile(r"服务|培训|帮扶|援助|援建|托管|对口|支援|输送|承接|对接")),
    ("exchange", re.compile(r"交流|互访|访问|来访|考察|接待|研讨|座谈|研修|访学|进修")),
    ("other", re.compile(r"依托")),  # work the school does through the body (依托…中心，协同“走出去”企业)
)


@cache
def authority_gazetteer() -> Gazetteer[str]:
    """National bodies known by a bare name (教育部, 人社部 …): no suffix grammar finds them."""
    return Gazetteer((row["name"], row["org_kind"]) for row in read_lexicon("authorities"))


def authorities_in(text: str) -> list[OrgName]:
    """National bodies named in ``text``, unless part of a longer name the suffix grammar reads."""
    return [OrgName(m.start, m.end, m.surface, m.value) for m in authority_gazetteer().find(text)]


def _proper(org: OrgName) -> bool:
    """A name that identifies one organisation without a relation to vouch for it: it opens with a
    place (云南省应急管理厅, 赞比亚国家电视台) or a country, defines a short name, is a company, was vouched
    for by the grammar (a sibling in a list) or ends in the strong suffix of a school, an institute or an
    association."""
    return bool(leading_place(org.name) or org.country or org.alias or org.org_kind == ENTERPRISE or org.vouched
                or (not org.weak and org.org_kind in _NAMED_BY_SUFFIX)
                or authority_gazetteer().get(org.name) is not None)


# a strong suffix of a school, an institute or an association names one body (昌吉职业技术学院, 河曲职业中学, 机械行指委)
_NAMED_BY_SUFFIX = frozenset({"university", "vocational-school", "research-institute", "association"})


def relation_of(text: str, org: OrgName) -> str | None:
    """The relation the clause around ``org`` states with the school, by its verb (None: only named)."""
    role = _RUNS_THE_SCHOOL.match(text, org.end)
    if role is not None:
        return "sponsor" if role.group().startswith("举办") else "authority"
    left, right = clause_bounds(text, org.start, org.end)
    clause = text[left:org.start] + "　" + text[org.end:right]  # the name's own words state no relation (…认证中心)
    if org.org_kind == "government" and (_ITS_REQUIREMENTS.match(text, org.end) or _ACTS_BY.search(text, left, org.start)):
        return "authority"
    if _TAKES_PART_IN.search(text, left, org.start):
        return "other"  # the school takes part in the body's work: 参与了…协会…章程的起草 (not: X参与…建设)
    kind = next((kind for kind, pattern in _RELATIONS if pattern.search(clause)), None)
    if kind is None and org.org_kind == ENTERPRISE and _legal_name(org.name):
        # a company by its legal name in the work its sentence describes (技术服务82项，…，仅…有限公司研制的…)
        kind = next(iter(relation_kinds(text)), None)
    return kind


# 对口帮扶巫溪县人民政府所辖2个村, 对口帮扶汪清县, 对口帮扶南平市政和县4个行政村: a place the school
# supports is a partner (its government), whatever the suffix grammar makes of a bare place name
_SUPPORTED_PLACE = re.compile(r"(?:对口帮扶|定点帮扶|结对帮扶|对口支援|帮扶|进驻)了?"
                              r"([\u4e00-\u9fff]{1,10}?(?:人民政府|县|旗|市|区|镇|乡|村))(?=所辖|的|定点|驻村|扶贫|[0-9，,。；;、]|$)")


def supported_places(text: str) -> list[OrgName]:
    """Places (counties, towns, villages, their governments) the text says the school supports (pure)."""
    return [OrgName(m.start(1), m.end(1), m.group(1), "government") for m in _SUPPORTED_PLACE.finditer(text)]


_GOVERNED = re.compile(r"(?:县|旗|市|区)$")


def place_government(name: str) -> str:
    """The body a supported county or city stands for: 汪清县 → 汪清县人民政府 (a village stays itself)."""
    return name + "人民政府" if _GOVERNED.search(name) else name


def _with_home_place(doc: Document, org: OrgName) -> str:
    """A government body or association printed without its place, named with the school's (省教育厅 → 山西省教育厅)."""
    school = refdata.schools_by_code().get(doc.meta.school_code or "")
    if org.org_kind not in {"government", "association"} or school is None:
        return org.name
    return with_home_place(org.name, school.province, school.city)


def _legal_name(name: str) -> bool:
    suffix = split_suffix(name)[1]
    return suffix is not None and suffix.strong and suffix.org_kind == ENTERPRISE


def _mentions_in(doc: Document, facts: Facts, span: Span, own: OwnNames, known: set[str]) -> None:
    named = named_organisations(span.norm, own)
    inside = [(o.start, o.end) for o in named]
    known_bodies = [a for a in authorities_in(span.norm) if not any(s <= a.start and a.end <= e for s, e in inside)]
    places = [p for p in supported_places(span.norm) if not any(s < p.end and p.start < e for s, e in inside)]
    for org in named + known_bodies + places:
        supported = org in places
        full_name = place_government(org.name) if supported else _with_home_place(doc, org)
        key = org_key(full_name)
        kind = "service" if supported else relation_of(span.norm, org)
        if key in known or kind is None or not (supported or _proper(org) or full_name != org.name):
            continue
        node = org_node(doc, span, org, RULE, full_name)
        ref = facts.node(node)
        scope = school_ref(doc)
        evidence = evidence_of(doc, span)
        relation = Node("Partnership", partnership_key(scope, ref, kind), f"{node.label}（{kind}）", rule=RULE)
        relation.add("partnerOf", scope)
        relation.add("partnerOrg", ref)
        relation.add("relationKind", kind)
        relation.evidence.append(evidence)
        facts.node(relation)


@recogniser(RULE, after=("partners", "industry-colleges"))
def extract_organisations(doc: Document, facts: Facts) -> None:
    own = own_units(doc, facts)
    known = {ref.key for ref in facts.nodes if ref.kind in {"Enterprise", "PartnerOrganization"}}
    cells = [cell for table in doc.tables for row in table.rows for cell in row.cells]
    apply_each(doc.sentences, "organisation sentence", lambda s: _mentions_in(doc, facts, s, own, known))
    apply_each(cells, "organisation cell", lambda c: _mentions_in(doc, facts, c, own, known))
