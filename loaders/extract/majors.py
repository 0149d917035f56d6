"""Majors: every major named in a table's major column or in a printed list of majors.

A major is keyed ``{school code}-{catalogue code}`` (unmatched: ``{school code}-{slug(name)}``),
offered by the report's school, linked to the 2021 catalogue by :func:`loaders.extract.lexicon.link_major`.
The catalogue code is the one the catalogue prints, letter included (570102K 学前教育), so the
major's ``sg:catalogEntry`` is the reference graph's ``id/catalog/570102K``.
Other recognisers (groups, colleges, certifications) create majors through :func:`add_major`.

Names come only from the catalogue gazetteer (prose) or from cells of a major column (tables):
a bare word such as 技术 is never a major.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from loaders import refdata
from loaders.document.model import Cell, Document, Span, Table
from loaders.extract import recogniser
from loaders.extract.common import apply_each, new_node, norm_evidence, school_ref, split_list
from loaders.extract.lexicon import MajorLink, link_major, major_gazetteer, major_stem_gazetteer
from loaders.extract.tables import normalise_header
from loaders.facts import Evidence, Facts, NodeRef
from loaders.keys import slug

RULE = "majors"

# Header of a column whose cells name majors (one or a list).
MAJOR_COLUMN = re.compile(r"^(?:专业名称|专业|招生专业|认证专业|试点专业|核心专业|龙头专业|牵头专业|包含专业|组群专业|群内专业|群内专业名称|专业群构成|相关专业)$")

# What may follow a listed major in prose for the list to count as a list of majors.
_LIST_END = re.compile(r"\s*(?:等|共|\d+\s*个专业|专业(?!群|集群))")
# a list whose last item is no catalogue name still ends as a list: "…、电子信息工程、通讯技术等等多专业"
_LIST_END_AFTER_ONE_MORE = re.compile(r"\s*[、和及]\s*[\u4e00-\u9fff]{2,10}?(?:等|\d+\s*个专业|专业(?!群|集群))")
_LIST_GAP = re.compile(r"^\s*[、和及与,，]\s*$")
_NOT_A_MAJOR_AFTER = re.compile(r"\s*(?:专业群|专业集群|特色专业群|类)")
_MAX_NAME = 20
_NOT_A_MAJOR = re.compile(r"合计|小计|总计|其他|其它|^未|^受|影响|类$")
CATALOG_MATCH_ORDER = ("exact", "variant", "renamed", "shortened", "unmatched")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class MajorMention:
    start: int  # offsets in the searched text
    end: int
    link: MajorLink


@cache
def _catalogue_name_endings() -> frozenset[str]:
    return frozenset(e.name[-1] for e in refdata.catalogue_majors().values())


def looks_like_major(name: str) -> bool:
    """An unmatched name may be a major if it ends like catalogue names do and is not a table remark."""
    return name[-1:] in _catalogue_name_endings() and not _NOT_A_MAJOR.search(name)


def best_catalog_match(matches: Iterable[str]) -> str:
    """One sg:catalogMatch for a major seen under several spellings: exact > variant > renamed > unmatched.

    Entity resolution should apply this when one Major is printed differently in two reports.
    """
    return min(matches, key=CATALOG_MATCH_ORDER.index)


def catalogue_code_of(link: MajorLink) -> str | None:
    """The catalogue's own code for a linked major (a code given without its letter gets it back),
    None when the link names no catalogue major."""
    return refdata.catalogue_code(link.code) if link.code else None


def major_key(school_code: str, link: MajorLink) -> str:
    code = catalogue_code_of(link)
    return f"{school_code}-{code}" if code else f"{school_code}-{slug(link.canonical)}"


def add_major(doc: Document, facts: Facts, printed: str, evidence: Evidence, rule: str = RULE,
              link: MajorLink | None = None) -> NodeRef | None:
    """The school's Major for a printed name (created or merged), offered by the school; ``link``:
    the catalogue entry already known for it (a shortened name read inside a list of majors)."""
    printed = printed.strip()
    if len(printed) > _MAX_NAME or len(_CJK.findall(printed)) < 2:
        return None
    link = link or link_major(printed)
    code = catalogue_code_of(link)
    if code is None and not looks_like_major(link.canonical):
        return None
    school = school_ref(doc)
    node = new_node("Major", major_key(school.key, link), link.canonical, rule, evidence)
    if printed != link.canonical:
        node.alt_labels.add(printed)
    if code:
        node.add("catalogEntry", NodeRef("CatalogMajor", code))
    ref = facts.node(node)
    have = facts.nodes[ref]
    have.attrs["catalogMatch"] = [best_catalog_match([*have.attrs.get("catalogMatch", []), link.match])]
    facts.link(ref, "offeredBy", school, [evidence])
    return ref


def majors_in_cell(doc: Document, facts: Facts, cell: Span, rule: str = RULE) -> list[NodeRef]:
    """Majors of a table cell holding one name or a list ("A、B、C专业")."""
    refs = []
    for item, i, j in split_list(cell.norm):
        ref = add_major(doc, facts, item, norm_evidence(doc, cell, i, j), rule)
        if ref is not None:
            refs.append(ref)
    return refs


def list_runs(mentions: list[MajorMention], text: str) -> Iterator[list[MajorMention]]:
    """Consecutive mentions separated only by 、/和/及/与/，."""
    run: list[MajorMention] = []
    for mention in mentions:
        if run and not _LIST_GAP.match(text[run[-1].end:mention.start]):
            yield run
            run = []
        run.append(mention)
    if run:
        yield run


def major_mentions(text: str) -> list[MajorMention]:
    """Catalogue majors named as majors in running text (lists ending in 专业/等, or "X专业").

    "有道路桥梁工程技术、工程造价等共 11 个专业" → both; "机电一体化技术专业群" → none (a group).
    """
    accepted: list[MajorMention] = []
    for run in catalogue_runs(text):
        after = text[run[-1].end:]
        if _NOT_A_MAJOR_AFTER.match(after):
            continue
        ends = _LIST_END.match(after) or len(run) >= 2 and _LIST_END_AFTER_ONE_MORE.match(after)
        if ends:
            accepted.extend(run)
    return accepted


def catalogue_runs(text: str) -> Iterator[list[MajorMention]]:
    """Runs of catalogue names separated only by 、/和/及/与/，; a shortened name (工业机器人 for
    工业机器人技术) counts only as an item of a run of two or more."""
    found = [MajorMention(m.start, m.end, m.value) for m in major_gazetteer().find(text)]
    found += [MajorMention(m.start, m.end, m.value) for m in major_stem_gazetteer().find(text)
              if not any(f.start < m.end and m.start < f.end for f in found)]
    found.sort(key=lambda m: m.start)
    for run in list_runs(found, text):
        if len(run) >= 2 or run[0].link.match != "shortened":
            yield run


def majors_in_span(doc: Document, facts: Facts, span: Span, rule: str = RULE) -> list[NodeRef]:
    refs = []
    for mention in major_mentions(span.norm):
        ev = norm_evidence(doc, span, mention.start, mention.end)
        ref = add_major(doc, facts, span.norm[mention.start:mention.end], ev, rule, mention.link)
        if ref is not None:
            refs.append(ref)
    return refs


def major_cells(table: Table) -> Iterator[Cell]:
    """Cells of every major column of a table."""
    columns = [i for i, h in enumerate(table.header) if MAJOR_COLUMN.match(normalise_header(h))]
    for row in table.rows:
        for index in columns:
            if index < len(row.cells) and row.cells[index].norm.strip():
                yield row.cells[index]


# a quoted name the text calls a major: 对接“航空装备应用技术”专业 (no catalogue name needed)
_QUOTED_MAJOR = re.compile(r"[“\"]([\u4e00-\u9fff]{2,14})[”\"]\s*专业(?!群|集群|带头人|教学|建设|发展|思路|理念|模式|改革|特色|人才|布局)")


def quoted_majors(doc: Document, facts: Facts, span: Span) -> None:
    for m in _QUOTED_MAJOR.finditer(span.norm):
        if link_major(m.group(1)).code is not None or looks_like_major(m.group(1)):
            add_major(doc, facts, m.group(1), norm_evidence(doc, span, m.start(1), m.end(1)))


@recogniser(RULE, after=("schools",))
def extract_majors(doc: Document, facts: Facts) -> None:
    for table in doc.tables:
        apply_each(major_cells(table), "major cell", lambda cell: majors_in_cell(doc, facts, cell))
    apply_each(doc.sentences, "sentence", lambda s: majors_in_span(doc, facts, s))
    apply_each(doc.sentences, "quoted major", lambda s: quoted_majors(doc, facts, s))
