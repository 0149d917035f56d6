"""Captioned tables: ``表 1.1 …`` followed by rows of tab-, pipe- or space-separated cells.

Three layouts are read:

* **tab** — every row is one line of tab-separated cells (an empty leading cell is a merged
  cell, not a continuation); a tab-less line between two rows continues the previous row.
* **pipe** — markdown ``| a | b |`` rows; ``|---|`` separators are skipped.
* **space** — cells separated by spaces, as a PDF conversion leaves them. A line with two or
  more cells is a row; lines holding a single fragment (a cell wrapped over several lines)
  gather into one row until the next full row. A short line of numbers after wrapped lines
  ends the row they began; a short row ending in a number is completed by the wrapped lines
  after it. Tokens split off a cell by a stray space are glued back only on evidence: a count
  and its measure word (``18 门``, ``2023 年``) always, a header's year and its unit
  (``2022 年获奖数量``) always, ``CEBVEC 项目`` when a row has more tokens than the header;
  two numbers are never glued. In a numbered table (序号) every line not opening with a
  number continues the current row, except a line filling every other column and ending in a
  value: a row sharing the number printed once (its number cell is empty).

The table ends at its data-source line (数据来源…), the next caption, a heading or prose (a
sentence no wider than the table's wrapped lines still belongs to a numbered row). A row equal
to the header (the header repeated after a page break) is dropped. A caption followed directly
by its data-source line has its body printed further down: the first block of non-prose lines
holding a row of numbers before the next caption, its header wrapped over several lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from loaders.document.lines import (
    FIGURE_CAPTION,
    PAGE_NUMBER,
    SENTENCE_END,
    SOURCE_LINE,
    TABLE_CAPTION,
    Line,
    LineIndex,
    is_caption,
    is_prose,
    make_cell,
    make_span,
    match_heading,
)
from loaders.document.model import Cell, Row, Table

_TOKEN = re.compile(r"\S+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9.%+\-/]+")
_JOIN_EVIDENCE_END = re.compile(r"[、，,（(\-—]$")
_JOIN_EVIDENCE_START = re.compile(r"^[、，,）)\-—]")
_UNIT_IN_PARENS = re.compile(r"[（(][^）)]{1,6}[）)]\S{0,2}")  # （人） （万元）: the unit of the name before it
_ENDS_WITH_UNIT = re.compile(r"[（(][^）)]{1,6}[）)]\S{0,2}$")
_CELL_CLOSED = re.compile(r"[》）)。”]$")
_ROW_NUMBER = re.compile(r"\d{1,3}")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Chinese measure words and units printed after a count (general language knowledge).
_MEASURE_WORD = re.compile(r"(?:万|亿)?(?:年|月|日|门|项|个|人|人次|名|次|本|册|种|所|家|套|部|篇|件|条|支|期|届|元|万元|学时|课时)")
_DETACHED_REACH = 80  # lines searched after a data-source line for the body printed below it
# A total row of a numbered table has no running number: it opens a row of its own.
_TOTAL_ROW = re.compile(r"[合总小]\s*计")
_NUMBER_COLUMNS = {"序号", "编号", "序", "No.", "NO."}
_SEPARATOR_ROW = re.compile(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?")

Parts = list[tuple[int, int]]


@dataclass(slots=True)
class _Draft:
    caption: Line
    text: str  # the whole decoded text
    layout: str = ""
    header: list[Parts] = field(default_factory=list)
    rows: list[tuple[int, list[Parts]]] = field(default_factory=list)  # (line number, cells)
    row_start: list[Parts] = field(default_factory=list)  # cells of the line that opened the pending row
    fragments: list[tuple[int, int]] = field(default_factory=list)  # pending lines continuing it
    fragment_line: int = 0
    in_sub_rows: bool = False  # the last rows shared one number printed once
    widest_fragment: int = 0  # characters in the longest wrapped line of the table so far
    last_line: int = 0  # index of the last line the table owns


def find_tables(text: str, lines: list[Line], index: LineIndex, claimed: set[int],
                furniture: frozenset[int] = frozenset()) -> list[Table]:
    """Every captioned table; the lines each one owns are added to ``claimed``. ``furniture``: page
    numbers and running headers, which a table printed over a page break carries inside it."""
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i not in claimed and line.core.startswith("表") and _caption(line):
            stacked = _read_cell_per_line(text, lines, i, claimed, furniture)
            if stacked is not None:
                claimed.update(range(i, stacked.last_line + 1))
                tables.append(_finish(text, stacked, index))
                i = stacked.last_line + 1
                continue
            draft = _read_table(text, lines, i, claimed)
            claimed.update(range(i, draft.last_line + 1))
            body = _detached_body(text, lines, i, claimed) if not draft.header else None
            if body is not None:
                draft = _read_table(text, lines, i, claimed, body)
                claimed.update(range(body, draft.last_line + 1))
            tables.append(_finish(text, draft, index))
            i = draft.last_line + 1
            continue
        i += 1
    tables += _titled_tab_tables(text, lines, index, claimed)
    return sorted(tables, key=lambda t: t.start)


# A grid of tab-separated rows under a title that is no "表N" caption (…中期绩效自评表, a date between).
_MIN_TAB_ROWS = 3
_TITLE_REACH = 3  # filled lines between the title and the grid (a date, a unit line)
_MAX_TITLE = 40


def _titled_tab_tables(text: str, lines: list[Line], index: LineIndex, claimed: set[int]) -> list[Table]:
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if i in claimed or "\t" not in lines[i].text or _tab_rows_from(lines, i, claimed) < _MIN_TAB_ROWS:
            i += 1
            continue
        title = _title_above(lines, i, claimed)
        if title is None:
            i += 1
            continue
        draft = _read_table(text, lines, title, claimed, body=i, tab_grid=True)
        if not draft.rows:
            i += 1
            continue
        claimed.update(range(title, draft.last_line + 1))
        tables.append(_finish(text, draft, index))
        i = draft.last_line + 1
    return tables


def _tab_rows_from(lines: list[Line], i: int, claimed: set[int]) -> int:
    """How many filled lines from ``i`` on hold tabs before the first that does not."""
    count = 0
    for k in range(i, len(lines)):
        if lines[k].blank:
            continue
        if k in claimed or "\t" not in lines[k].text:
            break
        count += 1
    return count


def _title_above(lines: list[Line], i: int, claimed: set[int]) -> int | None:
    """The line naming the grid at ``i``: a short line that is no sentence, up to a few filled lines
    above it (the nearest one that ends in 表 or 情况, else the nearest short one)."""
    candidates = [k for k in range(i - 1, -1, -1) if not lines[k].blank][:_TITLE_REACH]
    for k in candidates:
        core = lines[k].core
        if k in claimed or "\t" in lines[k].text or len(core) > _MAX_TITLE or SENTENCE_END.search(core):
            return None
        if core.endswith(("表", "情况", "一览")):
            return k
    return None


# --- one cell per line -------------------------------------------------------------------------
# A header cell: a short name of a column ("专业群名称", "级别", "牵头专业", "通过率").
_HEADER_CELL = re.compile(r"^.{0,6}(?:名称|级别|等级|专业|学院|序号|数量|人数|时间|年份|年度|类型|类别|项目|单位|情况|指标|备注|"
                          r"金额|占比|比例|率|值|合计|编号|代码|来源|内容|名单|成果|奖项|企业|基地|证书|负责人|层次|批次|状态|专业群|"
                          r"收入|支出|经费|投入|预算|到位|资金)$")


def _header_score(cell: str) -> float:
    """How much a cell looks like a column name: words rather than a number, and a column noun."""
    return (0.0 if _NUMBER.match(cell) else 0.5) + (0.5 if _HEADER_CELL.match(cell) else 0.0)


_STACKED_MIN_CELLS = 6
_STACKED_MAX_COLUMNS = 12
_STACKED_CELL_MAX = 40


def _single_cell(line: Line) -> bool:
    tokens = line.core.split()
    if len(tokens) > 1 and any(_NUMBER.fullmatch(t) for t in tokens):
        return False  # "2019 27388.38 7475.91": a row of cells split by single spaces
    return ("\t" not in line.text and not re.search(r"\S\s{2,}\S", line.core) and len(line.core) <= _STACKED_CELL_MAX
            and not is_prose(line.core) and not match_heading(line.core) and not is_caption(line.core))


def _page_furniture(line: Line, furniture: frozenset[int], bare_numbers_are_cells: bool) -> bool:
    """A page number or a running header naming the report inside a table (a cell repeated down a
    column, 全国职业院校技能大赛, is no running header here)."""
    if line.index not in furniture:
        return False
    if _NUMBER.fullmatch(line.core):
        return not bare_numbers_are_cells
    return bool(PAGE_NUMBER.fullmatch(line.core) or line.core.endswith("报告"))


def _spaced_row_follows(lines: list[Line], last: int, furniture: frozenset[int]) -> bool:
    following = next((ln for ln in lines[last + 1:] if not ln.blank and ln.index not in furniture), None)
    if following is None:
        return False
    tokens = following.core.split()
    return len(tokens) > 1 and sum(bool(_NUMBER.fullmatch(t)) for t in tokens) >= 2


def _stacked_cells(lines: list[Line], at: int, claimed: set[int], furniture: frozenset[int],
                   bare_numbers_are_cells: bool) -> list[Line]:
    """The single-cell lines after a caption (blank lines and page furniture skipped). A bare number
    line may be a page number or a cell (序号, 年份): ``bare_numbers_are_cells`` says which to try."""
    cells: list[Line] = []
    for line in lines[at + 1:]:
        if line.index in claimed:
            break
        if line.blank or _page_furniture(line, furniture, bare_numbers_are_cells):
            continue
        if SOURCE_LINE.match(line.core) or not _single_cell(line):
            break
        cells.append(line)
    return cells


def _column_count(cells: list[str]) -> int | None:
    """How many columns a table printed one cell per line has: the header is a run of column names,
    the first data row is not, and each column holds one kind of value (numbers or words)."""
    best: tuple[float, int] | None = None
    for k in range(2, min(_STACKED_MAX_COLUMNS, len(cells) // 2) + 1):
        if len(cells) % k:
            continue
        header, body = cells[:k], cells[k:]
        header_like = sum(map(_header_score, header)) / k
        if header_like < 0.75 or any(_NUMBER.fullmatch(c) for c in header):
            continue
        first_row_header_like = sum(map(_header_score, body[:k])) / k
        columns = [body[c::k] for c in range(k)]
        uniform = sum(len({bool(_NUMBER.match(v)) for v in col}) == 1 for col in columns) / k
        score = header_like - first_row_header_like + uniform
        if best is None or score > best[0]:
            best = (score, k)
    return best[1] if best else None


def _read_cell_per_line(text: str, lines: list[Line], at: int, claimed: set[int],
                        furniture: frozenset[int]) -> _Draft | None:
    """A table printed one cell per line ("专业群名称 / 级别 / 牵头专业 / … / 物联网应用技术专业群 / …"),
    page furniture inside it skipped; None when the lines after the caption are not such a table."""
    for bare_numbers_are_cells in (True, False):
        cells = _stacked_cells(lines, at, claimed, furniture, bare_numbers_are_cells)
        if cells and _spaced_row_follows(lines, cells[-1].index, furniture):
            return None  # a header printed one cell per line over rows of spaced cells: the other reader's
        k = _column_count([c.core for c in cells]) if len(cells) >= _STACKED_MIN_CELLS else None
        if k is not None:
            break
    else:
        return None
    draft = _Draft(caption=lines[at], text=text, last_line=cells[-1].index, layout="stacked")
    draft.header = [[c.content_span()] for c in cells[:k]]
    body = cells[k:]
    draft.rows = [(body[r].number, [[c.content_span()] for c in body[r:r + k]]) for r in range(0, len(body), k)]
    return draft


def _caption(line: Line) -> re.Match[str] | None:
    m = TABLE_CAPTION.fullmatch(line.core)
    if m and m.group("title") and "。" not in line.core and not SENTENCE_END.search(line.core):
        return m
    return None


def _read_table(text: str, lines: list[Line], at: int, claimed: set[int], body: int | None = None,
                tab_grid: bool = False) -> _Draft:
    """Read the table captioned at line ``at``; its body starts on the next line, or at ``body``
    (a body printed apart from its caption, whose first lines are its header; with ``tab_grid``, a
    grid of tab-separated rows whose first row is its header)."""
    draft = _Draft(caption=lines[at], text=text, last_line=at)
    if body is not None and tab_grid:
        draft.layout, i = "tab", body
    elif body is not None:
        i = _read_header_block(draft, lines, body)
    else:
        first = _next_filled(lines, at + 1)
        spaced = first is not None and "\t" not in lines[first].text and not lines[first].core.startswith("|")
        i = _read_header_block(draft, lines, first, stacked_only=True) if spaced and first is not None else at + 1
    while i < len(lines):
        line = lines[i]
        if i in claimed:
            break
        if line.blank:
            i += 1
            continue
        tab_row = draft.layout == "tab" and "\t" in line.text
        if not tab_row and _ends_table(line.core) and not _wraps_in_cell(draft, line) and not _opens_next_row(draft, line):
            break
        if not draft.layout:
            draft.layout = "tab" if "\t" in line.text else "pipe" if line.core.startswith("|") else "space"
        if not _take_line(draft, lines, i):
            break
        draft.last_line = i
        i += 1
    _flush_fragments(draft)
    return draft


def _detached_body(text: str, lines: list[Line], at: int, claimed: set[int]) -> int | None:
    """Index of the first line of a caption's body printed after its data-source line (the
    caption and source sit above, the grid follows the prose below them), or None.

    The body is the first block of non-prose lines before the next caption that holds a row of
    numbers; prose, headings and figure captions on the way are skipped.
    """
    following = _next_filled(lines, at + 1)
    if following is None or not SOURCE_LINE.match(lines[following].core):
        return None
    i = following + 1
    while i < len(lines) and i - following <= _DETACHED_REACH:
        line = lines[i]
        if i in claimed or is_caption(line.core) and not FIGURE_CAPTION.match(line.core):
            return None
        if not (line.blank or is_prose(line.core) or match_heading(line.core) or FIGURE_CAPTION.match(line.core)
                or SOURCE_LINE.match(line.core)):
            return i if _block_has_number_row(text, lines, i) else None
        i += 1
    return None


def _next_filled(lines: list[Line], i: int) -> int | None:
    return next((k for k in range(i, len(lines)) if not lines[k].blank), None)


def _block_has_number_row(text: str, lines: list[Line], i: int) -> bool:
    """Some line of the block of non-prose lines starting at ``i`` is a row of numbers."""
    return any(_is_number_row(line.text.split()) for line in _block(lines, i))


def _block(lines: list[Line], i: int) -> list[Line]:
    """The filled lines from ``i`` up to the next prose, heading, caption or source line."""
    block: list[Line] = []
    for line in lines[i:]:
        if line.blank:
            continue
        if _ends_table(line.core) or match_heading(line.core):
            break
        block.append(line)
    return block


def _is_number_row(words: list[str]) -> bool:
    numbers = sum(1 for w in words if _NUMBER.fullmatch(w))
    return numbers >= 2 and 2 * numbers >= len(words)


def _read_header_block(draft: _Draft, lines: list[Line], first: int, stacked_only: bool = False) -> int:
    """Read a header printed over several lines, up to the first line of values, and
    fit it to the widest row of the block; returns the index of the line after the header.

    When its last line holds several names, those are the leaf columns under group names on the
    lines above (``国家级 省级`` over ``一等奖 二等奖 …``); otherwise the lines are column names
    wrapped one fragment per word. ``stacked_only``: leave a one-line header to the row reader.
    """
    block = _block(lines, first)
    opening = next((k for k, ln in enumerate(block) if _holds_values(ln)), len(block))
    header_lines, body = block[:opening], block[opening:]
    if not header_lines or not body or stacked_only and len(header_lines) < 2:
        return first
    columns = _body_columns(draft, body)
    if stacked_only and len(_glue_sure_pairs(draft, [[t] for t in _tokens(header_lines[0])], _header_pair)) >= columns:
        return first  # a complete one-line header; the lines below it are rows
    header = _level_header(draft, header_lines, columns) if len(header_lines) > 1 else None
    if header is None:
        header = _fit_fragments([[t] for ln in header_lines for t in _tokens(ln)], columns, draft)
    draft.layout, draft.header = "space", header
    draft.last_line = header_lines[-1].index
    return body[0].index


def _holds_values(line: Line) -> bool:
    """A body line: it opens or ends with a number (a header name never is a bare number)."""
    words = line.text.split()
    return bool(_NUMBER.fullmatch(words[0]) or _NUMBER.fullmatch(words[-1]))


def _level_header(draft: _Draft, header_lines: list[Line], columns: int) -> list[Parts] | None:
    """Leading names from the first line, then the last line's leaf names, each prefixed by its
    group when one line of group names divides the leaves evenly; None when they do not add up."""
    leaves = [part for t in _tokens(header_lines[-1]) for part in _split_names(draft.text, t)]
    leading = columns - len(leaves)
    first = _tokens(header_lines[0])
    if len(leaves) < 2 or leading < 0 or len(first) < leading:
        return None
    group_lines = [first[leading:]] + [_tokens(ln) for ln in header_lines[1:-1]]
    groups = next((g for g in group_lines if len(g) >= 2 and len(leaves) % len(g) == 0), [])
    per_group = len(leaves) // len(groups) if groups else 0
    named = [([groups[k // per_group]] if groups else []) + [leaf] for k, leaf in enumerate(leaves)]
    return [[t] for t in first[:leading]] + named


_NAME_WITH_UNIT = re.compile(r"[^（(）)]+[（(][^）)]{1,6}[）)]")


def _split_names(text: str, token: tuple[int, int]) -> list[tuple[int, int]]:
    """``高级（人）中级（人）初级（人）``: several column names, each closed by its unit."""
    start, end = token
    names = [(start + m.start(), start + m.end()) for m in _NAME_WITH_UNIT.finditer(text[start:end])]
    return names if len(names) > 1 and names[-1][1] == end and "".join(text[s:e] for s, e in names) == text[start:end] else [token]


def _body_columns(draft: _Draft, body: list[Line]) -> int:
    """Columns of a body: its widest row, plus one when a word alone on its line heads such a row
    (a row label merged over the rows below it, like a year over its 金额 and 人次 rows)."""
    widths = [len(_glue_sure_pairs(draft, [[t] for t in _tokens(ln)], _number_with_unit)) for ln in body]
    widest = max(widths)
    labelled = any(w == 1 and following == widest for w, following in zip(widths, widths[1:], strict=False))
    return widest + 1 if labelled else widest


def _tokens(line: Line) -> list[tuple[int, int]]:
    return [(line.start + m.start(), line.start + m.end()) for m in _TOKEN.finditer(line.text)]


def _ends_table(core: str) -> bool:
    return bool(SOURCE_LINE.match(core)) or is_caption(core) or core.startswith("案例") or is_prose(core)


def _opens_next_row(draft: _Draft, line: Line) -> bool:
    """A line opening the next numbered row is the table's, however long its text ("2 北京…公司 共建…，开设…")."""
    words = line.core.split(maxsplit=1)
    if not (_numbered(draft) and words and _next_row_number(draft, words[0])):
        return False
    return bool(draft.rows or draft.row_start) or words[0] == "1"


