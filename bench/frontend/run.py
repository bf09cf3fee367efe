#!/usr/bin/env python3
"""What a resident's phone pays to open Linli: bytes per route and times on a slow phone.

    python3 dev.py bench frontend [--runs 3] [--keep]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/linli .venv/bin/python bench/frontend/run.py

Scratch database `linli_bench_frontend` (migrated, `seed_demo`), served by gunicorn exactly as
the image's `web` role runs it (infra/docker-entrypoint.sh) from the built `frontend/dist`
(build it first: `dev.py test` or `dev.py run` do). Real Chromium (Debian's) at 390×844, a cold
cache for every load, throttled through the DevTools protocol like the issue's simulated slow
phone: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, CPU ×4.

Per route, the median of --runs cold loads:
* JS files and kB of JavaScript as sent (compressed), all bytes as sent;
* first contentful paint, and "usable": the moment the route's own content is on screen
  (the login form; the home's content; the request form's first step), from navigation start,
  as the page itself notes it (the frame painted after the element shows: WATCH_READY);
  "seen" is when Playwright's wait returned, the figure printed as "usable" before 2026-12-04
  (its polling lags by up to ~0.5 s).
The baseline, in the same run and the same throttling: a plain static HTML page (the server's
"unknown address" page), whose paint time is what the network alone costs; each route's time
is also printed as a ratio to it, which carries across machines.

The resident's entry (login -> home -> submit, one session, cache kept between them as a
phone would) is also summed: unique JS kB sent. Goals (issue #13): entry <= 200 kB of
compressed JavaScript; home usable < 3 s on the throttled phone.

`--waterfall` also prints the request timeline of one more cold load of the home (start,
answer and end of each request in ms from the first, bytes as sent): what waits for what.
`--published` first gives the resident's estate a published statement and score (PUBLISH_DEMO),
so the home draws its 小区公示 card, and adds a row timed to the statement's figures on screen.
The scratch database's name can be changed with LINLI_BENCH_FRONTEND_DB (several worktrees on
one PostgreSQL server).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

from bench.scratch import drop_database, recreate_database, scratch_urls  # noqa: E402

# another name when several worktrees share one PostgreSQL server
DB_NAME = os.environ.get("LINLI_BENCH_FRONTEND_DB", "linli_bench_frontend")
PHONE = {"width": 390, "height": 844}
LATENCY_MS = 150
DOWN_BPS = 1_600_000 // 8
UP_BPS = 750_000 // 8
CPU_SLOWDOWN = 4
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--host-resolver-rules=MAP *.localhost 127.0.0.1, MAP localhost 127.0.0.1",
]
RESIDENT = "resident@demo.linli.local"
PASSWORD = "LinliDemo#2026"  # tenants/management/commands/seed_demo.py


@dataclass
class Load:
    js_files: int = 0
    js_bytes: int = 0
    all_bytes: int = 0
    fcp_ms: float = 0.0
    usable_ms: float = 0.0
    seen_ms: float = 0.0  # when Playwright saw the ready element (printed as usable until 12-04)
    scripts: dict[str, int] = field(default_factory=dict)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(db_url: str, port: int) -> dict[str, str]:
    return dict(
        os.environ,
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE="config.settings.test",  # DEBUG off, whitenoise as in production
        LINLI_TEST_REDIS_DB_BASE=os.environ.get("LINLI_BENCH_REDIS_DB_BASE", "40"),
        BASE_DOMAIN="localhost",
        SITE_PORT=str(port),
        PORT=str(port),
        HOST="127.0.0.1",
        WEB_CONCURRENCY="2",
        WEB_ACCESS_LOG="/dev/null",
        # one login per measured load: four or five a minute, more with --published; the
        # 10/min login throttle answered 429 to a `--runs 3 --published` run
        LINLI_LOGIN_RATE="1000/min",
        PYTHONPATH=f"{ROOT}:{ROOT / 'platform'}",
        PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    )


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def wait_up(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited; see the output above")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def throttle(cdp: Any) -> None:
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": DOWN_BPS,
            "uploadThroughput": UP_BPS,
        },
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def track(cdp: Any, load: Load) -> None:
    """Count the requests the measured load sends. A request already in flight when tracking
    starts (the landing page after `log_in` still fetching its chunks) reports its response and
    its end here but was not sent here: it is left out (it once counted antd's core chunk, 109 kB,
    a second time in the submit route's cold load)."""
    sent: set[str] = set()
    kinds: dict[str, str] = {}
    urls: dict[str, str] = {}

    def on_request(event: dict[str, Any]) -> None:
        sent.add(event["requestId"])

    def on_response(event: dict[str, Any]) -> None:
        kinds[event["requestId"]] = event.get("type", "")
        urls[event["requestId"]] = event["response"]["url"]

    def on_finished(event: dict[str, Any]) -> None:
        if event["requestId"] not in sent:
            return
        size = int(event.get("encodedDataLength", 0))
        load.all_bytes += size
        if kinds.get(event["requestId"]) == "Script":
            url = urls[event["requestId"]]
            load.scripts[url] = load.scripts.get(url, 0) + size
            load.js_files = len(load.scripts)
            load.js_bytes = sum(load.scripts.values())

    cdp.on("Network.requestWillBeSent", on_request)
    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)


