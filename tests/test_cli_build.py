"""``sgkg build`` / ``sgkg inspect`` and the pipeline's write decisions."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

import kg.outputs as outputs
import kg.pipeline as pipeline
from kg.cli import app
from kg.generations import Prepare, write_disk_store
from kg.pipeline import build_dataset, build_graph, report_files, trig_lines, write_trig_atomically
from kg.store import open_store
from kg.validate import ValidationReport, ValidationResult
from tests.conftest import REPORTS

runner = CliRunner()
SG = "https://w3id.org/sgkg/ontology#"


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = runner.invoke(app, ["build", "--reports", str(REPORTS), "--out", str(out), "--no-validate"])
    assert result.exit_code == 0, result.output
    assert "reports: 5" in result.output and "bad files: 0" in result.output
    return out / "kg.trig"


def test_report_nodes_carry_their_metadata(corpus_build: Path) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(corpus_build), format=pyoxigraph.RdfFormat.TRIG)
    rows = store.query(f"""
        PREFIX sg: <{SG}>
        SELECT ?file ?kind ?period ?school ?sha WHERE {{ GRAPH ?g {{
          ?r a sg:Report ; sg:fileName ?file ; sg:reportKind ?kind ; sg:period ?period ;
             sg:describes ?school ; sg:sha256 ?sha }} }} ORDER BY ?file""")
    found = [(r["file"].value, r["kind"].value, r["period"].value, r["school"].value.rsplit("/", 1)[1])
             for r in rows]
    assert found == [
        ("000_2398f67fa0e2142e.txt", "midterm-self-evaluation", "2019-2021", "4123012911"),
        ("001_0d6d81e4e345128e.txt", "annual-quality-report", "2023", "4123012911"),
        ("002_55737fc9392e7194.txt", "midterm-self-evaluation", "2019-2021", "4114012888"),
        ("003_f871cb208ab6dbba.txt", "midterm-self-evaluation", "2019-2021", "4145012104"),
        ("004_5862d34a0cf86c05.txt", "midterm-self-evaluation", "2019-2021", "4153012393"),
    ]


def test_output_is_deterministic_whatever_the_file_order(corpus_build: Path, tmp_path: Path) -> None:
    files = report_files(REPORTS)
    again = build_dataset(list(reversed(files)))
    path = write_trig_atomically(again.dataset, tmp_path / "kg.trig")
    assert path.read_bytes() == corpus_build.read_bytes()


def _violations_about_reference_data(count: int) -> Callable[[object], ValidationReport]:
    """``validate`` finding ``count`` Violations about catalogue entries no report states: nothing to quarantine."""
    results = [ValidationResult(focus=f"https://w3id.org/sgkg/id/catalog/00000{i}", label="planted", path="",
                                message="planted violation", severity="Violation", shape="CatalogMajorShape")
               for i in range(count)]
    return lambda ds: ValidationReport(conforms=False, violations=count, warnings=0, results=results)


def test_validation_violation_refuses_to_replace_the_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "validate", _violations_about_reference_data(1))
    out = tmp_path / "build"
    out.mkdir()
    (out / "kg.trig").write_text("old\n", encoding="utf-8")
    refused = build_graph([REPORTS / "002_55737fc9392e7194.txt"], out)
    assert refused.written is None and "1 violation" in (refused.refused or "")
    assert (out / "kg.trig").read_text(encoding="utf-8") == "old\n"
    assert not (out / "store").exists()
    forced = build_graph([REPORTS / "002_55737fc9392e7194.txt"], out, force=True)
    assert forced.written == out / "kg.trig" and (out / "kg.trig").read_text(encoding="utf-8") != "old\n"


def test_cli_exit_code_when_validation_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "validate", _violations_about_reference_data(2))
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(REPORTS / "002_55737fc9392e7194.txt", folder)
    result = runner.invoke(app, ["build", "--reports", str(folder), "--out", str(tmp_path / "build")])
    assert result.exit_code == 1 and "use --force" in result.output and "2 violation(s)" in result.output
    assert not (tmp_path / "build" / "kg.trig").exists()


def test_interrupted_write_leaves_old_graph_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ds = build_dataset([REPORTS / "002_55737fc9392e7194.txt"]).dataset
    target = tmp_path / "kg.trig"
    target.write_text("old\n", encoding="utf-8")

    def interrupted(dataset: object):
        yield "@prefix sg: <x> .\n"
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "trig_lines", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_trig_atomically(ds, target)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.trig"]


def test_duplicate_report_is_a_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(REPORTS / "002_55737fc9392e7194.txt", folder / "a.txt")
    shutil.copy(REPORTS / "002_55737fc9392e7194.txt", folder / "b.txt")
    result = build_dataset(report_files(folder))
    assert [d.file_name for d in result.documents] == ["a.txt"]
    assert [(b.file, b.reason[:26]) for b in result.bad_files] == [("b.txt", "same school, kind and year")]


def test_trig_lines_sort_graphs_and_statements() -> None:
    ds = build_dataset([REPORTS / "002_55737fc9392e7194.txt"]).dataset
    text = "".join(trig_lines(ds))
    blocks = [line for line in text.splitlines() if line.endswith("{")]
    assert blocks == sorted(blocks) and len(blocks) >= 2  # the report graph and the reference graph


def test_inspect_prints_metadata_headings_and_tables() -> None:
    result = runner.invoke(app, ["inspect", str(REPORTS / "000_2398f67fa0e2142e.txt")])
    assert result.exit_code == 0, result.output
    for expected in ("4123012911", "midterm-self-evaluation", "2019-2021", "总体实现程度", "tables (9)", "评价方面", "5.1"):
        assert expected in result.output


def test_a_recogniser_failure_is_counted_in_the_build_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In production a recogniser that raises is logged and skipped — and the summary says so."""
    from loaders import extract
    from loaders.extract import observations

    def broken(text: str) -> list:
        raise ValueError("bad sentence")

    monkeypatch.setattr(observations, "prose_figures", broken)
    monkeypatch.setattr(extract, "RECOGNISERS", list(extract.RECOGNISERS))
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(REPORTS / "003_f871cb208ab6dbba.txt", reports)
    result = runner.invoke(app, ["build", "--reports", str(reports), "--out", str(tmp_path / "out"), "--no-validate"])
    assert result.exit_code == 0, result.output
    failures = int(re.search(r"extraction failures: (\d+)", result.output).group(1))
    assert failures > 0 and "extraction skipped" in result.output and "003_f871cb208ab6dbba.txt" in result.output


