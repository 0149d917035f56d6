"""The shared number grammar: amounts, counts, percentages, years, periods, quantities in text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.extract.numbers import (
    find_period,
    find_quantities,
    money_in_wan,
    parse_amount,
    parse_count,
    parse_decimal,
    parse_percent,
    parse_period,
    parse_year,
    period_label,
)


@pytest.mark.parametrize(("text", "value"), [
    ("74,610", Decimal(74610)), ("4816.69", Decimal("4816.69")), ("1.2亿", Decimal(120_000_000)),
    ("三", Decimal(3)), ("十一", Decimal(11)), ("１２", Decimal(12)), ("46,705.5", Decimal("46705.5")),
])
def test_parse_decimal(text: str, value: Decimal) -> None:
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["", "技术", "abc", "12a"])
def test_parse_decimal_rejects_non_numbers(text: str) -> None:
    assert parse_decimal(text) is None


def test_counts_are_integers() -> None:
    assert parse_count("两") == 2
    assert parse_count("十一") == 11
    assert parse_count("1.5") is None


def test_percentages() -> None:
    assert parse_percent("98.33%") == Decimal("98.33")
    assert parse_percent("100％") == Decimal(100)
    assert parse_percent("百分之九十") == Decimal(90)
    assert parse_percent("98.33") is None


def test_amounts_convert_to_wan_yuan() -> None:
    assert parse_amount("1.2亿元") == Decimal(12000)
    assert parse_amount("74,610万元") == Decimal(74610)
    assert parse_amount("500元") == Decimal("0.05")
    assert parse_amount("3,000") == Decimal(3000)
    assert parse_amount("2万元", unit="元") == Decimal(20000)
    assert str(parse_amount("74,610")) == "74610"  # no scientific notation
    assert money_in_wan(Decimal("1.5"), "亿元") == Decimal(15000)
    assert money_in_wan(Decimal(3), "项") is None


@pytest.mark.parametrize("text", ["2019-2021", "2019—2021年", "2019 年-2021 年", "2019--2021", "2019～2021"])
def test_periods(text: str) -> None:
    assert parse_period(text) == (2019, 2021)


def test_years_and_labels() -> None:
    assert parse_year("2021年") == 2021
    assert parse_year("21年") is None
    assert parse_period("2021-2019") is None
    assert period_label((2019, 2021)) == "2019-2021"
    assert period_label((2023, 2023)) == "2023"
    text = "建设期 2019—2021年 完成"
    start, end, period = find_period(text)
    assert period == (2019, 2021) and text[start:end].startswith("2019")


def test_find_quantities_reads_units_and_offsets() -> None:
    text = "完成1117项，任务完成率98.33%，总预算 19800 万元，共十一个专业，170 余人次，1.2亿元"
    found = list(find_quantities(text))
    assert [(q.value, q.unit) for q in found] == [
        (Decimal(1117), "项"), (Decimal("98.33"), "%"), (Decimal(19800), "万元"), (Decimal(11), "个"),
        (Decimal(170), "人次"), (Decimal("1.2"), "亿元"),
    ]
    assert text[found[0].start:found[0].end] == "1117项"
    assert found[4].approximate and not found[0].approximate


def test_person_day_volumes() -> None:
    found = [(q.value, q.unit) for q in find_quantities("培训量 12.3 万人日，培训5560人日，170 余人次")]
    assert found == [(Decimal("12.3"), "万人日"), (Decimal(5560), "人日"), (Decimal(170), "人次")]


def test_a_measure_word_that_begins_a_word_is_no_unit() -> None:
    """二十六部委 is "twenty-six ministries", not 26 部 of something; 3部 教材 is 3 books."""
    from loaders.extract.numbers import find_quantities

    assert [(q.value, q.unit) for q in find_quantities("出版教材3部")] == [(Decimal(3), "部")]
    assert all(q.unit != "部" for q in find_quantities("师生获二十六部委国赛奖项"))
    assert all(q.unit != "部" for q in find_quantities("联合五部门印发"))