def _wraps_in_cell(draft: _Draft, line: Line) -> bool:
    """A sentence ending inside a numbered row's cell: no wider than the row's wrapped lines
    (prose after the table runs the full width of the page)."""
    return (_numbered(draft) and bool(draft.fragments) and is_prose(line.core) and not SOURCE_LINE.match(line.core)
            and len(line.core) <= draft.widest_fragment)


def _take_line(draft: _Draft, lines: list[Line], i: int) -> bool:
    """Add line ``i`` to the table; False when it is not part of it."""
    line = lines[i]
    if draft.layout == "tab":
        if "\t" in line.text:
            cells = _split_tabs(line)
            if not (_continues_header(draft, cells) or _continues_one_cell(draft, cells)):
                _add_row(draft, line.number, cells)
            return True
        return _continues_row(draft, lines, i)
    if draft.layout == "pipe":
        if not line.core.startswith("|"):
            return False
        if not _SEPARATOR_ROW.fullmatch(line.core):
            _add_row(draft, line.number, _split_pipes(line))
        return True
    heading = match_heading(line.core)
    if heading and heading.style != "decimal" or heading and heading.depth > 1:
        return False
    tokens = _tokens(line)
    if draft.header and _is_header_again(draft, tokens):
        return True
    if _numbered(draft):
        first = draft.text[tokens[0][0]:tokens[0][1]]
        if _next_row_number(draft, first) or _TOTAL_ROW.fullmatch(first):
            _flush_fragments(draft)
            _start_row(draft, line, tokens)
            draft.in_sub_rows = False
        elif _is_sub_row(draft, tokens):
            _add_sub_row(draft, line, tokens)
        elif values := _closing_values(draft, tokens):
            draft.row_start[-1] = draft.row_start[-1] + [(tokens[0][0], tokens[-values - 1][1])]
            _flush_fragments(draft, trailing=[[t] for t in tokens[-values:]])
        else:
            _add_fragment(draft, line, line.content_span())
            draft.in_sub_rows = False
        return True
    if len(tokens) == 1:
        _add_fragment(draft, line, tokens[0])
        return True
    if draft.row_start and _completes_wrapped_row(draft, tokens, opened=False):
        _flush_pending_row_alone(draft)
    if _completes_wrapped_row(draft, tokens):
        _flush_fragments(draft, trailing=[[t] for t in tokens])
        return True
    _flush_fragments(draft)
    _start_row(draft, line, tokens)
    if not _left_open(draft):
        _flush_fragments(draft)
    return True


