"""The audit's rules one by one, each on a short text written for the purpose: the text with a planted
contradiction must raise exactly one finding of the rule's kind, its clean twin nothing."""

from __future__ import annotations

import pytest

from kg.audit import Finding, audit
from tests.test_audit import HEAD, read


def findings_of(body: str) -> list[Finding]:
    doc, facts = read(HEAD + body)
    return audit([doc], [facts])


# (rule, clean text, text with the planted contradiction, kind, a word of the arithmetic)
RULES = [
    ("a rate read past a change printed between it and its numerator",
     "学校预期标志性成果 200 项，完成标志性成果 180 项，比上年增加 20 项，标志性成果完成率 90.00%。\n",
     "学校预期标志性成果 200 项，完成标志性成果 180 项，比上年增加 20 项，标志性成果完成率 95.00%。\n",
     "rate-parts", "180 / 学校预期标志性成果 200 = 90.00%"),
    ("a rate printed with decimals cut rather than rounded (66.66% for 66.666…%)",
     "学校绩效指标 30 项，完成 20 项，指标完成率 66.67%。\n",
     "学校绩效指标 30 项，完成 20 项，指标完成率 66.66%。\n",
     "rate-parts", "printed 66.66%; 完成 20 / 学校绩效指标 30 = 66.67%"),
    ("a target that names the rate's verb (应完成…) is the rate's whole",
     "任务书确定二级任务 98 项，2019—2021年应完成三级任务 368 项，实际完成 361 项，完成率 98.10%。\n",
     "任务书确定二级任务 98 项，2019—2021年应完成三级任务 368 项，实际完成 361 项，完成率 99.10%。\n",
     "rate-parts", "361 / 2019—2021年应完成三级任务 368 = 98.10%"),
    ("a 达成率 read against the count 完成",
     "学校绩效指标 200 项，完成 150 项，指标达成率 75.00%。\n",
     "学校绩效指标 200 项，完成 150 项，指标达成率 80.00%。\n",
     "rate-parts", "150 / "),
    ("parts listed after 其中 across clauses cut by ；, shares set aside",
     "学校共有 20 个专业通过国际认证，其中悉尼协议认证专业共 11 个，占比 55%；英国认证专业共 9 个，占比 45%。\n",
     "学校共有 20 个专业通过国际认证，其中悉尼协议认证专业共 11 个，占比 55%；英国认证专业共 10 个，占比 50%。\n",
     "total-parts", "= 21个"),
    ("a breakdown (…等 N 家，包括…) that adds up at no level",
     "联盟成员单位 50 家，其中包括高职院校、企业等 40 家，包括高职院校 25 家，企业 15 家，外方机构 10 家。\n",
     "联盟成员单位 50 家，其中包括高职院校、企业等 40 家，包括高职院校 25 家，企业 16 家，外方机构 10 家。\n",
     "total-parts", "no end of that breakdown makes both 50 and 40 add up"),
    ("fewer values after 分别 than things named before it",
     "学校从在校生、毕业生、教职工、用人单位和家长五个角度开展评价，满意度分别为 97%、96%、98%、99%、95%。\n",
     "学校从在校生、毕业生、教职工、用人单位和家长五个角度开展评价，满意度分别为 97%、96%、98%。\n",
     "count-list", "5 named"),
    ("more values after 分别 than the amounts printed one to a clause before it",
     "实际执行资金 4080 万元。其中，中央财政资金执行 1200 万元，地方财政资金执行 980 万元，学校自筹资金执行 1900 万元，"
     "执行率分别为 100%、98%、55%。\n",
     "实际执行资金 4080 万元。其中，中央财政资金执行 1200 万元，地方财政资金执行 980 万元，学校自筹资金执行 1900 万元，"
     "执行率分别为 100%、98%、69%、55%。\n",
     "count-list", "3 named (中央财政资金执行、地方财政资金执行、学校自筹资金执行); 4 values"),
    ("a growth against the value and the change printed before it",
     "学生获得国家级奖项 12 项，比上年增加了 4 项，增长了 50.00%。\n",
     "学生获得国家级奖项 12 项，比上年增加了 4 项，增长了 33.33%。\n",
     "rate-parts", "4 / (12 − 4) = 50.00%"),
    ("a share printed beside a part of a 其中 list",
     "学校全年经费总支出 5000 万元。其中教学改革投入 600 万元，占比 12.00%；日常教学经费支出 250 万元，占比 5.00%。\n",
     "学校全年经费总支出 5000 万元。其中教学改革投入 600 万元，占比 15.00%；日常教学经费支出 250 万元，占比 5.00%。\n",
     "rate-parts", "share printed 15.00%"),
    ("a share printed before the amount it is the share of",
     "学校全年经费总支出 5000 万元。其中教学改革投入最大，占比全年总支出的 12.00%，为 600 万元。\n",
     "学校全年经费总支出 5000 万元。其中教学改革投入最大，占比全年总支出的 12.60%，为 600 万元。\n",
     "rate-parts", "600万元 / "),
    ("a total closing the list of its parts (…，共计 N)",
     "学生在省级技能大赛中获一等奖 14 项、二等奖 19 项、三等奖 22 项，共计 55 项。\n",
     "学生在省级技能大赛中获一等奖 14 项、二等奖 19 项、三等奖 22 项，共计 57 项。\n",
     "total-parts", "共计: stated 57项; listed before it"),
    ("organisations listed by kind, each with its measure word, up to the rest (其他…)",
     "学校联合政行企校共 110 家单位申报市域产教联合体，联合体中有院校 22 所，占比 20%；企业 80 家，另有 3 家科研机构、"
     "5 个其他组织。\n",
     "学校联合政行企校共 110 家单位申报市域产教联合体，联合体中有院校 22 所，占比 20%；企业 73 家，另有 3 家科研机构、"
     "5 个其他组织。\n",
     "total-parts", "listed by kind up to the rest (其他) 联合体中有院校 22 + 企业 73 + 另科研机构 3 + 另组织 5 = 103家"),
]


