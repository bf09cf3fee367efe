"""Query parameters of the audit log (a bad value is a 400 naming the parameter)."""

from __future__ import annotations

from django_filters import rest_framework as filters

from api.common import IdFilter
from audit.selectors import KIND_KEYS, LogFilter
from tenants.models import SupportGrant


class AuditLogFilter(filters.FilterSet):
    """Validates the parameters only: the log is a UNION that `audit.selectors.heads` filters
    itself, so `log_filter()` hands the cleaned values over instead of filtering a queryset."""

    estate = IdFilter(help_text="only events of this estate")
    actor = IdFilter(help_text="only events made by this user")
    kind = filters.ChoiceFilter(choices=[(k, k) for k in KIND_KEYS], help_text="record kind")
    since = filters.DateFilter(help_text="from this day (inclusive)")
    until = filters.DateFilter(help_text="to this day (inclusive)")

    class Meta:
        model = SupportGrant  # unused: the FilterSet validates, the selector filters
        fields: list[str] = []

    def log_filter(self) -> LogFilter:
        data = self.form.cleaned_data
        return LogFilter(
            estate=int(data["estate"]) if data.get("estate") is not None else None,
            actor=int(data["actor"]) if data.get("actor") is not None else None,
            kind=data.get("kind") or None,
            since=data.get("since"),
            until=data.get("until"),
        )
