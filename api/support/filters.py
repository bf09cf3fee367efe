"""The platform's list of support requests: one firm's (a value that is not valid answers 400)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from tenants.models import SupportGrant


class SupportGrantFilter(django_filters.FilterSet):
    firm = django_filters.NumberFilter(field_name="firm_id", min_value=1, label=_("物业公司"))

    class Meta:
        model = SupportGrant
        fields: list[str] = []