def _left_open(draft: _Draft) -> bool:
    """A short row ending in a number (``2016 年 4``) is completed by the wrapped lines after it."""
    cells = draft.row_start
    return 0 < len(cells) < len(draft.header) and _NUMBER.fullmatch(_text(draft, cells[-1])) is not None


def _completes_wrapped_row(draft: _Draft, tokens: list[tuple[int, int]], opened: bool = True) -> bool:
    """A short line after wrapped lines holds the last cells of the row those lines began: when
    it is all numbers, or when the lines and its words fill the columns exactly (a short line of
    text otherwise opens a row that the following lines complete). ``opened``: whether a row
    opened before the wrapped lines rules the numbers case out."""
    if not (draft.header and draft.fragments) or len(tokens) >= len(draft.header):
        return False
    if len(draft.fragments) + len(tokens) == len(draft.header):
        return True
    return opened and not draft.row_start and all(_NUMBER.fullmatch(draft.text[s:e]) for s, e in tokens)


def _flush_pending_row_alone(draft: _Draft) -> None:
    """Close the open row without the wrapped lines after it (they begin the next row)."""
    fragments = draft.fragments
    draft.fragments = []
    _flush_fragments(draft)
    draft.fragments, draft.fragment_line = fragments, draft.text.count("\n", 0, fragments[0][0]) + 1


