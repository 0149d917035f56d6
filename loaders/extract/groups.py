"""Professional groups (专业群, 专业集群, 特色专业群): name, level, category, lead major, members.

Sources, in order:
- tables whose header has a group column (专业群/专业集群名称) and core/member columns
  (核心专业/龙头专业, 包含专业/组群专业);
- prose lists "建设A和B2个高水平专业群" (A, B: catalogue majors → their groups);
- group names "{catalogue major}(特色|高水平)?专业(集)?群" in headings, captions and sentences;
- members listed right after a group name in prose: "X专业群包含A、B和C等N个专业" / "由A、B组成"
  (only catalogue majors are taken as members).

Key = ``{school code}-{slug(canonical name)}``; the canonical name is the lead major + 专业群, so
机电一体化技术特色专业群 and 机电一体化技术专业群 are one group (the printed name kept as alt label).
Level: national when the mention sits in a 双高/中国特色高水平 context (caption, heading or sentence),
provincial when 省级 is printed just before it or a level phrase just after ("…于 2020 年入选陕西省高水平
专业群", "…新获省级立项"), or when a "其中，…" sentence follows one announcing "N 个专业群入选…省…专业群";
else left open. Member lists may mark the lead ("A（牵头）、B和C 3 个专业构成") and may follow "该群以A为核心，另含…".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from loaders.document.model import Cell, Document, Span
from loaders.extract import recogniser
from loaders.extract.common import apply_each, heading_titles, new_node, norm_evidence, school_ref, split_list
from loaders.extract.lexicon import MajorLink, level_iri, link_major, major_gazetteer
from loaders.extract.majors import add_major, catalogue_runs, majors_in_cell
from loaders.extract.mentions import level_in
from loaders.extract.tables import ColumnSpec, mapped_tables, rows_as_dicts
from loaders.facts import Evidence, Facts, NodeRef
from loaders.keys import slug

RULE = "groups"

GROUP_TABLE = ColumnSpec({
    "group": (r"专业(?:集)?群(?:名称)?$", r"^群名称$"),
    "lead": (r"核心专业|龙头专业|牵头专业|带头专业",),
    "members": (r"包含专业|组群专业|群内专业|专业构成|组成专业|其他专业",),
    "level": (r"^(?:级别|层级|层次|建设级别|立项级别)$",),
}, required=("group",))

# A table listing one group's majors, the group named only in its caption ("表1-1 汽检专业群专业构成及在校生规模").
MEMBER_TABLE = ColumnSpec({"major": (r"^专业(?:名称)?$",), "role": (r"群内定位|定位|群内角色",)}, required=("major",))
_COMPOSITION_CAPTION = re.compile(r"专业构成|组成|构成|组群|群内专业")
_LEAD_ROLE_CELL = re.compile(r"核心|龙头|牵头|带头")

_GROUP_SUFFIX = r"(?:特色|高水平|骨干|重点|品牌)?专业(?:集)?群"
_GROUP_NAME = re.compile(_GROUP_SUFFIX + "$")
_NATIONAL_CONTEXT = re.compile(r"双高|中国特色高水平|国家级高水平|国家级")
_PROVINCIAL_BEFORE = re.compile(r"(?:省级|省|自治区级)(?:高水平|特色|重点|骨干|品牌)?$")
# "…获批省级高水平专业群", "…入选陕西省高水平专业群", "…新获省级立项"
# "…通过天津市高水平专业群立项", "…立项为校级重点建设专业群": the level word is read by mentions.level_in
_LEVEL_PHRASE = (r"(省级|国家级|校级|院级|自治区级?|省|[\u4e00-\u9fff]{2,3}市级?)(?:高等职业教育|高职)?"
                 r"(?:高水平|特色|重点|骨干|品牌)?(?:建设)?(?:专业(?:集)?群|立项)")
_LEVEL_AFTER = re.compile(r"^[^，。；]{0,12}?" + _LEVEL_PHRASE)
# "学校另有 2 个专业群入选江苏省高水平专业群。其中，A专业群…": the level a 其中 sentence's groups inherit
_ANNOUNCED_LEVEL = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)\s*个[^。；]{0,6}专业(?:集)?群[^。；]{0,20}?" + _LEVEL_PHRASE)
_FOLLOWS_ANNOUNCEMENT = re.compile(r"^其中")
_COUNTED_GROUPS = re.compile(r"\s*(\d+|[一二两三四五六七八九十]+)\s*个\s*(国家级)?(?:高水平|特色)?专业(?:集)?群")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters that end the word before a name (particles, verbs, measure words, 学院/我院 …).
_WORD_ENDS = set("设造的和及了在将对是为以由中等个群院校各与建有含括")
_AFTER_YEAR = re.compile(r"\d\s*年度?$")
_LEAD_VERBS = re.compile(r"^.*?(?:用于建设|建设了|建设|建立了|建立|组建了|组建|成立了|成立|带动|打造|形成|包括|建成|立项|获批|重点|开设|其中|有)+")
_COUNTED_LIST = re.compile(
    r"(?P<items>[\u4e00-\u9fff、]{4,80}?)等?\s*(?:\d+|[一二两三四五六七八九十]+)\s*[个大]\s*(?:国家级|省级|市级|校级|院级)?(?:高水平|特色|骨干)?专业(?:集)?群")
_LIST_ITEM = re.compile(r"[^、和及]+")
# "X专业群层面（以下简称“专业群”）", "牵头建设X专业群（以下简称“汽检专业群”）": the group the report is about
_ALIAS_OF_GROUP = re.compile(r"[（(]以下简称[“\"「]?(?:本|([\u4e00-\u9fff]{2,4}))?专业群")
# A group referred to without its name: the report's own group. A bare 专业群 counts only where it opens
# a clause ("截至 2021 年底，专业群三年建设任务…"); inside a name ("数控技术专业群") it is part of that name.
BARE_GROUP_REFERENCE = re.compile(r"本专业(?:集)?群|该专业(?:集)?群|专业(?:集)?群层面|(?<![^，。；：,;:\s])专业(?:集)?群")
_MEMBER_LIST = re.compile(
    r"(?:包含|包括|涵盖|覆盖|下设|设有|共有|另含|另有|还有|含有|含|由|有)(?P<items>[\u4e00-\u9fff、，,和及与（）()]{2,120}?)"
    r"(?:等\s*(?:共\s*)?(?:\d+|[一二两三四五六七八九十]+)\s*个\s*专业|(?:等|共)?\s*(?:\d+|[一二两三四五六七八九十]+)?\s*个?\s*专业(?:组成|构成)?(?=[，。；,;]|$)|组成|构成)")
_AND = re.compile(r"[和及与]")
_ROLE_MARK = re.compile(r"[（(](?:牵头|核心|龙头|骨干)(?:专业)?[）)]$")
_BARE_SUFFIX = re.compile(r"专业(?:集)?群")
# after an abbreviation a bare 群 is enough: "鞋艺群" (鞋类设计与工艺专业群, 以下简称“鞋艺群”)
_ABBREVIATION_SUFFIX = re.compile(r"专业(?:集)?群|群(?![众体落组聊])")
_CLASS_GROUP = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,16}类)(?:特色|高水平)?专业(?:集)?群")


@dataclass(frozen=True, slots=True)
class GroupMention:
    lead_printed: str
    start: int  # of the whole mention in the searched text
    end: int
    lead_end: int
    full_name: str | None = None  # the group an abbreviation stands for ("机制专业群" → 机械制造与自动化专业群)


def canonical_group_name(printed: str) -> tuple[str, str]:
    """(lead major as printed, canonical group name): "机电一体化技术特色专业群" → ("机电一体化技术", "机电一体化技术专业群").

    The group keeps the lead major's printed name (groups are named by the school, not the catalogue).
    """
    lead = _GROUP_NAME.sub("", printed.strip())
    return lead, f"{lead}专业群"


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def names_a_group(cell: str) -> bool:
    """A table cell that can name a group: words, not a number (a column headed by a group's name
    holds its figures: "航海技术专业群 | 3")."""
    return len(_CJK_CHAR.findall(cell)) >= 2


def group_key(school_code: str, canonical: str) -> str:
    return f"{school_code}-{slug(canonical)}"


def _left_boundary(text: str, start: int) -> bool:
    """A group name starts a word: 生态康养护理专业群 is not 护理专业群."""
    return (start == 0 or not _CJK.match(text[start - 1]) or text[start - 1] in _WORD_ENDS
            or _AFTER_YEAR.search(text, 0, start) is not None)


def group_mentions(text: str) -> list[GroupMention]:
    """Groups named after a catalogue major: "数控技术专业群", "电子商务特色专业群"."""
    found = []
    for m in major_gazetteer().find(text):
        suffix = re.match(_GROUP_SUFFIX, text[m.end:])
        if suffix and _left_boundary(text, m.start):
            found.append(GroupMention(text[m.start:m.end], m.start, m.end + suffix.end(), m.end))
    return found


def known_group_leads(facts: Facts) -> tuple[str, ...]:
    """Lead names of the groups found so far (tables name groups whose lead is no catalogue spelling)."""
    return tuple(sorted({canonical_group_name(node.label)[0] for node in facts.nodes.values()
                         if node.kind == "ProfessionalGroup"}, key=lambda lead: (-len(lead), lead)))


def _overlaps(found: list[GroupMention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in found)


def _is_abbreviation(short: str, lead: str) -> bool:
    """"机制" abbreviates 机械制造与自动化: same first character, the rest in order."""
    if short[0] != lead[0] or short == lead:
        return False
    rest = iter(lead[1:])
    return all(char in rest for char in short[1:])


def _abbreviated(text: str, leads: tuple[str, ...], found: list[GroupMention]) -> list[GroupMention]:
    """"机制专业群": 2–4 characters before 专业群 that abbreviate exactly one known group (longest first)."""
    out: list[GroupMention] = []
    for suffix in _ABBREVIATION_SUFFIX.finditer(text):
        at = suffix.start()
        for size in (4, 3, 2):
            short = text[at - size:at] if at >= size else ""
            if len(short) != size or not all(_CJK.match(c) for c in short) or _overlaps(found, at - size, suffix.end()):
                continue
            meant = [lead for lead in leads if _is_abbreviation(short, lead)]
            if len(meant) == 1:
                out.append(GroupMention(short, at - size, suffix.end(), at, f"{meant[0]}专业群"))
                break
    return out


def report_group_mentions(text: str, leads: tuple[str, ...] = ()) -> list[GroupMention]:
    """Group names in ``text``: catalogue-major names (:func:`group_mentions`), the names of groups the
    report already named (``leads``, e.g. from a table: "材料成型与控制技术专业群"), and abbreviations
    of those ("机制专业群")."""
    found = group_mentions(text)
    for lead in leads:
        for m in re.finditer(re.escape(lead) + _GROUP_SUFFIX, text):
            if _left_boundary(text, m.start()) and not _overlaps(found, m.start(), m.end()):
                found.append(GroupMention(lead, m.start(), m.end(), m.start() + len(lead)))
    found += _abbreviated(text, leads, found)
    return sorted(found, key=lambda m: m.start)


def add_mentioned_group(doc: Document, facts: Facts, span: Span, mention: GroupMention, level: str | None,
                        offset: int = 0) -> NodeRef:
    """The group a mention in ``span.norm`` (at ``offset`` + the mention's offsets) names."""
    start, end = offset + mention.start, offset + mention.end
    evidence = norm_evidence(doc, span, start, end)
    if mention.full_name is None:
        # a mention names the lead major only when the name is a catalogue major's; a group named
        # otherwise (生态康养护理专业群) gets its lead from a table or a sentence that says so
        return add_group(doc, facts, span.norm[start:end], evidence, level,
                         norm_evidence(doc, span, start, offset + mention.lead_end),
                         lead_major=link_major(mention.lead_printed).code is not None)
    ref = add_group(doc, facts, mention.full_name, evidence, level, lead_major=False)
    facts.nodes[ref].alt_labels.add(span.norm[start:end])
    return ref


@dataclass(frozen=True, slots=True)
class OwnGroup:
    """Where a report names the group it calls just 专业群 / 本专业群."""

    span: Span
    mention: GroupMention
    context: str


def own_group(doc: Document, leads: tuple[str, ...] = ()) -> OwnGroup | None:
    """The group meant by a bare 专业群: the one defined "X专业群层面（以下简称“专业群”）", else the only
    group the headings name, else the only group the whole text names (a 专业群-level report).
    ``leads``: groups already found (:func:`known_group_leads`), so that headings naming two count two."""
    abbreviated: OwnGroup | None = None  # "X专业群（以下简称“汽检专业群”）": one group given a short name
    for paragraph in doc.paragraphs:
        for sentence in paragraph.sentences:
            alias = _ALIAS_OF_GROUP.search(sentence.norm)
            named = [g for g in group_mentions(sentence.norm) if alias and g.end <= alias.start()]
            if named and alias and alias.group(1) is None:
                return OwnGroup(sentence, named[-1], heading_titles(paragraph.heading))
            if named and abbreviated is None:
                abbreviated = OwnGroup(sentence, named[-1], heading_titles(paragraph.heading))
    in_headings = _distinct_groups(((heading, " ".join(heading.path)) for heading in doc.headings), leads)
    if in_headings:  # headings naming two groups: a bare 专业群 could be either
        return in_headings[0] if len(in_headings) == 1 else None
    if abbreviated is not None:
        return abbreviated
    in_text = _distinct_groups(((sentence, heading_titles(paragraph.heading))
                                for paragraph in doc.paragraphs for sentence in paragraph.sentences), leads)
    return in_text[0] if len(in_text) == 1 else None


def _distinct_groups(spans: Iterable[tuple[Span, str]], leads: tuple[str, ...]) -> list[OwnGroup]:
    """The groups these spans name, one per canonical name, each at its first mention."""
    first: dict[str, OwnGroup] = {}
    for span, context in spans:
        for mention in report_group_mentions(span.norm, leads):
            name = mention.full_name or canonical_group_name(mention.lead_printed)[1]
            first.setdefault(name, OwnGroup(span, mention, context))
    return list(first.values())


def add_own_group(doc: Document, facts: Facts, own: OwnGroup) -> NodeRef:
    text, m = own.span.norm, own.mention
    level = level_in_context(text[:m.start], f"{text} {own.context} {doc.meta.title}", text[m.end:])
    return add_mentioned_group(doc, facts, own.span, m, level)


def _strip_lead(item: str) -> int:
    """How many leading characters of a list item are a verb phrase ("用于建设", "带动")."""
    m = _LEAD_VERBS.match(item)
    return m.end() if m else 0


def counted_group_list(text: str) -> list[GroupMention]:
    """"建设机电一体化技术和电子商务2个高水平专业群" / "带动新一代信息技术、新能源汽车技术等6个省级高水平专业群"
    → one mention per listed name (names need not be catalogue majors)."""
    out: list[GroupMention] = []
    for m in _COUNTED_LIST.finditer(text):
        items = list(_LIST_ITEM.finditer(m.group("items")))
        if len(items) < 2 and not m.group("items").endswith("类"):  # "智能装备制造类等 17 个专业群": one is named
            continue
        for item in items:
            start = m.start("items") + item.start()
            start += _strip_lead(text[start:m.start("items") + item.end()])
            end = m.start("items") + item.end()
            named = _GROUP_NAME.search(text, start, end)  # "A专业群和B专业群两个专业群": the items are full names
            lead_end = named.start() if named and named.start() > start else end
            if 2 <= lead_end - start <= 14:
                out.append(GroupMention(text[start:lead_end], start, end, lead_end))
    return out


# A group of any name, where the words before it make it one: the school's own name or a verb that
# builds or leads one ("哈尔滨职业技术学院航空装备应用技术专业群开发…", "组建生态康养护理专业群").
_NAMED_BY_CONTEXT = r"(?:组建|打造|新建|牵头建设|重点建设|依托)"
_GENERIC_GROUP_WORDS = re.compile(r"^(?:[各个本该全新多几两一其]|高水平|特色|品牌|骨干|重点|国家级|省级|校级|院级|一批|相关|若干|优势|专业)+$")


# …or opening a clause that lists its majors: "；生态康养护理专业群有护理等共 5 个专业"
_SUBJECT_WITH_MEMBERS = re.compile(r"(?:^|[，。；：,;:])(?P<name>[\u4e00-\u9fff]{3,14}?)(?:特色|高水平)?专业(?:集)?群"
                                   r"(?=有|包括|包含|涵盖|由|共有|下设)")


def named_group_mentions(text: str, school_name: str) -> list[GroupMention]:
    """Groups whose name is no catalogue major, named after the school's own name or a building verb,
    or opening a clause that lists their majors."""
    out = []
    for m in _SUBJECT_WITH_MEMBERS.finditer(text):
        name = m.group("name")
        if not _GENERIC_GROUP_WORDS.match(name) and not name.startswith(("其中", "本", "该")):
            out.append(GroupMention(name, m.start("name"), m.end(), m.end("name")))
    lead = rf"(?:{re.escape(school_name)}|{_NAMED_BY_CONTEXT})"
    for m in re.finditer(lead + r"(?P<name>[\u4e00-\u9fff]{3,14}?)(?:特色|高水平)?专业(?:集)?群", text):
        name = m.group("name")
        if _GENERIC_GROUP_WORDS.match(name) or "、" in name:
            continue
        out.append(GroupMention(name, m.start("name"), m.end(), m.end("name")))
    return out


def class_group_mentions(text: str) -> list[GroupMention]:
    """Groups named after a field: "新一代信息技术类专业群" (the 类 kept in the name)."""
    out = []
    for m in _CLASS_GROUP.finditer(text):
        start = m.start() + _strip_lead(m.group("name"))
        out.append(GroupMention(text[start:m.end("name")], start, m.end(), m.end("name")))
    return out


def level_in_context(text_before: str, context: str, text_after: str = "") -> str | None:
    """Level of a group mention: 省级 just before or "…获批省级高水平专业群" just after, else 双高 context."""
    after = _LEVEL_AFTER.match(text_after)
    if after:
        return level_in(after.group(1)) or "provincial"
    if _PROVINCIAL_BEFORE.search(text_before):
        return "provincial"
    if _NATIONAL_CONTEXT.search(context):
        return "national"
    return None


def add_group(doc: Document, facts: Facts, printed: str, evidence: Evidence, level: str | None,
              lead_evidence: Evidence | None = None, lead_major: bool = True) -> NodeRef:
    """The school's group (created or merged) with its lead major, linked from the school."""
    lead, canonical = canonical_group_name(printed)
    node = new_node("ProfessionalGroup", group_key(doc.meta.school_code, canonical), canonical, RULE, evidence)
    if printed != canonical:
        node.alt_labels.add(printed)
    if level is not None:
        node.add("level", level_iri(level))
        if level == "national":
            node.add("category", "国家级高水平专业群")
    if "特色" in printed:
        node.add("category", "特色专业群")
    ref = facts.node(node)
    facts.link(school_ref(doc), "hasGroup", ref, [evidence])
    # a lead read from a table/name is kept even if unmatched; one inferred from a list must be a catalogue major
    explicit = lead_evidence is not None or link_major(lead).code is not None
    major = add_major(doc, facts, lead, lead_evidence or evidence, RULE) if lead_major and explicit else None
    if major is not None:
        facts.link(ref, "leadMajor", major, [lead_evidence or evidence])
        facts.link(ref, "hasMember", major, [lead_evidence or evidence])
    return ref


def _groups_from_tables(doc: Document, facts: Facts) -> None:
    for table, mapping in mapped_tables(doc, GROUP_TABLE):
        context = f"{table.title} {heading_titles(table.heading)}"

        def one_row(row: dict, context: str = context) -> None:
            group_cell = row["group"]
            level_cell = row.get("level")
            level = (level_cell and level_in(level_cell.norm, doc.meta.school_code)) or level_in_context("", context)
            lead_cell = row.get("lead")
            name = group_cell.norm
            if not names_a_group(name):
                return
            if not re.search(_GROUP_SUFFIX, name):
                name += "专业群"
            ref = add_group(doc, facts, name, norm_evidence(doc, group_cell, 0, len(group_cell.norm)), level,
                            None if lead_cell is None else norm_evidence(doc, lead_cell, 0, len(lead_cell.norm)))
            if "members" in row:
                for major in majors_in_cell(doc, facts, row["members"], RULE):
                    facts.link(ref, "hasMember", major, [norm_evidence(doc, row["members"], 0, len(row["members"].norm))])

        apply_each(rows_as_dicts(table, mapping), "group row", one_row)


def _members_from_captioned_tables(doc: Document, facts: Facts) -> None:
    """Rows of a composition table whose caption names one group (by name, or by the abbreviation the report
    uses once the full name is known): its members, and its lead where a role column says 核心/龙头."""
    leads = known_group_leads(facts)
    with_group_column = {id(table) for table, _ in mapped_tables(doc, GROUP_TABLE)}
    for table, mapping in mapped_tables(doc, MEMBER_TABLE):
        mentions = report_group_mentions(table.norm, leads)
        named = {m.full_name or table.norm[m.start:m.end] for m in mentions}
        if id(table) in with_group_column or len(named) != 1 or not _COMPOSITION_CAPTION.search(table.norm):
            continue
        group = add_mentioned_group(doc, facts, table, mentions[0], None)

        def one_row(row: dict[str, Cell], group: NodeRef = group) -> None:
            evidence = norm_evidence(doc, row["major"], 0, len(row["major"].norm))
            is_lead = "role" in row and _LEAD_ROLE_CELL.search(row["role"].norm)
            for major in majors_in_cell(doc, facts, row["major"], RULE):
                facts.link(group, "hasMember", major, [evidence])
                if is_lead:
                    facts.link(group, "leadMajor", major, [evidence, norm_evidence(doc, row["role"], 0, len(row["role"].norm))])

        apply_each(rows_as_dicts(table, mapping), "member row", one_row)


def listed_members(text: str) -> list[tuple[str, int, int]]:
    """Catalogue majors listed at the start of ``text`` (right after a group name): "包含A、B和C专业"."""
    m = _MEMBER_LIST.match(text)
    if m is None:
        return []
    out = []
    for item, i, j in split_list(m.group("items")):
        role = _ROLE_MARK.search(item)  # "电气自动化技术（牵头）"
        if role:
            item, j = item[:role.start()], i + role.start()
        out += [(name, m.start("items") + a, m.start("items") + b) for name, a, b in _joined_majors(item, i, j)]
    return out


def _joined_majors(item: str, i: int, j: int) -> list[tuple[str, int, int]]:
    """One catalogue major, or two joined by 和/及/与 ("电气自动化技术和机械制造及自动化"), else none."""
    if link_major(item).code:
        return [(item, i, j)]
    for c in _AND.finditer(item):
        left, right = item[:c.start()], item[c.end():]
        if link_major(left).code and link_major(right).code:
            return [(left, i, i + c.start()), (right, i + c.end(), j)]
    return []


def majors_listed_in(text: str) -> list[tuple[str, int, int, MajorLink]]:
    """Catalogue majors a group's sentence lists after its name, however it introduces them
    ("另含A、B、C 3 个专业", "组群专业为A、B和C", "B、C 2 个专业参与组群"): every run of two or more
    catalogue majors separated only by 、/和/及, plus a single one printed as "X专业"."""
    out: list[tuple[str, int, int, MajorLink]] = []
    for run in catalogue_runs(text):
        if len(run) >= 2 or text.startswith("专业", run[-1].end) and not text.startswith("专业群", run[-1].end):
            out += [(text[m.start:m.end], m.start, m.end, m.link) for m in run]
    return out


def _add_members(doc: Document, facts: Facts, span: Span, group: NodeRef, after: int, until: int | None = None) -> None:
    members = [(*m, None) for m in listed_members(span.norm[after:until])] or majors_listed_in(span.norm[after:until])
    for name, i, j, link in members:
        evidence = norm_evidence(doc, span, after + i, after + j)
        major = add_major(doc, facts, name, evidence, RULE, link)
        if major is not None:
            facts.link(group, "hasMember", major, [evidence])


def announced_level(previous: str, text: str) -> str | None:
    """The level a "其中，…" sentence's groups take from the sentence before, when that one announces
    "N 个专业群入选…省…高水平专业群" (else None)."""
    if not _FOLLOWS_ANNOUNCEMENT.match(text):
        return None
    m = _ANNOUNCED_LEVEL.search(previous)
    if m is None:
        return None
    return level_in(m.group(1)) or "provincial"


def _groups_in_span(doc: Document, facts: Facts, span: Span, context: str, announced: str | None = None) -> None:
    """``announced``: the level the sentence before gave the groups this one names (see :func:`announced_level`)."""
    text = span.norm
    for mention in counted_group_list(text):
        counted = _COUNTED_LIST.search(text, mention.start)
        phrase = counted.group() if counted else ""
        level = "provincial" if "省级" in phrase else level_in_context(text[:mention.start], f"{phrase} {text} {context}")
        add_group(doc, facts, mention.lead_printed + "专业群", norm_evidence(doc, span, mention.start, mention.end), level)
    for mention in named_group_mentions(text, doc.meta.school_name):
        if not group_mentions(text[mention.start:mention.end]):  # a catalogue name is read below
            add_group(doc, facts, text[mention.start:mention.end], norm_evidence(doc, span, mention.start, mention.end),
                      None, lead_major=False)
    for mention in class_group_mentions(text):
        ref = add_group(doc, facts, text[mention.start:mention.end], norm_evidence(doc, span, mention.start, mention.end),
                        None, lead_major=False)
        _add_members(doc, facts, span, ref, mention.end)
    mentions = group_mentions(text)
    followings = [m.start for m in mentions[1:]] + [len(text)] if mentions else []
    for mention, following in zip(mentions, followings, strict=True):
        level = level_in_context(text[:mention.start], f"{text[:mention.end + 20]} {context}", text[mention.end:]) or announced
        ref = add_group(doc, facts, text[mention.start:mention.end], norm_evidence(doc, span, mention.start, mention.end),
                        level, norm_evidence(doc, span, mention.start, mention.lead_end))
        _add_members(doc, facts, span, ref, mention.end, following)


@recogniser(RULE, after=("majors", "colleges"))
def extract_groups(doc: Document, facts: Facts) -> None:
    _groups_from_tables(doc, facts)
    for table in doc.tables:
        apply_each([table], "table caption", lambda t: _groups_in_span(doc, facts, t, ""))
    for heading in doc.headings:
        apply_each([heading], "heading", lambda h: _groups_in_span(doc, facts, h, doc.meta.title))
    for paragraph in doc.paragraphs:
        context = heading_titles(paragraph.heading)
        previous = ["", *(sentence.norm for sentence in paragraph.sentences)]
        apply_each(list(enumerate(paragraph.sentences)), "sentence",
                   lambda item, c=context, before=previous: _groups_in_span(
                       doc, facts, item[1], c, announced_level(before[item[0]], item[1].norm)))
    _members_from_captioned_tables(doc, facts)  # last: an abbreviation is known once prose has named the group
    _members_of_own_group(doc, facts)


_BARE_SUBJECT = re.compile(r"^(?:[一二三四五六七八九十]+是|[（(]?\d+[）)、.．])?\s*(?:本|该)?专业(?:集)?群(?!名称)")


def _members_of_own_group(doc: Document, facts: Facts) -> None:
    """"专业群以A专业为核心，包括B、C、D 3 个专业": a sentence whose subject is the bare 专业群 lists the
    members of the report's own group (see :func:`own_group`); one whose subject is a group's
    abbreviation ("鞋艺群以…为核心专业，组群专业包括A、B") lists that group's."""
    leads = known_group_leads(facts)
    own = own_group(doc, leads)
    for sentence in doc.sentences:
        if group_mentions(sentence.norm):
            continue  # a sentence naming a group by its catalogue name is read by _groups_in_span
        subject = _BARE_SUBJECT.match(sentence.norm)
        if subject is not None and own is not None:
            _add_members(doc, facts, sentence, add_own_group(doc, facts, own), subject.end())
            continue
        named = next(iter(report_group_mentions(sentence.norm, leads)), None)
        if named is not None and named.full_name is not None and named.start <= _SUBJECT_REACH:
            group = add_mentioned_group(doc, facts, sentence, named, None)
            _add_members(doc, facts, sentence, group, named.end)


_SUBJECT_REACH = 6  # characters a sentence's subject may stand after its start (一是, （1）)
