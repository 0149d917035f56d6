"""The corpus graph (data/reports) written once per test module, for tests that need real schools."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT

LIUZHOU = "4145012104"  # 柳州职业技术学院: groups, industry colleges with co-builders, achievements
HARBIN = "4123012911"  # 哈尔滨职业技术学院
SCREENSHOTS = ROOT / "build" / "screenshots"  # gitignored (build/)


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name
