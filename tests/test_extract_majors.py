"""Majors from major columns and from printed lists, linked to the 2021 catalogue."""

from __future__ import annotations

from extract_docs import TableSpec, assert_evidence_quotes, make_doc

from loaders.extract.majors import best_catalog_match, extract_majors, major_mentions
from loaders.facts import Facts, NodeRef


def _majors(doc) -> dict[str, object]:
    facts = Facts(doc.key)
    extract_majors(doc, facts)
    assert_evidence_quotes(doc, facts)
    return {n.key: n for n in facts.nodes.values() if n.kind == "Major"}, facts


def test_table_major_column_links_renamed_and_unmatched_majors() -> None:
    doc = make_doc([], [TableSpec("学院国际认证专业列表", ["序号", "专业名称", "认证类型"], [
        ["1", "机械制造与自动化", "悉尼认证"], ["2", "康养介护", "中日认证"], ["3", "电子商务", "悉尼认证"]])])
    majors, facts = _majors(doc)
    code = doc.meta.school_code
    renamed = majors[f"{code}-460104"]
    assert renamed.label == "机械制造及自动化" and "机械制造与自动化" in renamed.alt_labels
    assert renamed.attrs["catalogMatch"] == ["renamed"]
    assert renamed.attrs["catalogEntry"] == [NodeRef("CatalogMajor", "460104")]
    assert majors[f"{code}-康养介护"].attrs["catalogMatch"] == ["unmatched"]
    assert (NodeRef("Major", f"{code}-530701"), "offeredBy", NodeRef("School", code)) in facts.links


def test_list_cells_are_split() -> None:
    doc = make_doc([], [TableSpec("专业群基本情况", ["专业集群名称", "核心专业", "包含专业"], [
        ["电子商务特色专业群", "电子商务", "跨境电子商务、现代物流管理、市场营销专业"]])])
    majors, _ = _majors(doc)
    assert {m.label for m in majors.values()} == {"电子商务", "跨境电子商务", "现代物流管理", "市场营销"}


def test_prose_lists_of_majors_but_not_groups_or_plain_words() -> None:
    text = "有道路桥梁工程技术、工程造价等共 11 个专业"
    assert [m.link.code for m in major_mentions(text)] == ["500201", "440501"]
    assert major_mentions("建设机电一体化技术和电子商务2个高水平专业群") == []
    assert major_mentions("护理人员的技术水平") == []
    assert [m.link.canonical for m in major_mentions("开设护理专业")] == ["护理"]


def test_prose_majors_become_nodes_with_evidence() -> None:
    doc = make_doc(["其中悉尼协议认证专业总数最多，有道路桥梁工程技术、工程造价等共 11 个专业。"])
    majors, _ = _majors(doc)
    assert {m.label for m in majors.values()} == {"道路与桥梁工程技术", "工程造价"}


def test_table_remarks_are_not_majors_and_one_catalog_match_per_major() -> None:
    doc = make_doc([], [TableSpec("教师情况表", ["序号", "专业"], [
        ["1", "合计"], ["2", "受全球疫情影响"], ["3", "电气类"], ["4", "康养介护"],
        ["5", "机械制造与自动化"], ["6", "机械制造及自动化"]])])
    majors, _ = _majors(doc)
    assert {m.label for m in majors.values()} == {"康养介护", "机械制造及自动化"}
    assert majors[f"{doc.meta.school_code}-460104"].attrs["catalogMatch"] == ["exact"]
    assert best_catalog_match(["renamed", "variant"]) == "variant"