@pytest.mark.parametrize(("rule", "clean", "planted", "kind", "arithmetic"), RULES, ids=[r[0] for r in RULES])
def test_each_rule_fires_on_its_planted_contradiction_and_not_on_the_clean_text(
        rule: str, clean: str, planted: str, kind: str, arithmetic: str) -> None:
    assert findings_of(clean) == [], [f.arithmetic for f in findings_of(clean)]
    found = findings_of(planted)
    assert [f.kind for f in found] == [kind], [f.arithmetic for f in found]
    assert arithmetic in found[0].arithmetic, found[0].arithmetic
    text = HEAD + planted
    for side in found[0].sides:
        assert text[side.evidence.start:side.evidence.end] == side.evidence.quote


QUIET = [
    ("an average completion degree is no count over a count",
     "专业群数量指标 10 项，指标达预期值 10 项，平均完成度 93.25%。\n"),
    ("a 度 is read only against its own verb's count",
     "专业群可持续影响指标 3 项，指标达预期值 3 项，完成度 66.67%。\n"),
    ("another list opened after ； is no part of the first",
     "学校预算 500 万元，其中：中央财政 300 万元，地方财政 200 万元；实际到位 520 万元，其中：中央财政 300 万元，"
     "地方财政 220 万元。\n"),
    ("what 另有 adds beside the list is no part of it",
     "学校取得省级以上标志性成果 100 项，其中国家级 20 项、省级 80 项；另有专利授权 30 项。\n"),
    ("a breakdown (…等 N 家，包括…) that adds up at both levels",
     "联盟成员单位 50 家，其中包括高职院校、企业等 40 家，包括高职院校 25 家，总占比 50%，企业 15 家，总占比 30%，"
     "外方机构 10 家，总占比 20%。\n"),
    ("fewer values after 分别 than the amounts before it may be the values of some of them",
     "其中，中央财政资金执行 1200 万元，地方财政资金执行 980 万元，学校自筹资金执行 1900 万元，执行率分别为 100%、98%。\n"),
    ("more values after 分别 than things named before an open list (等)",
     "学校从在校生、毕业生等角度开展评价，满意度分别为 97%、96%、98%。\n"),
    ("organisations listed by kind but not up to the rest (其他) may be some of them",
     "学校联合政行企校共 110 家单位申报市域产教联合体，联合体中有院校 22 所；企业 73 家，另有 3 家科研机构。\n"),
    ("a share with a label of its own is the share of something else",
     "专业群兼职教师总数为 40 人，其中合作企业兼职教师 30 人，兼职教师授课课时数占专业课时总数的 24.82%。\n"),
]


