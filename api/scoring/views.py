"""Service scoring over HTTP: surveys (draft by the firm, open/close by the committee, answers,
paper entry, reminders, results, response rates), weights signed by both sides, published
scores with their export for tools/verify_score.py, alerts and the portfolio. Thin: each write
is one service; reads go through scoring.selectors (scope)."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.capabilities import (
    SCORING_ANSWER,
    SCORING_DRAFT,
    SCORING_SUPERVISE,
    SCORING_VIEW,
)
from api.common import path_pk as _pk
from api.common import request_user as _user
from api.schema import ErrorSerializer
from estates.selectors import estate_get
from scoring import selectors, services
from scoring.choices import SurveyStatus
from scoring.exceptions import AlertNotFound, NotSupervisor, ResultsNotReady, WeightsNotFound
from scoring.models import EstateScore, ScoreAlert, Survey, WeightAgreement

from . import serializers as s
from .filters import ScoreFilter, SurveyFilter, WeightsFilter


class SurveyViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Survey]
):
    queryset = Survey.objects.none()
    serializer_class = s.SurveySerializer
    filterset_class = SurveyFilter
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    required_capabilities = {
        "list": SCORING_VIEW,
        "retrieve": SCORING_VIEW,
        "results": SCORING_VIEW,
        "create": SCORING_DRAFT,
        "partial_update": SCORING_DRAFT,
        "open": SCORING_SUPERVISE,
        "close": SCORING_SUPERVISE,
        "paper": SCORING_SUPERVISE,
        "response_rates": SCORING_SUPERVISE,
        "remind": (SCORING_SUPERVISE, SCORING_DRAFT),
        "answer": SCORING_ANSWER,
        "mine": SCORING_ANSWER,
    }

    def get_queryset(self) -> QuerySet[Survey]:
        return selectors.survey_list(user=_user(self.request))

    def _get(self, pk: str) -> Survey:
        return selectors.survey_get(user=_user(self.request), pk=_pk(pk))

    def _out(self, survey: Survey, code: int = 200) -> Response:
        fresh = selectors.survey_get(user=_user(self.request), pk=survey.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(request=s.SurveyCreateSerializer, responses={201: s.SurveySerializer})
    def create(self, request: Request) -> Response:
        data = s.SurveyCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        survey = services.survey_draft(
            user=_user(request),
            estate=estate_get(user=_user(request), pk=v["estate"], full=True),
            period_start=v["period_start"],
            period_end=v["period_end"],
            title=v["title"],
        )
        return self._out(survey, status.HTTP_201_CREATED)

    @extend_schema(request=s.SurveyUpdateSerializer, responses={200: s.SurveySerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        data = s.SurveyUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        survey = services.survey_update(
            user=_user(request), survey=self._get(pk), **data.validated_data
        )
        return self._out(survey)

    @extend_schema(request=None, responses={200: s.SurveySerializer})
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str) -> Response:
        return self._out(services.survey_open(user=_user(request), survey=self._get(pk)))

    @extend_schema(request=None, responses={200: s.SurveySerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        return self._out(services.survey_close(user=_user(request), survey=self._get(pk)))

    @extend_schema(request=s.AnswerSerializer, responses={200: s.AnswerResultSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str) -> Response:
        data = s.AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        services.ballot_submit(
            user=_user(request),
            survey=self._get(pk),
            unit_id=v["unit"],
            ratings=dict(v["ratings"]),
            comment=v["comment"],
        )
        return Response({"unit": v["unit"], "answered": True})

    @extend_schema(request=s.AnswerSerializer, responses={201: s.AnswerResultSerializer})
    @action(detail=True, methods=["post"])
    def paper(self, request: Request, pk: str) -> Response:
        data = s.AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        services.ballot_enter_paper(
            user=_user(request),
            survey=self._get(pk),
            unit_id=v["unit"],
            ratings=dict(v["ratings"]),
            comment=v["comment"],
        )
        return Response({"unit": v["unit"], "answered": True}, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.MyUnitSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def mine(self, request: Request, pk: str) -> Response:
        return Response(selectors.my_units(user=_user(request), survey=self._get(pk)))

    @extend_schema(request=None, responses={200: s.RemindResultSerializer})
    @action(detail=True, methods=["post"])
    def remind(self, request: Request, pk: str) -> Response:
        count = services.survey_remind(user=_user(request), survey=self._get(pk))
        return Response({"reminded": count})

    @extend_schema(
        responses={
            200: s.ResultsSerializer,
            409: OpenApiResponse(ErrorSerializer, description="The survey has not closed yet."),
        }
    )
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str) -> Response:
        survey = self._get(pk)
        if survey.status != SurveyStatus.CLOSED:
            # while it runs, a change in an aggregate would point at the one who just answered
            raise ResultsNotReady()
        return Response(selectors.survey_results(survey=survey))

    @extend_schema(responses={200: s.ResponseRatesSerializer})
    @action(detail=True, methods=["get"], url_path="response-rates")
    def response_rates(self, request: Request, pk: str) -> Response:
        survey = self._get(pk)
        from committee.selectors import is_supervisor

        if not is_supervisor(_user(request), survey.estate_id):
            raise NotSupervisor()
        return Response(s.ResponseRatesSerializer(selectors.response_rates(survey=survey)).data)


class WeightsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[WeightAgreement]):
    queryset = WeightAgreement.objects.none()
    serializer_class = s.WeightAgreementSerializer
    filterset_class = WeightsFilter
    lookup_value_regex = r"\d+"
    required_capabilities = {
        "list": SCORING_VIEW,
        "current": SCORING_VIEW,
        "create": (SCORING_DRAFT, SCORING_SUPERVISE),
        "sign": (SCORING_DRAFT, SCORING_SUPERVISE),
    }

    def get_queryset(self) -> QuerySet[WeightAgreement]:
        return selectors.weights_list(user=_user(self.request))

    @extend_schema(request=s.WeightsProposeSerializer, responses={201: s.WeightAgreementSerializer})
    def create(self, request: Request) -> Response:
        data = s.WeightsProposeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        agreement = services.weights_propose(
            user=_user(request),
            estate=estate_get(user=_user(request), pk=v["estate"]),
            weights=dict(v["weights"]),
        )
        return Response(s.WeightAgreementSerializer(agreement).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.WeightAgreementSerializer})
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, pk: str) -> Response:
        found = self.get_queryset().filter(pk=_pk(pk)).first()
        if found is None:
            raise WeightsNotFound()
        agreement = services.weights_sign(user=_user(request), agreement=found)
        return Response(s.WeightAgreementSerializer(agreement).data)

    @extend_schema(
        parameters=[OpenApiParameter("estate", int, required=True)],
        responses={200: s.WeightsInForceSerializer},
    )
    @action(detail=False, methods=["get"])
    def current(self, request: Request) -> Response:
        query = s.EstateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        estate = estate_get(user=_user(request), pk=query.validated_data["estate"])
        weights, source, agreement = selectors.weights_in_force(estate_id=estate.pk)
        pending = (
            WeightAgreement.objects.filter(
                estate_id=estate.pk, agreed_at__isnull=True, superseded=False
            )
            .order_by("-created_at", "-id")
            .first()
        )
        return Response(
            {
                "estate": estate.pk,
                "source": source,
                "weights": weights,
                "agreement": agreement.pk if agreement else None,
                "pending": s.WeightAgreementSerializer(pending).data if pending else None,
            }
        )


class ScoreViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[EstateScore]
):
    queryset = EstateScore.objects.none()
    serializer_class = s.EstateScoreSerializer
    filterset_class = ScoreFilter
    lookup_value_regex = r"\d+"
    required_capabilities = {"*": SCORING_VIEW}

    def get_queryset(self) -> QuerySet[EstateScore]:
        return selectors.score_list(user=_user(self.request))

    @extend_schema(responses={(200, "application/json"): OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str) -> HttpResponse:
        score = selectors.score_get(user=_user(request), pk=_pk(pk))
        body = json.dumps(selectors.score_export(score=score), ensure_ascii=False, indent=2)
        response = HttpResponse(body + "\n", content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="score-{score.pk}.json"'
        return response


class AlertViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[ScoreAlert]):
    """Alerts; an improvement plan is reported done by the firm, then confirmed or sent back
    by the estate's committee (scoring.services.plans)."""

    queryset = ScoreAlert.objects.none()
    serializer_class = s.ScoreAlertSerializer
    lookup_value_regex = r"\d+"
    required_capabilities = {
        "*": SCORING_VIEW,
        "report": SCORING_DRAFT,
        "confirm": SCORING_SUPERVISE,
        "send_back": SCORING_SUPERVISE,
    }

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.alert_list(user=_user(self.request))

    def _get(self, pk: str) -> ScoreAlert:
        found = self.get_queryset().filter(pk=_pk(pk)).first()
        if found is None:
            raise AlertNotFound()
        return found

    @extend_schema(request=s.PlanReportSerializer, responses={200: s.ScoreAlertSerializer})
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str) -> Response:
        data = s.PlanReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        alert = services.plan_report_done(
            user=_user(request), alert=self._get(pk), note=data.validated_data["note"]
        )
        return Response(self.get_serializer(alert).data)

    @extend_schema(request=None, responses={200: s.ScoreAlertSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        alert = services.plan_confirm_done(user=_user(request), alert=self._get(pk))
        return Response(self.get_serializer(alert).data)

    @extend_schema(request=s.PlanReturnSerializer, responses={200: s.ScoreAlertSerializer})
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request: Request, pk: str) -> Response:
        data = s.PlanReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        alert = services.plan_return(
            user=_user(request), alert=self._get(pk), reason=data.validated_data["reason"]
        )
        return Response(self.get_serializer(alert).data)


class PortfolioView(APIView):
    """One object, not a list: the firm's average and its estates ranked."""

    required_capabilities = {"*": (SCORING_DRAFT, SCORING_SUPERVISE)}

    @extend_schema(responses={200: s.PortfolioSerializer})
    def get(self, request: Request) -> Response:
        return Response(selectors.portfolio(user=_user(request)))
