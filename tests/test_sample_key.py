"""The corpus graph against the hand-written answer keys (tests/fixtures/expected/).

Builds the whole corpus once and asserts, per kind of fact and per source (table or prose),
precision and recall thresholds, plus the hard known answers of report 001 (Harbin, 2023):
the 11 Sydney Accord majors of table 2-2 exactly, and the two national high-level groups with
their members (table 2-1).
"""

from __future__ import annotations

import pytest

from tests import sample_key as ak
from tests.conftest import REPORTS

TABLE_THRESHOLD = 0.9  # tables and lists
PROSE_THRESHOLD = 0.8
HARBIN_2023 = "001_0d6d81e4e345128e"


@pytest.fixture(scope="session")
def corpus_units() -> list[ak.Unit]:
    from kg.pipeline import build_dataset

    result = build_dataset(sorted(REPORTS.glob("*.txt")))
    assert not result.bad_files, result.bad_files
    return ak.score_units(result.dataset, ak.load_keys())


def _threshold(kind: str, source: str) -> float:
    return TABLE_THRESHOLD if source == "table" or kind in ak.LIST_KINDS else PROSE_THRESHOLD


def _buckets() -> list[tuple[str, str]]:
    """(kind, source) pairs the keys hold, read without building the graph."""
    pairs = set()
    for key in ak.load_keys():
        for check in key["checks"]:
            for kind in _kinds_of(check):
                pairs.add((kind, check["source"]))
    return sorted(pairs)


def _kinds_of(check: dict) -> list[str]:
    kind, expected = check["kind"], check["expected"]
    if kind in {"school", "report"}:
        return [f"{kind}.{name}" for name in expected]
    extra = {
        "group": [("level", "group.level"), ("lead", "group.lead"), ("members", "group.members")],
        "industry_college": [("level", "industry_college.level"), ("partners", "industry_college.partners")],
        "partner": [("class", "partner.class")],
        "achievement": [("level", "achievement.level"), ("year", "achievement.year"), ("count", "achievement.count")],
        "program": [("level", "program.level"), ("country", "program.country")],
    }.get(kind, [])
    return [kind] + [sub for field, sub in extra if expected.get(field) is not None]


@pytest.mark.parametrize(("kind", "source"), _buckets(), ids=lambda v: v)
def test_precision_and_recall_per_kind(corpus_units: list[ak.Unit], kind: str, source: str) -> None:
    units = [u for u in corpus_units if u.kind == kind and u.source == source]
    got = ak.aggregate(units, lambda u: "all")["all"]
    bar = _threshold(kind, source)
    misses = [f"{u.report} {u.check}: {u.detail}" for u in units if u.fp or u.fn]
    assert got.precision >= bar and got.recall >= bar, f"{kind}/{source}: {got}\n" + "\n".join(misses)


def _unit(units: list[ak.Unit], check: str, kind: str) -> ak.Unit:
    return next(u for u in units if u.report == HARBIN_2023 and u.check == check and u.kind == kind)


def test_harbin_sydney_accord_majors_are_exactly_the_eleven_of_table_2_2(corpus_units: list[ak.Unit]) -> None:
    unit = _unit(corpus_units, "acc-sydney", "accreditation")
    assert (unit.tp, unit.fp, unit.fn) == (11, 0, 0), unit


@pytest.mark.parametrize("check", ["group-jidian", "group-dianshang"])
def test_harbin_national_groups_with_their_members(corpus_units: list[ak.Unit], check: str) -> None:
    assert _unit(corpus_units, check, "group").tp == 1
    assert _unit(corpus_units, check, "group.level").tp == 1
    assert _unit(corpus_units, check, "group.lead").tp == 1
    members = _unit(corpus_units, check, "group.members")
    assert (members.fp, members.fn) == (0, 0), members
