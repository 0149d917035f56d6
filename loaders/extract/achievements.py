"""Achievements: awards, prizes, titles, courses, textbooks, teams, bases, rankings, patents.

Read from achievement tables (a header with a name column — 项目名称 / 成果名称 / 项目 / 获奖赛项 —
and optionally 级别, 成果类别, 完成数量 / 数量, 年份, or one count column per year) and from prose
(a head word of ``data/lexicon/achievement_types.csv`` such as 教学创新团队 / 一等奖 / 规划教材,
with the name running left to the verb that introduces it: 获批 / 入选 / 荣获 …), plus rankings
(排名第33位). Each achievement gets its level (``sg:level``), category, year (or the period the
text covers), count, and holder (``sg:achievedBy``): the school, or a professional group / major
already extracted when the clause, table caption or section heading names it.

Key = slug(school code + year (or period) + name), so the same award read from two reports of a
school merges into one node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from loaders.document.model import Cell, Document, Paragraph, Sentence, Table
from loaders.extract import recogniser
from loaders.extract.base import each, evidence_at
from loaders.extract.gazetteer import Gazetteer, Match
from loaders.extract.lexicon import level_iri, read_lexicon
from loaders.extract.mentions import (
    NAME_STOP,
    clauses,
    count_after,
    count_before,
    fold,
    in_skipped_section,
    is_settled,
    level_in,
    name_start,
    school_ref,
    year_in,
)
from loaders.extract.numbers import find_period, find_quantities, parse_count, parse_year, period_label
from loaders.extract.scope import holder_from_headings, holder_gazetteer, holder_in
from loaders.extract.tables import ColumnMap, ColumnSpec, map_columns, rows_as_dicts
from loaders.facts import Evidence, Facts, GYear, Node, NodeRef
from loaders.keys import slug

RECOGNISER = "achievements"


@dataclass(frozen=True, slots=True)
class AchievementType:
    category: str
    implied_level: str | None


@dataclass(frozen=True, slots=True)
class Achievement:
    """One achievement as read, before it becomes a node."""

    name: str
    category: str
    level: str | None
    year: int | None
    period: str | None
    count: int | None
    holder: NodeRef | None
    evidence: Evidence
    rank: int | None = None  # a ranking's place (第三 → 3), its label keeping the rank as printed


@cache
def achievement_types() -> Gazetteer[AchievementType]:
    return Gazetteer(
        (row["pattern"], AchievementType(row["category"], row["implied_level"] or None))
        for row in read_lexicon("achievement_types")
    )


def type_of(name: str) -> AchievementType | None:
    """The type of the last (head) achievement word in a name."""
    found = list(achievement_types().find(fold(name).text))
    return found[-1].value if found else None


# Prize grades and rankings are results in themselves; other heads need a level or a verb.
SELF_EVIDENT = {"competition-award", "patent", "teaching-achievement-award", "research-award", "quality-award"}
_OBTAINED = re.compile(r"获批|获评|荣获|获得|斩获|摘获|入选|评为|认定|获|建成|成为|通过|主参编|参与制定|牵头制定|蝉联")
_LEADING_VERB = re.compile(
    r"^(?:学校|我校|我院|本校|立项建设|建设|参与制定|牵头制定|制定|审核|修订|获批|组织|开展|打造|培养|培育|完成|在建|充分发挥|发挥|各级各类|"
    r"[一二两三四五六七八九十\d]+\s*[期批个项届])+")
_STATISTIC_AFTER = re.compile(r"\s*(?:总数|总量|的比例|比例|占比)")
_RIGHT_EXTENSION = re.compile(r"(?:第一)?(?:主持)?(?:培育|建设|立项|试点|示范)?(?:单位|项目|院校|学校|称号|授权)|奖(?!项)")
_ELLIPSIS = re.compile(r"、\s*(国家级|省级|自治区级|市级|院级|校级)\s*")
_UNBALANCED = re.compile(r"^[^“]*”|“[^”]*$")
_HEAD_GAP = 8
_CONTEST_BEFORE = re.compile(r"在(?P<contest>[^，。；、在]{2,40}?(?:赛|赛项|评选|评比)(?:[（(][^）)]{1,8}[）)])?)(?:中|上)?[，,]?\s*"
                             r"(?:荣获|获得|斩获|摘得|摘获|获)$")
_CONTEST_REACH = 48  # the contest may open the clause before the prize: 在…评选中，获得集体奖一项
_BARE_ROW_LABEL = re.compile(r"第.{1,3}名|\d+(?:\.\d+)?|[一二三特]等奖|[金银铜]奖")
_TOTAL_ROW = re.compile(r"^(合计|总计|小计|共计|总数)")


# --- time ---------------------------------------------------------------------------------


def report_time(doc: Document) -> tuple[int | None, str | None]:
    """The year (single-year report) or period the report covers, for undated statements."""
    period = doc.meta.period
    if period and re.fullmatch(r"\d{4}", period):
        return int(period), None
    return None, period


_CLOSED_ASIDE = re.compile(r"[（(][^（()）]*[）)]")


def stated_time(text: str) -> tuple[int | None, str | None]:
    """A year stated in ``text``, else a period stated in it; a parenthesis that closes before the end
    annotates an earlier item ("…校长培训基地（2023-2025 年）、数字校园试点") and is not read."""
    text = _CLOSED_ASIDE.sub("", text)
    year = year_in(text)
    if year is not None:
        return year, None
    found = find_period(text)
    if found is not None:
        return None, period_label(found[2])
    return None, None


def time_of(text: str, doc: Document, context: tuple[int | None, str | None] = (None, None)) -> tuple[int | None, str | None]:
    """The time stated in ``text``, else in its ``context`` (paragraph, headings), else the report's own."""
    for year, period in (stated_time(text), context):
        if year is not None or period is not None:
            return year, period
    return report_time(doc)


