"""The complaint KPI dashboard of one estate: GET /api/v1/complaints/kpis/?estate=&start=&end=.

Dates are Shanghai calendar dates, both inclusive; without them the current quarter is shown
(with one of them, that date's quarter supplies the other). Who may read: `complaints.kpi`
(managers and committee members, each for the estates they see); an estate outside the
caller's scope is a 404, like any other estate read.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.capabilities import COMPLAINTS_KPI
from accounts.models import User
from api.lapse import ANALYTICS
from complaints.kpis import (
    MAX_SPAN_DAYS,
    MIN_SAMPLE,
    estate_kpis,
    estates_compared,
    previous_period,
)
from complaints.selectors import kpi_period
from estates.selectors import estate_get, estates_in_full
from estates.settings import EstateSettings

# --- input -----------------------------------------------------------------------------------


class KpiQuerySerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(
        min_value=1,
        error_messages={"required": _("请选择小区。"), "invalid": _("请填写数字。")},
    )
    start = serializers.DateField(
        required=False,
        help_text="YYYY-MM-DD (Shanghai), inclusive; default: the quarter's first day",
        error_messages={"invalid": _("日期格式应为 YYYY-MM-DD。")},
    )
    end = serializers.DateField(
        required=False,
        help_text=f"YYYY-MM-DD, inclusive; at most {MAX_SPAN_DAYS} days after start",
        error_messages={"invalid": _("日期格式应为 YYYY-MM-DD。")},
    )


# --- output (documented for the frontend's generated types) ---------------------------------


class KpiOnTimeSerializer(serializers.Serializer[Any]):
    response = serializers.FloatField(allow_null=True)
    plan = serializers.FloatField(allow_null=True)
    resolution = serializers.FloatField(allow_null=True)


class KpiClockCountsSerializer(serializers.Serializer[Any]):
    response = serializers.IntegerField()
    plan = serializers.IntegerField()
    resolution = serializers.IntegerField()


class KpiTargetsSerializer(serializers.Serializer[Any]):
    on_time = serializers.FloatField()
    resolution_rate = serializers.FloatField()
    average_rating = serializers.FloatField()
    answered_share = serializers.FloatField()


class KpiCountsSerializer(serializers.Serializer[Any]):
    """The numerators and denominators behind the rates, so anyone can recompute them."""

    answered = serializers.IntegerField()
    answerable = serializers.IntegerField(
        help_text="requests less those withdrawn before any answer (answered_share's denominator)"
    )
    actionable = serializers.IntegerField(
        help_text="requests that are neither suggestions nor withdrawn"
    )
    resolved = serializers.IntegerField(help_text="actionable requests now resolved or closed")
    ever_resolved = serializers.IntegerField()
    reopened = serializers.IntegerField()
    with_unit = serializers.IntegerField(help_text="actionable requests about a unit")
    repeated = serializers.IntegerField()
    clocks_stopped = KpiClockCountsSerializer()
    clocks_on_time = KpiClockCountsSerializer()


class KpiCategoryCountSerializer(serializers.Serializer[Any]):
    category = serializers.CharField()
    count = serializers.IntegerField()


class KpiStatusCountSerializer(serializers.Serializer[Any]):
    status = serializers.CharField()
    count = serializers.IntegerField()


class KpiMonthSerializer(serializers.Serializer[Any]):
    month = serializers.CharField(help_text="YYYY-MM, Shanghai time")
    count = serializers.IntegerField()
    resolved = serializers.IntegerField(help_text="of those, now resolved or closed")


class PeriodKpisSerializer(serializers.Serializer[Any]):
    """Rates are 0..1 (4 places), hours 2 places; null when there is nothing to divide by."""

    estate = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    total = serializers.IntegerField()
    response_p50_hours = serializers.FloatField(allow_null=True)
    response_p90_hours = serializers.FloatField(allow_null=True)
    on_time = KpiOnTimeSerializer()
    resolution_rate = serializers.FloatField(allow_null=True)
    reopen_rate = serializers.FloatField(allow_null=True)
    repeat_rate = serializers.FloatField(allow_null=True)
    average_rating = serializers.FloatField(allow_null=True)
    rated_count = serializers.IntegerField()
    answered_share = serializers.FloatField(allow_null=True)
    targets = KpiTargetsSerializer()
    counts = KpiCountsSerializer()
    by_category = KpiCategoryCountSerializer(many=True)
    by_status = KpiStatusCountSerializer(many=True)
    trend = KpiMonthSerializer(many=True)


class EstateKpisSerializer(PeriodKpisSerializer):
    """The period's figures, the previous period's (same length, just before) for comparison,
    the estate's response limit (SLA response hours) the p90 is held against, and the smallest
    sample a rate is judged on."""

    response_limit_hours = serializers.FloatField()
    min_sample = serializers.IntegerField(
        help_text="a rate over fewer cases is shown as 'sample too small', never as below target"
    )
    previous = PeriodKpisSerializer()


class EstateComparisonSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    estate_name = serializers.CharField()
    total = serializers.IntegerField()
    response_p90_hours = serializers.FloatField(allow_null=True)
    response_limit_hours = serializers.FloatField()
    on_time_resolution = serializers.FloatField(allow_null=True)
    resolution_rate = serializers.FloatField(allow_null=True)
    reopen_rate = serializers.FloatField(allow_null=True)
    average_rating = serializers.FloatField(allow_null=True)
    rated_count = serializers.IntegerField()
    counts = KpiCountsSerializer()


class PeriodQuerySerializer(serializers.Serializer[Any]):
    start = serializers.DateField(
        required=False,
        help_text="YYYY-MM-DD (Shanghai), inclusive; default: the quarter's first day",
        error_messages={"invalid": _("日期格式应为 YYYY-MM-DD。")},
    )
    end = serializers.DateField(
        required=False,
        help_text=f"YYYY-MM-DD, inclusive; at most {MAX_SPAN_DAYS} days after start",
        error_messages={"invalid": _("日期格式应为 YYYY-MM-DD。")},
    )


class EstateKpisView(APIView):
    lapse = {"*": ANALYTICS}  # api.lapse: read-only while payment has lapsed
    required_capabilities = {"*": COMPLAINTS_KPI}

    @extend_schema(
        operation_id="complaints_kpis",
        parameters=[KpiQuerySerializer],
        responses={200: EstateKpisSerializer},
    )
    def get(self, request: Request) -> Response:
        """Response times, on-time rates per clock, resolution, reopen and repeat rates, ratings
        and answered share of one estate's requests created in the period, with targets."""
        query = KpiQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        v = query.validated_data
        start, end = kpi_period(start=v.get("start"), end=v.get("end"))
        user: User = request.user  # type: ignore[assignment]
        estate = estate_get(user=user, pk=v["estate"], full=False)
        data = estate_kpis(estate_id=estate.pk, start=start, end=end)
        before, last = previous_period(start, end)
        data["previous"] = estate_kpis(estate_id=estate.pk, start=before, end=last)
        data["response_limit_hours"] = EstateSettings.from_estate(estate).sla_hours.response
        data["min_sample"] = MIN_SAMPLE
        return Response(EstateKpisSerializer(data).data)


class EstatesComparedView(APIView):
    """GET /api/v1/complaints/kpis/estates/?start=&end=: the headline figures of every estate
    the caller sees in full, side by side (a firm comparing its estates). Same period rules."""

    lapse = {"*": ANALYTICS}
    required_capabilities = {"*": COMPLAINTS_KPI}

    @extend_schema(
        operation_id="complaints_kpis_estates",
        parameters=[PeriodQuerySerializer],
        responses={200: EstateComparisonSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        query = PeriodQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        v = query.validated_data
        start, end = kpi_period(start=v.get("start"), end=v.get("end"))
        user: User = request.user  # type: ignore[assignment]
        estates = list(estates_in_full(user=user).order_by("name", "id"))
        rows = estates_compared(estates=estates, start=start, end=end)
        return Response(EstateComparisonSerializer(rows, many=True).data)
