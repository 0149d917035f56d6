"""Achievements recogniser: synthetic tables and sentences, then the corpus reports."""

from __future__ import annotations

import pytest

from kg.namespaces import LEVEL
from loaders.extract.achievements import extract_achievements
from loaders.extract.report import extract_school
from loaders.facts import Facts, GYear, Node, NodeRef, Ref
from tests.extract_docs import HARBIN, TableSpec, assert_evidence_quotes, make_doc

NATIONAL, PROVINCIAL = Ref(str(LEVEL["national"])), Ref(str(LEVEL["provincial"]))
INTERNATIONAL = Ref(str(LEVEL["international"]))


def achievements_of(doc) -> dict[str, Node]:
    facts = Facts(doc.key)
    extract_school(doc, facts)
    extract_achievements(doc, facts)
    assert_evidence_quotes(doc, facts)
    return {n.label: n for n in facts.nodes.values() if n.kind == "Achievement"}


def facts_of(doc, *prepare) -> Facts:
    facts = Facts(doc.key)
    extract_school(doc, facts)
    for node in prepare:
        facts.node(node)
    extract_achievements(doc, facts)
    return facts


def test_prose_names_level_count_and_year() -> None:
    doc = make_doc(["2021年，学院获批国家级职业教育教师教学创新团队1个，省级教学名师5人。",
                    "建成国家级技能大师工作室1个、省级3个，发明专利20项。"])
    found = achievements_of(doc)
    team = found["国家级职业教育教师教学创新团队"]
    assert team.attrs["level"] == [NATIONAL]
    assert team.attrs["year"] == [GYear(2021)]
    assert team.attrs["count"] == [1]
    assert team.attrs["category"] == ["teaching-team"]
    assert found["省级教学名师"].attrs["count"] == [5]
    assert found["省级教学名师"].attrs["level"] == [PROVINCIAL]
    # the elliptical second level of the same kind
    assert found["省级技能大师工作室"].attrs["count"] == [3]
    assert found["省级技能大师工作室"].attrs["level"] == [PROVINCIAL]
    # no year stated: the period the report covers
    assert found["国家级技能大师工作室"].attrs["period"] == ["2019-2021"]
    assert found["发明专利"].attrs["count"] == [20]


def test_prize_grade_is_part_of_the_name() -> None:
    doc = make_doc(["《设备管理与预防维修》获得首届全国教材建设全国优秀教材一等奖。",
                    "获全国高校思政课教学展示二等奖 2 项。"])
    found = achievements_of(doc)
    assert set(found) == {"首届全国教材建设全国优秀教材一等奖", "全国高校思政课教学展示二等奖"}
    assert found["首届全国教材建设全国优秀教材一等奖"].attrs["category"] == ["competition-award"]
    assert found["全国高校思政课教学展示二等奖"].attrs["count"] == [2]


def test_plans_negations_and_levelless_mentions_are_not_achievements() -> None:
    doc = make_doc([
        "建设高水平结构化双师型教学创新团队，建设国内领先的智能制造创新实训中心。",
        "国家级教学成果奖、教学名师等国家级成果的数量和等级还不足。",
        "未来两年，学院将继续申报国家级教学成果奖。",
    ])
    assert achievements_of(doc) == {}


def test_problem_sections_are_skipped() -> None:
    doc = make_doc(["# 六、问题与改进措施", "建设期内获得国家级教学成果奖1项。"])
    assert achievements_of(doc) == {}


def test_ranking_names_the_list() -> None:
    doc = make_doc(["2022年“金平果”中国高职高专院校综合竞争力排行榜，我院排名第33位。"])
    ranking = achievements_of(doc)["金平果中国高职高专院校综合竞争力排行榜第33位"]
    assert ranking.attrs["category"] == ["ranking"]
    assert ranking.attrs["year"] == [GYear(2022)]
    assert ranking.attrs["level"] == [NATIONAL]


