"""``sgkg validate`` and ``sgkg docs``, and the quote-offset check behind validate."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from rdflib import Dataset, Literal
from typer.testing import CliRunner

from kg.commands import docs as docs_command
from kg.commands import validate as validate_command
from kg.ids import graph_iri, iri
from kg.namespaces import RDFS, SG
from kg.quotes import check_quotes
from tests.shape_samples import FILE_NAME, REPORT_KEY, TEXT, sample_dataset

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app with only the commands under test."""

    validate_command.register(app)
    docs_command.register(app)
    return app


def _write(ds: Dataset, path: Path) -> Path:
    path.write_text(ds.serialize(format="trig"), encoding="utf-8")
    return path


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / FILE_NAME).write_text(TEXT + "\n", encoding="utf-8")
    return folder


def test_valid_graph_passes(tmp_path: Path, reports: Path) -> None:
    trig = _write(sample_dataset(), tmp_path / "kg.trig")
    result = runner.invoke(_app(), ["validate", str(trig), "--reports", str(reports)])
    assert result.exit_code == 0, result.output
    assert "conforms — 0 violation(s)" in result.output
    assert "Quotes: 0 mismatch(es)" in result.output


def test_violation_exits_1_with_readable_report(tmp_path: Path, reports: Path) -> None:
    ds = sample_dataset()
    firm = iri("Enterprise", "某某科技有限公司")
    ds.remove((firm, RDFS.label, None, graph_iri(REPORT_KEY)))
    trig = _write(ds, tmp_path / "kg.trig")
    result = runner.invoke(_app(), ["validate", str(trig), "--reports", str(reports)])
    assert result.exit_code == 1, result.output
    assert "DOES NOT CONFORM — 1 violation(s)" in result.output
    assert "EnterpriseShape" in result.output  # counts by shape
    assert f"<{firm}> rdfs:label: missing rdfs:label @zh" in result.output


def test_warnings_alone_do_not_fail(tmp_path: Path, reports: Path) -> None:
    ds = sample_dataset()
    major = iri("Major", "4123012911-460301")
    ds.remove((major, SG.catalogEntry, None, graph_iri(REPORT_KEY)))
    trig = _write(ds, tmp_path / "kg.trig")
    result = runner.invoke(_app(), ["validate", str(trig), "--reports", str(reports)])
    assert result.exit_code == 0, result.output
    assert "1 warning(s)" in result.output and "not linked to the catalogue" in result.output


def test_quote_mismatch_fails(tmp_path: Path, reports: Path) -> None:
    (reports / FILE_NAME).write_text("某" + TEXT, encoding="utf-8")  # every offset shifted by one
    trig = _write(sample_dataset(), tmp_path / "kg.trig")
    result = runner.invoke(_app(), ["validate", str(trig), "--reports", str(reports)])
    assert result.exit_code == 1
    assert "quote differs from the file text at its offsets" in result.output


def test_no_quotes_skips_the_file_check(tmp_path: Path) -> None:
    trig = _write(sample_dataset(), tmp_path / "kg.trig")
    result = runner.invoke(_app(), ["validate", str(trig), "--no-quotes"])
    assert result.exit_code == 0, result.output
    assert "Quotes" not in result.output


def test_missing_graph_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.trig"
    result = runner.invoke(_app(), ["validate", str(missing)])
    assert result.exit_code == 2
    assert str(missing) in result.output and "no such graph file" in result.output


def test_unparsable_graph_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("<a> <b> <c> <d> <e> {", encoding="utf-8")
    result = runner.invoke(_app(), ["validate", str(bad)])
    assert result.exit_code == 2
    assert str(bad) in result.output and "not a readable TriG" in result.output


def test_missing_reports_folder_is_a_clear_error(tmp_path: Path) -> None:
    trig = _write(sample_dataset(), tmp_path / "kg.trig")
    result = runner.invoke(_app(), ["validate", str(trig), "--reports", str(tmp_path / "none")])
    assert result.exit_code == 2 and "no such reports folder" in result.output


def test_check_quotes_names_missing_files_and_bad_offsets(tmp_path: Path, reports: Path) -> None:
    ds = sample_dataset()
    assert check_quotes(ds, reports) == []
    assert {m.reason for m in check_quotes(ds, tmp_path)} == {f"report file {FILE_NAME!r} not found in {tmp_path}"}
    (reports / FILE_NAME).write_text(TEXT[:5], encoding="utf-8")
    reasons = {m.reason for m in check_quotes(ds, reports)}
    assert "offsets outside the file (5 characters)" in reasons


def test_check_quotes_reads_a_bom_file_like_the_loader(reports: Path) -> None:
    (reports / FILE_NAME).write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert check_quotes(sample_dataset(), reports) == []


def test_quote_check_sees_an_edited_quote(reports: Path) -> None:
    ds = sample_dataset()
    graph = graph_iri(REPORT_KEY)
    evidence = next(s for s, _, _, _ in ds.quads((None, SG.quote, Literal("机电一体化技术"), graph)))
    ds.remove((evidence, SG.quote, None, graph))
    ds.add((evidence, SG.quote, Literal("机电一体化"), graph))
    [mismatch] = check_quotes(ds, reports)
    assert mismatch.evidence == str(evidence) and mismatch.actual == "机电一体化技术"


def test_docs_writes_the_ontology_page(tmp_path: Path) -> None:
    out = tmp_path / "site" / "ontology.html"
    result = runner.invoke(_app(), ["docs", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'id="Major"' in html and "开设学校" in html


def test_docs_on_a_broken_ontology_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix : <x#> . :a :b", encoding="utf-8")
    result = runner.invoke(_app(), ["docs", "--ontology", str(broken), "--out", str(tmp_path / "o.html")])
    assert result.exit_code == 2 and str(broken) in result.output


def test_commands_are_registered_on_the_sgkg_app() -> None:
    from kg.cli import app

    for command in ("validate", "docs"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, result.output
    assert "sgkg validate [OPTIONS] [FILE]" in runner.invoke(app, ["validate", "--help"]).output
