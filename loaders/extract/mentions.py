"""Shared machinery for recognisers that read results and schemes out of prose.

- :func:`fold` — a view of a text with quotes and spaces removed (``“双高”计划`` reads as
  ``双高计划``, ``1+ X`` as ``1+X``) plus the map back to the original offsets, so that lexicons
  are matched once however the report quotes or spaces a name.
- :func:`clauses` — a sentence cut at ，；：。 into clauses (the unit a result is stated in).
- :func:`name_start` — the left edge of a name that ends at a known head word (获批 / 入选 /
  punctuation / a count stop it), so that ``获批国家级职业教育教师教学创新团队`` names
  ``国家级职业教育教师教学创新团队``.
- :func:`count_after` / :func:`count_before` — the count a clause gives for a name (``3 门``,
  ``9部教材入选…``); approximate counts (``180 余项``) are not counts.
- :func:`level_in` — the level word a name carries (国家级 / 全国 / 省级 / 黑龙江省 …) as a level key.
- :func:`year_in` — the single year a text states (a year inside a period does not count).
- :func:`is_settled` / :func:`in_skipped_section` — drop planned, negated or problem-section mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from loaders import refdata
from loaders.document.model import Heading, Paragraph
from loaders.extract.gazetteer import Gazetteer
from loaders.extract.lexicon import read_lexicon
from loaders.extract.numbers import find_period, parse_count
from loaders.facts import NodeRef

_FOLD_DROP = set("“”‘’\"'「」『』 \t\u3000\n\r")
_CLAUSE_BREAK = re.compile(r"[，,；;。！？!?：:]")
COUNT_UNITS = "个项门部本支名人家所种篇件套批座"  # never 人次 (a head count of visits)
# A Chinese numeral must start a word: 唯一一个 ("the only one") and 第一个 (an ordinal) are no counts.
_COUNT = rf"(\d+|(?<![一二两三四五六七八九十唯第])[一二两三四五六七八九十]+)\s*(余|多)?\s*[{COUNT_UNITS}](?!次)"
_COUNT_AFTER = re.compile(rf"\s*(?:共|各|达|达到)?\s*{_COUNT}")  # used with match(pos): no ^
_COUNT_BEFORE = re.compile(rf"{_COUNT}\s*$")
_SUBJECT_COUNT = re.compile(rf"{_COUNT}[\u4e00-\u9fff]{{0,6}}(?:入选|获批|获评|被评为|荣获|获得|被认定为|认定为)\s*$")
# What ends a name on its left: punctuation, a verb of obtaining, a count.
NAME_STOP = re.compile(
    r"[，,；;。：:、（）()\[\]【】—]|获批|获评|荣获|获得|斩获|摘获|入选|评为|认定为|认定|成为|建成|立项|新增|通过|进入|"
    r"推荐参加|参加|申报|利用|实施|开展|推进|做好|开设|面向|举办|打造|占|以(?!及)|将|"
    r"承办|牵头|主持|参与|主参编|参编|出版|位列|依托|其中|包括|以及|组建|筹建|新建|建立|又建|加入|托管|蝉联|当选|"
    r"和|获|被|是|为|了|(?<![高中初])等(?!级)|"
    + _COUNT
)
_NEGATED = re.compile(r"未能|未取得|尚未|没有|未|不足|有待|缺乏|不够")
_PLANNED = re.compile(r"未来|将继续|将进一步|将围绕|将在|将于|计划于|计划在|计划到|预计|预期|(?<![模虚])拟|力争|争取|目标是|(?<!成功)申报(?!成功)")
_SKIPPED_SECTION = re.compile(r"问题|改进|展望|对策")
MAX_NAME = 32


@dataclass(frozen=True, slots=True)
class Folded:
    """``text`` with quotes/spaces removed; ``index[i]`` is the original offset of ``text[i]``."""

    text: str
    index: tuple[int, ...]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original offsets of ``text[i:j]``."""
        return self.index[i], self.index[j - 1] + 1


def fold(text: str) -> Folded:
    chars: list[str] = []
    index: list[int] = []
    for offset, ch in enumerate(text):
        if ch in _FOLD_DROP:
            continue
        chars.append(ch.upper() if ch.isascii() else ch)
        index.append(offset)
    return Folded("".join(chars), tuple(index))


