"""Links between the pages of a list answer: ``next`` / ``prev`` in the body, RFC 8288 ``Link`` headers.

A list endpoint answers one page (``limit``, ``offset``, ``total``). While a request of a REST
router runs, :func:`listing` holds its URL; a :class:`api.routers.common.Page` built during that
request asks :func:`links_for_page` for the URLs of its neighbours (the same URL with another
``offset``), which are also remembered so that the router can send them as a ``Link`` header.
Outside a request (a Page built by a test or a script) there are no links.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from starlette.datastructures import URL

PATH_SAFE = "/:@!$&'()*+,;=-._~"


@dataclass
class Listing:
    """The request being answered, and the page links found while answering it."""

    url: URL
    params: list[tuple[str, str]]
    links: dict[str, str] = field(default_factory=dict)


_current: ContextVar[Listing | None] = ContextVar("sgkg_listing", default=None)


@contextmanager
def listing(url: URL, params: list[tuple[str, str]]) -> Iterator[Listing]:
    """Make ``url`` (with its decoded query ``params``) the request whose pages get links."""
    current = Listing(url, params)
    token = _current.set(current)
    try:
        yield current
    finally:
        _current.reset(token)


def url_with_offset(current: Listing, offset: int) -> str:
    """The request's URL with ``offset`` replaced; ASCII only (path and query percent-encoded)."""
    params = [(k, v) for k, v in current.params if k != "offset"] + [("offset", str(offset))]
    return str(current.url.replace(path=quote(current.url.path, safe=PATH_SAFE), query=urlencode(params)))


def neighbour_offsets(total: int, limit: int, offset: int) -> dict[str, int]:
    """Offsets of the first, previous, next and last pages (those that exist)."""
    offsets = {"first": 0}
    if offset > 0:
        offsets["prev"] = max(0, min(offset - limit, max(total - 1, 0) // limit * limit))
    if offset + limit < total:
        offsets["next"] = offset + limit
    if total > 0:
        offsets["last"] = (total - 1) // limit * limit
    return offsets


def links_for_page(total: int, limit: int, offset: int) -> dict[str, str]:
    """URLs of the neighbouring pages of the current request's page (empty outside a request)."""
    current = _current.get()
    if current is None or limit <= 0:
        return {}
    links = {rel: url_with_offset(current, value) for rel, value in neighbour_offsets(total, limit, offset).items()}
    current.links = links
    return links


def link_header(links: dict[str, str]) -> str:
    """``<url>; rel="next", …`` (RFC 8288)."""
    return ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
