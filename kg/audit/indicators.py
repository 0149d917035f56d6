"""One indicator, or one named thing, printed twice with values (or dates) that cannot both hold —
within a report or in two reports of one school (``repeated-figure``)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from kg.audit.model import (
    AuditInput,
    Finding,
    Side,
    back_over,
    evidence_at,
    finding,
    fmt,
    forward_over,
    printed_twice,
    squeeze,
    squeezed,
    table_row_at,
    told_two_ways,
)
from kg.audit.prose import Figure, figure_side, reading_order
from loaders.facts import Evidence, NodeRef

_PERIOD_WORDS = re.compile(r"\d{4}\s*年?\s*(?:[-—–~～至到]+\s*\d{4}\s*)?(?:年度|年|届)?")
_NAME_NOISE = re.compile(r"[\s\d—\-~～（）()“”\"、，,.．:：%％]+")
_GENERIC_NAMES = frozenset({"完成率", "完成", "占比", "比例", "满意度", "执行率", "到位率", "增长", "增加", "提高",
                            "达到", "合计", "总计", "共计", "共", "其中", "新增", "累计", "平均完成度", "完成度",
                            "指标达预期值", "指标值高于预期值", "指标完成率", "通过率", "合格率", "就业率"})
_MIN_NAME = 5
# words before a name that count nothing: who, since when, and the verb of having (建设期内学校累计获得…)
_LEADING_WORDS = re.compile(r"^(?:建设期内|建设期|三年来|近三年|学校|学院|目前|现有|共有|已有|累计|取得|获得|获批|立项|共|已|等)+")
# spellings of one accounting word: money received is 到款, 到款额, 到帐 or 到账
_SYNONYMS = ((re.compile(r"到款额|到[帐账]额?"), "到款"),)


@cache
def normalised_name(name: str) -> str:
    """The name without the periods, numbers, spaces and punctuation printed in it, and without the
    words before it that do not change what is counted (学院现有…, 目前…, …等 closing a list of examples),
    each accounting word in one spelling (培训到帐 / 培训到款额 → 培训到款)."""
    name = _LEADING_WORDS.sub("", _NAME_NOISE.sub("", _PERIOD_WORDS.sub("", name)))
    for spelling, word in _SYNONYMS:
        name = spelling.sub(word, name)
    return name


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure as an indicator claim: what it measures, about whom, when, and the values it allows."""

    indicator: str  # the extractor's indicator key, or the figure's normalised name when it has none
    name: str
    unit: str
    scope: str
    period: str
    value: Decimal
    bounds: Bounds
    evidence: Evidence
    node: NodeRef
    paragraph: int  # start offset of the paragraph it was read in
    sentence: int  # … and of its sentence
    keyed: bool  # the extractor gave it an indicator key


@dataclass(frozen=True, slots=True)
class Bounds:
    """The values a figure allows as printed: N exactly, N余/N多 (above N, below N plus one unit of its
    last non-zero digit: 400余 is 400–500, 550余 550–560), N以上/超N/逾N (at least N), 约N (±10 %),
    近N (up to 10 % below N)."""

    low: Decimal
    high: Decimal | None  # None: no upper bound
    word: str = ""  # the approximation word printed, "" for an exact figure

    def meets(self, other: Bounds) -> bool:
        return (self.high is None or other.low <= self.high) and (other.high is None or self.low <= other.high)

    def text(self, value: Decimal, unit: str) -> str:
        if not self.word:
            return f"{fmt(value)}{unit}"
        high = "∞" if self.high is None else fmt(self.high)
        printed = f"{fmt(value)}{unit}{self.word}" if self.word == "以上" else f"{fmt(value)}{self.word}{unit}"
        if self.word in {"约", "近", "超过", "超", "逾"}:
            printed = f"{self.word}{fmt(value)}{unit}"
        return f"{printed} (allows {fmt(self.low)}–{high})"


BOUNDS_RULE = ("an exact figure allows its value only; N余/N多 allows N up to N plus one unit of its last non-zero "
               "digit, N以上/超N at least N, 约N ±10 %, 近N up to 10 % below N — two figures of one indicator "
               "contradict each other when the values they allow do not meet")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MORE_THAN_AFTER = re.compile(r"^(余|多)")
_AT_LEAST_AFTER = re.compile(r"^[^\d，,。；;、]{0,3}?(以上|多)")
_BEFORE_WORD = re.compile(r"(约|近|超过|超|逾)$")
_TENTH = Decimal("0.1")


def last_digit_unit(value: Decimal) -> Decimal:
    """One unit of the last non-zero digit printed: 400 → 100, 550 → 10, 92.5 → 0.1."""
    exponent = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


