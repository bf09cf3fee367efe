"""Two sweeps at once (beat's minute sweep and the daily safety net, or a redelivered task next
to a dying one): the one holding a request holds only that request. The other sweep escalates
the estate's other requests on time and leaves the held one to its holder.

Committed rows (the holder runs on its own connection in a thread): a firm of its own, dropped
with its schema at the end."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from core.db import use_public_schema
from tests.helpers import FirmCast, make_firm, make_portfolio


@pytest.fixture
def db(django_db_blocker) -> Iterator[None]:
    """Committed database access: the holder's connection must see the rows."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def firm(db, cast) -> Iterator[FirmCast]:
    from tenants.models import Firm

    made = make_firm("firm-locks", [("admin", "firm_admin"), ("resident", "resident")])
    make_portfolio(made, ["L1"])
    try:
        yield made
    finally:
        use_public_schema()
        Firm.all_objects.get(slug="firm-locks").delete(force_drop=True)
        use_public_schema()


def test_a_sweep_holding_one_request_does_not_stop_another_escalating_its_neighbours(
    firm,
) -> None:
    from complaints.models import Escalation, ServiceRequest
    from complaints.services import request_submit
    from deadlines.registry import kinds
    from deadlines.services import sweep_kind
    from estates.models import Estate, Unit

    schema = firm.schema
    with schema_context(schema):
        estate = Estate.objects.get(pk=firm.estates["L1"])
        unit = Unit.objects.get(pk=firm.units["L1-1-101"])
        for n in range(3):
            request_submit(
                estate=estate, kind="repair", category="repair", description=f"漏水 {n}",
                channel="app", unit=unit, requester=firm.resident.user,
                now=timezone.now() - timedelta(hours=30),
            )  # fmt: skip
        held, *others = ServiceRequest.objects.order_by("id").values_list("id", flat=True)
        kind = next(k for k in kinds() if k.model.__name__ == "SlaClock")
    use_public_schema()

    holding, release = threading.Event(), threading.Event()

    def holder() -> None:  # the other sweep, inside its transaction on `held`
        try:
            with schema_context(schema), transaction.atomic():
                assert kind.lock(held) is not None
                holding.set()
                release.wait(60)
        finally:
            connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert holding.wait(60)
        with schema_context(schema):
            counts = sweep_kind(kind, now=timezone.now())
            escalated = set(Escalation.objects.values_list("request_id", flat=True))
        assert escalated == set(others), counts  # the neighbours on time, the held one left
    finally:
        release.set()
        thread.join(60)
        use_public_schema()

    with schema_context(schema):
        sweep_kind(kind, now=timezone.now())  # the holder's next turn (here: the next sweep)
        assert set(Escalation.objects.values_list("request_id", flat=True)) == {held, *others}
    use_public_schema()
