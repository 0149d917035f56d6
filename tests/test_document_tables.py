"""Captioned tables of the corpus reports: row counts and cell values as printed."""

from __future__ import annotations

import pytest

from loaders.document import Table, parse_document
from tests.document_corpus import (
    ANNUAL_HARBIN,
    MIDTERM_HARBIN,
    MIDTERM_LIUZHOU,
    MIDTERM_SHANXI,
    corpus_document,
)


def table(name: str, number: str) -> Table:
    return next(t for t in corpus_document(name).tables if t.number == number)


@pytest.mark.parametrize(("name", "number", "rows", "columns"), [
    (MIDTERM_HARBIN, "1.1", 6, 5),
    (MIDTERM_HARBIN, "1.2", 6, 6),
    (MIDTERM_HARBIN, "2.1", 8, 7),
    (MIDTERM_HARBIN, "2.2", 14, 6),  # rows with an empty first cell (merged cells) are rows of their own
    (MIDTERM_HARBIN, "3.3", 5, 5),
    (MIDTERM_HARBIN, "5.1", 19, 5),
    (ANNUAL_HARBIN, "2-1", 2, 3),  # cells wrapped over several lines
    (ANNUAL_HARBIN, "2-2", 21, 4),  # header repeated after a page break
    (ANNUAL_HARBIN, "2-3", 5, 3),
    (ANNUAL_HARBIN, "2-9", 5, 7),
    (ANNUAL_HARBIN, "3-3", 5, 5),  # rows 4 and 5 end in "*" and read like sentences: the running number keeps them
])
def test_row_counts(name: str, number: str, rows: int, columns: int) -> None:
    t = table(name, number)
    assert (len(t.rows), len(t.header)) == (rows, columns)


def test_funding_totals() -> None:
    received = table(MIDTERM_HARBIN, "1.1")
    assert received.header == ("项目", "总预算经费", "2019-2021年预算经费", "2019-2021到位经费", "到位率")
    assert received.rows[0].texts() == ["合计", "74,610", "49,899", "51,296", "100%"]
    spent = table(MIDTERM_HARBIN, "1.2")
    assert spent.rows[0].texts() == ["合计", "74,610", "49,899", "51,296", "46,705.5", "93.60%"]
    assert spent.rows[-1].texts()[0] == "学院自筹资金" and spent.rows[-1].line == 89


def test_caption_number_title_and_heading() -> None:
    t = table(MIDTERM_HARBIN, "1.1")
    assert t.title == "2019-2021 年学院“双高计划”项目资金到位情况统计表（单位：万元）"
    assert t.line == 67 and t.heading is not None and t.heading.title == "资金到位情况"


def test_merged_first_cells_stay_empty() -> None:
    t = table(MIDTERM_HARBIN, "2.1")
    assert t.rows[1].texts()[:3] == ["", "质量指标", "187"]
    assert t.rows[-1].texts()[:4] == ["合计", "", "678", "660"]


def test_space_separated_cells_are_glued_back() -> None:
    accredited = table(ANNUAL_HARBIN, "2-2")
    assert accredited.rows[11].texts() == ["12", "机电工程学院", "电气自动化技术", "CEBVEC项目"]
    assert accredited.rows[-1].texts() == ["21", "医学院", "食品营养与检测", "UK认证"]
    courses = table(ANNUAL_HARBIN, "2-3")
    assert courses.rows[0].texts() == ["2020年", "黑龙江省课程思政建设示范课程", "3门"]


def test_cells_wrapped_over_lines_are_merged() -> None:
    groups = table(ANNUAL_HARBIN, "2-1")
    assert groups.rows[0].texts() == ["机电一体化技术特色专业群", "机电一体化技术",
                                      "电气自动化技术、机械制造及自动化、智能焊接技术、工业机器人技术"]
    cell = groups.rows[0].cells[2]
    assert "\n" in cell.raw and cell.line == 331


def test_reports_without_captioned_tables() -> None:
    assert corpus_document(MIDTERM_SHANXI).tables == ()
    assert corpus_document(MIDTERM_LIUZHOU).tables == ()


