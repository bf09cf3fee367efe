"""Query parameters of the scoring lists (django-filter: a bad value is a 400 naming it)."""

from __future__ import annotations

from django import forms
from django_filters import rest_framework as filters

from scoring.choices import SurveyStatus
from scoring.models import EstateScore, Survey, WeightAgreement


class IdFilter(filters.Filter):
    """A whole-number id (NumberFilter would take 1.5)."""

    field_class = forms.IntegerField

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


class SurveyFilter(filters.FilterSet):
    estate = IdFilter(help_text="estate id")
    status = filters.ChoiceFilter(choices=SurveyStatus.choices)

    class Meta:
        model = Survey
        fields: list[str] = []


class ScoreFilter(filters.FilterSet):
    estate = IdFilter(help_text="estate id")

    class Meta:
        model = EstateScore
        fields: list[str] = []


class WeightsFilter(filters.FilterSet):
    estate = IdFilter(help_text="estate id")

    class Meta:
        model = WeightAgreement
        fields: list[str] = []
