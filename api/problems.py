"""RFC 9457 problem details (application/problem+json): the only shape an error takes.

Every error a client sees goes through :func:`problem_response`; no stack trace or exception
text from unexpected failures ever reaches a client. A browser that asks for a page first
(``Accept: text/html``) gets the same problem as a small page (:func:`for_client`).
"""

from __future__ import annotations

import html
import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("sgkg.api")

_TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
           406: "Not acceptable", 413: "Query too large", 415: "Unsupported media type", 422: "Bad request",
           500: "Internal error", 503: "Service unavailable"}


class Problem(Exception):
    """Raise anywhere in a request to answer with a problem document."""

    def __init__(self, status: int, detail: str, *, title: str | None = None,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or _TITLES.get(status, "Error")
        self.headers = headers or {}
        self.extra = extra


def problem_response(status: int, detail: str, *, title: str | None = None, instance: str | None = None,
                     headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title or _TITLES.get(status, "Error"),
                            "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def for_client(request: Request, response: JSONResponse) -> Response:
    """The problem as JSON, or — for a browser that asks for a page — the same problem as a small page
    (title, detail, the parameters at fault and the suggested or candidate links), with the same status."""
    accept = request.headers.get("accept", "")
    if "text/html" not in accept.split(",")[0]:
        return response
    body = json.loads(response.body)
    links = [f'<li><a href="{html.escape(c.get("href", ""))}">{html.escape(c.get("name", ""))}</a> {html.escape(c.get("code", ""))}</li>'
             for c in [*body.get("suggestions", []), *body.get("candidates", [])] if isinstance(c, dict)]
    params = [f'<li><code>{html.escape(str(p.get("name", "")))}</code>: {html.escape(str(p.get("reason", "")))}</li>'
              for p in body.get("invalid_params", []) if isinstance(p, dict)]
    page = (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{body["status"]} {html.escape(body["title"])}'
            f' · sgkg</title></head><body style="font:15px/1.5 sans-serif;max-width:900px;margin:24px auto">'
            f'<nav><a href="/">sgkg</a></nav><h1>{body["status"]} · {html.escape(body["title"])}</h1>'
            f'<p>{html.escape(body["detail"])}</p>'
            + (f"<ul>{''.join(params)}</ul>" if params else "")
            + (f"<p>也许是 · perhaps:</p><ul>{''.join(links)}</ul>" if links else "")
            + f'<p><small>JSON: <code>{html.escape(PROBLEM_JSON)}</code> · {html.escape(body.get("instance", ""))}</small></p>'
            "</body></html>")
    headers = {k: v for k, v in response.headers.items() if k.lower() not in {"content-type", "content-length"}}
    return HTMLResponse(page, status_code=response.status_code, headers=headers)


async def _on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return for_client(request, problem_response(exc.status, exc.detail, title=exc.title, instance=request.url.path,
                                                headers=exc.headers, **exc.extra))


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "Error")
    return for_client(request, problem_response(exc.status_code, detail, instance=request.url.path,
                                                headers=dict(exc.headers or {})))


async def _on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
    where = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors)
    return for_client(request, problem_response(400, f"invalid request parameters: {where}",
                                                instance=request.url.path, errors=errors))


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem_response(500, "the server failed to answer this request; the error has been logged",
                            instance=request.url.path)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(Exception, _on_unexpected)
