"""The document model: plain, span-preserving values every recogniser reads from.

Every element carries ``start``/``end`` character offsets into ``Document.text`` (the decoded
file) and the 1-based ``line`` of its start, so that ``doc.text[el.start:el.end] == el.raw``
always holds. ``norm`` is the normalised reading of the same span (line breaks inside a
sentence removed, full-width ASCII folded, markdown markers and stray spaces dropped); match
rules run on ``norm`` and map hits back with :meth:`Span.offset_of`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ReportKind = Literal["midterm-self-evaluation", "final-self-evaluation", "annual-quality-report", "other"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the decoded text: ``raw == text[start:end]``; ``norm`` its normalised form.

    ``norm_map[i]`` is the offset in the decoded text of ``norm[i]`` (len(norm_map) == len(norm)),
    so a match found in ``norm`` at [i, j) is the raw span [norm_map[i], norm_map[j-1] + 1).
    The loader stores it as a :class:`loaders.document.normalise.OffsetMap` (a compact, read-only
    sequence of ints with ``len``, indexing, slicing and ``==`` like the tuple it stands for).
    """

    start: int
    end: int
    line: int
    raw: str
    norm: str
    norm_map: tuple[int, ...] = field(repr=False, compare=False)

    def raw_span(self, i: int, j: int) -> tuple[int, int]:
        """Decoded-text offsets of ``norm[i:j]`` (j > i)."""
        return self.norm_map[i], self.norm_map[j - 1] + 1


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    """A sentence, ended by 。！？； (or by the end of its paragraph)."""


@dataclass(frozen=True, slots=True)
class Heading(Span):
    """A heading. ``level`` 0 = 第一部分 / 第一章, 1 = 一、 (or markdown #), 2 = （一）, 3 = 1. / 1.1, 4 = （1）, 5 = 1）.

    ``number`` is the numbering as printed (``一``, ``（二）``, ``2.2.3``), ``title`` the text after it.
    ``path`` holds the titles of the enclosing headings, outermost first.
    A report numbered in decimal chapters (``1 学校基本情况`` / ``2.1`` / ``2.1.1``) takes the depth
    of the number as the level (1, 2, 3), and its 一、/（一）… headings nest below the chapter.
    """

    level: int = 1
    number: str = ""
    title: str = ""
    path: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph(Span):
    """A paragraph of prose with its sentences and the heading it sits under (None before any)."""

    sentences: tuple[Sentence, ...] = ()
    heading: Heading | None = None


@dataclass(frozen=True, slots=True)
class Cell(Span):
    """One table cell; ``norm`` is the cell's text with line breaks and spaces inside it removed."""


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    line: int

    def texts(self) -> list[str]:
        return [c.norm for c in self.cells]


@dataclass(frozen=True, slots=True)
class Table(Span):
    """A captioned table (表 1.1 / 表 2-2 …). ``raw``/``norm`` span the caption line.

    ``number`` is the printed number (``1.1``, ``2-2``), ``title`` the caption after it,
    ``header`` the header row(s) merged into one list of column names, ``rows`` the body rows
    (a header repeated after a page break is dropped; continuation lines are merged).
    """

    number: str = ""
    title: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    heading: Heading | None = None


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """What the text says about itself."""

    school_name: str
    school_code: str  # 10-digit MOE code
    kind: ReportKind
    title: str
    year: int | None  # the year printed (date of the report)
    date: str | None  # the date as printed, e.g. "2022年5月"
    period: str | None  # period covered, e.g. "2019-2021" or "2023"
    school_evidence: Span | None = None  # where the school name was read


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded, structured report."""

    file_name: str
    sha256: str
    encoding: str
    text: str
    meta: ReportMeta
    headings: tuple[Heading, ...]
    paragraphs: tuple[Paragraph, ...]
    tables: tuple[Table, ...]
    toc: Span | None = None  # the table of contents, if any (not content)

    @property
    def key(self) -> str:
        """Report key used in IRIs and named graphs: ``{school code}-{kind}-{year}``."""
        year = self.meta.year if self.meta.year is not None else "undated"
        return f"{self.meta.school_code}-{self.meta.kind}-{year}"

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1
