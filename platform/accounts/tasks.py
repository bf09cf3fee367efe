"""Thin Celery tasks: fetch, call a service."""

from __future__ import annotations

from celery import shared_task

from . import emails

SEND_INVITATION = "accounts.send_invitation_email"


@shared_task(name=SEND_INVITATION)
def send_invitation_email(
    *, to: str, link: str, firm_name: str, full_name: str, language: str
) -> None:
    """The invitation e-mail (sent through the outbox by `invitation_issue`)."""
    emails.send_invitation_email(
        to=to, link=link, firm_name=firm_name, full_name=full_name, language=language
    )
