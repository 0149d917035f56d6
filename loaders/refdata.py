"""Readers for the public reference lists in ``data/reference/`` (general knowledge, not facts
about any one report). Cached: each file is read once per process."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parents[1] / "data" / "reference"
# A major's code as the 2021 catalogue prints it: 6 digits, then a letter for some majors
# (K = 国家控制专业, a national-control major: 570102K 学前教育). The letter is part of the code.
MAJOR_CODE = re.compile(r"[0-9]{6}[A-Z]?")
NATIONAL_CONTROL_SUFFIX = "K"


@dataclass(frozen=True, slots=True)
class SchoolRecord:
    name: str
    code: str  # 10-digit MOE 学校标识码
    authority: str
    province: str
    city: str
    level: str  # 本科 / 专科


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    code: str  # major code as printed (6 digits + optional letter, see MAJOR_CODE), 4-digit class or 2-digit category
    name: str
    level: str  # "major" | "class" | "category"
    parent: str | None  # code of the class (for majors) or category (for classes)
    added_after_2021: bool = False

    @property
    def national_control(self) -> bool:
        """A national-control major (国家控制专业): its code ends in K."""
        return self.level == "major" and self.code.endswith(NATIONAL_CONTROL_SUFFIX)


@dataclass(frozen=True, slots=True)
class ShuanggaoUnit:
    unit_id: str
    school_name: str
    school_code: str | None
    unit_type: str  # 高水平学校建设单位 / 高水平专业群建设单位
    tier: str  # A / B / C
    lead_majors: tuple[str, ...]
    province: str
    independent_check: str


def _rows(name: str, directory: Path | None = None) -> list[dict[str, str]]:
    path = (directory or REFERENCE_DIR) / name
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def schools() -> tuple[SchoolRecord, ...]:
    """The MOE 2017 list of 2,631 institutions."""
    return tuple(
        SchoolRecord(r["school_name"].strip(), r["school_code"].strip(), r["authority"].strip(),
                     r["province"].strip(), r["location"].strip(), r["level"].strip())
        for r in _rows("moe_higher_education_institutions_2017.csv")
    )


@cache
def schools_by_code() -> dict[str, SchoolRecord]:
    return {s.code: s for s in schools()}


@cache
def catalogue() -> tuple[CatalogEntry, ...]:
    """The 2021 catalogue (19 categories, 97 classes, 744 majors) plus the partial later additions."""
    entries = [
        CatalogEntry(r["code"], r["name"], r["level"], r["parent_code"] or None)
        for r in _rows("gaozhi_zhuanke_categories_classes_2021.csv")
    ]
    entries += [
        CatalogEntry(_major_code(r["major_code"]), r["major_name"], "major", r["class_code"])
        for r in _rows("gaozhi_zhuanke_majors_2021.csv")
    ]
    entries += [
        CatalogEntry(_major_code(r["major_code"]), r["major_name"], "major", r["class_code"], added_after_2021=True)
        for r in _rows("gaozhi_zhuanke_majors_added_after_2021_PARTIAL.csv")
    ]
    return tuple(entries)


def _major_code(code: str) -> str:
    if not MAJOR_CODE.fullmatch(code):
        raise ValueError(f"catalogue major code {code!r} is not 6 digits plus an optional letter")
    return code


@cache
def catalogue_majors() -> dict[str, CatalogEntry]:
    """Major code as the catalogue prints it (460104, 570102K) -> major (2021 base catalogue and partial additions)."""
    return {e.code: e for e in catalogue() if e.level == "major"}


@cache
def _codes_by_digits() -> dict[str, str]:
    return {code[:6]: code for code in catalogue_majors()}


def catalogue_code(printed: str) -> str | None:
    """The catalogue's own code for a major code as a report prints it, None when it is no catalogue major.

    Width, spaces and letter case are ignored, and a code printed without its letter is the
    catalogue's code with it: "570102K", "５７０１０２ｋ" and "570102" all give "570102K".
    """
    code = re.sub(r"\s+", "", unicodedata.normalize("NFKC", printed)).upper()
    if not MAJOR_CODE.fullmatch(code):
        return None
    if code in catalogue_majors():
        return code
    return _codes_by_digits().get(code) if len(code) == 6 else None


@cache
def shuanggao_units() -> tuple[ShuanggaoUnit, ...]:
    """The 2019 双高 list (UNVERIFIED third-party copy; keep it flagged as such)."""
    return tuple(
        ShuanggaoUnit(
            r["unit_id"], r["school_name_in_source"], r["school_code_moe"] or None, r["unit_type"], r["tier"],
            tuple(m for m in (r["group1_lead_major"], r["group2_lead_major"]) if m),
            r["province"], r["independent_check"],
        )
        for r in _rows("shuanggao_2019_units_UNVERIFIED.csv")
    )


@cache
def one_plus_x_certificates() -> tuple[tuple[str, str], ...]:
    """(certificate name, training-evaluation organisation) of 1+X batches 1-2 (PARTIAL)."""
    return tuple((r["certificate_name"], r["training_evaluation_organisation"])
                 for r in _rows("one_plus_x_certificates_batch1_2_PARTIAL.csv"))
