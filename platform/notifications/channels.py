"""Outbound channels. E-mail is real (Django's e-mail framework); SMS and WeChat are the
interface a provider plugs into, with no provider wired (they log and report `False`)."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage

from core.db import current_schema

from .models import Notification

logger = logging.getLogger(__name__)


class Channel(Protocol):
    name: str

    def send(self, notification: Notification) -> bool: ...


def site_url() -> str:
    """The current firm's own address: its primary domain with the site's scheme and port (no
    port when it is the scheme's default)."""
    from tenants.models import Domain

    host = (
        Domain.objects.filter(tenant__schema_name=current_schema(), is_primary=True)
        .values_list("domain", flat=True)
        .first()
    ) or settings.BASE_DOMAIN
    port = settings.SITE_PORT
    port_part = f":{port}" if port and port not in {"80", "443"} else ""
    return f"{settings.SITE_SCHEME}://{host}{port_part}"


def absolute(link: str) -> str:
    """A link a mail client can open: the app's own paths become URLs on the firm's host."""
    return f"{site_url()}{link}" if link.startswith("/") else link


class EmailChannel:
    name = "email"

    def send(self, notification: Notification) -> bool:
        if not notification.user.email:
            return False
        message = EmailMessage(
            subject=notification.title,
            body=f"{notification.body}\n\n{absolute(notification.link)}".strip(),
            to=[notification.user.email],
            # A stable Message-ID: if a crash makes us send twice, mail clients show it once.
            headers={"Message-ID": f"<linli-notification-{notification.pk}@linli.local>"},
        )
        return bool(message.send())


class UnconfiguredChannel:
    """SMS / WeChat: configure a provider by implementing `send`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def send(self, notification: Notification) -> bool:
        logger.info(
            "No %s provider configured; notification %s not sent", self.name, notification.pk
        )
        return False


CHANNELS: dict[str, Channel] = {
    "email": EmailChannel(),
    "sms": UnconfiguredChannel("sms"),
    "wechat": UnconfiguredChannel("wechat"),
}