def test_ranking_of_a_named_group_with_a_chinese_numeral() -> None:
    doc = make_doc(["在金平果2021专业群综合竞争力排名中，数控技术专业群位列全国同专业群第三。"])
    (ranking,) = achievements_of(doc).values()
    assert ranking.label == "金平果2021专业群综合竞争力排名数控技术专业群全国同专业群第三"  # as printed
    assert ranking.attrs["year"] == [GYear(2021)]


def test_rankings_after_a_long_scope_and_without_a_verb() -> None:
    doc = make_doc(["经第三方评估，学校科研竞争力排行全国高职院校第27位。",
                    "“全国普通高校大学生竞赛榜单（高职）”全省第一；毕业生就业率全省第一；2019年第一届大赛顺利举办。"])
    labels = {n.label for n in achievements_of(doc).values()}
    assert labels == {"科研竞争力排行全国高职院校第27位", "全国普通高校大学生竞赛榜单（高职）全省第一",
                      "毕业生就业率全省第一"}


def test_achievement_table_with_category_fill_down() -> None:
    table = TableSpec("2019-2021年新增国家级以上高层次标志性成果表", ["序号", "成果类别", "项目名称", "级别", "完成数量"], [
        ["1", "课程及资源建设", "精品在线开放课程", "国家级", "3"],
        ["", "", "承办国际教育类技能大赛", "国际级", "1"],
        ["合计", "", "", "", "4"],
    ])
    found = achievements_of(make_doc([], [table]))
    assert set(found) == {"精品在线开放课程", "承办国际教育类技能大赛"}
    course = found["精品在线开放课程"]
    assert (course.attrs["level"], course.attrs["count"], course.attrs["period"]) == ([NATIONAL], [3], ["2019-2021"])
    contest = found["承办国际教育类技能大赛"]
    assert contest.attrs["level"] == [INTERNATIONAL]
    assert contest.attrs["category"] == ["课程及资源建设"]  # the printed category, filled down


def test_table_with_one_count_column_per_year() -> None:
    table = TableSpec("学生参加境外技能竞赛获奖情况", ["获奖赛项", "2022 年获奖数量", "2023 年获奖数量"], [
        ["国际中文日•诵中华经典", "2", "3"],
        ["合计", "4", "9"],
    ])
    facts = facts_of(make_doc([], [table], period="2023", kind="annual-quality-report"))
    rows = sorted((n.attrs["year"], n.attrs["count"]) for n in facts.nodes.values() if n.kind == "Achievement")
    assert rows == [([GYear(2022)], [2]), ([GYear(2023)], [3])]


def test_year_column_read_by_its_header() -> None:
    table = TableSpec("2019—2021 年学校主要标志性成果", ["序号", "成果名称", "级别", "获得年度", "数量"], [
        ["1", "全国职业院校技能大赛一等奖", "国家级", "2019", "3"],
        ["2", "“十三五”职业教育国家规划教材", "国家级", "2020", "12"],
    ])
    found = achievements_of(make_doc([], [table]))
    assert found["全国职业院校技能大赛一等奖"].attrs["year"] == [GYear(2019)]
    assert found["“十三五”职业教育国家规划教材"].attrs["count"] == [12]
    assert found["“十三五”职业教育国家规划教材"].attrs["year"] == [GYear(2020)]


def test_a_key_industry_college_listing_is_an_achievement() -> None:
    found = achievements_of(make_doc(["2023年6月，该产业学院入选江苏省重点产业学院建设名单。"]))
    _has(found, "江苏省重点产业学院", PROVINCIAL, year=2023)


def test_a_prize_won_in_a_named_contest_carries_the_contest_name() -> None:
    found = achievements_of(make_doc(["学生团队在第九届中国国际大学生创新大赛中斩获银奖2项，实现新突破。"]))
    _has(found, "第九届中国国际大学生创新大赛银奖", NATIONAL, count=2)


def test_a_named_subject_recognised_as_its_kind_is_one_achievement() -> None:
    found = achievements_of(make_doc([
        "学校主持建设的智能传感技术应用专业教学资源库于2023年获批国家级职业教育专业教学资源库。",
        "物联网应用技术专业教学团队获批第三批国家级职业教育教师教学创新团队。",
        "学校获批国家级职业教育教师教学创新团队。",
    ]))
    _has(found, "国家级职业教育专业教学资源库", NATIONAL, year=2023, count=1)
    _has(found, "第三批国家级职业教育教师教学创新团队", NATIONAL, count=1)
    assert "count" not in found["国家级职业教育教师教学创新团队"].attrs  # the school is no team: count unknown


