"""The resident's story with the real sign-in (issue #13 §2), in real Chromium at 390×844.

A resident signs in the way Chinese residents do: phone number, then the six-digit code the
SMS provider delivered. The provider is the real Aliyun adapter talking to a local stand-in of
dysmsapi (tests/sms/test_aliyun.py), which checks the request signature and keeps what it was
asked to send: the test reads the code from there, as the resident reads it on their phone.
They report a repair with a photo and a preferred visit time, chase it (催办), follow it from
their home, see the repairer's name and tap-to-call number once it is taken, and rate it once it
is resolved (the issue's "Tests that must exist": sign in by SMS, preferred time, chase, the
repairer's name, rate).
"""

from __future__ import annotations

import base64
import json
import re
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import ThreadingHTTPServer

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import PASSWORD
from tests.sms.test_aliyun import KEY_ID, SECRET, StandIn

from .test_complaints_loop import (
    DRAW_JPEG,
    PHONE,
    _clean_up,
    _counter,
    _expect_photo_loads,
    act,
    expect_status,
    log_in,
    rate,
    shot,
)

pytestmark = pytest.mark.e2e

RESIDENT_PHONE = "13766660101"  # the resident's own number: nobody else in the firm has it


@pytest.fixture
def sms_stand_in(settings) -> Iterator[type[StandIn]]:
    """The Aliyun adapter pointed at a local dysmsapi stand-in for this test (the live server
    runs in this process, so it reads the same settings)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    StandIn.received, StandIn.raw_queries = [], []
    settings.LINLI_SMS_BACKEND = "aliyun"
    settings.LINLI_SMS_ALIYUN_ENDPOINT = f"http://127.0.0.1:{server.server_address[1]}/"
    settings.LINLI_SMS_ALIYUN_ACCESS_KEY_ID = KEY_ID
    settings.LINLI_SMS_ALIYUN_ACCESS_KEY_SECRET = SECRET
    settings.LINLI_SMS_ALIYUN_SIGN_NAME = "邻里物业"
    settings.LINLI_SMS_TEMPLATES = {"login_code": "SMS_71390007"}
    yield StandIn
    server.shutdown()
    server.server_close()


@pytest.fixture
def resident_phone(cast) -> Iterator[str]:
    """The cast's resident with a number of their own (the cast shares one number, and a shared
    number gets no code), restored afterwards."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from accounts.models import User

    with schema_context(cast.a.schema):
        user = User.objects.get(email=cast.a.resident.email)
        before = user.phone
        User.objects.filter(pk=user.pk).update(phone=RESIDENT_PHONE)
    connection.set_schema_to_public()
    yield RESIDENT_PHONE
    with schema_context(cast.a.schema):
        User.objects.filter(pk=user.pk).update(phone=before)
    connection.set_schema_to_public()


def sign_in_by_sms(page: Page, base_url: str, phone: str, stand_in: type[StandIn]) -> None:
    """Phone, "获取验证码", the code from the SMS, "登录"."""
    page.goto(f"{base_url}/login")
    page.get_by_test_id("login-tab-sms").click()
    page.get_by_test_id("field-phone").fill(phone)
    page.get_by_test_id("sms-send").click()
    # the form says "sent" and counts down once the server answered (after it called Aliyun)
    expect(page.get_by_test_id("sms-send")).to_be_disabled()
    sent = [p for p in stand_in.received if p["PhoneNumbers"] == phone]
    assert len(sent) == 1, stand_in.received
    assert sent[0]["TemplateCode"] == "SMS_71390007"
    code = json.loads(sent[0]["TemplateParam"])["code"]
    assert re.fullmatch(r"\d{6}", code), code
    page.get_by_test_id("field-sms-code").fill(code)
    page.get_by_test_id("sms-login-submit").click()
    page.wait_for_url(lambda url: "/login" not in url)


