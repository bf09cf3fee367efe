"""The complaint/repair closed loop end to end, in real Chromium.

A resident reports a leak from a phone with a photo; staff accept and resolve it; the resident
rates it 2 and reopens it; staff resolve it again; the resident rates it 5 and it closes.
Then a request recorded 30 hours ago breaches its response clock: the real worker's sweep marks
it red and the estate's committee member sees it on the red board.
"""

from __future__ import annotations

import base64
import re
from datetime import timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.helpers import PASSWORD, Cast

from .conftest import screenshot

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
SWEEP_TIMEOUT_S = 60

# A real photo: Chromium draws it on a canvas and encodes it as JPEG (no imaging library needed).
DRAW_JPEG = """() => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const g = canvas.getContext('2d');
    g.fillStyle = '#d9e6f2';
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#8c6d46';
    g.fillRect(0, 170, 320, 70);
    g.fillStyle = '#1f6fb2';
    for (const [x, y, r] of [[120, 60, 14], [170, 95, 10], [210, 140, 18], [150, 190, 30]]) {
        g.beginPath();
        g.arc(x, y, r, 0, 2 * Math.PI);
        g.fill();
    }
    g.fillStyle = '#333';
    g.font = 'bold 28px sans-serif';
    g.fillText('e2e leak', 16, 40);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
}"""


def log_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_test_id("field-email").fill(email)
    page.get_by_test_id("field-password").fill(password)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login" not in url)


def shot(page: Page, name: str) -> None:
    """A full-page screenshot from the top: scrolled, the sticky header would land mid-page."""
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, name)


def expect_status(page: Page, status: str) -> None:
    expect(page.get_by_test_id("request-status")).to_have_attribute("data-status", status)


def opened(page: Page) -> Locator:
    """The dialog a button opened, once it has stopped zooming in: a click during antd's
    opening animation can land where the button was a frame before and be lost (seen once
    on a loaded machine: the form stayed open, nothing sent)."""
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("[class*='ant-zoom-appear'], [class*='ant-zoom-enter']")).to_have_count(0)
    return dialog


def act(page: Page, action: str, **fields: str) -> None:
    """Press `action-<action>`, fill the form it opens (if any) and submit it."""
    page.get_by_test_id(f"action-{action}").click()
    dialog = opened(page)
    for name, value in fields.items():
        dialog.get_by_test_id(f"field-{name}").fill(value)
    page.get_by_test_id(f"{action}-submit").click()
    expect(page.get_by_role("dialog")).to_have_count(0)