@pytest.mark.parametrize(("rule", "text"), QUIET, ids=[q[0] for q in QUIET])
def test_what_is_no_contradiction_stays_quiet(rule: str, text: str) -> None:
    assert findings_of(text) == [], [f.arithmetic for f in findings_of(text)]


# ---------------------------------------------------------------- one indicator, two values

SECOND_PARAGRAPH = "\n二、社会服务\n\n"
REPEATS = [
    ("a keyed indicator printed again with a qualifier before its name",
     "学校专业设置与产业对接紧密，人才培养本省落地率 80.5%。\n",
     "学校毕业生深受企业欢迎，人才本省落地率 80.5%。\n",
     "学校毕业生深受企业欢迎，人才本省落地率 82.25%。\n", "80.5%"),
    ("two approximate figures whose ranges do not meet (N余: N up to N plus a unit of its last digit)",
     "三年来，学校培训到款额 300 余万元。\n",
     "三年来，学校开展培训 50 余项，培训到款额 340 万元。\n",
     "三年来，学校开展培训 50 余项，培训到款额 450 余万元。\n", "300余万元 (allows 300–400)"),
    ("one name behind words that count nothing (现有…, …等 closing a list of examples)",
     "学校现有精品在线开放课程共 50 门，覆盖全部专业群。\n",
     "学院现有《机械制图》《电工基础》等精品在线开放课程 50 门。\n",
     "学院现有《机械制图》《电工基础》等精品在线开放课程 40 门。\n", "精品在线开放课程"),
    ("one name behind the period and the verb of having (建设期内学校累计获得…)",
     "建设期内累计取得国家级标志性成果 118 项。\n",
     "建设期内学校累计获得国家级标志性成果 118 项。\n",
     "建设期内学校累计获得国家级标志性成果 128 项。\n", "国家级标志性成果"),
    ("one keyed indicator under two spellings of one accounting word (到款额 / 到帐)",
     "学校职业培训形成品牌，开展各类培训 132 项，到款额 925 万元。\n",
     "学校服务地方产业，培训到帐达 925 万元。\n",
     "学校服务地方产业，培训到帐达 928 余万元。\n", "925万元"),
    ("a major ranked in one list named with words left out (金平果…专业群综合竞争力排名 / 金平果全国综合排名)",
     "在金平果2021专业群综合竞争力排名中，数控技术专业群位列全国同专业群第三，数控技术专业位列同专业全国第二。\n",
     "数控技术专业在2021年金平果全国综合排名全国第二，成效显著。\n",
     "数控技术专业在2021年金平果全国综合排名全国第三，成效显著。\n",
     "数控技术专业 in 金平果专业群综合竞争力排名 [2021, 全国]: 第2 (line 7); 第3 (line 11)"),
    ("one whole set of the school counted with 大 (专业集群 / 专业群: one set)",
     "学校建立了智能制造类、现代服务类等九大专业集群，对接区域产业。\n",
     "学校精品在线开放课程覆盖全校九大专业群。\n",
     "学校精品在线开放课程覆盖全校八大专业群。\n", "专业群 of the school: 9 (line 7); 8 (line 11)"),
    ("the plan's tasks counted as 任务 and as 建设内容",
     "学校“双高”建设共有 10 大任务，进度总体符合预期。\n",
     "根据十大建设内容，成立工作组，确保各项建设成效。\n",
     "根据十一大建设内容，成立工作组，确保各项建设成效。\n", "任务 of the school: 10 (line 7); 11 (line 11)"),
    ("one honour told as a cultivation (培育单位) and as achieved (建成…)",
     "2020 年，学校入选国家示范性职教集团（联盟）培育单位。\n",
     "学校牵头的职教集团入选首批示范性职业教育集团（联盟）培育单位，运行良好。\n",
     "学校与企业共建实训基地，建成国家级示范性职业教育集团，运行良好。\n",
     "示范职教集团: a cultivation (培育) (line 7); achieved (line 11)"),
]