def test_a_resident_signs_in_by_sms_reports_with_a_time_chases_sees_the_repairer_and_rates(
    db, cast, e2e_server, frontend_built, new_context, sms_stand_in, resident_phone
):
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from complaints.models import Attachment, ServiceRequest
    from core.clock import SHANGHAI
    from notifications.models import Notification

    visit_day = (timezone.now().astimezone(SHANGHAI) + timedelta(days=1)).date().isoformat()

    firm = e2e_server.firm_url(cast.a.slug)
    unit_id = cast.a.units["A1-1-101"]
    description = "厨房水槽下面的水管漏水，柜子里全湿了（e2e sms story）"
    created: list[int] = []
    counter_before = _counter(cast.a.schema, cast.a.estates["A1"])
    try:
        # --- the resident signs in with their phone and the code the SMS brought -------------
        resident = new_context()
        phone = resident.new_page()
        phone.set_viewport_size(PHONE)
        sign_in_by_sms(phone, firm, resident_phone, sms_stand_in)
        expect(phone.get_by_test_id("resident-home")).to_be_visible()
        expect(phone.get_by_test_id("current-user")).to_be_visible()
        shot(phone, "story-sms-resident-home")
        # the stand-in answered OK only to a correctly signed request: Aliyun would accept it
        assert [p["AccessKeyId"] for p in sms_stand_in.received] == [KEY_ID]

        # --- reports a repair with a photo, from the home's "我要报事" ------------------------
        jpeg = base64.b64decode(phone.evaluate(DRAW_JPEG))
        phone.get_by_test_id("home-report").click()
        phone.wait_for_url(re.compile(r"/requests/new$"))
        phone.get_by_test_id("field-kind-repair").click()
        phone.get_by_test_id("request-next").click()
        expect(phone.get_by_test_id("request-step-2")).to_be_visible()
        phone.get_by_test_id(f"field-unit-{unit_id}").click()
        phone.get_by_test_id("field-description").fill(description)
        phone.get_by_test_id("request-files").set_input_files(
            files=[{"name": "sink.jpg", "mimeType": "image/jpeg", "buffer": jpeg}]
        )
        expect(phone.get_by_test_id("request-files-thumbs").locator("img")).to_have_count(1)
        phone.get_by_test_id("field-visit_day").fill(visit_day)
        phone.get_by_test_id("field-visit_slot-morning").click()
        phone.get_by_test_id("request-next").click()
        expect(phone.get_by_test_id("request-review")).to_contain_text("09:00–12:00")
        expect(phone.get_by_test_id("request-review")).to_contain_text(description)
        expect(phone.get_by_test_id("review-thumbs").locator("img")).to_have_count(1)
        phone.get_by_test_id("request-submit").click()
        phone.wait_for_url(re.compile(r"/requests/\d+$"))
        request_id = int(phone.url.rstrip("/").rsplit("/", 1)[1])
        created.append(request_id)
        expect_status(phone, "submitted")
        with schema_context(cast.a.schema):
            attachment = Attachment.objects.get(request_id=request_id)
            submitted = ServiceRequest.objects.get(pk=request_id)
            assert (submitted.unit_id, submitted.kind) == (unit_id, "repair")
            assert submitted.requester is not None
            assert submitted.requester.email == cast.a.resident.email
            assert submitted.preferred_visit_from is not None
            assert (
                submitted.preferred_visit_from.astimezone(SHANGHAI).date().isoformat() == visit_day
            )
        connection.set_schema_to_public()
        _expect_photo_loads(phone, f"/api/v1/complaints/{request_id}/attachments/{attachment.pk}/")
        expect(phone.get_by_test_id("request-visit")).to_contain_text("09:00–12:00")
        shot(phone, "story-sms-resident-submitted")

        # --- chases it (催办): on the timeline, the manager told, not again today -------------
        phone.get_by_test_id("action-chase").click()
        expect(phone.locator("[data-testid='timeline-event'][data-action='chase']")).to_have_count(
            1
        )
        expect(phone.get_by_test_id("chase-again")).to_be_visible()
        expect(phone.get_by_test_id("action-chase")).to_have_count(0)
        with schema_context(cast.a.schema):
            told = Notification.objects.filter(
                kind="request.chased", link=f"/requests/{request_id}"
            )
            assert [n.user.email for n in told] == [cast.a.manager.email]
        connection.set_schema_to_public()

        # --- follows it from the home -------------------------------------------------------
        phone.goto(f"{firm}/")
        item = phone.get_by_test_id(f"home-request-{request_id}")
        expect(item).to_contain_text(description)
        expect(phone.get_by_test_id(f"home-request-status-{request_id}")).to_have_attribute(
            "data-status", "submitted"
        )
        expect(phone.get_by_test_id(f"home-request-due-{request_id}")).to_be_visible()
        shot(phone, "story-sms-resident-follows")

        # --- a repairer takes it: the resident sees who is coming and can call them ----------
        staff = new_context()
        desk = staff.new_page()
        log_in(desk, firm, cast.a.staff.email, PASSWORD)
        desk.goto(f"{firm}/requests/{request_id}")
        expect_status(desk, "submitted")
        expect(desk.get_by_test_id("request-visit")).to_contain_text("09:00–12:00")
        desk.get_by_test_id("action-take").click()
        expect_status(desk, "accepted")
        phone.goto(f"{firm}/requests/{request_id}")
        expect(phone.get_by_test_id("request-assignee")).to_contain_text("staff")
        expect(phone.get_by_test_id("assignee-phone")).to_have_attribute(
            "href", re.compile(r"^tel:\d+$")
        )
        shot(phone, "story-sms-resident-sees-repairer")
        act(desk, "resolve", note="更换了水槽下的软管和密封圈，已试水不漏。")
        expect_status(desk, "resolved")

        # --- the resident sees it resolved on the home, opens it and rates it -----------------
        phone.goto(f"{firm}/")
        expect(phone.get_by_test_id(f"home-request-status-{request_id}")).to_have_attribute(
            "data-status", "resolved"
        )
        expect(phone.get_by_test_id(f"home-request-rate-{request_id}")).to_be_visible()
        shot(phone, "story-sms-resident-to-rate")
        phone.get_by_test_id(f"home-request-{request_id}").click()
        phone.wait_for_url(re.compile(rf"/requests/{request_id}$"))
        expect_status(phone, "resolved")
        expect(
            phone.locator("[data-testid='timeline-event'][data-action='resolve']")
        ).to_have_count(1)
        rate(phone, 5)
        expect_status(phone, "closed")
        expect(phone.get_by_test_id("rating-summary")).to_be_visible()
        expect(phone.locator("[data-testid^='action-']")).to_have_count(0)
        shot(phone, "story-sms-resident-rated")
        with schema_context(cast.a.schema):
            closed = ServiceRequest.objects.get(pk=request_id)
            assert (closed.status, closed.rating) == ("closed", 5)
        connection.set_schema_to_public()

        # --- a closed request leaves the home's open list ------------------------------------
        phone.goto(f"{firm}/")
        expect(phone.get_by_test_id("home-open-requests")).to_be_visible()
        expect(phone.get_by_test_id(f"home-request-{request_id}")).to_have_count(0)
    finally:
        _clean_up(cast.a.schema, created, cast.a.estates["A1"], counter_before)
