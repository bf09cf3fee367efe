"""Built assets are served precompressed and cached for good; the page that names them is not."""

from __future__ import annotations

import os
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


def test_a_new_handler_reuses_the_files_found_and_a_new_build_is_found(tmp_path, settings):
    """Each handler (each test client, each gunicorn worker) builds the middleware; the built
    files are read once per build, and a file a new build adds is served at once."""
    from config.static import WhiteNoiseMiddleware

    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "assets" / "app-AbCdEf12.js").write_text("console.log(1)")
    settings.STATICFILES_DIRS = [dist]

    first = WhiteNoiseMiddleware(lambda request: None)
    second = WhiteNoiseMiddleware(lambda request: None)
    url = "/static/assets/app-AbCdEf12.js"
    assert first.files[url] is second.files[url]  # the same object: not read a second time

    (dist / "assets" / "app-ZyXwVu98.js").write_text("console.log(2)")  # a new build's file
    # a later build (file times are coarse: two writes in one clock tick may share a time)
    later = os.stat(dist / "assets").st_mtime_ns + 10**9
    os.utime(dist / "assets", ns=(later, later))
    third = WhiteNoiseMiddleware(lambda request: None)
    assert "/static/assets/app-ZyXwVu98.js" in third.files
    assert third.files[url] is not first.files[url]  # read afresh
