"""Complaints configuration: dispatch groups, dispatch rules and SLA policies.

Every write names an estate, and `by` (the user, or None for the system) must see that
estate in full: the object's current estate AND the one it moves to. A rule's group belongs
to the rule's estate, and a group's members work on the group's estate, so dispatch never
hands one estate's requests to people without a grant on it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db import IntegrityError, transaction

from accounts.models import User
from estates.exceptions import EstateNotFound
from estates.models import Estate
from estates.selectors import scope_for

from ..exceptions import ConfigTaken, GroupInUse, GroupNotInEstate, MemberNotInEstate
from ..models import DispatchGroup, DispatchRule, SlaPolicy
from ..selectors import works_on


def _in_scope(by: User | None, *estates: Estate) -> None:
    if by is None:
        return
    scope = scope_for(user=by)
    if any(not scope.sees_estate_in_full(e.pk) for e in estates):
        raise EstateNotFound(fields={"estate": [EstateNotFound.default_detail]})


def _check_members(estate: Estate, members: Sequence[User]) -> None:
    if any(not works_on(user=m, estate_id=estate.pk) for m in members):
        raise MemberNotInEstate(fields={"members": [MemberNotInEstate.default_detail]})


def _check_group(estate: Estate, group: DispatchGroup) -> None:
    if group.estate_id != estate.pk:
        raise GroupNotInEstate(fields={"group": [GroupNotInEstate.default_detail]})


def _save(obj: DispatchGroup | DispatchRule | SlaPolicy) -> None:
    """Save, turning the estate-level uniqueness constraints into a named conflict."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise ConfigTaken() from None


# --- dispatch groups ---------------------------------------------------------------------------


@transaction.atomic
def dispatch_group_create(
    *, by: User | None, estate: Estate, name: str, members: Sequence[User] = ()
) -> DispatchGroup:
    _in_scope(by, estate)
    _check_members(estate, members)
    group = DispatchGroup(estate=estate, name=name.strip())
    _save(group)
    group.members.set(members)
    return group


@transaction.atomic
def dispatch_group_update(
    *,
    by: User | None,
    group: DispatchGroup,
    estate: Estate | None = None,
    name: str | None = None,
    members: Sequence[User] | None = None,
) -> DispatchGroup:
    group = (
        DispatchGroup.objects.select_for_update(of=("self",))
        .select_related("estate")
        .get(pk=group.pk)
    )
    target = estate or group.estate
    _in_scope(by, group.estate, target)
    if target.pk != group.estate_id and group.rules.exists():
        raise GroupInUse(fields={"estate": [GroupInUse.default_detail]})
    kept = list(group.members.all()) if members is None else list(members)
    _check_members(target, kept)
    group.estate = target
    if name is not None:
        group.name = name.strip()
    _save(group)
    if members is not None:
        group.members.set(kept)
        group.next_index = 0
        group.save(update_fields=["next_index"])
    return group


@transaction.atomic
def dispatch_group_delete(*, by: User | None, group: DispatchGroup) -> None:
    _in_scope(by, group.estate)
    group.delete()


# --- dispatch rules ----------------------------------------------------------------------------


@transaction.atomic
def dispatch_rule_create(
    *, by: User | None, estate: Estate, category: str, group: DispatchGroup
) -> DispatchRule:
    _in_scope(by, estate)
    _check_group(estate, group)
    rule = DispatchRule(estate=estate, category=category, group=group)
    _save(rule)
    return rule


@transaction.atomic
def dispatch_rule_update(
    *,
    by: User | None,
    rule: DispatchRule,
    estate: Estate | None = None,
    category: str | None = None,
    group: DispatchGroup | None = None,
) -> DispatchRule:
    rule = (
        DispatchRule.objects.select_for_update(of=("self",))
        .select_related("estate", "group")
        .get(pk=rule.pk)
    )
    target = estate or rule.estate
    _in_scope(by, rule.estate, target)
    _check_group(target, group or rule.group)
    rule.estate = target
    rule.group = group or rule.group
    if category is not None:
        rule.category = category
    _save(rule)
    return rule


@transaction.atomic
def dispatch_rule_delete(*, by: User | None, rule: DispatchRule) -> None:
    _in_scope(by, rule.estate)
    rule.delete()


@transaction.atomic
def rule_set(*, estate_id: int, category: str, group: DispatchGroup) -> DispatchRule:
    """The system's (seed data, tests) create-or-replace of the estate's rule for a category."""
    estate = Estate.objects.get(pk=estate_id)
    _check_group(estate, group)
    rule, _ = DispatchRule.objects.update_or_create(
        estate=estate, category=category, defaults={"group": group}
    )
    return rule


def group_create(*, estate_id: int, name: str, member_ids: list[int]) -> DispatchGroup:
    """The system's (seed data, tests) group creation from ids."""
    return dispatch_group_create(
        by=None,
        estate=Estate.objects.get(pk=estate_id),
        name=name,
        members=list(User.objects.filter(pk__in=member_ids)),
    )


# --- SLA policies ------------------------------------------------------------------------------


@transaction.atomic
def sla_policy_create(
    *,
    by: User | None,
    estate: Estate,
    category: str = "",
    urgency: str = "",
    response_hours: Decimal,
    plan_hours: Decimal,
    resolution_hours: Decimal,
) -> SlaPolicy:
    _in_scope(by, estate)
    policy = SlaPolicy(
        estate=estate,
        category=category,
        urgency=urgency,
        response_hours=response_hours,
        plan_hours=plan_hours,
        resolution_hours=resolution_hours,
    )
    _save(policy)
    return policy


@transaction.atomic
def sla_policy_update(
    *,
    by: User | None,
    policy: SlaPolicy,
    estate: Estate | None = None,
    category: str | None = None,
    urgency: str | None = None,
    response_hours: Decimal | None = None,
    plan_hours: Decimal | None = None,
    resolution_hours: Decimal | None = None,
) -> SlaPolicy:
    """New hours apply to clocks started from now on; running clocks keep their budget."""
    policy = (
        SlaPolicy.objects.select_for_update(of=("self",)).select_related("estate").get(pk=policy.pk)
    )
    target = estate or policy.estate
    _in_scope(by, policy.estate, target)
    policy.estate = target
    for field, value in (
        ("category", category),
        ("urgency", urgency),
        ("response_hours", response_hours),
        ("plan_hours", plan_hours),
        ("resolution_hours", resolution_hours),
    ):
        if value is not None:
            setattr(policy, field, value)
    _save(policy)
    return policy


@transaction.atomic
def sla_policy_delete(*, by: User | None, policy: SlaPolicy) -> None:
    _in_scope(by, policy.estate)
    policy.delete()