def rate(page: Page, stars: int) -> None:
    page.get_by_test_id("action-rate").click()
    opened(page).get_by_test_id(f"rating-{stars}").click()
    page.get_by_test_id("rate-submit").click()
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_resident_request_goes_round_the_loop_and_a_breach_shows_red_to_the_committee(
    db, cast, celery_worker, e2e_server, frontend_built, new_context
):
    from django.db import connection
    from django_tenants.utils import schema_context

    from complaints.models import Attachment, ServiceRequest

    tag = "loop"  # fixed: the test deletes what it made
    firm = e2e_server.firm_url(cast.a.slug)
    unit_id = cast.a.units["A1-1-101"]
    description = f"卫生间天花板漏水，一直滴到地上，麻烦尽快来看看（e2e {tag}）"
    created: list[int] = []
    counter_before = _counter(cast.a.schema, cast.a.estates["A1"])
    try:
        # --- the resident reports a leak from their phone, with a photo ---------------------
        resident = new_context()
        phone = resident.new_page()
        phone.set_viewport_size(PHONE)
        jpeg = base64.b64decode(phone.evaluate(DRAW_JPEG))
        assert jpeg.startswith(b"\xff\xd8\xff"), jpeg[:8]
        log_in(phone, firm, cast.a.resident.email, PASSWORD)
        phone.goto(f"{firm}/requests/new")

        phone.get_by_test_id("field-kind-repair").click()
        phone.get_by_test_id("field-category-repair").click()
        expect(phone.get_by_test_id("field-category")).to_have_attribute("data-value", "repair")
        phone.get_by_test_id("request-next").click()

        expect(phone.get_by_test_id("request-step-2")).to_be_visible()
        phone.get_by_test_id(f"field-unit-{unit_id}").click()
        expect(phone.get_by_test_id("field-unit")).to_have_attribute("data-value", str(unit_id))
        phone.get_by_test_id("field-description").fill(description)
        phone.get_by_test_id("request-files").set_input_files(
            files=[{"name": "leak.jpg", "mimeType": "image/jpeg", "buffer": jpeg}]
        )
        expect(phone.get_by_test_id("request-files-thumbs").locator("img")).to_have_count(1)
        shot(phone, "complaints-resident-step2")
        phone.get_by_test_id("request-next").click()

        expect(phone.get_by_test_id("request-step-3")).to_be_visible()
        expect(phone.get_by_test_id("request-review")).to_contain_text(description)
        expect(phone.get_by_test_id("review-thumbs").locator("img")).to_have_count(1)
        phone.get_by_test_id("request-submit").click()

        phone.wait_for_url(re.compile(r"/requests/\d+$"))
        request_id = int(phone.url.rstrip("/").rsplit("/", 1)[1])
        created.append(request_id)
        expect_status(phone, "submitted")
        expect(phone.get_by_test_id("request-description")).to_have_text(description)
        number = phone.get_by_test_id("request-number").inner_text().strip()
        with schema_context(cast.a.schema):
            submitted = ServiceRequest.objects.get(pk=request_id)
            assert (submitted.number, submitted.unit_id) == (number, unit_id)
            attachment = Attachment.objects.get(request_id=request_id)
            assert attachment.content_type == "image/jpeg"
        connection.set_schema_to_public()
        attachment_url = f"/api/v1/complaints/{request_id}/attachments/{attachment.pk}/"
        _expect_photo_loads(phone, attachment_url)
        shot(phone, "complaints-resident-submitted")

        # --- staff find it on the desk, accept and resolve it --------------------------------
        staff = new_context()
        desk = staff.new_page()
        log_in(desk, firm, cast.a.staff.email, PASSWORD)
        desk.goto(f"{firm}/desk")
        desk.get_by_test_id(f"desk-link-{request_id}").click()
        expect(desk.get_by_test_id("request-number")).to_have_text(number)
        expect_status(desk, "submitted")
        act(desk, "accept")
        expect_status(desk, "accepted")
        act(desk, "resolve", note="已上楼检查，更换了楼上渗漏的水管接头。")
        expect_status(desk, "resolved")
        shot(desk, "complaints-staff-resolved")

        # --- the resident is not satisfied: rates 2 and reopens ------------------------------
        phone.reload()
        expect_status(phone, "resolved")
        rate(phone, 2)
        expect(phone.locator("[data-testid='timeline-event'][data-action='rate']")).to_have_count(1)
        expect_status(phone, "resolved")
        shot(phone, "complaints-resident-rated-2")
        act(phone, "reopen", reason="还是在滴水，晚上更明显。")
        expect_status(phone, "reopened")
        shot(phone, "complaints-resident-reopened")

        # --- staff come back and fix it properly ---------------------------------------------
        desk.reload()
        expect_status(desk, "reopened")
        act(desk, "accept")
        expect_status(desk, "accepted")
        act(desk, "resolve", note="重新做了防水，观察两天不再滴水。")
        expect_status(desk, "resolved")

        # --- the resident rates 5: closed ----------------------------------------------------
        phone.reload()
        expect_status(phone, "resolved")
        rate(phone, 5)
        expect_status(phone, "closed")
        expect(phone.get_by_test_id("rating-summary")).to_be_visible()
        expect(phone.locator("[data-testid^='action-']")).to_have_count(0)
        _expect_photo_loads(phone, attachment_url)
        shot(phone, "complaints-resident-closed")
        with schema_context(cast.a.schema):
            closed = ServiceRequest.objects.get(pk=request_id)
            assert (closed.status, closed.rating, closed.reopen_count) == ("closed", 5, 1)
        connection.set_schema_to_public()

        # --- a request recorded 30 hours ago breaches; the worker's sweep turns it red -------
        breached_id, breached_number = _record_breached_request(cast, tag)
        created.append(breached_id)
        red = _sweep_through_worker(cast.a.schema, breached_id)
        assert red, (
            f"no red escalation for {breached_number}:\n{celery_worker.log.read_text()[-3000:]}"
        )

        committee = new_context()
        board = committee.new_page()
        log_in(board, firm, cast.a.committee.email, PASSWORD)
        board.goto(f"{firm}/complaints/board")
        # the committee member sits on A1 only: no picker, the estate is named
        expect(board.get_by_test_id("board-estate")).to_have_attribute(
            "data-value", str(cast.a.estates["A1"])
        )
        row = board.get_by_test_id("board-row").filter(has_text=breached_number)
        expect(row).to_have_count(1)
        expect(row.locator("[data-testid='colour']")).to_have_attribute("data-colour", "red")
        expect(board.get_by_test_id("board-row").filter(has_text=number)).to_have_count(0)
        shot(board, "complaints-committee-red-board")
    finally:
        _clean_up(cast.a.schema, created, cast.a.estates["A1"], counter_before)


