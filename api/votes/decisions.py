"""Tracked decisions (事事有回音) over HTTP: every reader of the estate (residents included)
reads them; the committee creates them from a passed vote or an adopted topic, confirms or
sends back the firm's reports and closes its own; the owner posts progress and links ledger
lines. Who may do what is votes.policies.decision_actions (through the services). Thin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import path_pk as _pk
from api.common import request_user as _user
from committee.selectors import estate_seen_by
from core.clock import local
from disclosure.models import FundMovement, LedgerLine
from estates.exceptions import EstateNotFound
from votes import selectors, services
from votes.choices import DecisionEntryKind, DecisionOwner, DecisionStatus
from votes.exceptions import DecisionNotFound
from votes.models import Decision, DecisionEntry, DecisionLink
from votes.policies import days_late

BIG = 2**63 - 1


class TrackedDecisionListQuerySerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(min_value=1, max_value=BIG)


class TrackedDecisionCreateSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(min_value=1, max_value=BIG)
    title = serializers.CharField(max_length=services.DECISION_TITLE_MAX)
    body = serializers.CharField(
        max_length=services.DECISION_BODY_MAX, required=False, allow_blank=True, default=""
    )
    vote = serializers.IntegerField(min_value=1, max_value=BIG, required=False, allow_null=True)
    topic = serializers.IntegerField(min_value=1, max_value=BIG, required=False, allow_null=True)
    owner_side = serializers.ChoiceField(choices=DecisionOwner.choices)
    owner = serializers.IntegerField(min_value=1, max_value=BIG)
    due_on = serializers.DateField()


class TrackedDecisionNoteSerializer(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=services.ENTRY_MAX)


class TrackedDecisionDoneSerializer(serializers.Serializer[Any]):
    body = serializers.CharField(
        max_length=services.ENTRY_MAX, required=False, allow_blank=True, default=""
    )


class TrackedDecisionLinkInputSerializer(serializers.Serializer[Any]):
    ledger_line = serializers.IntegerField(
        min_value=1, max_value=BIG, required=False, allow_null=True
    )
    fund_movement = serializers.IntegerField(
        min_value=1, max_value=BIG, required=False, allow_null=True
    )


class TrackedDecisionOwnerOptionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    side = serializers.ChoiceField(choices=DecisionOwner.choices)


class TrackedDecisionEntrySerializer(serializers.ModelSerializer[DecisionEntry]):
    kind = serializers.ChoiceField(choices=DecisionEntryKind.choices)
    side = serializers.ChoiceField(choices=DecisionOwner.choices)
    author_name = serializers.CharField(source="author.full_name", read_only=True)

    class Meta:
        model = DecisionEntry
        fields = ["id", "kind", "side", "author_name", "body", "at"]


class TrackedDecisionLinkSerializer(serializers.Serializer[Any]):
    """A linked ledger line (`kind` "line") or maintenance-fund movement ("fund")."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    ref = serializers.IntegerField()  # the line's or movement's id
    seq = serializers.IntegerField(allow_null=True)
    occurred_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    description = serializers.CharField()


class TrackedDecisionSerializer(serializers.ModelSerializer[Decision]):
    status = serializers.ChoiceField(choices=DecisionStatus.choices)
    owner_side = serializers.ChoiceField(choices=DecisionOwner.choices)
    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    vote_title = serializers.SerializerMethodField()
    topic_title = serializers.SerializerMethodField()
    days_late = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "estate",
            "title",
            "body",
            "vote",
            "vote_title",
            "topic",
            "topic_title",
            "owner_side",
            "owner",
            "owner_name",
            "due_on",
            "status",
            "created_at",
            "done_at",
            "days_late",
            "actions",
        ]

    def get_vote_title(self, obj: Decision) -> str | None:
        return obj.vote.title if obj.vote else None

    def get_topic_title(self, obj: Decision) -> str | None:
        return obj.topic.title if obj.topic else None

    def get_days_late(self, obj: Decision) -> int:
        return days_late(
            due_on=obj.due_on,
            today=self.context["today"],
            done_on=local(obj.done_at).date() if obj.done_at else None,
        )

    def get_actions(self, obj: Decision) -> list[str]:
        return sorted(services.actions_for(self.context["user"], obj))


class TrackedDecisionDetailSerializer(TrackedDecisionSerializer):
    entries = TrackedDecisionEntrySerializer(many=True, read_only=True)
    links = serializers.SerializerMethodField()

    class Meta(TrackedDecisionSerializer.Meta):
        fields = [*TrackedDecisionSerializer.Meta.fields, "entries", "links"]

    @extend_schema_field(TrackedDecisionLinkSerializer(many=True))
    def get_links(self, obj: Decision) -> list[dict[str, Any]]:
        rows = list(DecisionLink.objects.filter(decision=obj))
        lines = LedgerLine.objects.in_bulk([r.ledger_line_id for r in rows if r.ledger_line_id])
        funds = FundMovement.objects.in_bulk(
            [r.fund_movement_id for r in rows if r.fund_movement_id]
        )
        out = []
        for r in rows:
            if r.ledger_line_id:
                line = lines[r.ledger_line_id]
                out.append(
                    {
                        "id": r.pk,
                        "kind": "line",
                        "ref": line.pk,
                        "seq": line.seq,
                        "occurred_on": line.occurred_on,
                        "amount": line.amount,
                        "description": line.description or line.counterparty,
                    }
                )
            else:
                fund = funds[r.fund_movement_id]  # type: ignore[index]
                out.append(
                    {
                        "id": r.pk,
                        "kind": "fund",
                        "ref": fund.pk,
                        "seq": None,
                        "occurred_on": fund.occurred_on,
                        "amount": fund.amount,
                        "description": fund.description,
                    }
                )
        return TrackedDecisionLinkSerializer(out, many=True).data  # type: ignore[return-value]


