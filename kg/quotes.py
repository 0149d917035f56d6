"""Check that every ``sg:quote``, and the ``sg:sentence`` it sits in, equal the report text at their offsets.

SHACL cannot do this (it needs the report files): each ``sg:Evidence`` names its report
(``sg:inReport``), the report node names its file (``sg:fileName``), and the file is decoded the
way the loaders decode it, so offsets index the same text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal
from rdflib.term import Node as Term

from kg.namespaces import SG


@dataclass(frozen=True, slots=True, order=True)
class Mismatch:
    evidence: str  # IRI of the sg:Evidence node
    report: str  # IRI of its report
    file_name: str  # "" when the report has no sg:fileName
    start: int
    end: int
    quote: str  # what the graph says
    actual: str  # what the file holds at [start, end) ("" when unreadable)
    reason: str

    def text(self) -> str:
        where = f"{self.file_name or self.report} [{self.start}:{self.end}]"
        return f"{self.evidence}: {where}: {self.reason}: quote {self.quote[:40]!r} vs file {self.actual[:40]!r}"


def decode_report(path: Path) -> str:
    """The decoded text of a report file, as the document loader decodes it."""
    data = path.read_bytes()
    try:
        from loaders.document.decode import decode
    except ImportError:  # loader not installed: plain UTF-8, BOM dropped
        return data.decode("utf-8-sig")
    return decode(data, path.name)[0]


def _value(ds: Dataset | Graph, subject: Term, predicate: Term) -> Term | None:
    """One object of (subject, predicate) in any graph of ``ds``."""
    if isinstance(ds, Dataset):
        return next((o for _, _, o, _ in ds.quads((subject, predicate, None, None))), None)
    return ds.value(subject, predicate)


def _quote_triples(ds: Dataset | Graph) -> Iterator[tuple[Term, Term]]:
    if isinstance(ds, Dataset):
        seen = set()
        for s, _, o, _ in ds.quads((None, SG.quote, None, None)):
            if (s, o) not in seen:
                seen.add((s, o))
                yield s, o
    else:
        yield from ds.subject_objects(SG.quote)


class _ReportTexts:
    """Decoded report files, read once each; ``None`` with a reason when unreadable."""

    def __init__(self, reports_dir: Path) -> None:
        self.reports_dir = reports_dir
        self._texts: dict[str, tuple[str | None, str]] = {}

    def get(self, file_name: str) -> tuple[str | None, str]:
        if file_name not in self._texts:
            self._texts[file_name] = self._read(file_name)
        return self._texts[file_name]

    def _read(self, file_name: str) -> tuple[str | None, str]:
        path = self.reports_dir / file_name
        if Path(file_name).name != file_name or not path.is_file():
            return None, f"report file {file_name!r} not found in {self.reports_dir}"
        try:
            return decode_report(path), ""
        except Exception as err:  # any unreadable file is reported, not raised
            return None, f"cannot read {file_name}: {err}"


def check_quotes(ds: Dataset | Graph, reports_dir: Path) -> list[Mismatch]:
    """Every evidence whose quote, or whose sentence (``sg:sentence`` at ``sg:sentenceStart``..``sg:sentenceEnd``,
    which must hold the quote's offsets), differs from its report file (sorted)."""
    texts = _ReportTexts(Path(reports_dir))
    mismatches = []
    for evidence, quote in _quote_triples(ds):
        report = _value(ds, evidence, SG.inReport)
        file_name = str((_value(ds, report, SG.fileName) if report is not None else None) or "")
        start, end = _int(_value(ds, evidence, SG.startOffset)), _int(_value(ds, evidence, SG.endOffset))
        checks = [(start, end, str(quote), "quote")]
        sentence = _value(ds, evidence, SG.sentence)
        if sentence is not None:
            begin, stop = _int(_value(ds, evidence, SG.sentenceStart)), _int(_value(ds, evidence, SG.sentenceEnd))
            checks.append((begin, stop, str(sentence), "sentence"))
            if not begin <= start < end <= stop:
                mismatches.append(Mismatch(str(evidence), str(report or ""), file_name, begin, stop, str(sentence), "",
                                           "sentence: its offsets do not hold the quote's"))
        for first, last, text, what in checks:
            found = _check_one(texts, file_name, first, last, text, what)
            if found is not None:
                actual, reason = found
                mismatches.append(Mismatch(str(evidence), str(report or ""), file_name, first, last, text, actual, reason))
    return sorted(mismatches)


def _int(term: Term | None) -> int:
    if isinstance(term, Literal):
        try:
            return int(term.toPython())
        except (TypeError, ValueError):
            return -1
    return -1


def _check_one(texts: _ReportTexts, file_name: str, start: int, end: int, quote: str,
               what: str = "quote") -> tuple[str, str] | None:
    """``(actual text, reason)`` when the quote does not match, else None."""
    if not file_name:
        return "", "evidence's report has no sg:fileName"
    text, problem = texts.get(file_name)
    if text is None:
        return "", problem
    if not 0 <= start < end <= len(text):
        prefix = "" if what == "quote" else f"{what} "
        return "", f"{prefix}offsets outside the file ({len(text)} characters)"
    actual = text[start:end]
    return None if actual == quote else (actual, f"{what} differs from the file text at its offsets")
