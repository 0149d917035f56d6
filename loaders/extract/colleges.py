"""Secondary colleges (二级学院 / 系) and the majors that belong to them.

- Tables with a college column (所属学院 / 二级学院 / 院系 / 系部) and a major column: the college of
  each row's majors (``sg:inSecondaryCollege``).
- Prose lists ending in "等N个二级学院" / "等二级学院": each listed name ending in 学院 or 系.
- Prose "X学院开设A、B、C 4 个专业" / "X系设有A、B等专业": the college and the majors of its clause.

Key = ``slug({school code}-{name})`` so two schools' 机电工程学院 stay distinct. Names that are
the school itself, an industry college (产业学院) or another institution are not colleges here.
"""

from __future__ import annotations

import re

from kg.ids import slug
from loaders.document.model import Cell, Document, Span
from loaders.extract import recogniser
from loaders.extract.common import apply_each, new_node, norm_evidence, school_ref, split_list
from loaders.extract.majors import add_major, major_mentions, majors_in_cell
from loaders.extract.mentions import clauses, name_start
from loaders.extract.tables import ColumnSpec, mapped_tables, rows_as_dicts
from loaders.facts import Evidence, Facts, NodeRef

RULE = "colleges"

COLLEGE_TABLE = ColumnSpec({
    "college": (r"^(?:所属|所在)?(?:二级)?学院$", r"^(?:所属|所在)(?:院系|系部|系)$", r"^院系(?:名称)?$", r"^系部$", r"^二级学院名称$",
                r"^(?:所属|所在)?(?:二级)?教学单位(?:名称)?$"),
    "major": (r"^(?:开设|所含|包含|下设|招生|所属)?专业(?:名称|设置)?$",),
}, required=("college", "major"))

# one-character fields are colleges too (医学院, 商学院), but not a determiner (本学院, 该学院)
_COLLEGE_NAME = re.compile(r"^(?:[\u4e00-\u9fff]{1,14}学院|[\u4e00-\u9fff]{2,14}系)$")
_NOT_A_COLLEGE = re.compile(r"产业学院|职业(?:技术)?学院$|大学|^学院$|本科|高职|^[本该我各全分此其原新某每]学院$")
_LEAD_VERBS = re.compile(r"^.*(?:设有|设置|拥有|包括|包含|下设|共有|建有|现有|组建|成立)")
_OFFERS = re.compile(r"(?:学院|系)(?=(?:开设|设有|下设|开办|设置)(?:了)?)")
_LISTED_COLLEGES = re.compile(r"([\u4e00-\u9fff、]{4,120}?)等\s*(?:\d+|[一二两三四五六七八九十]+)?\s*个?\s*二级学院")


def is_college_name(name: str, school_name: str) -> bool:
    return bool(_COLLEGE_NAME.match(name)) and name != school_name and not _NOT_A_COLLEGE.search(name)


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


@recogniser(RULE)
def extract_colleges(doc: Document, facts: Facts) -> None:
    _college_rows(doc, facts)
    apply_each(doc.sentences, "college sentence", lambda s: _listed_colleges(doc, facts, s))
    apply_each(doc.sentences, "college sentence", lambda s: _colleges_offering_majors(doc, facts, s))