def test_table_ends_at_its_data_source_line_and_prose_resumes() -> None:
    doc = corpus_document(ANNUAL_HARBIN)
    t = table(ANNUAL_HARBIN, "2-2")
    source = next(p for p in doc.paragraphs if p.start > t.start)
    assert source.norm.startswith("数据来源：") and source.line == 399


def test_markdown_pipe_table() -> None:
    text = ("哈尔滨职业技术学院质量年度报告\n\n一、概况\n\n表 1 经费\n\n| 项目 | 金额 |\n|---|---|\n| 中央 | 3,000 |\n"
            "| 地方 | 25,122 |\n\n数据来源：财务处\n")
    t = parse_document(text.encode(), "t.txt").tables[0]
    assert t.header == ("项目", "金额") and [r.texts() for r in t.rows] == [["中央", "3,000"], ["地方", "25,122"]]


def test_count_and_measure_word_split_by_a_space_stay_one_cell() -> None:
    courses = table(ANNUAL_HARBIN, "2-3")
    assert courses.rows[-1].texts() == ["合计", "18门"]  # printed "合计 18 门"
    assert courses.rows[-1].cells[1].raw == "18 门"


def test_header_year_split_from_its_unit_is_one_column() -> None:
    assert table(ANNUAL_HARBIN, "5-3").header == ("获奖赛项", "2022年获奖数量", "2023年获奖数量")
    assert table(ANNUAL_HARBIN, "3-2").header == ("序号", "指标", "单位", "2022年", "2023年")


def test_narrow_column_names_wrapped_a_word_per_line_pair_up_from_the_right() -> None:
    # 国家 / 奖学金 / 国家励志 / 奖学金 … each word alone on its line: the value columns wrap, the
    # row-label columns on the left (年份（年）, 项目) do not
    assert table(ANNUAL_HARBIN, "2-10").header == (
        "年份（年）", "项目", "国家奖学金", "国家励志奖学金", "国家助学金", "国家助学贷款", "校内奖助学金", "勤工助学", "社会资助")


def test_wrapped_first_cell_is_completed_by_a_short_line_of_numbers() -> None:
    awards = table(ANNUAL_HARBIN, "5-3")
    assert [r.texts() for r in awards.rows] == [
        ["国际中文日•诵中华经典", "2", "3"],
        ["“一带一路”世界大学生汉语竞赛", "2", "5"],
        ["“丝路华语”国际汉语教师能力大赛", "0", "1"],
        ["合计", "4", "9"],
    ]
    assert awards.rows[1].line == 1476 and awards.rows[1].cells[-1].line == 1479


def test_short_row_ending_in_a_number_is_completed_by_the_wrapped_lines_after_it() -> None:
    teachers = table(ANNUAL_HARBIN, "5-2")
    assert len(teachers.rows) == 9
    assert teachers.rows[0].texts() == ["2016年", "4", "电气类专业焊接类专业", "303"]
    assert teachers.rows[-2].texts() == ["2023年", "2", "电气类专业中文+职业技能", "1300"]
    assert teachers.rows[-1].texts() == ["合计", "11", "合计", "4986"]


def test_sentence_ending_inside_a_numbered_row_does_not_end_the_table() -> None:
    policies = table(ANNUAL_HARBIN, "7-1")
    assert [r.texts()[0] for r in policies.rows] == ["1", "2", "3", "4", "5", "6"]
    assert policies.rows[3].texts()[2].endswith("组建智能焊接技术科教融合学院、推进国际产学研用。")
    assert policies.rows[5].texts() == ["6", "《黑龙江省“十四五”高等学校设置规划》",
                                        "以哈尔滨职业技术学院为基础，整合相关资源设立哈尔滨职业技术大学。"]
    assert policies.rows[5].line == 2119


@pytest.mark.parametrize(("number", "rows", "columns", "first_line"), [
    ("2-5", 3, 6, 536),  # prose and two headings between the data-source line and the body
    ("2-7", 3, 10, 655),
    ("2-10", 6, 9, 796),  # a year merged over its 金额 and 人次 rows
])
def test_body_printed_after_the_data_source_line(number: str, rows: int, columns: int, first_line: int) -> None:
    t = table(ANNUAL_HARBIN, number)
    assert (len(t.rows), len(t.header), t.rows[0].line) == (rows, columns, first_line)


