"""Programmes a school takes part in (sg:Program, School sg:participatesIn Program).

Two kinds, both from prose:

- **National schemes** named in ``data/lexicon/programme_schemes.csv`` (双高计划, 1+X 证书制度试点,
  现代学徒制试点, 鲁班工坊, 援外项目, 中外合作办学, 示范性职业教育集团 …). They are keyed by the
  scheme (id/program/shuanggao …) so that every school in a scheme shares one node. A mention
  qualified by a province (黑龙江省第二轮“双高”项目) is that province's scheme, not the national
  one, and is keyed by its own name. (The school's 双高 unit type and tier are the schools
  recogniser's: they are facts about the school.)
- **Named ventures**: overseas branches and academies (a country name from
  ``data/lexicon/countries.csv`` heading an institution name: 中国-赞比亚职业技术学院,
  泰国国际工匠学院 …, with sg:country) and named vocational-education groups (广西汽车产业职教集团),
  keyed by their name.

A scheme run with a foreign partner (``abroad`` in the lexicon: 鲁班工坊, 中外合作办学 …) gets the
country its printed name starts with (泰国鲁班工坊; 中哈鲁班工坊, by the country's one-character
``short`` form), else the one country its clause names before it (学校与芬兰坦佩雷应用科学大学合作举办的…中外合作办学项目).

A mention counts only in a clause that says the school does, joined, built or obtained it; titles of
documents (《…计划…办法》), plans and negations are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from loaders.document.model import Document, Paragraph, Sentence, Span
from loaders.extract import recogniser
from loaders.extract.base import each, evidence_at
from loaders.extract.gazetteer import Gazetteer
from loaders.extract.lexicon import level_iri, read_lexicon
from loaders.extract.mentions import (
    clauses,
    fold,
    in_skipped_section,
    is_settled,
    is_skipped_heading,
    level_in,
    name_start,
    school_ref,
)
from loaders.facts import Evidence, Facts, Node, NodeRef
from loaders.keys import slug

RECOGNISER = "programmes"


@dataclass(frozen=True, slots=True)
class Scheme:
    key: str
    label: str
    category: str
    level: str
    country: str | None
    abroad: bool = False  # run with a foreign partner, whose country the mention may name


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # Chinese name as canonical (sg:country)
    iso2: str


@dataclass(frozen=True, slots=True)
class Programme:
    """One participation as read."""

    key: str
    label: str
    category: str
    level: str | None
    country: str | None
    evidence: Evidence
    alt_label: str | None = None


@cache
def scheme_gazetteer() -> Gazetteer[Scheme]:
    return Gazetteer(
        (fold(row["pattern"]).text,
         Scheme(row["key"], row["label"], row["category"], row["level"], row.get("country") or None,
                row.get("abroad") == "yes"))
        for row in read_lexicon("programme_schemes")
    )


@cache
def country_gazetteer() -> Gazetteer[Country]:
    entries: list[tuple[str, Country]] = []
    for row in read_lexicon("countries"):
        country = Country(row["name_zh"], row["iso2"])
        for name in (row["name_zh"], *row["aliases"].split("|")):
            if name:
                entries.append((name, country))
    return Gazetteer(entries)


@cache
def country_short_forms() -> dict[str, Country]:
    """One-character forms of country names used in 中X compounds (哈 in 中哈鲁班工坊)."""
    return {row["short"]: Country(row["name_zh"], row["iso2"]) for row in read_lexicon("countries") if row.get("short")}


def country_of_name(prefix: str) -> str | None:
    """The country a programme's printed name starts with: 泰国(鲁班工坊), 中哈(鲁班工坊) → 哈萨克斯坦."""
    prefix = prefix.strip("“”\" ")
    found = [m for m in country_gazetteer().find(prefix) if m.end == len(prefix)]
    if found:
        return found[-1].value.name
    compound = re.search(r"中(.)$", prefix)
    if compound and compound.group(1) in country_short_forms():
        return country_short_forms()[compound.group(1)].name
    return None


