"""The document model: from the bytes of a report to a structured, span-preserving document.

>>> doc = load_document("data/reports/000_2398f67fa0e2142e.txt")   # doctest: +SKIP
>>> doc.meta.school_code, doc.meta.kind, [h.title for h in doc.headings if h.level == 1][:2]  # doctest: +SKIP

Every failure is a :class:`ReportError` naming the file and the reason.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from loaders.document.decode import DEFAULT_MAX_BYTES, decode
from loaders.document.lines import LineIndex
from loaders.document.metadata import read_metadata
from loaders.document.model import Cell, Document, Heading, Paragraph, ReportMeta, Row, Sentence, Span, Table
from loaders.document.structure import parse_structure
from loaders.errors import ReportError

__all__ = [
    "load_document", "parse_document", "ReportError", "DEFAULT_MAX_BYTES",
    "Document", "ReportMeta", "Span", "Sentence", "Heading", "Paragraph", "Cell", "Row", "Table",
]


def load_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and parse one report file."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReportError(name, f"file too large: {size:,} bytes (limit {max_bytes:,})")
        if path.is_dir():
            raise ReportError(name, "is a directory, not a report file")
        data = path.read_bytes()
    except OSError as err:
        raise ReportError(name, f"cannot read file: {err.strerror or err}") from None
    return parse_document(data, name, max_bytes=max_bytes)


def parse_document(data: bytes, file_name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Decode, structure and describe one report given as bytes."""
    text, encoding = decode(data, file_name, max_bytes)
    structure = parse_structure(text)
    first_heading = structure.headings[0].start if structure.headings else len(text)
    body_start = min(first_heading, structure.toc.start if structure.toc else len(text))
    meta = read_metadata(text, file_name, list(structure.lines), LineIndex(list(structure.lines)), body_start)
    return Document(
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        text=text,
        meta=meta,
        headings=structure.headings,
        paragraphs=structure.paragraphs,
        tables=structure.tables,
        toc=structure.toc,
    )