def test_detached_bodies_read_their_cells_and_header() -> None:
    survey = table(ANNUAL_HARBIN, "2-5")
    assert survey.header[2:] == ("普查人数（人）", "异常人数（人）", "严重心理问题（人）", "一般心理问题（人）")
    assert survey.rows[1].texts() == ["2022", "5044", "4013", "2020", "609", "1050"]
    library = table(ANNUAL_HARBIN, "2-7")
    assert library.rows[2].texts() == ["107", "4.85", "3.7", "370", "4630", "-", "141", "803.04", "1116", "2021年"]
    aid = table(ANNUAL_HARBIN, "2-10")
    assert aid.rows[0].texts() == ["2021", "金额（万元）", "12", "461", "359.695", "656.66", "85.25", "12.25", "25.6"]
    assert aid.rows[1].texts() == ["人次", "15", "230.5", "2333", "816", "2125", "137", "256"]
    assert aid.rows[4].texts()[:3] == ["2023", "金额", "8.8"] and aid.rows[4].line == 809


def test_prose_between_a_caption_and_its_detached_body_stays_prose() -> None:
    doc = corpus_document(ANNUAL_HARBIN)
    survey = table(ANNUAL_HARBIN, "2-5")
    between = [p for p in doc.paragraphs if survey.line < p.line < survey.rows[0].line]
    assert any(p.norm.startswith("学院高度重视学生身心健康") for p in between)


def test_caption_with_a_source_line_and_no_body_reads_no_rows() -> None:
    text = ("哈尔滨职业技术学院质量年度报告\n\n一、概况\n\n表 1 图书馆藏\n\n数据来源：图书馆\n\n"
            "学院持续加强图书馆建设，馆藏资源不断丰富，服务能力稳步提升，满足师生需要。\n\n"
            "二、成效\n\n专业建设成效显著\n")
    t = parse_document(text.encode(), "t.txt").tables[0]
    assert (t.header, t.rows) == ((), ())


def test_body_after_the_source_line_is_found_past_prose() -> None:
    text = ("哈尔滨职业技术学院质量年度报告\n\n一、概况\n\n表 1 招生情况\n\n数据来源：招生处\n\n"
            "学院持续加强招生工作，生源质量不断提高，报到率稳步提升，录取分数逐年上涨。\n\n"
            "年份 计划人数\n（人）\n报到人数\n（人）\n\n2022 3000 2890\n2023 3100 3050\n\n二、成效\n")
    t = parse_document(text.encode(), "t.txt").tables[0]
    assert t.header == ("年份", "计划人数（人）", "报到人数（人）")
    assert [r.texts() for r in t.rows] == [["2022", "3000", "2890"], ["2023", "3100", "3050"]]


def test_rows_sharing_a_number_printed_once_are_rows_with_an_empty_number() -> None:
    research = table(ANNUAL_HARBIN, "3-2")
    assert len(research.rows) == 8
    assert research.rows[0].texts() == ["1", "横向技术服务到款额", "万元", "524.49", "1814.15"]
    assert research.rows[1].texts() == ["", "横向技术服务产生的经济效益", "万元", "2000", "1814.15"]
    assert research.rows[-1].texts() == ["", "专利成果转化到款额", "万元", "6.7", "6.2"] and research.rows[-1].line == 968


def test_numbers_and_words_are_not_glued_without_evidence() -> None:
    awards = table(ANNUAL_HARBIN, "2-8")
    assert awards.rows[-3].texts() == ["2023年", "3", "2", "6", "20", "18", "19"]
    assert awards.rows[-1].texts() == ["总计", "215"]
    staff = table(ANNUAL_HARBIN, "7-4")
    assert staff.rows[0].texts() == ["2021", "1257", "299", "513", "425", "554", "480", "76"]
    communities = table(ANNUAL_HARBIN, "6-1")
    assert communities.rows[0].texts()[:3] == ["1", "机电工程学院", "航空航天装备制造行业产教融合共同体"]
    fifth = next(r for r in communities.rows if r.texts()[0] == "5")
    assert fifth.texts()[:3] == ["5", "电子与信息学院", "AI视频创新应用行业产教融合共同体"] and fifth.line == 1773


