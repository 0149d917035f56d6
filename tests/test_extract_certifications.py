"""Accreditation schemes with their majors (tables and prose), stated counts, 1+X certificates."""

from __future__ import annotations

from decimal import Decimal

from extract_docs import TableSpec, assert_evidence_quotes, make_doc

from loaders.extract.certifications import certificate_names, extract_certifications
from loaders.facts import Facts, NodeRef

ROWS = [["1", "建筑工程与应急管理学院", "道路与桥梁工程技术", "悉尼协议"],
        ["2", "机电工程学院", "机械制造及自动化", "悉尼协议"],
        ["3", "机电工程学院", "电气自动化技术", "CEBVEC 项目"],
        ["4", "会计学院", "大数据会计", "UK NARIC 认证"],
        ["5", "医学院", "康养介护", "中日康养介护专业课程标准认证"]]


def _run(doc) -> Facts:
    facts = Facts(doc.key)
    extract_certifications(doc, facts)
    assert_evidence_quotes(doc, facts)
    return facts


def _accredited(facts: Facts, scheme: str) -> set[str]:
    return {facts.nodes[s].label for (s, p, o) in facts.links if p == "accreditedUnder" and o.key == scheme}


def test_table_rows_link_majors_to_schemes() -> None:
    doc = make_doc([], [TableSpec("2023年开展国际认证专业统计表", ["序号", "所属学院", "专业名称", "类别"], ROWS)])
    facts = _run(doc)
    assert _accredited(facts, "sydney-accord") == {"道路与桥梁工程技术", "机械制造及自动化"}
    assert _accredited(facts, "cebvec") == {"电气自动化技术"}
    assert _accredited(facts, "uk-naric") == {"大数据与会计"}
    assert _accredited(facts, "中日康养介护专业课程标准认证") == {"康养介护"}
    sydney = facts.nodes[NodeRef("Certification", "sydney-accord")]
    assert sydney.label_en == "Sydney Accord" and sydney.attrs["category"] == ["international-accreditation"]


def test_unknown_scheme_outside_accreditation_table_is_ignored() -> None:
    doc = make_doc([], [TableSpec("专业建设表", ["专业名称", "类别"], [["护理", "国家骨干专业"]])])
    assert not [n for n in _run(doc).nodes.values() if n.kind == "Certification"]


def test_prose_clauses_give_majors_and_counts() -> None:
    doc = make_doc(["截止 2023 年底，学院共开展 21 个专业国际化认证，其中悉尼协议认证专业总数最多，"
                    "有道路桥梁工程技术、工程造价等共 11 个专业，占比 52.38%；对接英国职业教育标准专业有电气自动化技术等共 3个，"
                    "占比 14.29%；UK NARIC 认证专业有计算机网络技术等共 8个，占比 38.1%。"])
    facts = _run(doc)
    metrics = {(n.attrs["metricKey"][0], n.attrs["value"][0]) for n in facts.nodes.values() if n.kind == "Metric" and "metricKey" in n.attrs
               and n.attrs["scope"][0] == NodeRef("School", doc.meta.school_code)}
    assert metrics == {("sydney-accord-majors", Decimal(11)), ("cebvec-majors", Decimal(3)), ("uk-naric-majors", Decimal(8)),
                       ("internationally-accredited-majors", Decimal(21))}
    assert _accredited(facts, "sydney-accord") == {"道路与桥梁工程技术", "工程造价"}
    assert _accredited(facts, "uk-naric") == {"计算机网络技术"}


def test_certificate_names() -> None:
    text = "学生获得Web前端开发职业技能等级证书，开展“老年照护职业技能等级证书”试点"
    assert [n for n, _, _ in certificate_names(text)] == ["Web前端开发职业技能等级证书", "老年照护职业技能等级证书"]
    assert certificate_names("学院现有38个1+X职业技能等级证书") == []
    assert certificate_names("帮助学生获取多个职业技能等级证书") == []
    doc = make_doc(["学生获得Web前端开发职业技能等级证书。"])
    node = _run(doc).nodes[NodeRef("Certification", "web前端开发职业技能等级证书")]
    assert node.attrs["category"] == ["1+X certificate"]


