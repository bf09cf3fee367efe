"""Query parameters of the supervision lists (django-filter: a bad value is a 400 naming it)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from django_filters import rest_framework as filters

from api.common import IdFilter
from supervision.choices import RectificationStatus, RoundStatus, ServiceLine
from supervision.models import Rectification, Round, Schedule, Template


class TemplateFilter(filters.FilterSet):
    estate = IdFilter(help_text="estate id")
    service_line = filters.ChoiceFilter(choices=ServiceLine.choices)

    class Meta:
        model = Template
        fields: list[str] = []


class ScheduleFilter(filters.FilterSet):
    estate = IdFilter(help_text="estate id")

    class Meta:
        model = Schedule
        fields: list[str] = []


class RoundFilter(filters.FilterSet):
    estate = IdFilter(help_text="estate id")
    status = filters.ChoiceFilter(choices=RoundStatus.choices)
    service_line = filters.ChoiceFilter(choices=ServiceLine.choices)
    published = filters.BooleanFilter(field_name="publication", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Round
        fields: list[str] = []


LEVELS = (("red", "red"), ("yellow", "yellow"), ("green", "green"))


class RectificationFilter(filters.FilterSet):
    estate = IdFilter(help_text="estate id")
    status = filters.ChoiceFilter(choices=RectificationStatus.choices)
    service_line = filters.ChoiceFilter(choices=ServiceLine.choices)
    level = filters.ChoiceFilter(choices=LEVELS, method="by_level", help_text="open ones by colour")
    assignee = IdFilter(help_text="user id")

    class Meta:
        model = Rectification
        fields: list[str] = []

    def by_level(
        self, queryset: QuerySet[Rectification], name: str, value: str
    ) -> QuerySet[Rectification]:
        now = timezone.now()
        open_ = queryset.filter(status=RectificationStatus.OPEN)
        if value == "red":
            return open_.filter(due_at__lte=now)
        if value == "yellow":
            return open_.filter(due_at__gt=now, yellow_at__lte=now)
        return queryset.exclude(Q(status=RectificationStatus.OPEN) & Q(yellow_at__lte=now))
