"""The table-row mapper: header patterns → column mapping → one dict of cells per row."""

from __future__ import annotations

from loaders.document.model import Cell, Row, Table
from loaders.extract.tables import ColumnSpec, caption_matches, map_columns, rows_as_dicts


def _cell(text: str) -> Cell:
    return Cell(0, len(text), 1, text, text, tuple(range(len(text))))


def _table(title: str, header: list[str], rows: list[list[str]]) -> Table:
    return Table(0, len(title), 1, title, title, tuple(range(len(title))), number="1.1", title=title,
                 header=tuple(header), rows=tuple(Row(tuple(_cell(t) for t in r), i + 2) for i, r in enumerate(rows)))


FUNDING = ColumnSpec({
    "source": (r"^项目$", r"来源"),
    "budget_total": (r"总预算",),
    "budget": (r"预算",),
    "received": (r"到位经费",),
    "rate": (r"率$",),
}, required=("source", "budget"))


def test_header_patterns_map_columns_in_spec_order() -> None:
    header = ["项目", "总预算经费", "2019-2021 年 预算经费", "2019-2021 到位 经费", "到位率"]
    mapping = map_columns(header, FUNDING)
    assert mapping is not None
    assert mapping.columns == {"source": 0, "budget_total": 1, "budget": 2, "received": 3, "rate": 4}
    assert mapping.header_of("budget") == "2019-2021 年 预算经费"


def test_missing_required_column_gives_none() -> None:
    assert map_columns(["序号", "专业名称"], FUNDING) is None


def test_rows_yield_cells_and_skip_blanks() -> None:
    table = _table("资金到位情况统计表", ["项目", "总预算经费", "预算经费"], [["合计", "74,610", "49,899"], ["举办方", "", "0"]])
    mapping = map_columns(table.header, FUNDING)
    rows = list(rows_as_dicts(table, mapping))
    assert rows[0]["source"].norm == "合计" and rows[0]["budget_total"].norm == "74,610"
    assert "budget_total" not in rows[1]


def test_fill_down_carries_row_spanning_cells() -> None:
    spec = ColumnSpec({"kind": (r"^指标$",), "name": (r"名称",), "value": (r"完成度",)})
    table = _table("绩效指标", ["指标", "名称", "完成度"], [["产出指标", "数量指标", "96.2%"], ["", "质量指标", "98.93%"]])
    rows = list(rows_as_dicts(table, map_columns(table.header, spec), fill_down=["kind"]))
    assert [r["kind"].norm for r in rows] == ["产出指标", "产出指标"]
    rows = list(rows_as_dicts(table, map_columns(table.header, spec)))
    assert "kind" not in rows[1]


def test_short_rows_do_not_fail() -> None:
    table = _table("t", ["项目", "预算"], [["合计"]])
    assert list(rows_as_dicts(table, map_columns(table.header, FUNDING))) == [{"source": table.rows[0].cells[0]}]


def test_caption_keywords() -> None:
    table = _table("2019-2021 年学院项目资金到位情况统计表（单位：万元）", ["项目"], [])
    assert caption_matches(table, ["资金", "到位"])
    assert not caption_matches(table, ["认证"])