_OPENING_TIME = re.compile(r"^(?:截至|截止|自)?(?:(?:19|20)\d{2}\s*年?(?:[-－—–~～至到]+(?:19|20)\d{2}\s*年?)?)度?(?:以来|期间)?[，,：:]")


def context_time(paragraph: Paragraph, sentence: Sentence) -> tuple[int | None, str | None]:
    """The time a paragraph opens with ("2021年，…"), else the section headings' (innermost first)."""
    opening = _OPENING_TIME.match(paragraph.sentences[0].norm) if paragraph.sentences else None
    if opening and paragraph.sentences[0].start < sentence.start:
        return stated_time(opening.group())
    heading = paragraph.heading
    titles = () if heading is None else (heading.title or heading.norm, *reversed(heading.path))
    for title in titles:
        year, period = stated_time(title)
        if year is not None or period is not None:
            return year, period
    return None, None


# --- prose ----------------------------------------------------------------------------------


_LEADING_JUNK = re.compile(r"^(?:[⚫•●◆◇■□▪▶►\-\s]|[图表]\s*\d+(?:[-.．]\d+)*|中的)+")
_LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年?度?\s*")


def tidy_name(name: str) -> str:
    """A name as printed, without list bullets, figure numbers, a leading year or stray quotes."""
    name = _LEADING_JUNK.sub("", name.strip(" 、，,的"))
    if name.count("“") != name.count("”") or _UNBALANCED.search(name):
        name = name.replace("“", "").replace("”", "")
    return _LEADING_YEAR.sub("", name).strip(" 、，,的")


def after_last_de(name: str) -> str:
    """``多个部委联合评选的国家…培训基地`` → ``国家…培训基地``: a 的 outside quotes ends a description."""
    depth, cut = 0, 0
    for i, ch in enumerate(name):
        depth += (ch == "“") - (ch == "”")
        if ch == "的" and depth == 0:
            cut = i + 1
    return name[cut:]


def prose_achievements(doc: Document, sentence: Sentence, holders: Gazetteer[NodeRef],
                       section_holder: NodeRef | None,
                       context: tuple[int | None, str | None] = (None, None)) -> list[Achievement]:
    """Every achievement a sentence states (its head words found in the folded sentence); ``context``
    is the time the paragraph or section states, for a sentence that states none."""
    text = sentence.norm
    found: list[Achievement] = []
    for c_start, c_end in clauses(text):
        clause = text[c_start:c_end]
        if not is_settled(clause):
            continue
        found.extend(_clause_achievements(doc, sentence, c_start, c_end, holders, section_holder, context))
    return found


