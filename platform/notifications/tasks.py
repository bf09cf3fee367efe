"""Thin Celery tasks: fetch, call a service."""

from __future__ import annotations

from celery import shared_task

from .services import DELIVER_EMAIL, deliver_email


@shared_task(name=DELIVER_EMAIL)
def deliver_email_task(notification_ids: list[int]) -> int:
    """E-mail the notifications not e-mailed yet (sent through the outbox by `notify`)."""
    return deliver_email(notification_ids=notification_ids)