def _expect_photo_loads(page: Page, url: str) -> None:
    """The request's photo is on the page, from the attachment URL, and the browser decoded it."""
    photo = page.get_by_test_id("request-photos").locator("img")
    expect(photo).to_have_count(1)
    src = photo.get_attribute("src") or ""
    assert src.endswith(url), (src, url)
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )


def _record_breached_request(cast: Cast, tag: str) -> tuple[int, str]:
    """Front-desk staff recorded a request by phone 30 hours ago (response clock: 24 h)."""
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from complaints.services import request_submit
    from estates.models import Estate, Unit

    staff = cast.a.staff.user
    with schema_context(cast.a.schema):
        request = request_submit(
            estate=Estate.objects.get(pk=cast.a.estates["A1"]),
            kind="repair",
            category="security",
            description=f"单元门禁坏了好几天，陌生人随便进出（e2e {tag}）",
            channel="phone",
            unit=Unit.objects.get(pk=cast.a.units["A1-1-102"]),
            contact_name="王阿姨",
            contact_phone="13800001234",
            entered_by=staff,
            now=timezone.now() - timedelta(hours=30),
        )
        result = request.pk, request.number
    connection.set_schema_to_public()
    return result


def _sweep_through_worker(schema: str, request_id: int) -> bool:
    """Enqueue the real per-firm sweep task in firm A's schema and wait for the worker."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from complaints.models import Escalation
    from deadlines.tasks import sweep_firm

    with schema_context(schema):
        sweep_firm.delay().get(timeout=SWEEP_TIMEOUT_S)
        red = Escalation.objects.filter(request_id=request_id, level="red").exists()
    connection.set_schema_to_public()
    return red


def _counter(schema: str, estate_id: int) -> int | None:
    from django.db import connection
    from django_tenants.utils import schema_context

    from complaints.models import RequestCounter

    with schema_context(schema):
        last = RequestCounter.objects.filter(estate_id=estate_id).values_list("last", flat=True)
        value = last.first()
    connection.set_schema_to_public()
    return value


def _clean_up(schema: str, ids: list[int], estate_id: int, counter: int | None) -> None:
    """The requests this test committed (with their events, clocks, escalations, return visits,
    photos and notifications), and A1's request numbering as it was."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from complaints.models import Attachment, RequestCounter, ServiceRequest
    from notifications.models import Notification

    with schema_context(schema):
        for attachment in Attachment.objects.filter(request_id__in=ids):
            attachment.file.delete(save=False)
        Notification.objects.filter(link__in=[f"/requests/{pk}" for pk in ids]).delete()
        ServiceRequest.objects.filter(pk__in=ids).delete()
        counters = RequestCounter.objects.filter(estate_id=estate_id)
        if counter is None:
            counters.delete()
        else:
            counters.update(last=counter)
    connection.set_schema_to_public()
