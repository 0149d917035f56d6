"""The analyst's questions of issue 13, one library query each, answered on the corpus graph.

Every expected value below was read in the report it comes from (file and line in each docstring),
not copied from the graph.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.store import OxigraphStore, open_store
from tests.test_queries import HARBIN, KUNMING, LIBRARY, LIUZHOU, SHANXI, rows

Row = dict[str, str]


@pytest.fixture(scope="module")
def corpus_store(corpus_trig: Path) -> OxigraphStore:
    return open_store("oxigraph", corpus_trig)


def of_school(found: list[Row], school: str) -> list[Row]:
    return [r for r in found if r.get("schoolName") == school]


def test_every_issue_question_has_a_documented_query() -> None:
    questions = {"industry-college-co-builders", "one-plus-x-pilots", "group-national-achievements", "central-funding",
                 "rankings", "teaching-innovation-teams", "school-sponsors", "partners-by-relation",
                 "alliances-and-platforms", "indicator-keys", "indicator-across-schools", "report-contents",
                 "audit-findings"}
    assert questions <= set(LIBRARY)
    for name in questions:
        query = LIBRARY[name]
        assert query.title_zh and query.title_en and query.description_zh and query.description_en, name


def test_one_plus_x_pilots(corpus_store: OxigraphStore) -> None:
    """001 表 2-9 (lines 733-739): Harbin ran 47, 58, 34, 38 pilots in 2020-2023; its 合计 row (5746, line 741)
    adds years up and is left out. 004 line 79: Kunming, 1+X 证书试点 18 项 (2019-2021)."""
    found = rows(corpus_store, "one-plus-x-pilots")
    harbin = {r["period"]: int(r["value"]) for r in of_school(found, HARBIN)}
    assert harbin == {"2020": 47, "2021": 58, "2022": 34, "2023": 38}
    kunming = of_school(found, KUNMING)
    assert [(r["value"], r["period"], r["report"], r["line"]) for r in kunming] == [
        ("18", "2019-2021", "004_5862d34a0cf86c05.txt", "79")]
    assert "18" in kunming[0]["quote"] and "1+X" in kunming[0]["quote"]
    assert len(found) == len({r["school"] + r["figure"] + r["period"] for r in found}), "one row per figure"


def test_national_achievements_of_a_group_in_a_year(corpus_store: OxigraphStore) -> None:
    """002 line 229: the 数控技术专业群 team's case was chosen as a 2020 national 双师型 team-building case."""
    found = rows(corpus_store, "group-national-achievements")
    in_2020 = {r["achievementName"] for r in found if r["groupName"] == "数控技术专业群" and r["when"] == "2020"}
    assert "全国职业院校双师型教师队伍建设典型案例" in in_2020
    assert {r["schoolName"] for r in found} >= {HARBIN, SHANXI, LIUZHOU}
    assert all(r["group"].startswith("https://w3id.org/sgkg/id/group/") for r in found)


def test_central_funding_received(corpus_store: OxigraphStore) -> None:
    """000 line 71/85: Harbin's central funding, 3000 budgeted for the period, 3000 received (100%), 2969 spent
    (98.97%); 004 line 292: Kunming received 1200 of 1200."""
    found = rows(corpus_store, "central-funding")
    harbin_table = [r for r in of_school(found, HARBIN) if r.get("spent") == "2969" and r.get("received")]
    assert [(r["budget"], r["received"], r["spent"], r["executionRate"], r["unit"]) for r in harbin_table] == [
        ("3000", "3000", "2969", "98.97", "万元")]
    assert ("1200", "004_5862d34a0cf86c05.txt", "292") in {
        (r.get("received"), r["report"], r["line"]) for r in of_school(found, KUNMING)}
    assert all("中央" in r["source"] for r in found)


def test_rank_a_school_reached(corpus_store: OxigraphStore) -> None:
    """001 lines 65-67: 2023 年中国科教评价网发布的中国高职院校竞争力排行 29 名、东北地区第1名; 000 line 285: in the
    2022 金平果中国科教评价网 major ranking, two majors 2nd and the 电子商务专业群 3rd nationally; 002: the
    数控技术专业群 3rd nationally among groups of its kind (金平果, 2021)."""
    found = rows(corpus_store, "rankings")
    harbin = {(r["when"], int(r["rank"])) for r in of_school(found, HARBIN) if "科教评价网" in r["ranking"]}
    assert harbin == {("2023", 29), ("2023", 1), ("2022", 2), ("2022", 3)}
    group = [r for r in found if r["holderName"] == "数控技术专业群"]
    assert [(r["schoolName"], r["rank"], r["levelName"], r["when"]) for r in group] == [(SHANXI, "3", "国家级", "2021")]
    assert all("rank" not in r for r in found if "第" not in r["ranking"])  # an index with no rank has none


