"""Headless Chromium on a real uvicorn: the home page and the API docs load with no request leaving the machine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_pages import WatchedPage, watched_page
from tests.conftest import REPORTS
from tests.corpus_graph import screenshot_path
from tests.fixture_graph import LiveServer

pytestmark = pytest.mark.browser
CORPUS_SCHOOLS = {"4114012888": "山西机电职业技术学院", "4123012911": "哈尔滨职业技术学院",
                  "4145012104": "柳州职业技术学院", "4153012393": "昆明工业职业技术学院"}


@pytest.fixture(scope="module")
def server(corpus_trig: Path):
    """The app over the corpus graph (data/reports), served by uvicorn on a free 127.0.0.1 port."""
    with LiveServer(corpus_trig) as live:
        yield live


@pytest.fixture
def watched(browser, server) -> Iterator[WatchedPage]:
    """A page that records every request it makes and every script error."""
    with watched_page(browser) as page:
        yield page


def _left_the_machine(urls: list[str], server) -> list[str]:
    return [u for u in urls if not u.startswith((server.url + "/", "data:", "blob:"))]


def test_home_page_shows_the_four_schools_offline(watched: WatchedPage, server) -> None:
    page = watched.page
    page.goto(server.url + "/", wait_until="networkidle")
    rows = page.locator("#schools tr[data-code]")
    assert rows.count() == 4
    codes = [rows.nth(i).get_attribute("data-code") for i in range(4)]
    assert codes == sorted(CORPUS_SCHOOLS)
    for code, name in CORPUS_SCHOOLS.items():
        assert page.locator(f'#schools tr[data-code="{code}"] a.profile').inner_text() == name
        assert int(page.locator(f'#schools tr[data-code="{code}"] td[data-kind="majors"]').inner_text()) > 0
    assert page.locator("#reports tr[data-key]").count() == len(list(REPORTS.glob("*.txt")))
    assert page.locator("#built-at").inner_text() != "—"
    shot = screenshot_path("home.png")
    page.screenshot(path=str(shot), full_page=True)
    print(f"home page screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    assert not _left_the_machine(watched.requests, server), watched.requests
    assert not watched.errors, watched.errors


def test_swagger_ui_renders_from_local_assets(watched: WatchedPage, server) -> None:
    page = watched.page
    page.goto(server.url + "/docs", wait_until="networkidle")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert page.locator(".swagger-ui .opblock").count() > 20
    assert "shuanggao-kg" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-summary-path", has_text="/api/overview").first.click()
    page.wait_for_selector(".opblock.is-open", timeout=5_000)
    requested = watched.requests
    assert any(u.endswith("/docs/assets/swagger-ui-bundle.js") for u in requested)
    assert any(u.endswith("/openapi.json") for u in requested)
    assert not _left_the_machine(requested, server), requested
    assert not watched.errors, watched.errors


def test_from_home_to_a_school_and_back(watched: WatchedPage, server) -> None:
    page = watched.page
    page.goto(server.url + "/")
    page.locator('#schools tr[data-code="4145012104"] a[href="/id/school/4145012104"]').click()
    page.wait_for_url("**/id/school/4145012104")
    assert "柳州职业技术学院" in page.locator("#label").inner_text()
    page.locator('nav a[href="/"]').first.click()
    page.wait_for_url(server.url + "/")
    assert page.locator("#schools tr[data-code]").count() == 4
    assert not _left_the_machine(watched.requests, server), watched.requests
