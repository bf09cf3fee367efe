"""/metrics through the image's `web` role (gunicorn, two workers, run directly): with
PROMETHEUS_MULTIPROC_DIR every scrape, whichever worker answers it, reports all workers' counts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ROOT, free_port, worker_database_url

pytestmark = pytest.mark.django_db  # gunicorn reads only what the session cast committed

TOKEN = "gunicorn-metrics-token-0123456789"


def _get(port: int, path: str, host: str, **headers: str) -> tuple[int, bytes]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": host, **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_every_scrape_sums_the_counts_of_all_gunicorn_workers(cast, tmp_path: Path) -> None:
    port = free_port()
    metrics_dir = tmp_path / "prometheus"
    env = dict(
        os.environ,
        PORT=str(port),
        HOST="127.0.0.1",
        WEB_CONCURRENCY="2",
        WEB_THREADS="2",
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=worker_database_url(),
        PYTHONPATH=f"{ROOT}:{ROOT / 'platform'}",
        PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
        LINLI_METRICS_TOKEN=TOKEN,
    )
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            ["sh", "infra/docker-entrypoint.sh", "web"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log_path.read_text()
            try:
                if _get(port, "/healthz", "localhost")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.2)

        for _ in range(30):
            assert _get(port, "/api/v1/auth/me/", cast.a.host)[0] == 401
        assert _get(port, "/metrics", "localhost")[0] == 404  # no token

        for _ in range(4):  # any worker may answer each scrape
            status, body = _get(port, "/metrics", cast.b.host, Authorization=f"Bearer {TOKEN}")
            assert status == 200, body
            text = body.decode()
            counts = re.findall(
                r'^linli_http_requests_total\{[^}]*view="auth-me"[^}]*\} (\S+)$', text, re.M
            )
            assert sum(float(c) for c in counts) == 30, text
            assert cast.a.schema not in text and cast.a.slug not in text
        assert len(list(metrics_dir.glob("counter_*.db"))) >= 1
    finally:
        process.terminate()
        process.wait(timeout=30)
