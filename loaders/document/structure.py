"""Structure of a decoded report: table of contents, tables, headings, paragraphs, sentences.

One linear pass per concern over the lines: the table of contents (dot leaders or a tab before
a page number; not content) and the captioned tables claim their lines first; every other line
is a heading, page furniture (page numbers, running headers) or text. Text lines join into a
paragraph while the previous line does not end a sentence (PDF conversions break sentences
across lines, often with blank lines between); paragraphs split into sentences on 。！？；.

Heading levels follow the numbering style: 第一部分 / 第一章 = 0 (a part above the sections), 一、 = 1, （一） = 2, 1. / 1.1 = 3, （1） = 4, 1） = 5,
an un-numbered markdown ``#`` heading = its number of ``#``. A report numbered in decimal
chapters (``1 学校基本情况`` / ``2.1 就业质量`` / ``2.1.1 …``) takes the depth of the number as the level.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from loaders.document.lines import (
    BULLET,
    MARKDOWN_HEADING,
    PAGE_NUMBER,
    SENTENCE_END,
    SOURCE_LINE,
    STYLE_LEVELS,
    TOC_CAPTION,
    TOC_ENTRY,
    HeadingMatch,
    Line,
    LineIndex,
    is_caption,
    make_span,
    match_heading,
    split_lines,
)
from loaders.document.model import Heading, Paragraph, Sentence, Span, Table
from loaders.document.tables import find_tables

_SENTENCE = re.compile(r"[^。！？!?；;]*(?:[。！？!?；;]+[”’」』）)\]]*|$)")
_MIN_WRAPPED_LINE = 20  # a shorter line without closing punctuation is a title or label, not a wrapped line
_WRAPPED_SHARE = 0.3  # this share of text lines within ±2 characters of one width = a hard-wrapped text
_RUNNING_HEADER_REPEATS = 3
_RUNNING_HEADER_MAX = 40
_NAMES_REPORT = re.compile(r"报告\s*$")


@dataclass(frozen=True, slots=True)
class Structure:
    headings: tuple[Heading, ...]
    paragraphs: tuple[Paragraph, ...]
    tables: tuple[Table, ...]
    toc: Span | None
    lines: tuple[Line, ...]


def parse_structure(text: str) -> Structure:
    lines = split_lines(text)
    index = LineIndex(lines)
    claimed: set[int] = set()
    toc = _find_toc(text, lines, index, claimed)
    tables = find_tables(text, lines, index, claimed, frozenset(_furniture(lines, claimed)))
    furniture = _furniture(lines, claimed)
    chapter_numbering = _uses_decimal_chapters(lines, claimed)
    wrap_width = _wrap_width(lines, claimed)
    headings: list[Heading] = []
    paragraphs: list[Paragraph] = []
    pending: list[Line] = []
    stack: list[Heading] = []

    def flush() -> None:
        if pending:
            paragraphs.append(_paragraph(text, pending, index, stack[-1] if stack else None))
            pending.clear()

    for line in lines:
        if line.index in claimed:
            flush()
            continue
        if line.blank or line.index in furniture:
            continue
        heading = None
        if not _wrapped_line(line, lines, claimed, wrap_width):
            heading = _heading(text, line, index, chapter_numbering, stack, seen_numbered=bool(headings))
        if heading is not None:
            flush()
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            stack.append(heading)
            headings.append(heading)
            continue
        if pending and not _continues(pending[-1], line):
            flush()
        pending.append(line)
    flush()
    return Structure(tuple(headings), tuple(paragraphs), _with_headings(tables, headings), toc, tuple(lines))


# --- table of contents ------------------------------------------------------------------------
def _find_toc(text: str, lines: list[Line], index: LineIndex, claimed: set[int]) -> Span | None:
    """The contents list: a 目录 caption and/or a run of ≥3 entries ending in page numbers."""
    for i, line in enumerate(lines[: max(200, len(lines) // 5)]):
        captioned = bool(TOC_CAPTION.fullmatch(line.core))
        if not captioned and not _is_toc_entry(line):
            continue
        last, entries = _toc_run(lines, i + 1 if captioned else i)
        if entries >= 3:
            claimed.update(range(i, last + 1))
            first_start = line.content_span()[0]
            return make_span(Span, text, [(first_start, lines[last].content_span()[1])], index)
    return None


def _is_toc_entry(line: Line) -> bool:
    """A title and its page number ("一、…效果 .....\t4 -"); a row of several tab-separated cells
    ("1\t加强党的建设\t2\t10\t12") is a table's, however it ends."""
    if line.text.count("\t") > 1 or line.core.isdigit():
        return False
    return bool(TOC_ENTRY.fullmatch(line.text) or TOC_ENTRY.fullmatch(_PAGE_DASH.sub("", line.text)))


