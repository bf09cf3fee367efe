"""Notification e-mails (issue #7, finding 19): every link in a mail is absolute, to the
firm's own host, with the site's scheme and port."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from notifications.services import deliver_email, notify

pytestmark = pytest.mark.django_db

URL = re.compile(r"(?:https?://\S+|(?<![\w/])/[\w\-./]+)")


def test_the_link_in_a_notification_mail_opens_the_firms_own_site(cast, settings) -> None:
    settings.SITE_SCHEME, settings.SITE_PORT = "https", "8443"
    with schema_context(cast.a.schema):
        notes = notify(
            users=[cast.a.resident.user],
            kind="request.status",
            title="您的诉求 A1-000040 已受理",
            body="师傅下午上门",
            link="/requests/40",
            dedupe_key="test:mail-link",
        )
        assert notes[0].link == "/requests/40"  # the in-app inbox keeps the app's own path
        assert deliver_email(notification_ids=[n.pk for n in notes]) == 1
    links = URL.findall(mail.outbox[0].body)
    assert links == ["https://firm-a.localhost:8443/requests/40"], mail.outbox[0].body


def test_the_default_port_is_left_out_of_the_link(cast, settings) -> None:
    settings.SITE_SCHEME, settings.SITE_PORT = "https", ""
    with schema_context(cast.a.schema):
        notes = notify(
            users=[cast.a.resident.user],
            kind="request.status",
            title="t",
            link="/requests/41",
            dedupe_key="test:mail-link-2",
        )
        deliver_email(notification_ids=[n.pk for n in notes])
    assert "https://firm-a.localhost/requests/41" in mail.outbox[0].body