def _next_row_number(draft: _Draft, word: str) -> bool:
    """``word`` opens the next numbered row: the running number after the last row's (any number
    for the first row); a number repeated in a later column does not."""
    if not _ROW_NUMBER.fullmatch(word):
        return False
    numbers = [_text(draft, cells[0]) for _, cells in draft.rows] + ([_text(draft, draft.row_start[0])] if draft.row_start else [])
    last = next((int(n) for n in reversed(numbers) if _ROW_NUMBER.fullmatch(n)), None)
    return last is None or int(word) == last + 1


def _closing_values(draft: _Draft, tokens: list[tuple[int, int]]) -> int:
    """How many numbers end a wrapped line that completes the open numbered row: a list that continues
    the row's last cell, then exactly the values of the columns after it ("…、工业设计 3,862"); else 0."""
    if not draft.row_start or draft.fragments or len(tokens) < 2:
        return 0
    values = 0
    while values < len(tokens) - 1 and _NUMBER.fullmatch(draft.text[slice(*tokens[-values - 1])]):
        values += 1
    continued = _text(draft, draft.row_start[-1]) + draft.text[tokens[0][0]:tokens[-values - 1][1]]
    return values if values and len(draft.row_start) + values == len(draft.header) and "、" in continued else 0


def _is_sub_row(draft: _Draft, tokens: list[tuple[int, int]]) -> bool:
    """A line filling every column but the number, ending in a value: one of several rows that
    share a number printed once (a merged cell)."""
    last = draft.text[tokens[-1][0]:tokens[-1][1]]
    after_number = len(draft.row_start) == 1 and not draft.fragments
    return ((after_number or draft.in_sub_rows) and len(tokens) == len(draft.header) - 1
            and _NUMBER.fullmatch(last) is not None)


