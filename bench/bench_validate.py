"""Validation time of the full graph (SHACL shapes via pySHACL), median of 5 runs.

Measures two graphs:
- ``corpus``: the graph built from data/reports/ by kg.pipeline (when that module exists) —
  report graphs + reference graph, exactly what ``sgkg build`` validates;
- ``synthetic-80k``: a generated graph of about 80,000 quads with the shape of real report
  facts (schools, majors, groups, partners, partnerships, achievements, funding rows, metrics,
  each with evidence), the size the corpus graph is expected to reach; target ≤ 5 s.

Run ``python -m bench.bench_validate`` (or ``make bench`` for every bench).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import Dataset, Literal

from bench import RUNS, median_seconds
from kg.build import add_quads, new_dataset, report_quads
from kg.ids import iri
from kg.namespaces import LEVEL, RDF, RDFS, SG, XSD
from kg.pipeline import build_dataset, report_files
from kg.reference import reference_quads
from kg.validate import validate_dataset
from loaders.facts import Evidence, Facts, GYear, Node, NodeRef, Ref

TARGET_SECONDS = 5.0
REPORTS_DIR = Path(__file__).resolve().parents[1] / "data" / "reports"
SYNTHETIC_TRIPLES = 80_000


def _evidence(report: str, n: int) -> Evidence:
    return Evidence(report, n * 10, n * 10 + 8, n // 5 + 1, f"quote-{n:06d}")


def _synthetic_facts(report: str, school_code: str, scale: int) -> Facts:
    """One report's worth of facts: ``scale`` sets how many of each kind."""
    facts = Facts(report)
    counter = iter(range(10**9))

    def node(kind: str, key: str, label: str, **attrs: object) -> NodeRef:
        n = Node(kind, key, label, evidence=[_evidence(report, next(counter)) for _ in range(2)], rule="bench")
        for prop, value in attrs.items():
            n.add(prop, value)  # type: ignore[arg-type]
        return facts.node(n)

    school = node("School", school_code, f"学校{school_code}", schoolCode=school_code)
    for g in range(scale):
        group = node("ProfessionalGroup", f"{school_code}-g{g}", f"专业群{g}", level=Ref(str(LEVEL.national)))
        facts.link(school, "hasGroup", group, [_evidence(report, next(counter))])
        for m in range(5):
            major = node("Major", f"{school_code}-{460301 + g * 5 + m}", f"专业{g}-{m}", offeredBy=school,
                         catalogEntry=NodeRef("CatalogMajor", "460301"), catalogMatch="exact")
            facts.link(group, "leadMajor" if m == 0 else "hasMember", major, [_evidence(report, next(counter))])
    for e in range(scale * 8):
        firm = node("Enterprise", f"企业{school_code}-{e}", f"某某科技有限公司{e}", orgKind="enterprise")
        facts.link(school, "partner", firm, [_evidence(report, next(counter))])
        node("Partnership", f"{school_code}-p{e}", f"合作{e}", partnerOf=school, partnerOrg=firm, relationKind="共建")
    for a in range(scale * 6):
        node("Achievement", f"{school_code}-a{a}", f"成果{a}", achievedBy=school, level=Ref(str(LEVEL.provincial)),
             year=GYear(2021), count=1, category="award")
    for f in range(scale * 3):
        node("FundingRecord", f"{school_code}-f{f}", f"经费{f}", fundingScope=school, budget=Decimal("100.5"),
             received=Decimal("90"), spent=Decimal("80.25"), executionRate=Decimal("89.17"), unit="万元",
             period="2019-2021", fundingSource="中央财政")
    for k in range(scale * 15):
        node("Metric", f"{school_code}-m{k}", f"指标{k}", metricName=f"指标{k}", metricKey=f"metric-{k}",
             value=Decimal(k), unit="%", period="2021", scope=school)
    return facts


def _report_triples(report: str, school_code: str) -> list[tuple]:
    node = iri("Report", report)
    return [(node, RDF.type, SG.Report), (node, RDFS.label, Literal(f"报告{report}", lang="zh")),
            (node, SG.fileName, Literal(f"{report}.txt")), (node, SG.sha256, Literal("0" * 64)),
            (node, SG.reportKind, Literal("other")), (node, SG.year, Literal("2022", datatype=XSD.gYear)),
            (node, SG.describes, iri("School", school_code))]


def _quad_count(ds: Dataset) -> int:
    return sum(1 for _ in ds.quads((None, None, None, None)))


def synthetic_dataset(target_triples: int = SYNTHETIC_TRIPLES) -> Dataset:
    """About ``target_triples`` triples over four reports, plus the reference graph."""
    codes = ["4123012911", "4114012888", "4145012104", "4111010858"]
    ds = new_dataset()
    add_quads(ds, reference_quads(codes))
    per_report = len(list(report_quads(_synthetic_facts("probe", codes[0], 1), [])))
    scale = max(1, round((target_triples - _quad_count(ds)) / len(codes) / per_report))
    for code in codes:
        report = f"{code}-other-2022"
        add_quads(ds, report_quads(_synthetic_facts(report, code, scale), _report_triples(report, code)))
    return ds


def corpus_dataset() -> Dataset:
    """The real corpus graph as kg.pipeline builds it."""
    return build_dataset(report_files(REPORTS_DIR)).dataset


def main() -> None:
    graphs: list[tuple[str, Dataset]] = [("corpus", corpus_dataset()), ("synthetic-80k", synthetic_dataset())]
    print(f"validation (pySHACL, shapes/*.ttl), median of {RUNS}; target ≤ {TARGET_SECONDS:.0f} s")
    print(f"{'graph':<15} {'quads':>9} {'violations':>10} {'warnings':>9} {'median s':>9}  verdict")
    for name, ds in graphs:
        report = validate_dataset(ds)
        seconds = median_seconds(lambda ds=ds: validate_dataset(ds))
        verdict = "ok" if seconds <= TARGET_SECONDS else "SLOW"
        print(f"{name:<15} {_quad_count(ds):>9,} {report.violations:>10} {report.warnings:>9} {seconds:>9.2f}  {verdict}")


if __name__ == "__main__":
    main()
