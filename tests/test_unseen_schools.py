"""Reports of schools outside the corpus: the recognisers must not only work for the four corpus reports.

tests/fixtures/unseen/ holds synthetic reports of 双高 schools that are not in data/reports
(常州机电职业技术学院 mid-term self-evaluation, 湖南工业职业技术学院 annual quality report, and 成都航空职业技术学院
mid-term, written after the first fixes as a held-out check; 无锡职业技术学院 annual report and 陕西工业职业技术学院
mid-term, written later by people who had not read the rules, the second in a markdown conversion's layout;
天津电子信息职业技术学院 annual report and 邢台职业技术学院 mid-term, a second such round),
in the corpus' style but with other wording, majors, enterprises and table layouts (tab-, space- and
pipe-separated, cells wrapped over lines), and their answer keys
(tests/fixtures/unseen/expected/, same schema as tests/fixtures/expected/). Same thresholds as the
corpus test, plus known answers: the school and its MOE code, the 悉尼协议 majors, a group's members.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import sample_key as ak

UNSEEN = Path(__file__).resolve().parent / "fixtures" / "unseen"
KEYS = UNSEEN / "expected"
TABLE_THRESHOLD = 0.9  # tables and lists
PROSE_THRESHOLD = 0.8
CHANGZHOU = "u01_changzhou_jidian_midterm"
HUNAN = "u02_hunan_gongye_annual"
CHENGDU = "u03_chengdu_hangkong_midterm"


@pytest.fixture(scope="module")
def units() -> list[ak.Unit]:
    from kg.pipeline import build_dataset

    result = build_dataset(sorted(UNSEEN.glob("*.txt")))
    assert not result.bad_files, result.bad_files
    return ak.score_units(result.dataset, ak.load_keys(KEYS))


def _threshold(kind: str, source: str) -> float:
    return TABLE_THRESHOLD if source == "table" or kind in ak.LIST_KINDS else PROSE_THRESHOLD


def test_every_key_is_scored(units: list[ak.Unit]) -> None:
    keyed = {(k["report"].removesuffix(".txt"), c["id"]) for k in ak.load_keys(KEYS) for c in k["checks"]}
    scored = {(u.report, u.check) for u in units}
    assert keyed <= scored, sorted(keyed - scored)


def test_precision_and_recall_per_kind_and_source(units: list[ak.Unit]) -> None:
    failing = []
    for (kind, source), got in sorted(ak.aggregate(units, lambda u: (u.kind, u.source)).items()):
        bar = _threshold(kind, source)
        if got.precision < bar or got.recall < bar:
            misses = [f"  {u.report} {u.check}: {u.detail}" for u in units
                      if (u.kind, u.source) == (kind, source) and (u.fp or u.fn)]
            failing.append(f"{kind}/{source} {got} < {bar}\n" + "\n".join(misses))
    assert not failing, "\n".join(failing)


def _unit(units: list[ak.Unit], report: str, check: str, kind: str) -> ak.Unit:
    return next(u for u in units if u.report == report and u.check == check and u.kind == kind)


@pytest.mark.parametrize("report", [CHANGZHOU, HUNAN, CHENGDU])
@pytest.mark.parametrize("field", ["name", "code", "province", "city", "shuanggao_tier"])
def test_school_identified_with_its_moe_code(units: list[ak.Unit], report: str, field: str) -> None:
    unit = _unit(units, report, "school", f"school.{field}")
    assert (unit.tp, unit.fp, unit.fn) == (1, 0, 0), unit
    assert _unit(units, report, "report", "report.school_code").tp == 1


@pytest.mark.parametrize(("report", "count"), [(CHANGZHOU, 5), (HUNAN, 4), (CHENGDU, 2)])
def test_sydney_accord_majors_exactly(units: list[ak.Unit], report: str, count: int) -> None:
    unit = _unit(units, report, "acc-sydney", "accreditation")
    assert (unit.tp, unit.fp, unit.fn) == (count, 0, 0), unit


@pytest.mark.parametrize(("report", "check"), [
    (CHANGZHOU, "group-mould"), (HUNAN, "group-nc"), (HUNAN, "group-auto"),
    (CHENGDU, "group-fxq"),  # "专业群以X专业为核心，包括A、B…专业"
])
def test_group_lead_level_and_members_exactly(units: list[ak.Unit], report: str, check: str) -> None:
    for kind in ("group", "group.level", "group.lead"):
        assert _unit(units, report, check, kind).tp == 1, (check, kind)
    members = _unit(units, report, check, "group.members")
    assert (members.fp, members.fn) == (0, 0), members


def test_group_funding_table_is_scoped_to_the_group_in_its_caption(units: list[ak.Unit]) -> None:
    amounts = [u for u in units if u.report == HUNAN and u.check == "fund-group-total"]
    assert amounts and all(u.tp == 1 for u in amounts), amounts
