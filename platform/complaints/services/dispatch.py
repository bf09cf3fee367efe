"""Dispatch: estate x category rules to a group; round-robin inside the group."""

from __future__ import annotations

from accounts.models import User

from ..models import DispatchGroup, DispatchRule, ServiceRequest


def next_member(*, group: DispatchGroup) -> User | None:
    """The next active member in turn (locks the group row: concurrent requests never pick the
    same turn)."""
    group = DispatchGroup.objects.select_for_update().get(pk=group.pk)
    members = list(group.members.filter(is_active=True).order_by("id"))
    if not members:
        return None
    member = members[group.next_index % len(members)]
    group.next_index = (group.next_index + 1) % len(members)
    group.save(update_fields=["next_index"])
    return member


def auto_dispatch(*, request: ServiceRequest) -> User | None:
    rule = (
        DispatchRule.objects.select_related("group")
        .filter(estate_id=request.estate_id, category=request.category)
        .first()
    )
    if rule is None:
        return None
    member = next_member(group=rule.group)
    request.group = rule.group
    request.assignee = member
    request.save(update_fields=["group", "assignee", "updated_at"])
    return member
