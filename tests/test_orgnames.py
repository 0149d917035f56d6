"""The organisation-name grammar on synthetic sentences (names verified by reading)."""

from __future__ import annotations

import os

import pytest

from loaders.extract.orgnames import canonical_name, comparison_form, find_org_names, org_key, with_home_place


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a connector inside a unit's name, after a university or institute
        ("与中国科学院地质与地球物理研究所等10家企业加强合作", ["中国科学院地质与地球物理研究所"]),
        ("与哈尔滨工业大学先进焊接与连接国家重点实验室共建中心", ["哈尔滨工业大学先进焊接与连接国家重点实验室"]),
        # ... and inside an association's field, after a place
        ("学校联合天津津云智算科技有限公司、天津市软件与信息服务业协会组建",
         ["天津津云智算科技有限公司", "天津市软件与信息服务业协会"]),
        # ... or after a country
        ("获得赞比亚职业教育与培训管理局（TEVETA）批复", ["赞比亚职业教育与培训管理局"]),
        # ... but a connector between two full names still separates them
        ("天津市教育委员会与软件行业协会合作", ["天津市教育委员会", "软件行业协会"]),
        ("清华大学与中国科学院地质研究所合作", ["清华大学", "中国科学院地质研究所"]),
        ("华为技术有限公司与中兴通讯股份有限公司签约", ["华为技术有限公司", "中兴通讯股份有限公司"]),
    ],
)
def test_connector_inside_a_units_name(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_zones_are_named_by_a_bare_place_unless_they_modify_a_longer_name() -> None:
    assert names("与长治高新区、山西清华航天装备有限公司等形成共享机制") == ["长治高新区", "山西清华航天装备有限公司"]
    assert names("参与哈尔滨新区与AHK认证中心的深度合作")[0] == "哈尔滨新区"
    assert names("联合申报哈尔滨新区数字经济市域产教联合体建设项目") == []


def test_a_region_prefix_makes_a_weak_suffix_name() -> None:
    (school,) = find_org_names("与华北机电学校等中职学校连续6年开展人才培养")
    assert (school.name, school.org_kind, school.weak) == ("华北机电学校", "vocational-school", True)


def test_short_items_after_a_full_name_in_a_counterparts_list() -> None:
    found = find_org_names("为广西汽车集团、东风柳汽定制开发培训标准")
    assert [(n.name, n.org_kind) for n in found] == [("广西汽车集团", "enterprise"), ("东风柳汽", "enterprise")]
    # generic words and bare suffixes are no items; no counterpart word, no list
    assert names("与广西汽车集团有限公司、学校共同开发") == ["广西汽车集团有限公司"]
    assert names("与柳工集团、政府部门合作") == ["柳工集团"]
    assert names("广西汽车集团、东风柳汽获奖") == ["广西汽车集团"]


def test_brands_before_an_enterprise_facility_after_a_build_verb() -> None:
    found = find_org_names("共建浪潮、华为企业工作室、企业教师工作站等19个")
    assert [(n.name, n.modifier) for n in found] == [("浪潮", True), ("华为", True)]
    assert names("共建名师、大师工作室") == []
    assert names("共建校企合作企业工作室") == []


def test_keep_words_holding_boundary_characters_stay_in_names() -> None:
    """经 (经教育部批准) is a boundary but 经济 is not; 等 (A、B等企业) ends a list but 高等 does not."""
    assert [(n.name, n.org_kind) for n in find_org_names(
        "学校与江苏锡澄数控装备股份有限公司、无锡惠山经济开发区管理委员会合作共建产业学院")] == [
        ("江苏锡澄数控装备股份有限公司", "enterprise"), ("无锡惠山经济开发区管理委员会", "government")]
    (chimkent,) = find_org_names("学校与哈萨克斯坦奇姆肯特高等技术学院合作建成鲁班工坊")
    assert (chimkent.name, chimkent.org_kind, chimkent.country) == (
        "哈萨克斯坦奇姆肯特高等技术学院", "foreign-institution", "哈萨克斯坦")
    assert names("联合上海交通大学等研究院开展") == ["上海交通大学"]


@pytest.mark.parametrize(("printed", "full"), [
    ("省教育厅", "山西省教育厅"), ("科技厅", "山西省科技厅"), ("省委教育工委", "山西省委教育工委"),
    ("市政府", "长治市政府"), ("市教育局", "长治市教育局"),
    ("黑龙江省教育厅", "黑龙江省教育厅"), ("市场监管局", "市场监管局"), ("建议教育厅", "建议教育厅"), ("教育部", "教育部"),
])
def test_a_government_body_printed_without_its_place_is_the_schools_own(printed: str, full: str) -> None:
    assert with_home_place(printed, "山西省", "长治市") == full


def test_a_year_is_no_part_of_a_name() -> None:
    assert names("2020年度协同创新研究院获科技厅组织开展的评估") == ["协同创新研究院", "科技厅"]


def test_a_department_named_bare_or_after_a_verb_and_a_place_after_he() -> None:
    """A provincial department printed bare (科技厅) is a name (the school's province's: with_home_place);
    a government body opens with its place (落实省财政厅 → 省财政厅); after 和 a place opens a new name."""
    assert names("获科技厅组织开展的评估") == ["科技厅"]
    assert names("落实省财政厅要求") == ["省财政厅"]
    assert names("中赞职业技术学院孔子课堂和赞比亚海外研习中心") == ["中赞职业技术学院", "赞比亚海外研习中心"]
    assert names("与中国电信、泰和集团合作") == ["泰和集团"]  # 和 inside a brand stays


def test_a_field_word_before_an_associations_suffix_and_a_teaching_steering_committee() -> None:
    assert names("2名教师受聘为中国电力企业联合会技能鉴定专家") == ["中国电力企业联合会"]
    assert names("学校为全国电力职业教育教学指导委员会委员单位") == ["全国电力职业教育教学指导委员会"]
    assert names("与30余家企业联合会员单位合作") == []


def test_weak_names_are_vouched_for_by_their_siblings_in_a_list() -> None:
    """A list's items are of one sort: a weak-suffix name without a place (…分会, …学院) beside named bodies
    is a name too, and vouches for the next; a 中心 or a zone is not (often the school's own platform)."""
    text = ("先后与俄罗斯职业教育发展研究院、俄罗斯哈巴罗夫斯克边疆区教育发展学院、俄中友协哈巴罗斯克分会、"
            "滨海边疆区教育发展学院、俄罗斯纳姆斯基师范学校等签署教育合作框架协议")
    names = [n.name for n in find_org_names(text)]
    assert "俄中友协哈巴罗斯克分会" in names and "滨海边疆区教育发展学院" in names
    assert [n.name for n in find_org_names("建成ABB工业机器人培训中心、智能制造赋能中心等9个平台")] == ["ABB工业机器人培训中心"]
    assert find_org_names("滨海边疆区教育发展学院") == []  # alone, nothing vouches for it


def test_a_generic_body_whatever_the_hash_seed() -> None:
    """Whether a body is generic (中国企业 = 中国 + 企业) is a segmentation, not a series of replacements
    whose order followed set iteration, so it changed with PYTHONHASHSEED (and so did the graph)."""
    import subprocess
    import sys

    probe = "from loaders.extract.orgnames import is_generic_body as g; print(g('中国企业'), g('中国焊接协会'))"
    answers = {subprocess.run([sys.executable, "-c", probe], env={**os.environ, "PYTHONHASHSEED": str(seed)},
                              capture_output=True, text=True, check=True).stdout for seed in range(6)}
    assert answers == {"True False\n"}


def test_a_latin_name_as_the_counterpart_of_a_joint_act() -> None:
    assert names("与B-YOU协商《企业人才培养合作方案》") == ["B-YOU"]
    assert names("与 IBM 签署合作协议") == ["IBM"]
    assert names("引入ABB标准") == []


def test_a_body_of_the_schools_own_province_named_by_its_level() -> None:
    """省委教育工委 (a weak suffix, no place): the school's province's; a county-level city the gazetteer does not
    know keeps its name (乐清市人民政府), and a verb before the level is cut (参与了各项省铸造行业协会…)."""
    assert names("参与了省委教育工委人才工作专题调研") == ["省委教育工委"]
    assert names("与乐清市人民政府共建") == ["乐清市人民政府"]
    assert names("参与了各项省铸造行业协会标准化工作委员会章程") == ["省铸造行业协会标准化工作委员会"]


def test_a_weak_name_that_opens_its_clause_as_the_counterpart_is_vouched_for() -> None:
    assert names("学校积极对接交流项目；和孔敬欧阳语言学校对接赴泰国合作办学") == ["孔敬欧阳语言学校"]
    assert names("与技术学院合作") == []  # too short to name one body
    assert names("轮机工程学院、船舶与海洋工程学院") == []  # 与 inside a name is no counterpart


def test_one_character_names_nothing_and_a_level_is_no_place() -> None:
    assert names("广西高校思想政治理论课“思想道德与法治”课教指委委员") == []
    assert names("被认定为国家级协同创新中心") == []
    assert names("被国家生态产业投资专业委员会认定为") == ["国家生态产业投资专业委员会"]


def test_a_unit_of_a_ministry_and_a_century_inside_a_name() -> None:
    assert names("依托教育部中外语言交流合作中心和有色工业人才中心，协同企业") == ["教育部中外语言交流合作中心", "有色工业人才中心"]
    assert "财政部中国特色高水平高职学校" not in names("入选教育部、财政部中国特色高水平高职学校和专业建设计划")
    assert names("根据教育部办公厅通知要求") == []  # the general office speaks for the ministry (the authorities lexicon's)
    assert names("学校成为中国职教学会21世纪海上丝绸之路职业教育研究分会副理事长单位") == [
        "中国职教学会21世纪海上丝绸之路职业教育研究分会"]


def test_a_centre_is_vouched_for_by_a_body_beside_it_not_by_another_centre() -> None:
    assert names("节目采访中，机械工业教育发展中心、机械行指委主任点名表扬") == ["机械工业教育发展中心", "机械行指委"]
    assert names("建成ABB工业机器人培训中心、智能制造赋能中心等9个平台") == ["ABB工业机器人培训中心"]
