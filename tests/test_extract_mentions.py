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


def test_a_name_runs_through_dengji() -> None:
    """等 ends a list (A、B等单位), but 等级 is part of a name (…技能等级认证体系, …职业技能等级证书)."""
    from loaders.extract.mentions import name_start

    text = "形成智能制造核心工种技能等级认证体系"
    assert text[name_start(text, text.index("认证")):] == text
    listed = "联合上海电机学院等单位"
    assert listed[name_start(listed, listed.index("单位")):] == "单位"
