"""Query parameters of the inbox."""

from __future__ import annotations

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from notifications.models import Notification


class NotificationFilter(filters.FilterSet):
    unread = filters.BooleanFilter(method="filter_unread", help_text="only unread notifications")

    class Meta:
        model = Notification
        fields: list[str] = []

    def filter_unread(
        self, qs: QuerySet[Notification], name: str, value: bool
    ) -> QuerySet[Notification]:
        return qs.filter(read_at__isnull=True) if value else qs