def country_before(text: str, c_start: int, start: int) -> str | None:
    """The one country named in the clause before a mention, within its list item (not the 埃及 of
    "开展海外中文“埃及班”培训、举办“汉语桥”项目"); ``None`` when it names none or several."""
    item_start = max(c_start, text.rfind("、", c_start, start) + 1)
    names = {m.value.name for m in country_gazetteer().find(text[item_start:start])}
    return names.pop() if len(names) == 1 else None


# A clause must say the school takes part: joined, built, runs, obtained, leads, pilots…
_TAKES_PART = re.compile(
    r"入选|获批|获评|成为|作为|立项|承担|承接|承办|开展|推进|推行|实施|参与|参加|加入|牵头|建成|建设|共建|"
    r"成立|组建|筹建|新建|建立|又建|开办|设立|举办|试点|完善|深化|启动|持续|获得|荣获|被确定为|确定为|认定为|列入|纳入"
)
_DOC_TITLE = re.compile(r"《[^》]*》")
_PROVINCIAL = re.compile(r"(省|自治区|市)(第.轮|首批|级)?$")
# Institution heads that make a country-led name an overseas branch or academy.
_OVERSEAS_HEAD = re.compile(
    r"(?:职业技术学院|工匠学院|丝路学院|分院|学院|孔子课堂|孔子学堂|学堂|工坊|培训中心|实训中心|分中心|中心|学校)"
)
_OVERSEAS_NAME_BREAK = re.compile(r"[、，,；;。：:（）()《》]|与|和|及|向|在|为|等")
_DASHES = re.compile(r"\s*[-－—–]+\s*")
_NAMED_GROUP = re.compile(r"(职教集团|职业教育集团)(?!专业|委员会|理事会)")
_GROUP_LEADING_VERB = re.compile(r"^(?:修改|完善|构建|建设|打造|加强|依托|发挥)+")
_GENERIC_GROUP_PREFIX = re.compile(r"^(?:国家|全国|首批|第[一二三四五]批|教育部|示范性|示范|培育|的)*$")
_MAX_OVERSEAS_NAME = 24
_PROJECT_TAIL = re.compile(r"项目|")  # 援外培训项目: the printed name with its 项目
_PLACE_LEVELS = {"provincial", "municipal"}  # a named group starts with its province or city


def blank_titles(text: str) -> str:
    """Document titles 《…》 blanked out (same length) so that schemes named in them do not count."""
    return _DOC_TITLE.sub(lambda m: "　" * len(m.group()), text)


def participation_clauses(sentence: Span, heading: bool = False) -> Iterator[tuple[str, int, int]]:
    """(sentence text with titles blanked, start, end) of each settled clause that says the school
    takes part in something: the clauses every programme rule reads. A heading needs no verb: a
    section of the school's report titled by a scheme ("8.2 提质培优行动计划项目") is its work in it."""
    text = blank_titles(sentence.norm)
    for c_start, c_end in clauses(text):
        clause = text[c_start:c_end]
        if is_settled(clause) and (heading or _TAKES_PART.search(clause)):
            yield text, c_start, c_end


def scheme_mentions(doc: Document, sentence: Span, heading: bool = False) -> list[Programme]:
    """National (or provincial) schemes a sentence (or a heading) says the school takes part in."""
    found: list[Programme] = []
    for text, c_start, c_end in participation_clauses(sentence, heading):
        clause = text[c_start:c_end]
        folded = fold(clause)
        for match in scheme_gazetteer().find(folded.text):
            start, end = (c_start + i for i in folded.span(match.start, match.end))
            evidence = evidence_at(doc, *sentence.raw_span(c_start, c_end))
            scheme: Scheme = match.value
            provincial = _provincial_variant(text, c_start, start, end, scheme, evidence)
            country = scheme.country
            if country is None and scheme.abroad:
                prefix = text[name_start(text, start, floor=c_start):start]
                country = country_of_name(prefix) or country_before(text, c_start, start)
            printed = sentence.norm[start:end + _PROJECT_TAIL.match(text, end).end() - end]
            found.append(provincial or Programme(scheme.key, scheme.label, scheme.category, scheme.level,
                                                 country, evidence, alt_label=printed))
    return found


