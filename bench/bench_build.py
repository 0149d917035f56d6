"""Build of the whole corpus, end to end (decode → extract → resolve → RDF → validate → write).

Each run is a fresh ``sgkg build`` process (so start-up and imports count, as they do for a
user), timed by wall clock, with its peak resident memory from ``wait4``. Median of 5, compared
with the targets of issue 4 (≤ 10 s, ≤ 1 GB on this 2-core machine). A second table splits one
in-process build into its stages (median of 5 each) to show where the time goes.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import RUNS, median_seconds

ROOT = Path(__file__).resolve().parents[1]
REPORTS_DIR = ROOT / "data" / "reports"
TARGET_SECONDS = 10.0
TARGET_BYTES = 1 << 30


def timed_build(out_dir: Path, *, precompute: bool = True) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one ``sgkg build`` process (with or without its last step, the
    library's answers computed ahead for the new store)."""
    command = [str(Path(sys.executable).parent / "sgkg"), "build", "--reports", str(REPORTS_DIR), "--out", str(out_dir),
               "--precompute" if precompute else "--no-precompute"]
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"sgkg build failed ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss * 1024  # Linux reports KiB


def stage_medians() -> list[tuple[str, float]]:
    from kg.build import add_quads, new_dataset, report_quads
    from kg.pipeline import report_triples, validate, write_trig_atomically
    from kg.sentences import with_sentences
    from loaders.document import load_document
    from loaders.extract import extract_facts
    from loaders.resolve import resolve

    paths = sorted(REPORTS_DIR.glob("*.txt"))
    docs = [load_document(p) for p in paths]
    facts = [extract_facts(d) for d in docs]
    resolved = resolve(facts)

    def to_rdf():
        ds = new_dataset()
        for doc, f in zip(docs, resolved, strict=True):
            add_quads(ds, with_sentences([doc], report_quads(f, report_triples(doc))))
        return ds

    ds = to_rdf()
    with tempfile.TemporaryDirectory() as tmp:
        return [
            ("decode + structure", median_seconds(lambda: [load_document(p) for p in paths])),
            ("extract (all recognisers)", median_seconds(lambda: [extract_facts(d) for d in docs])),
            ("resolve", median_seconds(lambda: resolve(facts))),
            ("facts → RDF", median_seconds(to_rdf)),
            ("validate (SHACL)", median_seconds(lambda: validate(ds))),
            ("write TriG", median_seconds(lambda: write_trig_atomically(ds, Path(tmp) / "kg.trig"))),
        ]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        runs = {precompute: [timed_build(Path(tmp), precompute=precompute) for _ in range(RUNS)]
                for precompute in (True, False)}
    peak = max(m for done in runs.values() for _, m in done)
    print(f"whole-corpus build, fresh `sgkg build` process, median of {RUNS} ({len(list(REPORTS_DIR.glob('*.txt')))} reports)")
    print(f"{'measure':<44} {'value':>8} {'target':>8} {'ratio':>7}")
    for precompute, label in ((True, "wall time (s, median), as `make build`"), (False, "  … of which the graph (--no-precompute)")):
        seconds = statistics.median(s for s, _ in runs[precompute])
        print(f"{label:<44} {seconds:>8.2f} {TARGET_SECONDS:>8.1f} {seconds / TARGET_SECONDS:>7.2f}")
    print(f"{'peak RSS (MB, max of runs)':<44} {peak / 1e6:>8.0f} {TARGET_BYTES / 1e6:>8.0f} {peak / TARGET_BYTES:>7.2f}")
    print()
    print(f"in-process stages, median of {RUNS}")
    print(f"{'stage':<28} {'seconds':>10}")
    for name, value in stage_medians():
        print(f"{name:<28} {value:>10.3f}")


if __name__ == "__main__":
    main()
