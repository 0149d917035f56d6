"""Professional groups from tables, counted lists and group names, with level, lead and members."""

from __future__ import annotations

from extract_docs import TableSpec, assert_evidence_quotes, make_doc

from loaders.extract.groups import (
    canonical_group_name,
    counted_group_list,
    extract_groups,
    group_mentions,
    report_group_mentions,
)
from loaders.extract.lexicon import level_iri
from loaders.facts import Facts, NodeRef


def _run(doc) -> Facts:
    facts = Facts(doc.key)
    extract_groups(doc, facts)
    assert_evidence_quotes(doc, facts)
    return facts


def _members(facts: Facts, group: NodeRef) -> set[str]:
    return {facts.nodes[o].label for (s, p, o) in facts.links if s == group and p == "hasMember"}


def test_canonical_name_merges_spellings() -> None:
    assert canonical_group_name("机电一体化技术特色专业群") == ("机电一体化技术", "机电一体化技术专业群")
    assert canonical_group_name("机电一体化技术专业集群")[1] == "机电一体化技术专业群"


def test_mentions_in_prose() -> None:
    assert [m.lead_printed for m in counted_group_list("用于建设机电一体化技术和电子商务2个高水平专业群，实施")] == [
        "机电一体化技术", "电子商务"]
    assert counted_group_list("开设机电一体化技术和电子商务专业") == []
    assert [m.lead_printed for m in counted_group_list("工业机器人技术专业群和模具设计与制造专业群两个专业群同步建设")] == [
        "工业机器人技术", "模具设计与制造"]
    assert [m.lead_printed for m in group_mentions("数控技术专业群支出为 4816.69 万元")] == ["数控技术"]
    assert group_mentions("数控技术专业国家级现代学徒制试点") == []


def test_group_table_gives_national_groups_with_lead_and_members() -> None:
    doc = make_doc([], [TableSpec("哈尔滨职业技术学院 2023年中国特色高水平专业集群基本情况统计表",
                                  ["专业集群名称", "核心专业", "包含专业"], [
                                      ["机电一体化技术特色专业群", "机电一体化技术", "电气自动化技术、机械制造及自动化、智能焊接技术、工业机器人技术"],
                                      ["电子商务特色专业群", "电子商务", "跨境电子商务、现代物流管理、市场营销专业"]])],
                   kind="annual-quality-report")
    facts = _run(doc)
    code = doc.meta.school_code
    group = NodeRef("ProfessionalGroup", f"{code}-机电一体化技术专业群")
    node = facts.nodes[group]
    assert level_iri("national") in node.attrs["level"]
    assert "机电一体化技术特色专业群" in node.alt_labels
    assert _members(facts, group) == {"机电一体化技术", "电气自动化技术", "机械制造及自动化", "智能焊接技术", "工业机器人技术"}
    assert _members(facts, NodeRef("ProfessionalGroup", f"{code}-电子商务专业群")) == {
        "电子商务", "跨境电子商务", "现代物流管理", "市场营销"}
    lead = {facts.nodes[o].label for (s, p, o) in facts.links if s == group and p == "leadMajor"}
    assert lead == {"机电一体化技术"}
    assert (NodeRef("School", code), "hasGroup", group) in facts.links


def test_prose_levels() -> None:
    doc = make_doc(["学院入选国家“双高计划”，用于建设机电一体化技术和电子商务2个高水平专业群。",
                    "数控技术专业群获批省级高水平专业群。"], kind="annual-quality-report")
    facts = _run(doc)
    levels = {n.label: n.attrs.get("level") for n in facts.nodes.values() if n.kind == "ProfessionalGroup"}
    assert levels["机电一体化技术专业群"] == [level_iri("national")]
    assert levels["电子商务专业群"] == [level_iri("national")]
    assert levels["数控技术专业群"] == [level_iri("provincial")]


def test_group_names_start_a_word() -> None:
    assert group_mentions("生态康养护理专业群有护理等共 5个专业") == []
    assert [m.lead_printed for m in group_mentions("建设了电子商务特色专业群")] == ["电子商务"]