def test_non_achievement_tables_are_ignored() -> None:
    funding = TableSpec("项目资金到位情况统计表", ["项目", "总预算经费", "到位率"], [["中央财政投入资金", "5,000", "100%"]])
    assert achievements_of(make_doc([], [funding])) == {}


def test_holder_is_the_group_the_clause_names() -> None:
    group = Node("ProfessionalGroup", f"{HARBIN[1]}-电子商务专业群", "电子商务专业群")
    doc = make_doc(["电子商务专业群获批国家级职业教育教师教学创新团队1个。", "学院获批国家级教学成果奖1项。"])
    facts = facts_of(doc, group)
    holders = {facts.nodes[s].label: o for (s, p, o) in facts.links if p == "achievedBy"}
    assert holders["国家级职业教育教师教学创新团队"] == group.ref
    assert holders["国家级教学成果奖"] == NodeRef("School", HARBIN[1])


def test_same_award_in_two_reports_gets_one_key() -> None:
    line = "2021年，学院获批国家级职业教育教师教学创新团队1个。"
    first = achievements_of(make_doc([line]))
    second = achievements_of(make_doc(["前言。", line], period="2023", kind="annual-quality-report"))
    assert first["国家级职业教育教师教学创新团队"].key == second["国家级职业教育教师教学创新团队"].key


def test_a_sentence_listing_many_items_does_not_crash() -> None:
    items = "、".join(f"省级教学名师{i}名" for i in range(1, 40))
    found = achievements_of(make_doc([f"获评{items}。", "、、、获，，一等奖"]))
    assert "省级教学名师" in found


def test_year_from_paragraph_opening_or_heading_not_an_earlier_aside() -> None:
    doc = make_doc(["2021年，学院工作成效显著。获批国家级职业教育教师教学创新团队1个。",
                    "# 2020年度主要成绩",
                    "获批省级技能大师工作室2个。",
                    "学校获批国家级职业学校校长培训基地（2023-2025 年）、教育部数字校园建设试点院校。"],
                   kind="annual-quality-report", period="2022")
    found = achievements_of(doc)
    assert found["国家级职业教育教师教学创新团队"].attrs["year"] == [GYear(2021)]
    assert found["省级技能大师工作室"].attrs["year"] == [GYear(2020)]
    # the period in parentheses annotates the item before it; the section heading's year applies
    assert found["教育部数字校园建设试点院校"].attrs["year"] == [GYear(2020)]


def test_a_mid_paragraph_year_does_not_date_later_sentences() -> None:
    found = achievements_of(make_doc(["学院工作成效显著，2018年起推进改革。获批国家级职业教育教师教学创新团队1个。"]))
    assert found["国家级职业教育教师教学创新团队"].attrs["period"] == ["2019-2021"]


def test_rank_won_in_an_evaluation_and_new_heads() -> None:
    found = achievements_of(make_doc([
        "获 2021 年山西省高校思想政治理论课建设情况专项评估高职院校第一名。",
        "2020 年全国大学生数学建模竞赛 Matlab 创新奖填补省内空白。",
        "获评“2021 年度广西社会科学普及基地”。",
        "2023 年获得“2023 亚太职业院校影响力指数”4星级院校评价。",
    ]))
    _has(found, "山西省高校思想政治理论课建设情况专项评估高职院校第一名", PROVINCIAL, year=2021)
    _has(found, "全国大学生数学建模竞赛Matlab创新奖", NATIONAL, year=2020)
    _has(found, "广西社会科学普及基地", PROVINCIAL, year=2021)
    _has(found, "亚太职业院校影响力指数", INTERNATIONAL, year=2023)


# --- corpus -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_achievements(corpus_files) -> dict[str, dict[str, Node]]:
    load_document = pytest.importorskip("loaders.document").load_document
    out: dict[str, dict[str, Node]] = {}
    for path in corpus_files:
        doc = load_document(path)
        out[path.name[:3]] = achievements_of(doc)
    return out


