"""The generic layers keep what no typed recogniser names: every figure, recognition, amount of money,
related organisation, named initiative and piece of work abroad — read from real parsed text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.document import parse_document
from loaders.document.model import Span
from loaders.extract import extract_facts
from loaders.extract.counted_honours import honour_name
from loaders.extract.funding_figures import measure_of
from loaders.extract.initiatives import cell_initiative, co_builder, initiatives_in, row_initiatives
from loaders.extract.observations import prose_figures, table_cells
from loaders.extract.organisations import relation_of
from loaders.extract.orgnames import find_org_names
from loaders.extract.overseas import overseas_clauses
from loaders.extract.partners import named_organisations
from loaders.extract.recognitions import award_name, award_subject, clause_recognitions

HEAD = "柳州职业技术学院\n“双高计划”中期自评报告\n2022年5月\n\n"


def parse(body: str):
    return parse_document((HEAD + body).encode("utf-8"), "generic.txt")


def facts_of(body: str):
    doc = parse(body)
    return doc, extract_facts(doc, strict=True)


# --- observations: every figure ---------------------------------------------------------------


def test_every_quantity_of_a_sentence_is_a_figure_with_its_subject() -> None:
    figures = prose_figures("修订完善管理制度161项，调整干部200余人次，新增人员20名；获批2个省级试点专业。")
    assert [(f.name, f.quantity.value, f.quantity.unit) for f in figures] == [
        ("修订完善管理制度", Decimal(161), "项"), ("调整干部", Decimal(200), "人次"), ("新增人员", Decimal(20), "名"),
        ("获批省级试点专业", Decimal(2), "个")]
    assert [f.approximate for f in figures] == [False, True, False, False]


def test_dates_years_ordinals_and_references_are_not_figures() -> None:
    text = "2021年5月，学校第3批入选，如表5.1所示，在校生从2019年12848人增加到16478人。"
    assert [(f.name, f.quantity.value) for f in prose_figures(text)] == [
        ("在校生从2019年", Decimal(12848)), ("在校生从2019年", Decimal(16478))]


def test_a_clause_without_its_own_subject_takes_the_one_before() -> None:
    figures = prose_figures("调研满意度分别为97.5%、97.67%、99.44%。")
    assert [(f.name, f.quantity.value) for f in figures] == [
        ("调研满意度", Decimal("97.5")), ("调研满意度", Decimal("97.67")), ("调研满意度", Decimal("99.44"))]


def test_ranks_and_durations_are_figures_but_not_years() -> None:
    names = {(f.name, f.quantity.value, f.quantity.unit) for f in prose_figures("排行榜位列第33名，办学历史67年，始建于1955年。")}
    assert ("排行榜位列", Decimal(33), "名") in names and ("办学历史", Decimal(67), "年") in names
    assert not any(value == 1955 for _, value, _ in names)


def test_every_numeric_table_cell_is_a_figure_named_by_row_and_column() -> None:
    doc = parse("表1 2022—2023年办学基本条件对照\n\n指标\t2022年\t2023年\n全日制在校生（人）\t17935\t18562\n专任教师（人）\t812\t846\n")
    cells = [(name, value, year) for _, _, name, value, _, year in table_cells(doc.tables[0])]
    assert cells == [("全日制在校生（人） 2022年", Decimal(17935), "2022"), ("全日制在校生（人） 2023年", Decimal(18562), "2023"),
                     ("专任教师（人） 2022年", Decimal(812), "2022"), ("专任教师（人） 2023年", Decimal(846), "2023")]


def test_short_rows_under_a_label_printed_once_take_the_columns_on_the_right() -> None:
    doc = parse("表1 学生资助汇总表\n\n年份\t项目\t国家奖学金\t助学金\n2021\t金额\t12\t461\n人次\t15\t230\n")
    cells = [(name, value, year) for _, _, name, value, _, year in table_cells(doc.tables[0])]
    assert cells == [("2021 金额 国家奖学金", Decimal(12), "2021"), ("2021 金额 助学金", Decimal(461), "2021"),
                     ("2021 人次 国家奖学金", Decimal(15), "2021"), ("2021 人次 助学金", Decimal(230), "2021")]
    numbered = parse("表2 获奖汇总表\n\n序号\t赛项\t国家级\t省级\n1\t技能大赛\t3\t5\n教学能力\t2\t4\n")
    assert [name for _, _, name, _, _, _ in table_cells(numbered.tables[0])][2:] == ["教学能力 赛项", "教学能力 国家级"]


def test_observations_are_metrics_with_evidence_and_no_figure_is_counted_twice() -> None:
    doc, facts = facts_of("（一）学校层面\n\n学校开发教材23部，评价指标完成率99.46%。\n")
    metrics = [n for n in facts.nodes.values() if n.kind == "Metric"]
    assert sorted((n.attrs["value"][0], n.rule) for n in metrics) == [(Decimal(23), "observations"),
                                                                       (Decimal("99.46"), "metrics")]
    observed = next(n for n in metrics if n.rule == "observations")
    assert observed.attrs["metricName"] == ["学校开发教材"] and observed.attrs["unit"] == ["部"]
    assert all(doc.text[ev.start:ev.end] == ev.quote for n in metrics for ev in n.evidence)


# --- recognitions: every recognition ----------------------------------------------------------


def test_a_recognised_list_gives_one_recognition_per_item() -> None:
    found = clause_recognitions("获省级样板支部、省级高校“双带头人”教师党支部书记工作室和省级先进基层党组织")
    assert [title for title, *_ in found] == ["省级样板支部", "省级高校“双带头人”教师党支部书记工作室", "省级先进基层党组织"]


def test_the_school_standing_and_passive_recognitions() -> None:
    assert [t for t, *_ in clause_recognitions("学校是国家高技能人才培训基地、全国青工技能鉴定示范单位")] == [
        "国家高技能人才培训基地", "全国青工技能鉴定示范单位"]
    assert [t for t, *_ in clause_recognitions("哈尔滨市政府将学院列为哈尔滨市招商引资重要资源单位")] == ["哈尔滨市招商引资重要资源单位"]
    assert clause_recognitions("学生获得感显著增强") == []
    assert clause_recognitions("计划于2025年获批国家级基地") == []


def test_award_count_tables_name_subject_grade_then_the_rest() -> None:
    assert award_subject("哈尔滨职业技术学院学生技能大赛获奖情况统计表", "哈尔滨职业技术学院") == "学生技能大赛"
    assert award_name("学生技能大赛", "国家级和国家教指委、行业协会级一等奖") == "学生技能大赛一等奖（国家级和国家教指委、行业协会级）"


def test_bulleted_honours_after_an_introduction_are_achievements() -> None:
    _, facts = facts_of("学校先后荣获：\n\n⚫国家级高技能人才培训基地\n\n⚫教育部职业院校校长培训培育基地\n\n正文继续。\n")
    labels = {n.label for n in facts.nodes.values() if n.kind == "Achievement"}
    assert {"国家级高技能人才培训基地", "教育部职业院校校长培训培育基地"} <= labels


# --- money, organisations, initiatives, work abroad -------------------------------------------


def test_the_measure_of_an_amount_comes_from_its_words() -> None:
    assert measure_of("总支出（万元）") == "spent"
    assert measure_of("学费收入") == "received"
    assert measure_of("年度预算") == "budget"
    assert measure_of("建设资金") == "amount"


def test_income_by_year_becomes_funding_records_with_the_row_meaning_as_item() -> None:
    _, facts = facts_of("表7-2 2019-2023年经费收入情况对比表\n\n年度\t学院总收入（万）元\t学费收入（万）元\n2019\t27388.38\t7475.91\n")
    records = {(n.attrs.get("fundingItem", [None])[0], n.attrs["received"][0], n.attrs["period"][0])
               for n in facts.nodes.values() if n.kind == "FundingRecord"}
    assert records == {("学院总收入", Decimal("27388.38"), "2019"), ("学费收入", Decimal("7475.91"), "2019")}


def test_organisations_named_in_a_relation_to_the_school() -> None:
    text = "经黑龙江省教育厅批准，接待华为、京东等政府、企业来访交流"
    orgs = {o.name: relation_of(text, o) for o in find_org_names(text)}
    assert orgs == {"黑龙江省教育厅": "recognition", "华为": "exchange", "京东": "exchange"}
    assert [o.name for o in find_org_names("对口帮扶四川省喜德县职业技术学校，面向温州市人力资源和社会保障局")] == [
        "四川省喜德县职业技术学校", "温州市人力资源和社会保障局"]


def test_named_initiatives_need_a_name_and_a_part_taken() -> None:
    found = initiatives_in("加入全国物流与供应链产教融合共同体、全国数字化社区居家养老产教融合共同体")
    assert [(i.name, i.category) for i in found] == [("全国物流与供应链产教融合共同体", "alliance"),
                                                     ("全国数字化社区居家养老产教融合共同体", "alliance")]
    assert initiatives_in("完善实训基地管理制度") == []
    assert cell_initiative("黑龙江省健康美业产教融合共同体").name == "黑龙江省健康美业产教融合共同体"
    assert cell_initiative("实训基地") is None


def test_an_alliance_the_school_founded_is_its_programme_one_it_joined_a_body_it_belongs_to() -> None:
    _, facts = facts_of("学院牵头成立“智能制造产教联盟”和“工业机器人产教联盟”；加入鲁班工坊建设联盟，"
                        "学校成为陆海新通道职业教育国际合作联盟副理事长单位。\n")
    programmes = {n.label for n in facts.nodes.values() if n.kind == "Program"}
    bodies = {n.label for n in facts.nodes.values() if n.kind == "PartnerOrganization"}
    assert {"智能制造产教联盟", "工业机器人产教联盟"} <= programmes
    assert {"鲁班工坊建设联盟", "陆海新通道职业教育国际合作联盟"} <= bodies
    assert not bodies & programmes


def test_initiative_names_keep_words_that_look_like_boundaries() -> None:
    found = initiatives_in("当选中国食品产教融合共同体副理事长单位、全国高等职业院校创新创业教育联盟副理事长单位")
    assert [i.name for i in found] == ["中国食品产教融合共同体", "全国高等职业院校创新创业教育联盟"]
    assert "鲁班工坊建设联盟" in [i.name for i in initiatives_in("加入鲁班工坊建设联盟")]


def test_initiatives_in_broken_table_rows() -> None:
    assert cell_initiative("全国智能建筑行业产教融合共同体16 2023 3理事单位").name == "全国智能建筑行业产教融合共同体"
    assert cell_initiative("全国数字化社区居家养老产教融合共同体2023").name == "全国数字化社区居家养老产教融合共同体"
    assert cell_initiative("产教融合共同体2023") is None
    text = "39 现代服务学院 绿色食品\n产教融合共同体 2023 15"
    cells = tuple(Span(text.index(w), text.index(w) + len(w), 1, w, w, tuple(range(text.index(w), text.index(w) + len(w))))
                  for w in ("39", "现代服务学院", "绿色食品", "产教融合共同体", "2023"))
    [(span, item)] = row_initiatives(cells, text)
    assert item.name == "绿色食品产教融合共同体"
    assert span.raw == "绿色食品\n产教融合共同体" and span.raw_span(item.start, item.end) == (text.index("绿"), text.index("体") + 1)


def test_a_unit_of_a_scheme_names_the_scheme_and_headings_name_initiatives() -> None:
    assert [i.name for i in initiatives_in("2021年学校成功申报云南省高水平高等职业学校建设单位，重点建设")] == [
        "云南省高水平高等职业学校建设"]
    assert [i.name for i in initiatives_in("充分利用国家民族地区职业教育综合改革试验区等优势资源")] == [
        "国家民族地区职业教育综合改革试验区"]
    _, facts = facts_of("#### 1. 实施“党建+”工程，引领教育事业高质量发展\n\n学校坚持党建引领。\n")
    assert "“党建+”工程" in {n.label for n in facts.nodes.values() if n.kind == "Program"}


def test_a_seat_on_a_body_is_a_recognition() -> None:
    titles = [t[0] for t in clause_recognitions("当选中国食品产教融合共同体副理事长单位、物流行指委委员单位，"
                                                "作为中国职业教育学会理事单位积极参加政策调研")]
    assert titles == ["中国食品产教融合共同体副理事长单位", "物流行指委委员单位", "中国职业教育学会理事单位"]
    assert clause_recognitions("目前联盟成员单位155家") == []


def test_work_abroad_is_read_clause_by_clause_with_its_countries() -> None:
    text = "1名骨干教师赴非洲赞比亚开展职教授非，获得当地好评；入选《国际中文教育中文水平等级标准》项目"
    found = overseas_clauses(text)
    assert [(text[a:b], countries) for a, b, countries in found] == [("1名骨干教师赴非洲赞比亚开展职教授非", ("赞比亚",))]


def test_an_award_count_table_gives_one_achievement_per_prize_counted() -> None:
    _, facts = facts_of("表2-8 学生技能大赛获奖情况统计表\n\n获奖时间\t国家级一等奖\t国家级二等奖\n2021年\t1\t0\n合计\t1\t0\n")
    awards = {(n.label, n.attrs["count"][0], n.attrs["year"][0].year) for n in facts.nodes.values()
              if n.kind == "Achievement"}
    assert awards == {("学生技能大赛一等奖（国家级）", 1, 2021)}  # no achievement of 0 prizes, no total row


def test_a_figure_of_a_known_indicator_gets_its_key_and_others_stay_unkeyed() -> None:
    _, facts = facts_of("表1 满意度调查\n\n指标\t2022年\t2023年\n用人单位满意度（%）\t98.2\t98.6\n自编指标（项）\t3\t4\n")
    keyed = {(n.attrs["value"][0], n.attrs.get("metricKey", [None])[0]) for n in facts.nodes.values()
             if n.kind == "Metric" and n.rule == "observations"}
    assert {(Decimal("98.2"), "employer-satisfaction"), (Decimal("98.6"), "employer-satisfaction"),
            (Decimal(3), None), (Decimal(4), None)} <= keyed


def test_groups_of_any_name_when_the_text_makes_them_groups() -> None:
    from loaders.extract.groups import counted_group_list, named_group_mentions

    assert [m.lead_printed for m in counted_group_list("同时建设了智能装备制造类等 17 个校级专业群教学资源库")] == ["智能装备制造类"]
    text = "新一代信息技术类专业群有软件技术等共 8个专业；生态康养护理专业群有护理等共 5个专业"
    assert [m.lead_printed for m in named_group_mentions(text, "哈尔滨职业技术学院")] == ["新一代信息技术类", "生态康养护理"]
    assert named_group_mentions("打造高水平专业群，本专业群有3个专业", "哈尔滨职业技术学院") == []


def test_a_quoted_name_the_text_calls_a_major_is_a_major() -> None:
    _, facts = facts_of("学校对接“航空装备应用技术”专业飞行操控岗位，坚持“以群建系”专业发展思路。\n")
    assert {n.label for n in facts.nodes.values() if n.kind == "Major"} == {"航空装备应用技术"}


def test_members_of_a_group_the_text_makes_1x_pilots_are_accredited_under_1x() -> None:
    _, facts = facts_of("物流管理专业群由物流管理、电子商务、统计与会计核算 3 个专业组成。群内专业均为教育部第一批1+X职业技能等级证书试点专业。\n")
    accredited = {facts.nodes[link.subject].label for link in facts.links.values()
                  if link.predicate == "accreditedUnder" and link.object.key == "one-plus-x"}
    assert accredited == {"现代物流管理", "电子商务", "统计与会计核算"}  # 物流管理 is 现代物流管理 since 2021


def test_certificates_listed_after_zhengshu_and_their_pilot_majors() -> None:
    from loaders.extract.certifications import certificates_listed

    listed = certificates_listed("试点证书包括云计算平台运维与开发、Web前端开发、大数据应用开发（Python）等。")
    assert [name for name, _, _ in listed] == ["云计算平台运维与开发职业技能等级证书", "Web前端开发职业技能等级证书",
                                               "大数据应用开发（Python）职业技能等级证书"]
    _, facts = facts_of("其中，工业机器人操作与运维职业技能等级证书在机电一体化技术、工业机器人技术专业试点。\n")
    pilots = {facts.nodes[link.subject].label for link in facts.links.values() if link.predicate == "accreditedUnder"}
    assert pilots == {"机电一体化技术", "工业机器人技术"}


def test_colleges_the_school_set_up_in_a_list() -> None:
    _, facts = facts_of("学校建成职业师资培训学院、社区学院和职业体验学院，建成智能制造产业学院。\n")
    assert {n.label for n in facts.nodes.values() if n.kind == "SecondaryCollege"} == {"职业师资培训学院", "社区学院", "职业体验学院"}


def test_a_unit_of_a_named_association_is_an_organisation_even_when_the_school_founds_it() -> None:
    text = "学院牵头成立中国焊接协会职业教育工作委员会，形成资源库"
    (unit,) = named_organisations(text)
    assert (unit.name, unit.org_kind, relation_of(text, unit)) == ("中国焊接协会职业教育工作委员会", "association", "membership")
    assert named_organisations("学院牵头成立职业教育工作委员会") == []  # no parent body: the school's own
    assert [o.name for o in find_org_names("学院两次受邀参加中国成人教育协会举办的项目交流")] == ["中国成人教育协会"]


def test_a_counted_honour_is_an_achievement_and_a_counted_chore_is_not() -> None:
    assert honour_name("学校现有全国职业教育先进个人", "人") == "全国职业教育先进个人"
    assert honour_name("获批省级课题", "项") == "省级课题"
    assert honour_name("三晋技术能手", "名") == "三晋技术能手"
    assert honour_name("升级改造智能化生产性实训基地", "个") is None  # work done, no level, no honour
    assert honour_name("全国24个省份", "个") is None
    # who won, then the prize: the holder and its verb are no part of the prize's name
    assert honour_name("师生获二十六部委国赛奖项", "项") == "二十六部委国赛奖项"
    assert honour_name("教师获国家级奖励", "项") == "国家级奖励"
    # prizes won at something (the 获 of 获奖 is no verb that runs on)
    assert honour_name("信息化相关比赛省级以上获奖", "项") == "信息化相关比赛省级以上获奖"
    assert honour_name("科研获奖", "项") == "科研获奖"
    assert honour_name("相比2022年获奖数量", "项") is None
    # what was won at its level; a contest named before the verb stays
    assert honour_name("建设期内累计取得省级标志性成果", "项") == "省级标志性成果"
    assert honour_name("教师参加教学技能竞赛获自治区级奖励", "项") == "教学技能竞赛自治区级奖励"


def test_an_item_that_names_only_its_level_takes_the_words_of_the_item_before() -> None:
    from loaders.extract.observations import with_shared_context

    assert with_shared_context("自治区级奖励", "教师参加教学技能竞赛获国家级奖励") == "教师参加教学技能竞赛获自治区级奖励"
    assert with_shared_context("省级课题", "国家级课题") == "省级课题"  # nothing before the level to share
    assert with_shared_context("省级课题", "获国家级奖励") == "省级课题"  # another head word
    names = [f.name for f in prose_figures("教师参加教学技能竞赛获国家级奖励50多项，自治区级奖励170多项。")]
    assert names == ["教师参加教学技能竞赛获国家级奖励", "教师参加教学技能竞赛获自治区级奖励"]


def test_titles_printed_as_a_run_of_quotes_and_bare_seats_and_designated_platforms() -> None:
    titles = [t for t, *_ in clause_recognitions("先后荣获全国职业院校“教学管理50强”“学生管理50强”“创新创业示范校50强”荣誉")]
    assert titles == ["全国职业院校教学管理50强", "全国职业院校学生管理50强", "全国职业院校创新创业示范校50强"]
    assert [t for t, *_ in clause_recognitions("承办长治市太行高技能人才发展工作联盟会议并成为2个分盟主单位。")] == [
        "长治市太行高技能人才发展工作联盟分盟主单位"]
    assert [t for t, *_ in clause_recognitions("工业机器人专业建有教育部工业机器人应用人才培养中心。")] == ["教育部工业机器人应用人才培养中心"]
    assert [t for t, *_ in clause_recognitions("群内专业均为教育部第一批1+X职业技能等级证书试点专业。")] == [
        "教育部第一批1+X职业技能等级证书试点专业"]
    assert clause_recognitions("学校建有实训基地。") == []
    # an evaluation's outcome, named by what was evaluated
    assert [t for t, *_ in clause_recognitions("连续三年我院职业教育质量年度报告合规性审核结果为 A 等，")] == [
        "连续三年我院职业教育质量年度报告合规性审核结果为 A 等"]
    assert clause_recognitions("开展教学评价。") == []
    assert honour_name("广西高校思想政治杰出人才计划卓越人才", "人") == "广西高校思想政治杰出人才计划卓越人才"  # a province's title
    assert honour_name("重点做强与柳州支柱产业紧密相关的国家级重点示范专业", "个") == "国家级重点示范专业"
    assert honour_name("承办省级职业院校技能竞赛", "项") is None  # an event held, no honour
    assert honour_name("省级教学名师", "%") is None
    _, facts = facts_of("学校现有全国职业教育先进个人 1 人，黄炎培职业教育杰出教师奖 3 人。\n")
    counted = {(n.label, n.attrs["count"][0]) for n in facts.nodes.values() if n.kind == "Achievement"}
    assert {("全国职业教育先进个人", 1), ("黄炎培职业教育杰出教师奖", 3)} <= counted


def test_a_school_named_by_its_strong_suffix_is_a_partner_and_a_connector_is_no_name() -> None:
    text = "5名优秀教师连续五届对口援助新疆五家渠和昌吉职业技术学院；3名教师课程入选中国教育干部网络学院课程资源库；团队教师受邀到省内外兄弟院校和国外大学讲座交流"
    orgs = {o.name: relation_of(text, o) for o in named_organisations(text)}
    assert orgs == {"昌吉职业技术学院": "service", "中国教育干部网络学院": "membership"}
    _, facts = facts_of(text + "。\n")
    assert "昌吉职业技术学院" in {n.label for n in facts.nodes.values() if n.kind == "PartnerOrganization"}


def test_a_platform_named_by_its_level_is_also_a_recognition() -> None:
    _, facts = facts_of("2021年学校建设自治区苗族扎染蜡染非遗文化传承基地，建成校内实训基地。\n")
    achievements = {n.label for n in facts.nodes.values() if n.kind == "Achievement"}
    assert "自治区苗族扎染蜡染非遗文化传承基地" in achievements
    assert not any("校内实训基地" in label for label in achievements)


def test_a_verb_of_doing_ends_an_initiative_name_and_work_abroad_may_be_carried_out() -> None:
    assert [i.name for i in initiatives_in("在机电一体化技术等专业持续开展“3+2”高本贯通培养试点。")] == ["“3+2”高本贯通培养试点"]
    [(_, _, countries)] = overseas_clauses("依托昆钢和越南、老挝开展的项目")
    assert countries == ("老挝", "越南")


def test_a_company_by_its_legal_name_takes_the_work_its_sentence_describes() -> None:
    text = "技术服务82项，到款额460.6万元，仅山西繁盛昇煤机设备有限责任公司研制的等离子自动堆焊机一项，就为公司获利约2000万元；"
    assert {o.name: relation_of(text, o) for o in find_org_names(text)} == {"山西繁盛昇煤机设备有限责任公司": "技术服务"}
    text = "每年承担各类培训两万人次以上，为昆钢公司、钢铁行业乃至整个区域经济的发展提供支撑"
    assert {o.name: relation_of(text, o) for o in find_org_names(text)} == {"昆钢公司": "技术服务", "钢铁行业乃": None}


def test_clauses_after_a_recognition_that_name_a_level_continue_its_list() -> None:
    text = ("物流管理专业是国家现代学徒制试点专业，云南省优质高职院校重点建设专业，"
            "专业教师具备高级物流师职业资格，省级骨干专业")
    assert [t[0] for t in clause_recognitions(text)] == ["国家现代学徒制试点专业", "云南省优质高职院校重点建设专业"]


def test_a_counted_honour_beside_another_achievement_of_its_clause_is_kept() -> None:
    _, facts = facts_of("专业群有云岭教学名师 1 人、省级万人计划 1 人、省级首席技师 1 人。\n")
    assert "省级首席技师" in {n.label for n in facts.nodes.values() if n.kind == "Achievement"}


def test_verbs_of_carrying_on_end_an_initiative_name_and_yiji_is_one_word() -> None:
    found = initiatives_in("持续推进有色金属集团的职业教育“走出去”试点项目以及“鲁班工坊”建设")
    assert [i.name for i in found] == ["有色金属集团的职业教育“走出去”试点项目", "鲁班工坊"]


def test_a_table_cell_may_print_its_measure_word_after_the_number() -> None:
    _, facts = facts_of("表1 自评得分表\n\n指标\t得分\n数量指标\t10分\n质量指标\t9.9分\n")
    scores = {(n.attrs["metricName"][0], n.attrs["value"][0], n.attrs.get("unit", [""])[0])
              for n in facts.nodes.values() if n.kind == "Metric"}
    assert {("自评得分 数量指标 得分", Decimal("10"), "分"), ("自评得分 质量指标 得分", Decimal("9.9"), "分")} <= scores


def test_a_place_the_school_supports_is_a_partner() -> None:
    from loaders.extract.organisations import supported_places

    for text, place in (("学校对口帮扶巫溪县人民政府所辖2个村", "巫溪县人民政府"), ("对口帮扶汪清县，选派驻村第一书记3人", "汪清县"),
                        ("学校对口帮扶南平市政和县4个行政村", "南平市政和县")):
        assert [o.name for o in supported_places(text)] == [place]
    assert supported_places("对口帮扶新疆五家渠和昌吉职业技术学院") == []  # schools: the suffix grammar's
    assert [o.name for o in supported_places("1名教师进驻寨窠村定点扶贫")] == ["寨窠村"]
    _, facts = facts_of("学校对口帮扶汪清县，选派驻村第一书记3人。\n")
    relations = {n.label for n in facts.nodes.values() if n.kind == "Partnership"}
    assert "汪清县人民政府（service）" in relations  # the county's government, the printed place an alternative label


def test_the_provincial_department_a_report_names_without_its_province_is_its_schools() -> None:
    _, facts = facts_of("学院被省教育厅确定为1+X证书制度试点牵头单位。\n")
    bodies = {n.label: n.alt_labels for n in facts.nodes.values() if n.kind == "PartnerOrganization"}
    assert bodies["广西壮族自治区教育厅"] == {"省教育厅"}


@pytest.mark.parametrize(("text", "relations"), [
    ("学校是许昌市人民政府举办的公办全日制普通高等职业院校", {"许昌市人民政府": "sponsor"}),
    ("现代物流管理专业通过中国物流与采购联合会物流职业教育专业认证", {"中国物流与采购联合会": "recognition"}),
    ("输出专业教学标准3个，其中2个被泰国职业教育委员会采纳", {"泰国职业教育委员会": "recognition"}),
    ("选派23名教师赴德国纽伦堡应用技术大学研修", {"德国纽伦堡应用技术大学": "exchange"}),
    ("2023年学院依托有色工业集团有限公司协同“走出去”企业", {"有色工业集团有限公司": "other"}),
    # the name's own words state no relation
    ("聘请华为认证讲师等企业兼职教师64人", {}),
    # a government body whose requirements the school carries out oversees it; one that issued a document does not
    ("和吉林省教育厅、吉林省财政厅有关工作要求，学校开展自评", {"吉林省教育厅": "authority", "吉林省财政厅": "authority"}),
    ("学校严格落实河南省教育厅关于高校内部治理的工作要求", {"河南省教育厅": "authority"}),
    ("为全面落实北京市人民政府印发的《意见》要求", {}),
    ("完成学校章程修订并经福建省教育厅核准", {"福建省教育厅": "recognition"}),
    ("机电一体化技术专业通过德国工商大会（AHK）职业资格认证", {"德国工商大会": "recognition"}),
    # the school takes part in a body's work; a body that takes part in something is not thereby a partner
    ("参与了各项省铸造行业协会标准化工作委员会章程及标准的起草制定工作", {"省铸造行业协会标准化工作委员会": "other"}),
    ("参与了省委教育工委人才工作专题调研方案的制定工作", {"省委教育工委": "other"}),
    ("为南亚国家和云南昆钢集团有限公司参与建设提供人才", {}),
    ("2023年完成赞比亚教育管理部门（TEVETA）考核", {"赞比亚教育管理部门": "recognition"}),
    ("机械行指委主任点名表扬我系毕业生", {"机械行指委": "recognition"}),
    # the school acts by what a government body laid down; it organised or undertook a body's work
    ("根据广西壮族自治区教育厅、财政厅制定了《工作方案》", {"广西壮族自治区教育厅": "authority", "财政厅": "authority"}),
    ("牵头组织“全国电子商务职业教育教学指导委员会2020年调研论证”", {"全国电子商务职业教育教学指导委员会": "other"}),
    ("获批教育部中外语言交流合作中心2021年度项目1项", {"教育部中外语言交流合作中心": "recognition"}),
    ("学校2019年积极对接对外交流项目，与B-YOU协商《B-YOU企业人才培养合作方案》", {}),  # no verb in its clause
])
def test_what_an_organisation_does_with_the_school(text: str, relations: dict[str, str]) -> None:
    found = {o.name: relation_of(text, o) for o in find_org_names(text)}
    assert {name: kind for name, kind in found.items() if kind} == relations


def test_order_classes_and_teams_the_school_sends_out_are_named_initiatives() -> None:
    found = [(i.name, i.category) for t in ("2024年开设风电运维订单班4个，培养学生168人",
                                            "组建由新能源学院师生组成的“光伏+牧区”技术服务队6支",
                                            "马克思主义学院组建“北疆红色宣讲团”12支")
             for i in initiatives_in(t)]
    assert found == [("风电运维订单班", "programme"), ("“光伏+牧区”技术服务队", "team"), ("北疆红色宣讲团", "team")]


def test_a_seat_printed_before_the_body_it_is_on() -> None:
    assert [t[0] for t in clause_recognitions("学校作为副理事长单位加入全国新型电力系统行业产教融合共同体")] == [
        "全国新型电力系统行业产教融合共同体副理事长单位"]


@pytest.mark.parametrize(("text", "school", "company"), [
    ("智能教学工场引进“哈汽—董礼涛技能大师工作室”", "哈尔滨职业技术学院", "哈汽"),
    ("成立山西机电-太重榆液技术研发中心，校企合作", "山西机电职业技术学院", "太重榆液"),
    ("共建“中国电子—哈职院国家级技能大师工作室”", "哈尔滨职业技术学院", "中国电子"),
    ("建成智能制造创新中心", "哈尔滨职业技术学院", None),
])
def test_the_company_a_co_named_platform_names(text: str, school: str, company: str | None) -> None:
    end = max(text.rfind("工作室") + 3, text.rfind("中心") + 2)
    found = co_builder(text, end, school)
    assert (found[0] if found else None) == company
    if found:
        assert text[found[1]:found[1] + len(found[0])] == company


def test_classes_a_school_runs_and_through_training_pathways_are_named_initiatives() -> None:
    found = [(i.name, i.category) for t in ("开设精英班、工匠班、学徒班；", "首批“中高职贯通”学生 896 人", "加强领导班子建设，配齐班主任")
             for i in initiatives_in(t)]
    assert found == [("精英班", "programme"), ("工匠班", "programme"), ("学徒班", "programme"), ("中高职贯通", "programme")]


def test_the_batch_or_year_a_school_took_part_in_is_no_part_of_the_initiative() -> None:
    found = [(i.name, i.category) for t in ("⚫国家有色金属行业职业教育“走出去”首批试点项目学校",
                                            "学校承办黑龙江省 2023 年全民数字素养与技能提升月启动仪式")
             for i in initiatives_in(t)]
    assert found == [("国家有色金属行业职业教育“走出去”试点项目", "programme"), ("黑龙江省全民数字素养与技能提升月", "programme")]


def test_the_body_that_holds_an_event_is_no_sponsor_of_the_school() -> None:
    text = "学校是由中国宝武昆钢集团公司举办的一所公办高职院校，承担教育部中外语言交流合作中心主办的汉语桥项目"
    found = {o.name: relation_of(text, o) for o in find_org_names(text)}
    assert found["中国宝武昆钢集团公司"] == "sponsor" and found.get("教育部中外语言交流合作中心") != "sponsor"
    text = "学校是内蒙古自治区人民政府举办、自治区教育厅主管的公办全日制高等职业院校"
    assert {o.name: relation_of(text, o) for o in find_org_names(text)}["内蒙古自治区人民政府"] == "sponsor"


def test_a_suffix_that_names_nothing_yet_lets_a_later_one_close_the_name() -> None:
    assert [i.name for i in initiatives_in("3 个专业被确定为高等职业教育创新行动发展计划国家级骨干专业")] == ["高等职业教育创新行动发展计划"]
    assert [i.name for i in initiatives_in("加入太行信创产业人才教育联盟，打造山西信创人才培养培训基地")] == [
        "太行信创产业人才教育联盟", "山西信创人才培养培训基地"]


def test_quoted_qualifications_a_unit_holds_are_recognitions() -> None:
    text = ("中心具有“冶金工业职业技能鉴定 54 站”、“云南省高技能人才培养基地”、省人社厅批准设立的“昆钢职业培训站”、"
            "安全培训中心等多种优质的培训、鉴定资质")
    assert [t[0] for t in clause_recognitions(text)] == ["冶金工业职业技能鉴定 54 站", "云南省高技能人才培养基地", "昆钢职业培训站"]
    assert clause_recognitions("专业教师具有“双师”素质") == []


def test_a_company_that_holds_an_event_is_no_sponsor() -> None:
    text = "学院与华为技术有限公司举办技能大赛，温州市人民政府举办，坐落于温州"
    found = {o.name: relation_of(text, o) for o in find_org_names(text)}
    assert found["华为技术有限公司"] != "sponsor" and found["温州市人民政府"] == "sponsor"


def test_the_schools_own_colleges_are_no_partners_and_a_national_committee_is_one() -> None:
    _, facts = facts_of("学校设有信息工程学院、经济管理学院等二级学院。\n\n"
                        "学校与信息工程学院、青岛科技大学签署合作协议。\n\n"
                        "该中心被国家生态产业投资专业委员会认定为“中国生态健康产业办公室”。\n")
    partners = {n.label for n in facts.nodes.values() if n.kind in {"PartnerOrganization", "Enterprise"}}
    assert "信息工程学院" not in partners and "青岛科技大学" in partners
    assert "国家生态产业投资专业委员会" in partners
