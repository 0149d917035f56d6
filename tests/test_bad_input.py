"""Bad input: each kind fails with the file name and the reason, or loads when it is decodable."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from loaders.document import ReportError, load_document, parse_document
from tests.conftest import REPORTS
from tests.document_corpus import MIDTERM_HARBIN, MIDTERM_SHANXI, corpus_document

runner = CliRunner()


def corpus_bytes(name: str = MIDTERM_SHANXI) -> bytes:
    return (REPORTS / name).read_bytes()


def reason_for(data: bytes, name: str = "bad.txt", **options: int) -> str:
    with pytest.raises(ReportError) as caught:
        parse_document(data, name, **options)
    assert caught.value.file == name and str(caught.value).startswith(f"{name}: ")
    return caught.value.reason


def test_empty_file() -> None:
    assert reason_for(b"") == "empty file"
    assert reason_for(b" \n\r\n\t") == "empty file"


def test_binary_file() -> None:
    noise = random.Random(7).randbytes(4096)
    assert reason_for(b"\x89PNG\r\n\x1a\n\x00\x00" + noise).startswith("binary file: NUL byte")


def test_control_characters_mean_binary() -> None:
    assert reason_for(("哈尔滨职业技术学院" + "\x01\x02\x03\x04\x05" * 20).encode()).startswith("binary file")


def test_truncated_utf8() -> None:
    data = corpus_bytes()
    cut = data[: len(data) // 2]
    while cut[-1] & 0xC0 == 0x80 or cut[-1] < 0x80:  # end inside a multi-byte character
        cut = cut[:-1]
    assert reason_for(cut).startswith("truncated UTF-8")


def test_corrupt_utf8_is_not_taken_for_gbk() -> None:
    data = bytearray(corpus_bytes())
    data[5000] = 0xFF  # inside a CJK character: its sequence breaks where it started
    assert reason_for(bytes(data)).startswith("invalid UTF-8 at byte 49")


@pytest.mark.parametrize(("encoding", "label"), [("gbk", "gb18030"), ("gb18030", "gb18030"),
                                                 ("utf-16", "utf-16"), ("utf-8-sig", "utf-8 with BOM")])
def test_decodable_encodings_load_like_utf8(encoding: str, label: str) -> None:
    original = corpus_document(MIDTERM_HARBIN)
    doc = parse_document(original.text.encode(encoding), f"report.{encoding}.txt")
    assert doc.encoding == label
    assert doc.text == original.text
    assert (doc.meta, len(doc.headings), len(doc.tables)) == (original.meta, len(original.headings), len(original.tables))


def test_utf32_is_refused_by_name() -> None:
    assert reason_for("哈尔滨职业技术学院".encode("utf-32")).startswith("unsupported encoding: UTF-32")


def test_non_report_text() -> None:
    recipe = "红烧肉的做法\n\n一、准备材料\n\n五花肉500克，冰糖、生抽、老抽适量。\n\n二、步骤\n\n先焯水，再小火慢炖一小时。\n"
    assert reason_for(recipe.encode()).startswith("not a report: no school")
    assert reason_for(b"Lorem ipsum dolor sit amet.\n" * 50).startswith("not a report")


def test_too_large_by_configurable_limit(tmp_path: Path) -> None:
    assert reason_for(corpus_bytes(), max_bytes=1000).startswith("file too large")
    big = tmp_path / "big.txt"
    big.write_bytes(corpus_bytes())
    with pytest.raises(ReportError, match="big.txt: file too large"):
        load_document(big, max_bytes=1000)


def test_fifty_megabyte_report_loads(tmp_path: Path) -> None:
    """Parsing is linear: a 50 MB report (the Shanxi report repeated) loads in one pass."""
    unit = corpus_bytes()
    copies = 50 * 1024 * 1024 // len(unit) + 1
    path = tmp_path / "fifty.txt"
    with path.open("wb") as out:
        for _ in range(copies):
            out.write(unit)
    assert path.stat().st_size > 50 * 1024 * 1024
    doc = load_document(path)
    assert doc.meta.school_code == "4114012888"
    single = corpus_document(MIDTERM_SHANXI)
    assert len(doc.headings) == copies * len(single.headings)
    last = doc.paragraphs[-1]
    assert doc.text[last.start:last.end] == last.raw


def test_unreadable_path(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="missing.txt: cannot read file"):
        load_document(tmp_path / "missing.txt")


def _folder(tmp_path: Path, good: list[str], bad: dict[str, bytes]) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in good:
        (folder / name).write_bytes((REPORTS / name).read_bytes())
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    return folder


def test_folder_with_one_bad_file_builds_from_the_others(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [MIDTERM_HARBIN, MIDTERM_SHANXI], {"broken.txt": b"\x00\x01binary"})
    out = tmp_path / "build"
    result = runner.invoke(app, ["build", "--reports", str(folder), "--out", str(out), "--no-validate"])
    assert result.exit_code == 2, result.output
    assert "broken.txt: binary file" in result.output
    trig = (out / "kg.trig").read_text(encoding="utf-8")
    assert "4123012911-midterm-self-evaluation-2022" in trig and "4114012888-midterm-self-evaluation-2022" in trig


def test_existing_graph_untouched_when_no_report_loads(tmp_path: Path) -> None:
    folder = _folder(tmp_path, [], {"empty.txt": b"", "recipe.txt": "红烧肉的做法。".encode()})
    out = tmp_path / "build"
    out.mkdir()
    (out / "kg.trig").write_text("# previous graph\n", encoding="utf-8")
    before = os.stat(out / "kg.trig").st_mtime_ns
    result = runner.invoke(app, ["build", "--reports", str(folder), "--out", str(out)])
    assert result.exit_code == 2
    assert "empty.txt: empty file" in result.output and "recipe.txt: not a report" in result.output
    assert (out / "kg.trig").read_text(encoding="utf-8") == "# previous graph\n"
    assert os.stat(out / "kg.trig").st_mtime_ns == before
    assert sorted(p.name for p in out.iterdir()) == ["kg.trig"]


def test_missing_reports_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--reports", str(tmp_path / "nope"), "--out", str(tmp_path / "b")])
    assert result.exit_code == 2 and "not a folder" in result.output


def test_inspect_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "garbage.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    result = runner.invoke(app, ["inspect", str(bad)])
    assert result.exit_code == 2
    assert "garbage.txt" in result.output
