"""Vocabulary v2, items 2 and 5: platforms, alliances, teams, people, rankings, the 双高 selection and
self-evaluations as classes of their own; every figure marked as its scope's total or a part of it."""

from __future__ import annotations

from decimal import Decimal

from extract_docs import assert_evidence_quotes, make_doc
from rdflib import Literal, URIRef

from kg.build import fact_triples
from kg.namespaces import RDF, SG
from loaders.extract import extract_facts
from loaders.extract.figure_roles import in_subset, is_year_of
from loaders.extract.people import person_mentions
from loaders.facts import Facts, GYear, GYearMonth, LangString, Node, NodeRef


def _facts(lines: list[str]) -> Facts:
    doc = make_doc(lines)
    facts = extract_facts(doc, strict=True)
    assert_evidence_quotes(doc, facts)
    return facts


def _of_kind(facts: Facts, kind: str) -> list[Node]:
    return [n for n in facts.nodes.values() if n.kind == kind]


def _types(facts: Facts) -> dict[str, set[URIRef]]:
    found: dict[str, set[URIRef]] = {}
    for s, p, o in fact_triples(facts):
        if p == RDF.type:
            found.setdefault(str(s).rsplit("/", 1)[1], set()).add(o)
    return found


def test_a_programme_s_kind_gives_its_class() -> None:
    facts = _facts(["学校牵头成立“智能制造产教联盟”，建成国家级虚拟仿真实训基地。"])
    types = _types(facts)
    assert types["智能制造产教联盟"] == {SG.Program, SG.Alliance}
    platforms = [k for k, t in types.items() if SG.Platform in t]
    assert platforms and all(SG.Program in types[k] for k in platforms)


def test_a_ranking_is_an_achievement_of_its_own_class() -> None:
    facts = _facts(["2022年，学校在金平果中国高职高专院校综合竞争力排行榜中位列第33位。"])
    rankings = [k for k, t in _types(facts).items() if SG.Ranking in t]
    assert rankings and all(SG.Achievement in _types(facts)[k] for k in rankings)


def test_a_team_holding_a_title_belongs_to_its_group() -> None:
    facts = _facts(["数控技术专业群获批国家级职业教育教师教学创新团队。",
                    "学生获哈尔滨市大学生暑期社会实践活动示范团队评选团队奖。"])
    teams = _of_kind(facts, "Team")
    assert [(t.label, t.attrs["teamOf"][0].kind) for t in teams] == [("国家级职业教育教师教学创新团队", "ProfessionalGroup")]
    assert facts.nodes[teams[0].attrs["recognisedBy"][0]].kind == "Achievement"


def test_people_are_named_before_what_they_won_or_the_studio_named_after_them() -> None:
    assert [(m.name, m.role) for m in person_mentions("教师宋磊荣获全国职业院校技能大赛一等奖")] == [("宋磊", "教师")]
    assert [(m.name, m.role) for m in person_mentions("引进“哈汽—董礼涛技能大师工作室”")] == [("董礼涛", "技能大师工作室")]
    assert person_mentions("建成国家级技能大师工作室1个") == []
    assert person_mentions("学生团队在大赛中获一等奖") == []
    facts = _facts(["建设郭海青技能大师工作室，培养青年教师。"])
    [person] = _of_kind(facts, "Person")
    assert person.label == "郭海青" and person.attrs["affiliation"] == [NodeRef("School", "4123012911")]
    assert [facts.nodes[h].label for h in person.attrs["holds"]] and "郭海青" in facts.nodes[person.attrs["holds"][0]].label


def test_selection_and_self_evaluation_are_school_facts() -> None:
    facts = _facts(["2019年12月，学院入选国家“双高计划”立项建设单位，成为C类院校建设单位。",
                    "学校组织专家开展中期自评，学校层面自评得分 96.4 分，自评等次为“优秀”。"])
    [selection] = _of_kind(facts, "ShuanggaoSelection")
    assert selection.attrs["selectionDate"] == [GYearMonth(2019, 12)] and selection.attrs["shuanggaoTier"] == ["C"]
    [evaluation] = _of_kind(facts, "SelfEvaluation")
    assert evaluation.attrs["score"] == [Decimal("96.4")] and evaluation.attrs["grade"] == [LangString("优秀", "zh")]
    assert evaluation.attrs["evaluates"] == [NodeRef("School", "4123012911")]
    dates = [o for s, p, o in fact_triples(facts) if p == SG.selectionDate]
    assert dates == [Literal("2019-12", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth"))]


def test_figure_roles_helpers() -> None:
    assert is_year_of("2020", "2019-2021") and not is_year_of("2019-2021", "2019-2021")
    assert not is_year_of("2023", "2023")
    text = "完成率 97.69%（其中专业群建设任务 186 项，完成率 98.92%），完成总任务的 71%"
    assert not in_subset(text, text.index("97.69")) and in_subset(text, text.index("98.92"))
    assert not in_subset(text, text.index("71%"))


def test_totals_and_parts_are_marked_on_every_figure() -> None:
    facts = _facts(["学校“双高”建设共有 10 大任务，建设任务 390 项，完成率 97.69%（其中专业群建设任务 186 项，完成 184 项，完成率 98.92%）。",
                    "该项目共 4 个子任务，2019-2021 年建设任务 8 项，完成 6 项，完成率 75%。",
                    "2020 年学校获批省级课题 12 项。"])
    roles = {(n.attrs["value"][0], n.attrs["figureRole"][0]) for n in _of_kind(facts, "Metric")}
    assert {(Decimal("97.69"), "total"), (Decimal("98.92"), "subset"), (Decimal("75"), "per-task"),
            (Decimal("12"), "per-year")} <= roles
    assert all(len(n.attrs["figureRole"]) == 1 for n in _of_kind(facts, "Metric"))


def test_a_selection_date_is_read_as_the_cover_s_date_is() -> None:
    from loaders.extract.school_facts import selection_date

    assert selection_date("2019年12月，学校入选", 10) == GYearMonth(2019, 12)
    assert selection_date("二〇一九年十二月，学校入选", 12) == GYearMonth(2019, 12)
    assert selection_date("2019年，学校入选", 7) == GYear(2019)
    assert selection_date("学校入选", 2) is None