def _has(found: dict[str, Node], name: str, level: Ref | None, year: int | None = None, period: str | None = None,
         count: int | None = None) -> None:
    assert name in found, f"{name} not in {sorted(found)[:60]}"
    node = found[name]
    assert node.attrs.get("level") == ([level] if level else None)
    if year is not None:
        assert node.attrs["year"] == [GYear(year)]
    if period is not None:
        assert node.attrs["period"] == [period]
    if count is not None:
        assert node.attrs["count"] == [count]


def test_corpus_harbin_midterm(corpus_achievements) -> None:
    found = corpus_achievements["000"]
    _has(found, "全国课程思政教研示范中心", NATIONAL, period="2019-2021", count=1)
    _has(found, "精品在线开放课程", NATIONAL, period="2019-2021", count=3)
    _has(found, "承办语合中心“中文+职业技能”汉语桥项目", INTERNATIONAL, period="2019-2021", count=1)
    _has(found, "金平果中国高职高专院校综合竞争力排行榜第33位", NATIONAL, year=2022)
    _has(found, "国家级职业教育教师教学创新团队", NATIONAL, period="2019-2021", count=1)


def test_corpus_harbin_annual(corpus_achievements) -> None:
    found = corpus_achievements["001"]
    _has(found, "黑龙江省课程思政建设示范课程", PROVINCIAL, year=2020, count=3)
    _has(found, "职业教育国家级在线精品课程", NATIONAL, year=2023, count=3)
    _has(found, "国家级教学成果二等奖", NATIONAL, year=2023, count=3)
    _has(found, "第二届全国职业技能大赛区块链应用操作赛项铜牌", NATIONAL, year=2023)
    _has(found, "ABC中国高职院校排行榜第38名", NATIONAL, year=2023)
    _has(found, "教育部职业院校数字校园建设试点院校", NATIONAL, year=2023)
    _has(found, "亚太职业院校影响力指数", INTERNATIONAL, year=2023)


def test_corpus_shanxi(corpus_achievements) -> None:
    found = corpus_achievements["002"]
    _has(found, "全国高校思政课教学展示二等奖", NATIONAL, year=2021, count=2)
    _has(found, "国家级职业教育教师教学创新团队", NATIONAL, period="2019-2021", count=1)
    _has(found, "国家级生产性实训基地", NATIONAL, period="2019-2021", count=1)
    _has(found, "山西省高校师德楷模", PROVINCIAL, count=7)
    _has(found, "中国高等职业院校学生技能成长活力排行榜第70", NATIONAL, year=2022)
    _has(found, "山西省高校思想政治理论课建设情况专项评估高职院校第一名", PROVINCIAL, year=2021)
    _has(found, "全国大学生数学建模竞赛Matlab创新奖", NATIONAL, year=2020)


def test_corpus_liuzhou(corpus_achievements) -> None:
    found = corpus_achievements["003"]
    _has(found, "首届全国教材建设全国优秀教材一等奖", NATIONAL)
    _has(found, "国家级职业教育示范性虚拟仿真实训基地培育项目", NATIONAL)
    _has(found, "第六届柳州市市长质量奖", Ref(str(LEVEL["municipal"])), year=2020)
    _has(found, "国家职业教育教师教学创新团队", NATIONAL, count=1)
    _has(found, "发明专利", None, count=11)
    _has(found, "广西社会科学普及基地", PROVINCIAL, year=2021)
    _has(found, "全国职业院校校园文化一校一品", NATIONAL)
    assert any("示范性产业学院" in name and node.attrs["level"] == [PROVINCIAL] for name, node in found.items())


def test_corpus_no_bare_or_numeric_names(corpus_achievements) -> None:
    for report, found in corpus_achievements.items():
        for name in found:
            assert len(name) >= 2 and not name.isdigit(), (report, name)
            assert name not in {"一等奖", "二等奖", "三等奖", "铜奖", "第一名"}, (report, name)


