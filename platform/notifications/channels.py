"""Outbound channels. E-mail is real (Django's e-mail framework); SMS and WeChat are the
interface a provider plugs into, with no provider wired (they log and report `False`)."""

from __future__ import annotations

import logging
from typing import Protocol

from django.core.mail import EmailMessage

from .models import Notification

logger = logging.getLogger(__name__)


class Channel(Protocol):
    name: str

    def send(self, notification: Notification) -> bool: ...


class EmailChannel:
    name = "email"

    def send(self, notification: Notification) -> bool:
        if not notification.user.email:
            return False
        message = EmailMessage(
            subject=notification.title,
            body=f"{notification.body}\n\n{notification.link}".strip(),
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
