"""Query parameters of the notice list (django-filter: a bad value is a 400 naming it)."""

from __future__ import annotations

from django_filters import rest_framework as filters

from api.common import IdFilter
from notices.choices import Kind, Side
from notices.models import Notice


class NoticeFilter(filters.FilterSet):
    estate = IdFilter(help_text="estate id")
    side = filters.ChoiceFilter(choices=[(v, v) for v in Side.values])
    kind = filters.ChoiceFilter(choices=[(v, v) for v in Kind.values])

    class Meta:
        model = Notice
        fields: list[str] = []
