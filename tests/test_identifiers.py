"""Identifiers are deterministic: the same reports give a byte-identical build/kg.trig whatever the
run or the order in which the files are given or were copied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.outputs import TRIG_NAME
from kg.pipeline import build_graph, report_files
from tests.conftest import REPORTS


def _build(paths: list[Path], out: Path) -> bytes:
    result = build_graph(paths, out, run_validation=False)
    assert result.written == out / TRIG_NAME, result.refused
    return result.written.read_bytes()


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _build(report_files(REPORTS), tmp_path_factory.mktemp("first"))


def test_corpus_build_is_not_empty(first_build: bytes) -> None:
    text = first_build.decode("utf-8")
    for code in ("4123012911", "4114012888", "4145012104"):
        assert f"<https://w3id.org/sgkg/id/school/{code}>" in text
    assert "_:" not in text  # no blank nodes: they would make the output unstable


def test_building_twice_gives_identical_bytes(first_build: bytes, tmp_path: Path) -> None:
    assert _build(report_files(REPORTS), tmp_path) == first_build


def test_file_order_does_not_matter(first_build: bytes, tmp_path: Path) -> None:
    assert _build(list(reversed(report_files(REPORTS))), tmp_path / "reversed") == first_build


def test_copied_in_another_order_into_another_folder(first_build: bytes, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in reversed(report_files(REPORTS)):  # directory order differs from name order
        shutil.copyfile(path, folder / path.name)
    assert _build(report_files(folder), tmp_path / "out") == first_build


def test_another_hash_seed_changes_not_a_byte(first_build: bytes, tmp_path: Path) -> None:
    """Set and dict orders follow the process's hash seed; no rule may depend on them (one did: whether
    中国企业联合会 was a name changed with PYTHONHASHSEED, so --jobs 1 and --jobs 2 differed)."""
    import os
    import subprocess
    import sys

    script = ("import sys; from pathlib import Path; from kg.pipeline import build_graph, report_files; "
              "build_graph(report_files(Path(sys.argv[1])), Path(sys.argv[2]), run_validation=False)")
    seed = "12345" if os.environ.get("PYTHONHASHSEED") != "12345" else "54321"
    subprocess.run([sys.executable, "-c", script, str(REPORTS), str(tmp_path)], check=True,
                   env={**os.environ, "PYTHONHASHSEED": seed})
    assert (tmp_path / TRIG_NAME).read_bytes() == first_build