def test_teaching_innovation_teams(corpus_store: OxigraphStore) -> None:
    """000: 电子商务教学团队获批国家第二批职业教育教师教学创新团队; 002: 工业机器人技术团队获批国家级…;
    003: 获评国家职业教育教师教学创新团队 1 个."""
    found = rows(corpus_store, "teaching-innovation-teams")
    national = [r for r in found if r.get("levelName") == "国家级"]
    quotes = {school: " ".join(r["quotes"] for r in of_school(national, school)) for school in (HARBIN, SHANXI, LIUZHOU)}
    assert "电子商务教学团队" in quotes[HARBIN] and "工业机器人技术团队" in quotes[SHANXI]
    assert [r["teams"] for r in of_school(national, LIUZHOU)] == ["1"]
    assert all("创新团队" in r["title"] for r in found)


def test_who_sponsors_the_school(corpus_store: OxigraphStore) -> None:
    """001 line 109: 哈尔滨职业技术学院是哈尔滨市政府主办的…; the 2019 双高 list makes it a 高水平学校建设单位."""
    found = {r["schoolName"]: r for r in rows(corpus_store, "school-sponsors")}
    assert set(found) == {HARBIN, SHANXI, LIUZHOU, KUNMING}
    harbin = found[HARBIN]
    assert (harbin["sponsor"], harbin["authority"], harbin["unitType"]) == ("哈尔滨市政府", "黑龙江省", "高水平学校建设单位")
    assert set(harbin["leadMajors"].split("、")) == {"机电一体化技术", "电子商务"}


def test_partners_of_a_school_by_relation(corpus_store: OxigraphStore) -> None:
    """003 line 375: 柳工集团与柳职院在校内共建…; 000 line 355: 共建浪潮、华为企业工作室…"""
    found = rows(corpus_store, "partners-by-relation")
    liugong = {(r["relation"], r["line"]) for r in of_school(found, LIUZHOU) if r["partnerName"] == "柳工集团股份有限公司"}
    assert ("共建", "375") in liugong and "技术服务" in {relation for relation, _ in liugong}
    huawei = [r for r in of_school(found, HARBIN) if r["partnerName"] == "华为" and r["relation"] == "共建"]
    assert len(huawei) == 1 and "华为企业工作室" in huawei[0]["quote"] and huawei[0]["partnerKind"] == "enterprise"
    assert {r["viaName"] for r in found} - {HARBIN, SHANXI, LIUZHOU, KUNMING}, "partners of groups or colleges too"


def test_alliances_and_platforms_a_school_joins(corpus_store: OxigraphStore) -> None:
    """000: 成立中俄职业教育联盟; 003 line 254: 机械制图“1+X”培训中心 among the centres Liuzhou built."""
    found = {(r["schoolName"], r["kind"], r["name"]) for r in rows(corpus_store, "alliances-and-platforms")}
    assert (HARBIN, "alliance", "中俄职业教育联盟") in found
    assert (LIUZHOU, "platform", "机械制图“1+X”培训中心") in found
    assert {kind for _, kind, _ in found} == {"alliance", "platform"}


def test_indicator_keys_and_one_indicator_across_schools(corpus_store: OxigraphStore) -> None:
    """004 line 398: 毕业生对母校满意度 96%; 003 line 192: 毕业生对母校满意度从 94.43% 提升至 95%;
    001 line 227: 毕业生对母校人才培养工作的综合满意度为 98.49% (2023)."""
    keys = {r["key"]: r for r in rows(corpus_store, "indicator-keys")}
    assert int(keys["graduate-satisfaction"]["schools"]) == 4 and keys["graduate-satisfaction"]["units"] == "%"
    found = rows(corpus_store, "indicator-across-schools")
    school_level = {(r["schoolName"], r["value"], r["period"]) for r in found if r["scopeKind"] == "school"}
    assert {(KUNMING, "96", "2019-2021"), (LIUZHOU, "95", "2019-2021"), (LIUZHOU, "94.43", "2019-2021"),
            (HARBIN, "98.49", "2023")} <= school_level
    assert {r["key"] for r in found} == {"graduate-satisfaction"}


def test_what_one_report_states(corpus_store: OxigraphStore) -> None:
    """Harbin's mid-term report (000) names three industry colleges (网红产业学院, “AI+智慧学习”人工智能学院,
    国际人工智能特色学院); Kunming's (004) names none."""
    found = {(r["file"], r["class"].rsplit("#", 1)[-1]): int(r["nodes"]) for r in rows(corpus_store, "report-contents")}
    assert found[("000_2398f67fa0e2142e.txt", "IndustryCollege")] == 3
    assert ("004_5862d34a0cf86c05.txt", "IndustryCollege") not in found
    assert found[("004_5862d34a0cf86c05.txt", "School")] == 1


def test_audit_findings(corpus_store: OxigraphStore) -> None:
    """004 表 4 (lines 305-316): a stated total of 5666 over rows adding up to 5668."""
    found = rows(corpus_store, "audit-findings")
    table4 = [r for r in found if "stated total 5666" in r["arithmetic"]]
    assert [(r["file"], r["kind"], r["severity"]) for r in table4] == [("004_5862d34a0cf86c05.txt", "table-total", "high")]
    assert {"305", "316"} <= set(table4[0]["lines"].split(", "))
    assert len(found) == len({r["finding"] for r in found})


