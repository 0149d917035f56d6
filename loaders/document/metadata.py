"""What a report says about itself: school (matched against the MOE list), kind, date, period.

Kinds: a mid-term performance self-evaluation (中期绩效自评报告), a final one (the 绩效自评报告 of a
whole round, 2019—2023, or one naming its stage: 终期/期满/验收), an annual quality report
(质量年度报告), else "other" — read from the report's title, else its text; never the file name.

The school is the MOE-listed institution named most prominently: names in the title area (the
text before the first heading) weigh most, then how often a name occurs. A report with no
listed school is a :class:`ReportError` — never a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from loaders.document.lines import Line, LineIndex
from loaders.document.model import ReportKind, ReportMeta, Span
from loaders.document.normalise import OffsetMap, normalise
from loaders.errors import ReportError
from loaders.extract.gazetteer import Gazetteer
from loaders.refdata import SchoolRecord, schools

TITLE_AREA_CHARS = 3000
READ_CHARS = 400_000  # school, kind and period are read from the start of a report (bounded work)
_TITLE_WEIGHT = 10
# The first of these phrases a report prints (in its title area, else anywhere) says its kind. A
# performance self-evaluation that names no stage (“双高计划”建设绩效自评报告) is `None` here: the
# period it covers decides (see _self_evaluation_stage).
_KIND_PATTERNS: tuple[tuple[ReportKind | None, re.Pattern[str]], ...] = (
    ("midterm-self-evaluation", re.compile(r"中期(?:绩效)?(?:评价)?自评|中期绩效评价|中期绩效自评|中期评估")),
    ("final-self-evaluation", re.compile(r"(?:终期|期满|验收)(?:绩效)?(?:评价)?自评|终期(?:绩效)?评价")),
    (None, re.compile(r"绩效(?:评价)?自评报告")),
    ("annual-quality-report", re.compile(r"质量(?:发展)?年度报告|年度质量报告|质量年报|质量报告")),
)
# A 双高 round runs five years (2019—2023); the mid-term self-evaluation covers its first three.
ROUND_YEARS = 5
DATE = re.compile(r"(?P<year>(?:19|20)\d\d|[一二][〇零九][〇零一二三四五六七八九]{2})年"
                   r"(?:(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
                   r"(?:(?P<day>[12]\d|3[01]|0?[1-9])日)?)?")
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s*(?:-{1,2}|—{1,2}|–|~|～|至|到)\s*((?:19|20)\d\d)年")
_REPORT_YEAR = re.compile(r"[（(]?((?:19|20)\d\d)年度[）)]?")
# a range stated next to money or tasks is the period the report covers (not a survey's years)
_SCOPE_WORDS = re.compile(r"经费|预算|资金|建设任务|绩效指标|建设期")
_SCOPE_WINDOW = 30
_SCOPE_WEIGHT = 5
_TITLE_WORD = re.compile(r"报告|年报")
_BOOK_TITLE = re.compile(r"《([^》]{4,60}(?:报告|年报)[^》]{0,20})》")
# upgraded schools keep their MOE code: 职业技术大学 was 职业技术学院 in the 2017 list
_RENAMINGS = (("职业技术大学", "职业技术学院"), ("职业大学", "职业学院"), ("职业技术大学", "高等专科学校"))


@cache
def school_gazetteer() -> Gazetteer[SchoolRecord]:
    entries: list[tuple[str, SchoolRecord]] = [(s.name, s) for s in schools()]
    known = {s.name for s in schools()}
    for school in schools():
        for new, old in _RENAMINGS:
            if school.name.endswith(old):
                renamed = school.name[: -len(old)] + new
                if renamed not in known:
                    entries.append((renamed, school))
    return Gazetteer(entries)


def read_metadata(text: str, file_name: str, lines: list[Line], index: LineIndex, body_start: int) -> ReportMeta:
    """Metadata of a report; ``body_start`` is the offset of its first heading (end of the title area)."""
    title_end = max(min(body_start, len(text)), min(len(text), TITLE_AREA_CHARS))
    norm, norm_map = normalise(text, 0, min(len(text), READ_CHARS))
    title_norm_end = _norm_index(norm_map, title_end)
    school, evidence = _school(text, norm, norm_map, title_norm_end, index, file_name)
    covered = _covered_range(norm)
    kind = _kind(norm, title_norm_end, covered)
    date_match = printed_date(norm, _norm_index(norm_map, min(body_start, len(text))) or title_norm_end)
    report_year = _REPORT_YEAR.search(norm, 0, title_norm_end)
    year = year_of(date_match.group("year")) if date_match else None
    if year is None and kind == "annual-quality-report" and report_year:
        year = int(report_year.group(1))
    return ReportMeta(
        school_name=school.name,
        school_code=school.code,
        kind=kind,
        title=_title(lines, norm, title_norm_end, body_start, school.name),
        year=year,
        date=date_match.group() if date_match and date_match.group("month") else None,
        period=_period(kind, covered, report_year),
        school_evidence=evidence,
    )


def printed_date(norm: str, end: int) -> re.Match[str] | None:
    """The date the cover prints (sg:year is the year printed): a year with its month (2024年1月,
    二〇二二年六月) first; else a bare year that is neither the year a report covers (（2023年度）)
    nor the end of the period it covers (（2019—2021年）)."""
    with_month = [m for m in DATE.finditer(norm, 0, end) if m.group("month")]
    if with_month:
        return with_month[0]
    covered = [m.span(2) for m in _YEAR_RANGE.finditer(norm, 0, end)]
    for m in DATE.finditer(norm, 0, end):
        if not norm.startswith("度", m.end()) and m.span("year") not in covered:
            return m
    return None


def year_of(printed: str) -> int:
    """A year as :data:`DATE` reads it (2019, 二〇一九) as a number."""
    return int(printed.translate(_CHINESE_DIGITS))


def month_of(printed: str) -> int:
    """A month as :data:`DATE` reads it (12, 十二, 六) as a number."""
    if printed.startswith("十"):
        return 10 + (int(printed[1:].translate(_CHINESE_DIGITS)) if len(printed) > 1 else 0)
    return int(printed.translate(_CHINESE_DIGITS))


def _norm_index(norm_map: OffsetMap, offset: int) -> int:
    """First normalised position at or after decoded-text ``offset`` (binary search)."""
    lo, hi = 0, len(norm_map)
    while lo < hi:
        mid = (lo + hi) // 2
        if norm_map[mid] < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _school(text: str, norm: str, norm_map: OffsetMap, title_end: int, index: LineIndex,
            file_name: str) -> tuple[SchoolRecord, Span]:
    scores: Counter[str] = Counter()
    first: dict[str, tuple[int, int, SchoolRecord]] = {}
    for m in school_gazetteer().find(norm):
        school = m.value
        scores[school.code] += _TITLE_WEIGHT if m.start < title_end else 1
        first.setdefault(school.code, (m.start, m.end, school))
    if not scores:
        raise ReportError(file_name, "not a report: no school from the MOE list is named in the text")
    best = max(scores, key=lambda code: (scores[code], -first[code][0]))
    i, j, school = first[best]
    start, end = norm_map[i], norm_map[j - 1] + 1
    span = Span(start, end, index.line_of(start), text[start:end], norm[i:j], norm_map.view(i, j))
    return school, span


def _kind(norm: str, title_end: int, covered: str | None) -> ReportKind:
    for window in (norm[:title_end], norm):
        hits = [(m.start(), index) for index, (_, pattern) in enumerate(_KIND_PATTERNS) if (m := pattern.search(window))]
        if hits:
            kind = _KIND_PATTERNS[min(hits)[1]][0]
            return kind if kind is not None else _self_evaluation_stage(covered)
    return "other"


def _self_evaluation_stage(covered: str | None) -> ReportKind:
    """A performance self-evaluation naming no stage is the final one (绩效自评报告, 2019—2023), unless
    the years it covers are fewer than a whole round (2019—2021: the mid-term)."""
    if covered is not None:
        first, last = (int(year) for year in covered.split("-"))
        if last - first + 1 < ROUND_YEARS:
            return "midterm-self-evaluation"
    return "final-self-evaluation"


def _covered_range(norm: str) -> str | None:
    """The range of years the report covers ("2019-2021"): the one printed most, ranges next to money or
    tasks weighing more (a survey's years do not)."""
    ranges: Counter[str] = Counter()
    for m in _YEAR_RANGE.finditer(norm):
        if m.group(1) < m.group(2):
            context = norm[max(0, m.start() - _SCOPE_WINDOW):m.end() + _SCOPE_WINDOW]
            ranges[f"{m.group(1)}-{m.group(2)}"] += _SCOPE_WEIGHT if _SCOPE_WORDS.search(context) else 1
    return ranges.most_common(1)[0][0] if ranges else None


def _period(kind: ReportKind, covered: str | None, report_year: re.Match[str] | None) -> str | None:
    if kind == "annual-quality-report" and report_year:
        return report_year.group(1)
    if covered:
        return covered
    return report_year.group(1) if report_year else None


def _title(lines: list[Line], norm: str, title_end: int, body_start: int, school_name: str) -> str:
    """The report's own title: a 《…报告》 in the title area, else its first short line naming a report."""
    book = _BOOK_TITLE.search(norm, 0, title_end)
    if book:
        return book.group(1)
    previous = ""
    for line in lines:
        if line.start >= body_start:
            break
        core = re.sub(r"\s+", "", line.core)
        if not core or "，" in core or "。" in core:
            continue
        if _TITLE_WORD.search(core) and len(core) <= 40:
            named = school_name in core or school_name not in previous
            return core if len(core) >= 8 and named or not previous else previous + core
        previous = core
    return f"{school_name}报告"