def test_scheme_named_in_the_caption_of_a_list_of_majors() -> None:
    listed = TableSpec("通过悉尼协议范式专业认证的专业名单", ["序号", "专业名称", "认证组织", "认证结论"], [
        ["1", "数控技术", "中国职业技术教育学会", "通过"], ["2", "机械制造与自动化", "中国职业技术教育学会", "通过"]])
    unrelated = TableSpec("悉尼协议专业建设经费", ["序号", "专业名称", "金额"], [["1", "护理", "30"]], number="2")
    facts = _run(make_doc(["学校累计有 7 个专业通过国际专业认证，其中 4 个专业通过悉尼协议范式专业认证，"
                           "2 个专业通过英国 CEBVEC 国际专业认证。"], [listed, unrelated]))
    assert _accredited(facts, "sydney-accord") == {"数控技术", "机械制造及自动化"}
    assert {(n.attrs["metricKey"][0], n.attrs["value"][0]) for n in facts.nodes.values() if n.kind == "Metric" and "metricKey" in n.attrs} == {
        ("internationally-accredited-majors", Decimal(7)), ("sydney-accord-majors", Decimal(4)),
        ("cebvec-majors", Decimal(2))}


def test_a_count_after_each_scheme_of_a_list() -> None:
    facts = _run(make_doc(["截至 2021 年底，学校共有 5 个专业通过国际专业认证（评估），其中悉尼协议范式专业建设认证 3 个、"
                           "英国 UK NARIC 国际资历等级评估 2 个，明细见表 2-4。"]))
    metrics = {(n.attrs["metricKey"][0], n.attrs["value"][0]) for n in facts.nodes.values() if n.kind == "Metric" and "metricKey" in n.attrs}
    assert metrics == {("internationally-accredited-majors", Decimal(5)), ("sydney-accord-majors", Decimal(3)),
                       ("uk-naric-majors", Decimal(2))}


def test_majors_that_pass_an_accreditation_the_lexicon_does_not_know() -> None:
    facts = _run(make_doc(["机电一体化技术、工业机器人技术2个专业通过英国工程技术学会（IET）国际专业认证，认证有效期5年；"
                           "现代物流管理专业通过中国物流与采购联合会物流职业教育专业认证。",
                           "学校通过教育部专家组验收评估。"]))
    assert _accredited(facts, "英国工程技术学会-iet-国际专业认证") == {"机电一体化技术", "工业机器人技术"}
    assert _accredited(facts, "中国物流与采购联合会物流职业教育专业认证") == {"现代物流管理"}
    assert {n.label for n in facts.nodes.values() if n.kind == "Certification"} == {
        "英国工程技术学会（IET）国际专业认证", "中国物流与采购联合会物流职业教育专业认证"}


def test_a_certificate_practised_in_majors_makes_them_its_pilots() -> None:
    facts = _run(make_doc(["工业机器人应用编程职业技能等级证书在工业机器人技术、机电一体化技术专业实施，"
                           "数控车铣加工职业技能等级证书在数控技术专业推行。"]))
    assert _accredited(facts, "工业机器人应用编程职业技能等级证书") == {"工业机器人技术", "机电一体化技术"}
    assert _accredited(facts, "数控车铣加工职业技能等级证书") == {"数控技术"}


def test_schemes_named_by_their_suffix() -> None:
    """Standards and certification systems of an industry or a vendor, named by 认证标准 / 认证体系 /
    认证工程师; a generic stem (国际, 专业, 国际通行的…) names none."""
    from loaders.extract.certifications import schemes_named

    assert [n for n, _, _ in schemes_named("学院等单位共同制定中国焊接工程师认证标准，开展调研")] == ["中国焊接工程师认证标准"]
    assert [n for n, _, _ in schemes_named("引入ABB机器人及应用认证工程师标准，组织3期培训")] == ["ABB机器人及应用认证工程师"]
    assert [n for n, _, _ in schemes_named("形成智能制造核心工种技能等级认证体系，产业学院成为示范")] == [
        "智能制造核心工种技能等级认证体系"]
    assert schemes_named("开发推广国际认证标准") == []
    assert schemes_named("学校以国际通行的专业认证标准为依据") == []
    doc = make_doc(["学院牵头制定中国焊接工程师认证标准。"])
    facts = _run(doc)
    assert facts.nodes[NodeRef("Certification", "中国焊接工程师认证标准")].attrs["category"] == ["industry-certification"]


def test_certificates_named_right_after_one_plus_x() -> None:
    from loaders.extract.certifications import certificates_named_after_one_plus_x as named_after

    assert [n for n, _, _ in named_after("教师参加《1+X 皮肤护理师》教材编写")] == ["皮肤护理师职业技能等级证书"]
    assert [n for n, _, _ in named_after("是我专业（1+X）皮肤护理师证书认证企业")] == ["皮肤护理师职业技能等级证书"]
    assert [n for n, _, _ in named_after("1+X网络系统建设与运维职业技能等级证书累计通过")] == [
        "网络系统建设与运维职业技能等级证书"]
    assert named_after("群内学生1+X证书与海船船员适任证书“双证”获取率") == []
    assert named_after("推进1+X职业技能等级证书试点") == []
