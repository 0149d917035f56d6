"""``/docs``: Swagger UI served from this machine, never from a CDN.

The assets come from the PyPI package ``swagger-ui-bundle-v2`` (Swagger UI's own ``dist`` files,
Apache-2.0), installed with the project; they are mounted at ``/docs/assets`` and the package's
licence is served at ``/docs/LICENSE``. FastAPI's default docs routes (which load Swagger UI and
ReDoc from a CDN) are switched off in :func:`api.app.create_app`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles

from api.problems import Problem

SWAGGER_DISTRIBUTION = "swagger-ui-bundle-v2"
DOCS_PATH = "/docs"
ASSETS_PATH = "/docs/assets"
LICENSE_PATH = "/docs/LICENSE"


def swagger_ui_dir() -> Path:
    """The folder of Swagger UI's dist files inside the installed package."""
    import swagger_ui_bundle

    return Path(swagger_ui_bundle.swagger_ui_path)


@lru_cache(maxsize=1)
def swagger_ui_license() -> str:
    """The licence text shipped in the package's metadata (Apache-2.0)."""
    try:
        files = distribution(SWAGGER_DISTRIBUTION).files or []
    except PackageNotFoundError:
        raise Problem(404, f"the {SWAGGER_DISTRIBUTION} package is not installed") from None
    for file in files:
        if file.name.upper().startswith(("LICENSE", "LICENCE")):
            return file.read_text(encoding="utf-8")
    raise Problem(404, f"the {SWAGGER_DISTRIBUTION} package ships no licence file")


def docs_page(openapi_url: str, title: str) -> HTMLResponse:
    """Swagger UI over ``openapi_url`` with every asset local, and a footer naming its licence."""
    page = get_swagger_ui_html(openapi_url=openapi_url, title=f"{title} · API",
                               swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
                               swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
                               swagger_favicon_url=f"{ASSETS_PATH}/favicon-32x32.png",
                               swagger_ui_parameters={"validatorUrl": None})  # no badge from a web validator
    footer = (f'<p style="font:13px sans-serif;margin:16px 20px"><a href="/">首页 · home</a> · '
              f'Swagger UI (Apache-2.0, <a href="{LICENSE_PATH}">licence</a>), served locally</p>')
    html = bytes(page.body).decode("utf-8").replace("</body>", footer + "</body>")
    return HTMLResponse(html)


def install_offline_docs(app: FastAPI) -> None:
    """Serve ``/docs``, its assets and licence; the app must be created with ``docs_url=None``."""
    app.mount(ASSETS_PATH, StaticFiles(directory=swagger_ui_dir()), name="swagger-ui")

    @app.get(DOCS_PATH, include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return docs_page(app.openapi_url or "/openapi.json", app.title)

    @app.get(LICENSE_PATH, include_in_schema=False)
    def swagger_ui_licence() -> PlainTextResponse:
        return PlainTextResponse(swagger_ui_license())
