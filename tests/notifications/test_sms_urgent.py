"""Urgent notices by SMS (issue #13 §2): red escalations and published statements also go by
SMS to those who opted in and have a phone, once per notification, through the outbox; every
other kind, and everyone who did not opt in, gets none."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from notifications.models import Notification
from notifications.services import deliver_sms, notify
from outbox.models import OutboxMessage
from sms.backends import ConsoleBackend
from tests.helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def console_sms(settings):
    settings.LINLI_SMS_BACKEND = "console"
    ConsoleBackend.sent = []


def _opt_in(user, phone: str = "13912345678") -> None:
    user.sms_urgent, user.phone = True, phone
    user.save(update_fields=["sms_urgent", "phone"])


def _sms_rows() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(task="notifications.deliver_sms"))


def test_a_red_escalation_is_texted_once_to_who_opted_in_and_has_a_phone(cast) -> None:
    with schema_context(cast.a.schema):
        manager, admin, staff = cast.a.manager.user, cast.a.admin.user, cast.a.staff.user
        _opt_in(manager)
        _opt_in(staff, phone="")  # opted in, but no phone
        notes = notify(
            users=[manager, admin, staff],
            kind="escalation.red",
            title="诉求 A1-000040 已超时：楼道漏水，业主已等待三天仍未处理完毕",
            link="/requests/40",
            dedupe_key="test:red:40",
        )
        (row,) = _sms_rows()
        texted = {n.pk for n in notes if n.user_id == manager.pk}
        assert set(row.kwargs["notification_ids"]) == texted
        assert deliver_sms(notification_ids=row.kwargs["notification_ids"]) == 1
        # a second run (a retry, a replayed outbox row) sends nothing more
        assert deliver_sms(notification_ids=row.kwargs["notification_ids"]) == 0
        assert Notification.objects.get(pk__in=texted).smsed_at is not None
    assert len(ConsoleBackend.sent) == 1
    phone, template, params = ConsoleBackend.sent[0]
    assert (phone, template) == ("13912345678", "urgent_notice")
    assert len(params["title"]) == 30 and params["title"].endswith("…")


def test_other_kinds_and_users_who_did_not_opt_in_get_no_sms(cast) -> None:
    with schema_context(cast.a.schema):
        _opt_in(cast.a.resident.user)
        notify(
            users=[cast.a.resident.user],
            kind="request.status",
            title="您的诉求 A1-000041 已受理",
            dedupe_key="test:status:41",
        )
        notify(
            users=[cast.a.admin.user],  # has not opted in
            kind="disclosure.published",
            title="2026 年 11 月收益报表已公示",
            dedupe_key="test:published:11",
        )
        assert _sms_rows() == []
    assert ConsoleBackend.sent == []


def test_opting_out_before_delivery_stops_the_sms(cast) -> None:
    with schema_context(cast.a.schema):
        resident = cast.a.resident.user
        _opt_in(resident)
        notify(
            users=[resident],
            kind="disclosure.published",
            title="2026 年 11 月收益报表已公示",
            dedupe_key="test:published:11b",
        )
        resident.sms_urgent = False
        resident.save(update_fields=["sms_urgent"])
        (row,) = _sms_rows()
        assert deliver_sms(notification_ids=row.kwargs["notification_ids"]) == 0
    assert ConsoleBackend.sent == []


def test_a_user_opts_in_on_their_own_account(cast) -> None:
    client = login(cast.a.resident)
    me = client.get("/api/v1/auth/me/").json()
    assert me["sms_urgent"] is False
    changed = client.patch("/api/v1/auth/me/", {"sms_urgent": True}, format="json")
    assert changed.status_code == 200 and changed.json()["sms_urgent"] is True
    refused = client.patch("/api/v1/auth/me/", {"sms_urgent": "maybe"}, format="json")
    assert refused.status_code == 400 and "sms_urgent" in refused.json()["fields"]
    with schema_context(cast.a.schema):
        cast.a.resident.user.refresh_from_db()
        assert cast.a.resident.user.sms_urgent is True
