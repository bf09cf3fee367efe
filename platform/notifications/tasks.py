"""Thin Celery tasks: fetch, call a service."""

from __future__ import annotations

from celery import shared_task

from .services import DELIVER_EMAIL, DELIVER_SMS, deliver_email, deliver_sms


@shared_task(name=DELIVER_EMAIL)
def deliver_email_task(notification_ids: list[int]) -> int:
    """E-mail the notifications not e-mailed yet (sent through the outbox by `notify`)."""
    return deliver_email(notification_ids=notification_ids)


@shared_task(name=DELIVER_SMS)
def deliver_sms_task(notification_ids: list[int]) -> int:
    """Text the urgent notifications to the holders who opted in (sent through the outbox)."""
    return deliver_sms(notification_ids=notification_ids)