def _provincial_variant(text: str, c_start: int, start: int, end: int, scheme: Scheme,
                        evidence: Evidence) -> Programme | None:
    """黑龙江省第二轮“双高”项目: a province's own scheme of the same kind, keyed by its printed name."""
    left = name_start(text, start, floor=c_start)
    prefix = text[left:start].strip("“”\" ")
    if not _PROVINCIAL.search(prefix):
        return None
    tail = re.match(r"[”\"]?\s*(项目|计划|建设)?", text[end:])
    name = text[left:end + (tail.end() if tail else 0)].strip()
    return Programme(slug(fold(name).text), fold(name).text if "“" in name else name, scheme.category,
                     "provincial", None, evidence)


def overseas_mentions(doc: Document, sentence: Sentence) -> list[Programme]:
    """Overseas branches and academies: a country name heading an institution name."""
    found: list[Programme] = []
    for text, c_start, c_end in participation_clauses(sentence):
        clause = text[c_start:c_end]
        for match in country_gazetteer().find(clause):
            if not _heads_name(clause, match.start):
                continue
            name = _institution_name(clause, match.start)
            if name is None:
                continue
            country: Country = match.value
            evidence = evidence_at(doc, *sentence.raw_span(c_start, c_end))
            found.append(Programme(slug(name), name, "海外办学", "international", country.name, evidence))
        found.extend(_compound_named(doc, sentence, c_start, c_end))
    return found


_COMPOUND = re.compile(r"中(.)")


def _compound_named(doc: Document, sentence: Sentence, c_start: int, c_end: int) -> list[Programme]:
    """中肯汽车技术学院: a name led by 中 + a country's one-character form, when the sentence also
    names that country in full (与肯尼亚…合作) — else 中智能制造… would read as Chile."""
    clause = blank_titles(sentence.norm)[c_start:c_end]
    found: list[Programme] = []
    for m in _COMPOUND.finditer(clause):
        country = country_short_forms().get(m.group(1))
        if country is None or country.name not in sentence.norm or not _heads_name(clause, m.start()):
            continue
        name = _institution_name(clause, m.start())
        if name is not None:
            evidence = evidence_at(doc, *sentence.raw_span(c_start, c_end))
            found.append(Programme(slug(name), name, "海外办学", "international", country.name, evidence))
    return found


def _heads_name(clause: str, at: int) -> bool:
    """A country word that starts a name (not 广汽集团印度分中心, where it sits inside one)."""
    before = clause[:at].rstrip()
    return not before or bool(re.search(r"(?:中国\s*[-－—–]|[、，,；;：:—“]|与|和|及|在|建成|建设|共建|成立|开办|设立|参与)$", before))


def _institution_name(clause: str, country_start: int) -> str | None:
    """The name a country word starts (中国-赞比亚… counts from 中国-), up to its last institution head."""
    start = country_start
    lead = re.search(r"中国\s*[-－—–]\s*$", clause[:country_start])
    if lead:
        start = lead.start()
    stop = _OVERSEAS_NAME_BREAK.search(clause, country_start)
    limit = min(stop.start() if stop else len(clause), start + _MAX_OVERSEAS_NAME)
    heads = list(_OVERSEAS_HEAD.finditer(clause, country_start, limit))
    if not heads or clause.startswith("合作", heads[0].end()):  # 与新西兰南岛理工学院合作: a partner
        return None
    name = _DASHES.sub("-", clause[start:heads[-1].end()].strip())
    return name if len(name) > len(clause[country_start:heads[0].start()]) + 1 else None


_OVERSEAS_VENTURE = re.compile(r"(?:学院|分院|学堂|工坊)(?![\u4e00-\u9fff])")
_OVERSEAS_CONTEXT = re.compile(r"海外|境外|国外|一带一路|丝路|走出去|援外|留学生|国际")


