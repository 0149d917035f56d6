"""Self-consistency audit: where a report contradicts itself or a sister report of its school.

Pure checks over the documents and extracted facts of a build (``BuildResult.documents`` +
``BuildResult.extracted``). Each check is a small function ``(AuditInput) -> list[Finding]``;
:func:`audit` runs them all. False alarms are worse than misses: a check raises a finding only
when both sides were read as numbers with the same scope and period; a figure printed as approximate
(余/多/以上/约/近) is compared only as the range it allows. Rounding tolerances are explicit and part of
each finding:

* ``table-total`` — a total row (合计/总计/小计/共计/总数) against the sum of the rows it totals,
  and a total column against the sum of the columns before it; integers must add up exactly,
  decimals within half a unit of their last printed place per summed cell.
* ``funding-rate`` — a funding row's 到位率 against received / budget, its 执行率 against spent /
  budget (or spent / received); within half a unit of the rate's last printed decimal (a rate printed
  with decimals is the rounded quotient: one cut instead of rounded, 93.78% for 93.785%, is low
  severity), ±1 for a whole percentage.
* ``rate-parts`` — a rate printed after its numerator and denominator in one sentence
  ("22 项任务完成 21 项，完成率 94.45%"; a change printed between them, 比…增加 N 项, is passed
  over; a 达成率 may count what was 完成), and a share (占比 P%) printed beside a part of a 其中 list
  against part / total; a year-on-year growth (同比增长 P%) printed right after a figure, against the
  table row that holds that figure for the report's year and a value for the year before; a growth
  printed after a value and its change (N 项，比 2021 年增加了 D 项，增长了 P%) against D / (N − D); within the
  tolerance of ``funding-rate``. Averages (平均完成度) are never read as a quotient.
* ``total-parts`` — a stated total and the parts its 其中 lists up to the end of the statement
  (clauses cut by ； included, shares printed between the parts set aside). When one part is broken
  down in turn (…等 141 家，包括 A 127 家、B 6 家…) where the breakdown ends is not printed: a finding
  only when no end makes both the total and that part add up. Integers exactly, decimals as for tables.
  Also a unit of the school (a group, a college) counted above the school itself for one indicator and
  period (counts and amounts, not rates): a part above its whole. And a total of organisations (…家单位)
  against the organisations its statement lists by kind up to the rest (…5 个其他组织).
* ``count-list`` — a stated count followed by a colon-introduced list of another length; and the
  things named before 分别 (A、B和C) against the values printed after it (fewer values, or more
  values than an enumeration not left open by 等).
* ``repeated-figure`` — one indicator (the extractor's indicator key with names that agree —
  完成率 / 标志性成果完成率 — or else an identical normalised name; one unit, scope and period)
  printed in two paragraphs (or one keyed indicator under one name in two sentences of a paragraph) with
  values that cannot both hold; a funding amount (per source, or the
  project's total: a prose amount named by funding words only, 到位资金/资金使用, against the 合计
  row) printed in prose with another value than its one table row; within a report or by two reports of
  one school. An approximate figure allows a range (N余/N多: N up to N plus one unit of its last
  non-zero digit; N以上/超N: at least N; 约N: ±10 %; 近N: up to 10 % below N); figures of an
  enumeration (分别) and figures told in a case (案例 N-N) are not claims about the whole school.
  Also a prose clause that restates a table row — names the row's label with one of its counts right
  after it ("数量指标 57 项") and prints one rate — against the row's only rate cell, of the same scope
  (a total row, which prose does not name, is restated by a statement printing two of its counts, each
  at least 10); exact at the coarser of the two printed places. And one named thing printed with two dates: a plan
  with its span in brackets (《…行动计划（2015-2018 年）》; an issuing body put before the name,
  教育部…, is the same plan), an edition of an award with the year before it (2019 年荣获…第六届…奖).
  And a value with its change since a year (国家级 11 项，比 2021 年增加了 5 项) against a table whose rows are
  years: the one run of adjacent columns named in the sentence whose cells in the value's year add up to
  the value must, in the earlier year's row, add up to the value less the change.
  And two things of one paragraph printed with two values and again with the values swapped.
  And one named set — the same noun, an example quoted in both (“A”等 13 个人才培养模式 / “A”专业群等
  9 大人才培养模式) — counted with two numbers; one whole set of the school counted with 大 (九大专业集群 /
  八大专业群) with two numbers; one subject's place in one ranking list, year and region printed with two
  places; one honour told as a cultivation (…培育单位) and as won (建成…).

The checks live by what they compare: :mod:`kg.audit.tables` (within tables), :mod:`kg.audit.prose`
(within a statement of prose), :mod:`kg.audit.prose_tables` (prose against tables),
:mod:`kg.audit.indicators` (one indicator or named thing printed twice), over :mod:`kg.audit.model`.

:func:`audit_quads` turns the findings into ``sg:Inconsistency`` nodes in each report's graph,
linked to the figures (``sg:Metric``/``sg:FundingRecord``) and evidence they compare.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from kg.audit.indicators import (
    check_across_reports,
    check_dates,
    check_honour_status,
    check_named_sets,
    check_part_above_whole,
    check_rankings,
    check_repeated_figures,
    check_swapped_values,
    check_whole_sets,
)
from kg.audit.model import KINDS, SEVERITIES, AuditInput, Finding, Side
from kg.audit.prose import (
    check_changes,
    check_count_list,
    check_rate_parts,
    check_respectively,
    check_shares,
    check_total_parts,
)
from kg.audit.prose_tables import (
    check_change_since,
    check_growth,
    check_repeated_funding,
    check_restated_rows,
)
from kg.audit.rdf import audit_quads, finding_dict, finding_triples, inconsistency_iri
from kg.audit.tables import check_funding_rates, check_table_totals
from loaders.document.model import Document
from loaders.facts import Facts, NodeRef

Check = Callable[[AuditInput], list[Finding]]
CHECKS: dict[str, Check] = {
    "table-total": check_table_totals,
    "funding-rate": check_funding_rates,
    "rate-parts": check_rate_parts,
    "total-parts": check_total_parts,
    "shares": check_shares,
    "growth": check_growth,
    "change-since": check_change_since,
    "changes": check_changes,
    "count-list": check_count_list,
    "respectively": check_respectively,
    "repeated-figure": check_repeated_figures,
    "repeated-funding": check_repeated_funding,
    "restated-rows": check_restated_rows,
    "dates": check_dates,
    "named-sets": check_named_sets,
    "part-above-whole": check_part_above_whole,
    "swapped-values": check_swapped_values,
    "rankings": check_rankings,
    "whole-sets": check_whole_sets,
    "honour-status": check_honour_status,
}


def audit(documents: Sequence[Document], extracted: Sequence[Facts]) -> list[Finding]:
    """Every finding of every check over these reports (and across the reports of one school),
    in report and reading order, each span compared once."""
    inputs = [AuditInput(doc, facts) for doc, facts in zip(documents, extracted, strict=True)]
    found: list[Finding] = []
    for report in inputs:
        for check in CHECKS.values():
            found.extend(check(report))
    found.extend(check_across_reports(inputs))
    return with_figures(deduplicated(found), inputs)


def deduplicated(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per set of compared spans (a funding row and its table total can coincide)."""
    seen: set[frozenset[tuple[str, int, int]]] = set()
    kept = []
    for f in sorted(findings, key=lambda f: (f.report, f.sides[0].evidence.start, f.kind)):
        spans = frozenset((s.evidence.report, s.evidence.start, s.evidence.end) for s in f.sides)
        if spans in seen:
            continue
        seen.add(spans)
        kept.append(f)
    return kept


def with_figures(findings: list[Finding], inputs: Sequence[AuditInput]) -> list[Finding]:
    """Each finding with the Metric / FundingRecord nodes whose evidence overlaps one of its sides."""
    index: dict[str, list[tuple[int, int, NodeRef]]] = defaultdict(list)
    for report in inputs:
        for node in report.facts.nodes.values():
            if node.kind in {"Metric", "FundingRecord"}:
                index[report.key].extend((ev.start, ev.end, node.ref) for ev in node.evidence)
    result = []
    for f in findings:
        refs = set(f.figures)
        for side in f.sides:
            ev = side.evidence
            refs.update(ref for start, end, ref in index[ev.report] if start < ev.end and ev.start < end)
        result.append(Finding(f.kind, f.severity, f.report, f.school, f.arithmetic, f.tolerance, f.sides,
                              f.reports, tuple(sorted(refs))))
    return result


__all__ = ["CHECKS", "KINDS", "SEVERITIES", "AuditInput", "Finding", "Side", "audit", "audit_quads", "finding_dict",
           "finding_triples", "inconsistency_iri"]