def _clause_achievements(doc: Document, sentence: Sentence, c_start: int, c_end: int,
                         holders: Gazetteer[NodeRef], section_holder: NodeRef | None,
                         context: tuple[int | None, str | None]) -> list[Achievement]:
    text = sentence.norm
    clause_folded = fold(text[c_start:c_end])
    found: list[Achievement] = []
    last_end = c_start
    for match in _head_runs(clause_folded.text):
        head_start, head_end = (c_start + i for i in clause_folded.span(match.start, match.end))
        if head_start < last_end:
            continue
        ext = _RIGHT_EXTENSION.match(text, head_end)
        end = ext.end() if ext else head_end
        start = name_start(text, head_start, floor=max(c_start, last_end))
        name = tidy_name(_LEADING_VERB.sub("", after_last_de(tidy_name(text[start:end]))))
        kind: AchievementType = match.value
        contest = _CONTEST_BEFORE.search(text, c_start, start) or _CONTEST_BEFORE.search(
            text, max(0, c_start - _CONTEST_REACH), start)
        if contest and not _informative(name, kind):  # 在第九届…创新大赛中斩获银奖: the contest's prize
            name, start = tidy_name(contest.group("contest")) + name, contest.start("contest")
        if not _informative(name, kind) or _STATISTIC_AFTER.match(text, end):
            continue
        level = level_in(name, doc.meta.school_code) or kind.implied_level
        count, count_end = count_after(text, end)
        if count is None:
            count = count_before(text, start, floor=c_start)
        if count is None and _one_of_its_kind(text[c_start:start], name):
            count = 1
        verb = _OBTAINED.search(text, c_start, end) is not None
        if level is None and not (kind.category in SELF_EVIDENT and (verb or count is not None)):
            continue
        last_end = max(end, count_end)
        prefix = text[c_start:start]
        holder = holder_in(prefix, holders) or section_holder
        year, period = time_of(text[:end], doc, context)
        evidence = evidence_at(doc, *sentence.raw_span(c_start, c_end))
        found.append(Achievement(name, kind.category, level, year, period, count, holder, evidence))
        found.extend(_elliptical(text, count_end, c_end, name, found[-1], doc.meta.school_code))
        found.extend(_elided_grades(text, count_end, c_end, found[-1]))
    return found


_SUBJECT_VERB = re.compile(r"(?:于|在)?(?:(?:19|20)\d{2}\s*年(?:\d{1,2}月)?)?(?:获批|入选|获评|被评为|被认定为|认定为|评为)$")
_LIST_OR_COUNT = re.compile(r"[、和]|\d|[一二两三四五六七八九十]+\s*[个项门支部套批]")


def _one_of_its_kind(prefix: str, name: str) -> bool:
    """``…专业教学资源库于2023年获批国家级职业教育专业教学资源库``: the subject is one item of the kind
    it is recognised as (it ends as the name does), so the clause states one achievement."""
    verb = _SUBJECT_VERB.search(prefix)
    if verb is None:
        return False
    subject = prefix[:verb.start()]
    subject = subject[subject.rfind("的") + 1:]
    return len(subject) > 2 and subject[-2:] == name[-2:] and not _LIST_OR_COUNT.search(subject)


def _informative(name: str, kind: AchievementType) -> bool:
    """A name that says more than its head word (a bare 一等奖 or 省奖 names nothing)."""
    if len(name) < 2 or name.isdigit() or name[:2] in {"二、", "三、"}:
        return False
    return kind.category == "patent" or achievement_types().get(fold(name).text) is None


def _head_runs(text: str) -> list[Match[AchievementType]]:
    """Head words, with a head closely followed by another merged into it (优秀教材一等奖 → one prize)."""
    runs: list[Match[AchievementType]] = []
    for match in achievement_types().find(text):
        if runs and match.start - runs[-1].end <= _HEAD_GAP and not NAME_STOP.search(text, runs[-1].end, match.start):
            runs[-1] = Match(runs[-1].start, match.end, text[runs[-1].start:match.end], match.value)
        else:
            runs.append(match)
    return runs