@pytest.mark.parametrize(("rule", "first", "clean", "planted", "arithmetic"), REPEATS, ids=[r[0] for r in REPEATS])
def test_one_indicator_with_two_values_in_two_paragraphs_is_found(rule: str, first: str, clean: str, planted: str,
                                                                  arithmetic: str) -> None:
    assert findings_of(first + SECOND_PARAGRAPH + clean) == []
    found = findings_of(first + SECOND_PARAGRAPH + planted)
    assert [f.kind for f in found] == ["repeated-figure"], [f.arithmetic for f in found]
    assert arithmetic in found[0].arithmetic, found[0].arithmetic


def test_the_names_of_other_figures_in_the_clause_do_not_make_the_scope_unsure() -> None:
    """专业对口率64%、…、人才本省落地率 82.25%: 专业 names what the first figure measures, not a unit."""
    text = ("学校专业设置与产业对接紧密，人才培养本省落地率 80.5%。\n" + SECOND_PARAGRAPH
            + "学校毕业生深受企业欢迎，专业对口率 64%、毕业生一次就业率 99%、人才本省落地率 82.25%。\n")
    assert [f.kind for f in findings_of(text)] == ["repeated-figure"]


QUIET_REPEATS = [
    ("a figure told in a case (案例 N-N) is about the case's unit",
     "三年来，为企业创造经济效益 300 余万元。\n",
     "案例 2-1 产业学院助力企业升级\n\n学院师生服务企业数字化升级，为企业创造经济效益 100 余万元。\n"),
    ("values of an enumeration (分别) are of several things",
     "学校用人单位满意度 97.5%。\n",
     "学校毕业生满意度和用人单位满意度分别为 96%、98.5%。\n"),
    ("the starting value of a change (从…提升至) is no claim about now",
     "学校毕业生对母校满意度 95%。\n",
     "三年来，学校毕业生对母校满意度从 94% 提升至 95%。\n"),
    ("a qualifier that names a part (横向…) makes another figure of the same key",
     "三年来，学校技术服务到款额 1200 万元。\n",
     "三年来，学校横向技术服务到款额 500 万元。\n"),
    ("a cultivation of one honour and another honour won (国家级…培育项目 / 省级…基地)",
     "学校获批国家级职业教育示范性虚拟仿真实训基地培育项目。\n",
     "学校智能网联车辆虚拟仿真实训基地获批省级虚拟仿真实训基地。\n"),
    ("an honour won in a year after the one it was a cultivation in: the status changed",
     "2020 年，学校入选国家示范性职教集团（联盟）培育单位。\n",
     "2023 年，学校牵头的职教集团获批国家示范性职业教育集团。\n"),
    ("an exact figure inside the range of an approximate one",
     "三年来，学校培训到款额 300 余万元。\n",
     "三年来，学校培训到款额 340 万元。\n"),
]


@pytest.mark.parametrize(("rule", "first", "second"), QUIET_REPEATS, ids=[q[0] for q in QUIET_REPEATS])
def test_what_is_no_second_value_of_one_indicator_stays_quiet(rule: str, first: str, second: str) -> None:
    found = findings_of(first + SECOND_PARAGRAPH + second)
    assert found == [], [f.arithmetic for f in found]


# ---------------------------------------------------------------- a table row restated in prose

RESTATED = ("学校绩效指标完成情况良好。数量指标 40 项，指标达预期值 38 项，平均完成度 95.12%；质量指标 20 项，"
            "指标达预期值 20 项，平均完成度 98.50%。\n\n"
            "表 1 绩效指标完成情况\n\n"
            "指标\t绩效指标数量\t指标值完成度%\t新增绩效指标数量\n"
            "数量指标\t40\t95.12\t3\n"
            "质量指标\t20\t98.50\t1\n")


def test_a_prose_clause_restating_a_table_row_with_another_rate_is_found() -> None:
    assert findings_of(RESTATED) == [], [f.arithmetic for f in findings_of(RESTATED)]
    found = findings_of(RESTATED.replace("数量指标\t40\t95.12", "数量指标\t40\t96.12"))
    assert [f.kind for f in found] == ["repeated-figure"], [f.arithmetic for f in found]
    assert "96.12" in found[0].arithmetic and "prose 平均完成度 95.12%" in found[0].arithmetic


