"""Query parameters of the disclosure lists (django-filter: a bad value is a 400 naming it)."""

from __future__ import annotations

from django_filters import rest_framework as filters

from api.common import IdFilter
from disclosure.choices import (
    ALL_CATEGORIES,
    FundMovementKind,
    LineKind,
    LineStatus,
    StatementKind,
    StatementStatus,
)
from disclosure.models import Decision, FundMovement, LedgerLine, SplitRule, Statement


class LineFilter(filters.FilterSet):
    estate = IdFilter(help_text="estate id")
    status = filters.ChoiceFilter(choices=LineStatus.choices)
    kind = filters.ChoiceFilter(choices=LineKind.choices)
    category = filters.ChoiceFilter(choices=ALL_CATEGORIES)
    date_from = filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    date_to = filters.DateFilter(field_name="occurred_on", lookup_expr="lte")

    class Meta:
        model = LedgerLine
        fields: list[str] = []


class EstateFilter(filters.FilterSet):
    estate = IdFilter(help_text="estate id")


class DecisionFilter(EstateFilter):
    class Meta:
        model = Decision
        fields: list[str] = []


class SplitRuleFilter(EstateFilter):
    class Meta:
        model = SplitRule
        fields: list[str] = []


class FundFilter(EstateFilter):
    kind = filters.ChoiceFilter(choices=FundMovementKind.choices)

    class Meta:
        model = FundMovement
        fields: list[str] = []


class StatementFilter(EstateFilter):
    kind = filters.ChoiceFilter(choices=StatementKind.choices)
    status = filters.ChoiceFilter(choices=StatementStatus.choices)

    class Meta:
        model = Statement
        fields: list[str] = []
