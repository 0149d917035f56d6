"""Every recognition a report states, as an sg:Achievement — the generic layer under the typed one.

:mod:`loaders.extract.achievements` reads achievements by their head words (一等奖, 教学创新团队,
规划教材 …) and tables. This layer runs after it and keeps every other clause that states a
recognition by its verb — 获批 / 荣获 / 获评 / 获得 / 入选 / 被评为 / 被认定为 / 被确定为 / 授予 /
立项 / 通过…验收 / 跻身 / 列入 / 纳入 / 荣登, a standing at a level (均为 / 建有 / 挂牌成立 教育部…), an
evaluation's outcome (…考评优秀, …审核结果为A等), a seat on a body — whatever was recognised. The title is
what follows the verb (or, when that says nothing by itself — "获批2项", an outcome — the subject before it;
a run of quoted titles after a shared prefix, 全国职业院校“A”“B”, is one title each), with the level, year,
count and holder read by the shared helpers (:mod:`loaders.extract.mentions`, :mod:`loaders.extract.scope`).
A clause already read by the typed recogniser is left to it. Tables that count awards (a caption
about 获奖 / 竞赛 / 比赛, a count per prize grade, level and year) give one achievement per count cell,
named subject + prize grade + the rest of its labels: 学生技能大赛一等奖（国家级和国家教指委、行业协会级）.
"""

from __future__ import annotations

import re

from loaders.document.model import Document, Paragraph, Sentence, Table
from loaders.extract import recogniser
from loaders.extract.achievements import (
    Achievement,
    Taken,
    add_achievement,
    already_read,
    context_time,
    read_achievements,
    tidy_name,
    time_of,
    type_of,
)
from loaders.extract.base import evidence_at
from loaders.extract.common import apply_each
from loaders.extract.mentions import (
    clauses,
    count_after,
    count_before,
    in_skipped_section,
    is_settled,
    level_in,
    name_start,
    opens_with_level,
)
from loaders.extract.numbers import parse_decimal
from loaders.extract.observations import caption_subject, table_cells
from loaders.extract.scope import (
    ScopeContext,
    heading_scope,
    holder_of,
    named_scope,
    paragraph_topics,
    period_of,
    scope_context,
)
from loaders.facts import Facts, NodeRef

RULE = "recognitions"
_OUTCOME = re.compile(r"(?:考评|考核|评估|评价|审核)(?:结果|结论)?(?:为|获评?|评为)?\s*[“\"]?(?:优秀|A\s*等|A级)")
_PRIZE_OR_LEVEL = r"(?=国家|国际|全国|世界|省|市|自治区|第|[一二三四五六七八九十两]+[等项个名门]|特等|金|银|铜|优秀|\d|“|《)"
RECOGNITION = re.compile(
    r"荣获|荣登|获批|获评|获得|获颁|获授|被评为|评为|入选|被认定为|认定为|被确定为|确定为|被授予|授予|被列入|列入|列为|纳入|"
    r"通过(?:[^，。；;,]{0,16})验收|跻身|立项|斩获|摘得|夺得|获" + _PRIZE_OR_LEVEL
    # the school's standing: "学校是国家高技能人才培训基地、全国青工技能鉴定示范单位"
    + r"|(?<=学校|学院|我校|我院|本校)(?:先后)?(?:是|成为)"
    # any subject's standing at a level: "物流管理专业是国家及云南省现代学徒制试点专业"
    + r"|是(?=国家|全国|国际|教育部|省级|自治区|[\u4e00-\u9fff]{2,3}省)|成功申报|申报成功"
    # all members' standing, a platform a level designated: "群内专业均为教育部第一批…试点专业", "建有教育部…中心"
    + r"|(?:均为|皆为|都是|建有|挂牌成立)(?=国家|全国|国际|教育部|省级|自治区级)"
    # an evaluation's outcome, named by what was evaluated: "…绩效评估中考评优秀", "…合规性审核结果为A等"
    + r"|" + _OUTCOME.pattern
    # qualifications held, quoted: "中心具有“冶金工业职业技能鉴定54站”、“云南省高技能人才培养基地”"
    + r"|(?:具有|拥有|持有)(?=“)")
_NOT_RECOGNITION = re.compile(r"获得感|获取|获悉|收获|获益|获利|获得者")
_MIN_TITLE = 4
_MAX_TITLE = 60
_LEAD = re.compile(r"^(?:了|的|为|成为|第?[一二三四五六七八九十两\d]+(?:个|项|名|门|批|支|部|本|套|家|所)|共|累计|等)+")
_TRAIL = re.compile(r"(?:等|称号)?(?:[一二三四五六七八九十两\d]+\s*(?:个|项|名|门|批|支|部|本|套|家|所|人次?))?$")


