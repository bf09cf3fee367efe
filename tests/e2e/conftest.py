"""Browser tests: real Chromium (Playwright) against a live Django server thread and the real
Celery worker from tests/conftest.py, all on the session's test database.

Nothing here runs inside a rolled-back transaction: the server thread and the worker process
have their own connections, so every row must be committed. E2e tests therefore do not use
pytest-django's `db` fixture (a transaction rolled back after the test): `db` is overridden
here to run the test inside `django_db_blocker.unblock()`, and the tests clean up what they
create themselves. They run after every other test (see the hook below), so what
they commit cannot disturb the rest of the suite.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the main thread; Django would refuse ORM calls
# made from a thread with a running loop.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    # *.localhost must reach the live server whatever the resolver does with it.
    "--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP localhost 127.0.0.1",
]
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # django.core.mail.backends.filebased


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests run last. `config.hook` calls this hook in every registered conftest with
    the session's whole item list, so a conftest below tests/ reorders the full run (it is only
    registered when tests/e2e is collected, i.e. exactly when there are e2e items to move).
    trylast: after pytest-django's own ordering, which this (stable) sort preserves."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Keep each phase's report on the item: `new_context` screenshots pages of failed tests."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


# --- live server -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LiveServer:
    port: int

    @property
    def platform_url(self) -> str:
        return f"http://{settings.BASE_DOMAIN}:{self.port}"

    def firm_url(self, slug: str) -> str:
        return f"http://{slug}.{settings.BASE_DOMAIN}:{self.port}"


@pytest.fixture(scope="session")
def celery_app_configured() -> None:
    """The web process must send tasks through Linli's Celery app (Redis), not Celery's
    default app (amqp://localhost), or onboarding never reaches the worker."""
    from tenants.tasks import provision_firm

    if provision_firm.app.main != "linli":
        pytest.fail(
            "tasks are bound to Celery's default app, not config.celery: "
            "platform/config/__init__.py must `from .celery import app as celery_app`",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def e2e_server(celery_app_configured, live_port: int) -> Iterator[LiveServer]:
    """Django's LiveServerThread on 127.0.0.1:<live_port>. Static files (the built frontend,
    frontend/dist under /static/) come through the staticfiles finders, as in
    StaticLiveServerTestCase: nothing needs collecting. Links the app builds
    (settings.SITE_PORT) carry the live port. Not named `live_server`: pytest-django's autouse
    helper would then add `transactional_db` and flush the database after the test."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread

    db_settings = connections["default"].settings_dict
    old = settings.SITE_PORT, db_settings["CONN_MAX_AGE"]
    settings.SITE_PORT = str(live_port)
    # Request threads close their connection after each request: a browser's keep-alive
    # socket must not hold a session open when the test database is dropped.
    db_settings["CONN_MAX_AGE"] = 0
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=live_port)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield LiveServer(port=live_port)
    finally:
        thread.terminate()
        settings.SITE_PORT, db_settings["CONN_MAX_AGE"] = old


@pytest.fixture(scope="session", autouse=True)
def _on_the_test_database(django_db_setup) -> None:
    """Autouse, so it runs before `cast`: never commit the cast or a firm into a real database."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if not name.startswith("test_"):
        pytest.fail(f"e2e tests must run on the test database, not {name!r}", pytrace=False)


@pytest.fixture
def db(django_db_blocker) -> Iterator[None]:
    """Committed database access, for the test and (the blocker is global) the server thread.

    This overrides pytest-django's `db` for the tests in this folder: no transaction around the
    test (nothing would be visible to the server thread or the worker). The name stays `db` on
    purpose: it is how pytest-django learns that the session needs the test database; with
    only e2e tests collected it would otherwise create none, and the cast would go to the
    database named in DATABASE_URL."""
    from django.db import connections

    with django_db_blocker.unblock():
        try:
            yield
        finally:
            # Playwright's sync API runs the test in a greenlet with its own context, so the
            # test's ORM calls opened a connection of their own (asgiref's Local follows the
            # context): close it, or dropping the test database finds it still in use.
            connections.close_all()


@pytest.fixture(scope="session")
def frontend_built() -> Path:
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        pytest.fail(
            f"{index} is missing: build the web app first "
            "(`cd frontend && npm ci && npm run build`, or `python3 dev.py test`)",
            pytrace=False,
        )
    return index


# --- browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_instance():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance):  # type: ignore[no-untyped-def]
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.fail(
            f"Chromium not found at {executable}: apt-get install -y chromium", pytrace=False
        )
    browser = playwright_instance.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser, request):  # type: ignore[no-untyped-def]
    """Fresh, isolated browser contexts (own cookies), closed after the test. When the test
    failed, every open page is saved first: test-results/failed-<test>-<n>.png."""
    contexts = []

    def make():  # type: ignore[no-untyped-def]
        context = browser.new_context(
            locale="zh-CN", viewport={"width": 1280, "height": 860}, timezone_id="Asia/Shanghai"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    report = getattr(request.node, "report_call", None)
    pages = [page for context in contexts for page in context.pages]
    if report is not None and report.failed:
        for n, page in enumerate(pages, 1):
            try:
                screenshot(page, f"failed-{request.node.name}-{n}")
            except Exception as exc:
                print(f"no screenshot of {page.url}: {exc}")
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- mail written by the worker (file-based backend) ------------------------------------------


def read_mail(mail_dir: Path) -> list[Message]:
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_bytes().split(MAIL_SEPARATOR):
            if chunk.strip():
                messages.append(message_from_bytes(chunk))
    return messages


def mail_text(message: Message) -> str:
    parts = message.walk() if message.is_multipart() else [message]
    texts = []
    for part in parts:
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            texts.append(payload.decode(part.get_content_charset() or "utf-8"))
    return "\n".join(texts)


def links_in(text: str) -> list[str]:
    return re.findall(r"https?://[^\s<>\"')]+", text)