def test_a_clause_that_names_the_row_but_not_its_count_is_no_restatement() -> None:
    """时效指标中任务指标完成率: the label is followed by another indicator, not the row's count."""
    text = RESTATED.replace("质量指标 20 项，指标达预期值 20 项，平均完成度 98.50%", "质量指标中任务指标完成率 90%")
    assert findings_of(text) == [], [f.arithmetic for f in findings_of(text)]


# ---------------------------------------------------------------- one named thing, two dates

DATED = [
    ("a plan printed with two spans",
     "学校获得教育部《职业教育质量提升行动计划（2020-2022 年）》项目认定。\n",
     "学校专业入选教育部职业教育质量提升行动计划（2020-2022）重点建设专业。\n",
     "学校专业入选教育部职业教育质量提升行动计划（2021-2022）重点建设专业。\n"),
    ("an edition of an award printed with two years",
     "学校 2021 年荣获南宁市第三届市长质量奖。\n",
     "学校获得2021年第三届南宁市市长质量奖。\n",
     "学校获得2022年第三届南宁市市长质量奖。\n"),
]


@pytest.mark.parametrize(("rule", "first", "clean", "planted"), DATED, ids=[d[0] for d in DATED])
def test_one_named_thing_printed_with_two_dates_is_found(rule: str, first: str, clean: str, planted: str) -> None:
    assert findings_of(first + SECOND_PARAGRAPH + clean) == []
    text = first + SECOND_PARAGRAPH + planted
    found = findings_of(text)
    assert [f.kind for f in found] == ["repeated-figure"], [f.arithmetic for f in found]
    assert "dated" in found[0].arithmetic
    for side in found[0].sides:
        assert (HEAD + text)[side.evidence.start:side.evidence.end] == side.evidence.quote


def test_two_plans_of_two_issuers_with_two_spans_are_two_plans() -> None:
    """云南省…行动计划 is not 教育部…行动计划: a place before the name is no issuing body."""
    text = ("学校入选云南省职业教育质量提升行动计划（2021-2023 年）项目。\n" + SECOND_PARAGRAPH
            + "学校专业入选教育部职业教育质量提升行动计划（2020-2022）重点建设专业。\n")
    assert findings_of(text) == []


# ---------------------------------------------------------------- the project's funding total, prose and table

FUNDS = ("学校“双高计划”项目资金管理规范。2019-2021 年到位资金 2200 万元，三年资金使用 2190 万元。\n\n"
         "表 2 资金到位和执行情况（单位：万元）\n\n"
         "资金来源\t预算\t实际到位\t实际执行\t执行率\n"
         "中央财政\t1200\t1200\t1200\t100%\n"
         "地方财政\t1000\t1000\t990\t99%\n"
         "合计\t2200\t2200\t2190\t99.55%\n")


def test_a_prose_total_of_the_project_funds_against_the_total_row() -> None:
    assert findings_of(FUNDS) == [], [f.arithmetic for f in findings_of(FUNDS)]
    found = findings_of(FUNDS.replace("到位资金 2200", "到位资金 2100"))
    assert [f.kind for f in found] == ["repeated-figure"], [f.arithmetic for f in found]
    assert "prose 2100" in found[0].arithmetic and "table 2200" in found[0].arithmetic


def test_a_prose_amount_of_one_item_is_no_project_total() -> None:
    """设备采购支出 names an item, not the project: it is not compared with the 合计 row."""
    text = FUNDS.replace("三年资金使用 2190 万元", "设备采购支出 2100 万元")
    assert findings_of(text) == [], [f.arithmetic for f in findings_of(text)]


# ---------------------------------------------------------------- a growth against the two years of a table row

ANNUAL_HEAD = "柳州职业技术学院 2023年质量年度报告\n\n2024年1月\n\n一、服务贡献\n\n"
GROWTH = ("2023 年，毕业生到中小微企业等基层就业 1650 人（见表 1），同比增长 10%。\n\n"
          "表 1 2022-2023年毕业生就业情况\n\n"
          "序号\t指标\t单位\t2022年\t2023年\n"
          "1\t毕业生初次就业人数\t人\t3000\t3100\n"
          "2\t其中：A类：到中小微企业等基层就业*\t人\t1500\t1650\n")