def clauses(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each non-empty clause of ``text``."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def name_start(text: str, head_start: int, floor: int = 0) -> int:
    """Where a name whose head word starts at ``head_start`` begins (never before ``floor``)."""
    floor = max(floor, head_start - MAX_NAME)
    start = floor
    for m in NAME_STOP.finditer(text, floor, head_start):
        if m.end() <= head_start:
            start = m.end()
    return start


def _count_of(m: re.Match[str] | None) -> int | None:
    if m is None or m.group(2):  # 余 / 多: approximate, not a count
        return None
    return parse_count(m.group(1))


def count_after(text: str, end: int) -> tuple[int | None, int]:
    """The exact count printed right after ``end`` and where it ends (``end`` when none)."""
    m = _COUNT_AFTER.match(text, end)
    return (_count_of(m), m.end()) if m else (None, end)


def count_before(text: str, start: int, floor: int = 0) -> int | None:
    """A count printed right before a name (``1个国家级…``) or as its subject (``9部教材入选…``)."""
    head = text[floor:start]
    return _count_of(_COUNT_BEFORE.search(head)) or _count_of(_SUBJECT_COUNT.search(head))


def is_settled(clause: str) -> bool:
    """A clause that states something done: not negated, not planned or merely applied for."""
    return not (_NEGATED.search(clause) or _PLANNED.search(clause))


def in_skipped_section(paragraph: Paragraph) -> bool:
    """Paragraphs under problem/outlook headings talk about what is missing, not results."""
    return paragraph.heading is not None and is_skipped_heading(paragraph.heading)


def is_skipped_heading(heading: Heading) -> bool:
    """A problem/outlook heading, or one under such a heading."""
    return any(_SKIPPED_SECTION.search(title) for title in (*heading.path, heading.title))


# Words that place a result at a level in running prose, beyond the level lexicon's 国家级/省级/….
_PROSE_LEVEL_WORDS = {"世界": "international", "境外": "international", "国外": "international",
                      "一带一路": "international", "全省": "provincial", "全区": "provincial",
                      "自治区": "provincial", "区级": "provincial"}
_PROVINCE_SUFFIX = re.compile(r"(维吾尔|回族|壮族)?(自治区|省|市)$")


@cache
def level_words() -> Gazetteer[str]:
    """Level words → level key: the level lexicon, prose level words, province and city names."""
    entries = [(row["word"], row["level"]) for row in read_lexicon("level_words")]
    entries += list(_PROSE_LEVEL_WORDS.items())
    for school in refdata.schools():
        province = school.province
        if len(province) >= 3:
            entries.append((province, "provincial"))
            short = _PROVINCE_SUFFIX.sub("", province)
            if len(short) >= 2:
                entries += [(short, "provincial"), (short + "省", "provincial")]
        city = school.city
        if city.endswith("市") and len(city) >= 3 and city != province:
            entries.append((city, "municipal"))
    return Gazetteer(entries)


_LEVEL_AT_START = re.compile(r"^(?:国家级|国家|全国|国际|教育部|省部级|省级|自治区级|自治区|市级|地市级|[\u4e00-\u9fff]{2,3}省级?)")


def opens_with_level(name: str) -> bool:
    """A name that opens with a level or an authority (国家级…, 教育部…, 云南省…, 自治区…) (pure)."""
    return _LEVEL_AT_START.match(name) is not None


def level_in(text: str, school_code: str | None = None) -> str | None:
    """The level key of the first level word in ``text`` (``None`` when it names none).

    ``school_code``: the reporting school; in a province-level municipality (天津市, 北京市 …) its
    市级 is the provincial level, so a bare 市级 there reads as provincial.
    """
    for match in level_words().find(text):
        if match.value == "municipal" and match.surface in _BARE_CITY_LEVELS and in_municipality(school_code):
            return "provincial"
        return match.value
    return None


_BARE_CITY_LEVELS = {"市级", "地市级"}


def in_municipality(school_code: str | None) -> bool:
    """A school in a province-level municipality: its province (MOE list) is itself a 市."""
    school = refdata.schools_by_code().get(school_code or "")
    return school is not None and school.province.endswith("市")


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*(?:年|届)?")


def year_in(text: str) -> int | None:
    """The last single year stated in ``text``; years inside a period (2019-2021) are skipped."""
    period = find_period(text)
    taken = (period[0], period[1]) if period else (0, 0)
    years = [int(m.group(1)) for m in _YEAR.finditer(text) if not taken[0] <= m.start() < taken[1]]
    return years[-1] if years else None


def school_ref(code: str) -> NodeRef:
    return NodeRef("School", code)
