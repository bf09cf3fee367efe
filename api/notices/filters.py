"""Query parameters of the notice list (django-filter: a bad value is a 400 naming it)."""

from __future__ import annotations

from django_filters import rest_framework as filters

from api.common import IdFilter
from notices.models import Notice


class NoticeFilter(filters.FilterSet):
    estate = IdFilter(help_text="estate id")
    side = filters.ChoiceFilter(choices=(("firm", "firm"), ("committee", "committee")))

    class Meta:
        model = Notice
        fields: list[str] = []