def _title(text: str, c_start: int, verb: re.Match[str], c_end: int) -> tuple[str, int, int] | None:
    """The recognised thing: the words after the verb, else the subject and the verb's object together."""
    after = text[verb.end():c_end]
    lead = _LEAD.match(after)
    start = verb.end() + (lead.end() if lead else 0)
    title = _TRAIL.sub("", tidy_name(text[start:c_end])).strip()
    if verb.group(0) in {"立项"} or "验收" in verb.group(0) or _OUTCOME.fullmatch(verb.group(0)) or len(title) < _MIN_TITLE:
        before = tidy_name(text[c_start:verb.start()])
        title = (before + verb.group(0) + title).strip() if before else ""
        start = c_start
    if len(title) < _MIN_TITLE:
        return None
    return title[:_MAX_TITLE], start, c_end


_HOLDS = frozenset({"具有", "拥有", "持有"})
_QUOTED = re.compile(r"“([^“”]{2,40})”")
_ITEM_SEPARATOR = re.compile(r"、|和(?=省级|国家级|全国|自治区|市级|国际)")


def object_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of a recognised list ("获A、B和省级C"), each as offsets into ``text`` (quotes kept whole)."""
    items, at, depth = [], start, 0
    for i in range(start, end):
        depth += (text[i] in "“《（(") - (text[i] in "”》）)")
        if depth == 0 and (m := _ITEM_SEPARATOR.match(text, i)) is not None and i > at:
            items.append((at, i))
            at = m.end()
    items.append((at, end))
    return items


# a seat on a body is a recognition: 中国职业教育学会理事单位, …联盟副理事长单位, 物流行指委委员单位
_SEAT = re.compile(r"(?:常务)?(?:副)?(?:理事长|会长|主任|秘书长|分?盟主)单位|(?:常务)?理事单位|委员单位")
_BODY_END = re.compile(r"(?:联盟|分盟|协会|学会|研究会|分会|委员会|行指委|教指委|专指委|共同体|联合体|融合体|集团|教育社)$")


def seat_titles(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Seats the clause ``text[start:end]`` names, each as (body + seat, start, end): the body's name
    runs back from the seat to the word that ends a name (:func:`~loaders.extract.mentions.name_start`) (pure)."""
    found = []
    floor = start
    for seat in _SEAT.finditer(text, start, end):
        body_start = name_start(text, seat.start(), floor)
        body = tidy_name(text[body_start:seat.start()])
        floor = seat.end()
        if len(body) >= _MIN_TITLE and _BODY_END.search(body):
            found.append((body + seat.group(), body_start + text[body_start:seat.start()].find(body[:1]), seat.end()))
        elif (joined := _SEAT_THEN_BODY.match(text, seat.end(), end)) is not None:
            body = tidy_name(joined.group("body"))  # 作为副理事长单位加入全国…共同体
            floor = joined.end()
            found.append((body + seat.group(), joined.start("body"), joined.end()))
        elif (named := _body_named_before(text, start, seat.start())) is not None:
            found.append((named[0] + seat.group(), named[1], seat.end()))  # 承办…联盟会议并成为2个分盟主单位
    return found


_BODY_IN_CLAUSE = re.compile(_BODY_END.pattern.rstrip("$") + r"(?=会议|大会|年会|并|，|$)")


def _body_named_before(text: str, start: int, seat_start: int) -> tuple[str, int] | None:
    """The body a bare seat (成为2个分盟主单位) belongs to: the last one its clause names before it."""
    ends = list(_BODY_IN_CLAUSE.finditer(text, start, seat_start))
    if not ends:
        return None
    body_start = name_start(text, ends[-1].start(), start)
    body = tidy_name(text[body_start:ends[-1].end()])
    return (body, body_start) if len(body) >= _MIN_TITLE else None


_SEAT_THEN_BODY = re.compile(r"(?:加入|参与组建|参加|参与)(?P<body>[^，,；;。、]{2,40}?" + _BODY_END.pattern.rstrip("$") + ")")


