"""Thin Celery tasks: deliver one row (in the schema it was sent from), and beat's drain."""

from __future__ import annotations

from celery import shared_task

from .services import DELIVER, deliver, drain, prune_all


@shared_task(name=DELIVER, acks_late=True)
def deliver_message(message_id: int) -> str:
    return deliver(message_id=message_id)


@shared_task(name="outbox.drain")
def drain_all() -> int:
    """Beat, every OUTBOX_DRAIN_SECONDS: hand every due row of every schema to Celery."""
    return sum(len(ids) for ids in drain().values())


@shared_task(name="outbox.prune")
def prune_delivered() -> int:
    return prune_all()