def countryless_overseas(doc: Document, sentence: Sentence) -> list[Programme]:
    """Named overseas academies whose name carries no country but speaks of work abroad (…丝路学院,
    …海外分院): an academy, branch or workshop the school runs."""
    found: list[Programme] = []
    for text, c_start, c_end in participation_clauses(sentence):
        clause = text[c_start:c_end]
        for m in _OVERSEAS_VENTURE.finditer(clause):
            name = clause[name_start(clause, m.start()):m.end()].split("　")[-1].strip("“”\" ")
            body = name[: -len(m.group())]
            if len(body) < 2 or country_gazetteer().get(name[:2]) is not None or not _OVERSEAS_CONTEXT.search(body):
                continue
            evidence = evidence_at(doc, *sentence.raw_span(c_start, c_end))
            found.append(Programme(slug(name), name, "海外办学", "international", None, evidence))
    return found


def named_groups(doc: Document, sentence: Sentence) -> list[Programme]:
    """Named vocational-education groups (广西汽车产业职教集团); generic 示范性职教集团 is a scheme."""
    found: list[Programme] = []
    for text, c_start, c_end in participation_clauses(sentence):
        clause = text[c_start:c_end]
        for m in _NAMED_GROUP.finditer(clause):
            left = name_start(clause, m.start())
            prefix = _GROUP_LEADING_VERB.sub("", clause[left:m.start()].strip("“”\" "))
            if len(prefix) < 2 or _GENERIC_GROUP_PREFIX.match(prefix) or level_in(prefix[:4]) not in _PLACE_LEVELS:
                continue
            name = prefix + m.group(1)
            evidence = evidence_at(doc, *sentence.raw_span(c_start, c_end))
            found.append(Programme(slug(name), name, _GROUP_CATEGORY, _group_scheme_level(clause[m.end():]), None,
                                   evidence))
    return found


_GROUP_CATEGORY = "职业教育集团"
_GROUP_BACK_REFERENCE = re.compile(r"^(?:\d{4}年)?(?:该|此|这一)(?:集团|职教集团|职业教育集团)")


def _group_scheme_level(text: str) -> str | None:
    """广西汽车产业职教集团成为首批全国示范性职教集团培育单位: the level of the group scheme it is named in."""
    for match in scheme_gazetteer().find(fold(text).text):
        if match.value.category == _GROUP_CATEGORY:
            return match.value.level
    return None


def _recognised_group(sentence: Sentence, schemes: list[Programme], group: Programme) -> Programme | None:
    """该集团 2021 年经教育部认定为…示范性职业教育集团…: the group the paragraph named, at the scheme's level."""
    if not _GROUP_BACK_REFERENCE.match(sentence.norm):
        return None
    scheme = next((p for p in schemes if p.category == _GROUP_CATEGORY and p.level), None)
    if scheme is None:
        return None
    return Programme(group.key, group.label, group.category, scheme.level, None, scheme.evidence)


def add_programme(facts: Facts, school: NodeRef, programme: Programme) -> NodeRef:
    node = Node("Program", programme.key, programme.label, rule=RECOGNISER)
    if programme.alt_label and fold(programme.alt_label).text != fold(programme.label).text:
        node.alt_labels.add(programme.alt_label)
    node.add("category", programme.category)
    if programme.level:
        node.add("level", level_iri(programme.level))
    if programme.country:
        node.add("country", programme.country)
    node.evidence.append(programme.evidence)
    ref = facts.node(node)
    facts.link(school, "participatesIn", ref, [programme.evidence])
    return ref


@recogniser(RECOGNISER, after=("recognitions",))
def extract_programmes(doc: Document, facts: Facts) -> None:
    school = school_ref(doc.meta.school_code)

    def from_paragraph(paragraph: Paragraph) -> None:
        if in_skipped_section(paragraph):
            return
        last_group: Programme | None = None
        for sentence in paragraph.sentences:
            schemes, groups = scheme_mentions(doc, sentence), named_groups(doc, sentence)
            recognised = _recognised_group(sentence, schemes, last_group) if last_group else None
            mentions = (schemes + overseas_mentions(doc, sentence) + countryless_overseas(doc, sentence) + groups
                        + ([recognised] if recognised else []))
            for programme in mentions:
                add_programme(facts, school, programme)
            last_group = groups[-1] if groups else last_group

    for _ in each(doc.paragraphs, "programme paragraph", from_paragraph):
        pass
    for heading in doc.headings:
        if not is_skipped_heading(heading):
            for programme in scheme_mentions(doc, heading, heading=True):
                add_programme(facts, school, programme)