def _elliptical(text: str, at: int, c_end: int, name: str, first: Achievement,
                school_code: str | None = None) -> list[Achievement]:
    """``国家级技能大师工作室1个、省级3个``: the same kind of achievement at another level."""
    more: list[Achievement] = []
    first_level_word = re.match(r"国家级|省级|自治区级|市级|院级|校级", name)
    if first_level_word is None:
        return more
    core = name[first_level_word.end():]
    while (m := _ELLIPSIS.match(text, at)) and m.end() < c_end:
        count, count_end = count_after(text, m.end())
        if count is None:
            break
        level_word = m.group(1)
        more.append(Achievement(level_word + core, first.category, level_in(level_word, school_code), first.year, first.period,
                                count, first.holder, first.evidence))
        at = count_end
    return more


_PRIZE_GRADE = r"[特一二三]等奖|[金银铜]奖|优秀奖|集体奖|团队奖|个人奖"
_GRADE_ELLIPSIS = re.compile(rf"、\s*({_PRIZE_GRADE})\s*")
_ENDS_WITH_GRADE = re.compile(rf"(?:{_PRIZE_GRADE})$")


def _elided_grades(text: str, at: int, c_end: int, first: Achievement) -> list[Achievement]:
    """``…汽车技术赛项一等奖2项、二等奖3项``: another grade of the same contest, its name elided."""
    more: list[Achievement] = []
    grade = _ENDS_WITH_GRADE.search(first.name)
    if grade is None or first.count is None:
        return more
    contest = first.name[:grade.start()]
    while (m := _GRADE_ELLIPSIS.match(text, at)) and m.end() < c_end:
        count, count_end = count_after(text, m.end())
        if count is None:
            break
        more.append(Achievement(contest + m.group(1), first.category, first.level, first.year, first.period,
                                count, first.holder, first.evidence))
        at = count_end
    return more


# 排名 / 位列 / 跃居 [scope: 全国, 省内, 同专业, a region …] 第N名/位
# the verbless forms: after a quoted list, a rate, or an enumeration comma (位列全国第97位、自治区第1位)
_RANK = re.compile(r"(排名|位列|位居|跃居到?|排行榜?|列(?=第)|(?<=[”」）)、])|(?<=率|数|量))\s*"
                   r"((?:(?!位列|位居|排名)[\u4e00-\u9fff]){0,6}?(?:全国|全省|全区|自治区|省内|区内|地区|同专业群?|同类院校|同类)"
                   r"[\u4e00-\u9fff]{0,4}?)?"
                   r"\s*第?\s*(\d{1,4}|[一二三四五六七八九十]{1,3})\s*(位|名)?(?![届批次期个项年])")
_RANK_LIST = re.compile(r"排行榜|排名|排行|评价网|竞争力")
# the date of a ranking (2022年“金平果”…), not the year an edition's name holds (金平果2021专业群综合竞争力排名)
_DATE_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?|^(?:19|20)\d{2}(?!\d)")
# "获2021年山西省…专项评估高职院校第一名": a rank won in a named evaluation or contest.
_WON_RANK = re.compile(r"(?:荣获|获得|获)(?P<list>[^，。；、,;]{4,40}?)第(?P<rank>\d{1,3}|[一二三四五六七八九十]{1,3})名")
_RANK_LEAD = re.compile(r"^(?:\d+[.、．]|(?:19|20)\d{2}\s*年?度?|在|我院|我校|学院|学校|已从|从|唯一|首次|再次|连续|上榜|\s)+")