def test_counted_lists_and_field_named_groups() -> None:
    doc = make_doc(["带动新一代信息技术、新能源汽车技术等6个省级高水平专业群。",
                    "占比 16%；新一代信息技术类专业群有软件技术等共 8个专业。"], kind="annual-quality-report")
    facts = _run(doc)
    groups = {n.label: n for n in facts.nodes.values() if n.kind == "ProfessionalGroup"}
    assert set(groups) == {"新一代信息技术专业群", "新能源汽车技术专业群", "新一代信息技术类专业群"}
    assert groups["新能源汽车技术专业群"].attrs["level"] == [level_iri("provincial")]
    assert "level" not in groups["新一代信息技术类专业群"].attrs
    assert not [o for (s, p, o) in facts.links if s.key.endswith("新一代信息技术类专业群") and p == "leadMajor"]
    assert not [n for n in facts.nodes.values() if n.kind == "Major" and n.label == "新一代信息技术"]
    assert [m.lead_printed for m in counted_group_list("重点建设机电一体化技术和电子商务2个专业群")] == ["机电一体化技术", "电子商务"]


def test_members_listed_after_the_group_name() -> None:
    from loaders.extract.groups import listed_members

    assert [n for n, _, _ in listed_members("包含工业机器人技术、电气自动化技术和机械制造及自动化等4个专业")] == [
        "工业机器人技术", "电气自动化技术", "机械制造及自动化"]
    assert [n for n, _, _ in listed_members("包括数控技术专业、模具设计与制造专业。")] == ["数控技术", "模具设计与制造"]
    assert listed_members("深入推进9大建设任务") == []
    assert listed_members("有专业6个") == []
    facts = _run(make_doc(["数控技术专业群由数控技术、工业机器人技术和智能焊接技术组成，服务装备制造。",
                           "新一代信息技术类专业群有软件技术等共8个专业。"]))
    code = "4123012911"
    assert _members(facts, NodeRef("ProfessionalGroup", f"{code}-数控技术专业群")) == {
        "数控技术", "工业机器人技术", "智能焊接技术"}
    assert _members(facts, NodeRef("ProfessionalGroup", f"{code}-新一代信息技术类专业群")) == {"软件技术"}


def test_own_group_by_alias_or_single_heading_group() -> None:
    from loaders.extract.groups import own_group

    doc = make_doc(["机电设备维修与管理专业群层面（以下简称“专业群”）9大建设任务全部推进。"])
    own = own_group(doc)
    assert own is not None and own.mention.lead_printed == "机电设备维修与管理"
    assert own_group(make_doc(["# 数控技术专业群建设成效", "专业群层面任务完成。"])).mention.lead_printed == "数控技术"
    assert own_group(make_doc(["# 数控技术专业群建设成效", "# 电子商务专业群建设成效"])) is None


def test_groups_the_report_named_and_their_abbreviations() -> None:
    leads = ("材料成型与控制技术", "机械制造与自动化")
    text = "材料成型与控制技术专业群面向航空航天；建设期内机制专业群承担建设任务，两个专业群均已完成"
    found = report_group_mentions(text, leads)
    assert [(m.lead_printed, m.full_name) for m in found] == [
        ("材料成型与控制技术", None), ("机制", "机械制造与自动化专业群")]
    # an abbreviation must start like its group and fit exactly one of them
    assert report_group_mentions("机制专业群", ("机械制造与自动化", "机械设计与制造")) == []
    assert report_group_mentions("材制专业群", ("机械制造与自动化",)) == []


def test_provincial_groups_and_members_in_prose() -> None:
    doc = make_doc([
        "在省级层面，学校另有 2 个专业群入选江苏省高等职业教育高水平专业群。其中，电气自动化技术专业群由电气自动化技术（牵头）、"
        "机电一体化技术、智能机电技术和电机与电器技术 4 个专业构成，汽车智能技术专业群于 2023 年新获省级立项。",
        "物联网应用技术专业群于 2020 年入选陕西省高水平专业群建设项目，该群以物联网应用技术专业为核心，"
        "另含计算机网络技术、软件技术、电子信息工程技术 3 个专业。",
    ], kind="annual-quality-report")
    facts = _run(doc)
    code = doc.meta.school_code
    groups = {n.label: n for n in facts.nodes.values() if n.kind == "ProfessionalGroup"}
    assert {label: g.attrs.get("level") for label, g in groups.items()} == {
        "电气自动化技术专业群": [level_iri("provincial")], "汽车智能技术专业群": [level_iri("provincial")],
        "物联网应用技术专业群": [level_iri("provincial")]}
    assert _members(facts, NodeRef("ProfessionalGroup", f"{code}-电气自动化技术专业群")) == {
        "电气自动化技术", "机电一体化技术", "智能机电技术", "电机与电器技术"}
    assert _members(facts, NodeRef("ProfessionalGroup", f"{code}-物联网应用技术专业群")) == {
        "物联网应用技术", "计算机网络技术", "软件技术", "电子信息工程技术"}


