"""A small report for the coverage tests: one sentence that states a fact, one that states none."""

from __future__ import annotations

from pathlib import Path

COVERED_SENTENCE = "学校与广西柳工机械股份有限公司共建实训基地。"  # a partnership: the recognisers read it
UNCOVERED_SENTENCE = "春风拂面，校园景色宜人。"  # no organisation, figure, level or scheme: nothing to read
SECTION = "校企合作"
TABLE_SECTION = "其他情况"
SAMPLE_NAME = "sample_report.txt"
SAMPLE_REPORT = f"""柳州职业技术学院 “双高计划”中期自评报告

2022年5月

一、{SECTION}

{COVERED_SENTENCE}{UNCOVERED_SENTENCE}

二、{TABLE_SECTION}

表 1 校园绿化统计表

区域\t树木\t占比
东区\t120\t58.5%
西区\t85\t41.5%

秋天到了，树叶变黄了。
"""


def write_sample(directory: Path) -> Path:
    path = directory / SAMPLE_NAME
    path.write_text(SAMPLE_REPORT, encoding="utf-8")
    return path