def clause_recognitions(text: str) -> list[tuple[str, int, int, int, int]]:
    """(title, title start, title end, clause start, clause end) of each recognition of a sentence,
    one per item when the verb's object is a list, one per seat on a body (pure)."""
    found = []
    for c_start, c_end in clauses(text):
        clause = text[c_start:c_end]
        if not is_settled(clause) or _NOT_RECOGNITION.search(clause):
            continue
        seats = seat_titles(text, c_start, c_end)
        if seats:
            found += [(title, t_start, t_end, c_start, c_end) for title, t_start, t_end in seats]
            continue
        verb = RECOGNITION.search(text, c_start, c_end)
        if verb is None:
            item = _continued_item(text, c_start, c_end) if found and found[-1][4] == _previous_clause_end(text, c_start) else None
            if item is not None:
                found.append((*item, c_start, c_end))
            continue
        got = _title(text, c_start, verb, c_end)
        if got is None:
            continue
        title, t_start, t_end = got
        items = object_items(text, t_start, t_end) if t_start > c_start else []
        if verb.group() in _HOLDS:  # only the quoted names are what is held
            found += [(q.group(1), q.start(1), q.end(1), c_start, c_end)
                      for q in _QUOTED.finditer(text, t_start, c_end) if len(q.group(1)) >= _MIN_TITLE]
            continue
        if len(items) == 1 and len(quoted := quoted_run(text, t_start, t_end)) > 1:
            found += [(item, q_start, q_end, c_start, c_end) for item, q_start, q_end in quoted]
        elif len(items) > 1:
            for i_start, i_end in items:
                item = _TRAIL.sub("", tidy_name(text[i_start:i_end])).strip()
                if len(item) >= _MIN_TITLE:
                    found.append((item[:_MAX_TITLE], i_start, i_end, c_start, c_end))
        else:
            found.append((title, t_start, t_end, c_start, c_end))
    return found


_QUOTED_RUN = re.compile(r"(?P<prefix>[^“”，,；;。、]{0,16}?)(?P<run>(?:“[^“”]{2,40}”){2,})")