_PAGE_DASH = re.compile(r"\s*[-—–]\s*$")  # "4 -": a page number printed with a dash after it


def _toc_run(lines: list[Line], start: int) -> tuple[int, int]:
    last, entries = start - 1, 0
    for line in lines[start:]:
        if line.blank:
            continue
        if not _is_toc_entry(line):
            break
        last, entries = line.index, entries + 1
    return last, entries


# --- page furniture ---------------------------------------------------------------------------
def _furniture(lines: list[Line], claimed: set[int]) -> set[int]:
    """Page numbers and running headers/footers (a short line repeated on many pages)."""
    free = [ln for ln in lines if ln.index not in claimed and not ln.blank]
    repeats = Counter(ln.core for ln in free if len(ln.core) <= _RUNNING_HEADER_MAX)
    first_seen: dict[str, int] = {}
    for ln in free:
        first_seen.setdefault(ln.core, ln.index)
    return {
        ln.index for ln in free
        if PAGE_NUMBER.fullmatch(ln.core)
        or repeats[ln.core] >= _RUNNING_HEADER_REPEATS and not match_heading(ln.core) and not SOURCE_LINE.match(ln.core)
        # a running header naming the report ("XX学院2023年质量年度报告"), after the title it repeats
        or repeats[ln.core] >= 2 and _NAMES_REPORT.search(ln.core) and ln.index > first_seen[ln.core]
    }


# --- headings ---------------------------------------------------------------------------------
def _wrap_width(lines: list[Line], claimed: set[int]) -> int | None:
    """The width at which the conversion hard-wrapped the text, when it did (None otherwise)."""
    lengths = Counter(len(ln.core) for ln in lines if ln.index not in claimed and len(ln.core) >= _MIN_WRAPPED_LINE)
    if not lengths:
        return None
    mode = max(lengths, key=lambda n: (lengths[n], n))
    near = sum(count for n, count in lengths.items() if abs(n - mode) <= 2)
    return mode if near >= _WRAPPED_SHARE * sum(lengths.values()) else None


def _wrapped_line(line: Line, lines: list[Line], claimed: set[int], wrap_width: int | None) -> bool:
    """A full-width line whose text runs on into the next line: part of a paragraph, not a heading."""
    if "\t" in line.text:
        return True
    if wrap_width is None or len(line.core) < wrap_width - 3:
        return False
    following = next((ln for ln in lines[line.index + 1:] if not ln.blank), None)
    return following is not None and following.index not in claimed and match_heading(following.core) is None


def _uses_decimal_chapters(lines: list[Line], claimed: set[int]) -> bool:
    sections = 0
    for line in lines:
        if line.index in claimed or not line.core[:1].isdigit() or "\t" in line.text:
            continue
        m = match_heading(line.core)
        if m and m.style == "decimal" and m.depth >= 2 and "." not in m.title[:1]:
            sections += 1
            if sections >= 2:
                return True
    return False


