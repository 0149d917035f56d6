"""Secondary colleges (二级学院 / 系) and the majors that belong to them.

- Tables with a college column (所属学院 / 二级学院 / 院系 / 系部) and a major column: the college of
  each row's majors (``sg:inSecondaryCollege``).
- Prose lists ending in "等N个二级学院" / "等二级学院" / "N个二级学院", or following "二级学院…：": each listed name
  ending in 学院 or 系.
- Prose "X学院开设A、B、C 4 个专业" / "X系设有A、B等专业": the college and the majors of its clause.
- Prose "建成A学院、B学院和C学院": two or more colleges the school set up.
- Prose naming a college as a unit of the school: its party branch, staff or students
  ("马克思主义学院、机械学院 3 个党支部", "X系党总支"), or the school's own name before it
  ("哈尔滨职业技术学院国际学院").

Key = ``slug({school code}-{name})`` so two schools' 机电工程学院 stay distinct. Names that are
the school itself, an industry college (产业学院) or another institution are not colleges here.
"""

from __future__ import annotations

import re

from loaders.document.model import Cell, Document, Span
from loaders.extract import recogniser
from loaders.extract.common import apply_each, new_node, norm_evidence, school_ref, split_list
from loaders.extract.majors import add_major, major_mentions, majors_in_cell
from loaders.extract.mentions import clauses, name_start
from loaders.extract.orgnames import country_of, leading_place
from loaders.extract.tables import ColumnSpec, mapped_tables, rows_as_dicts
from loaders.facts import Evidence, Facts, NodeRef
from loaders.keys import slug

RULE = "colleges"

COLLEGE_TABLE = ColumnSpec({
    "college": (r"^(?:所属|所在)?(?:二级)?学院$", r"^(?:所属|所在)(?:院系|系部|系)$", r"^院系(?:名称)?$", r"^系部$", r"^二级学院名称$",
                r"^(?:所属|所在)?(?:二级)?教学单位(?:名称)?$"),
    "major": (r"^(?:开设|所含|包含|下设|招生|所属)?专业(?:名称|设置)?$",),
}, required=("college", "major"))

# one-character fields are colleges too (医学院, 商学院), but not a determiner (本学院, 该学院)
_COLLEGE_NAME = re.compile(r"^(?:[\u4e00-\u9fff]{1,14}学院|[\u4e00-\u9fff]{2,14}(?:系|教学部|教研部))$")
_NOT_A_COLLEGE = re.compile(r"^(?:在|向|对|为|从|于|面向|构建|建设|通过|围绕|依托|内部)|[体关联派]系$|产业学院|职业(?:技术)?学院$|大学|^学院$|本科|高职|^[本该我各全分此其原新某每]学院$")
_LEAD_VERBS = re.compile(r"^.*(?:设有|设置|拥有|包括|包含|下设|共有|建有|现有|组建|成立)")
_OFFERS = re.compile(r"(?:学院|系)(?=(?:开设|设有|下设|开办|设置)(?:了)?)")
_UNIT = r"(?:学院|(?<![体关联派])系(?![统列数])|教学部|教研部)"
# A college named as a unit of the school: its party branch, staff or students, or the school's own
# name before it ("马克思主义学院、机械学院 3 个党支部", "哈尔滨职业技术学院国际学院统计").
_UNIT_WORDS = re.compile(
    rf"((?:[\u4e00-\u9fff]{{1,14}}{_UNIT}、)*[\u4e00-\u9fff]{{1,14}}{_UNIT})\s*(?:\d+|[一二两三四五六七八九十]+)?\s*个?\s*"
    r"(?:党总支|党支部|党委|团总支|分团委|教工|师生|全体教师|教师团队|教学团队|牵头建设|牵头|独立设置|独立建制)")
# "建成A学院、B学院和C学院": colleges the school set up (two or more, none an industry college)
_BUILT_COLLEGES = re.compile(r"(?:建成|成立|组建|设立|新设)((?:[\u4e00-\u9fff“”]{2,14}、)+[\u4e00-\u9fff“”、和及]{2,30}学院)")
# "设有九个二级学院，分别为：A、B和C" / "二级学院：A、B、C": the list after the colon
_COLLEGES_AFTER = re.compile(r"二级学院(?:[^：:。；;]{0,10})[：:]\s*([^。；;]{4,200})")
# "A、B等二级学院", "A、B等9个二级学院", "A、…、J10个二级学院" (a count closes the list as 等 does)
_LISTED_COLLEGES = re.compile(r"([\u4e00-\u9fff、]{4,160}?)(?:等\s*(?:\d+|[一二两三四五六七八九十]+)?|\s*(?:\d+|[一二两三四五六七八九十]+))"
                              r"\s*个?\s*二级学院")


def is_college_name(name: str, school_name: str) -> bool:
    """A college of the school: not the school, an industry college, another institution or one abroad
    (新加坡南洋理工学院师生 names a foreign school's staff)."""
    place = leading_place(name)
    return (bool(_COLLEGE_NAME.match(name)) and name != school_name and not _NOT_A_COLLEGE.search(name)
            and (place is None or country_of(place) is None))


def add_college(doc: Document, facts: Facts, name: str, evidence: Evidence) -> NodeRef:
    node = new_node("SecondaryCollege", slug(f"{doc.meta.school_code}-{name}"), name, RULE, evidence)
    ref = facts.node(node)
    facts.link(school_ref(doc), "hasSecondaryCollege", ref, [evidence])
    return ref


