"""Lines of the decoded text and the line-level patterns every structure pass shares."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from loaders.document.model import Cell, Span
from loaders.document.normalise import fold, normalise_parts


@dataclass(frozen=True, slots=True)
class Line:
    index: int  # 0-based
    start: int  # offset of the first character
    end: int  # offset after the last character (before "\n" / "\r\n")
    text: str
    core: str  # folded text without markdown/HTML markers and surrounding spaces

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def blank(self) -> bool:
        return not self.core

    def content_span(self) -> tuple[int, int]:
        """Offsets of the line without its leading and trailing whitespace."""
        stripped = self.text.lstrip()
        start = self.start + len(self.text) - len(stripped)
        return start, start + len(stripped.rstrip())


_MARKUP = re.compile(r"\*\*|</?(?:b|strong|i|em)>|^\s*#{1,6}(?=\s|$)")


def core_of(text: str) -> str:
    return _MARKUP.sub("", fold(text)).strip()


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    start = 0
    for index, raw in enumerate(text.split("\n")):
        body = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(index, start, start + len(body), body, core_of(body)))
        start += len(raw) + 1
    return lines


class LineIndex:
    """1-based line number of any offset, by binary search over line starts."""

    def __init__(self, lines: list[Line]) -> None:
        self._starts = [line.start for line in lines]

    def line_of(self, offset: int) -> int:
        return bisect_right(self._starts, offset)


def make_span(cls: type, text: str, parts: list[tuple[int, int]], lines: LineIndex, **fields: object) -> Span:
    """A span (Sentence, Heading, Cell…) covering ``parts``: raw from the first start to the last end."""
    parts = [(s, e) for s, e in parts if e > s] or parts[:1]
    start, end = parts[0][0], parts[-1][1]
    norm, norm_map = normalise_parts(text, parts)
    return cls(start, end, lines.line_of(start), text[start:end], norm, norm_map, **fields)  # type: ignore[call-arg]


def make_cell(text: str, parts: list[tuple[int, int]], lines: LineIndex) -> Cell:
    return make_span(Cell, text, parts, lines)  # type: ignore[return-value]


# --- line patterns -------------------------------------------------------------------------
CN_NUMERAL = "一二三四五六七八九十"
HEADING_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"(?P<num>第\s*[{CN_NUMERAL}\d]{{1,3}}\s*(?:部分|章|篇))\s*(?P<title>\S.*)")),
    ("cn", re.compile(rf"(?P<num>[{CN_NUMERAL}]{{1,3}})\s*[、.．]\s*(?P<title>\S.*)")),
    ("cn_paren", re.compile(rf"(?P<num>[（(]\s*[{CN_NUMERAL}]{{1,3}}\s*[）)])\s*(?P<title>\S.*)")),
    ("arabic_paren", re.compile(r"(?P<num>[（(]\s*\d{1,2}\s*[）)])\s*(?P<title>\S.*)")),
    ("arabic_half_paren", re.compile(r"(?P<num>\d{1,2}\s*[）)])\s*(?P<title>\S.*)")),
    ("decimal", re.compile(r"(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?P<sep>[.、]\s*|\s+)(?P<title>\S.*)")),
)
STYLE_LEVELS = {"part": 0, "cn": 1, "cn_paren": 2, "decimal": 3, "arabic_paren": 4, "arabic_half_paren": 5}
MAX_TITLE = 50
_TITLE_BAD_END = re.compile(r"[。；;，,、：:]$")
_CHAPTER_TITLE = re.compile(r"[^\s\d，,、。；;：:]{2,20}")


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    style: str
    number: str
    title: str
    depth: int  # number of parts of a decimal number (2.2.3 -> 3), else 1
    bare: bool = False  # a chapter number with no dot after it: "1 学校基本情况"


def match_heading(core: str) -> HeadingMatch | None:
    """The numbering and title of a heading line, or None when the line is prose or a list item."""
    for style, pattern in HEADING_PATTERNS:
        m = pattern.fullmatch(core)
        if not m:
            continue
        title = m.group("title").strip()
        if not _plausible_title(title):
            return None
        number = m.group("num")
        depth, bare_integer = 1, False
        if style == "decimal":
            depth = number.count(".") + 1
            bare_integer = depth == 1 and not m.group("sep").strip()
            if bare_integer and not _CHAPTER_TITLE.fullmatch(title):
                return None
        return HeadingMatch(style, number, title, depth, bare_integer)
    return None


def _plausible_title(title: str) -> bool:
    return 2 <= len(title) <= MAX_TITLE and "。" not in title and not _TITLE_BAD_END.search(title)


MARKDOWN_HEADING = re.compile(r"^\s*(#{1,6})\s+\S")
TOC_CAPTION = re.compile(r"目\s*录|contents", re.IGNORECASE)
TOC_ENTRY = re.compile(r".*?\S(?:\s*(?:\.{2,}|…+|·{3,}|-{3,})\s*|\s*\t\s*|\s{2,})(?:</?b>)*\d{1,3}(?:</?b>)*\s*")
TABLE_CAPTION = re.compile(r"表\s*(?P<num>\d{1,2}(?:\s*[.\-－—–]\s*\d{1,2})*)\s*(?P<title>\S.{0,80})?")
FIGURE_CAPTION = re.compile(r"图\s*\d{1,2}(?:\s*[.\-－—–]\s*\d{1,2})*(?:\s|$)")
SOURCE_LINE = re.compile(r"(?:数据|资料)?来源[:：]|注[:：]|说明[:：]")
BULLET = re.compile(r"[⚫•●◆◇▪■□○◎➢➤✓√]")
PAGE_NUMBER = re.compile(r"[-—–]?\s*\d{1,4}\s*[-—–]?|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}")
SENTENCE_END = re.compile(r"[。！？!?；;：:][”’」』）)\]]*$")
_PROSE_PUNCT = re.compile(r"[，。；：！？]")


def is_prose(core: str) -> bool:
    """A line of running text (not a table cell): long, with Chinese sentence punctuation."""
    return bool(SENTENCE_END.search(core)) and len(core) > 12 or len(core) >= 30 and bool(_PROSE_PUNCT.search(core))


def is_caption(core: str) -> bool:
    return bool(TABLE_CAPTION.fullmatch(core) or FIGURE_CAPTION.match(core))
