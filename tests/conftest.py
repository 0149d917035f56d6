"""Shared test fixtures and helpers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
REFERENCE = ROOT / "data" / "reference"


def require_system(binary: str, package: str) -> str:
    """Path of a system binary a test needs; skip with install advice when it is missing.

    CI sets SGKG_REQUIRE_SYSTEM_DEPS=1, which turns the skip into a failure so that CI always
    runs these tests.
    """
    path = shutil.which(binary)
    if path:
        return path
    message = f"{binary} not found: install the Debian package {package} (`make system-deps`)"
    if os.environ.get("SGKG_REQUIRE_SYSTEM_DEPS") == "1":
        pytest.fail(message + " — SGKG_REQUIRE_SYSTEM_DEPS=1 forbids skipping")
    pytest.skip(message)


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    return sorted(REPORTS.glob("*.txt"))
