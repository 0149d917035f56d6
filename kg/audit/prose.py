"""Checks within a statement of prose, over the figures (``sg:Metric``) read in it: a rate against its
numerator and denominator, a total against what its 其中 lists, a share against its part and total
(``rate-parts``, ``total-parts``), a count or an enumeration (分别) against its list (``count-list``)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from kg.audit.model import (
    AuditInput,
    Finding,
    Side,
    decimal_places,
    evidence_at,
    finding,
    fmt,
    percent_places,
    rate_tolerance,
    ratio_misses,
    squeezed,
    sum_tolerance,
    tolerance_text,
)
from loaders.document.model import Sentence
from loaders.facts import Evidence, Node


@dataclass(frozen=True, slots=True)
class Figure:
    """A prose figure (sg:Metric) with the sentence it was read in."""

    node: Node
    name: str
    value: Decimal
    unit: str
    evidence: Evidence
    sentence: Sentence

    @property
    def approximate(self) -> bool:
        return bool(self.node.attrs.get("approximate"))


def prose_figures(report: AuditInput) -> dict[int, list[Figure]]:
    """Prose figures by the start offset of their sentence, in reading order (read once per report)."""
    return report.remembered("prose figures", lambda: _read_prose_figures(report))


def _read_prose_figures(report: AuditInput) -> dict[int, list[Figure]]:
    by_sentence: dict[int, list[Figure]] = defaultdict(list)
    for node in report.nodes("Metric"):
        if node.attrs.get("observedIn", ["prose"]) != ["prose"]:
            continue
        value, ev = node.attrs.get("value", [None])[0], node.evidence[0]
        sentence = report.sentence_at(ev.start)
        if not isinstance(value, Decimal) or sentence is None:
            continue
        unit = str((node.attrs.get("unit") or [""])[0])
        name = str((node.attrs.get("metricName") or [node.label])[0])
        by_sentence[sentence.start].append(Figure(node, name, value, unit, ev, sentence))
    for figures in by_sentence.values():
        figures.sort(key=lambda f: f.evidence.end)
    return by_sentence


def figure_side(role: str, figure: Figure) -> Side:
    return Side(role, figure.value, figure.evidence)


_RATE_NAME = re.compile(r"(完成|达成|达|实现|执行|到位|通过|合格|验收)(率|度|程度)$")
_COUNT_UNITS = {"项", "个"}


# Verbs that name one act: a 指标值达成度 / 达程度 is read against the count 完成 or 达成 just before it.
_VERB_FAMILIES = (("完成", "达成", "达", "实现"),)
_AVERAGE = re.compile(r"平均|均值")  # an average of completion degrees is no count over a count
# 应完成三级任务 368 项, 计划完成…: a target names the rate's verb and is its whole, not another numerator
_TARGET = re.compile(r"应|计划|预期|目标|任务书")
COMPARISON = re.compile(r"^\s*(?:比|较|同比|相比)")  # "比 2022 年增加 55 项": a change, not a count of the whole


def verbs_like(verb: str, measure: str) -> tuple[str, ...]:
    """The verbs a numerator may name for a rate of ``verb``: the verb's family for a 率; the verb
    itself for a 度 or 程度 (a degree may be an average of indicator values, read only against its own
    verb's count)."""
    if measure != "率":
        return (verb,)
    return next((family for family in _VERB_FAMILIES if verb in family), (verb,))


def _numerator_and_wholes(figures: list[Figure], rate: Figure, verbs: tuple[str, ...]) -> tuple[Figure, list[Figure]] | None:
    """The count just before the rate whose name holds the rate's verb (完成 for 完成率; a change
    printed between them, 比…增加 N 项, is passed over), and every count before that one in the
    sentence (the wholes it may be a part of), nearest first."""
    before = [f for f in figures if f.evidence.end <= rate.evidence.start and not COMPARISON.match(f.evidence.quote)]
    if not before or before[-1].unit not in _COUNT_UNITS or not any(v in before[-1].name for v in verbs):
        return None
    numerator = before[-1]
    wholes = [f for f in reversed(before[:-1])
              if f.unit in _COUNT_UNITS and (_TARGET.search(f.name) or not any(v in f.name for v in verbs))]
    if not wholes or any(w.value <= 0 for w in wholes):
        return None  # a target of 0: the rate is undefined
    return numerator, wholes


def _rate_parts_finding(report: AuditInput, figures: list[Figure], rate: Figure) -> Finding | None:
    m = _RATE_NAME.search(rate.name)
    verbs = verbs_like(m.group(1), m.group(2)) if m and not _AVERAGE.search(rate.name) else None
    parts = _numerator_and_wholes(figures, rate, verbs) if verbs else None
    places = percent_places(rate.evidence.quote, rate.value)
    if parts is None or places is None or rate.approximate:
        return None
    numerator, wholes = parts
    if numerator.approximate or any(w.approximate for w in wholes):
        return None
    ratios = ratio_misses(rate.value, places, numerator.value, [w.value for w in wholes])
    if ratios is None:
        return None
    whole = next((w for w in wholes if w.value >= numerator.value), wholes[0])
    ratio = numerator.value / whole.value * 100
    others = sorted({f"{fmt(numerator.value)}/{fmt(w.value)} = {r:.2f}%" for w, r in zip(wholes, ratios, strict=True)
                     if w.value != whole.value})
    arithmetic = (f"{rate.name} printed {fmt(rate.value, places)}%; {numerator.name} {fmt(numerator.value)} / "
                  f"{whole.name} {fmt(whole.value)} = {ratio:.2f}%"
                  + (f" (no other count of the sentence gives it either: {'; '.join(others)})" if others else ""))
    severity = "high" if abs(ratio - rate.value) >= 1 else "low"
    sides = [figure_side("rate", rate), figure_side("numerator", numerator), figure_side("denominator", whole)]
    return finding(report, "rate-parts", severity, arithmetic, rate_tolerance(places), sides)


def check_rate_parts(report: AuditInput) -> list[Finding]:
    """A rate against the numerator and the wholes printed before it in its sentence."""
    found = []
    for figures in prose_figures(report).values():
        for rate in (f for f in figures if f.unit == "%"):
            result = _rate_parts_finding(report, figures, rate)
            if result:
                found.append(result)
    return found


# ---- a growth against the value and the change printed before it

_INCREASE = re.compile(r"增加|增长|提高|增多")
_GROWTH_RATE = re.compile(r"^(?:同比)?(?:增长|增幅|增加率|增长率|提高)(?:了|达|为)?\d")


def _growth_parts(figures: list[Figure], change: Figure) -> tuple[Figure, Figure] | None:
    """(value, growth) around a change "比 2021 年增加了 5 项": the figure of the change's unit just
    before it (shares printed between are passed over) and the growth rate just after it."""
    before = [f for f in figures if f.evidence.end <= change.evidence.start and f.unit != "%"]
    after = [f for f in figures if f.evidence.start >= change.evidence.end]
    if not before or not after or before[-1].unit != change.unit or after[0].unit != "%":
        return None
    if _GROWTH_RATE.match(squeezed(after[0].evidence.quote)) is None:
        return None
    return before[-1], after[0]


def _change_finding(report: AuditInput, figures: list[Figure], change: Figure) -> Finding | None:
    parts = _growth_parts(figures, change)
    if parts is None or change.approximate:
        return None
    value, growth = parts
    places = percent_places(growth.evidence.quote, growth.value)
    earlier = value.value - change.value
    if places is None or value.approximate or growth.approximate or earlier <= 0:
        return None
    ratios = ratio_misses(growth.value, places, change.value, [earlier])
    if ratios is None:
        return None
    arithmetic = (f"growth printed {fmt(growth.value, places)}%; {value.name} {fmt(value.value)}{value.unit}, "
                  f"a change of {fmt(change.value)}: {fmt(change.value)} / ({fmt(value.value)} − {fmt(change.value)}) "
                  f"= {ratios[0]:.2f}%")
    severity = "high" if abs(ratios[0] - growth.value) >= 1 else "low"
    sides = [figure_side("growth", growth), figure_side("value", value), figure_side("change", change)]
    return finding(report, "rate-parts", severity, arithmetic, rate_tolerance(places), sides)


def check_changes(report: AuditInput) -> list[Finding]:
    """A growth printed after a value and its change (N 项，比 2021 年增加了 D 项，增长了 P%) against
    D / (N − D)."""
    return [f for figures in prose_figures(report).values() for change in figures
            if change.unit != "%" and COMPARISON.match(change.evidence.quote) and _INCREASE.search(change.evidence.quote)
            and (f := _change_finding(report, figures, change))]


_AMONG = re.compile(r"^[，,：:。]?其中[，,：:]?")
_NOT_A_PART = re.compile(r"包括|其中|以上|以下|累计|合计|总")  # a sub-total or an open class, not a part
_LEADING_LIST_WORD = re.compile(r"^[，,：:]?(?:其中|包括)+[，,：:]?")
_OPENS_SUB_LIST = re.compile(r"^[，,：:]?包括")  # "…等 141 家，包括 A 127 家": the part before is broken down
_LABEL_TAIL = re.compile(r"^[^\d，,。；;、]{0,4}[，,]$")  # "11 个专业，占比…": the end of the part's own clause
_SHARE_LABEL = re.compile(r"^总?占")  # "占比 52.38%", "总占比 82%", "占比全年总支出的 11.96%"
_LIST_MARKS = "、，,；;"
# after a ；, a clause that does something of its own (…加入…；牵头成立…集团，成员单位58家) lists no part
_ANOTHER_STATEMENT = re.compile(r"[；;].*(?:加入|成立|组建|牵头|签订|获批|入选|建成)")
# an average or a level (生均财政拨款水平, 人均) is no part of a total
_NOT_A_SHARE_OF_IT = re.compile(r"生均|人均|平均|水平")
MIN_SHARE_LISTED = Decimal("0.9")  # parts adding up to less than this share of the total are an open list


@dataclass(frozen=True, slots=True)
class AmongList:
    """A stated total and what the 其中 after it lists: the parts of the total's unit, in order, and
    each share (占比 P%) with the part it is printed beside. ``sub_lists`` holds the index of each part
    that opens the breakdown of the part before it (…等 141 家，包括 A 127 家、B 6 家…): where that
    breakdown ends is not printed."""

    total: Figure
    parts: tuple[Figure, ...]
    shares: tuple[tuple[Figure, Figure], ...]
    sub_lists: tuple[int, ...]
    closing: bool = False  # the total closes the list (A、B、C，共计 N) instead of opening it (N，其中 A、B)
    listing: str = "其中"  # how the parts are introduced, as the arithmetic says it


def reading_order(report: AuditInput) -> list[Figure]:
    """Every prose figure in reading order, one per printed number (a number read twice, as a keyed
    indicator and as a plain figure, is kept once: the reading whose quote ends later)."""
    return report.remembered("reading order", lambda: _read_in_order(report))


def _read_in_order(report: AuditInput) -> list[Figure]:
    figures = sorted((f for fs in prose_figures(report).values() for f in fs),
                     key=lambda f: (f.evidence.start, -f.evidence.end))
    kept: list[Figure] = []
    for figure in figures:
        twin = next((k for k in kept[-3:] if k.value == figure.value and k.unit == figure.unit
                     and k.evidence.start < figure.evidence.end and figure.evidence.start < k.evidence.end), None)
        if twin is None:
            kept.append(figure)
        elif figure.evidence.end > twin.evidence.end:
            kept[kept.index(twin)] = figure
    return kept


def among_lists(report: AuditInput) -> Iterator[AmongList]:
    """Each total printed just before 其中 (in its sentence or closing the one before), with the figures
    the 其中 lists up to the end of that statement (。, not ；)."""
    figures = reading_order(report)
    text = report.doc.text
    for i, total in enumerate(figures):
        if total.unit in {"%", ""} or total.approximate:
            continue
        after = squeezed(text[total.evidence.end:total.evidence.end + 8])
        among = _AMONG.match(after)
        if among is None:
            continue
        sentence = report.sentence_at(text.index("其中", total.evidence.end))
        if sentence is None:
            continue
        end = report.statement_end(sentence)
        listed = [f for f in figures[i + 1:] if f.evidence.start < end]
        yield _read_list(text, total, listed)


def _read_list(text: str, total: Figure, listed: list[Figure]) -> AmongList:
    """Parts of the total's unit, each separated from the last by a list mark (shares printed between
    them are set aside); the list ends at a figure of another unit, a change (比…) or another clause."""
    parts: list[Figure] = []
    shares: list[tuple[Figure, Figure]] = []
    sub_lists: list[int] = []
    previous_end = total.evidence.end
    for k, figure in enumerate(listed):
        if figure.unit == "%":
            part = _part_of_share(text, figure, parts, listed[k + 1:])
            if part is not None:
                shares.append((figure, part))
                previous_end = max(previous_end, figure.evidence.end)
            continue
        label = _between_without_shares(text, previous_end, figure, shares) + squeezed(figure.evidence.quote)
        opens_sub_list = bool(parts) and _OPENS_SUB_LIST.match(label) is not None
        if figure.unit != total.unit or COMPARISON.match(figure.evidence.quote) \
                or (parts and not opens_sub_list and not _separated_as_list(label)) \
                or _AMONG.match(squeezed(text[figure.evidence.end:figure.evidence.end + 8])) \
                or (parts and _ANOTHER_STATEMENT.search(label)) or _NOT_A_SHARE_OF_IT.search(label):
            break  # another unit, a change, another clause or statement, a level, or the head of a list of its own
        if opens_sub_list:
            sub_lists.append(len(parts))
        parts.append(figure)
        previous_end = figure.evidence.end
    return AmongList(total, tuple(parts), tuple(shares), tuple(sub_lists))


def _part_of_share(text: str, share: Figure, parts: list[Figure], following: list[Figure]) -> Figure | None:
    """The figure a share is printed beside: the part just before it ("11 个，占比 52.38%") or, when
    the share comes first, the amount after it ("占比 11.96%，为 5572.64 万元")."""
    if _SHARE_LABEL.match(squeezed(share.evidence.quote)) is None:
        return None  # a share with a label of its own (课时数占…) is a share of something else
    if parts and _LABEL_TAIL.match(squeezed(text[parts[-1].evidence.end:share.evidence.start])):
        return parts[-1]
    nxt = following[0] if following else None
    if nxt is not None and nxt.unit != "%" and squeezed(text[share.evidence.end:nxt.evidence.start]) in {"，", ","} \
            and squeezed(nxt.evidence.quote).startswith("为"):
        return nxt
    return None


def _between_without_shares(text: str, start: int, figure: Figure, shares: list[tuple[Figure, Figure]]) -> str:
    between = text[start:figure.evidence.start]
    for share, _ in shares:
        if start <= share.evidence.start < figure.evidence.start:
            between = between.replace(share.evidence.quote, "")
    return squeezed(between)


def _separated_as_list(label: str) -> bool:
    """Before a listed part (from the end of the last one): a list mark and a label that neither opens
    another list nor adds something beside it (另有, 此外) nor compares."""
    return label[:1] in _LIST_MARKS and not any(word in label for word in ("其中", "另", "此外", "包括", "占", "比"))


def _adds_up(total: Decimal, parts: Sequence[Figure], tolerance: Decimal) -> bool:
    """The parts give the total, or are an open list (far below it: 其中 names only some)."""
    added = sum((p.value for p in parts), Decimal(0))
    return abs(added - total) <= tolerance or added < total * MIN_SHARE_LISTED


def _a_reading_adds_up(listed: AmongList, tolerance: Decimal) -> bool:
    """Some end of the one breakdown (包括…) makes both the total and the broken-down part add up."""
    k = listed.sub_lists[0]
    head, parts = listed.parts[k - 1], listed.parts
    return any(_adds_up(head.value, parts[k:j + 1], tolerance)
               and _adds_up(listed.total.value, [*parts[:k], *parts[j + 1:]], tolerance)
               for j in range(k, len(parts)))


def _terms(parts: Sequence[Figure]) -> str:
    return " + ".join(f"{p.name} {fmt(p.value)}" for p in parts)


def _total_parts_finding(report: AuditInput, listed: AmongList) -> Finding | None:
    total, parts = listed.total, listed.parts
    heads = {k - 1 for k in listed.sub_lists}
    if len(parts) < 2 or len(listed.sub_lists) > 1 or any(
            p.approximate or (i not in heads and _NOT_A_PART.search(_LEADING_LIST_WORD.sub("", squeezed(p.evidence.quote))))
            for i, p in enumerate(parts)):
        return None
    places = max(decimal_places(f.value) for f in [total, *parts])
    tolerance = sum_tolerance(places, len(parts))
    if listed.sub_lists:
        if _a_reading_adds_up(listed, tolerance):
            return None
        k = listed.sub_lists[0]
        arithmetic = (f"{total.name}: stated {fmt(total.value)}{total.unit}; 其中 {_terms(parts)}, where "
                      f"{parts[k - 1].name} {fmt(parts[k - 1].value)} is broken down (包括) from "
                      f"{parts[k].name} on: no end of that breakdown makes both "
                      f"{fmt(total.value)} and {fmt(parts[k - 1].value)} add up")
    else:
        if _adds_up(total.value, parts, tolerance):
            return None
        added = sum((p.value for p in parts), Decimal(0))
        listing, name = ("listed before it", "共计") if listed.closing else (listed.listing, total.name)
        arithmetic = (f"{name}: stated {fmt(total.value)}{total.unit}; {listing} {_terms(parts)} = "
                      f"{fmt(added)}{total.unit} (difference {fmt(added - total.value)})")
    sides = [figure_side("stated total", total), *(figure_side("part", p) for p in parts)]
    return finding(report, "total-parts", "high", arithmetic, tolerance_text(places, len(parts)), sides)


def check_total_parts(report: AuditInput) -> list[Finding]:
    """A total against the parts its 其中 lists, the parts listed before a closing 共计/合计, or the
    organisations its statement lists by kind up to the rest (…5 个其他组织)."""
    lists = [*among_lists(report), *closing_lists(report), *organisation_lists(report)]
    return [f for listed in lists if (f := _total_parts_finding(report, listed))]


_CLOSES_LIST = re.compile(r"^[，,]?(?:共计|合计|总计|共)\s*\d")


def closing_lists(report: AuditInput) -> Iterator[AmongList]:
    """Each total printed as 共计/合计 N right after a list of parts of its unit in its sentence
    (一等奖14项、二等奖19项、三等奖22项，共计57项): the parts, read back to the list's start."""
    figures = reading_order(report)
    text = report.doc.text
    for i, total in enumerate(figures):
        if i < 2 or total.unit in {"%", ""} or total.approximate:
            continue
        before = figures[i - 1]
        if not _CLOSES_LIST.match(squeezed(text[before.evidence.end:total.evidence.end])):
            continue
        parts = [before]
        for figure in reversed(figures[:i - 1]):
            label = squeezed(text[figure.evidence.end:parts[0].evidence.start]) + squeezed(parts[0].evidence.quote)
            if figure.sentence != total.sentence or figure.unit != total.unit or not _separated_as_list(label):
                break
            parts.insert(0, figure)
        if before.sentence == total.sentence and before.unit == total.unit and len(parts) >= 2:
            yield AmongList(total, tuple(parts), (), (), closing=True)


_ORGANISATION_MEASURES = frozenset("家所个")  # 院校 22 所, 企业 73 家, 其他组织 5 个: organisations counted by kind
_THE_REST = re.compile(r"其他|其它|其余")


def _counts_organisations(text: str, total: Figure) -> bool:
    """A total of organisations: …共 110 家单位, 成员单位 103 家."""
    return total.unit in _ORGANISATION_MEASURES and not total.approximate and (
        total.name.endswith("单位") or squeezed(text[total.evidence.end:total.evidence.end + 4]).startswith("单位"))


def organisation_lists(report: AuditInput) -> Iterator[AmongList]:
    """Each total of organisations with the organisations its statement lists after it, by kind, each with
    its own measure word (大中院校 22 所…企业 73 家，另有 3 家科研机构、5 个其他组织), when the list ends with the
    rest (其他/其它/其余): a closed list, whose parts add up to the total."""
    figures = reading_order(report)
    text = report.doc.text
    for i, total in enumerate(figures):
        sentence = report.sentence_at(total.evidence.start)
        if sentence is None or not _counts_organisations(text, total):
            continue
        end = report.statement_end(sentence)
        listed = [f for f in figures[i + 1:] if f.evidence.start < end and f.unit != "%"]
        if len(listed) < 2 or any(f.unit not in _ORGANISATION_MEASURES or f.approximate for f in listed):
            continue
        last = listed[-1]
        if _THE_REST.search(squeezed(last.evidence.quote)) or _THE_REST.match(squeezed(text[last.evidence.end:end])):
            yield AmongList(total, tuple(listed), (), (), listing="listed by kind up to the rest (其他)")


def _share_finding(report: AuditInput, listed: AmongList, share: Figure, part: Figure) -> Finding | None:
    """A share printed beside a part of a 其中 list against part / total (or part / any other figure
    of the list, which may be the sub-total the share is of)."""
    places = percent_places(share.evidence.quote, share.value)
    if places is None or share.approximate or part.approximate or listed.total.value <= 0:
        return None
    wholes = [listed.total, *(p for p in listed.parts if p is not part and p.value >= part.value)]
    ratios = ratio_misses(share.value, places, part.value, [w.value for w in wholes])
    if ratios is None:
        return None
    total = listed.total
    ratio = ratios[0]
    arithmetic = (f"share printed {fmt(share.value, places)}%; {part.name} {fmt(part.value)}{part.unit} / "
                  f"{total.name} {fmt(total.value)}{total.unit} = {ratio:.2f}%")
    severity = "high" if abs(ratio - share.value) >= 1 else "low"
    sides = [figure_side("share", share), figure_side("part", part), figure_side("total", total)]
    return finding(report, "rate-parts", severity, arithmetic, rate_tolerance(places), sides)


def check_shares(report: AuditInput) -> list[Finding]:
    """Each share printed beside a part of a 其中 list against part / total."""
    return [f for listed in among_lists(report) for share, part in listed.shares
            if (f := _share_finding(report, listed, share, part))]


_COUNT_MEASURES = frozenset("个项家所门名种类本部支")
_LIST_INTRO = re.compile(r"^([^，。；：:、\d]{0,12}?)(?:[：:]|，?(?:分别是|分别为|包括|即))[：:]?")
_LIST_END = re.compile(r"[。；;]|$")
_ITEM_MAX = 25


def listed_items(text: str) -> list[str] | None:
    """The items of a list printed after a colon: 、-separated (or ，-separated when there is no
    、); None when the list is open (等), holds numbers, or an item is too long to be a name."""
    body = _LIST_END.split(text, maxsplit=1)[0].strip()
    if not body or "等" in body:
        return None
    separator = "、" if "、" in body else "，"
    items = [item.strip(" “”\"《》") for item in body.split(separator)]
    if len(items) < 2 or any(not item or len(item) > _ITEM_MAX or re.search(r"\d", item) for item in items):
        return None
    return items


def _count_list_finding(report: AuditInput, figure: Figure) -> Finding | None:
    if figure.unit not in _COUNT_MEASURES or figure.approximate or figure.value != figure.value.to_integral_value():
        return None
    text = report.doc.text
    end = figure.sentence.end
    after = text[figure.evidence.end:end].replace("\n", "").replace(" ", "")
    intro = _LIST_INTRO.match(after)
    if intro is None:
        return None
    items = listed_items(after[intro.end():])
    if items is None:
        return None
    counts = {len(items)}
    last_joined = re.split(r"[和及与]", items[-1])
    if len(last_joined) == 2 and all(last_joined):
        counts.add(len(items) + 1)  # "A、B和C": the last item may be two
    if int(figure.value) in counts:
        return None
    list_evidence = Evidence(report.key, figure.evidence.end, end, figure.evidence.line,
                             text[figure.evidence.end:end])
    arithmetic = f"stated {int(figure.value)}{figure.unit} {intro.group(1)}; items listed {len(items)}: {'、'.join(items)}"
    sides = [figure_side("stated count", figure), Side("listed items", Decimal(len(items)), list_evidence)]
    return finding(report, "count-list", "high", arithmetic, "exact: a count of items", sides)


def check_count_list(report: AuditInput) -> list[Finding]:
    """A count against the list after its colon."""
    found = []
    for figures in prose_figures(report).values():
        for figure in figures:
            result = _count_list_finding(report, figure)
            if result:
                found.append(result)
    return found


_RESPECTIVELY = re.compile(r"分别(?:为|是|达到|达|占)?")
_VALUE = r"\d+(?:\.\d+)?\s*(?:[%％]|[^\d、，,。；;和及与\s]{0,3})"
_VALUES = re.compile(rf"^{_VALUE}(?:\s*[、和及与]\s*{_VALUE})*")
_NOUN = r"[^\d、，,。；;：:（）()\s]{1,14}"
_NOUN_LIST = re.compile(rf"{_NOUN}(?:、{_NOUN})+(?:[和及与]{_NOUN})?|{_NOUN}[和及与]{_NOUN}")


@dataclass(frozen=True, slots=True)
class Respectively:
    """An enumeration: the things named before 分别 and the values printed after it."""

    things: list[str]
    values: list[str]
    open_list: bool  # the things end with 等: more may be meant than are named
    things_evidence: Evidence  # the sentence up to 分别
    values_evidence: Evidence  # 分别 and what follows it
    figures_named: bool = False  # the things are the amounts printed in the clauses before 分别, not a list of names


def _things_named(before: str) -> tuple[list[str], bool] | None:
    """The last list of names (A、B和C) in the clauses before 分别, or — when the clause before
    分别 has none — None."""
    lists = list(_NOUN_LIST.finditer(before))
    if not lists:
        return None
    last = lists[-1].group()
    items = re.split(r"、", last)
    tail = re.split(r"[和及与]", items[-1], maxsplit=1)
    items = [*items[:-1], *tail] if len(tail) == 2 and all(tail) else items
    return items, "等" in items[-1]


def respectively(report: AuditInput) -> Iterator[Respectively]:
    """Each 分别 with the things named before it and the values printed after it."""
    text = report.doc.text
    for m in _RESPECTIVELY.finditer(text):
        sentence = report.sentence_at(m.start())
        if sentence is None:
            continue
        values = _VALUES.match(squeezed(text[m.end():sentence.end]))
        named = _things_named(squeezed(text[sentence.start:m.start()]))
        amounts = _amounts_before(report, sentence, m.start()) if named is None else []
        if values is None or (named is None and not amounts):
            continue
        things, open_list = named or ([f.name for f in amounts], False)
        listed = re.split(r"[、和及与]", values.group())
        start = amounts[0].evidence.start if amounts else sentence.start
        yield Respectively(things, listed, open_list, evidence_at(report, start, m.start()),
                           evidence_at(report, m.start(), sentence.end), figures_named=bool(amounts))


def _amounts_before(report: AuditInput, sentence: Sentence, at: int) -> list[Figure]:
    """The amounts of one unit printed one to a clause just before the clause of 分别 at ``at`` (…执行 1200 万元，
    …执行 978.48 万元，执行率分别为…), when there are at least two."""
    text = report.doc.text
    before = [f for f in prose_figures(report).get(sentence.start, []) if f.evidence.end <= at and f.unit != "%"]
    amounts: list[Figure] = []
    for figure in reversed(before):
        following = amounts[0].evidence.start if amounts else at
        if (amounts and figure.unit != amounts[0].unit) or not _one_clause_to_next(text[figure.evidence.end:following]):
            break
        amounts.insert(0, figure)
    return amounts if len(amounts) >= 2 and amounts[0].unit else []


def _one_clause_to_next(between: str) -> bool:
    """From the end of an amount to the next: one comma, then the next clause's words (no list of names)."""
    squeezed_between = squeezed(between)
    return squeezed_between[:1] in {"，", ","} and not re.search(r"[，,、；;和及与]", squeezed_between[1:])


def _respectively_finding(report: AuditInput, listed: Respectively) -> Finding | None:
    things, values = len(listed.things), len(listed.values)
    if things == values or (values > things and listed.open_list) or values < 2 \
            or (listed.figures_named and values < things):
        return None  # fewer values than amounts before them: the values may be of some of them
    arithmetic = (f"{things} named ({'、'.join(listed.things)}); {values} values 分别 "
                  f"({'、'.join(listed.values)})")
    sides = [Side("things named", Decimal(things), listed.things_evidence),
             Side("values listed", Decimal(values), listed.values_evidence)]
    return finding(report, "count-list", "medium", arithmetic,
                   "exact: one value for each thing named before 分别", sides)


def check_respectively(report: AuditInput) -> list[Finding]:
    """The things named before 分别 against the values printed after it."""
    return [f for listed in respectively(report) if (f := _respectively_finding(report, listed))]
