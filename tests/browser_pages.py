"""A Chromium page that records what it asks for and every script error: the browser tests' one way in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class WatchedPage:
    page: Any  # playwright.sync_api.Page (imported by the browser fixture only)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@contextmanager
def watched_page(browser: Any, width: int = 1280, height: int = 900) -> Iterator[WatchedPage]:
    """A page in a fresh context, recording every request URL and every uncaught script error."""
    context = browser.new_context(viewport={"width": width, "height": height})
    watched = WatchedPage(context.new_page())
    watched.page.on("pageerror", lambda exc: watched.errors.append(str(exc)))
    watched.page.on("request", lambda request: watched.requests.append(request.url))
    try:
        yield watched
    finally:
        context.close()


def painted_pixels(page: Any, selector: str) -> int:
    """Non-transparent pixels of the first canvas inside ``selector`` (0 when it has none)."""
    return page.evaluate("""(sel) => { const c = document.querySelector(sel + ' canvas'); if (!c) return 0;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""", selector)
