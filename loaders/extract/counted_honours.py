"""Honours a report counts rather than narrates: "国家级教学名师 2 人", "省级课题 57 项", "行业领军人才 3 名".

A classifier over the figures the observation layer read (:mod:`loaders.extract.observations`): a
prose figure counted in items or people whose subject names an honour — it opens with a level
(国家级, 省级, 自治区级, 全国, 教育部 …), ends in a head word that is a result in itself (一等奖,
教学成果奖 …, ``data/lexicon/achievement_types.csv``), names an honour a person holds (教学名师,
技术能手 …) or prizes won (…奖项, …获奖) — is also an achievement, named without its holder and verbs
(师生获…奖项 → …奖项; a contest named before 获 stays: 教学技能竞赛获国家级奖励 → 教学技能竞赛国家级奖励), with the
figure's count, scope (as holder), period and evidence. A figure another recogniser already read as
an achievement (one of its clause whose name and this one contain each other) is left to it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from loaders.document.model import Document
from loaders.extract import recogniser
from loaders.extract.achievements import (
    SELF_EVIDENT,
    Achievement,
    add_achievement,
    after_last_de,
    already_read,
    read_achievements,
    tidy_name,
    type_of,
)
from loaders.extract.mentions import level_in, opens_with_level
from loaders.extract.orgnames import leading_place
from loaders.facts import Facts, Node, NodeRef

RULE = "counted-honours"
_COUNTED = frozenset("个项门部本支名人")
_LEADING_VERB = re.compile(r"^(?:获批|获评|荣获|获得|获|入选|建成|建设|立项|认定|评为|现有|拥有|共有|有|累计|新增|培育|培养|引进|"
                           r"取得|完成|组建|打造|承担|主参编|在建|了|等|图为|学校|学院|我校|我院|本校)+")
# a subject that runs over a verb or stops mid-word is not a name
_RUNS_ON = re.compile(r"被|获|评为|认定|推进|开展|正在|申报|建立|承办|研制|排名|排行|[各总的称等设]$")
_MAX_NAME = 24
_LEVELLED_PLACES = frozenset({"national", "province", "city"})  # 广西高校…卓越人才: a province's title
# honours people hold (and any award), whatever their level
_PERSON_HONOUR = re.compile(r"名师|能手|标兵|劳模|劳动模范|先进个人|工匠|大师|领军人才|(?:奖|奖项|奖励|获奖)$")
# who won, then the verb: 师生获二十六部委国赛奖项 → 二十六部委国赛奖项
_HOLDER_WON = re.compile(r"^(?:师生|学生|教师|学校|学院|团队|毕业生|我校|我院)(?:获批|获评|荣获|获得|获|参加|参与)")
# what was won, at its level: 建设期内累计取得省级标志性成果 → 省级标志性成果; a contest named before the verb
# stays: 教学技能竞赛获国家级奖励 → 教学技能竞赛国家级奖励
_WON_AT_LEVEL = re.compile(r"^(?P<before>.*?)(?:取得|获得|荣获|获)(?=国家级|省部级|省级|自治区级|市级|全国|国际)")
# …比赛省级以上获奖 34 项, 科研获奖 21 项: prizes won (the 获 of 获奖 is no verb running on)
_PRIZES_WON = re.compile(r"获奖$")
# figures about people served or things done, not honours held
_NOT_HONOUR = re.compile(r"招生|就业|培训|人次|覆盖|参与|参加|服务|"
                         r"(?:学生|毕业生|省份|地区|城市|企业|院校|学校|高校|论文|专利|成员)$")
_MIN_NAME = 4


def _won_at_level(name: str) -> str:
    m = _WON_AT_LEVEL.match(name)
    if m is None:
        return name
    kept = m.group("before") if m.group("before").endswith("赛") else ""
    return kept + name[m.end():]


def honour_name(subject: str, unit: str) -> str | None:
    """The honour a counted figure's subject names, else None (pure)."""
    if unit not in _COUNTED:
        return None
    name = tidy_name(_LEADING_VERB.sub("", _won_at_level(_HOLDER_WON.sub("", after_last_de(subject.strip())))))
    runs_on = _RUNS_ON.search(name[:m.start()] if (m := _PRIZES_WON.search(name)) else name)
    if not _MIN_NAME <= len(name) <= _MAX_NAME or _NOT_HONOUR.search(name) or runs_on:
        return None
    kind = type_of(name)
    self_evident = kind is not None and kind.category in SELF_EVIDENT or _PERSON_HONOUR.search(name)
    return name if opens_with_level(name) or leading_place(name) in _LEVELLED_PLACES or self_evident else None


def _year_or_period(period: str) -> tuple[int | None, str | None]:
    return (int(period), None) if period.isdigit() and len(period) == 4 else (None, period or None)


def _honour_of(doc: Document, node: Node) -> Achievement | None:
    if node.attrs.get("observedIn", [None])[0] != "prose" or not node.evidence:
        return None
    name = honour_name(str(node.attrs["metricName"][0]), str(node.attrs.get("unit", [""])[0]))
    value = node.attrs["value"][0]
    if name is None or not isinstance(value, Decimal) or value != value.to_integral_value() or value <= 0:
        return None
    kind = type_of(name)
    year, period = _year_or_period(str(node.attrs.get("period", [""])[0]))
    holder = node.attrs.get("scope", [None])[0]
    return Achievement(name, kind.category if kind else "recognition", level_in(name, doc.meta.school_code),
                       year, period, int(value), holder if isinstance(holder, NodeRef) else None, node.evidence[0])


@recogniser(RULE, after=("recognitions", "observations"))
def extract_counted_honours(doc: Document, facts: Facts) -> None:
    read = read_achievements(facts)
    honours = [h for node in list(facts.nodes.values()) if node.kind == "Metric" and (h := _honour_of(doc, node))]
    for honour in honours:
        if not already_read(read, honour.evidence.start, honour.evidence.end, honour.name):
            add_achievement(facts, doc.meta.school_code, honour)
