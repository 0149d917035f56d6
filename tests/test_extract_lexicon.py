"""General-knowledge lexicons: catalogue linking, schemes, levels, provinces, metric triggers."""

from __future__ import annotations

import pytest

from loaders import refdata
from loaders.extract.lexicon import (
    level_iri,
    level_of,
    link_major,
    major_gazetteer,
    metric_topics,
    metric_triggers,
    province_gazetteer,
    read_lexicon,
    scheme_of,
)


@pytest.mark.parametrize(("printed", "code", "match"), [
    ("电子商务", "530701", "exact"),
    ("机电一体化技术专业", "460301", "exact"),
    ("机械制造与自动化", "460104", "renamed"),
    ("物流管理", "530802", "renamed"),
    ("会计", "530302", "renamed"),
    ("道路桥梁工程技术", "500201", "renamed"),
    ("大数据会计", "530302", "variant"),
    ("材料成形与控制技术", "460107", "variant"),  # one character off 材料成型及控制技术, and 与 for 及
    ("物联网应用技木", "510102", "variant"),  # a typo
    ("铸造技术", "460108", "renamed"),
    ("康养介护", None, "unmatched"),
    ("电子商贸", None, "unmatched"),  # one character off, but too short to tell a typo from another name
])
def test_link_major(printed: str, code: str | None, match: str) -> None:
    link = link_major(printed)
    assert (link.code, link.match) == (code, match)


def test_renamings_point_to_existing_catalogue_entries_and_are_not_current_names() -> None:
    majors = refdata.catalogue_majors()
    current = {e.name for e in majors.values()}
    for row in read_lexicon("major_renamings_2015_2021"):
        assert majors[row["catalogue_code"]].name == row["catalogue_name"]
        assert row["printed_name"] not in current


def test_major_gazetteer_prefers_longest_name() -> None:
    found = [m.surface for m in major_gazetteer().find("建设机电一体化技术和电子商务2个专业群")]
    assert found == ["机电一体化技术", "电子商务"]


@pytest.mark.parametrize(("text", "key"), [
    ("悉尼认证", "sydney-accord"), ("悉尼协议", "sydney-accord"), ("英国 CEBVEC 专业教学标准认证", "cebvec"),
    ("CEBVEC 项目", "cebvec"), ("英国 UK NARIC 国际资历认证", "uk-naric"),
    ("中德AHK机电一体化师标准", "ahk"),
])
def test_schemes(text: str, key: str) -> None:
    assert scheme_of(text).key == key


def test_no_scheme_in_plain_text() -> None:
    assert scheme_of("专业教学标准") is None


def test_levels_and_provinces() -> None:
    assert level_of("获省级一等奖") == "provincial"
    assert level_of("国家级教学成果奖") == "national"
    assert str(level_iri("national").iri).endswith("/id/level/national")
    with pytest.raises(ValueError):
        level_iri("galactic")
    assert [m.value for m in province_gazetteer().find("位于黑龙江哈尔滨")] == ["黑龙江省"]


def test_metric_triggers_compile_with_known_units() -> None:
    triggers = metric_triggers()
    assert {t.unit for t in triggers} <= {"%", "分", "万元", "元", "人", "项", "人日", "个"}
    bare = {t.key for t in triggers if t.key.startswith("@")}
    assert bare and bare <= set(metric_topics()), "every bare trigger needs topic words"
    assert any(t.key == "task-completion-rate" and t.pattern.search("任务完成率98.33%") for t in triggers)
