"""Vocabulary v2, item 1: n-ary participations, accreditation statements and partners of programmes.

Each is read from the facts other recognisers made over small documents written for the purpose (real offsets),
through the whole extraction (``extract_facts``), so the tests exercise the recognisers that feed them too.
"""

from __future__ import annotations

from extract_docs import TableSpec, assert_evidence_quotes, make_doc

from loaders.extract import extract_facts
from loaders.extract.lexicon import fold
from loaders.extract.participations import counts_programme, role_in
from loaders.facts import Facts, Node, NodeRef


def _facts(lines: list[str], tables: list[TableSpec] = ()) -> Facts:
    doc = make_doc(lines, tables)
    facts = extract_facts(doc, strict=True)
    assert_evidence_quotes(doc, facts)
    return facts


def _of_kind(facts: Facts, kind: str) -> list[Node]:
    return [n for n in facts.nodes.values() if n.kind == kind]


def _participation(facts: Facts, programme_key: str) -> list[Node]:
    return [n for n in _of_kind(facts, "Participation") if NodeRef("Program", programme_key) in n.attrs["programme"]]


def test_roles_are_the_schools_own_seat() -> None:
    assert role_in("学校当选全国智能制造行业产教融合共同体副理事长单位") == "vice-chair"
    assert role_in("作为理事长单位") == "chair"
    assert role_in("学校牵头成立“智能制造产教联盟”") == "lead"
    assert role_in("学校成为联盟成员单位") == "member"
    assert role_in("组建中俄职业教育联盟，成员单位达 170 家") is None  # counts the alliance's members


def test_a_count_names_the_programme_as_printed_or_counts_it_in_a_table() -> None:
    forms = {fold("1+X 证书试点")}
    assert counts_programme(fold("1+X证书试点"), forms)
    assert counts_programme(fold("1+X 证书试点学生获证情况统计 2020 试点数"), forms)
    assert not counts_programme(fold("1+X 证书试点学生获证情况统计 2020 获证数"), forms)
    assert not counts_programme(fold("公开专利授权"), forms)


def test_participation_with_role_and_count() -> None:
    facts = _facts(["学校牵头成立“智能制造产教联盟”，吸纳企业 30 家。",
                    "学校当选全国智能制造行业产教融合共同体副理事长单位。",
                    "另有公开专利授权 37 项，1+X 证书试点 18 项。"])
    alliance = _participation(facts, "智能制造产教联盟")
    assert [p.attrs.get("role") for p in alliance] == [["lead"]]
    community = _participation(facts, "全国智能制造行业产教融合共同体")
    assert [p.attrs.get("role") for p in community] == [["vice-chair"]]
    pilots = _participation(facts, "one-plus-x-pilot")
    assert [(p.attrs["count"], p.attrs["period"]) for p in pilots] == [([18], ["2019-2021"])]
    school = NodeRef("School", "4123012911")
    assert all(p.attrs["participant"] == [school] for p in _of_kind(facts, "Participation"))
    assert all(p.key.startswith("4123012911-midterm") for p in _of_kind(facts, "Participation")), "keyed by report"
    assert ("participatesIn" in {p for (_, p, _) in facts.links}), "the shortcut edge stays"


def test_a_table_by_year_gives_one_count_per_year_and_its_total_row_none() -> None:
    table = TableSpec("1+X 证书试点学生获证情况统计", ["年度", "试点数", "专业数", "获证数"],
                      [["2020", "47", "28", "1051"], ["2021", "58", "41", "1884"], ["合计", "105", "69", "2935"]])
    facts = _facts(["学院建立 1+X 证书试点动态遴选机制，每年更新申报试点。"], [table])
    counts = sorted((p.attrs["period"][0], p.attrs["count"][0]) for p in _participation(facts, "one-plus-x-pilot")
                    if "count" in p.attrs)
    assert counts == [("2020", 47), ("2021", 58)]


def test_accreditation_statement_with_majors_and_stated_count() -> None:
    table = TableSpec("国际认证专业统计表", ["序号", "专业名称", "类别"],
                      [["1", "机械制造及自动化", "悉尼协议"], ["2", "电气自动化技术", "悉尼协议"], ["3", "护理", "UK NARIC 认证"]])
    facts = _facts(["学校开展悉尼协议专业认证，悉尼协议认证专业 2 个。"], [table])
    statements = {n.attrs["scheme"][0].key: n for n in _of_kind(facts, "Accreditation")}
    sydney = statements["sydney-accord"]
    assert {facts.nodes[m].label for m in sydney.attrs["accreditedMajor"]} == {"机械制造及自动化", "电气自动化技术"}
    assert sydney.attrs["count"] == [2] and sydney.attrs["accreditedBy"] == [NodeRef("School", "4123012911")]
    naric = statements["uk-naric"]
    assert "count" not in naric.attrs and len(naric.attrs["accreditedMajor"]) == 1


def test_partners_of_a_programme_are_named_in_its_clause() -> None:
    facts = _facts(["学校与华为技术有限公司共建鲁班工坊，与西门子（中国）有限公司开展订单培养。"])
    of_programme = {(n.attrs["partnerOf"][0].key, facts.nodes[n.attrs["partnerOrg"][0]].label, n.attrs["relationKind"][0])
                    for n in _of_kind(facts, "Partnership") if n.attrs["partnerOf"][0].kind == "Program"}
    assert ("luban-workshop", "华为技术有限公司", "共建") in of_programme
    assert ("order-class-training", "西门子（中国）有限公司", "订单班") in of_programme
    assert not any(p == "luban-workshop" and o.startswith("西门子") for p, o, _ in of_programme), "other clause"
    assert (NodeRef("Program", "luban-workshop"), "partner", NodeRef("Enterprise", "华为技术有限公司")) in facts.links


def test_a_body_that_approves_is_no_partner_of_the_thing_built() -> None:
    facts = _facts(["学校获教育部批准建设国家级虚拟仿真实训基地。"])
    assert not [n for n in _of_kind(facts, "Partnership") if n.attrs["partnerOf"][0].kind == "Program"]


def test_a_group_named_before_the_programme_is_the_participant() -> None:
    facts = _facts(["学校立项建设数控技术专业群。",
                    "数控技术专业群成功申报 9 个“1+X”证书试点，学校牵头成立“智能制造产教联盟”。"])
    group, school = NodeRef("ProfessionalGroup", "4123012911-数控技术专业群"), NodeRef("School", "4123012911")
    assert {p.attrs["participant"][0] for p in _participation(facts, "one-plus-x-pilot")} == {group}
    assert {p.attrs["participant"][0] for p in _participation(facts, "智能制造产教联盟")} == {school}


def test_a_programme_the_school_and_a_group_both_take_part_in_gives_each_its_participation() -> None:
    facts = _facts(["学校立项建设数控技术专业群。", "学校全面推进 1+X 证书制度试点。",
                    "数控技术专业群成功申报 9 个“1+X”证书试点。"])
    group, school = NodeRef("ProfessionalGroup", "4123012911-数控技术专业群"), NodeRef("School", "4123012911")
    by_participant = {p.attrs["participant"][0]: p for p in _participation(facts, "one-plus-x-pilot")}
    assert set(by_participant) == {group, school}
    assert all("数控技术专业群" in ev.quote for ev in by_participant[group].evidence)
    assert not any("数控技术专业群" in ev.quote for ev in by_participant[school].evidence)