def _heading(text: str, line: Line, index: LineIndex, chapters: bool, stack: list[Heading],
             seen_numbered: bool) -> Heading | None:
    m = match_heading(line.core)
    if m is not None and m.bare and not _next_chapter(m, stack):
        m = None
    if m is not None:
        level = STYLE_LEVELS[m.style]
        if chapters and m.style != "part":
            chapter_depth = max((h.level for h in stack if h.number and h.number[0].isdigit()
                                 and not h.number.endswith((")", "）"))), default=0)
            level = m.depth if m.style == "decimal" else level + chapter_depth
        return _make_heading(text, line, index, level, m, stack)
    markdown = MARKDOWN_HEADING.match(line.text)
    if markdown and seen_numbered and not TOC_CAPTION.fullmatch(line.core) and len(line.core) <= 50:
        return _make_heading(text, line, index, len(markdown.group(1)), HeadingMatch("markdown", "", line.core, 1), stack)
    return None


def _next_chapter(m: HeadingMatch, stack: list[Heading]) -> bool:
    """A bare chapter number must follow the current chapter ("5 《…》" after chapter 7 is a table row)."""
    current = next((h for h in stack if h.number.isdigit()), None)
    return int(m.number) == (int(current.number) + 1 if current else 1) or current is None and int(m.number) <= 2


def _make_heading(text: str, line: Line, index: LineIndex, level: int, m: HeadingMatch,
                  stack: list[Heading]) -> Heading:
    path = tuple(h.title for h in stack if h.level < level)
    return make_span(Heading, text, [line.content_span()], index, level=level, number=m.number,  # type: ignore[return-value]
                     title=m.title, path=path)


def _with_headings(tables: list[Table], headings: list[Heading]) -> tuple[Table, ...]:
    placed: list[Table] = []
    k = -1
    for table in tables:
        while k + 1 < len(headings) and headings[k + 1].start < table.start:
            k += 1
        placed.append(_replace_heading(table, headings[k] if k >= 0 else None))
    return tuple(placed)


def _replace_heading(table: Table, heading: Heading | None) -> Table:
    return Table(table.start, table.end, table.line, table.raw, table.norm, table.norm_map, number=table.number,
                 title=table.title, header=table.header, rows=table.rows, heading=heading)


# --- paragraphs and sentences -----------------------------------------------------------------
# what no paragraph opens with: the rest of a word or clause cut by the wrap (…电子商务有 / 限公司（以下简称…）
_RUNS_ON_FROM_ABOVE = re.compile(r"^(?:[，,、；;：:）)”’》]|限公司|限责任公司|份有限公司)")


def _continues(previous: Line, line: Line) -> bool:
    """Does ``line`` carry on the paragraph that ``previous`` ended?"""
    if not SENTENCE_END.search(previous.core) and _RUNS_ON_FROM_ABOVE.match(line.core):
        return True
    if SENTENCE_END.search(previous.core) or len(previous.core) < _MIN_WRAPPED_LINE:
        return False
    starts_new = BULLET.match(line.core) or is_caption(line.core) or SOURCE_LINE.match(line.core)
    return not starts_new


def _paragraph(text: str, lines: list[Line], index: LineIndex, heading: Heading | None) -> Paragraph:
    parts = [ln.content_span() for ln in lines]
    base = make_span(Span, text, parts, index)
    sentences = tuple(_sentences(text, base, index))
    return Paragraph(base.start, base.end, base.line, base.raw, base.norm, base.norm_map,
                     sentences=sentences, heading=heading)


def _sentences(text: str, paragraph: Span, index: LineIndex) -> list[Sentence]:
    sentences: list[Sentence] = []
    norm = paragraph.norm
    for m in _SENTENCE.finditer(norm):
        i, j = m.span()
        while i < j and norm[i].isspace():
            i += 1
        if i >= j:
            continue
        norm_map = paragraph.norm_map.view(i, j)  # type: ignore[attr-defined]
        start, end = norm_map[0], norm_map[-1] + 1
        sentences.append(Sentence(start, end, index.line_of(start), text[start:end], norm[i:j], norm_map))
    return sentences