def printed_bounds(text: str, evidence: Evidence, value: Decimal) -> Bounds:
    """The values the figure allows, read from the words printed around its number."""
    window = squeezed(text[evidence.start:evidence.end + 4])
    match = next((m for m in reversed(list(_NUMBER.finditer(window)))
                  if _decimal(m.group()) == value), None)
    if match is None:
        return Bounds(value, value)
    before, after = window[:match.start()], window[match.end():]
    word = _BEFORE_WORD.search(before)
    if _MORE_THAN_AFTER.match(after):
        return Bounds(value, value + last_digit_unit(value), _MORE_THAN_AFTER.match(after).group(1))
    if (at_least := _AT_LEAST_AFTER.match(after)) is not None:
        return Bounds(value, None, at_least.group(1))
    if word is None:
        return Bounds(value, value)
    if word.group(1) == "约":
        return Bounds(value * (1 - _TENTH), value * (1 + _TENTH), "约")
    if word.group(1) == "近":
        return Bounds(value * (1 - _TENTH), value, "近")
    return Bounds(value, None, word.group(1))


def _decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


_SUB_UNIT = re.compile(r"专业群|分院|二级学院|系部|团队|工作室|基地|中心|研究院|联盟|集团|项目组")
# a heading naming 专业 at all (专业（群）层面, 专业建设) puts what follows below the school
_SUB_UNIT_HEADING = re.compile(rf"{_SUB_UNIT.pattern}|专业")
_CLAUSE_BREAK = "，,；;。：:！？\n"


def names_a_major(report: AuditInput, clause: str) -> bool:
    """The clause names one of the report's majors (机电一体化技术专业…): a figure about that major."""
    majors = report.remembered("major names", lambda: sorted({n.label for n in report.nodes("Major")}))
    squeezed_clause = squeezed(clause)
    return any(name in squeezed_clause for name in majors)


def confident_scope(report: AuditInput, evidence: Evidence, scope: NodeRef) -> bool:
    """The figure's clause names no unit below the scope it was given (a group, a centre, a team, one
    of the report's majors — 专业 alone, as in 国际认证专业 18 个, is what is counted, not whom), and, for a
    school-wide figure, neither do the headings above it (专业 included) nor is it told in a case (案例 N-N)
    about one unit: the scope resolver's answer is then the only candidate. Other figures printed in the clause before it ("专业对口率64%、") name
    what they measure, not whom this one is about, and are left out of the clause."""
    text = report.doc.text
    start = max(text.rfind(ch, 0, evidence.start) for ch in _CLAUSE_BREAK) + 1
    clause = report.without_other_figures(start, evidence.start) + text[evidence.start:evidence.end]
    if _SUB_UNIT.search(clause) or names_a_major(report, clause):
        return False
    return scope.kind != "School" or (_SUB_UNIT_HEADING.search(report.headings_above(evidence.start)) is None
                                      and not report.in_case_box(evidence.start))


_ENUMERATION = re.compile(r"分别")  # "满意度分别为 97.11%、97%": one value of several things


def _one_of_several(report: AuditInput, evidence: Evidence) -> bool:
    """The figure is one value of an enumeration (分别…) in its sentence."""
    sentence = report.sentence_at(evidence.start)
    lead = report.doc.text[sentence.start if sentence else evidence.start:evidence.end]
    return _ENUMERATION.search(lead) is not None


def metric_claims(report: AuditInput) -> list[Claim]:
    """:func:`read_claims`, read once per report."""
    return report.remembered("claims", lambda: list(read_claims(report)))


def read_claims(report: AuditInput) -> Iterator[Claim]:
    """Prose figures with one period, one scope read with confidence, not one of an enumeration, and
    either an indicator key or a specific name: the figures that may be compared as one indicator."""
    for node in report.nodes("Metric"):
        attrs = node.attrs
        if attrs.get("observedIn", ["prose"]) != ["prose"] or len(attrs.get("period", [])) != 1 \
                or len(attrs.get("scope", [])) != 1:
            continue
        name = normalised_name(str((attrs.get("metricName") or [""])[0]))
        key = str((attrs.get("metricKey") or [""])[0])
        value, scope, ev = attrs.get("value", [None])[0], attrs["scope"][0], node.evidence[0]
        if not (key or _specific(name)) or not isinstance(value, Decimal) or not isinstance(scope, NodeRef) \
                or report.sentence_at(ev.start) is None or table_row_at(report.doc, ev.line) is not None \
                or not confident_scope(report, ev, scope) or _one_of_several(report, ev):
            continue
        bounds = printed_bounds(report.doc.text, ev, value)
        if attrs.get("approximate") and not bounds.word:
            continue  # approximate by a word the bounds do not read: no range to compare
        yield Claim(key or name, name, str((attrs.get("unit") or [""])[0]), scope.key, str(attrs["period"][0]),
                    value, bounds, ev, node.ref, report.paragraph_at(ev.start),
                    report.sentence_at(ev.start).start, bool(key))


