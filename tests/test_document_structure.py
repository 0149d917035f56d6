"""Headings, table of contents, paragraphs and sentences of the corpus reports."""

from __future__ import annotations

import pytest

from loaders.document import parse_document
from tests.document_corpus import (
    ALL,
    ANNUAL_HARBIN,
    MIDTERM_HARBIN,
    MIDTERM_LIUZHOU,
    MIDTERM_SHANXI,
    corpus_document,
)

TOP_LEVEL = {
    MIDTERM_HARBIN: ["总体实现程度", "学校层面任务及绩效指标完成情况分析", "专业群层面任务及绩效指标完成情况分析",
                     "实现绩效目标采取的措施", "特色经验与做法", "问题与改进措施"],
    # the preface's 一、二、三、 and the nine numbered chapters
    ANNUAL_HARBIN: ["编制目的", "编制过程", "年度亮点", "学校基本情况", "人才培养", "服务贡献", "文化传承",
                    "国际合作", "产教融合", "发展保障", "项目引领", "问题与展望"],
    MIDTERM_SHANXI: ["总体实现程度概述", "学校任务及绩效指标完成情况", "数控技术专业群任务及绩效指标完成情况",
                     "实现绩效目标采取的措施", "特色经验与做法", "问题与改进措施", "其他需要特别说明的有关事宜"],
    MIDTERM_LIUZHOU: ["总体实现程度概述", "学校层面任务及绩效指标完成情况", "专业群层面任务及绩效指标完成情况",
                      "实现绩效目标采取的措施", "特色经验与做法", "问题与改进措施"],
}


@pytest.mark.parametrize("name", sorted(TOP_LEVEL))
def test_top_level_headings(name: str) -> None:
    assert [h.title for h in corpus_document(name).headings if h.level == 1] == TOP_LEVEL[name]


@pytest.mark.parametrize("name", [MIDTERM_HARBIN, MIDTERM_LIUZHOU])
def test_table_of_contents_is_not_content(name: str) -> None:
    doc = corpus_document(name)
    assert doc.toc is not None
    assert "目" in doc.toc.raw[:5] and "问题与改进措施" in doc.toc.raw
    inside = [s for s in (*doc.headings, *doc.paragraphs) if s.start < doc.toc.end and s.end > doc.toc.start]
    assert inside == []


def test_table_of_contents_lines() -> None:
    toc = corpus_document(MIDTERM_LIUZHOU).toc
    assert toc is not None and (toc.line, corpus_document(MIDTERM_LIUZHOU).line_of(toc.end)) == (13, 85)


def test_heading_levels_numbers_and_paths() -> None:
    doc = corpus_document(MIDTERM_HARBIN)
    heading = next(h for h in doc.headings if h.title == "资金执行情况")
    assert (heading.level, heading.number, heading.line) == (3, "2", 77)
    assert heading.path == ("总体实现程度", "项目经费到位和执行情况概述")
    sub = next(h for h in doc.headings if h.title == "标志性成果完成情况")
    assert (sub.level, sub.number) == (4, "(3)")


def test_decimal_chapters_take_the_depth_of_their_number() -> None:
    doc = corpus_document(ANNUAL_HARBIN)
    levels = {h.number: h.level for h in doc.headings}
    assert (levels["2"], levels["2.2"], levels["2.2.2"]) == (1, 2, 3)
    section = next(h for h in doc.headings if h.number == "2.2.2")
    assert section.title == "专业集群建设" and section.path == ("人才培养", "专业育人")


def test_parts_and_chapters_sit_above_the_numbered_sections() -> None:
    text = ("哈尔滨职业技术学院“双高计划”建设中期绩效自评报告\n\n第一部分 项目总体进展\n\n一、基本情况\n\n学校概况。\n\n"
            "第二部分 专业群建设成效\n\n一、专业群组成\n\n专业群由 5 个专业组成。\n\n"
            "其中第一部分党政综合管理制度 41 个，第二部分教学制度 90 个。\n")
    doc = parse_document(text.encode(), "t.txt")
    assert [(h.level, h.number, h.title, h.path) for h in doc.headings] == [
        (0, "第一部分", "项目总体进展", ()),
        (1, "一", "基本情况", ("项目总体进展",)),
        (0, "第二部分", "专业群建设成效", ()),
        (1, "一", "专业群组成", ("专业群建设成效",)),
    ]  # "第一部分党政综合管理制度 41 个，…" is a sentence, not a part


