"""Oversized requests answered as problem+json, like every other error.

Two places can refuse a request for its size:

- the app (:class:`RequestSizeLimit`, an ASGI middleware): a request target (path + query) over
  :data:`MAX_TARGET_BYTES` gets 414, header fields over :data:`MAX_HEADER_BYTES` in all get 431;
- uvicorn, before the app sees anything: its httptools parser cannot split a URL of 64 KiB or
  more and answered a plain-text "Invalid HTTP request received."; :class:`ProblemHttpToolsProtocol`
  (the protocol ``sgkg serve`` runs) sends the same problem document instead (414 when the URL was
  too long, else 400).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from api.problems import PROBLEM_JSON, problem_response

MAX_TARGET_BYTES = 65_535  # the longest URL uvicorn's httptools parser can split (16-bit offsets)
MAX_HEADER_BYTES = 65_536

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


def target_too_long(size: int) -> tuple[int, str, str]:
    return (414, "URI too long", f"the request URL is {size} bytes; this server accepts at most {MAX_TARGET_BYTES}: "
                                 f"send a long SPARQL query by POST (application/sparql-query or a form)")


def headers_too_large(size: int) -> tuple[int, str, str]:
    return (431, "Request header fields too large",
            f"the request's header fields are {size} bytes; this server accepts at most {MAX_HEADER_BYTES}")


def oversize(scope: Scope) -> tuple[int, str, str] | None:
    """(status, title, detail) when the request is too big to be read, else None."""
    target = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b""))
    if target > MAX_TARGET_BYTES:
        return target_too_long(target)
    header_bytes = sum(len(name) + len(value) + 4 for name, value in scope.get("headers", ()))
    if header_bytes > MAX_HEADER_BYTES:
        return headers_too_large(header_bytes)
    return None


class RequestSizeLimit:
    """ASGI middleware: refuse an oversized request target or header block with problem+json."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Any]],
                       send: Callable[[Any], Awaitable[None]]) -> None:
        refused = oversize(scope) if scope["type"] == "http" else None
        if refused is None:
            await self.app(scope, receive, send)
            return
        status, title, detail = refused
        response = problem_response(status, detail, title=title, instance=scope["path"][:200])
        await response(scope, receive, send)


def problem_bytes(status: int, title: str, detail: str, headers: Sequence[tuple[bytes, bytes]] = ()) -> bytes:
    """A complete HTTP/1.1 response carrying a problem document; the connection closes after it."""
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail}).encode()
    lines = [STATUS_LINE[status]] + [name + b": " + value + b"\r\n" for name, value in headers]
    lines.append(f"content-type: {PROBLEM_JSON}\r\ncontent-length: {len(body)}\r\nconnection: close\r\n\r\n".encode())
    return b"".join(lines) + body


class ProblemHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, answering requests it cannot parse with problem+json."""

    def send_400_response(self, msg: str) -> None:
        url = getattr(self, "url", b"")
        if len(url) > MAX_TARGET_BYTES:
            status, title, detail = target_too_long(len(url))
        else:
            status, title, detail = 400, "Bad request", f"{msg} (the HTTP request could not be parsed)"
        self.transport.write(problem_bytes(status, title, detail, self.server_state.default_headers))
        self.transport.close()