# --- parallel build, on-disk store ---------------------------------------------------------------


def test_the_number_of_jobs_changes_not_a_byte(corpus_build: Path, tmp_path: Path) -> None:
    one = build_graph(report_files(REPORTS), tmp_path / "one", run_validation=False, jobs=1)
    two = build_graph(report_files(REPORTS), tmp_path / "two", run_validation=False, jobs=2)
    assert one.written and two.written
    assert one.written.read_bytes() == two.written.read_bytes() == corpus_build.read_bytes()


def test_the_build_writes_the_store_serve_opens(corpus_build: Path) -> None:
    link = corpus_build.parent / "store"
    assert link.is_symlink() and link.resolve().parent == corpus_build.parent
    disk, exported = open_store("oxigraph", link), open_store("oxigraph", corpus_build)
    assert disk.graphs() == exported.graphs() and len(disk.graphs()) == 6  # five reports + reference
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"  # the union: each triple once
    assert disk.query(count).bindings() == exported.query(count).bindings()


def test_a_failed_store_write_leaves_the_previous_build(corpus_build: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "build"
    shutil.copytree(corpus_build.parent, out, symlinks=True)
    before_trig, before_store = (out / "kg.trig").read_bytes(), (out / "store").resolve()

    def with_an_unreadable_part(link: Path, parts: Iterable[tuple[bytes, bytes]], prepare: Prepare | None) -> Path:
        return write_disk_store(link, [*parts, (b"this is not TriG", b"")], prepare)

    monkeypatch.setattr(outputs, "write_disk_store", with_an_unreadable_part)
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(REPORTS / "002_55737fc9392e7194.txt", folder)
    result = runner.invoke(app, ["build", "--reports", str(folder), "--out", str(out), "--no-validate"])
    assert result.exit_code == 1 and "cannot write the store" in result.output
    assert (out / "kg.trig").read_bytes() == before_trig and (out / "store").resolve() == before_store
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [before_store.name]  # nothing left over
