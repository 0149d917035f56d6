"""The HTML query page served at ``/sparql`` to browsers (everything local: no CDN)."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape

from api.queries import library
from api.settings import Settings
from kg.namespaces import ID, PREFIXES

TEMPLATES = Path(__file__).resolve().parent / "templates"
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))

DEFAULT_QUERY = """SELECT ?school ?name WHERE {
  ?school a sg:School ; rdfs:label ?name .
  FILTER(lang(?name) = "zh")
}
ORDER BY ?name
LIMIT 100"""


def prefix_block() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def render_query_page(request: Request, settings: Settings, query: str) -> str:
    canned = [{"name": q.name, "title_zh": q.title_zh, "title_en": q.title_en, "description_zh": q.description_zh,
               "description_en": q.description_en, "text": q.text}
              for q in library(settings.queries_dir).values()]
    config = {"endpoint": str(request.url_for("sparql_get").path), "idBase": str(ID), "prefixes": PREFIXES,
              "maxRows": settings.max_rows, "timeout": settings.timeout, "autorun": bool(query)}
    return _env.get_template("sparql.html").render(
        query=query or prefix_block() + "\n" + DEFAULT_QUERY, canned=canned,
        config_json=json.dumps(config, ensure_ascii=False), static=request.url_for("static", path="").path)