# The page itself notes when the ready element is first on screen: each frame it looks for it
# (present, with a box, not hidden) and, once it is there, takes the time after that frame has
# been painted. Playwright's own wait polls every 500 ms after its first second, so the time it
# returns (kept as "seen") lags the screen by up to half a second plus a protocol round trip.
WATCH_READY = """
(() => {
  const selector = %s;
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const frame = () => {
    const el = document.querySelector(selector);
    if (el && shown(el)) setTimeout(() => { window.__benchUsable = performance.now(); }, 0);
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
"""


def timed_goto(page: Any, url: str, ready: str | None, load: Load) -> None:
    if ready:
        page.add_init_script(WATCH_READY % json.dumps(ready))
    page.goto(url, wait_until="commit")
    if ready:
        page.wait_for_selector(ready, state="visible", timeout=60_000)
        load.seen_ms = page.evaluate("performance.now()")
        page.wait_for_function("window.__benchUsable !== undefined", timeout=60_000)
        load.usable_ms = page.evaluate("window.__benchUsable")
    page.wait_for_load_state("load")
    page.wait_for_function(
        "performance.getEntriesByName('first-contentful-paint').length > 0", timeout=60_000
    )
    load.fcp_ms = page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0].startTime"
    )
    if not ready:
        load.usable_ms = load.seen_ms = load.fcp_ms


def log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_test_id("field-email").fill(RESIDENT)
    page.get_by_test_id("field-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login" not in url, timeout=60_000)


def settle(page: Any) -> None:
    """Let the page reached by `log_in` finish loading, so that none of its downloads overlaps
    the next, measured load (they would share its throttled bandwidth)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_selector(HOME_READY, state="visible", timeout=60_000)
    # if something keeps polling, the home's content being there is enough
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_load_state("networkidle", timeout=30_000)


HOME_READY = "[data-testid=resident-home], [data-testid=current-user]"
# with --published: the home's 小区公示 card with the statement's figures on screen
DIGEST_READY = "[data-testid^=home-statement-income-]"

# --published: the resident's estate gets a published quarterly statement (three posted lines)
# and a published score (the survey answered by the resident, closed by the committee), so the
# home is measured with its 小区公示 card drawn, as once a firm uses both modules. The statement
# is marked published as the tests do (the sweep's 24 h timer is not what this measures).
PUBLISH_DEMO = """
from datetime import date
from decimal import Decimal
from django.utils import timezone
from django_tenants.utils import schema_context
from accounts.models import User
from disclosure import services as books
from estates.models import Estate
from estates.selectors import scope_for
from scoring import services as scoring
from scoring.selectors import household_units

