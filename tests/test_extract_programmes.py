"""Programmes recogniser: synthetic sentences, then the corpus reports."""

from __future__ import annotations

import pytest

from kg.namespaces import LEVEL
from loaders.extract.programmes import extract_programmes
from loaders.extract.report import extract_school
from loaders.facts import Facts, Node, NodeRef, Ref
from tests.extract_docs import assert_evidence_quotes, make_doc


def programmes_of(doc) -> dict[str, Node]:
    facts = Facts(doc.key)
    extract_school(doc, facts)
    extract_programmes(doc, facts)
    assert_evidence_quotes(doc, facts)
    found = {n.key: n for n in facts.nodes.values() if n.kind == "Program"}
    school = NodeRef("School", doc.meta.school_code)
    for key in found:
        assert (school, "participatesIn", NodeRef("Program", key)) in facts.links
    return found


def test_national_schemes_are_shared_keys() -> None:
    found = programmes_of(make_doc([
        "2019年12月,学院入选国家“双高计划”立项建设单位,成为C类院校建设单位。",
        "统筹推进 1+X 证书制度试点，在参与标准制定方面发挥引领作用。",
        "4个国家现代学徒制试点专业通过验收，获批2个中外合作办学项目，加入鲁班工坊建设联盟。",
        "学院获批 2019 年度国家“鲁班学堂职业技术创新人才”援外项目。",
    ]))
    assert set(found) == {"shuanggao", "one-plus-x-pilot", "modern-apprenticeship-pilot", "sino-foreign-cooperation",
                          "luban-workshop", "foreign-aid"}
    shuanggao = found["shuanggao"]
    assert shuanggao.label == "中国特色高水平高职学校和专业建设计划"
    assert "双高计划" in shuanggao.alt_labels
    assert shuanggao.attrs["level"] == [Ref(str(LEVEL["national"]))]
    assert found["one-plus-x-pilot"].attrs["category"] == ["1+X证书制度试点"]


def test_document_titles_plans_and_bare_mentions_do_not_count() -> None:
    assert programmes_of(make_doc([
        "根据《中国特色高水平高职学校和专业建设计划绩效管理暂行办法》等文件要求，现将自评情况报告如下。",
        "未来两年学院将继续申报中外合作办学项目。",
        "双高计划是国家重大决策。",
    ])) == {}


def test_overseas_branches_carry_their_country() -> None:
    found = programmes_of(make_doc([
        "学院建成我国首个在海外开展学历教育的高等职业院校——中国-赞比亚职业技术学院。",
        "沙特卡坦尼学院、泰国国际工匠学院建设有序推进。",
        "向沙特卡坦尼学院、广汽集团印度分中心推广输出课程标准 24 个。",
    ]))
    assert {k: n.attrs["country"] for k, n in found.items()} == {
        "中国-赞比亚职业技术学院": ["赞比亚"], "沙特卡坦尼学院": ["沙特阿拉伯"], "泰国国际工匠学院": ["泰国"]}
    assert found["泰国国际工匠学院"].attrs["category"] == ["海外办学"]


def test_named_vocational_education_groups() -> None:
    found = programmes_of(make_doc([
        "继广西汽车产业职教集团之后，又建广西敏捷制造职业教育集团。",
        "学院获批国家示范性职教集团。",
    ]))
    assert set(found) == {"广西敏捷制造职业教育集团", "demonstration-vet-group"}
    assert found["广西敏捷制造职业教育集团"].attrs["category"] == ["职业教育集团"]


def test_provincial_scheme_is_not_the_national_one() -> None:
    found = programmes_of(make_doc(["学院入选黑龙江省“双高计划”建设单位。"]))
    assert "shuanggao" not in found
    (node,) = found.values()
    assert node.attrs["level"] == [Ref(str(LEVEL["provincial"]))]
    assert node.label.startswith("黑龙江省")


# --- corpus -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_programmes(corpus_files) -> dict[str, dict[str, Node]]:
    load_document = pytest.importorskip("loaders.document").load_document
    return {path.name[:3]: programmes_of(load_document(path)) for path in corpus_files}


def test_corpus_every_school_takes_part_in_shuanggao(corpus_programmes) -> None:
    for report, found in corpus_programmes.items():
        assert "shuanggao" in found, report


