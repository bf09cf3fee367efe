"""Billing fixtures: the Stripe stand-in server (one per session, emptied per test) and the
settings that point the real `stripe` client at it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from billing import gateway

from .standin import Standin, serve, sign

WEBHOOK_SECRET = "whsec_linli_test_secret"


@pytest.fixture(scope="session")
def _standin_server() -> Iterator[Standin]:
    standin = Standin()
    server = serve(standin)
    yield standin
    server.shutdown()


@pytest.fixture
def stripe_standin(_standin_server: Standin, settings) -> Iterator[Standin]:
    _standin_server.reset()
    settings.STRIPE_SECRET_KEY = "sk_test_linli"
    settings.STRIPE_API_BASE = _standin_server.url
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    gateway._client.cache_clear()
    yield _standin_server
    gateway._client.cache_clear()


@pytest.fixture
def catalogue(db, stripe_standin: Standin):
    from billing.catalogue import catalogue_sync

    catalogue_sync()
    stripe_standin.calls.clear()
    return stripe_standin


def signed(event: dict, secret: str = WEBHOOK_SECRET) -> tuple[bytes, str]:
    payload = json.dumps(event).encode()
    return payload, sign(payload, secret)