def _add_sub_row(draft: _Draft, line: Line, tokens: list[tuple[int, int]]) -> None:
    """The first sub-row takes the pending number; later ones get an empty number cell."""
    cells = [[t] for t in tokens]
    draft.in_sub_rows = True
    if len(draft.row_start) == 1 and not draft.fragments:
        draft.row_start += cells
        _flush_fragments(draft)
        return
    _flush_fragments(draft)
    start = line.content_span()[0]
    _add_row(draft, line.number, [[(start, start)], *cells])


def _numbered(draft: _Draft) -> bool:
    """Rows start with a running number (序号): every other line continues the current row."""
    return bool(draft.header) and _text(draft, draft.header[0]) in _NUMBER_COLUMNS


def _is_header_again(draft: _Draft, tokens: list[tuple[int, int]]) -> bool:
    words = "".join(draft.text[s:e] for s, e in tokens)
    return words == "".join(_text(draft, parts) for parts in draft.header).replace(" ", "")


def _start_row(draft: _Draft, line: Line, tokens: list[tuple[int, int]]) -> None:
    cells = [[t] for t in tokens]
    if not draft.header:
        _add_row(draft, line.number, _glue_sure_pairs(draft, cells, _header_pair))
        return
    if not _has_unit_column(draft):
        cells = _glue_sure_pairs(draft, cells, _number_with_unit)
    cells = _glue_tokens(cells, len(draft.header), line.text, line.start)
    if _numbered(draft) and _TOTAL_ROW.fullmatch(_text(draft, cells[0])) and len(cells) < len(draft.header):
        cells = _total_row_cells(draft, cells)
    draft.row_start, draft.fragment_line = cells, line.number


