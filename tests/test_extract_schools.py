"""School details: province/city, English name, sponsor, 双高 status as stated."""

from __future__ import annotations

from extract_docs import assert_evidence_quotes, make_doc

from loaders.extract.schools import GROUP_UNIT, SCHOOL_UNIT, extract_school_details, shuanggao_status
from loaders.facts import Facts, NodeRef


def _school(doc):
    facts = Facts(doc.key)
    extract_school_details(doc, facts)
    assert_evidence_quotes(doc, facts)
    return facts.nodes[NodeRef("School", doc.meta.school_code)]


def test_status_sentences() -> None:
    assert shuanggao_status("2019年12月,学院入选国家“双高计划”立项建设单位,成为C类院校建设单位。")[:2] == (SCHOOL_UNIT, "C")
    assert shuanggao_status("⚫国家“双高计划”高水平学校 C档建设单位")[:2] == (SCHOOL_UNIT, "C")
    assert shuanggao_status("入选国家“双高计划”高水平专业群建设单位（B档）")[:2] == (GROUP_UNIT, "B")
    assert shuanggao_status("学校以高水平学校建设单位（C 档）入选国家“双高计划”")[:2] == (SCHOOL_UNIT, "C")
    assert shuanggao_status("“双高计划”实施以来，获批省级高水平学校建设单位和2个高水平专业群。") is None
    assert shuanggao_status("学院是国家示范性高职院校建设单位") is None


def test_school_node_details() -> None:
    doc = make_doc(["LIUZHOU VOCATIONAL", "& TECHNICAL COLLEGE", "学校举办方为柳州市人民政府。",
                    "2019年12月,学院入选国家“双高计划”立项建设单位,成为C类院校建设单位。"])
    school = _school(doc)
    assert school.attrs["province"] == ["黑龙江省"] and school.attrs["city"] == ["哈尔滨市"]
    assert school.label_en == "LIUZHOU VOCATIONAL & TECHNICAL COLLEGE"
    assert school.attrs["sponsor"] == ["柳州市人民政府"]
    assert school.attrs["shuanggaoUnitType"] == [SCHOOL_UNIT] and school.attrs["shuanggaoTier"] == ["C"]


def test_nothing_invented_without_statements() -> None:
    school = _school(make_doc(["学院加强党的建设。"]))
    assert school.label_en is None
    assert not {"sponsor", "shuanggaoUnitType", "shuanggaoTier"} & set(school.attrs)


def test_sponsor_stated_as_host() -> None:
    school = _school(make_doc(["哈尔滨职业技术学院是哈尔滨市政府主办的一所全日制综合性高等职业院校。"]))
    assert school.attrs["sponsor"] == ["哈尔滨市政府"]


def test_sponsor_in_a_clause_of_the_school_sentence() -> None:
    school = _school(make_doc(["哈尔滨职业技术学院坐落于哈尔滨市，由黑龙江省人民政府举办、黑龙江省教育厅主管，是公办院校。"]))
    assert school.attrs["sponsor"] == ["黑龙江省人民政府"]
    school = _school(make_doc(["哈尔滨职业技术学院是黑龙江省人民政府举办、黑龙江省教育厅主管的公办高职院校。"]))
    assert school.attrs["sponsor"] == ["黑龙江省人民政府"]


def test_a_contest_organiser_is_no_sponsor() -> None:
    school = _school(make_doc(["参加由俄罗斯教育部举办的“职业达人”职业技能大赛，摘获1金5银。"]))
    assert "sponsor" not in school.attrs


def test_sponsor_stated_as_the_holder_of_the_school() -> None:
    school = _school(make_doc(["哈尔滨职业技术学院隶属于黑龙江省教育厅，举办者为黑龙江省人民政府，是公办院校。"]))
    assert school.attrs["sponsor"] == ["黑龙江省人民政府"]


def test_an_english_name_cut_by_the_conversion_is_not_used() -> None:
    """003 prints 'LIUZHOU / & TECHNICAL / COLLEGE' (VOCATIONAL lost): no name beats a wrong one."""
    from loaders.document import parse_document
    from loaders.extract.schools import english_name

    cut = parse_document("柳州职业技术学院\n“双高计划”中期自评报告\n\nLIUZHOU\n& TECHNICAL\nCOLLEGE\n\n正文。\n".encode(), "a.txt")
    whole = parse_document("柳州职业技术学院\n“双高计划”中期自评报告\n\nLIUZHOU VOCATIONAL\n& TECHNICAL\nCOLLEGE\n\n正文。\n".encode(), "b.txt")
    assert english_name(cut) is None
    assert english_name(whole)[0] == "LIUZHOU VOCATIONAL & TECHNICAL COLLEGE"