def test_only_one_and_ordinals_are_not_counts() -> None:
    from loaders.extract.mentions import count_before

    assert count_before("获得唯一一个", 6) is None  # 唯一一个 = "the only one", not 11
    assert count_before("第一个", 3) is None
    assert count_before("建成十一个", 5) == 11
    assert count_before("建成3个", 4) == 3


def test_elided_prize_grades_of_one_contest_are_each_an_achievement() -> None:
    found = achievements_of(make_doc(["2021年，学生获全国职业院校技能大赛汽车技术赛项一等奖2项、二等奖3项，获省赛一等奖8项。"]))
    second = found["全国职业院校技能大赛汽车技术赛项二等奖"]
    assert (second.attrs["count"], second.attrs["level"], second.attrs["year"]) == ([3], [NATIONAL], [GYear(2021)])
    assert found["全国职业院校技能大赛汽车技术赛项一等奖"].attrs["count"] == [2]


TIANJIN = ("天津电子信息职业技术学院", "4112012720")


def test_a_municipal_level_in_a_province_level_municipality_is_provincial() -> None:
    table = TableSpec("2022 年学校获得的主要标志性成果", ["成果名称", "级别", "数量", "获批时间"],
                      [["天津市教学成果奖一等奖", "市级", "3", "2022 年 5 月"]])
    found = achievements_of(make_doc([], [table], school=TIANJIN, period="2022", kind="annual-quality-report"))
    assert found["天津市教学成果奖一等奖"].attrs["level"] == [PROVINCIAL]


def test_a_model_modern_industry_college_title_is_an_achievement() -> None:
    found = achievements_of(make_doc(["2022 年 11 月，该产业学院获评天津市示范性现代产业学院。"], school=TIANJIN,
                                     period="2022", kind="annual-quality-report"))
    demo = found["天津市示范性现代产业学院"]
    assert (demo.attrs["level"], demo.attrs["year"], demo.attrs["count"]) == ([PROVINCIAL], [GYear(2022)], [1])


def test_elided_prizes_of_a_contest_named_in_the_clause_before() -> None:
    doc = make_doc(["在2021年全国职业院校技能大赛中，获一等奖2项、二等奖3项。",
                    "在2023年哈尔滨市大学生暑期社会实践活动示范团队评选中，获得集体奖一项、团队奖二项。"])
    found = {(n.label, n.attrs["count"][0]) for n in achievements_of(doc).values()}
    assert found == {("全国职业院校技能大赛一等奖", 2), ("全国职业院校技能大赛二等奖", 3),
                     ("哈尔滨市大学生暑期社会实践活动示范团队评选集体奖", 1),
                     ("哈尔滨市大学生暑期社会实践活动示范团队评选团队奖", 2)}


def test_a_ranking_list_clause_with_a_year_after_its_quoted_name_still_names_the_list() -> None:
    doc = make_doc(["在“金平果中国科教评价网”2022年全国高职院校专业排名中，机电一体技术专业排名全国第2名。"])
    (ranking,) = achievements_of(doc).values()
    assert ranking.label == "金平果中国科教评价网全国高职院校专业排名机电一体技术专业全国第2名"


def test_a_second_scope_of_one_ranking_and_a_bare_lie() -> None:
    labels = {n.label for n in achievements_of(make_doc(["在2024年高职院校竞争力排行榜中位列全国第97位、自治区第1位。",
                                                          "学校在2023年全国高职院校竞争力排行榜中列第68位。",
                                                          "学校承办全国第一届大赛、全国第二届大赛。"])).values()}
    assert labels == {"高职院校竞争力排行榜全国第97位", "高职院校竞争力排行榜自治区第1位", "全国高职院校竞争力排行榜第68位"}


def test_prizes_of_a_contest_whose_name_ends_with_its_year_in_brackets() -> None:
    found = {(n.label, n.attrs["count"][0]) for n in achievements_of(make_doc(["在中国国际大学生创新大赛（2024）中获银奖1项、铜奖2项。"])).values()}
    assert found == {("中国国际大学生创新大赛（2024）银奖", 1), ("中国国际大学生创新大赛（2024）铜奖", 2)}
