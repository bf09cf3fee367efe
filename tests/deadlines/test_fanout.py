"""Beat's fan-out: one task per firm with something due, none for the others."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from deadlines import tasks
from tenants.fanout import for_each_active_firm
from tenants.models import Firm

pytestmark = pytest.mark.django_db


class FakeTask:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def delay(self, *args: Any, **kwargs: Any) -> None:
        self.sent.append(connection.schema_name)


def _firm(slug: str, **fields: Any) -> Firm:
    """A firm row without a schema: enough for the fan-out decision."""
    values: dict[str, Any] = {"provisioning_status": "ready", "status": "active", **fields}
    return Firm.all_objects.create(name=slug, slug=slug, schema_name=f"firm_{slug}", **values)


@pytest.fixture
def firms(cast) -> dict[str, Firm]:
    now = timezone.now()
    Firm.all_objects.update(next_due_at=None)
    return {
        "due": _firm("due", next_due_at=now - timedelta(minutes=1)),
        "idle": _firm("idle"),
        "later": _firm("later", next_due_at=now + timedelta(hours=3)),
        "suspended": _firm("suspended", status="suspended", next_due_at=now),
        "pending": _firm("pending", provisioning_status="pending", next_due_at=now),
    }


def test_a_firm_with_nothing_due_gets_no_task_and_one_with_something_due_exactly_one(
    firms, monkeypatch
) -> None:
    fake = FakeTask()
    monkeypatch.setattr(tasks, "sweep_firm", fake)
    assert tasks.sweep_due_firms() == 1
    assert fake.sent == ["firm_due"]


def test_the_daily_safety_net_sends_one_task_to_every_active_firm(firms, cast) -> None:
    fake = FakeTask()
    assert for_each_active_firm(fake) == len(fake.sent)
    assert sorted(fake.sent) == sorted(
        [cast.a.schema, cast.b.schema, "firm_due", "firm_idle", "firm_later"]
    )
