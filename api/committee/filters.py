"""Query parameters of the committee lists (django-filter: a bad value is a 400 naming it)."""

from __future__ import annotations

from django_filters import rest_framework as filters

from tenants.choices import FilingStatus
from tenants.models import CommitteeFiling


class FilingFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=FilingStatus.choices)

    class Meta:
        model = CommitteeFiling
        fields: list[str] = []