def rankings(doc: Document, sentence: Sentence, holders: Gazetteer[NodeRef] | None = None) -> list[Achievement]:
    """``2022年“金平果”…排行榜，我院排名第33位`` → 金平果…排行榜第33名 (national, 2022).

    The ranked subject (a major or group named before 排名) is part of the name; the list is the
    nearest clause that names a ranking (排行榜 / 排名 / 评价网) without stating a rank itself.
    """
    text = sentence.norm
    found: list[Achievement] = []
    spans = list(clauses(text))
    last: tuple[int, str, str] | None = None  # where the last rank ended, its list and subject
    for m in _RANK.finditer(text):
        if m.group(4) is None and m.group(1) != "位列" and not (m.group(2) and "第" in m.group(0)):
            continue
        if not m.group(1) and not m.group(2):
            continue  # no verb: only a scope with 第N ranks ("…榜单”全省第一", "就业率全省第一")
        clause_start, clause_end = next((s, e) for s, e in spans if s <= m.start() < e)
        subject = _strip_lead(text[clause_start:m.start()])
        if not m.group(1) and last is not None and last[0] == m.start() - 1 and text[last[0]] == "、":
            list_name, subject = last[1], last[2]  # 位列全国第97位、自治区第1位: the same list, another scope
        elif m.group(1).startswith("排行") or not m.group(1):  # no verb: the clause names what ranks
            list_name, subject = subject + m.group(1), ""
        else:
            list_name = _ranking_list(text, spans, clause_start) or ""
            if not list_name and _RANK_LIST.search(subject):
                list_name, subject = subject, ""
        list_name = list_name.removesuffix("中")
        if len(list_name) < 4:
            continue
        last = (m.end(), list_name, subject)
        scope = m.group(2) or ""
        rank = parse_count(m.group(3))
        if rank is None:
            continue
        name = tidy_name(_DATE_YEAR.sub("", f"{list_name}{subject}{scope}第{m.group(3)}{m.group(4) or ''}"))  # as printed
        level = "provincial" if scope in {"省内", "全省"} else level_in(list_name + scope, doc.meta.school_code) or "national"
        year, period = time_of(text[:m.end()], doc)
        holder = holder_in(text[clause_start:m.start()], holders) if holders is not None else None
        evidence = evidence_at(doc, *sentence.raw_span(clause_start, clause_end))
        found.append(Achievement(name, "ranking", level, year, period, None, holder, evidence, rank))
    ranked = [m.span() for m in _RANK.finditer(text)]
    for m in _WON_RANK.finditer(text):
        if any(start < m.end() and m.start() < end for start, end in ranked):
            continue
        found.extend(_won_rank(doc, sentence, m, spans))
    return found


def _won_rank(doc: Document, sentence: Sentence, m: re.Match[str], spans: list[tuple[int, int]]) -> list[Achievement]:
    rank = parse_count(m.group("rank"))
    list_name = tidy_name(_DATE_YEAR.sub("", m.group("list")))
    if rank is None or len(list_name) < 4:
        return []
    clause_start, clause_end = next((s, e) for s, e in spans if s <= m.start() < e)
    year, period = time_of(sentence.norm[:m.end()], doc)
    evidence = evidence_at(doc, *sentence.raw_span(clause_start, clause_end))
    return [Achievement(f"{list_name}第{m.group('rank')}名", "ranking", level_in(list_name, doc.meta.school_code) or "national", year, period, None,
                        None, evidence, rank)]


def strip_leading_verbs(name: str) -> str:
    """``建设自治区…基地`` → ``自治区…基地``: the verbs and counts a name was read with (pure)."""
    return tidy_name(_LEADING_VERB.sub("", name))


def _strip_lead(text: str) -> str:
    return _RANK_LEAD.sub("", text).strip("“”\" ")


def _ranking_list(text: str, spans: list[tuple[int, int]], before: int) -> str | None:
    """The nearest clause before ``before`` that names a ranking list and states no rank itself."""
    for start, end in reversed([(s, e) for s, e in spans if e <= before]):
        piece = text[start:end]
        hits = list(_RANK_LIST.finditer(piece))
        if not hits or any(m.group(1) or m.group(2) for m in _RANK.finditer(piece)):
            continue
        hit = hits[-1]
        name = _strip_lead(piece[: hit.end()] if hit.group() in {"排行榜", "排名"} else piece[: hit.start()])
        if len(name) >= 4:
            return name
    return None


# --- tables --------------------------------------------------------------------------------

