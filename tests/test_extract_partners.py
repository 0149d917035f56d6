"""Partners: synthetic documents and the corpus (expected names verified by reading the reports)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from loaders.document import load_document, parse_document
from loaders.extract.partners import extract_partners, own_names, partner_mentions, relation_kinds
from loaders.facts import Facts, NodeRef

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
HEADER = "柳州职业技术学院 “双高计划”中期自评报告\n\n2022年5月\n\n一、校企合作\n\n"


def extract(body: str) -> tuple[Facts, str]:
    doc = parse_document((HEADER + body).encode(), "synthetic.txt")
    facts = Facts(doc.key)
    extract_partners(doc, facts)
    return facts, doc.text


def partnerships(facts: Facts) -> set[tuple[str, str]]:
    out = set()
    for node in facts.nodes.values():
        if node.kind == "Partnership":
            org = node.attrs["partnerOrg"][0]
            assert isinstance(org, NodeRef)
            out.add((facts.nodes[org].label, str(node.attrs["relationKind"][0])))
    return out


def test_trigger_decides_the_relation_kind_per_clause() -> None:
    facts, _ = extract("学校与广西柳工机械股份有限公司共建实训基地，与上汽通用五菱股份有限公司开设订单班。")
    assert partnerships(facts) == {("广西柳工机械股份有限公司", "共建"), ("上汽通用五菱股份有限公司", "订单班")}


def test_partner_nodes_links_and_evidence() -> None:
    facts, text = extract("学校与广西柳工机械股份有限公司（柳工）共建实训基地。")
    school = NodeRef("School", "4145012104")
    org = facts.nodes[NodeRef("Enterprise", "广西柳工机械股份有限公司")]
    assert org.attrs["orgKind"] == ["enterprise"] and org.alt_labels == {"柳工"}
    (ev,) = org.evidence
    assert text[ev.start:ev.end] == ev.quote == "广西柳工机械股份有限公司"
    link = facts.links[(school, "partner", org.ref)]
    assert "共建实训基地" in link.evidence[0].quote
    (relation,) = [n for n in facts.nodes.values() if n.kind == "Partnership"]
    assert relation.attrs["partnerOf"] == [school] and relation.attrs["partnerOrg"] == [org.ref]


def test_a_name_broken_across_lines_is_read_whole_with_an_exact_quote() -> None:
    # as in the PDF conversions: a full-width line ends mid-name, a blank line follows
    facts, text = extract("为全面落实中共中央办公厅印发的文件，学院与哈尔滨华辰生物科\n\n技有限公司共同申报产教融合共同体。")
    org = facts.nodes[NodeRef("Enterprise", "哈尔滨华辰生物科技有限公司")]
    (ev,) = org.evidence
    assert ev.quote == text[ev.start:ev.end] == "哈尔滨华辰生物科\n\n技有限公司"


def test_mentions_without_a_partnership_trigger_are_not_partners() -> None:
    facts, _ = extract("获得教育部、中国有色集团的一致好评。被黑龙江省教育厅列入首批项目。我们参观了广西汽车集团有限公司。")
    assert not [n for n in facts.nodes.values() if n.kind in {"Enterprise", "PartnerOrganization"}]


def test_the_school_itself_and_its_units_are_never_partners() -> None:
    assert partner_mentions("柳州职业技术学院与柳州职业技术学院机电工程学院合作", own_names("柳州职业技术学院")) == []


def test_twenty_enterprises_in_one_sentence() -> None:
    brands = ["华信", "长风", "远景", "东华", "恒通", "天成", "金桥", "星海", "嘉禾", "瑞丰",
              "鼎盛", "盛源", "新宇", "宏图", "博远", "正泰", "凯达", "泰和", "联创", "汇川"]
    facts, _ = extract("学校与" + "、".join(f"广西{b}科技有限公司" for b in brands) + "等20家企业共建实训基地。")
    assert {label for label, kind in partnerships(facts) if kind == "共建"} == {f"广西{b}科技有限公司" for b in brands}


def test_relation_kinds_prefer_specific_triggers() -> None:
    assert relation_kinds("与企业合作开展现代学徒制试点") == ("现代学徒制",)
    assert relation_kinds("深度合作") == ("other",)
    assert relation_kinds("组成产教联合体") == ()


def test_the_co_agent_of_a_clauses_verb_is_a_partner_without_a_trigger() -> None:
    facts, _ = extract("与华北机电学校等中职学校连续6年开展人才培养、与太原工业学院开展贯通培养。")
    assert partnerships(facts) == {("华北机电学校", "other"), ("太原工业学院", "other")}
    facts, _ = extract("与淮海工业集团、山西易通环能科技集团有限公司等建成6门精品课程。")
    assert partnerships(facts) == {("淮海工业集团", "other"), ("山西易通环能科技集团有限公司", "other")}


def test_a_comparison_is_no_co_agent() -> None:
    facts, _ = extract("学校规模与上海电机学院相比仍有差距。")
    assert partnerships(facts) == set()


def test_what_the_school_builds_is_not_its_partner() -> None:
    facts, _ = extract("建设柳州市协同创新研究院，引入1个院士工作站。升级智能制造创新研究院，打造平台。")
    assert partnerships(facts) == set()
    facts, _ = extract("政校企共建柳州市协同创新研究院，建成技术转移示范机构。")
    assert partnerships(facts) == set()
    facts, _ = extract("沙特卡坦尼学院、泰国国际工匠学院建设有序推进，合作办学取得突破。")
    assert partnerships(facts) == set()


def test_the_partner_of_building_x_with_y_is_y() -> None:
    facts, _ = extract("学校与中国科学院沈阳自动化研究所共建柳州市协同创新研究院。")
    assert partnerships(facts) == {("中国科学院沈阳自动化研究所", "共建")}
    # a company is never what the school builds: 共建 names the partner side
    facts, _ = extract("与上汽通用五菱股份有限公司共建实训基地。")
    assert partnerships(facts) == {("上汽通用五菱股份有限公司", "共建")}


def test_brands_naming_a_facility_are_co_builders() -> None:
    facts, _ = extract("建设浪潮、华为企业工作室、企业教师工作站等19个。")
    assert partnerships(facts) == {("浪潮", "共建"), ("华为", "共建")}


def test_a_zone_is_a_partner_when_a_relation_is_stated() -> None:
    facts, _ = extract("与长治高新区、山西清华航天装备有限公司等形成共享机制。")
    assert partnerships(facts) == {("长治高新区", "other"), ("山西清华航天装备有限公司", "other")}
    (zone,) = [n for n in facts.nodes.values() if n.label == "长治高新区"]
    assert zone.kind == "PartnerOrganization" and zone.attrs["orgKind"] == ["government"]


@cache
def corpus_partners(file_name: str) -> dict[str, set[str]]:
    doc = load_document(REPORTS / file_name)
    facts = Facts(doc.key)
    extract_partners(doc, facts)
    found: dict[str, set[str]] = {}
    for label, kind in partnerships(facts):
        found.setdefault(label, set()).add(kind)
    return found


# (report, partner as printed, one relation kind the sentence states) — read in the reports
CORPUS_PARTNERS = [
    ("000_2398f67fa0e2142e.txt", "航天科技控股集团", "other"),
    ("000_2398f67fa0e2142e.txt", "哈焊所", "other"),
    ("000_2398f67fa0e2142e.txt", "哈尔滨工业大学先进焊接与连接国家重点实验室", "other"),
    ("000_2398f67fa0e2142e.txt", "浪潮", "共建"),
    ("000_2398f67fa0e2142e.txt", "华为", "共建"),
    ("002_55737fc9392e7194.txt", "中国科学院地质与地球物理研究所", "other"),
    ("002_55737fc9392e7194.txt", "太原工业学院", "other"),
    ("002_55737fc9392e7194.txt", "华北机电学校", "other"),
    ("002_55737fc9392e7194.txt", "长治高新区", "技术服务"),
    ("003_f871cb208ab6dbba.txt", "东风柳汽", "技术服务"),
    ("001_0d6d81e4e345128e.txt", "哈尔滨电机厂有限责任公司", "共建"),
    ("001_0d6d81e4e345128e.txt", "深圳（哈尔滨）产业园投资开发有限公司", "other"),
    ("001_0d6d81e4e345128e.txt", "哈尔滨华辰生物科技有限公司", "共建"),
    ("001_0d6d81e4e345128e.txt", "哈尔滨焊接研究所有限公司", "other"),
    ("001_0d6d81e4e345128e.txt", "东北林业大学", "共建"),
    ("001_0d6d81e4e345128e.txt", "中国有色集团", "实习就业"),
    ("001_0d6d81e4e345128e.txt", "上海红联科技有限公司", "other"),
    ("002_55737fc9392e7194.txt", "山西清华航天装备有限公司", "other"),
    ("002_55737fc9392e7194.txt", "华中数控股份有限公司", "共建"),
    ("002_55737fc9392e7194.txt", "龙芯公司", "共建"),
    ("002_55737fc9392e7194.txt", "航天二院", "现代学徒制"),
    ("002_55737fc9392e7194.txt", "中国航天科工集团", "实习就业"),
    ("003_f871cb208ab6dbba.txt", "上汽通用五菱股份有限公司", "other"),
    ("003_f871cb208ab6dbba.txt", "广西汽车集团", "共建"),
    ("003_f871cb208ab6dbba.txt", "广西汽车集团", "现代学徒制"),
    ("003_f871cb208ab6dbba.txt", "广西柳工机械股份有限公司", "other"),
    ("003_f871cb208ab6dbba.txt", "泰国正大管理学院", "other"),
    ("003_f871cb208ab6dbba.txt", "FANUC", "other"),
]


@pytest.mark.parametrize(("report", "partner", "kind"), CORPUS_PARTNERS)
def test_corpus_partners(report: str, partner: str, kind: str) -> None:
    assert kind in corpus_partners(report).get(partner, set())


# Organisations the reports name only as issuers, evaluators or sources of praise.
CORPUS_NOT_PARTNERS = [
    ("001_0d6d81e4e345128e.txt", "黑龙江省教育厅"),
    ("001_0d6d81e4e345128e.txt", "哈尔滨职业技术学院"),
    ("002_55737fc9392e7194.txt", "山西机电职业技术学院"),
    ("003_f871cb208ab6dbba.txt", "柳州职业技术学院"),
    # platforms the school builds itself
    ("003_f871cb208ab6dbba.txt", "柳州市协同创新研究院"),
    ("003_f871cb208ab6dbba.txt", "智能制造创新研究院"),
    ("003_f871cb208ab6dbba.txt", "协同创新研究院"),
    ("003_f871cb208ab6dbba.txt", "泰国国际工匠学院"),
    ("002_55737fc9392e7194.txt", "地球物理研究所"),  # a truncated name
]


@pytest.mark.parametrize(("report", "name"), CORPUS_NOT_PARTNERS)
def test_corpus_non_partners(report: str, name: str) -> None:
    assert name not in corpus_partners(report)


def test_a_group_as_the_sentences_subject_is_the_partners_scope() -> None:
    facts, _ = extract("数控技术专业群与华中数控股份有限公司共建实训基地。学校与广西柳工机械股份有限公司合作。")
    scopes = {(n.attrs["partnerOf"][0].kind, facts.nodes[n.attrs["partnerOrg"][0]].label)
              for n in facts.nodes.values() if n.kind == "Partnership"}
    assert scopes == {("ProfessionalGroup", "华中数控股份有限公司"), ("School", "广西柳工机械股份有限公司")}
    group = NodeRef("ProfessionalGroup", "4145012104-数控技术专业群")
    assert (group, "partner", NodeRef("Enterprise", "华中数控股份有限公司")) in facts.links


def test_a_bare_group_subject_takes_the_group_its_heading_names() -> None:
    body = "（一）数控技术专业群建设\n\n二是专业群与华中数控股份有限公司共建实训基地。\n"
    facts, _ = extract(body)
    (relation,) = [n for n in facts.nodes.values() if n.kind == "Partnership"]
    assert relation.attrs["partnerOf"] == [NodeRef("ProfessionalGroup", "4145012104-数控技术专业群")]
    # without a group in the heading the school keeps it
    facts, _ = extract("专业群与华中数控股份有限公司共建实训基地。")
    (relation,) = [n for n in facts.nodes.values() if n.kind == "Partnership"]
    assert relation.attrs["partnerOf"] == [NodeRef("School", "4145012104")]


def test_a_partner_column_lists_partners_row_by_row() -> None:
    body = ("表 3 校企合作情况\n\n| 专业群 | 合作企业 | 合作内容 |\n|---|---|---|\n"
            "| 数控技术 | 华中数控股份有限公司、浪潮 | 订单班 |\n| | 太原重型机械集团有限公司 | 技术服务 |\n")
    facts, _ = extract(body)
    assert partnerships(facts) == {("华中数控股份有限公司", "订单班"), ("浪潮", "订单班"),
                                   ("太原重型机械集团有限公司", "技术服务")}
    assert facts.nodes[NodeRef("Enterprise", "浪潮")].attrs["orgKind"] == ["enterprise"]
    group = NodeRef("ProfessionalGroup", "4145012104-数控技术专业群")
    assert (group, "partner", NodeRef("Enterprise", "太原重型机械集团有限公司")) in facts.links
