"""Shared test fixtures and helpers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
REFERENCE = ROOT / "data" / "reference"
# Headless Chromium as root, on a machine with no network but loopback: no background connections.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


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


@pytest.fixture(scope="session")
def corpus_trig(tmp_path_factory: pytest.TempPathFactory, corpus_files: list[Path]) -> Path:
    """The corpus graph (data/reports) as TriG, built once for every test that only reads it."""
    from kg.pipeline import build_dataset, write_trig_atomically

    return Path(write_trig_atomically(build_dataset(corpus_files).dataset, tmp_path_factory.mktemp("corpus") / "kg.trig"))


@pytest.fixture(scope="module")
def browser():
    """A headless Debian Chromium driven by Playwright (skips locally without it, fails in CI)."""
    executable = require_system("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