def test_corpus_known_programmes(corpus_programmes) -> None:
    assert {"one-plus-x-pilot", "modern-apprenticeship-pilot", "中国-赞比亚职业技术学院"} <= set(corpus_programmes["000"])
    assert {"one-plus-x-pilot", "luban-workshop", "中国-赞比亚职业技术学院"} <= set(corpus_programmes["001"])
    assert {"one-plus-x-pilot", "modern-apprenticeship-pilot", "sino-foreign-cooperation",
            "demonstration-vet-group"} <= set(corpus_programmes["002"])
    assert {"one-plus-x-pilot", "泰国国际工匠学院", "越南国际工匠学院", "沙特卡坦尼学院",
            "广西汽车产业职教集团"} <= set(corpus_programmes["003"])
    assert corpus_programmes["003"]["越南国际工匠学院"].attrs["country"] == ["越南"]


def test_schemes_with_a_country_and_countryless_academies() -> None:
    found = programmes_of(make_doc([
        "获批2项教育部中德职业教育SGAVE项目。",
        "“山西机电亚龙丝路学院”海外办学稳步推进。",
        "被省教育厅列入“省首批市域产教联合体培育项目”。",
    ]))
    assert found["sgave"].attrs["country"] == ["德国"]
    assert found["山西机电亚龙丝路学院"].attrs["category"] == ["海外办学"]
    (consortium,) = (n for n in found.values() if n.attrs["category"] == ["市域产教联合体"])
    assert consortium.attrs["level"] == [Ref(str(LEVEL["provincial"]))]


def test_a_scheme_run_abroad_takes_the_country_of_its_name_or_partner() -> None:
    found = programmes_of(make_doc([
        "学校与哈萨克斯坦某技术学院合作，于2021年在奇姆肯特市建成“中哈鲁班工坊”。",
        "学校与芬兰坦佩雷应用科学大学合作举办的物联网应用技术专业中外合作办学项目获教育部批准。",
    ]))
    assert found["luban-workshop"].attrs["country"] == ["哈萨克斯坦"]
    assert found["sino-foreign-cooperation"].attrs["country"] == ["芬兰"]


def test_a_country_in_another_list_item_is_not_the_schemes() -> None:
    found = programmes_of(make_doc(["开展海外中文“埃及班”培训、成功举办中外合作办学项目。"]))
    assert "country" not in found["sino-foreign-cooperation"].attrs


def test_a_sino_country_compound_names_an_overseas_college_when_the_country_is_named() -> None:
    found = programmes_of(make_doc([
        "2021年6月，学校与肯尼亚基苏木国立理工学院合作，在基苏木市挂牌成立“中肯汽车技术学院”。",
        "学校成立中智能制造产业学院。",
    ]))
    assert {k: n.attrs["country"] for k, n in found.items()} == {"中肯汽车技术学院": ["肯尼亚"]}


def test_a_foreign_institution_the_school_works_with_is_no_overseas_branch() -> None:
    found = programmes_of(make_doc(["学校与新西兰南岛理工学院合作举办的软件技术专业中外合作办学项目运行平稳。"]))
    assert set(found) == {"sino-foreign-cooperation"}


def test_a_scheme_recognised_by_the_ministry_and_its_printed_project_name() -> None:
    found = programmes_of(make_doc([
        "该集团 2021 年经教育部认定为第二批示范性职业教育集团（联盟）培育单位。",
        "同年承办商务部援外培训项目“发展中国家汽车维修技术培训班”1 期。",
    ]))
    assert found["demonstration-vet-group"].attrs["level"] == [Ref(str(LEVEL["national"]))]
    assert "援外培训项目" in found["foreign-aid"].alt_labels


def test_a_named_group_recognised_as_a_demonstration_group_takes_its_level() -> None:
    national = [Ref(str(LEVEL["national"]))]
    found = programmes_of(make_doc([
        "学校牵头组建天津市电子信息职业教育集团，现有成员单位一百六十余家。"
        "该集团 2021 年经教育部认定为第二批示范性职业教育集团（联盟）培育单位。",
        "广西汽车产业职教集团成为首批全国示范性职教集团培育单位。",
        "学校加入黑龙江省现代农业职教集团。",
    ]))
    assert found["天津市电子信息职业教育集团"].attrs["level"] == national
    assert found["广西汽车产业职教集团"].attrs["level"] == national
    assert "level" not in found["黑龙江省现代农业职教集团"].attrs


def test_a_section_titled_by_a_scheme_is_the_schools_work_in_it() -> None:
    found = programmes_of(make_doc(["# 8.2 提质培优行动计划项目", "学校统筹推进各项任务。", "# 问题与展望", "# 争取提质培优行动计划立项"]))
    assert list(found) == ["quality-improvement-plan"]
