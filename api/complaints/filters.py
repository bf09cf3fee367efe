"""Query parameters of the complaints lists, one FilterSet per list endpoint: django-filter
parses and validates them (a bad value is a 400 naming the parameter) and drf-spectacular
documents them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from api.common import IdFilter
from complaints import selectors
from complaints.choices import Category, Colour, HotTopicStatus, Status
from complaints.kpis import KpiSubset, created_within, kpi_subset
from complaints.models import HotTopic, ServiceRequest
from core.exceptions import ValidationFailed
from estates.selectors import estate_get
from estates.settings import EstateSettings


class CsvChoiceField(forms.CharField):
    """One value or several, comma-separated, each one of `choices`."""

    def __init__(self, *, choices: list[tuple[str, Any]], **kwargs: Any) -> None:
        self.allowed = {value for value, _label in choices}
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        parts = [p.strip() for p in text.split(",") if p.strip()]
        wrong = [p for p in parts if p not in self.allowed]
        if wrong:
            # the value goes in as a parameter: django-filter formats the message again, and a
            # '%' in what the caller sent must not break that (it was a 500)
            raise forms.ValidationError(
                _("不认识的取值：%(values)s。"),
                params={"values": ", ".join(wrong)},
            )
        return parts


@extend_schema_field(OpenApiTypes.STR)
class CsvChoiceFilter(filters.Filter):
    field_class = CsvChoiceField

    def __init__(self, *, choices: list[tuple[str, Any]], **kwargs: Any) -> None:
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(choices=choices, **kwargs)


@extend_schema_field(OpenApiTypes.DATE)
class DateParam(filters.DateFilter):
    """A Shanghai calendar date, YYYY-MM-DD (documented as a date, applied by the FilterSet)."""


class RequestFilter(filters.FilterSet):
    estate = IdFilter(help_text="estate id")
    status = CsvChoiceFilter(choices=Status.choices, help_text="a status, or several: a,b")
    category = filters.ChoiceFilter(choices=Category.choices)
    colour = filters.ChoiceFilter(choices=Colour.choices)
    assignee = IdFilter(help_text="assignee's user id")
    mine = filters.BooleanFilter(help_text="only the requests submitted by or for me")
    search = filters.CharFilter(help_text="part of the number or the description")
    created_from = DateParam(
        method="noop", help_text="created on or after this Shanghai date (YYYY-MM-DD)"
    )
    created_to = DateParam(
        method="noop", help_text="created on or before this Shanghai date (YYYY-MM-DD)"
    )
    kpi = filters.ChoiceFilter(
        method="noop",
        choices=[(c, c) for c in KpiSubset.CHOICES],
        help_text=(
            "the requests behind a KPI tile, by the KPI's definition (complaints.kpis): "
            "slow_response needs `estate` (its SLA response hours are the limit)"
        ),
    )
    ordering = filters.ChoiceFilter(
        method="noop",
        choices=[(o, o) for o in selectors.ORDERINGS],
        help_text="a column, '-' for descending; 'urgency' = overdue first, then least time left",
    )

    class Meta:
        model = ServiceRequest
        fields: list[str] = []

    def noop(self, qs: QuerySet[ServiceRequest], name: str, value: Any) -> QuerySet[ServiceRequest]:
        return qs  # applied in filter_queryset, after the scope

    def filter_queryset(self, queryset: QuerySet[ServiceRequest]) -> QuerySet[ServiceRequest]:
        """Scope and filters are one read, the selector's: an estate the user works on replaces
        the scope condition, so the estate's index serves the list."""
        d = self.form.cleaned_data
        qs = self._base(d)
        qs = created_within(qs, start=d.get("created_from"), end=d.get("created_to"))
        subset = d.get("kpi") or ""
        if subset:
            hours = None
            if subset == KpiSubset.SLOW_RESPONSE:
                if d.get("estate") is None:
                    raise ValidationFailed(fields={"estate": [_("请选择小区。")]})
                estate = estate_get(user=self.request.user, pk=d["estate"], full=True)  # type: ignore[union-attr,arg-type]
                hours = EstateSettings.from_estate(estate).sla_hours.response
            qs = kpi_subset(qs, subset=subset, response_hours=hours)
        return selectors.request_ordered(qs, d.get("ordering") or "")

    def _base(self, d: dict[str, Any]) -> QuerySet[ServiceRequest]:
        return selectors.request_list(
            user=self.request.user,  # type: ignore[union-attr]
            estate_id=d.get("estate"),
            statuses=d.get("status") or [],
            category=d.get("category") or "",
            colour=d.get("colour") or "",
            assignee_id=d.get("assignee"),
            mine=bool(d.get("mine")),
            search=d.get("search") or "",
        )


class HotTopicFilter(filters.FilterSet):
    estate = IdFilter(method="filter_estate", help_text="estate id")
    status = CsvChoiceFilter(
        choices=HotTopicStatus.choices, help_text="suggested, accepted, dismissed (or several: a,b)"
    )

    class Meta:
        model = HotTopic
        fields: list[str] = []

    def filter_estate(self, qs: QuerySet[HotTopic], name: str, value: int) -> QuerySet[HotTopic]:
        # an estate the user does not see in full is a 404, like any other estate read
        return qs.filter(estate=estate_get(user=self.request.user, pk=value, full=True))  # type: ignore[union-attr,arg-type]
