"""`manage.py check --deploy` is clean with the production settings (issue #14 §1): HTTPS only
(redirected, HSTS for every firm's subdomain), secure cookies, a real secret key; the probes stay
reachable over plain HTTP inside the network."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers import ROOT

# A throwaway key of the strength Django asks for (never used outside this check).
KEY = "k7#Qp9!vL2@xR5$wZ8^mN3&bT6*hJ1(dF4)gS0_yC9+eA2=uK5"


def _production(*args: str, key: str = KEY) -> subprocess.CompletedProcess[str]:
    # the test process's own switches (pytest-playwright sets DJANGO_ALLOW_ASYNC_UNSAFE) are not
    # a deployment's
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    env["DJANGO_SECRET_KEY"] = key
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_deploy_check_finds_nothing_with_the_production_settings() -> None:
    result = _production("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_development_secret_key() -> None:
    result = _production("check", key="dev-insecure-anything")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY in production." in result.stderr


def test_the_probes_are_exempt_from_the_https_redirect() -> None:
    code = (
        "import re; from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "sorted(p for p in ('healthz', 'readyz', 'metrics', 'api/v1/auth/me/') "
        "if any(re.search(x, p) for x in s.SECURE_REDIRECT_EXEMPT)))"
    )
    result = _production("shell", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True True ['healthz', 'metrics', 'readyz']"
