"""Precision and recall of the self-consistency audit on the five corpus reports.

Precision = findings judged real (tests/audit_judged.json, judged by hand from the cited lines)
/ findings raised. Recall against the keys' ``inconsistencies`` (tests/fixtures/keys/*.json), two ways:

* **overlap** (the rule of the issue): a key item counts as found when a finding judged real cites
  a line the key item cites;
* **one-to-one**: each real finding may account for one key item only (a finding citing a line that
  several key items cite is not counted for all of them).

``python -m tests.audit_eval`` prints both; ``--missed`` also lists the key items no real finding cites.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from kg.audit import Finding, audit
from kg.pipeline import load_reports, report_files
from loaders.extract import extract_facts
from tests.conftest import REPORTS, ROOT

JUDGED = ROOT / "tests" / "audit_judged.json"
KEYS = ROOT / "tests" / "fixtures" / "keys"


@dataclass(frozen=True, slots=True)
class KeyItem:
    file: str
    what: str
    lines: frozenset[int]


@dataclass(frozen=True, slots=True)
class Scores:
    raised: int
    real: int
    key_items: int
    found_overlap: int
    found_one_to_one: int

    @property
    def precision(self) -> float:
        return self.real / self.raised if self.raised else 1.0

    @property
    def recall_overlap(self) -> float:
        return self.found_overlap / self.key_items

    @property
    def recall_one_to_one(self) -> float:
        return self.found_one_to_one / self.key_items


def corpus_findings() -> tuple[dict[str, str], list[Finding]]:
    """Report key → file name, and the audit's findings over the corpus."""
    documents, _ = load_reports(report_files(REPORTS))
    return {d.key: d.file_name for d in documents}, audit(documents, [extract_facts(d) for d in documents])


def judged() -> dict[str, dict]:
    return {item["id"]: item for item in json.loads(JUDGED.read_text(encoding="utf-8"))["findings"]}


def key_items() -> list[KeyItem]:
    items = []
    for path in sorted(KEYS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "inconsistencies" in data:
            items.extend(KeyItem(f"{path.stem}.txt", i["what"], frozenset(i["evidence"])) for i in data["inconsistencies"])
    return items


def finding_lines(finding: Finding, files: dict[str, str]) -> set[tuple[str, int]]:
    return {(files[s.evidence.report], s.evidence.line) for s in finding.sides}


def scores(files: dict[str, str], findings: list[Finding], verdicts: dict[str, dict]) -> Scores:
    real = [f for f in findings if verdicts.get(f.key, {}).get("judgement") == "real"]
    items = key_items()
    cited = [finding_lines(f, files) for f in real]
    overlap = [item for item in items if any((item.file, line) in lines for lines in cited for line in item.lines)]
    return Scores(len(findings), len(real), len(items), len(overlap), _one_to_one(items, cited))


def _one_to_one(items: list[KeyItem], cited: list[set[tuple[str, int]]]) -> int:
    """Greedy matching: each finding accounts for the key item it shares the most lines with, once."""
    used: set[int] = set()
    matched = 0
    for lines in cited:
        best = max(((len({(i.file, n) for n in i.lines} & lines), k) for k, i in enumerate(items) if k not in used),
                   default=(0, -1))
        if best[0] > 0:
            used.add(best[1])
            matched += 1
    return matched


def missed(files: dict[str, str], findings: list[Finding], verdicts: dict[str, dict]) -> list[KeyItem]:
    """The key items no finding judged real cites a line of."""
    cited = set().union(*(finding_lines(f, files) for f in findings
                          if verdicts.get(f.key, {}).get("judgement") == "real"))
    return [item for item in key_items() if not any((item.file, line) in cited for line in item.lines)]


def main(argv: list[str] | None = None) -> None:
    files, findings = corpus_findings()
    verdicts = judged()
    s = scores(files, findings, verdicts)
    print(f"raised {s.raised}, judged real {s.real}: precision {s.precision:.2f}")
    print(f"recall against the keys' {s.key_items} inconsistencies: overlap {s.found_overlap} ({s.recall_overlap:.2f}), "
          f"one-to-one {s.found_one_to_one} ({s.recall_one_to_one:.2f})")
    if "--missed" in (sys.argv[1:] if argv is None else argv):
        for item in missed(files, findings, verdicts):
            print(f"missed {item.file} lines {sorted(item.lines)}: {item.what}")


if __name__ == "__main__":
    main()
