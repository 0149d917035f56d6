"""One number grammar for every recogniser: amounts, counts, percentages, years and periods.

API (all pure functions; ``None`` when the text is not a number of that kind):

- :func:`parse_decimal` — ``"74,610"`` → 74610, ``"4816.69"``, ``"1.2亿"`` → 120000000, ``"三"`` → 3,
  ``"十一"`` → 11 (Chinese numerals via cn2an), ``"１２"`` (full-width) → 12.
- :func:`parse_count` — an integer count: ``"11"``, ``"十一"``, ``"两"``; not ``"1.5"``.
- :func:`parse_percent` — ``"98.33%"`` / ``"98.33％"`` / ``"百分之九十"`` → Decimal("98.33") / 90.
- :func:`parse_amount` — a money amount converted to ``unit`` (default 万元):
  ``"1.2亿元"`` → 12000, ``"74,610万元"`` → 74610, ``"500元"`` → 0.05, a bare ``"3,000"`` → 3000.
- :func:`parse_year` / :func:`parse_period` — ``"2021年"`` → 2021; ``"2019-2021"``, ``"2019—2021年"``,
  ``"2019 年-2021 年"``, ``"2019--2021"`` → (2019, 2021) and :func:`period_label` → ``"2019-2021"``.
- :func:`find_quantities` — every number-with-unit in a text (``"完成1117项"``, ``"98.33%"``,
  ``"19800 万元"``, ``"十一个专业"``) as :class:`Quantity` with offsets into that text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = rf"[零〇一二两三四五六七八九十][{CN_DIGITS}]*"
_ARABIC_WITH_MAGNITUDE = re.compile(rf"^({_ARABIC})\s*([万亿]?)$")
_MAGNITUDES = {"": Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}

# Volume units (人日 person-days) as a factor to the base unit.

# Money units, as a factor to 万元.
_MONEY_UNITS: dict[str, Decimal] = {
    "亿元": Decimal(10_000), "亿": Decimal(10_000), "万元": Decimal(1), "万": Decimal(1),
    "千元": Decimal("0.1"), "元": Decimal("0.0001"),
}

_DASH = r"\s*(?:[-－—–~～至到]+|-{2})\s*"
_YEAR = r"(?:19|20)\d{2}"
_PERIOD = re.compile(rf"({_YEAR})\s*年?{_DASH}({_YEAR})\s*年?")
_SINGLE_YEAR = re.compile(rf"({_YEAR})\s*年?")

# Units a stated figure may carry, longest first so that 万元 wins over 万 and 人次 over 人.
UNITS: tuple[str, ...] = (
    "个百分点", "亿元", "万元", "千元", "万人次", "万人日", "人次", "人日", "课时", "学时", "%", "％", "元", "项", "人", "个",
    "分", "家", "所", "门", "本", "部", "件", "套", "名", "篇", "册", "次", "期", "天", "小时", "平方米",
    "万", "亿", "台", "种", "批", "支", "年",
)
# a measure word that begins a longer word is no unit: 二十六部委 (ministries), 三部门
_NOT_A_UNIT_AFTER = {"部": "(?![委门署长分])"}
_UNIT_ALT = "|".join(re.escape(u) + _NOT_A_UNIT_AFTER.get(u, "") for u in UNITS)
_QUANTITY = re.compile(
    rf"(?P<num>{_ARABIC}|{_CHINESE})\s*(?P<approx>余|多)?\s*(?P<unit>{_UNIT_ALT})?"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a text: ``text[start:end]`` is what was matched."""

    start: int
    end: int
    value: Decimal
    unit: str  # "" when none printed; "%" for ％ too
    approximate: bool  # printed with 余 / 多 ("170 余人次")


def tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without scientific notation: 74610.0 → 74610, 0.0500 → 0.05."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def parse_decimal(text: str) -> Decimal | None:
    """A plain number: Arabic (thousands commas, decimals, 万/亿 suffix) or Chinese numerals."""
    text = _fold(text).replace(" ", "")
    if not text:
        return None
    m = _ARABIC_WITH_MAGNITUDE.match(text)
    if m:
        try:
            return tidy(Decimal(m.group(1).replace(",", "")) * _MAGNITUDES[m.group(2)])
        except InvalidOperation:
            return None
    if all(ch in CN_DIGITS for ch in text) or re.fullmatch(rf"\d+(?:\.\d+)?[{CN_DIGITS}]+", text):
        try:
            return tidy(Decimal(str(cn2an.cn2an(text, "smart"))))
        except (ValueError, KeyError, InvalidOperation):
            return None
    return None


def parse_count(text: str) -> int | None:
    """An integer count (``"11"``, ``"十一"``, ``"11个"``-style units are not stripped here)."""
    value = parse_decimal(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def parse_percent(text: str) -> Decimal | None:
    """A percentage as its number of percent: ``"93.60%"`` → Decimal("93.60")."""
    text = _fold(text).replace(" ", "")
    if text.startswith("百分之"):
        return parse_decimal(text[3:])
    if text.endswith("%"):
        return parse_decimal(text[:-1])
    return None


def parse_amount(text: str, unit: str = "万元") -> Decimal | None:
    """A money amount converted to ``unit`` (万元 or 元). A bare number is taken as already in ``unit``."""
    text = _fold(text).replace(" ", "").rstrip("。，,；;")
    factor = Decimal(1)
    for suffix, to_wan in _MONEY_UNITS.items():
        if text.endswith(suffix):
            text, factor = text[: -len(suffix)], to_wan
            break
    value = parse_decimal(text)
    if value is None:
        return None
    value *= factor
    if unit == "元":
        value *= Decimal(10_000)
    elif unit != "万元":
        raise ValueError(f"unsupported money unit {unit!r}")
    return tidy(value)


def money_in_wan(value: Decimal, unit: str) -> Decimal | None:
    """A :class:`Quantity` value printed in a money ``unit`` (万元, 亿元, 元 …) converted to 万元."""
    factor = _MONEY_UNITS.get(unit)
    return None if factor is None else tidy(value * factor)


def parse_year(text: str) -> int | None:
    """A four-digit year (1900–2099), with or without 年."""
    m = _SINGLE_YEAR.fullmatch(_fold(text))
    return int(m.group(1)) if m else None


def parse_period(text: str) -> tuple[int, int] | None:
    """A year range anywhere in ``text``: the first ``YYYY[年] - YYYY[年]`` (any dash), ordered."""
    m = _PERIOD.search(_fold(text))
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if start <= end else None


def find_period(text: str) -> tuple[int, int, tuple[int, int]] | None:
    """Like :func:`parse_period` but also returns the match offsets (in the un-folded ``text``)."""
    m = _PERIOD.search(text)
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (m.start(), m.end(), (start, end)) if start <= end else None


def period_label(period: tuple[int, int] | int) -> str:
    """``(2019, 2021)`` → ``"2019-2021"``; a single year → ``"2021"``."""
    if isinstance(period, int):
        return str(period)
    start, end = period
    return str(start) if start == end else f"{start}-{end}"


def find_quantities(text: str) -> Iterator[Quantity]:
    """Every number in ``text`` with the unit printed right after it (offsets index ``text``).

    Years inside a period (``2019-2021``) are numbers too; callers that want figures skip
    quantities whose unit is ``年`` or that sit inside a :func:`find_period` match.
    """
    for m in _QUANTITY.finditer(text):
        number = m.group("num")
        value = parse_decimal(number)
        if value is None:
            continue
        unit = m.group("unit") or ""
        if unit == "％":
            unit = "%"
        end = m.end() if unit or m.group("approx") else m.end("num")
        yield Quantity(m.start(), end, value, unit, bool(m.group("approx")))