TIANJIN = ("天津电子信息职业技术学院", "4112012720")


def test_level_phrases_after_a_name_and_members_later_in_its_sentence() -> None:
    """"…通过天津市高水平专业群立项评审，由A专业牵头，B、C 2 个专业参与组群"; "…立项为校级重点建设专业群";
    "…由A专业领衔，组群专业为B、C和D"; a 层级 column printed 天津市级 (a municipality's 市级 is provincial)."""
    doc = make_doc(["现代通信技术专业群于 2022 年通过天津市高水平专业群立项评审，由现代通信技术专业牵头，"
                    "通信软件技术、智能互联网络技术 2 个专业参与组群。",
                    "计算机应用技术专业群 2021 年立项为校级重点建设专业群。",
                    "机电一体化技术专业群2020年获批河北省高水平专业群建设项目，由机电一体化技术专业领衔，"
                    "组群专业为电气自动化技术、工业机器人技术和数控技术；"],
                   [TableSpec("表 3-1 学校重点建设专业群组成", ["专业群名称", "层级", "龙头专业"],
                              [["电子信息工程技术专业群", "天津市级", "电子信息工程技术"]])], school=TIANJIN)
    facts = _run(doc)
    code = doc.meta.school_code

    def group(lead: str) -> NodeRef:
        return NodeRef("ProfessionalGroup", f"{code}-{lead}专业群")

    def level(lead: str) -> list:
        return facts.nodes[group(lead)].attrs.get("level")

    assert level("现代通信技术") == [level_iri("provincial")]
    assert level("计算机应用技术") == [level_iri("school")]
    assert level("电子信息工程技术") == [level_iri("provincial")]
    assert _members(facts, group("现代通信技术")) == {"现代通信技术", "通信软件技术", "智能互联网络技术"}
    assert _members(facts, group("机电一体化技术")) == {"机电一体化技术", "电气自动化技术", "工业机器人技术", "数控技术"}


def test_composition_table_of_a_group_named_by_its_abbreviation_in_the_caption() -> None:
    table = TableSpec("汽检专业群专业构成及在校生规模", ["序号", "专业名称", "群内定位", "在校生（人）"], [
        ["1", "汽车检测与维修技术", "核心专业", "812"], ["2", "新能源汽车技术", "骨干专业", "604"],
        ["", "合计", "", "1,416"]])
    other = TableSpec("汽检专业群国际认证专业", ["序号", "专业名称", "认证项目"], [["1", "汽车电子技术", "悉尼协议"]], number="2")
    doc = make_doc(["学校以汽车检测与维修技术专业群（以下简称“汽检专业群”）为引领。"], [table, other])
    facts = _run(doc)
    group = NodeRef("ProfessionalGroup", f"{doc.meta.school_code}-汽车检测与维修技术专业群")
    assert _members(facts, group) == {"汽车检测与维修技术", "新能源汽车技术"}
    leads = {facts.nodes[o].label for (s, p, o) in facts.links if s == group and p == "leadMajor"}
    assert leads == {"汽车检测与维修技术"}
    assert "汽检专业群" in facts.nodes[group].alt_labels


def test_a_column_headed_by_a_groups_name_holds_figures_not_groups() -> None:
    doc = make_doc([], [TableSpec("专业群主要建设成果对照", ["指标", "航海技术专业群", "安全技术与管理专业群"], [
        ["群内在校生（人）", "3846", "2312"], ["国家在线精品课程（门）", "3", "2"]])])
    labels = {n.label for n in _run(doc).nodes.values() if n.kind == "ProfessionalGroup"}
    assert not any(label[0].isdigit() for label in labels), labels


def test_a_shortened_major_inside_a_list_of_members() -> None:
    """工业机器人 for 工业机器人技术 is a member when it stands in a list of catalogue majors."""
    from loaders.extract.groups import majors_listed_in

    listed = majors_listed_in("，以物流管理专业为核心，包括统计与会计核算、电子商务和工业机器人专业。")
    assert [(name, link.canonical) for name, _, _, link in listed][-1] == ("工业机器人", "工业机器人技术")
    assert majors_listed_in("建成工业机器人实训基地") == []