class DecisionViewSet(viewsets.GenericViewSet[Any]):
    queryset = Decision.objects.none()  # for the schema only
    serializer_class = TrackedDecisionSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    # who may do what is votes.services (decision_actions); readers: votes.selectors
    required_capabilities: dict[str, Any] = {"*": None}

    def _context(self, request: Request) -> dict[str, Any]:
        from django.utils import timezone

        return {"user": _user(request), "today": local(timezone.now()).date()}

    def _get(self, request: Request, pk: str) -> Decision:
        found = selectors.decision_get(user=_user(request), pk=_pk(pk))
        if found is None:
            raise DecisionNotFound()
        return found

    def _one(self, request: Request, decision: Decision, code: int = 200) -> Response:
        fresh = Decision.objects.select_related("owner", "vote", "topic").get(pk=decision.pk)
        body = TrackedDecisionDetailSerializer(fresh, context=self._context(request)).data
        return Response(body, status=code)

    def _with_note(
        self,
        request: Request,
        pk: str,
        step: Callable[..., Any],
        serializer: type[serializers.Serializer[Any]],
        code: int = 200,
    ) -> Response:
        """One step on a decision that takes a note (`body`): progress, report, return, done."""
        found = self._get(request, pk)
        data = serializer(data=request.data)
        data.is_valid(raise_exception=True)
        step(user=_user(request), decision=found, body=data.validated_data["body"])
        return self._one(request, found, code)

    @extend_schema(
        parameters=[TrackedDecisionListQuerySerializer],
        responses={200: TrackedDecisionSerializer(many=True)},
    )
    def list(self, request: Request) -> Response:
        data = TrackedDecisionListQuerySerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        user = _user(request)
        estate = estate_seen_by(user=user, pk=data.validated_data["estate"])
        if estate is None:
            raise EstateNotFound()
        rows = selectors.decisions_of(user=user, estate_id=estate.pk)
        return Response(
            TrackedDecisionSerializer(rows, many=True, context=self._context(request)).data
        )

    @extend_schema(
        parameters=[TrackedDecisionListQuerySerializer],
        responses={200: TrackedDecisionOwnerOptionSerializer(many=True)},
    )
    @action(detail=False, methods=["get"])
    def owners(self, request: Request) -> Response:
        """For the committee creating an item: who may own it (the firm's people in charge of
        the estate, the committee's members)."""
        data = TrackedDecisionListQuerySerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        user = _user(request)
        estate = estate_seen_by(user=user, pk=data.validated_data["estate"])
        if estate is None:
            raise EstateNotFound()
        rows = services.owner_options(user=user, estate=estate)
        return Response(TrackedDecisionOwnerOptionSerializer(rows, many=True).data)

    @extend_schema(
        request=TrackedDecisionCreateSerializer, responses={201: TrackedDecisionDetailSerializer}
    )
    def create(self, request: Request) -> Response:
        data = TrackedDecisionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        user = _user(request)
        estate = estate_seen_by(user=user, pk=v["estate"])
        if estate is None:
            raise EstateNotFound()
        decision = services.decision_create(
            user=user,
            estate=estate,
            title=v["title"],
            body=v["body"],
            vote_id=v.get("vote"),
            topic_id=v.get("topic"),
            owner_side=v["owner_side"],
            owner_id=v["owner"],
            due_on=v["due_on"],
        )
        return self._one(request, decision, status.HTTP_201_CREATED)

    @extend_schema(responses={200: TrackedDecisionDetailSerializer})
    def retrieve(self, request: Request, pk: str) -> Response:
        return self._one(request, self._get(request, pk))

    @extend_schema(
        request=TrackedDecisionNoteSerializer, responses={201: TrackedDecisionDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def progress(self, request: Request, pk: str) -> Response:
        step, note = services.decision_progress, TrackedDecisionNoteSerializer
        return self._with_note(request, pk, step, note, status.HTTP_201_CREATED)

    @extend_schema(
        request=TrackedDecisionNoteSerializer, responses={200: TrackedDecisionDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def report(self, request: Request, pk: str) -> Response:
        return self._with_note(request, pk, services.decision_report, TrackedDecisionNoteSerializer)

    @extend_schema(
        request=TrackedDecisionNoteSerializer, responses={200: TrackedDecisionDetailSerializer}
    )
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request: Request, pk: str) -> Response:
        return self._with_note(request, pk, services.decision_return, TrackedDecisionNoteSerializer)

    @extend_schema(
        request=TrackedDecisionDoneSerializer, responses={200: TrackedDecisionDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def done(self, request: Request, pk: str) -> Response:
        """The committee confirms the firm's report, or closes its own item."""
        return self._with_note(request, pk, services.decision_done, TrackedDecisionDoneSerializer)

    @extend_schema(
        request=TrackedDecisionLinkInputSerializer, responses={201: TrackedDecisionDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def link(self, request: Request, pk: str) -> Response:
        found = self._get(request, pk)
        data = TrackedDecisionLinkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.decision_link(
            user=_user(request),
            decision=found,
            ledger_line_id=data.validated_data.get("ledger_line"),
            fund_movement_id=data.validated_data.get("fund_movement"),
        )
        return self._one(request, found, status.HTTP_201_CREATED)
