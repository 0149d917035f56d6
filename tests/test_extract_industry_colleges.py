"""Industry colleges: synthetic sentences and the corpus (names verified by reading the reports)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from loaders.document import load_document, parse_document
from loaders.extract.industry_colleges import (
    co_built_college_names,
    extract_industry_colleges,
    industry_college_names,
    recognition,
)
from loaders.facts import Facts, Node, NodeRef, Ref

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
HEADER = "柳州职业技术学院 “双高计划”中期自评报告\n\n2022年5月\n\n一、产教融合\n\n"


def names(text: str) -> list[str]:
    return [c.name for c in industry_college_names(text)]


def test_names_in_quotes_after_verbs_and_in_elliptical_lists() -> None:
    assert names("与哈尔滨电机厂有限责任公司深度合作成立“哈电机产业学院”") == ["哈电机产业学院"]
    assert names("与广西汽车集团共建智能制造产业学院1个") == ["智能制造产业学院"]
    assert names("相继成立了柳州螺蛳粉、智能制造、智能网联汽车等 7 个产业学院") == [
        "柳州螺蛳粉产业学院", "智能制造产业学院", "智能网联汽车产业学院"]


@pytest.mark.parametrize("text", ["校企共建10个产业学院", "获广西首批示范性产业学院", "高职特色产业学院建设模式",
                                  "实现产业学院实体化运营", "建设产业学院委员会"])
def test_counts_titles_and_generic_mentions_are_not_colleges(text: str) -> None:
    assert names(text) == []


def test_co_built_colleges_need_a_co_building_clause() -> None:
    assert [c.name for c in co_built_college_names("与龙芯公司合作成立匠芯书院，加入联盟")] == ["匠芯书院"]
    assert co_built_college_names("学校下设机电工程学院和汽车学院") == []


def test_recognition_title_and_level() -> None:
    assert recognition("其中智能制造产业学院获广西首批示范性产业学院") == ("广西首批示范性产业学院", "provincial")
    assert recognition("获批国家级示范性产业学院") == ("国家级示范性产业学院", "national")
    assert recognition("成立产业学院") is None


def test_recognition_level_from_a_city_name() -> None:
    assert recognition("2023年获评无锡市示范性产业学院") == ("无锡市示范性产业学院", "municipal")


def extract(body: str) -> Facts:
    doc = parse_document((HEADER + body).encode(), "synthetic.txt")
    facts = Facts(doc.key)
    extract_industry_colleges(doc, facts)
    return facts


def test_college_nodes_co_builders_and_school_link() -> None:
    facts = extract("学校与广西汽车集团有限公司共建智能制造产业学院，产业学院成为广西职业教育示范性产业学院。")
    school = NodeRef("School", "4145012104")
    college = facts.nodes[NodeRef("IndustryCollege", "4145012104-智能制造产业学院")]
    assert college.attrs["level"] == [Ref("https://w3id.org/sgkg/id/level/provincial")]
    assert college.attrs["category"] == ["广西职业教育示范性产业学院"]
    assert (school, "hasIndustryCollege", college.ref) in facts.links
    partner = NodeRef("Enterprise", "广西汽车集团有限公司")
    assert (college.ref, "partner", partner) in facts.links
    (relation,) = [n for n in facts.nodes.values() if n.kind == "Partnership"]
    assert relation.attrs["partnerOf"] == [college.ref] and relation.attrs["relationKind"] == ["共建"]
    assert [ev.quote for ev in college.evidence] == ["智能制造产业学院"]


@cache
def corpus_colleges(file_name: str) -> tuple[dict[str, Node], Facts]:
    doc = load_document(REPORTS / file_name)
    facts = Facts(doc.key)
    extract_industry_colleges(doc, facts)
    return {n.label: n for n in facts.nodes.values() if n.kind == "IndustryCollege"}, facts


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        ("000_2398f67fa0e2142e.txt", {"网红产业学院", "人工智能学院", "国际人工智能特色学院"}),  # 人工智能学院 from a table cell; 共建 2 个国际人工智能特色学院
        ("001_0d6d81e4e345128e.txt", {"哈电机产业学院"}),
        ("002_55737fc9392e7194.txt", {"匠芯书院"}),
        ("003_f871cb208ab6dbba.txt", {"柳州螺蛳粉产业学院", "智能制造产业学院", "智能网联汽车产业学院"}),
    ],
)
def test_corpus_colleges(report: str, expected: set[str]) -> None:
    colleges, _ = corpus_colleges(report)
    assert set(colleges) == expected


@pytest.mark.parametrize(
    ("report", "college", "partner"),
    [
        ("001_0d6d81e4e345128e.txt", "哈电机产业学院", "哈尔滨电机厂有限责任公司"),
        ("002_55737fc9392e7194.txt", "匠芯书院", "龙芯公司"),
        ("003_f871cb208ab6dbba.txt", "智能制造产业学院", "广西汽车集团"),
    ],
)
def test_corpus_co_builders(report: str, college: str, partner: str) -> None:
    colleges, facts = corpus_colleges(report)
    assert (colleges[college].ref, "partner", NodeRef("Enterprise", partner)) in facts.links


def test_corpus_recognised_colleges_are_provincial() -> None:
    colleges, _ = corpus_colleges("003_f871cb208ab6dbba.txt")
    provincial = Ref("https://w3id.org/sgkg/id/level/provincial")
    assert colleges["柳州螺蛳粉产业学院"].attrs["level"] == [provincial]
    assert colleges["智能制造产业学院"].attrs["level"] == [provincial]
    assert "level" not in colleges["智能网联汽车产业学院"].attrs


def test_a_college_right_after_a_co_build_verb_needs_no_named_partner() -> None:
    (college,) = co_built_college_names("“AI+智慧学习”共建人工智能学院")
    assert (college.name, college.built_here) == ("人工智能学院", True)
    # a generic body is no college, a college further from the verb needs a named co-builder
    assert co_built_college_names("与地方共建创新学院5个") == []
    (far,) = co_built_college_names("共建“智能领先”的AI学院")
    assert not far.built_here


def test_a_college_as_the_sentences_subject_takes_the_partners_after_it() -> None:
    facts = extract("二是哈电机产业学院与哈尔滨焊接研究所有限公司开展订单培养，与上海电机学院合作。")
    college = NodeRef("IndustryCollege", "4145012104-哈电机产业学院")
    kinds = {(facts.nodes[n.attrs["partnerOrg"][0]].label, n.attrs["relationKind"][0])
             for n in facts.nodes.values() if n.kind == "Partnership" and n.attrs["partnerOf"] == [college]}
    assert kinds == {("哈尔滨焊接研究所有限公司", "订单班"), ("上海电机学院", "other")}


def test_a_later_sentence_recognises_the_college_the_paragraph_named() -> None:
    facts = extract("学校联合广西汽车集团有限公司共同组建“智能制造产业学院”，实行理事会领导下的院长负责制。"
                    "2021年，该产业学院入选广西首批示范性产业学院。依托产业学院，企业派驻工程师16名。")
    college = facts.nodes[NodeRef("IndustryCollege", "4145012104-智能制造产业学院")]
    assert college.attrs["level"] == [Ref("https://w3id.org/sgkg/id/level/provincial")]
    assert college.attrs["category"] == ["广西首批示范性产业学院"]
    assert any("该产业学院入选" in ev.quote for ev in college.evidence)


def test_a_sentence_opening_with_the_school_is_no_back_reference() -> None:
    facts = extract("学校联合广西汽车集团有限公司共同组建“智能制造产业学院”。学院获评广西首批示范性产业学院。")
    college = facts.nodes[NodeRef("IndustryCollege", "4145012104-智能制造产业学院")]
    assert "level" not in college.attrs


TIANJIN = "4112012720"  # 天津电子信息职业技术学院: Tianjin is a province-level municipality


@pytest.mark.parametrize(("text", "school", "expected"), [
    ("该产业学院获评天津市示范性现代产业学院", TIANJIN, ("天津市示范性现代产业学院", "provincial")),
    ("2021年入选邢台市首批市级现代产业学院", None, ("邢台市首批市级现代产业学院", "municipal")),
    ("2022 年 4 月揭牌，被确定为校级重点建设产业学院", None, ("校级重点建设产业学院", "school")),
])
def test_recognition_titles_naming_the_college_kind_or_a_level(text: str, school: str | None,
                                                               expected: tuple[str, str]) -> None:
    assert recognition(text, school) == expected


def test_a_recognition_title_with_a_level_word_is_no_college() -> None:
    assert names("共建“智能网联汽车产业学院”，2021年入选邢台市首批市级现代产业学院") == ["智能网联汽车产业学院"]


def test_a_co_builder_named_by_a_short_form_of_a_name_read_elsewhere() -> None:
    doc = parse_document((HEADER + "学校联合冀达新能源、邢台经济开发区管理委员会牵头组建“冀达新能源汽车产业学院”。").encode(),
                         "synthetic.txt")
    facts = Facts(doc.key)
    enterprise = facts.node(Node("Enterprise", "河北冀达新能源汽车有限公司", "河北冀达新能源汽车有限公司"))
    facts.node(Node("Enterprise", "天津中测机动车检测技术有限公司", "天津中测机动车检测技术有限公司"))
    extract_industry_colleges(doc, facts)
    college = NodeRef("IndustryCollege", "4145012104-冀达新能源汽车产业学院")
    partners = {o for s, p, o in facts.links if s == college and p == "partner"}
    assert enterprise in partners and len(partners) == 2
    assert "冀达新能源" in facts.nodes[enterprise].alt_labels
