"""The table-row mapper: a table's header says what its columns mean.

A *column spec* maps a field name to header patterns (regular expressions searched in the
normalised header text), e.g.::

    FUNDING = ColumnSpec({
        "source": (r"^项目$", r"来源", r"资金类别"),
        "budget_total": (r"总预算",),
        "budget": (r"\\d{4}.*预算", r"应到位"),
    }, required=("source",))

:func:`map_columns` matches a spec against ``Table.header`` (each column is given to the first
field, in spec order, whose pattern it matches; a field takes the first matching column) and
returns a :class:`ColumnMap`, or ``None`` when a required field has no column.
:func:`rows_as_dicts` then yields one ``{field: Cell}`` dict per body row (missing or empty cells
left out). :func:`find_tables` picks tables by caption keywords; :func:`mapped_tables` does both.

Row-spanning cells (a category printed once for several rows, the following rows starting with an
empty cell) are filled down by :func:`rows_as_dicts` for the fields named in ``fill_down``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from loaders.document.model import Cell, Document, Row, Table

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ColumnSpec:
    """Field name → header patterns (regexes, searched in the header cell with spaces removed)."""

    patterns: dict[str, tuple[str, ...]]
    required: tuple[str, ...] = ()
    _compiled: dict[str, tuple[re.Pattern[str], ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unknown = set(self.required) - set(self.patterns)
        if unknown:
            raise ValueError(f"required fields without patterns: {sorted(unknown)}")
        compiled = {name: tuple(re.compile(p) for p in pats) for name, pats in self.patterns.items()}
        object.__setattr__(self, "_compiled", compiled)

    def field_of(self, header_text: str, taken: set[str]) -> str | None:
        """The first not-yet-taken field whose patterns match this header text."""
        text = normalise_header(header_text)
        for name, pats in self._compiled.items():
            if name not in taken and any(p.search(text) for p in pats):
                return name
        return None


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Field name → column index in a particular table."""

    columns: dict[str, int]
    header: tuple[str, ...]

    def __contains__(self, name: str) -> bool:
        return name in self.columns

    def header_of(self, name: str) -> str:
        return self.header[self.columns[name]]


def normalise_header(text: str) -> str:
    return _SPACES.sub("", text)


def map_columns(header: Sequence[str], spec: ColumnSpec) -> ColumnMap | None:
    """Match ``spec`` against a header row; ``None`` if a required field has no column."""
    columns: dict[str, int] = {}
    for index, text in enumerate(header):
        name = spec.field_of(text, set(columns))
        if name is not None:
            columns[name] = index
    if any(name not in columns for name in spec.required):
        return None
    return ColumnMap(columns, tuple(header))


def cell_at(row: Row, index: int) -> Cell | None:
    """The cell at ``index`` if present and not blank."""
    if index >= len(row.cells):
        return None
    cell = row.cells[index]
    return cell if cell.norm.strip() else None


def rows_as_dicts(table: Table, mapping: ColumnMap, fill_down: Iterable[str] = ()) -> Iterator[dict[str, Cell]]:
    """One ``{field: Cell}`` per body row; blank cells are left out unless filled down.

    ``fill_down`` fields take the cell of the row above when blank (row-spanning first columns).
    """
    carry: dict[str, Cell] = {}
    fill = set(fill_down)
    for row in table.rows:
        values: dict[str, Cell] = {}
        for name, index in mapping.columns.items():
            cell = cell_at(row, index)
            if cell is not None:
                values[name] = cell
                if name in fill:
                    carry[name] = cell
            elif name in carry:
                values[name] = carry[name]
        if values:
            yield values


def caption_matches(table: Table, keywords: Sequence[str]) -> bool:
    """All ``keywords`` (regexes) occur in the caption (title, or whole caption line)."""
    caption = normalise_header(table.title or table.norm)
    return all(re.search(k, caption) for k in keywords)


def find_tables(doc: Document, *keywords: str) -> list[Table]:
    """Tables whose caption contains every keyword (regexes), in document order."""
    return [t for t in doc.tables if caption_matches(t, keywords)]


def mapped_tables(
    doc: Document, spec: ColumnSpec, *keywords: str
) -> Iterator[tuple[Table, ColumnMap]]:
    """Every table (optionally filtered by caption keywords) whose header satisfies ``spec``."""
    for table in doc.tables:
        if keywords and not caption_matches(table, keywords):
            continue
        mapping = map_columns(table.header, spec)
        if mapping is not None:
            yield table, mapping