def test_every_vocabulary_v2_question_has_a_documented_query() -> None:
    for name in ("participations", "accreditation-statements", "programme-partners", "teams-and-people",
                 "self-evaluations", "indicator-totals"):
        query = LIBRARY[name]
        assert query.title_zh and query.title_en and query.description_zh and query.description_en, name


def test_participations_hold_the_count_a_school_states(corpus_store: OxigraphStore) -> None:
    """004 line 79: 1+X 证书试点 18 项 (Kunming, 2019-2021); 001 表 2-9 (lines 733-739): Harbin's pilots by year,
    47, 58, 34, 38 — its 合计 row is no year's count; 001 line 190: 当选中国食品产教融合共同体副理事长单位."""
    found = rows(corpus_store, "participations")
    counts = {(r["schoolName"], r["period"], int(r["count"])) for r in found
              if "count" in r and "1+X" in r["programmeName"] and "试点" in r["programmeName"]}
    assert (KUNMING, "2019-2021", 18) in counts
    assert {(HARBIN, year, n) for year, n in (("2020", 47), ("2021", 58), ("2022", 34), ("2023", 38))} <= counts
    assert not any(n == 5746 for _, _, n in counts)
    roles = {(r["programmeName"], r.get("roles")) for r in of_school(found, HARBIN)}
    assert ("中国食品产教融合共同体", "vice-chair") in roles


def test_accreditation_statements_keep_majors_and_stated_count(corpus_store: OxigraphStore) -> None:
    """000 line 413: 开展悉尼协议专业认证、CEBVEC 认证、UKNARIC 国际资历认证专业 19 个; 000 表 5.1 (lines 415-434)
    names its Sydney Accord majors, among them 工程造价 and 电子商务."""
    found = [r for r in rows(corpus_store, "accreditation-statements") if r["report"] == "000_2398f67fa0e2142e.txt"]
    by_scheme = {r["schemeName"]: r for r in found}
    assert by_scheme["UK NARIC"]["countStated"] == "19"
    assert {"工程造价", "电子商务"} <= set(by_scheme["悉尼协议"]["majors"].split("、"))
    assert int(by_scheme["悉尼协议"]["majorsNamed"]) == len(by_scheme["悉尼协议"]["majors"].split("、"))


def test_partners_of_platforms(corpus_store: OxigraphStore) -> None:
    """000 lines 355 and 389 (the clause 共建浪潮、华为企业工作室、企业教师工作站等19个): Huawei co-builds Harbin's
    enterprise studio."""
    found = rows(corpus_store, "programme-partners")
    assert any(r["schoolName"] == HARBIN and r["programmeName"] == "企业工作室" and r["partnerName"] == "华为"
               and r["relation"] == "共建" and "华为企业工作室" in r["quote"] for r in found)
    assert all(r["partnerName"] not in r["programmeName"] for r in found), "a thing is not its own partner"


def test_teams_and_people(corpus_store: OxigraphStore) -> None:
    """001 line 2430: 我院教师宋磊荣获…; 002 line 201: 郭海青技能大师工作室; 002 line 133: 数控技术专业群 —
    国家级职业教育教师教学创新团队."""
    found = rows(corpus_store, "teams-and-people")
    assert (HARBIN, "person: 教师", "宋磊") in {(r["schoolName"], r["kind"], r["name"]) for r in found}
    assert any(r["name"] == "郭海青" and "郭海青技能大师工作室" in r.get("holds", "") for r in of_school(found, SHANXI))
    assert any(r["kind"] == "team" and r["ofName"] == "数控技术专业群" and r["levelName"] == "国家级"
               for r in of_school(found, SHANXI))


def test_selection_and_self_evaluations(corpus_store: OxigraphStore) -> None:
    """000 line 43: 2019年12月,学院入选国家“双高计划”…成为C类院校建设单位; 003 line 93: 综合自评得分为95.52分，等次为“优秀”."""
    found = rows(corpus_store, "self-evaluations")
    selection = [r for r in of_school(found, HARBIN) if r["fact"] == "selection"]
    assert [(r["tier"], r["date"], r["report"]) for r in selection] == [("C", "2019-12", "000_2398f67fa0e2142e.txt")]
    liuzhou = [r for r in of_school(found, LIUZHOU) if r["fact"] == "self-evaluation"]
    assert [(r["score"], r["grade"]) for r in liuzhou] == [("95.52", "优秀")]


def test_indicator_totals_give_one_answer(corpus_store: OxigraphStore) -> None:
    """004 line 59: 完成率 97.69%（其中专业群建设任务…完成率 98.92%; its table, line 75: 合计 390 381 97.69%); the
    sections after it give each project's
    rate (该项目…完成率 75% / 87.50% …): the school's task completion rate is the one total."""
    found = [r for r in rows(corpus_store, "indicator-totals") if r["scopeName"] == KUNMING]
    by_role = {r["role"]: r for r in found}
    assert by_role["total"]["values"] == "97.69"
    assert by_role["subset"]["values"] == "98.92"
    assert {"75", "87.5"} <= set(by_role["per-task"]["values"].split(" / "))
