"""One FilterSet per list endpoint of the estates API. The selectors decide what a user may see
(scope); these narrow it down by query parameters. A value that is not valid answers 400 with
a message for that parameter."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from api.common import IdFilter
from estates.choices import JoinStatus
from estates.models import (
    Building,
    CommitteeMembership,
    CommonArea,
    Estate,
    ImportJob,
    JoinRequest,
    Person,
    StaffAssignment,
    Unit,
)


def _search(max_length: int = 100) -> django_filters.CharFilter:
    return django_filters.CharFilter(method="filter_search", max_length=max_length, label=_("搜索"))


class EstateFilter(django_filters.FilterSet):
    search = _search()

    class Meta:
        model = Estate
        fields: list[str] = []

    def filter_search(self, qs: QuerySet[Estate], name: str, value: str) -> QuerySet[Estate]:
        return qs.filter(Q(name__icontains=value) | Q(code__icontains=value))


class EstateChildFilter(django_filters.FilterSet):
    """Lists of things that belong to one estate: `?estate=<id>`."""

    estate = IdFilter(field_name="estate_id", label=_("小区"))


class BuildingFilter(EstateChildFilter):
    class Meta:
        model = Building
        fields: list[str] = []


class CommonAreaFilter(EstateChildFilter):
    class Meta:
        model = CommonArea
        fields: list[str] = []


class StaffAssignmentFilter(EstateChildFilter):
    class Meta:
        model = StaffAssignment
        fields: list[str] = []


class CommitteeMembershipFilter(EstateChildFilter):
    class Meta:
        model = CommitteeMembership
        fields: list[str] = []


class ImportJobFilter(EstateChildFilter):
    class Meta:
        model = ImportJob
        fields: list[str] = []


class JoinRequestFilter(EstateChildFilter):
    status = django_filters.ChoiceFilter(choices=JoinStatus.choices, label=_("状态"))

    class Meta:
        model = JoinRequest
        fields: list[str] = []


class UnitFilter(EstateChildFilter):
    building = IdFilter(field_name="building_id", label=_("楼栋"))
    search = _search()

    class Meta:
        model = Unit
        fields: list[str] = []

    def filter_search(self, qs: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        return qs.filter(
            Q(number__icontains=value)
            | Q(building__name__icontains=value)
            | Q(owner_records__person__full_name__icontains=value)
        ).distinct()


class PersonFilter(django_filters.FilterSet):
    estate = IdFilter(method="filter_estate", label=_("小区"))
    search = _search()

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_estate(self, qs: QuerySet[Person], name: str, value: int) -> QuerySet[Person]:
        return qs.filter(
            Q(owner_records__unit__estate_id=value) | Q(occupancies__unit__estate_id=value)
        ).distinct()

    def filter_search(self, qs: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return qs.filter(Q(full_name__icontains=value) | Q(phone__contains=value))