def test_markdown_headings_use_numbering_not_hashes() -> None:
    doc = corpus_document(MIDTERM_LIUZHOU)
    heading = next(h for h in doc.headings if h.title.startswith("引育多措并举"))
    assert heading.level == 3 and heading.raw.startswith("### **5.") and "*" not in heading.norm


def test_list_items_and_wrapped_lines_are_not_headings() -> None:
    titles = {h.title for name in ALL for h in corpus_document(name).headings}
    assert not any(t.startswith("编制《年报》") for t in titles)  # wrapped list items of 001's preface
    assert not any(t.startswith("协作共同体章程") for t in titles)  # 002: "(二) 协作共同体章程；…" continues a line


def test_sentence_broken_across_lines_is_joined() -> None:
    doc = corpus_document(ANNUAL_HARBIN)
    sentence = next(s for s in doc.sentences if "形成《哈尔滨职业技术学院" in s.norm)
    assert "形成《哈尔滨职业技术学院高等职业教育质量发展年度报告（2023年度）》" in sentence.norm
    assert sentence.line == 3 and "\n\n" in sentence.raw


def test_paragraph_continues_across_a_blank_line() -> None:
    doc = corpus_document(MIDTERM_HARBIN)
    sentence = next(s for s in doc.sentences if "建设周期内绩效指标678项" in s.norm)
    assert "2019—2021年绩效指标678项" in sentence.norm


def test_sentences_split_on_chinese_stops() -> None:
    norms = [s.norm for s in corpus_document(MIDTERM_SHANXI).sentences]
    assert "内部治理体系进一步完善。" in norms
    assert all(s[-1] in "。！？；;!?”）)" or s is norms[-1] or len(s) < 200 for s in norms)


def test_latex_and_markdown_markers_are_normalised() -> None:
    doc = corpus_document(MIDTERM_LIUZHOU)
    sentence = next(s for s in doc.sentences if "单个指标中期目标完成度" in s.norm and "226" in s.norm)
    assert "完成度≥100%" in sentence.norm and "$" in sentence.raw


def test_fullwidth_digits_and_stray_spaces() -> None:
    text = "某某职业技术学院质量年度报告\n\n一、概况\n\n学院  有 １２３ 名 教师，UK NARIC 认证。\n"
    doc = parse_document(("哈尔滨职业技术学院" + text).encode(), "t.txt")
    sentence = doc.sentences[-1]
    assert sentence.norm == "学院有123名教师，UK NARIC认证。"
    i = sentence.norm.index("123")
    assert sentence.raw_span(i, i + 3) == (doc.text.index("１２３"), doc.text.index("１２３") + 3)


def test_page_numbers_and_running_headers_are_dropped() -> None:
    page = "哈尔滨职业技术学院 质量年度报告"
    body = "\n".join(f"{page}\n\n第 {n} 页\n\n{'一二三'[n - 1]}、第{n}部分\n\n正文内容在这里，共有若干句子。\n\n- {n} -\n"
                     for n in (1, 2, 3))
    doc = parse_document(body.encode(), "t.txt")
    assert all("页" not in p.norm and page not in p.norm for p in doc.paragraphs[1:])
    assert [h.title for h in doc.headings] == ["第1部分", "第2部分", "第3部分"]


def test_a_short_line_whose_next_line_runs_on_from_it_is_one_paragraph() -> None:
    """A wrap that cuts a name (…电子商务有 / 限公司（以下简称…）: no paragraph opens with 限公司 or a comma."""
    from loaders.document.structure import parse_structure

    structure = parse_structure("案例2 电商群教学改革\n\n电商群与河南鼎诚电子商务有\n\n限公司（以下简称“鼎诚电商”）共建直播实训基地。\n")
    assert any("河南鼎诚电子商务有限公司" in p.norm for p in structure.paragraphs)
