"""The organisation-name grammar on synthetic sentences (names verified by reading)."""

from __future__ import annotations

import pytest

from loaders.extract.orgnames import canonical_name, comparison_form, find_org_names, org_key


def names(text: str) -> list[str]:
    return [n.name for n in find_org_names(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("学校与广西柳工机械股份有限公司共建实训基地", ["广西柳工机械股份有限公司"]),
        ("联合哈尔滨焊接研究所有限公司、上海电机学院、四川工程职业技术学院等单位共同制定标准",
         ["哈尔滨焊接研究所有限公司", "上海电机学院", "四川工程职业技术学院"]),
        ("仅山西繁盛昇煤机设备有限责任公司研制的堆焊机一项", ["山西繁盛昇煤机设备有限责任公司"]),
        ("35%以上学生在中国航天科工集团等世界500强企业实习就业", ["中国航天科工集团"]),
        ("中国航天科工集团第二研究院、太原重型机械集团有限公司等紧密合作企业",
         ["中国航天科工集团第二研究院", "太原重型机械集团有限公司"]),
        ("学院与华为技术有限公司共建实验室", ["华为技术有限公司"]),  # 为 inside 华为 is no boundary
        ("与哈尔滨电机厂有限责任公司深度合作成立产业学院", ["哈尔滨电机厂有限责任公司"]),
    ],
)
def test_left_boundary_stops_at_verbs_prepositions_and_punctuation(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_parentheses_holding_a_place_stay_inside_the_name() -> None:
    text = "与深圳（哈尔滨）产业园投资开发有限公司、迈特（非洲）选矿技术有限公司签约"
    assert names(text) == ["深圳（哈尔滨）产业园投资开发有限公司", "迈特（非洲）选矿技术有限公司"]


def test_short_name_in_parentheses_or_jiancheng_is_an_alias() -> None:
    (liugong,) = find_org_names("支持地方龙头企业广西柳工机械股份有限公司（柳工）全球发展")
    assert (liugong.name, liugong.alias) == ("广西柳工机械股份有限公司", "柳工")
    (named,) = find_org_names("与广西汽车集团有限公司（以下简称“广汽集团”）合作")
    assert named.alias == "广汽集团"


def test_enumerated_short_and_foreign_names_take_the_head_nouns_kind() -> None:
    text = "联合上汽通用五菱、广西汽车集团等国内知名企业以及西门子、FANUC、ABB 等国际领军企业，开发教材"
    found = {n.name: n.org_kind for n in find_org_names(text)}
    assert found == {"上汽通用五菱": "enterprise", "广西汽车集团": "enterprise", "西门子": "enterprise",
                     "FANUC": "enterprise", "ABB": "enterprise"}


def test_foreign_institutions_get_their_country() -> None:
    found = find_org_names("与泰国正大管理学院、日本敬心学园合作")
    assert [(n.name, n.org_kind, n.country) for n in found] == [
        ("泰国正大管理学院", "foreign-institution", "泰国"), ("日本敬心学园", "foreign-institution", "日本")]


@pytest.mark.parametrize(
    "text",
    ["本公司和有限公司都不是名字", "某某等企业", "与相关企业合作", "实施集团化办学", "全国大学生数学建模竞赛",
     "建成智能制造学院和协同创新中心", "在高等职业院校中推广", "共建 10 家企业"],
)
def test_generic_or_fragmentary_names_are_rejected(text: str) -> None:
    assert names(text) == []


def test_a_sentence_listing_twenty_enterprises_yields_all_twenty() -> None:
    brands = ["华信", "长风", "远景", "东华", "恒通", "天成", "金桥", "星海", "嘉禾", "瑞丰",
              "鼎盛", "盛源", "新宇", "宏图", "博远", "正泰", "凯达", "泰和", "联创", "汇川"]
    companies = [f"广西{b}科技有限公司" for b in brands]
    text = "学校与" + "、".join(companies) + "等20家企业共建实训基地。"
    assert names(text) == companies


def test_names_inside_document_titles_are_not_parties() -> None:
    assert names("根据《黑龙江省人民政府关于推进职业教育的意见》，与东北林业大学合作") == ["东北林业大学"]


def test_normal_forms() -> None:
    assert canonical_name("深圳(哈尔滨) 产业园") == "深圳（哈尔滨）产业园"
    assert comparison_form("深圳（哈尔滨）产业园") == comparison_form("深圳哈尔滨产业园")
    assert org_key("广西柳工机械股份有限公司") == "广西柳工机械股份有限公司"