def test_a_growth_against_the_two_years_of_its_table_row() -> None:
    def annual(body: str) -> list[Finding]:
        doc, facts = read(ANNUAL_HEAD + body)
        return audit([doc], [facts])

    assert annual(GROWTH) == [], [f.arithmetic for f in annual(GROWTH)]
    found = annual(GROWTH.replace("同比增长 10%", "同比增长 13%"))
    assert [f.kind for f in found] == ["rate-parts"], [f.arithmetic for f in found]
    assert "2022 1500 → 2023 1650 = +10.00%" in found[0].arithmetic


# ---------------------------------------------------------------- one named set counted twice

def test_one_named_set_counted_with_two_numbers() -> None:
    first = "学校创新实施“工学交替”“双元育人”等 6 个人才培养模式。\n"
    second = "学校推广“双元育人”专业群等{} 大人才培养模式，并在全国推广。\n"
    assert findings_of(first + SECOND_PARAGRAPH + second.format("六")) == []
    found = findings_of(first + SECOND_PARAGRAPH + second.format("五"))
    assert [f.kind for f in found] == ["repeated-figure"], [f.arithmetic for f in found]
    assert "人才培养模式 (with “双元育人”): 6" in found[0].arithmetic


def test_two_sets_of_one_noun_with_no_example_in_common_are_two_sets() -> None:
    text = ("学校实施“工学交替”等 6 个人才培养模式。\n" + SECOND_PARAGRAPH
            + "专业群推广“订单培养”等 3 个人才培养模式。\n")
    assert findings_of(text) == []


TOTAL_RESTATED = ("学校建设期绩效指标 120 项，已完成 110 项，指标值达成度 91.67%，新增绩效指标 12 项；各项建设有序推进。\n\n"
                  "表 2 绩效指标完成情况\n\n"
                  "指标\t绩效指标数量\t已完成数量\t完成率\t新增绩效指标数量\n"
                  "产出指标\t100\t92\t92.00%\t10\n"
                  "效益指标\t20\t18\t90.00%\t2\n"
                  "合计\t120\t110\t91.67%\t12\n")


def test_a_statement_printing_two_counts_of_a_total_row_with_another_rate_is_found() -> None:
    assert findings_of(TOTAL_RESTATED) == [], [f.arithmetic for f in findings_of(TOTAL_RESTATED)]
    found = findings_of(TOTAL_RESTATED.replace("指标值达成度 91.67%", "指标值达成度 81.67%"))
    assert [f.kind for f in found] == ["repeated-figure"], [f.arithmetic for f in found]
    assert "表 2 合计" in found[0].arithmetic and "81.67%" in found[0].arithmetic


def test_an_enumeration_finding_cites_the_things_and_the_values_as_two_spans() -> None:
    """Every finding compares at least two printed spans (the InconsistencyShape): the things named
    before 分别 and the values after it are two sides of one sentence."""
    [found] = findings_of("学校从在校生、毕业生、教职工、用人单位和家长五个角度开展评价，满意度分别为 97%、96%、98%。\n")
    starts = {(s.evidence.start, s.evidence.end) for s in found.sides}
    assert len(starts) == 2


@pytest.mark.parametrize("text", [
    # after a ；, a clause that does something of its own lists no part of the total before it
    "联合体成员单位92家，其中企业61家；学校作为副理事长单位加入全国共同体；牵头成立电力职业教育集团，成员单位58家。\n",
    # an average or a level is no part of a total
    "学校经费总收入38645.2万元，其中财政拨款收入27836.4万元、学费收入7912.6万元、社会服务收入1885.2万元、"
    "其他收入1011.0万元；生均财政拨款水平1.65万元。\n",
    # a number the conversion split with a space is one number
    "技术服务到款额1 146.8万元，其中横向技术服务到款892.5万元、纵向科研经费到款254.3万元。\n",
])
def test_what_is_no_part_of_a_total_raises_nothing(text: str) -> None:
    assert findings_of(text) == [], [f.arithmetic for f in findings_of(text)]


