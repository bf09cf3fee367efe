"""Query parameters of the scoring lists (django-filter: a bad value is a 400 naming it)."""

from __future__ import annotations

from django_filters import rest_framework as filters

from api.common import IdFilter
from scoring.choices import SurveyStatus
from scoring.models import EstateScore, Survey, WeightAgreement


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
