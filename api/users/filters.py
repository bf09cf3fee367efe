"""The firm users list's query parameters (a value that is not valid answers 400)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.choices import FIRM_ROLES
from accounts.models import User


class UserFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", max_length=100, label=_("搜索"))
    role = django_filters.ChoiceFilter(
        choices=[(r.value, r.label) for r in FIRM_ROLES], method="filter_role", label=_("角色")
    )

    class Meta:
        model = User
        fields: list[str] = []

    def filter_search(self, qs: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return qs.filter(Q(email__icontains=value) | Q(full_name__icontains=value))

    def filter_role(self, qs: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return qs.filter(role_grants__role=value).distinct()