ACHIEVEMENT_COLUMNS = ColumnSpec(
    {
        "name": (r"项目名称", r"成果名称", r"荣誉名称", r"奖项名称", r"获奖赛项", r"获奖项目", r"^项目$", r"^名称$"),
        "category": (r"成果类别", r"^类别$", r"成果类型"),
        "contest": (r"(?:竞赛|大赛|比赛|赛事)名称",),
        "grade": (r"^(?:获奖)?等级$", r"^奖项$", r"^获奖等级$", r"^奖励等级$"),
        "level": (r"级别",),
        "count": (r"完成数量", r"^数量$", r"^获奖数量$"),
        # 年份 / 获得年度 / 获奖时间 / 认定日期 …; a header naming a year itself is a per-year count column
        "year": (r"^(?!.*(?:19|20)\d{2}).{0,4}(?:年份|年度|时间|日期)$",),
    },
    required=("name",),
)
_YEAR_COLUMN = re.compile(r"((?:19|20)\d{2})\s*年?.*数量")
_AWARD_CAPTION = re.compile(r"成果|获奖|荣誉|奖项|竞赛|大赛")
_CONTEST_CAPTION = re.compile(r"获奖|竞赛|大赛")


def table_achievements(doc: Document, table: Table, holders: Gazetteer[NodeRef]) -> list[Achievement]:
    mapping = map_columns(table.header, ACHIEVEMENT_COLUMNS)
    if mapping is None:
        return []
    caption = table.title or table.norm
    award_table = bool(_AWARD_CAPTION.search(caption))
    year_columns = {i: int(m.group(1)) for i, h in enumerate(table.header) if (m := _YEAR_COLUMN.search(h))}
    if "level" not in mapping and not award_table and not _has_typed_rows(table, mapping.columns["name"]):
        return []
    holder = holder_in(caption, holders)
    caption_year, caption_period = time_of(caption, doc)
    found: list[Achievement] = []
    columns = {**mapping.columns, **{f"year-{year}": i for i, year in year_columns.items()}}
    for values in rows_as_dicts(table, ColumnMap(columns, mapping.header), fill_down=("category",)):
        name_cell = values.get("name")
        if name_cell is None or _TOTAL_ROW.match(name_cell.norm):
            continue
        found.extend(_row_achievements(doc, values, holder, caption, (caption_year, caption_period)))
    return found


def _has_typed_rows(table: Table, name_column: int) -> bool:
    return any(len(r.cells) > name_column and type_of(r.cells[name_column].norm) for r in table.rows)


def _row_achievements(doc: Document, values: dict[str, Cell], holder: NodeRef | None, caption: str,
                      caption_time: tuple[int | None, str | None]) -> list[Achievement]:
    name_cell = values["name"]
    name = _contest_prize_name(values) or tidy_name(name_cell.norm)
    kind = type_of(name)
    school_code = doc.meta.school_code
    level = _cell_level(values.get("level"), school_code) or level_in(name, school_code) or (kind.implied_level if kind else None)
    if _BARE_ROW_LABEL.fullmatch(name) or (kind is not None and level is None and not _informative(name, kind)):
        return []
    if kind is None and level is None and not _AWARD_CAPTION.search(caption):
        return []
    printed_category = values["category"].norm if "category" in values else None
    fallback = "competition-award" if _CONTEST_CAPTION.search(caption) else "other"
    category = kind.category if kind else (printed_category or fallback)
    first = min(c.start for f, c in values.items() if f != "category")
    last = max(c.end for f, c in values.items() if f != "category")
    evidence = evidence_at(doc, first, last)
    per_year = sorted((int(field[5:]), cell) for field, cell in values.items() if field.startswith("year-"))
    if per_year:
        return [
            Achievement(name, category, level, year, None, count, holder,
                        evidence_at(doc, name_cell.start, max(name_cell.end, cell.end)))
            for year, cell in per_year
            if (count := _cell_count(cell)) is not None and count > 0
        ]
    year = parse_year(values["year"].norm) if "year" in values else None
    period = None
    if year is None:
        year, period = caption_time
    count = _cell_count(values["count"]) if "count" in values else None
    return [Achievement(name, category, level, year, period, count, holder, evidence)]


