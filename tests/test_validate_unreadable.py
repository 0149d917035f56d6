"""``sgkg validate`` on a graph file it cannot read says what is wrong and where, and exits 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.validate import GraphFileError, read_graph_file
from tests.shape_samples import sample_dataset

runner = CliRunner()


@pytest.fixture()
def good_trig(tmp_path: Path) -> bytes:
    return sample_dataset().serialize(format="trig").encode("utf-8")


def _validate(path: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", str(path), "--no-quotes"])
    return result.exit_code, result.output


def _cut_inside_a_statement(data: bytes) -> bytes:
    """The file cut in the middle of an IRI of its last statement (as an interrupted copy leaves it)."""
    return data[:data.rstrip().rfind(b"<") + 12]


def test_a_file_cut_mid_statement_is_named_as_truncated_with_its_line(tmp_path: Path, good_trig: bytes) -> None:
    cut = _cut_inside_a_statement(good_trig)
    path = tmp_path / "kg.trig"
    path.write_bytes(cut)
    code, output = _validate(path)
    assert code == 2, output
    last_line = cut.count(b"\n") + 1
    assert f"{path}:{last_line}" in output and "truncated" in output, output
    assert "index out of range" not in output


@pytest.mark.parametrize("keep", [0.3, 0.5, 0.9])
def test_every_cut_of_the_file_is_an_error_naming_the_file(tmp_path: Path, good_trig: bytes, keep: float) -> None:
    path = tmp_path / "kg.trig"
    path.write_bytes(good_trig[:int(len(good_trig) * keep)])
    code, output = _validate(path)
    assert code == 2 and f"error: {path}:" in output, output
    assert "index out of range" not in output


def test_a_cut_inside_a_utf8_character_is_named(tmp_path: Path) -> None:
    path = tmp_path / "kg.trig"
    path.write_bytes('@prefix ex: <http://e/> .\nex:a ex:b "学院'.encode()[:-1])
    code, output = _validate(path)
    assert code == 2 and f"{path}:2:" in output and "middle of a UTF-8 character" in output, output


def test_bad_syntax_names_line_and_column_and_the_parser_reason(tmp_path: Path) -> None:
    path = tmp_path / "kg.trig"
    path.write_text('@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "x" ex:d .\n', encoding="utf-8")
    with pytest.raises(GraphFileError) as caught:
        read_graph_file(path)
    assert (caught.value.line, caught.value.column) == (3, 15)
    assert "expected '.'" in caught.value.reason
    code, output = _validate(path)
    assert code == 2 and f"{path}:3:15: not a readable TriG file" in output and "ex:a ex:b" in output, output


@pytest.mark.parametrize(("content", "says"), [(b"", "empty"), (b"\xff\xfe\x00g\x00", "not UTF-8"),
                                                (None, "no such graph file")])
def test_empty_binary_or_missing_files_say_so(tmp_path: Path, content: bytes | None, says: str) -> None:
    path = tmp_path / "kg.trig"
    if content is not None:
        path.write_bytes(content)
    code, output = _validate(path)
    assert code == 2 and says in output and str(path) in output, output


def test_a_whole_file_still_reads(tmp_path: Path, good_trig: bytes) -> None:
    path = tmp_path / "kg.trig"
    path.write_bytes(good_trig)
    assert len(read_graph_file(path)) == len(sample_dataset())