def _total_row_cells(draft: _Draft, cells: list[Parts]) -> list[Parts]:
    """合计 printed over the 序号 and name columns, its sums under the last columns ("合计 2,318" under 在校生)."""
    sums = cells[1:]
    at = cells[0][0][0]
    empty: Parts = [(at, at)]
    if not all(_NUMBER.fullmatch(_text(draft, c).rstrip("%％")) for c in sums):
        return [empty, *cells]
    return [empty, cells[0], *([empty] * (len(draft.header) - 2 - len(sums))), *sums]


def _add_fragment(draft: _Draft, line: Line, span: tuple[int, int]) -> None:
    if not draft.row_start and not draft.fragments:
        draft.fragment_line = line.number
    draft.fragments.append(span)
    draft.widest_fragment = max(draft.widest_fragment, span[1] - span[0])


def _continues_header(draft: _Draft, cells: list[Parts]) -> bool:
    """A header printed over two tab lines ("经费来源 | 建设期 | 2022 年度" over " | 总预算 | 预算"): before any
    row, a line of words only, its first cell empty, adds its words to the header cells above them."""
    texts = [_text(draft, c) for c in cells]
    if draft.rows or not draft.header or len(cells) != len(draft.header) or texts[0]:
        return False
    if sum(bool(t) for t in texts) < 2 or any(_NUMBER.search(t) for t in texts):
        return False
    for column, parts in enumerate(cells):
        if texts[column]:
            draft.header[column] = draft.header[column] + parts
    return True


def _continues_one_cell(draft: _Draft, cells: list[Parts]) -> bool:
    """A tab line filling one cell, not the first, under a row whose same cell it carries on (a list wrapped
    in its cell: "…、人工智能技术" then " | | | 应用、信息安全技术及应用")."""
    filled = [k for k, c in enumerate(cells) if _text(draft, c)]
    if not draft.rows or len(filled) != 1 or filled[0] == 0:
        return False
    above = draft.rows[-1][1]
    column = filled[0]
    if column >= len(above) or not _text(draft, above[column]) or "、" not in _text(draft, above[column]) + _text(draft, cells[column]):
        return False
    above[column] = above[column] + cells[column]
    return True