def _contest_prize_name(values: dict[str, Cell]) -> str | None:
    """A row of a contest table (竞赛名称 | 获奖项目 | 等级) names the prize: 全国大学生电子设计竞赛二等奖（智能电机控制器）."""
    contest, grade = values.get("contest"), values.get("grade")
    if contest is None or not contest.norm.strip():
        return None
    project = tidy_name(values["name"].norm)
    prize = tidy_name(contest.norm) + (grade.norm.strip() if grade is not None else "")
    return f"{prize}（{project}）" if project else prize


def _cell_level(cell: Cell | None, school_code: str | None) -> str | None:
    return level_in(cell.norm, school_code) if cell is not None else None


def _cell_count(cell: Cell) -> int | None:
    text = cell.norm.strip()
    count = parse_count(text)
    if count is not None:
        return count
    quantities = [q for q in find_quantities(text) if not q.approximate]
    if len(quantities) == 1 and quantities[0].value == quantities[0].value.to_integral_value():
        return int(quantities[0].value)
    return None


# --- nodes ----------------------------------------------------------------------------------


def achievement_key(school_code: str, achievement: Achievement) -> str:
    when = str(achievement.year) if achievement.year is not None else achievement.period or "undated"
    return slug(f"{school_code}-{when}-{achievement.name}")


Taken = list[tuple[int, int, str]]


def read_achievements(facts: Facts) -> Taken:
    """Achievements the typed recogniser read: evidence span and name."""
    return [(ev.start, ev.end, node.label) for node in facts.nodes.values() if node.kind == "Achievement"
            for ev in node.evidence]


def already_read(taken: Taken, start: int, end: int, title: str) -> bool:
    """The typed recogniser read this item: an achievement of its clause whose name and this title
    contain one another."""
    bare = title.replace("“", "").replace("”", "")
    for a, b, label in taken:
        if a < end and start < b:
            other = label.replace("“", "").replace("”", "")
            if other in bare or bare in other:
                return True
    return False


def add_achievement(facts: Facts, school_code: str, achievement: Achievement) -> NodeRef:
    key = achievement_key(school_code, achievement)
    existing = facts.nodes.get(NodeRef("Achievement", key))
    node = Node("Achievement", key, achievement.name, rule=RECOGNISER)
    if existing is None:  # the first reading decides category and count
        node.add("category", achievement.category)
    if achievement.level:
        node.add("level", level_iri(achievement.level))
    if achievement.year is not None:
        node.add("year", GYear(achievement.year))
    elif achievement.period:
        node.add("period", achievement.period)
    if achievement.count is not None and (existing is None or "count" not in existing.attrs):  # noqa: SIM102
        node.add("count", achievement.count)
    if achievement.rank is not None and (existing is None or "rank" not in existing.attrs):
        node.add("rank", achievement.rank)
    node.evidence.append(achievement.evidence)
    ref = facts.node(node)
    holder = achievement.holder or school_ref(school_code)
    facts.link(ref, "achievedBy", holder, [achievement.evidence])
    return ref


@recogniser(RECOGNISER, after=("groups", "majors", "organisations"))
def extract_achievements(doc: Document, facts: Facts) -> None:
    code = doc.meta.school_code
    holders = holder_gazetteer(facts)

    def from_table(table: Table) -> None:
        for achievement in table_achievements(doc, table, holders):
            add_achievement(facts, code, achievement)

    def from_paragraph(paragraph: Paragraph) -> None:
        if in_skipped_section(paragraph):
            return
        section_holder = holder_from_headings(paragraph, holders)
        for sentence in paragraph.sentences:
            context = context_time(paragraph, sentence)
            found = prose_achievements(doc, sentence, holders, section_holder, context) + rankings(doc, sentence, holders)
            for achievement in found:
                add_achievement(facts, code, achievement)

    for _ in each(doc.tables, "achievement table", from_table):
        pass
    for _ in each(doc.paragraphs, "achievement paragraph", from_paragraph):
        pass


__all__ = ["Achievement", "achievement_key", "extract_achievements", "prose_achievements", "rankings",
           "table_achievements"]