with schema_context("firm_demo"):
    user = lambda key: User.objects.get(email=key + "@demo.linli.local")
    resident, admin, manager, committee = (
        user(k) for k in ("resident", "firm_admin", "manager", "committee")
    )
    estate = Estate.objects.get(pk=min(scope_for(user=resident).home_estate_ids))
    for kind, category, amount in (
        ("income", "advertising", "12800.00"),
        ("income", "parking", "5400.00"),
        ("expense", "repairs", "3650.50"),
    ):
        line = books.line_draft(
            user=admin, estate=estate, kind=kind, category=category,
            occurred_on=date(2026, 8, 15), amount=Decimal(amount),
            counterparty="bench", description="bench",
        )
        books.line_post(user=admin, line=line)
    statement = books.statement_draft(
        user=admin, estate=estate, kind="quarterly", period_start=date(2026, 7, 1)
    )
    statement = books.statement_submit(user=admin, statement=statement)
    statement.status = "published"
    statement.published_at = timezone.now()
    statement.save()
    survey = scoring.survey_draft(user=manager, estate=estate, period_start=date(2026, 7, 1))
    scoring.survey_open(user=committee, survey=survey)
    unit = min(household_units(user=resident, estate_id=estate.pk))
    ratings = {d: 4 for d in ("overall", "cleaning", "security", "greening", "repairs", "service")}
    scoring.ballot_submit(user=resident, survey=survey, unit_id=unit, ratings=ratings)
    scoring.survey_close(user=committee, survey=survey)
"""
ROUTES = [  # name, path, the element that says the route's own content is on screen
    ("login", "/login", "[data-testid=field-email]"),
    ("home", "/", HOME_READY),
    ("submit", "/requests/new", "[data-testid=request-step-1]"),
]
DIGEST_ROUTE = ("home, disclosures card drawn", "/", DIGEST_READY)


def measure(
    browser: Any, base: str, baseline_url: str, runs: int, published: bool = False
) -> dict[str, list[Load]]:
    routes = ROUTES + ([DIGEST_ROUTE] if published else [])
    results: dict[str, list[Load]] = {"baseline": [], **{name: [] for name, _, _ in routes}}
    entry: list[Load] = []
    for _ in range(runs):
        for name, url, ready in [("baseline", baseline_url, None)] + [
            (n, base + p, r) for n, p, r in routes
        ]:
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            page = context.new_page()
            if name != "login" and name != "baseline":
                log_in(page, base)  # unthrottled: only the measured load is throttled
                settle(page)
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.clearBrowserCache")
            throttle(cdp)
            load = Load()
            track(cdp, load)
            timed_goto(page, url, ready, load)
            results[name].append(load)
            context.close()
        # the entry as a phone lives it: one session, the cache kept
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        throttle(cdp)
        load = Load()
        track(cdp, load)
        timed_goto(page, f"{base}/login", "[data-testid=field-email]", Load())
        log_in(page, base)
        page.wait_for_selector(HOME_READY, state="visible", timeout=60_000)
        page.goto(f"{base}/requests/new")
        page.wait_for_selector("[data-testid=request-step-1]", state="visible", timeout=60_000)
        entry.append(load)
        context.close()
    results["entry (login → home → submit)"] = entry
    return results


def waterfall(browser: Any, base: str) -> None:
    """One cold load of the home, logged in, throttled: every request's start, first byte and
    end (ms from the first request) and bytes as sent."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    log_in(page, base)
    settle(page)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    throttle(cdp)
    rows: dict[str, dict[str, Any]] = {}

    def on_request(event: dict[str, Any]) -> None:
        rows[event["requestId"]] = {"url": event["request"]["url"], "start": event["timestamp"]}

    def on_response(event: dict[str, Any]) -> None:
        if event["requestId"] in rows:
            rows[event["requestId"]]["answer"] = event["timestamp"]

    def on_finished(event: dict[str, Any]) -> None:
        if event["requestId"] in rows:
            rows[event["requestId"]]["end"] = event["timestamp"]
            rows[event["requestId"]]["bytes"] = int(event.get("encodedDataLength", 0))

    cdp.on("Network.requestWillBeSent", on_request)
    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    load = Load()
    timed_goto(page, f"{base}/", HOME_READY, load)
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=10_000)
    context.close()
    first = min(r["start"] for r in rows.values())
    print(f"\nwaterfall of the home (usable at {load.usable_ms:.0f} ms, FCP {load.fcp_ms:.0f} ms)")
    print(f"{'start':>7} {'answer':>7} {'end':>7} {'bytes':>7}  address")
    for row in sorted(rows.values(), key=lambda r: r["start"]):

        def at(key: str, row: dict[str, Any] = row) -> str:
            return f"{(row[key] - first) * 1000:>7.0f}" if key in row else f"{'-':>7}"

        url = row["url"].removeprefix(base)
        print(f"{at('start')} {at('answer')} {at('end')} {row.get('bytes', 0):>7}  {url[:100]}")