# ---------------------------------------------------------------- one keyed indicator restated in its paragraph

DATED_HEAD = "哈尔滨职业技术学院“双高计划”建设中期绩效自评报告\n\n（2019-2021年）\n\n一、建设成效\n\n"


def findings_of_dated(body: str) -> list[Finding]:
    doc, facts = read(DATED_HEAD + body)
    return audit([doc], [facts])


def test_one_keyed_indicator_restated_in_another_sentence_of_its_paragraph_is_found() -> None:
    """建设国际认证专业 18 个。…认证专业 19 个: 专业 is what is counted, not a unit below the school."""
    clean = ("学校服务企业走出去，建设国际认证专业 19 个。开展悉尼协议专业认证、UK NARIC 国际资历认证专业 19 个，"
             "占学院现有专业总数的 40%。\n")
    assert findings_of_dated(clean) == []
    found = findings_of_dated(clean.replace("19 个。", "18 个。", 1))
    assert [f.arithmetic for f in found] == ["国际认证专业 [4123012911, 2019-2021]: 18个 (line 7); 19个 (line 7)"]


def test_a_figure_whose_clause_names_a_major_is_about_that_major() -> None:
    text = "学校建设国际认证专业 18 个。\n\n二、社会服务\n\n计算机网络技术专业建设国际认证专业 3 个。\n"
    assert findings_of_dated(text) == []
    assert len(findings_of_dated(text.replace("计算机网络技术专业", "学校"))) == 1


def test_a_unit_of_the_school_counted_above_the_school_is_found() -> None:
    """全校获批国家级课题 1 项 / 专业群立项国家级课题 2 项 (获批 and 立项 are the verb of having, as 获得)."""
    text = ("学校科技服务能力大幅提升，获批国家级课题 2 项、省级 53 项。\n\n二、机电一体化技术专业群建设\n\n"
            "专业群教师申报专利 70 项，立项国家级课题 2 项。\n")
    assert findings_of_dated(text) == []
    found = findings_of_dated(text.replace("获批国家级课题 2 项", "获批国家级课题 1 项"))
    assert [(f.kind, f.lines) for f in found] == [("total-parts", [7, 11])], [f.arithmetic for f in found]
    assert "the school 1项 (line 7) < 4123012911-机电一体化技术专业群 2项" in found[0].arithmetic


def test_a_rate_of_a_unit_above_the_school_rate_is_no_part_above_its_whole() -> None:
    text = ("学校建设任务完成率 98.33%。\n\n二、机电一体化技术专业群建设\n\n专业群建设任务完成率 100%。\n")
    assert findings_of_dated(text) == []


# ---------------------------------------------------------------- a change since a year against a table of years

ANNUAL_HEAD = "柳州职业技术学院 2023年质量年度报告\n\n2024年1月\n\n一、人才培养\n\n"
AWARDS = ("2023 年学生获得技能大赛省级以上奖项共 68 项，其中，国家级奖项数量为 11 项，比 2021 年增加了 4 项。\n\n"
          "表 2-8 学生技能大赛获奖情况统计表\n\n"
          "获奖时间\t国家级一等奖\t国家级二等奖\t国家级三等奖\t省级一等奖\t省级二等奖\t省级三等奖\n"
          "2021 年\t1\t0\t6\t22\t31\t28\n"
          "2023 年\t3\t2\t6\t20\t18\t19\n")


def annual_findings(body: str) -> list[Finding]:
    doc, facts = read(ANNUAL_HEAD + body)
    return audit([doc], [facts])


def test_a_change_since_a_year_against_the_columns_of_that_year_is_found() -> None:
    """国家级 11 项 = 3 + 2 + 6 in the 2023 row; 比 2021 年增加了 5 项 makes 2021 six, the 2021 row adds up to 7."""
    assert annual_findings(AWARDS) == []
    found = annual_findings(AWARDS.replace("增加了 4 项", "增加了 5 项"))
    assert [f.arithmetic for f in found] == [
        "国家级奖项数量 2023: 11项 (表 2-8: 3 + 2 + 6), 增加 5 since 2021 → 2021 would be 6; 表 2-8 2021: 1 + 0 + 6 = 7"]
    assert len(found[0].sides) == 8


