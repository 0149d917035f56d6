"""Decode + structure every corpus report: median of 5 runs per report and for the corpus, in MB/s."""

from __future__ import annotations

from pathlib import Path

from bench import RUNS, median_seconds
from loaders.document import parse_document

REPORTS_DIR = Path(__file__).resolve().parents[1] / "data" / "reports"


def main() -> None:
    files = [(p.name, p.read_bytes()) for p in sorted(REPORTS_DIR.glob("*.txt"))]
    print(f"document model (decode + normalise + structure + metadata), median of {RUNS}")
    print(f"{'report':<28} {'MB':>7} {'median s':>9} {'MB/s':>7}")
    for name, data in files:
        seconds = median_seconds(lambda data=data, name=name: parse_document(data, name))
        print(f"{name:<28} {len(data) / 1e6:>7.3f} {seconds:>9.4f} {len(data) / 1e6 / seconds:>7.2f}")
    total = sum(len(data) for _, data in files)
    seconds = median_seconds(lambda: [parse_document(data, name) for name, data in files])
    print(f"{'corpus':<28} {total / 1e6:>7.3f} {seconds:>9.4f} {total / 1e6 / seconds:>7.2f}")


if __name__ == "__main__":
    main()
