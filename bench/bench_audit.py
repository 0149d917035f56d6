"""The self-consistency audit of the corpus: median of 5 runs, against the issue's target of 2 s.

Two figures: the checks alone over documents and facts already read (what ``kg.audit.audit`` adds to
a build), and ``sgkg audit`` end to end (read, extract and audit every report of data/reports).
"""

from __future__ import annotations

from pathlib import Path

from bench import RUNS, median_seconds
from kg.audit import audit
from kg.pipeline import load_reports, report_files
from loaders.extract import extract_facts

REPORTS_DIR = Path(__file__).resolve().parents[1] / "data" / "reports"
TARGET_SECONDS = 2.0


def end_to_end() -> int:
    documents, _ = load_reports(report_files(REPORTS_DIR))
    return len(audit(documents, [extract_facts(d) for d in documents]))


def main() -> None:
    documents, _ = load_reports(report_files(REPORTS_DIR))
    extracted = [extract_facts(d) for d in documents]
    findings = len(audit(documents, extracted))
    checks = median_seconds(lambda: audit(documents, extracted))
    whole = median_seconds(end_to_end)
    print(f"self-consistency audit of {len(documents)} reports ({findings} findings), median of {RUNS}, "
          f"target {TARGET_SECONDS:.1f} s")
    print(f"{'what':<44} {'median s':>9} {'/ target':>9}")
    print(f"{'checks over read documents + facts':<44} {checks:>9.4f} {checks / TARGET_SECONDS:>9.2f}")
    print(f"{'read + extract + audit (sgkg audit)':<44} {whole:>9.4f} {whole / TARGET_SECONDS:>9.2f}")


if __name__ == "__main__":
    main()
