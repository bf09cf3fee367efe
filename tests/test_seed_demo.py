"""The run command's demo data: two estates with people, staff and a committee, requests in
every state (one red on the committee's board), and it can run twice."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tenants.utils import schema_context

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_a_usable_demo_and_is_idempotent(capsys) -> None:
    call_command("seed_demo")
    first = capsys.readouterr().out
    call_command("seed_demo")
    assert "admin@linli.local / LinliDemo#2026" in first
    assert "YG01 阳光花园, CH02 翠湖苑" in first

    from complaints.models import ServiceRequest
    from complaints.services import red_board
    from estates.models import CommitteeMembership, Estate, OwnerRecord, StaffAssignment, Unit

    with schema_context("firm_demo"):
        assert Estate.objects.count() == 2
        assert Unit.objects.count() == 4 * 12 * 4 + 3 * 8 * 2
        assert OwnerRecord.objects.count() > 150
        assert StaffAssignment.objects.count() == 3
        assert CommitteeMembership.objects.count() == 1
        estate = Estate.objects.get(code="YG01")
        statuses = set(ServiceRequest.objects.values_list("status", flat=True))
        assert {"submitted", "in_progress", "closed", "rejected"} <= statuses
        assert any(r.colour == "red" for r in red_board(estate_id=estate.pk))
        count = ServiceRequest.objects.count()
    call_command("seed_demo")
    with schema_context("firm_demo"):
        assert ServiceRequest.objects.count() == count

    # the demo committee is seated by a filing the platform confirmed, once
    from committee.selectors import current_filing, is_chair
    from tenants.models import CommitteeFiling

    with schema_context("firm_demo"):
        seat = CommitteeMembership.objects.select_related("user", "filing").get()
        assert seat.filing is not None
        assert current_filing(estate=estate) == seat.filing
        assert is_chair(seat.user, estate.pk)
    confirmed = CommitteeFiling.objects.filter(firm__schema_name="firm_demo")
    assert list(confirmed.values_list("status", flat=True)) == ["confirmed"]