def quoted_run(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Titles printed as a run of quotes after a shared prefix: 全国职业院校“教学管理50强”“学生管理50强” →
    全国职业院校教学管理50强, 全国职业院校学生管理50强 (each with the offsets of its quote) (pure)."""
    m = _QUOTED_RUN.match(text, start, end)
    if m is None:
        return []
    prefix = tidy_name(m.group("prefix"))
    return [(prefix + q.group(1), q.start(1), q.end(1)) for q in _QUOTED.finditer(text, m.start("run"), m.end("run"))]


def _previous_clause_end(text: str, c_start: int) -> int:
    """Where the clause before the one at ``c_start`` ends (its separator is between)."""
    return c_start - 1 if c_start > 0 else -1


def _continued_item(text: str, c_start: int, c_end: int) -> tuple[str, int, int] | None:
    """A clause with no verb after a recognition, naming one more item of its list by a level or an
    authority (…是国家现代学徒制试点专业，云南省优质高职院校重点建设专业，…)."""
    title = _TRAIL.sub("", tidy_name(text[c_start:c_end])).strip()
    if not _MIN_TITLE <= len(title) <= _MAX_TITLE or not opens_with_level(title):
        return None
    start = c_start + text[c_start:c_end].find(title[:1])
    return title, start, start + len(title)


_BULLET = re.compile(r"^\s*[⚫●•▪◆■□◇○➢➤✓√\-–—]\s*")
_LIST_INTRO = re.compile(r"[：:]\s*$")


def bullet_title(text: str) -> tuple[str, int] | None:
    """A bulleted list item's text and where it starts ("⚫国家级高技能人才培训基地"), else None (pure)."""
    bullet = _BULLET.match(text)
    if bullet is None:
        return None
    title = tidy_name(text[bullet.end():]).rstrip("。；;")
    return (title[:_MAX_TITLE], bullet.end()) if len(title) >= _MIN_TITLE else None


def introduces_recognitions(paragraph: Paragraph) -> bool:
    """A paragraph that ends "学校先后荣获：" — the bulleted paragraphs after it are what was recognised."""
    text = paragraph.norm
    return bool(_LIST_INTRO.search(text)) and (RECOGNITION.search(text) is not None or "荣誉" in text or "称号" in text)


def _sentence_recognitions(ctx: ScopeContext, paragraph: Paragraph, sentence: Sentence, topic: NodeRef | None,
                           taken: Taken) -> None:
    doc = ctx.doc
    text = sentence.norm
    for title, t_start, t_end, c_start, c_end in clause_recognitions(text):
        start, end = sentence.raw_span(c_start, c_end)
        if already_read(taken, start, end, title):
            continue
        kind = type_of(title)
        count, _ = count_after(text, t_end)
        if count is None:
            count = count_before(text, t_start, floor=c_start)
        year, period = time_of(text[:c_end], doc, context_time(paragraph, sentence))
        holder = holder_of(ctx, sentence, t_start, paragraph.heading, topic)
        achievement = Achievement(title, kind.category if kind else "recognition",
                                  level_in(title, doc.meta.school_code) or level_in(text[c_start:t_start], doc.meta.school_code),
                                  year, period, count, holder, evidence_at(doc, start, end))
        add_achievement(ctx.facts, doc.meta.school_code, achievement)


def _listed_recognition(ctx: ScopeContext, paragraph: Paragraph, item: tuple[str, int], topic: NodeRef | None,
                        taken: Taken) -> None:
    doc = ctx.doc
    title, at = item
    start, end = paragraph.raw_span(at, len(paragraph.norm))
    if already_read(taken, start, end, title):
        return
    kind = type_of(title)
    year, period = time_of(title, doc)
    holder = topic or heading_scope(ctx, paragraph.heading, ctx.context_of(paragraph.heading))
    add_achievement(ctx.facts, doc.meta.school_code,
                    Achievement(title, kind.category if kind else "recognition", level_in(title, doc.meta.school_code),
                                year, period, None, holder, evidence_at(doc, start, end)))


# --- award-count tables ---------------------------------------------------------------------
_AWARD_TABLE = re.compile(r"获奖|奖项|竞赛|大赛|比赛|奖励")
_GRADE = re.compile(r"特等奖|一等奖|二等奖|三等奖|金奖|银奖|铜奖|优秀奖|第[一二三四五六七八九十]名|[一二三]等")
_TOTAL_LABEL = re.compile(r"^(?:合计|总计|总数|小计|共计)")
_AWARD_TAIL = re.compile(r"获奖(?:情况)?.*$")


def award_subject(caption_title: str, school_name: str) -> str:
    """"哈尔滨职业技术学院学生技能大赛获奖情况统计表" → "学生技能大赛"."""
    return _AWARD_TAIL.sub("", caption_subject(caption_title, school_name)).strip()


def award_name(subject: str, *labels: str) -> str:
    """Subject, prize grade, then the rest of the row and column labels in brackets:
    学生技能大赛一等奖（国家级和国家教指委、行业协会级）."""
    text = " ".join(label for label in labels if label)
    grade = _GRADE.search(text)
    rest = (text[:grade.start()] + text[grade.end():]).strip(" ，、") if grade else text
    name = subject + (grade.group() if grade else "")
    return f"{name}（{rest}）" if rest else name


def _award_table(ctx: ScopeContext, table: Table, taken: Taken) -> None:
    if not _AWARD_TABLE.search(table.title):
        return
    doc = ctx.doc
    subject = award_subject(table.title, doc.meta.school_name)
    context = f"{table.norm} {doc.meta.title}"
    holder = named_scope(ctx, table, len(table.norm), context) or heading_scope(ctx, table.heading, context)
    for row, index, _name, value, unit, year in table_cells(table):
        cell = row.cells[index]
        label = next((c.norm for c in row.cells[:index] if parse_decimal(c.norm) is None and c.norm.strip()), "")
        column = table.header[index] if index < len(table.header) else ""
        if (unit == "%" or value <= 0 or value != value.to_integral_value()  # 0 prizes is no achievement
                or _TOTAL_LABEL.match(label) or _TOTAL_LABEL.match(column)):
            continue
        if any(a < cell.end and cell.start < b for a, b, _ in taken):
            continue
        year_label = YEAR_LABEL.match(label)
        name = award_name(subject, column, "" if year_label else label)
        level = level_in(f"{column} {label} {table.title}", doc.meta.school_code)
        when = int(year) if year else None
        achievement = Achievement(name, "competition-award", level, when, None if when else period_of(doc, table.norm),
                                  int(value), holder, evidence_at(doc, cell.start, cell.end))
        add_achievement(ctx.facts, doc.meta.school_code, achievement)


YEAR_LABEL = re.compile(r"^\s*(?:19|20)\d{2}\s*年?度?\s*$")


@recogniser(RULE, after=("achievements",))
def extract_recognitions(doc: Document, facts: Facts) -> None:
    ctx = scope_context(doc, facts)
    taken = read_achievements(facts)
    listing = False
    apply_each(doc.tables, "award table", lambda t: _award_table(ctx, t, taken))
    for paragraph, topic in paragraph_topics(ctx):
        if in_skipped_section(paragraph):
            continue
        item = bullet_title(paragraph.norm) if listing else None
        if item is not None:
            _listed_recognition(ctx, paragraph, item, topic, taken)
            continue
        listing = introduces_recognitions(paragraph)
        apply_each(paragraph.sentences, "recognition sentence",
                   lambda s, p=paragraph, t=topic: _sentence_recognitions(ctx, p, s, t, taken))
