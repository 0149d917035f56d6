"""Small synthetic Documents for recogniser tests, with real offsets into their text.

``make_doc(lines, tables)`` lays out prose lines (one paragraph each, sentences split at 。；！？)
and tables (caption line, tab-separated header line, tab-separated rows) in one text, so that every
span's ``text[start:end] == raw`` holds and evidence quotes can be checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.document.model import Cell, Document, Heading, Paragraph, ReportMeta, Row, Sentence, Table

HARBIN = ("哈尔滨职业技术学院", "4123012911")


@dataclass
class TableSpec:
    caption: str
    header: list[str]
    rows: list[list[str]]
    number: str = "1"


@dataclass
class _Builder:
    text: str = ""
    line: int = 1
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)

    def put(self, raw: str) -> tuple[int, int, int]:
        start, line = len(self.text), self.line
        self.text += raw + "\n\n"
        self.line += 2
        return start, start + len(raw), line


def _span_args(raw: str, start: int, line: int) -> dict:
    keep = [i for i, ch in enumerate(raw) if not ch.isspace()]
    return {"start": start, "end": start + len(raw), "line": line, "raw": raw,
            "norm": "".join(raw[i] for i in keep), "norm_map": tuple(start + i for i in keep)}


def _sentences(raw: str, start: int, line: int) -> tuple[Sentence, ...]:
    out = []
    for m in re.finditer(r"[^。；！？]+[。；！？]?", raw):
        if m.group().strip():
            out.append(Sentence(**_span_args(m.group(), start + m.start(), line)))
    return tuple(out)


def make_doc(lines: list[str], tables: list[TableSpec] = (), school: tuple[str, str] = HARBIN,
             kind: str = "midterm-self-evaluation", period: str | None = "2019-2021") -> Document:
    """A Document whose first line names ``school``; lines starting with '#' are level-1 headings."""
    b = _Builder()
    heading: Heading | None = None
    for raw in [f"{school[0]}“双高计划”中期绩效自评报告", *lines]:
        start, _, line = b.put(raw)
        if raw.startswith("#"):
            title = raw.lstrip("# ")
            heading = Heading(**_span_args(raw, start, line), level=1, title=title)
            b.headings.append(heading)
            continue
        b.paragraphs.append(Paragraph(**_span_args(raw, start, line), sentences=_sentences(raw, start, line),
                                      heading=heading))
    for spec in tables:
        start, _, line = b.put(f"表 {spec.number} {spec.caption}")
        caption = Table(**_span_args(f"表 {spec.number} {spec.caption}", start, line))
        b.put("\t".join(spec.header))
        rows = []
        for cells in spec.rows:
            row_start, _, row_line = b.put("\t".join(cells))
            offset, made = row_start, []
            for cell in cells:
                made.append(Cell(**_span_args(cell, offset, row_line)))
                offset += len(cell) + 1
            rows.append(Row(tuple(made), row_line))
        b.tables.append(Table(caption.start, caption.end, caption.line, caption.raw, caption.norm, caption.norm_map,
                              number=spec.number, title=spec.caption, header=tuple(spec.header), rows=tuple(rows),
                              heading=heading))
    first = b.paragraphs[0]
    meta = ReportMeta(school[0], school[1], kind, first.raw, 2022, "2022年5月", period,
                      school_evidence=Sentence(**_span_args(school[0], first.start, first.line)))
    return Document("x.txt", "0" * 64, "utf-8", b.text, meta, tuple(b.headings), tuple(b.paragraphs), tuple(b.tables))


def assert_evidence_quotes(doc: Document, facts) -> None:
    """Every node's and link's evidence quotes the document text at its offsets."""
    for node in facts.nodes.values():
        assert node.evidence, f"{node.kind} {node.key} has no evidence"
        for ev in node.evidence:
            assert doc.text[ev.start:ev.end] == ev.quote
    for link in facts.links.values():
        for ev in link.evidence:
            assert doc.text[ev.start:ev.end] == ev.quote