def _continues_row(draft: _Draft, lines: list[Line], i: int) -> bool:
    """A tab-less line between two tab rows: the previous row's last cell wraps onto it."""
    following = next((ln for ln in lines[i + 1:] if not ln.blank), None)
    if not draft.rows or following is None or "\t" not in following.text or match_heading(lines[i].core):
        return False
    _, cells = draft.rows[-1]
    filled = [k for k, c in enumerate(cells) if c[0][1] > c[0][0]] or [len(cells) - 1]
    cells[filled[-1]].append(lines[i].content_span())
    return True


def _add_row(draft: _Draft, line_number: int, cells: list[Parts]) -> None:
    if not draft.header:
        draft.header = cells
    else:
        draft.rows.append((line_number, cells))


def _flush_fragments(draft: _Draft, trailing: list[Parts] | None = None) -> None:
    """Close the pending row: its opening cells, the wrapped fragments fitted to the columns
    left, then ``trailing`` cells (a short line that ends the row)."""
    if not draft.fragments and not draft.row_start:
        return
    start, fragments, trailing = draft.row_start, draft.fragments, trailing or []
    draft.row_start, draft.fragments = [], []
    if not start and not trailing and _continue_the_last_list(draft, fragments):
        return
    if _completes_last_cell(draft, start, fragments, trailing):
        start[-1], fragments = start[-1] + fragments, []
    columns = max(len(draft.header) - len(start) - len(trailing), 1) if draft.header else len(fragments)
    _add_row(draft, draft.fragment_line, start + _fit_fragments([[f] for f in fragments], columns, draft) + trailing)


def _completes_last_cell(draft: _Draft, start: list[Parts], fragments: list[tuple[int, int]],
                         trailing: list[Parts]) -> bool:
    """Text lines under a row that already fills every column carry on its last cell (a long 合作内容 wrapped),
    unless that cell or the lines are numbers (a misprinted header: keep them as cells)."""
    if not (draft.header and start and fragments) or trailing or len(start) != len(draft.header):
        return False
    texts = [_text(draft, start[-1]), *("".join(draft.text[s:e]).strip() for s, e in fragments)]
    return not any(_NUMBER.fullmatch(t) for t in texts)


def _continue_the_last_list(draft: _Draft, fragments: list[tuple[int, int]]) -> bool:
    """Lines after a complete row that carry on the list in its last cell ("…、模具设计与制造、" then
    "智能制造装备技术") are that cell's, not a row of their own; True when they were added to it."""
    if not (draft.header and draft.rows and fragments):
        return False
    last = draft.rows[-1][1]
    if len(last) != len(draft.header):
        return False
    cell, added = _text(draft, last[-1]), "".join(draft.text[s:e] for s, e in fragments)
    if not (_JOIN_EVIDENCE_END.search(cell) or "、" in cell and "、" in added):
        return False
    last[-1] = last[-1] + fragments
    return True


def _text(draft: _Draft, parts: Parts) -> str:
    return "".join(draft.text[s:e] for s, e in parts).strip()


def _fit_fragments(cells: list[Parts], columns: int, draft: _Draft) -> list[Parts]:
    """Merge wrapped fragments until there are no more cells than columns.

    A fragment that starts or ends with a list separator (、，) is joined to its neighbour
    first; otherwise the longest fragment not closed by 》）。 (a line wrapped at the column's
    width) is joined to the next, the earliest on ties.
    """
    while len(cells) > columns:
        texts = [_text(draft, c) for c in cells]
        pairs = range(len(cells) - 1)
        evidenced = [k for k in pairs if _JOIN_EVIDENCE_END.search(texts[k]) or _JOIN_EVIDENCE_START.search(texts[k + 1])
                     or _UNIT_IN_PARENS.fullmatch(texts[k + 1]) and _on_next_line(draft, cells[k], cells[k + 1])]
        open_ended = [k for k in pairs if not _CELL_CLOSED.search(texts[k]) and not _ENDS_WITH_UNIT.search(texts[k])
                      and not _NUMBER.fullmatch(texts[k]) and not _NUMBER.fullmatch(texts[k + 1])] or list(pairs)
        if not evidenced and _narrow_words(cells, columns, draft):
            return _pair_from_right(cells, columns)
        k = evidenced[0] if evidenced else max(open_ended, key=lambda k: (len(texts[k]), -k))
        cells[k:k + 2] = [cells[k] + cells[k + 1]]
    return cells


_NARROW = 4  # characters of a word alone on its line in a narrow column (国家 / 奖学金)


def _narrow_words(cells: list[Parts], columns: int, draft: _Draft) -> bool:
    """Every header cell is one short word on its own line and there are at most two per column: a
    row of narrow columns whose names wrapped a word per line (国家 / 奖学金 · 勤工 / 助学)."""
    surplus = len(cells) - columns
    words = [parts for parts in cells if len(parts) == 1]  # a name joined to its unit（年）stands as one
    return 0 < surplus <= columns and len(words) >= len(cells) - 1 and all(
        len(_text(draft, parts)) <= _NARROW and not _NUMBER.fullmatch(_text(draft, parts)) for parts in words
    ) and all(_on_next_line(draft, a, b) for a, b in zip(cells, cells[1:], strict=False))


