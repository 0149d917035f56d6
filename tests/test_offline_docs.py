"""``/docs`` works with no network: Swagger UI's assets and licence are served by the app itself."""

from __future__ import annotations

import re

import pytest

from tests.fixture_graph import fixture_client


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with fixture_client(tmp_path_factory.mktemp("docs")) as c:
        yield c


def test_docs_page_loads_only_local_assets(client) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", response.text) + re.findall(r"url: '([^']+)'", response.text)
    assert urls, response.text
    assert all(u.startswith("/") for u in urls), f"a docs asset is not served by the app: {urls}"
    assert "cdn" not in response.text.lower()
    assert '"validatorUrl": null' in response.text


@pytest.mark.parametrize("asset, media", [("swagger-ui-bundle.js", "javascript"), ("swagger-ui.css", "text/css"),
                                          ("favicon-32x32.png", "image/png")])
def test_each_swagger_ui_asset_is_served(client, asset: str, media: str) -> None:
    response = client.get(f"/docs/assets/{asset}")
    assert response.status_code == 200
    assert media in response.headers["content-type"]
    assert len(response.content) > 500


def test_swagger_ui_licence_is_shipped_and_served(client) -> None:
    response = client.get("/docs/LICENSE")
    assert response.status_code == 200
    assert "Apache License" in response.text
    assert 'href="/docs/LICENSE"' in client.get("/docs").text


def test_no_cdn_docs_route_is_left(client) -> None:
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["paths"]
