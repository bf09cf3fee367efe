"""The image's `web` role, run directly (no Docker here): infra/docker-entrypoint.sh starts
gunicorn with infra/gunicorn.conf.py, which answers the probes, the API and the precompressed
static assets."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from tests.helpers import ROOT, free_port, worker_database_url

pytestmark = pytest.mark.django_db  # gunicorn reads only what the session cast committed


def _get(port: int, path: str, host: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": host, **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture
def web(cast, tmp_path: Path) -> Iterator[int]:
    port = free_port()
    env = dict(
        os.environ,
        PORT=str(port),
        HOST="127.0.0.1",
        WEB_CONCURRENCY="2",
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=worker_database_url(),
        PYTHONPATH=f"{ROOT}:{ROOT / 'platform'}",
        PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    )
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        ["sh", "infra/docker-entrypoint.sh", "web"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                if _get(port, "/healthz", "localhost")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_the_web_role_serves_probes_api_and_compressed_assets_through_gunicorn(web, cast):
    status, headers, _ = _get(web, "/healthz", "localhost")
    assert status == 200
    assert headers["Server"].startswith("gunicorn")

    status, _, body = _get(web, "/readyz", cast.a.host)
    assert status == 200, body

    status, _, _ = _get(web, "/api/v1/auth/me/", cast.a.host)
    assert status == 401  # the API answers, through the firm's host

    script = max((settings.FRONTEND_DIST / "assets").glob("*.js"), key=lambda p: p.stat().st_size)
    status, headers, body = _get(
        web, f"/static/assets/{script.name}", cast.a.host, **{"Accept-Encoding": "br"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "br"
    assert "immutable" in headers["Cache-Control"]
    assert len(body) < script.stat().st_size / 2
