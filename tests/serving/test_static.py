"""Built assets are served precompressed and cached for good; the page that names them is not."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from tests.helpers import client_at

pytestmark = pytest.mark.django_db

ASSETS = settings.FRONTEND_DIST / "assets"


def _largest_script() -> str:
    scripts = sorted(ASSETS.glob("*.js"), key=lambda p: p.stat().st_size)
    assert scripts, "the frontend is built before pytest runs (dev.py test builds it)"
    return scripts[-1].name


@pytest.mark.parametrize(("accept", "encoding"), [("br, gzip", "br"), ("gzip", "gzip")])
def test_a_hashed_script_is_sent_compressed_and_cached_for_good(cast, accept, encoding):
    name = _largest_script()
    response = client_at(cast.a.host).get(f"/static/assets/{name}", HTTP_ACCEPT_ENCODING=accept)
    assert response.status_code == 200
    assert response["Content-Encoding"] == encoding
    body = b"".join(response.streaming_content)
    assert len(body) < (ASSETS / name).stat().st_size / 2
    cache = response["Cache-Control"]
    assert "immutable" in cache
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= 365 * 24 * 3600


def test_the_app_page_is_revalidated_so_a_new_build_reaches_users_at_once(cast):
    response = client_at(cast.a.host).get("/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache"