@pytest.mark.parametrize(("number", "rows", "header"), [
    ("2-8", 5, ("获奖时间", "国家级和国家教指委、行业协会级一等奖", "国家级和国家教指委、行业协会级二等奖",
                "国家级和国家教指委、行业协会级三等奖", "省级和省教指委、行业协会级一等奖",
                "省级和省教指委、行业协会级二等奖", "省级和省教指委、行业协会级三等奖")),
    ("7-2", 5, ("年度", "学院总收入（万）元", "学费收入（万）元", "中央、地方财政专项（万）元", "社会捐赠（万）元")),
    ("7-3", 5, ("年度", "总支出（万）元", "设备采购（万）元", "教学改革及研究（万）元", "师资建设（万）元",
                "图书购置（万）元", "日常教学经费（万）元", "其他支出（万）元")),
    ("7-4", 3, ("年度", "人数", "年龄结构≤35", "年龄结构36-45", "年龄结构46-60", "职称结构高级（人）",
                "职称结构中级（人）", "职称结构初级（人）")),
])
def test_header_printed_over_several_lines(number: str, rows: int, header: tuple[str, ...]) -> None:
    t = table(ANNUAL_HARBIN, number)
    assert (len(t.rows), t.header) == (rows, header)
    assert all(len(r.cells) == len(header) for r in t.rows if r.texts()[0] != "总计")


def test_one_line_header_keeps_a_group_label_row_below_it() -> None:
    research = table(ANNUAL_HARBIN, "3-1")
    assert research.header == ("级别", "单位", "2022年", "2023年", "合计")
    assert [r.texts() for r in research.rows[:2]] == [["纵向课题"], ["国家级", "项", "1", "1", "2"]]


def test_numbered_rows_follow_the_running_number() -> None:
    communities = table(ANNUAL_HARBIN, "6-1")
    assert [r.texts()[0] for r in communities.rows] == [str(n) for n in range(1, 41)]
    fourteenth = communities.rows[13]
    assert fourteenth.texts()[:2] == ["14", "现代服务学院"] and fourteenth.line == 1814


def test_total_row_without_a_running_number_is_a_row_of_its_own() -> None:
    text = ("哈尔滨职业技术学院“双高计划”建设中期绩效自评报告\n\n一、资金\n\n表 2-1 专业群资金来源 单位：万元\n\n"
            "序号 资金来源 建设期预算 中期预算 中期到位\n1 中央财政 3,000 1,800 1,800\n2 学校自筹 4,000 2,200 2,200\n"
            "合计 7,000 4,000 4,000\n\n数据来源：学校财务处\n")
    t = parse_document(text.encode(), "t.txt").tables[0]
    assert [r.texts() for r in t.rows] == [["1", "中央财政", "3,000", "1,800", "1,800"],
                                           ["2", "学校自筹", "4,000", "2,200", "2,200"],
                                           ["", "合计", "7,000", "4,000", "4,000"]]
    assert t.rows[-1].line == 10 and t.rows[-1].cells[1].raw == "合计"


def test_wrapped_list_cells_continue_their_row() -> None:
    text = ("哈尔滨职业技术学院高等职业教育质量年度报告\n\n一、专业\n\n表 2-3 主要二级学院专业设置情况\n\n"
            "序号 二级学院 开设专业 在校生（人）\n1 机械装备学院 数控技术、模具设计与制造、\n智能制造装备技术、工业设计 3,862\n"
            "2 物联网学院 物联网应用技术、嵌入式技术\n应用、软件技术 4,215\n\n表 2-2 专业群组成\n\n"
            "专业群名称 牵头专业 群内其他专业\n数控技术专业群 数控技术 工业机器人技术、模具设计与制造、\n智能制造装备技术\n"
            "物联网应用技术专业群 物联网应用技术 电子信息工程技术、工业互联\n网技术、计算机网络技术\n\n数据来源：教务处\n")
    colleges, groups = parse_document(text.encode(), "t.txt").tables
    assert [r.texts() for r in colleges.rows] == [
        ["1", "机械装备学院", "数控技术、模具设计与制造、智能制造装备技术、工业设计", "3,862"],
        ["2", "物联网学院", "物联网应用技术、嵌入式技术应用、软件技术", "4,215"]]
    assert [r.texts() for r in groups.rows] == [
        ["数控技术专业群", "数控技术", "工业机器人技术、模具设计与制造、智能制造装备技术"],
        ["物联网应用技术专业群", "物联网应用技术", "电子信息工程技术、工业互联网技术、计算机网络技术"]]


