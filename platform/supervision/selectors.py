"""Reads of owner supervision, and who sees what.

Visibility goes through `estates.selectors.scope_for` and the committee seam
`committee.selectors.supervised_estate_ids`:
- the firm side (firm admin: every estate; manager and staff: their estates) and the estate's
  committee accounts see templates, schedules, submitted rounds and every rectification;
- a confirmed supervisor also sees the rounds still open on site in their estate;
- a resident sees the published reports of the estates of their own units.
Writes: supervisors only (`is_supervisor`); the firm's answers by the firm admin or a manager of
THAT estate (`responds_for`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from accounts.choices import Role
from accounts.models import User
from accounts.selectors import active_grants
from committee.selectors import supervised_estate_ids
from estates.models import CommonArea, Estate, StaffAssignment
from estates.selectors import scope_for

from .choices import RoundStatus
from .exceptions import (
    RectificationNotFound,
    RoundNotFound,
    ScheduleNotFound,
    TemplateNotFound,
)
from .models import (
    Rectification,
    RectificationEvent,
    Round,
    Schedule,
    Template,
    TemplateVersion,
)


@dataclass(frozen=True)
class Reach:
    all_estates: bool
    full: frozenset[int]  # firm side and committee accounts of the estate
    supervised: frozenset[int]  # confirmed supervisors
    home: frozenset[int]  # residents: published reports

    def full_q(self, field: str = "estate_id") -> Q:
        return Q() if self.all_estates else Q(**{f"{field}__in": self.full | self.supervised})


def reach_for(*, user: User) -> Reach:
    scope = scope_for(user=user)
    return Reach(
        all_estates=scope.all_estates,
        full=scope.estate_ids,
        supervised=supervised_estate_ids(user),
        home=scope.home_estate_ids,
    )


def responds_for(*, user: User, estate_id: int) -> bool:
    """Firm admin, or a manager of this estate: who answers and reassigns its rectifications."""
    return any(
        g.role == Role.FIRM_ADMIN or (g.role == Role.MANAGER and g.estate_id == estate_id)
        for g in active_grants(user=user)
    )


def estate_managers(*, estate_id: int) -> list[User]:
    """The estate's managers in the order they were assigned (the first is the default)."""
    ids = list(
        StaffAssignment.objects.filter(estate_id=estate_id, role=Role.MANAGER)
        .order_by("id")
        .values_list("user_id", flat=True)
    )
    users = {u.pk: u for u in User.objects.filter(pk__in=ids, is_active=True)}
    return [users[i] for i in ids if i in users]


def area_manager(*, estate_id: int, area: str, managers: list[User]) -> User | None:
    """The manager the estate named responsible for the inspected common area (matched by its
    name), if they still manage the estate; else None (the estate's first manager answers)."""
    name = area.strip()
    if not name:
        return None
    manager_id = (
        CommonArea.objects.filter(estate_id=estate_id, name=name)
        .values_list("manager_id", flat=True)
        .first()
    )
    return next((m for m in managers if m.pk == manager_id), None)


def firm_admins() -> list[User]:
    return list(User.objects.filter(is_active=True, role_grants__role=Role.FIRM_ADMIN).distinct())


def estate_get_for(*, user: User, pk: int) -> Estate | None:
    reach = reach_for(user=user)
    if reach.all_estates or pk in reach.full or pk in reach.supervised:
        return Estate.objects.filter(pk=pk).first()
    return None


# --- templates and schedules ------------------------------------------------------------------


def _versions() -> Prefetch:
    return Prefetch(
        "versions",
        queryset=TemplateVersion.objects.prefetch_related("items").order_by("-number"),
    )


def template_list(*, user: User) -> QuerySet[Template]:
    reach = reach_for(user=user)
    return (
        Template.objects.filter(reach.full_q())
        .select_related("created_by")
        .prefetch_related(_versions())
        .order_by("estate_id", "service_line", "id")
    )


def template_get(*, user: User, pk: int) -> Template:
    found = template_list(user=user).filter(pk=pk).first()
    if found is None:
        raise TemplateNotFound()
    return found


def schedule_list(*, user: User) -> QuerySet[Schedule]:
    reach = reach_for(user=user)
    return Schedule.objects.filter(reach.full_q()).select_related("template", "created_by")


def schedule_get(*, user: User, pk: int) -> Schedule:
    found = schedule_list(user=user).filter(pk=pk).first()
    if found is None:
        raise ScheduleNotFound()
    return found


# --- rounds ---------------------------------------------------------------------------------


def round_list(*, user: User) -> QuerySet[Round]:
    reach = reach_for(user=user)
    submitted = Q(status=RoundStatus.SUBMITTED)
    if reach.all_estates:
        seen = submitted | Q(estate_id__in=reach.supervised)
    else:
        seen = (submitted & Q(estate_id__in=reach.full)) | Q(estate_id__in=reach.supervised)
    if reach.home:
        seen |= Q(estate_id__in=reach.home, publication__isnull=False)
    return (
        Round.objects.filter(seen)
        .select_related("version__template", "started_by", "publication", "estate")
        .order_by("-started_at", "-id")
    )


def round_get(*, user: User, pk: int) -> Round:
    found = (
        round_list(user=user)
        .prefetch_related(
            "version__items",
            "answers__answered_by",
            "photos",
            "addenda__written_by",
            "rectifications",
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise RoundNotFound()
    return found


# --- rectifications -------------------------------------------------------------------------


def rectification_list(*, user: User) -> QuerySet[Rectification]:
    reach = reach_for(user=user)
    return (
        Rectification.objects.filter(reach.full_q())
        .select_related("assignee", "estate")
        .order_by("due_at", "id")
    )


def rectification_get(*, user: User, pk: int) -> Rectification:
    found = (
        rectification_list(user=user)
        .select_related("answer", "round", "opened_by")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=RectificationEvent.objects.select_related(
                    "written_by", "assignee"
                ).prefetch_related("photos"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise RectificationNotFound()
    return found