_RELATIVE_START = re.compile(r"^(?:已|均|又|再)?(?:达成|完成|实现|超额|其中|另有|包括|含)")


def _specific(name: str) -> bool:
    """A name that says what is counted on its own: long enough, no generic rate word alone, no
    comparison, not a share of a set named before it (达成…/完成…/其中…)."""
    return (len(name) >= _MIN_NAME and name not in _GENERIC_NAMES and "比" not in name
            and _RELATIVE_START.match(name) is None and re.search(r"[\u3400-\u9fff]", name) is not None)


# Qualifiers that make a part of what the bare name counts: 横向技术服务到款额 is a part of 技术服务到款额.
_NARROWING = re.compile(r"横向|纵向|国际|国家级|省级|市级|校级|院级|境外|海外|新增|其中|当年|本年|年度|平均|人均|单项")


def same_indicator_names(a: str, b: str) -> bool:
    """Two names of one keyed indicator: equal, or one is the other with a qualifier put before it that
    names what it is about (完成率 / 标志性成果完成率), not a part of it (技术服务到款额 / 横向技术服务到款额);
    到位资金使用率 and 资金完成率 are two indicators of one key."""
    shorter, longer = sorted((a, b), key=len)
    return longer.endswith(shorter) and _NARROWING.search(longer[:len(longer) - len(shorter)]) is None


