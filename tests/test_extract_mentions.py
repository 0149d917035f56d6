"""Shared mention helpers (loaders.extract.mentions)."""

from loaders.extract.mentions import level_in

TIANJIN_SCHOOL = "4112012720"  # 天津电子信息职业技术学院: 天津市 is a province-level municipality
HEBEI_SCHOOL = "4113011821"  # 邢台职业技术学院: 邢台市 is a prefecture city


def test_bare_city_level_is_provincial_in_a_municipality() -> None:
    assert level_in("市级", TIANJIN_SCHOOL) == "provincial"
    assert level_in("天津市级", TIANJIN_SCHOOL) == "provincial"


def test_bare_city_level_stays_municipal_elsewhere() -> None:
    assert level_in("市级", HEBEI_SCHOOL) == "municipal"
    assert level_in("市级") == "municipal"
    assert level_in("邢台市级", TIANJIN_SCHOOL) == "municipal"