def report(results: dict[str, list[Load]]) -> None:
    def med(values: list[float]) -> float:
        return statistics.median(values)

    base_fcp = med([r.fcp_ms for r in results["baseline"]])
    print(
        f"\n{'route':<32} | {'JS files':>8} | {'JS kB':>7} | {'all kB':>7} | {'FCP ms':>7} "
        f"| {'usable ms':>9} | {'usable/baseline':>15} | {'seen ms':>7}"
    )
    print("-" * 112)
    for name, loads in results.items():
        usable = med([r.usable_ms for r in loads])
        times = (
            f"{med([r.fcp_ms for r in loads]):>7.0f} | {usable:>9.0f} | {usable / base_fcp:>15.1f} "
            f"| {med([r.seen_ms for r in loads]):>7.0f}"
            if usable and base_fcp
            else f"{'-':>7} | {'-':>9} | {'-':>15} | {'-':>7}"  # the entry row sums bytes only
        )
        print(
            f"{name:<32} | {med([r.js_files for r in loads]):>8.0f} "
            f"| {med([r.js_bytes for r in loads]) / 1000:>7.1f} "
            f"| {med([r.all_bytes for r in loads]) / 1000:>7.1f} | {times}"
        )
    entry_kb = med([r.js_bytes for r in results["entry (login → home → submit)"]]) / 1000
    home_s = med([r.usable_ms for r in results["home"]]) / 1000
    print(
        f"\nthrottled phone: {LATENCY_MS} ms latency, {DOWN_BPS * 8 / 1e6:.1f} Mbit/s down, "
        f"CPU x{CPU_SLOWDOWN}; baseline = a plain static HTML page (FCP {base_fcp:.0f} ms)"
    )
    print(
        f"goal: resident entry JS <= 200 kB compressed -> "
        f"{'met' if entry_kb <= 200 else 'MISSED'} ({entry_kb:.1f} kB)"
    )
    print(
        f"goal: home usable < 3 s on the throttled phone -> "
        f"{'met' if home_s < 3 else 'MISSED'} ({home_s:.2f} s)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="cold loads per route (median)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument(
        "--waterfall", action="store_true", help="print one cold home load's request timeline"
    )
    parser.add_argument(
        "--published",
        action="store_true",
        help="publish a statement and a score for the resident's estate first; adds a row for "
        "the home with its 小区公示 card drawn",
    )
    args = parser.parse_args()
    if not (ROOT / "frontend" / "dist" / "index.html").exists():
        raise SystemExit("frontend/dist is not built: run `python3 dev.py test` or `run` first")
    base_url, db_url = scratch_urls(DB_NAME)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()  # drop_database closes Django's connections
    recreate_database(base_url, DB_NAME)
    port = free_port()
    env = server_env(db_url, port)
    server = None
    try:
        print("migrating and seeding the demo firm ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo")
        if args.published:
            manage(env, "shell", "-c", PUBLISH_DEMO)
        server = subprocess.Popen(["sh", "infra/docker-entrypoint.sh", "web"], cwd=ROOT, env=env)
        wait_up(port, server)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            results = measure(
                browser,
                f"http://demo.localhost:{port}",
                f"http://nobody.localhost:{port}/",
                args.runs,
                args.published,
            )
            if args.waterfall:
                waterfall(browser, f"http://demo.localhost:{port}")
            browser.close()
        report(results)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not args.keep:
            drop_database(base_url, DB_NAME)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