def _claim_groups(claims: Iterable[Claim]) -> Iterator[list[Claim]]:
    """Groups of exactly two claims of one indicator, scope, period and unit, in two paragraphs, whose
    values do not meet. A name printed three or more times is a template reused across sections
    (该项目子任务…), and two values in one paragraph are two things (预算…其中 / 实际到位…其中) — unless
    they are one keyed indicator printed under one name in two sentences (建设国际认证专业 18 个。…
    国际认证专业 19 个)."""
    groups: dict[tuple[str, str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[(claim.indicator, claim.unit, claim.scope, claim.period)].append(claim)
    for group in groups.values():
        if len(group) != 2 or not group[0].unit:
            continue
        a, b = group
        if (_one_paragraph(a, b) and not _restated(a, b)) or a.bounds.meets(b.bounds) \
                or not same_indicator_names(a.name, b.name):
            continue
        yield sorted(group, key=lambda c: (c.evidence.report, c.evidence.start))


def _one_paragraph(a: Claim, b: Claim) -> bool:
    return a.evidence.report == b.evidence.report and a.paragraph == b.paragraph


def _restated(a: Claim, b: Claim) -> bool:
    """One keyed indicator under one name, printed again in another sentence of the paragraph."""
    return a.keyed and b.keyed and a.name == b.name and a.sentence != b.sentence


def _repeated_finding(report: AuditInput, group: list[Claim], where: str) -> Finding:
    first = group[0]
    values = "; ".join(f"{c.bounds.text(c.value, c.unit)} (line {c.evidence.line}"
                       f"{', ' + c.evidence.report if where == 'reports' else ''})" for c in group)
    name = max((c.name for c in group), key=len)
    arithmetic = f"{name} [{first.scope}, {first.period}]: {values}"
    sides = tuple(Side("figure", c.value, c.evidence) for c in group)
    result = finding(report, "repeated-figure", "medium", arithmetic, BOUNDS_RULE, sides)
    return Finding(result.kind, result.severity, result.report, result.school, result.arithmetic, result.tolerance,
                   result.sides, result.reports, tuple(c.node for c in group))


def check_repeated_figures(report: AuditInput) -> list[Finding]:
    """One indicator printed twice in a report with values that cannot both hold."""
    return [_repeated_finding(report, group, "report") for group in _claim_groups(metric_claims(report))]


@dataclass(frozen=True, slots=True)
class Dated:
    """A named thing and the date printed with it: a plan with its span in brackets, an edition of an
    award or contest (第六届…) with the year before it."""

    thing: str  # what is dated, normalised so that two spellings of one thing agree
    label: str  # the thing as printed
    date: str
    evidence: Evidence


_BRACKETED_SPAN = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*[-—–~～至]+\s*((?:19|20)\d{2})\s*年?\s*[）)]")
_NAME_RUN = re.compile(r"[\u3400-\u9fff]+$")
_ISSUER = re.compile(r"^[\u3400-\u9fff]{0,8}?(?:部|厅|委员会|委|局|国务院|办公厅)$")  # 教育部 before a plan's name
_MIN_TITLE = 6
_EDITION = re.compile(r"第[一二三四五六七八九十百\d]+届")
_YEAR_BEFORE = re.compile(r"((?:19|20)\d{2})\s*年[^，,。；;、\d]{0,8}$")
_NAME_STOPS = re.compile(r".*(?:年|荣获|获得|获|在|参加|入选|被评为|的)")
_NAME_AFTER = re.compile(r"^[\u3400-\u9fff“”\"]+")


def bracketed_periods(report: AuditInput) -> Iterator[Dated]:
    """A name printed with its span in brackets: 《高等职业教育创新发展行动计划（2015-2018 年）》."""
    text = report.doc.text
    for m in _BRACKETED_SPAN.finditer(text):
        run = _NAME_RUN.search(squeezed(text[max(0, m.start() - 40):m.start()]))
        if run is None or report.sentence_at(m.start()) is None:
            continue
        name = _NAME_STOPS.sub("", run.group())  # "…入选教育部…行动计划": the name starts after the verb
        if len(name) < _MIN_TITLE:
            continue
        start = back_over(text, m.start(), len(name))
        yield Dated(name, name, f"{m.group(1)}-{m.group(2)}", evidence_at(report, start, m.end()))


def edition_years(report: AuditInput) -> Iterator[Dated]:
    """An edition (第六届) of a named award or contest with the year printed just before it in its clause:
    "2019 年荣获柳州市第六届市长质量奖", "获得2020年第六届柳州市市长质量奖"."""
    text = report.doc.text
    for m in _EDITION.finditer(text):
        clause_start = max(text.rfind(ch, 0, m.start()) for ch in "，,。；;、\n") + 1
        before = squeezed(text[clause_start:m.start()])
        year = _YEAR_BEFORE.search(before)
        after = _NAME_AFTER.match(squeezed(text[m.end():m.end() + 40]))
        if year is None or after is None:
            continue
        prefix = _NAME_STOPS.sub("", before[year.end() - len(year.group()):])
        name = (prefix + after.group()).strip("“”\"")
        if len(name) < _MIN_TITLE:
            continue
        yield Dated(m.group() + name, f"{prefix}{m.group()}{after.group()}", year.group(1),
                    evidence_at(report, back_over(text, m.start(), len(prefix)),
                                 forward_over(text, m.end(), len(after.group()))))


def same_thing(a: str, b: str) -> bool:
    """One name, or one of them with the issuing body put before it (教育部…)."""
    shorter, longer = sorted((a, b), key=len)
    return a == b or (longer.endswith(shorter) and _ISSUER.match(longer[:len(longer) - len(shorter)]) is not None)


def _date_findings(report: AuditInput, dated: list[Dated]) -> Iterator[Finding]:
    for i, a in enumerate(dated):
        for b in dated[i + 1:]:
            if a.date == b.date or not same_thing(a.thing, b.thing):
                continue
            arithmetic = (f"{a.label} dated {a.date} (line {a.evidence.line}); {b.label} dated {b.date} "
                          f"(line {b.evidence.line})")
            sides = [Side("dated", None, a.evidence), Side("dated", None, b.evidence)]
            yield finding(report, "repeated-figure", "medium", arithmetic,
                          "exact: one plan, one edition of an award, has one date", sides)


def check_dates(report: AuditInput) -> list[Finding]:
    """A plan printed with two spans, an edition of an award with two years, in one report."""
    return [*_date_findings(report, list(bracketed_periods(report))),
            *_date_findings(report, list(edition_years(report)))]


# ---- one named set counted twice

@dataclass(frozen=True, slots=True)
class NamedSet:
    """A set counted with examples quoted before it: “A”“B”等 13 个人才培养模式, “B”专业群等 9 大人才培养模式."""

    noun: str
    examples: frozenset[str]
    count: int
    evidence: Evidence
    year: str = ""  # the year printed last before it in its statement, "" when none is


_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_SET_COUNT = re.compile(r"((?:“[^”“]{2,30}”[、，,]?)+)[^“”。；;，,]{0,6}?等(\d{1,3}|[一二三四五六七八九十]{1,3})(?:个|大)"
                        r"([\u4e00-\u9fff]{2,10}?)(?=[，,。；;、“”（）(:：和与及的为]|$)")
_QUOTED = re.compile(r"“([^”“]{2,30})”")


def small_number(digits: str) -> int | None:
    """13, 九 or 十一 (up to 九十九) as an integer."""
    if digits.isdigit():
        return int(digits)
    tens, _, units = digits.partition("十")
    if "十" not in digits:
        return _CHINESE_DIGITS.get(digits) if len(digits) == 1 else None
    return (_CHINESE_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CHINESE_DIGITS.get(units, 0) if units else 0)


def named_sets(report: AuditInput) -> Iterator[NamedSet]:
    """Every set counted with quoted examples before it (“A”“B”等 N 个… / “A”…等 N 大…)."""
    text = report.doc.text
    if "等" not in text or "“" not in text:
        return
    squeezed_text = report.remembered("squeezed", lambda: squeeze(text))
    for m in _SET_COUNT.finditer(squeezed_text.text):
        count = small_number(m.group(2))
        if count is None:
            continue
        start, end = squeezed_text.offset(m.start()), squeezed_text.offset(m.end() - 1) + 1
        yield NamedSet(m.group(3), frozenset(_QUOTED.findall(m.group(1))), count, evidence_at(report, start, end))


def check_named_sets(report: AuditInput) -> list[Finding]:
    """One set — the same noun, an example quoted in both — counted with two numbers."""
    sets = list(named_sets(report))
    found = []
    for i, a in enumerate(sets):
        for b in sets[i + 1:]:
            shared = a.examples & b.examples
            if a.noun != b.noun or not shared or a.count == b.count:
                continue
            arithmetic = (f"{a.noun} (with “{sorted(shared)[0]}”): {a.count} (line {a.evidence.line}); "
                          f"{b.count} (line {b.evidence.line})")
            found.append(printed_twice(report, "count", (a.count, a.evidence), (b.count, b.evidence), arithmetic,
                                       "exact: one set, named by the same example, has one count"))
    return found


# ---- one whole set of the school (N 大…) counted twice

_WHOLE_SET = re.compile(r"(?<![\d一二三四五六七八九十])(\d{1,2}|[一二三四五六七八九十]{1,3})大"
                        r"([\u4e00-\u9fff]{2,8}?)(?=[，,。；;、“”（）(:：和与及的为]|$)")
_CATEGORY = re.compile(r"[\u4e00-\u9fff]+类")  # 新能源汽车技术类: a category of majors, not the major
_MAX_WHOLE_SET = 17  # 十八大, 十九大, 二十大 are congresses of the Party, not sets of a school
# spellings of one set: 九大专业集群 / 八大专业群 (groups); 10 大任务 / 11 大建设任务 / 十一大建设内容 (the plan's tasks)
_SET_SPELLINGS = ((re.compile(r"集群$"), "群"), (re.compile(r"^建设(任务|内容)$"), "任务"))


def set_noun(noun: str) -> str:
    """The noun of a set in one spelling (专业集群 → 专业群, 建设内容 → 任务)."""
    for spelling, word in _SET_SPELLINGS:
        noun = spelling.sub(word, noun)
    return noun


def whole_sets(report: AuditInput) -> Iterator[NamedSet]:
    """Every set of the school counted with 大 (九大专业集群, 11 大建设任务) in a clause that names no unit below
    the school (机电设备维修与管理专业群深入推进 9 大建设任务 counts a group's own)."""
    text = report.doc.text
    squeezed_text = report.remembered("squeezed", lambda: squeeze(text))
    flat = squeezed_text.text
    for m in _WHOLE_SET.finditer(flat):
        count = small_number(m.group(1))
        clause = _CATEGORY.sub("", flat[max(flat.rfind(ch, 0, m.start()) for ch in _CLAUSE_BREAK) + 1:m.start()])
        if count is None or count > _MAX_WHOLE_SET or _SUB_UNIT.search(clause) or names_a_major(report, clause):
            continue
        start, end = squeezed_text.offset(m.start()), squeezed_text.offset(m.end() - 1) + 1
        yield NamedSet(set_noun(m.group(2)), frozenset(), count, evidence_at(report, start, end),
                       year_before(flat, m.start()))


def year_before(flat: str, at: int) -> str:
    """The year printed last before ``at`` in its statement (since the last 。 or ；), "" when none is."""
    years = _YEAR.findall(flat[max(flat.rfind(ch, 0, at) for ch in "。；;") + 1:at])
    return years[-1] if years else ""


def one_set_at_one_time(a: NamedSet, b: NamedSet) -> bool:
    """One noun, and not two years printed (2019 年八大专业群 / 2023 年九大专业集群: the set changed)."""
    return a.noun == b.noun and not (a.year and b.year and a.year != b.year)


def check_whole_sets(report: AuditInput) -> list[Finding]:
    """One whole set of the school — the same noun counted with 大 — counted with two numbers in two sentences."""
    return [printed_twice(report, "count", (a.count, a.evidence), (b.count, b.evidence),
                          f"{a.noun} of the school: {a.count} (line {a.evidence.line}); {b.count} (line {b.evidence.line})",
                          "exact: one whole set of the school (N 大…) has one count")
            for a, b in told_two_ways(report, whole_sets(report), one_set_at_one_time,
                                      lambda a, b: a.count == b.count)]


# ---- one honour told as a cultivation (培育) and as achieved

@dataclass(frozen=True, slots=True)
class Honour:
    """An honour printed after the verb that won it: 入选国家示范性职教集团(联盟)培育单位, 建成国家级示范性职业教育集团."""

    name: str  # normalised, without what follows 培育
    cultivating: bool  # printed as a cultivation (…培育单位 / 培育项目), not as achieved
    year: str  # the year printed last before it in its statement, "" when none is
    evidence: Evidence


_HONOUR = re.compile(r"(?:建成|获批|成为|入选|获评|被评为|被认定为|认定为|列入|获得|获)([^，,。；;、：:！？和与及]{4,40})")
_HONOUR_NOISE = re.compile(r"[（(][^）)]*[）)]|[“”\"《》]")
_HONOUR_ISSUER = re.compile(r"^(?:教育部|国家级|国家|全国|首批|第[一二三四五六七八九十]+批|的)+")
# spellings of one honour: 示范性职业教育集团 / 示范职教集团
_HONOUR_SPELLINGS = (("职业教育", "职教"), ("示范性", "示范"))
_MIN_HONOUR = 5


def honour_name(printed: str) -> str:
    """The honour without brackets, quotes and the issuer or batch before it, in one spelling."""
    name = _HONOUR_ISSUER.sub("", _HONOUR_NOISE.sub("", printed))
    for spelling, word in _HONOUR_SPELLINGS:
        name = name.replace(spelling, word)
    return name


def honours(report: AuditInput) -> Iterator[Honour]:
    """Every honour printed after the verb that won it, cut at 培育 when it is a cultivation."""
    text = report.doc.text
    if "培育" not in text:
        return
    squeezed_text = report.remembered("squeezed", lambda: squeeze(text))
    flat = squeezed_text.text
    for m in _HONOUR.finditer(flat):
        printed, cultivating, _ = m.group(1).partition("培育")
        name = honour_name(printed)
        if len(name) >= _MIN_HONOUR:
            start, end = squeezed_text.offset(m.start()), squeezed_text.offset(m.end() - 1) + 1
            yield Honour(name, bool(cultivating), year_before(flat, m.start()), evidence_at(report, start, end))


def one_honour_at_one_time(a: Honour, b: Honour) -> bool:
    """One honour, and not won in a year after the one it was a cultivation in (2020 年入选…培育单位 /
    2023 年获批…: the status changed)."""
    cultivated, won = (a, b) if a.cultivating else (b, a)
    return a.name == b.name and not (cultivated.year and won.year and won.year > cultivated.year)


def _status(honour: Honour) -> str:
    return "a cultivation (培育)" if honour.cultivating else "achieved"


def check_honour_status(report: AuditInput) -> list[Finding]:
    """One honour printed as a cultivation (…培育单位) and, in another sentence, as achieved (建成…)."""
    return [finding(report, "repeated-figure", "medium",
                    f"{a.name}: {_status(a)} (line {a.evidence.line}); {_status(b)} (line {b.evidence.line})",
                    "exact: one honour is either won or being cultivated (培育)",
                    [Side("status", None, a.evidence), Side("status", None, b.evidence)])
            for a, b in told_two_ways(report, honours(report), one_honour_at_one_time,
                                      lambda a, b: a.cultivating == b.cultivating)]


# what adds up over the units of a school: counts and amounts, not rates, scores or averages
_ADDITIVE = frozenset({"个", "项", "家", "所", "门", "名", "种", "本", "部", "支", "篇", "件", "次", "人", "人次", "套",
                       "万元", "元"})


def _wholes(claims: Iterable[Claim], school: str) -> dict[tuple[str, str, str], Claim]:
    """The school-wide claims of the report, by indicator, unit and period, where there is one."""
    by_key: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.scope == school:
            by_key[(claim.indicator, claim.unit, claim.period)].append(claim)
    return {key: group[0] for key, group in by_key.items() if len(group) == 1}


def check_part_above_whole(report: AuditInput) -> list[Finding]:
    """A unit of the school (a group, a college) counted above the school itself for one indicator and
    period: 全校获批国家级课题 1 项 / 专业群立项国家级课题 2 项."""
    claims = metric_claims(report)
    wholes = _wholes(claims, report.school)
    found = []
    for part in claims:
        whole = wholes.get((part.indicator, part.unit, part.period))
        if part.scope == report.school or whole is None or whole.bounds.high is None or part.unit not in _ADDITIVE \
                or part.bounds.low <= whole.bounds.high or not same_indicator_names(part.name, whole.name):
            continue
        arithmetic = (f"{whole.name} [{part.period}]: the school {whole.bounds.text(whole.value, whole.unit)} "
                      f"(line {whole.evidence.line}) < {part.scope} {part.bounds.text(part.value, part.unit)} "
                      f"(line {part.evidence.line}): a part above its whole")
        sides = [Side("whole", whole.value, whole.evidence), Side("part", part.value, part.evidence)]
        found.append(finding(report, "total-parts", "medium", arithmetic,
                             "exact: a unit of the school counts no more than the school", sides))
    return found


def check_across_reports(reports: Sequence[AuditInput]) -> list[Finding]:
    """The same indicator, scope and period (a year or a span, identical) with different values
    in two reports of one school."""
    by_school: dict[str, list[AuditInput]] = defaultdict(list)
    for report in reports:
        by_school[report.school].append(report)
    found: list[Finding] = []
    for sisters in by_school.values():
        if len(sisters) < 2:
            continue
        claims = [c for r in sisters for c in metric_claims(r)]
        for group in _claim_groups(claims):
            if len({c.evidence.report for c in group}) < 2:
                continue
            owner = next(r for r in sisters if r.key == group[0].evidence.report)
            found.append(_repeated_finding(owner, group, "reports"))
    return found


# ---- two things whose values are swapped

_MIN_SHARED_NAME = 4  # characters two names of one thing share at their start (严重心理问题…)


def shared_start(a: str, b: str) -> str:
    """The characters two names share at their start."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _same_thing(a: Figure, b: Figure) -> str:
    """What two figures of one unit are both named for (their names share a start of four characters or
    more, once the words that count nothing are dropped), or ""."""
    start = shared_start(normalised_name(a.name), normalised_name(b.name))
    return start if len(start) >= _MIN_SHARED_NAME and a.unit == b.unit else ""


def _swaps(figures: Sequence[Figure]) -> Iterator[tuple[Figure, Figure, Figure, Figure]]:
    """(x, y, x′, y′): x and x′ name one thing, y and y′ another, and x′ prints y's value while y′ prints
    x's — two values swapped between two things."""
    for i, x in enumerate(figures):
        for y in figures[i + 1:]:
            if x.value == y.value or x.unit != y.unit or shared_start(normalised_name(x.name), normalised_name(y.name)):
                continue
            for x2 in (f for f in figures[i + 1:] if f is not y and f.value == y.value and _same_thing(x, f)):
                y2 = next((f for f in figures if f.evidence.start > y.evidence.start and f.value == x.value
                           and f is not x2 and _same_thing(y, f)), None)
                if y2 is not None and _same_thing(x, x2) != _same_thing(y, y2):
                    yield x, y, x2, y2


def check_swapped_values(report: AuditInput) -> list[Finding]:
    """Two things of one paragraph printed with two values, and again with the values swapped (严重 182 人、
    一般 217 人 / 严重…217 人、一般…182 人)."""
    by_paragraph: dict[int, list[Figure]] = defaultdict(list)
    for figure in reading_order(report):
        if not figure.approximate:
            by_paragraph[report.paragraph_at(figure.evidence.start)].append(figure)
    found = []
    for figures in by_paragraph.values():
        for x, y, x2, y2 in _swaps(figures):
            arithmetic = (f"{_same_thing(x, x2)} {fmt(x.value)}{x.unit}, {_same_thing(y, y2)} {fmt(y.value)}{y.unit} "
                          f"(lines {x.evidence.line}, {y.evidence.line}); then {_same_thing(x, x2)} {fmt(x2.value)}"
                          f"{x2.unit}, {_same_thing(y, y2)} {fmt(y2.value)}{y2.unit} (lines {x2.evidence.line}, "
                          f"{y2.evidence.line}): the two values are swapped")
            sides = [figure_side("figure", f) for f in (x, y, x2, y2)]
            found.append(finding(report, "repeated-figure", "medium", arithmetic,
                                 "exact: one thing has one value", sides))
    return found


# ---- one subject's place in one ranking printed twice

@dataclass(frozen=True, slots=True)
class Ranked:
    """A place printed in a ranking list (“金平果”…排行榜（2021）中位列全国第18位): who is ranked, in which
    list, for which year and region."""

    subject: str  # "" for the school itself
    ranking: str  # the list's name without its year, region, quotes and brackets
    year: str
    region: str
    place: int
    evidence: Evidence


_PLACE = re.compile(r"第(\d{1,4}|[一二三四五六七八九十]{1,3})(?:位|名)?(?=[位名，,。；;、）)]|$)")
_RANK_VERB = re.compile(r"位列|位居|名列|排名|排行|跃居到?|居|列")
_RANK_WINDOW = 14  # printed characters before a place where its verb may stand
_RANKING_NAME = re.compile(r"[^，,、；;。]*?(?:排行榜|排名|排行)")
_RANKING_NOISE = re.compile(r"(?:19|20)\d{2}年?|[\d“”\"‘’《》（）()\s]|全国")
_RANKING_VERB_END = re.compile(r"(?:排行榜|排名|排行)$")
_MIN_RANKING = 3  # characters a ranking's name keeps before its 排行榜/排名, once normalised
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_FROM = re.compile(r"[从由][^到至]*$")  # "从第98名跃居到…": the place a change starts from
_SCHOOL_WORDS = frozenset({"", "学校", "学院", "我院", "我校", "本校", "该校"})
_SUBJECT_LEAD = re.compile(r"^(?:已|并|且|均|还|同时|其中)+")


def ranking_name(before: str) -> str:
    """The name of the last ranking list named in ``before`` — after 在 (在“金平果”…排行榜中) or as a 排行榜 —
    normalised (no year, region, quotes or brackets); "" when none is named there ("我院排名第 33 位" names
    who is ranked, not the list)."""
    for m in reversed(list(_RANKING_NAME.finditer(before))):
        run = m.group()
        if "在" not in run and not run.endswith("排行榜"):
            continue
        name = _RANKING_NOISE.sub("", run.rpartition("在")[2])
        if len(_RANKING_VERB_END.sub("", name)) >= _MIN_RANKING:
            return name
    return ""


def _region(text: str) -> str:
    return "全国" if "全国" in text else text.strip("、")


def _subject(report: AuditInput, clause: str, statement: str) -> str | None:
    """Who the clause ranks (the words before 在 or its verb); "" for the school, when the statement names
    no unit below it; None when it does."""
    lead = re.split(rf"在|{_RANK_VERB.pattern}", clause, maxsplit=1)[0]
    subject = _SUBJECT_LEAD.sub("", lead)
    if subject not in _SCHOOL_WORDS:
        return subject
    return None if _SUB_UNIT.search(statement) or names_a_major(report, statement) else ""


def ranked_places(report: AuditInput) -> Iterator[Ranked]:
    """Every place printed after a ranking verb, with the list named before it in its statement and the
    year nearest before it; the place a change starts from (从第 98 名…) is left out."""
    text = report.doc.text
    if "第" not in text or not ("排" in text or "位列" in text):
        return
    squeezed_text = report.remembered("squeezed", lambda: squeeze(text))
    flat = squeezed_text.text
    previous_end = 0
    for m in _PLACE.finditer(flat):
        sentence = report.sentence_at(squeezed_text.offset(m.start()))
        if sentence is None:
            continue
        statement_start = max(squeezed_text.index(sentence.start), *(flat.rfind(ch, 0, m.start()) + 1 for ch in "；;"))
        clause_start = max(statement_start, *(flat.rfind(ch, 0, m.start()) + 1 for ch in "，,"))
        verbs = list(_RANK_VERB.finditer(flat, max(clause_start, m.start() - _RANK_WINDOW), m.start()))
        statement = flat[statement_start:m.start()]
        years = _YEAR.findall(statement)
        place = small_number(m.group(1))
        after_place, previous_end = previous_end, m.end()
        if not verbs or not years or place is None or _FROM.search(flat[clause_start:m.start()]):
            continue
        subject = _subject(report, flat[clause_start:m.start()], statement)
        ranking = ranking_name(flat[statement_start:verbs[-1].end()]) if subject is not None else ""
        if not ranking:
            continue
        start = max(verbs[-1].start(), after_place if after_place > clause_start else 0)  # "…第18位、山东省第2位"
        region = _region(flat[max(verbs[-1].end(), start):m.start()])
        yield Ranked(subject, ranking, years[-1], region, place,
                     evidence_at(report, squeezed_text.offset(start), squeezed_text.offset(m.end() - 1) + 1))


def is_subsequence(short: str, long: str) -> bool:
    """Every character of ``short`` appears in ``long`` in order (金平果综合排名 in 金平果专业群综合竞争力排名)."""
    rest = iter(long)
    return all(ch in rest for ch in short)


def one_ranking(a: Ranked, b: Ranked) -> bool:
    """One subject, year and region, and one list: the shorter name is the longer one with words left out."""
    shorter, longer = sorted((a.ranking, b.ranking), key=len)
    return (a.subject, a.year, a.region) == (b.subject, b.year, b.region) and is_subsequence(shorter, longer)


def check_rankings(report: AuditInput) -> list[Finding]:
    """One subject's place in one ranking list, year and region printed twice with two places."""
    return [printed_twice(report, "place", (a.place, a.evidence), (b.place, b.evidence),
                          f"{a.subject or 'the school'} in {max(a.ranking, b.ranking, key=len)} "
                          f"[{a.year}, {a.region or 'no region'}]: 第{a.place} (line {a.evidence.line}); "
                          f"第{b.place} (line {b.evidence.line})",
                          "exact: one subject has one place in one ranking of one year and region")
            for a, b in told_two_ways(report, ranked_places(report), one_ranking, lambda a, b: a.place == b.place)]
