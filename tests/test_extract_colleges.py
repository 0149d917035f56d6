"""Secondary colleges from college columns and listed names; majors attached to them."""

from __future__ import annotations

from extract_docs import TableSpec, assert_evidence_quotes, make_doc

from loaders.extract.colleges import extract_colleges, is_college_name
from loaders.facts import Facts, NodeRef

LIUZHOU = ("柳州职业技术学院", "4145012104")


def _run(doc) -> Facts:
    facts = Facts(doc.key)
    extract_colleges(doc, facts)
    assert_evidence_quotes(doc, facts)
    return facts


def test_college_names() -> None:
    assert is_college_name("机电工程学院", "哈尔滨职业技术学院")
    assert is_college_name("机电工程系", "哈尔滨职业技术学院")
    assert not is_college_name("哈尔滨职业技术学院", "哈尔滨职业技术学院")
    assert not is_college_name("螺蛳粉产业学院", "柳州职业技术学院")
    assert not is_college_name("哈尔滨工业大学", "哈尔滨职业技术学院")
    # a one-character field is a college; a determiner or a bare 系 word is not
    assert is_college_name("医学院", "哈尔滨职业技术学院") and is_college_name("商学院", "哈尔滨职业技术学院")
    assert not is_college_name("本学院", "哈尔滨职业技术学院") and not is_college_name("该学院", "哈尔滨职业技术学院")
    assert not is_college_name("关系", "哈尔滨职业技术学院")


def test_table_rows_put_majors_in_colleges_keyed_per_school() -> None:
    table = TableSpec("开展国际认证专业统计表", ["序号", "所属学院", "专业名称", "类别"], [
        ["1", "机电工程学院", "机电一体化技术", "悉尼协议"], ["2", "", "电气自动化技术", "CEBVEC 项目"],
        ["3", "医学院", "护理", "UK 认证"]])
    harbin, liuzhou = make_doc([], [table]), make_doc([], [table], school=LIUZHOU)
    facts = _run(harbin)
    college = NodeRef("SecondaryCollege", f"{harbin.meta.school_code}-机电工程学院")
    in_college = {facts.nodes[s].label for (s, p, o) in facts.links if p == "inSecondaryCollege" and o == college}
    assert in_college == {"机电一体化技术", "电气自动化技术"}
    assert (NodeRef("School", harbin.meta.school_code), "hasSecondaryCollege", college) in facts.links
    other = {n.key for n in _run(liuzhou).nodes.values() if n.kind == "SecondaryCollege"}
    assert f"{LIUZHOU[1]}-机电工程学院" in other and college.key not in other


def test_listed_colleges_in_prose() -> None:
    facts = _run(make_doc(["学校设有机电工程学院、汽车学院、螺蛳粉产业学院等8个二级学院。"]))
    assert {n.label for n in facts.nodes.values() if n.kind == "SecondaryCollege"} == {"机电工程学院", "汽车学院"}


def test_a_count_closes_a_list_of_colleges_as_deng_does() -> None:
    facts = _run(make_doc(["学校下设电力工程学院、信息工程学院、马克思主义学院九个二级学院，开设专业48个。",
                           "学校设有航海学院、轮机工程学院10个二级学院。"]))
    assert {n.label for n in facts.nodes.values() if n.kind == "SecondaryCollege"} == {
        "电力工程学院", "信息工程学院", "马克思主义学院", "航海学院", "轮机工程学院"}


def test_corpus_harbin_medical_college_holds_its_majors() -> None:
    from test_extract_known_answers import HARBIN, facts_of

    facts = facts_of("001")[1]
    college = NodeRef("SecondaryCollege", f"{HARBIN}-医学院")
    assert college in facts.nodes
    in_college = {facts.nodes[s].label for (s, p, o) in facts.links if p == "inSecondaryCollege" and o == college}
    assert {"生物制药技术", "护理", "食品营养与检测"} <= in_college


def test_college_offering_majors_in_prose() -> None:
    facts = _run(make_doc(["学校现有二级教学单位 13 个。其中，机械工程学院开设机械制造及自动化、数控技术 2 个专业；"
                           "信息工程系设有物联网应用技术、软件技术等专业，学校开设电子商务专业。"]))
    colleges = {o.key: {facts.nodes[s].label for (s, p, o2) in facts.links if p == "inSecondaryCollege" and o2 == o}
                for (_, p, o) in facts.links if p == "hasSecondaryCollege"}
    code = make_doc([]).meta.school_code
    assert colleges == {f"{code}-机械工程学院": {"机械制造及自动化", "数控技术"},
                        f"{code}-信息工程系": {"物联网应用技术", "软件技术"}}


def test_college_table_with_a_teaching_unit_and_an_offered_majors_column() -> None:
    table = TableSpec("主要二级学院专业设置情况", ["序号", "二级学院", "开设专业", "在校生（人）"], [
        ["1", "机械装备学院", "数控技术、工业设计", "3,862"]])
    units = TableSpec("国际认证专业", ["序号", "专业名称", "所属教学单位"], [["1", "物联网应用技术", "信息工程系"]], number="2")
    facts = _run(make_doc([], [table, units]))
    pairs = {(facts.nodes[s].label, facts.nodes[o].label) for (s, p, o) in facts.links if p == "inSecondaryCollege"}
    assert pairs == {("数控技术", "机械装备学院"), ("工业设计", "机械装备学院"), ("物联网应用技术", "信息工程系")}


def test_a_school_abroad_is_no_college_of_ours() -> None:
    facts = _run(make_doc(["面向新加坡南洋理工学院师生 100 余人开展专业讲座，机电工程学院师生参加。"]))
    assert {n.label for n in facts.nodes.values() if n.kind == "SecondaryCollege"} == {"机电工程学院"}
