"""Shapes of the scoring API. Scores and rates are strings with two decimals (never floats)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from scoring.choices import DIMENSIONS, SurveyStatus
from scoring.models import EstateScore, ScoreAlert, Survey, WeightAgreement
from scoring.selectors import survey_actions

ID: dict[str, Any] = {"min_value": 1, "max_value": 2**63 - 1}


class SurveySerializer(serializers.ModelSerializer[Survey]):
    estate_name = serializers.CharField(source="estate.name", read_only=True)
    dimensions = serializers.SerializerMethodField()
    answered_units = serializers.IntegerField(read_only=True, default=0)
    actions = serializers.SerializerMethodField()
    score = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "id",
            "estate",
            "estate_name",
            "title",
            "period_start",
            "period_end",
            "status",
            "dimensions",
            "answered_units",
            "opened_at",
            "closed_at",
            "last_reminder_at",
            "reminders_sent",
            "actions",
            "score",
        ]
        read_only_fields = fields

    def get_dimensions(self, obj: Survey) -> list[str]:
        return list(DIMENSIONS)

    def get_actions(self, obj: Survey) -> list[str]:
        return survey_actions(user=self.context["request"].user, survey=obj)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_score(self, obj: Survey) -> int | None:
        if obj.status != SurveyStatus.CLOSED:
            return None
        found = EstateScore.objects.filter(survey_id=obj.pk).values_list("pk", flat=True).first()
        return found


class SurveyCreateSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(**ID)
    period_start = serializers.DateField()
    period_end = serializers.DateField(required=False, allow_null=True, default=None)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)


class SurveyUpdateSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(required=False, max_length=100)
    period_end = serializers.DateField(required=False)


class RatingsSerializer(serializers.Serializer[Any]):
    overall = serializers.IntegerField(min_value=1, max_value=5)
    cleaning = serializers.IntegerField(min_value=1, max_value=5)
    security = serializers.IntegerField(min_value=1, max_value=5)
    greening = serializers.IntegerField(min_value=1, max_value=5)
    repairs = serializers.IntegerField(min_value=1, max_value=5)
    service = serializers.IntegerField(min_value=1, max_value=5)


class AnswerSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField(**ID)
    ratings = RatingsSerializer()
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class AnswerResultSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    answered = serializers.BooleanField()


class MyUnitSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    voice = serializers.CharField()
    answered = serializers.BooleanField()
    answered_by = serializers.CharField(allow_null=True)
    answered_by_me = serializers.BooleanField()


class RemindResultSerializer(serializers.Serializer[Any]):
    reminded = serializers.IntegerField()


class DimensionResultSerializer(serializers.Serializer[Any]):
    n = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()
    mean = serializers.CharField(allow_null=True)
    distribution = serializers.ListField(child=serializers.IntegerField(), allow_null=True)


class DimensionsSerializer(serializers.Serializer[Any]):
    overall = DimensionResultSerializer()
    cleaning = DimensionResultSerializer()
    security = DimensionResultSerializer()
    greening = DimensionResultSerializer()
    repairs = DimensionResultSerializer()
    service = DimensionResultSerializer()


class BuildingResultSerializer(serializers.Serializer[Any]):
    building = serializers.IntegerField()
    name = serializers.CharField()
    n = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()
    dimensions = DimensionsSerializer()


class ResultsSerializer(serializers.Serializer[Any]):
    survey = serializers.IntegerField()
    min_group = serializers.IntegerField()
    answers = serializers.IntegerField()
    online = serializers.IntegerField()
    paper = serializers.IntegerField()
    dimensions = DimensionsSerializer()
    buildings = BuildingResultSerializer(many=True)
    comments = serializers.ListField(child=serializers.CharField())


class BuildingRateSerializer(serializers.Serializer[Any]):
    building = serializers.IntegerField()
    name = serializers.CharField()
    units = serializers.IntegerField()
    answered = serializers.IntegerField()
    rate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)


class ResponseRatesSerializer(serializers.Serializer[Any]):
    survey = serializers.IntegerField()
    units = serializers.IntegerField()
    answered = serializers.IntegerField()
    rate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    buildings = BuildingRateSerializer(many=True)


class WeightsSerializer(serializers.Serializer[Any]):
    satisfaction = serializers.IntegerField(min_value=0, max_value=100)
    inspection_pass = serializers.IntegerField(min_value=0, max_value=100)
    rectification = serializers.IntegerField(min_value=0, max_value=100)
    complaint_on_time = serializers.IntegerField(min_value=0, max_value=100)
    complaint_reopen = serializers.IntegerField(min_value=0, max_value=100)
    complaint_rating = serializers.IntegerField(min_value=0, max_value=100)
    complaint_response = serializers.IntegerField(min_value=0, max_value=100)


class WeightAgreementSerializer(serializers.ModelSerializer[WeightAgreement]):
    weights = WeightsSerializer()
    status = serializers.SerializerMethodField()

    class Meta:
        model = WeightAgreement
        fields = [
            "id",
            "estate",
            "weights",
            "proposed_by_side",
            "firm_signed_at",
            "committee_signed_at",
            "agreed_at",
            "superseded",
            "created_at",
            "status",
        ]
        read_only_fields = fields

    def get_status(self, obj: WeightAgreement) -> str:
        if obj.agreed_at:
            return "agreed"
        return "superseded" if obj.superseded else "pending"


class WeightsProposeSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(**ID)
    weights = WeightsSerializer()


class WeightsInForceSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    source = serializers.CharField()  # type: ignore[assignment]
    weights = WeightsSerializer()
    agreement = serializers.IntegerField(allow_null=True)
    pending = WeightAgreementSerializer(allow_null=True)


class EstateQuerySerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(**ID)


class ScoreInputSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    available = serializers.BooleanField()
    reason = serializers.CharField()
    counts = serializers.DictField()
    value = serializers.CharField(allow_null=True)
    score = serializers.CharField(allow_null=True)


class EstateScoreSerializer(serializers.ModelSerializer[EstateScore]):
    weights = WeightsSerializer()
    inputs = ScoreInputSerializer(many=True)
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)

    class Meta:
        model = EstateScore
        fields = [
            "id",
            "estate",
            "survey",
            "period_start",
            "period_end",
            "method_version",
            "weights",
            "weights_source",
            "weights_agreement_id",
            "supervision_included",
            "inputs",
            "score",
            "published_at",
        ]
        read_only_fields = fields


class ScoreAlertSerializer(serializers.ModelSerializer[ScoreAlert]):
    class Meta:
        model = ScoreAlert
        fields = [
            "id",
            "estate",
            "kind",
            "key",
            "figures",
            "created_at",
            "due_on",
            "reported_at",
            "report_note",
            "returned_note",
            "done_at",
        ]
        read_only_fields = fields


class PlanReportSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(max_length=2000, allow_blank=True, trim_whitespace=True)


class PlanReturnSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000, allow_blank=True, trim_whitespace=True)


class PortfolioRowSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    name = serializers.CharField()
    rank = serializers.IntegerField(allow_null=True)
    score = serializers.CharField(allow_null=True)
    trend = serializers.ListField(child=serializers.CharField(allow_null=True))
    weakest = serializers.CharField(allow_null=True)


class PortfolioSerializer(serializers.Serializer[Any]):
    average = serializers.CharField(allow_null=True)
    estates = PortfolioRowSerializer(many=True)