def test_a_change_whose_sentence_names_no_columns_is_not_read_against_the_table() -> None:
    body = AWARDS.replace("其中，国家级奖项数量为 11 项", "其中，高水平奖项数量为 11 项").replace("增加了 4 项", "增加了 5 项")
    assert annual_findings(body) == []


# ---------------------------------------------------------------- two values swapped between two things

SCREENING = ("2023 年普查筛选心理异常学生数为 1966 人，一般心理问题学生数 217 人，严重心理问题学生数为 182 人。"
             "（严重心理问题为 A类 182 人，一般心理问题为 B类 217 人。）\n")


def test_two_values_swapped_between_two_things_of_a_paragraph_are_found() -> None:
    assert annual_findings(SCREENING) == []
    found = annual_findings(SCREENING.replace("A类 182 人", "A类 217 人").replace("B类 217 人", "B类 182 人"))
    assert [f.kind for f in found] == ["repeated-figure"], [f.arithmetic for f in found]
    assert "the two values are swapped" in found[0].arithmetic and len(found[0].sides) == 4


def test_two_things_whose_names_share_no_start_are_no_swap() -> None:
    text = "2023 年学校新增企业 12 家、院校 30 所；其中合作企业 30 家，合作院校 12 所。\n"
    assert annual_findings(text) == []


# ---------------------------------------------------------------- one subject's place in one ranking, printed twice

RANKED_FIRST = "在2021年“金平果”中国高职院校竞争力排行榜中，学校位列全国第41位。\n"


def test_one_place_in_one_ranking_printed_twice_with_two_places_is_found() -> None:
    second = "学校在“金平果”中国高职院校竞争力排行榜（2021）中位列全国第{}位、本省第2位。\n"
    assert findings_of(RANKED_FIRST + SECOND_PARAGRAPH + second.format(41)) == []
    text = RANKED_FIRST + SECOND_PARAGRAPH + second.format(43)
    found = findings_of(text)
    assert [f.kind for f in found] == ["repeated-figure"], [f.arithmetic for f in found]
    assert "[2021, 全国]: 第41 (line 7); 第43 (line 11)" in found[0].arithmetic, found[0].arithmetic
    assert [s.evidence.quote for s in found[0].sides] == ["位列全国第41位", "位列全国第43位"]


@pytest.mark.parametrize("second", [
    "学校在2021年科研竞争力排行榜中位列全国第27位。\n",  # another list
    "机电一体化技术专业在2021年“金平果”高职专业排行榜中位列全国第3名。\n",  # another subject
    "在2022年“金平果”中国高职院校竞争力排行榜中，学校位列全国第35位。\n",  # another year
    "在2021年“金平果”中国高职院校竞争力排行榜中，学校位列本省第3位。\n",  # another region
    "学校在2021年“金平果”中国高职院校竞争力排行榜中由第50位跃升至第41位。\n",  # where a change starts from
])
def test_places_of_other_rankings_subjects_years_or_regions_stay_quiet(second: str) -> None:
    found = findings_of(RANKED_FIRST + SECOND_PARAGRAPH + second)
    assert found == [], [f.arithmetic for f in found]


# ---------------------------------------------------------------- one whole set of the school (N 大…) counted twice

@pytest.mark.parametrize(("first", "second"), [
    # a group's own tasks are not the school's
    ("学校层面深入推进 11 大建设任务，成效显著。\n", "机电一体化技术专业群深入推进 9 大建设任务，成效显著。\n"),
    # congresses of the Party are no sets of the school
    ("学校深入学习贯彻党的十九大精神。\n", "学校深入学习贯彻党的二十大精神。\n"),
    # two nouns are two sets
    ("学校确定了 10 大任务，扎实推进。\n", "学校对接区域八大重点产业，服务发展。\n"),
    # two years: the set changed
    ("2019 年，学校形成八大专业群。\n", "2023 年，学校优化调整为九大专业集群。\n"),
])
def test_sets_of_other_units_or_nouns_stay_quiet(first: str, second: str) -> None:
    found = findings_of(first + SECOND_PARAGRAPH + second)
    assert found == [], [f.arithmetic for f in found]