def test_tab_header_over_two_lines_and_a_tab_line_continuing_one_cell() -> None:
    text = ("哈尔滨职业技术学院高等职业教育质量年度报告\n\n一、经费\n\n表 6-1 专业群建设经费来源与使用情况（单位：万元）\n\n"
            "经费来源\t建设期\t2022 年度\t2022 年度\n\t总预算\t预算\t支出\n中央财政投入资金\t3,000\t600\t588.2\n"
            "合计\t18,000\t4,200\t4,138.7\n\n表 3-1 专业群组成\n\n专业群名称\t层级\t组群专业\n"
            "软件技术专业群\t国家级\t大数据技术与应用、人工智能技术\n\t\t应用、信息安全技术应用\n"
            "\n数据来源：教务处\n")
    funding, groups = parse_document(text.encode(), "t.txt").tables
    assert funding.header == ("经费来源", "建设期总预算", "2022年度预算", "2022年度支出")
    assert [r.texts()[0] for r in funding.rows] == ["中央财政投入资金", "合计"]
    assert [r.texts() for r in groups.rows] == [["软件技术专业群", "国家级", "大数据技术与应用、人工智能技术应用、信息安全技术应用"]]


def test_long_numbered_rows_a_short_total_and_a_latin_name_split_by_a_space() -> None:
    text = ("哈尔滨职业技术学院“双高计划”建设中期绩效自评报告\n\n一、合作\n\n表 2-2 深度合作企业一览\n\n序号 企业名称 合作内容\n"
            "1 河北冀达新能源汽车有限公司 校企共建产业学院，开设订单班，共建新能源汽车三电\n系统实训中心\n"
            "2 北京智途网联科技股份有限公司 共建智能网联汽车产业学院及封闭测试场景，联合开发课程\n\n"
            "表 1-1 专业构成及在校生规模\n\n序号 专业名称 所属二级学院 在校生（人）\n1 汽车电子技术 汽车工程学院 376\n"
            "2 汽车营销与服务 汽车工程学院 298\n合计 674\n\n表 2-4 国际认证专业\n\n序号 专业名称 认证项目 结论\n"
            "1 汽车电子技术 UK NARIC国际资历等级评估 通过\n\n数据来源：教务处\n")
    partners, majors, accredited = parse_document(text.encode(), "t.txt").tables
    assert [r.texts() for r in partners.rows] == [
        ["1", "河北冀达新能源汽车有限公司", "校企共建产业学院，开设订单班，共建新能源汽车三电系统实训中心"],
        ["2", "北京智途网联科技股份有限公司", "共建智能网联汽车产业学院及封闭测试场景，联合开发课程"]]
    assert majors.rows[-1].texts() == ["", "合计", "", "674"]
    assert accredited.rows[0].texts() == ["1", "汽车电子技术", "UK NARIC国际资历等级评估", "通过"]


def test_a_tab_grid_under_a_title_that_is_no_numbered_caption_is_a_table() -> None:
    text = ("柳州职业技术学院“双高计划”中期绩效自评报告\n\n一、总体情况\n\n学校开展了自评。\n\n"
            "某某学院“双高计划”中期绩效自评表\n\n2022年5月22日\n\n"
            "评价方面\t一级指标\t二级指标\t得分\n学校层面\t1. 产出指标\t1.1 数量指标\t10分\n"
            "\t\t1.2 质量指标\t9.9分\n\t2. 效益指标\t2.1 社会效益指标\t7.3分\n")
    [table] = parse_document(text.encode(), "t.txt").tables
    assert (table.number, table.title) == ("", "某某学院“双高计划”中期绩效自评表")
    assert table.header == ("评价方面", "一级指标", "二级指标", "得分")
    assert [r.cells[-1].norm for r in table.rows] == ["10分", "9.9分", "7.3分"]
    # tab lines without a title above them stay prose
    assert parse_document("柳州职业技术学院中期自评报告\n\n一、总体\n\n学校开展了工作。\n\na\tb\n c\td\n e\tf\n".encode(), "u.txt").tables == ()
