"""One odd report never blocks the corpus: a report whose graph violates a shape is quarantined —
left out of kg.trig and named with its violations — the others are written, and ``sgkg build``
exits 3 ("written, but N report(s) quarantined")."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner, Result

import kg.pipeline as pipeline
from kg.cli import app
from kg.commands.build import EXIT_BAD_INPUT, EXIT_QUARANTINED, EXIT_REFUSED, EXIT_WRITTEN
from kg.ids import graph_iri, iri
from kg.namespaces import LEVEL, REFERENCE_GRAPH, SG, SKOS
from kg.pipeline import build_graph, report_files
from loaders.document import Document
from loaders.facts import Evidence, Facts, Node, Ref
from tests.conftest import REPORTS

runner = CliRunner()
ODD_SOURCE = Path(__file__).parent / "fixtures" / "unseen" / "u07_xingtai_zhiye_midterm.txt"
ODD = "odd_report.txt"
LEVEL_MESSAGE = "must be one of the level concepts"
Extract = Callable[..., Facts]


def _a_level_outside_the_scheme(real: Extract, file_name: str) -> Extract:
    """``extract_facts`` that reads one group of ``file_name`` with a level no level concept names."""

    def extract(doc: Document, *, strict: bool = False) -> Facts:
        facts = real(doc, strict=strict)
        if doc.file_name == file_name:
            group = min((n for n in facts.nodes.values() if n.kind == "ProfessionalGroup"), key=lambda n: n.key)
            group.attrs["level"] = [Ref(str(LEVEL.national).replace("national", "galactic"))]
        return facts

    return extract


def _one_shared_figure(real: Extract, values: dict[str, int]) -> Extract:
    """``extract_facts`` in which each report of ``values`` (file -> value) states one figure under one
    shared key, with its own value: fine in each report, two values of one figure in the union."""

    def extract(doc: Document, *, strict: bool = False) -> Facts:
        facts = real(doc, strict=strict)
        if doc.file_name in values:
            quote = doc.text[doc.meta.school_evidence.start:doc.meta.school_evidence.end]
            evidence = Evidence(doc.key, doc.meta.school_evidence.start, doc.meta.school_evidence.end,
                                doc.meta.school_evidence.line, quote)
            figure = Node("Metric", "shared-figure", "共享指标", evidence=[evidence], rule="test")
            figure.add("metricName", "共享指标")
            figure.add("period", "2019-2021")
            figure.add("value", Decimal(values[doc.file_name]))
            facts.node(figure)
        return facts

    return extract


def _folder(tmp: Path, sources: dict[str, Path]) -> Path:
    folder = tmp / "reports"
    folder.mkdir()
    for name, source in sources.items():
        shutil.copy(source, folder / name)
    return folder


def _build(folder: Path, out: Path, *options: str) -> Result:
    return runner.invoke(app, ["build", "--reports", str(folder), "--out", str(out), *options])


def _report_graphs(trig: Path) -> set[str]:
    store = pyoxigraph.Store()
    store.load(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
    rows = store.query(f"SELECT DISTINCT ?f WHERE {{ GRAPH ?g {{ ?r a <{SG.Report}> ; <{SG.fileName}> ?f }} }}")
    return {row["f"].value for row in rows}


# --- the corpus plus one odd report, through the CLI -------------------------------------------


@pytest.fixture(scope="module")
def corpus_and_odd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Result, Path, Path]]:
    tmp = tmp_path_factory.mktemp("quarantine")
    folder = _folder(tmp, {**{p.name: p for p in report_files(REPORTS)}, ODD: ODD_SOURCE})
    out = tmp / "build"
    out.mkdir()
    (out / "kg.trig").write_text("old\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "extract_facts", _a_level_outside_the_scheme(pipeline.extract_facts, ODD))
        yield _build(folder, out), out / "kg.trig", folder


def test_the_graph_is_written_and_the_exit_code_says_some_were_quarantined(corpus_and_odd) -> None:
    result, trig, _ = corpus_and_odd
    assert result.exit_code == EXIT_QUARANTINED == 3, result.output
    assert trig.read_text(encoding="utf-8") != "old\n"
    assert "1 report(s) quarantined" in result.output and "quarantined: 1" in result.output


def test_the_good_reports_are_in_the_graph_and_the_odd_one_is_not(corpus_and_odd) -> None:
    _, trig, _ = corpus_and_odd
    assert _report_graphs(trig) == {p.name for p in report_files(REPORTS)}
    store = pyoxigraph.Store()
    store.load(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
    odd_school = pyoxigraph.NamedNode(str(iri("School", "4113011821")))
    assert not list(store.quads_for_pattern(odd_school, None, None, None))  # nor its school's reference data


def test_the_odd_report_is_named_with_its_violation(corpus_and_odd) -> None:
    result, _, _ = corpus_and_odd
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "⚠ quarantined" in line and ODD in line)
    assert "4113011821-midterm-self-evaluation-2022" in lines[at] and "1 violation(s)" in lines[at]
    after = lines[at + 1]
    assert "[ProfessionalGroupShape]" in after and "sg:level" in after and LEVEL_MESSAGE in after


def test_the_written_graph_is_the_one_the_good_reports_alone_give(corpus_and_odd, tmp_path: Path) -> None:
    _, trig, _ = corpus_and_odd
    alone = build_graph(report_files(REPORTS), tmp_path, run_validation=False)
    assert alone.written is not None and alone.written.read_bytes() == trig.read_bytes()


# --- the pipeline's decisions, on small folders ----------------------------------------------------

SMALL = {"liuzhou.txt": REPORTS / "003_f871cb208ab6dbba.txt", "kunming.txt": REPORTS / "004_5862d34a0cf86c05.txt"}


def test_build_result_names_the_quarantined_report_and_its_violations(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract_facts", _a_level_outside_the_scheme(pipeline.extract_facts, "kunming.txt"))
    result = build_graph(report_files(_folder(tmp_path, SMALL)), tmp_path / "build")
    assert result.written == tmp_path / "build" / "kg.trig"
    assert [d.file_name for d in result.documents] == ["liuzhou.txt"]
    [quarantined] = result.quarantined
    assert (quarantined.file, quarantined.conflicts_with) == ("kunming.txt", [])
    assert [(v.shape, v.path) for v in quarantined.violations] == [("ProfessionalGroupShape", "sg:level")]
    assert result.violations == 0
    assert not list(result.dataset.quads((None, None, None, graph_iri(quarantined.key))))
    assert list(result.dataset.quads((None, None, None, graph_iri(result.documents[0].key))))


def test_two_reports_that_conflict_only_together_are_both_quarantined(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    sources = {**SMALL, "shanxi.txt": REPORTS / "002_55737fc9392e7194.txt"}
    values = {"liuzhou.txt": 1, "kunming.txt": 2}
    monkeypatch.setattr(pipeline, "extract_facts", _one_shared_figure(pipeline.extract_facts, values))
    folder = _folder(tmp_path, sources)
    result = _build(folder, tmp_path / "build")
    assert result.exit_code == EXIT_QUARANTINED, result.output
    assert _report_graphs(tmp_path / "build" / "kg.trig") == {"shanxi.txt"}
    for name, other in (("liuzhou.txt", "4153012393"), ("kunming.txt", "4145012104")):
        line = next(line for line in result.output.splitlines() if "quarantined" in line and name in line)
        assert f"only together with {other}-midterm-self-evaluation" in line


def test_a_violation_no_report_is_involved_in_refuses_the_graph(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline._reference_quads
    broken = URIRef(str(iri("CatalogMajor", "999999")))

    def reference_with_a_bad_code(codes: list[str]) -> Iterator[tuple]:
        yield from real(codes)
        yield broken, pipeline.RDF.type, SG.CatalogMajor, REFERENCE_GRAPH
        yield broken, SKOS.notation, Literal("9999"), REFERENCE_GRAPH

    monkeypatch.setattr(pipeline, "_reference_quads", reference_with_a_bad_code)
    out = tmp_path / "build"
    out.mkdir()
    (out / "kg.trig").write_text("old\n", encoding="utf-8")
    result = _build(_folder(tmp_path, {"liuzhou.txt": SMALL["liuzhou.txt"]}), out)
    assert result.exit_code == EXIT_REFUSED, result.output
    assert "no report can be quarantined for" in result.output and "use --force" in result.output
    assert (out / "kg.trig").read_text(encoding="utf-8") == "old\n"


def test_when_every_report_is_quarantined_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract_facts", _a_level_outside_the_scheme(pipeline.extract_facts, "kunming.txt"))
    out = tmp_path / "build"
    out.mkdir()
    (out / "kg.trig").write_text("old\n", encoding="utf-8")
    result = _build(_folder(tmp_path, {"kunming.txt": SMALL["kunming.txt"]}), out)
    assert result.exit_code == EXIT_REFUSED, result.output
    assert "every report was quarantined" in result.output and "kunming.txt" in result.output
    assert (out / "kg.trig").read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in out.iterdir()] == ["kg.trig"]  # no temporary file left


def test_force_writes_every_report_without_quarantine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract_facts", _a_level_outside_the_scheme(pipeline.extract_facts, "kunming.txt"))
    result = _build(_folder(tmp_path, SMALL), tmp_path / "build", "--force")
    assert result.exit_code == EXIT_WRITTEN, result.output
    assert "quarantined: 0" in result.output and "DOES NOT CONFORM" in result.output
    assert _report_graphs(tmp_path / "build" / "kg.trig") == set(SMALL)


def test_a_bad_file_wins_over_a_quarantine_in_the_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract_facts", _a_level_outside_the_scheme(pipeline.extract_facts, "kunming.txt"))
    folder = _folder(tmp_path, SMALL)
    (folder / "empty.txt").write_bytes(b"")
    result = _build(folder, tmp_path / "build")
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert "empty.txt" in result.output and "1 report(s) quarantined" in result.output
    assert _report_graphs(tmp_path / "build" / "kg.trig") == {"liuzhou.txt"}


def test_the_exit_codes_are_in_the_build_help() -> None:
    result = runner.invoke(app, ["build", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for code, words in ((0, "written, every report in it"), (1, "not written"), (2, "some files could not be loaded"),
                        (3, "written, but N report(s) quarantined")):
        assert f"{code} {words}" in text, text


def test_an_ingest_refused_by_validation_names_the_violations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.commands.ingest as ingest

    built = build_graph([SMALL["liuzhou.txt"]], tmp_path, run_validation=False).written
    assert built is not None
    before = built.read_bytes()
    monkeypatch.setattr(ingest, "extract_facts", _a_level_outside_the_scheme(ingest.extract_facts, "kunming.txt"))
    folder = _folder(tmp_path, {"kunming.txt": SMALL["kunming.txt"]})
    result = runner.invoke(app, ["ingest", str(folder / "kunming.txt"), "--graph", str(built)])
    assert result.exit_code == 1, result.output
    assert "[ProfessionalGroupShape]" in result.output and "sg:level" in result.output
    assert built.read_bytes() == before


def test_a_group_read_with_two_levels_is_a_warning_not_a_quarantine(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A level that changed over the years (or a misreading) is worth a look, not a lost report."""

    def two_levels(doc: Document, *, strict: bool = False, real: Extract = pipeline.extract_facts) -> Facts:
        facts = real(doc, strict=strict)
        if doc.file_name == "kunming.txt":
            group = min((n for n in facts.nodes.values() if n.kind == "ProfessionalGroup"), key=lambda n: n.key)
            group.attrs["level"] = [Ref(str(LEVEL.national)), Ref(str(LEVEL.provincial))]
        return facts

    monkeypatch.setattr(pipeline, "extract_facts", two_levels)
    result = _build(_folder(tmp_path, SMALL), tmp_path / "build")
    assert result.exit_code == 0, result.output
    assert "quarantined: 0" in result.output and "read with more than one sg:level" in result.output