def _pair_from_right(cells: list[Parts], columns: int) -> list[Parts]:
    """Join the words two by two from the last column: the columns that wrap are the value columns
    on the right; the row-label columns on the left (年份, 项目) are short enough to stand alone."""
    cells = list(cells)
    k = len(cells) - 2
    while len(cells) > columns and k >= 0:
        cells[k:k + 2] = [cells[k] + cells[k + 1]]
        k -= 2
    return cells


def _on_next_line(draft: _Draft, left: Parts, right: Parts) -> bool:
    return "\n" in draft.text[left[-1][1]:right[0][0]]


def _glue_tokens(cells: list[Parts], columns: int, line_text: str, line_start: int) -> list[Parts]:
    """Glue tokens that a stray space split off one cell, best-glued pairs first."""
    def token(parts: Parts) -> str:
        return "".join(line_text[s - line_start:e - line_start] for s, e in parts)

    while len(cells) > columns:
        scores = [_glue_score(token(cells[k]), token(cells[k + 1])) for k in range(len(cells) - 1)]
        best = max(scores)
        if best == 0:
            break
        k = scores.index(best)
        cells[k:k + 2] = [cells[k] + cells[k + 1]]
    return cells


def _glue_sure_pairs(draft: _Draft, cells: list[Parts], sure: Callable[[str, str], bool]) -> list[Parts]:
    """Glue every pair of neighbouring tokens that ``sure`` says are one cell, whatever the column count."""
    k = 0
    while k < len(cells) - 1:
        if sure(_text(draft, cells[k]), _text(draft, cells[k + 1])):
            cells[k:k + 2] = [cells[k] + cells[k + 1]]
        else:
            k += 1
    return cells


def _header_pair(left: str, right: str) -> bool:
    """A header's year or count split from its unit: ``2022 年获奖数量``, ``2023 年``."""
    return _NUMBER.fullmatch(left) is not None and (_MEASURE_WORD.fullmatch(right) is not None or right[0] in "年月")


def _number_with_unit(left: str, right: str) -> bool:
    """A quantity split from its measure word: ``18 门``, ``2023 年``."""
    return _NUMBER.fullmatch(left) is not None and _MEASURE_WORD.fullmatch(right) is not None


def _has_unit_column(draft: _Draft) -> bool:
    return any(_text(draft, parts) == "单位" for parts in draft.header)


def _glue_score(left: str, right: str) -> int:
    """How likely ``left right`` is one cell split by a stray space (0: never)."""
    if left[-1].isdigit() and _CJK.match(right) and len(right) <= 2:
        return 4  # 2020 年, 3 门
    if _ASCII_WORD.fullmatch(left) and not left.isdigit() and (_CJK.match(right) or right[0].isascii() and right[0].isalpha()):
        return 3  # CEBVEC 项目, UK 认证, UK NARIC评估
    if _CJK.search(left[-1]) and _ASCII_WORD.fullmatch(right) and not right[0].isdigit():
        return 2  # 英国 CEBVEC
    return 0


def _split_tabs(line: Line) -> list[Parts]:
    return _split_on(line, "\t")


def _split_pipes(line: Line) -> list[Parts]:
    stripped = line.text.strip()
    lead = line.text.index(stripped[0]) if stripped else 0
    body_start = line.start + lead + (1 if stripped.startswith("|") else 0)
    body = stripped[1:] if stripped.startswith("|") else stripped
    body = body[:-1] if body.endswith("|") else body
    return _split_on(Line(line.index, body_start, body_start + len(body), body, body), "|")


def _split_on(line: Line, separator: str) -> list[Parts]:
    cells: list[Parts] = []
    at = 0
    for piece in line.text.split(separator):
        lead = len(piece) - len(piece.lstrip())
        start = line.start + at + lead
        cells.append([(start, start + len(piece.strip()))])
        at += len(piece) + 1
    return cells


def _finish(text: str, draft: _Draft, index: LineIndex) -> Table:
    m = TABLE_CAPTION.fullmatch(draft.caption.core)
    header_cells = [make_cell(text, parts, index) for parts in draft.header]
    header = tuple(c.norm for c in header_cells)
    rows: list[Row] = []
    for line_number, parts_list in draft.rows:
        cells = tuple(make_cell(text, parts, index) for parts in parts_list)
        if header and tuple(c.norm for c in cells) == header:
            continue  # header repeated after a page break
        rows.append(Row(cells, line_number))
    number = re.sub(r"\s+", "", m.group("num")) if m else ""  # a titled grid has no number
    title = (m.group("title") or "").strip() if m else draft.caption.core.strip()
    return make_span(Table, text, [draft.caption.content_span()], index, number=number,
                     title=title, header=header, rows=tuple(rows))  # type: ignore[return-value]


__all__ = ["find_tables", "Cell"]
