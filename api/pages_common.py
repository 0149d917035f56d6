"""Rendering the HTML pages of school profiles and comparisons (Jinja templates in api/templates/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).resolve().parent / "templates"
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True,
                   lstrip_blocks=True)


def script_json(value: Any) -> str:
    """JSON safe to inline in a <script type="application/json"> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def render_page(request: Request, template: str, *, data: Any, **context: Any) -> str:
    static = request.url_for("static", path="").path
    return _env.get_template(template).render(static=static, data_json=script_json(data), **context)