def _college_rows(doc: Document, facts: Facts) -> None:
    for table, mapping in mapped_tables(doc, COLLEGE_TABLE):

        def one_row(row: dict[str, Cell]) -> None:
            cell = row["college"]
            if not is_college_name(cell.norm, doc.meta.school_name):
                return
            ev = norm_evidence(doc, cell, 0, len(cell.norm))
            college = add_college(doc, facts, cell.norm, ev)
            for major in majors_in_cell(doc, facts, row["major"], RULE):
                facts.link(major, "inSecondaryCollege", college, [ev, norm_evidence(doc, row["major"], 0, len(row["major"].norm))])

        apply_each(rows_as_dicts(table, mapping, fill_down=["college"]), "college row", one_row)


def _listed_colleges(doc: Document, facts: Facts, span: Span) -> None:
    for m in _LISTED_COLLEGES.finditer(span.norm):
        for name, i, j in split_list(m.group(1)):
            lead = _LEAD_VERBS.match(name)
            if lead:
                name, i = name[lead.end():], i + lead.end()
            if is_college_name(name, doc.meta.school_name):
                add_college(doc, facts, name, norm_evidence(doc, span, m.start(1) + i, m.start(1) + j))


def _split_on_and(name: str, i: int) -> list[tuple[str, int, int]]:
    """"数字媒体与设计学院和马克思主义学院" → two colleges (和 between two complete names)."""
    for m in re.finditer("和|及", name):
        left, right = name[:m.start()], name[m.end():]
        if re.search(_UNIT + "$", left) and re.search(_UNIT + "$", right):
            return [(left, i, i + m.start()), (right, i + m.end(), i + len(name))]
    return [(name, i, i + len(name))]


def _colleges_listed_after(doc: Document, facts: Facts, span: Span) -> None:
    for m in _COLLEGES_AFTER.finditer(span.norm):
        for item, i, _ in split_list(m.group(1)):
            for name, a, b in _split_on_and(item, i):
                if is_college_name(name, doc.meta.school_name):
                    add_college(doc, facts, name, norm_evidence(doc, span, m.start(1) + a, m.start(1) + b))


def _colleges_built(doc: Document, facts: Facts, span: Span) -> None:
    for m in _BUILT_COLLEGES.finditer(span.norm):
        names = [(name, a, b) for item, i, _ in split_list(m.group(1)) for name, a, b in _split_on_and(item, i)]
        colleges = [(n.strip("“”"), a, b) for n, a, b in names if is_college_name(n.strip("“”"), doc.meta.school_name)]
        if len(colleges) < 2 or len(colleges) < len(names) - 1:
            continue  # not a list of colleges (one item that is not a college at most: 柳州工匠学 printed cut)
        for name, a, b in colleges:
            add_college(doc, facts, name, norm_evidence(doc, span, m.start(1) + a, m.start(1) + b))


def _colleges_offering_majors(doc: Document, facts: Facts, span: Span) -> None:
    """"机械工程学院开设机械制造及自动化、数控技术 2 个专业": the majors listed in the college's clause."""
    text = span.norm
    for clause_start, clause_end in clauses(text):
        for m in _OFFERS.finditer(text, clause_start, clause_end):
            start = name_start(text, m.start(), clause_start)
            name = text[start:m.end()]
            if not is_college_name(name, doc.meta.school_name):
                continue
            ev = norm_evidence(doc, span, start, m.end())
            college = add_college(doc, facts, name, ev)
            for mention in major_mentions(text[m.end():clause_end]):
                i, j = m.end() + mention.start, m.end() + mention.end
                major = add_major(doc, facts, text[i:j], norm_evidence(doc, span, i, j), RULE)
                if major is not None:
                    facts.link(major, "inSecondaryCollege", college, [ev, norm_evidence(doc, span, i, j)])


def _colleges_as_units(doc: Document, facts: Facts, span: Span) -> None:
    text = span.norm
    found = [(m.start(1), m.group(1)) for m in _UNIT_WORDS.finditer(text)]
    own = doc.meta.school_name
    own_reference = rf"(?:{re.escape(own)}|我院|我校|本院|本校)"  # the school by name or as 我院
    found += [(m.start(1), m.group(1)) for m in re.finditer(rf"{own_reference}([\u4e00-\u9fff]{{2,12}}?{_UNIT})", text)]
    for at, listed in found:
        for name, i, j in split_list(listed):
            start = name_start(name, len(name))
            name, i = name[start:], i + start
            lead = _LEAD_VERBS.match(name)
            if lead:
                name, i = name[lead.end():], i + lead.end()
            if is_college_name(name, own):
                add_college(doc, facts, name, norm_evidence(doc, span, at + i, at + j))


@recogniser(RULE, after=("majors",))
def extract_colleges(doc: Document, facts: Facts) -> None:
    _college_rows(doc, facts)
    apply_each(doc.sentences, "college sentence", lambda s: _listed_colleges(doc, facts, s))
    apply_each(doc.sentences, "college sentence", lambda s: _colleges_offering_majors(doc, facts, s))
    apply_each(doc.sentences, "college sentence", lambda s: _colleges_as_units(doc, facts, s))
    apply_each(doc.sentences, "college sentence", lambda s: _colleges_listed_after(doc, facts, s))
    apply_each(doc.sentences, "college sentence", lambda s: _colleges_built(doc, facts, s))
