"""The closed loop over HTTP: intake, the timeline, each transition as an explicit action,
attachments behind the same scope, the red board. Dispatch and SLA configuration: config.py."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import (
    COMPLAINTS_BOARD,
    COMPLAINTS_HANDLE,
    COMPLAINTS_SUBMIT,
    COMPLAINTS_VIEW,
)
from accounts.models import User
from api.common import request_user as _user
from complaints import selectors, services
from complaints.exceptions import NotInThread, TransitionNotAllowed
from complaints.models import (
    Attachment,
    Escalation,
    ServiceRequest,
)
from complaints.uploads import Upload
from core.exceptions import Forbidden, NotFound, ValidationFailed
from estates.models import CommonArea, Person, Unit
from estates.selectors import estate_get

from . import serializers as s
from .filters import RequestFilter
from .hot_topics import EstateQuerySerializer


def _uploads(files: list[Any]) -> list[Upload]:
    return [
        Upload(name=f.name, content_type=getattr(f, "content_type", ""), data=f.read())
        for f in files
    ]


def _named(model: Any, pk: int | None, field: str) -> Any:
    """The record a body field names; an id that does not exist is that field's error."""
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationFailed(fields={field: [_("没有该记录。")]})
    return found


def _staff_user(user_id: int | None) -> User | None:
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise NotFound(fields={"assignee": [_("没有该人员。")]})
    return user


class RequestViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[ServiceRequest]):
    queryset = ServiceRequest.objects.none()
    serializer_class = s.RequestListSerializer
    filterset_class = RequestFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    required_capabilities = {
        "list": COMPLAINTS_VIEW,
        "retrieve": COMPLAINTS_VIEW,
        "create": COMPLAINTS_SUBMIT,
        "attachment": COMPLAINTS_VIEW,
        "rate": COMPLAINTS_VIEW,
        "reopen": COMPLAINTS_VIEW,
        "chase": COMPLAINTS_VIEW,
        "messages": COMPLAINTS_VIEW,
        "withdraw": COMPLAINTS_VIEW,
        "board": COMPLAINTS_BOARD,
        "plan": COMPLAINTS_HANDLE,
        "*": COMPLAINTS_HANDLE,
    }

    def get_queryset(self) -> QuerySet[ServiceRequest]:
        # the list's filters (RequestFilter) read through the same selector
        return selectors.request_list(user=_user(self.request))

    def _get(self, pk: str) -> ServiceRequest:
        try:
            found = selectors.request_get(user=_user(self.request), pk=int(pk))
        except ValueError:
            found = None
        if found is None:
            raise NotFound()
        return found

    def _handled(self, pk: str) -> ServiceRequest:
        request = self._get(pk)
        if not selectors.may_handle(user=_user(self.request), request=request):
            raise Forbidden(_("只有负责该小区的物业人员可以处理。"))
        return request

    def _detail(self, request: ServiceRequest) -> Response:
        fresh = selectors.request_get(user=_user(self.request), pk=request.pk)
        return Response(
            s.RequestDetailSerializer(fresh, context=self.get_serializer_context()).data
        )

    @extend_schema(responses={200: s.RequestDetailSerializer})
    def retrieve(self, request: Request, pk: str) -> Response:
        return self._detail(self._get(pk))

    @extend_schema(
        request={
            "multipart/form-data": s.RequestSubmitSerializer,
            "application/json": s.RequestSubmitSerializer,
        },
        responses={201: s.RequestDetailSerializer},
    )
    def create(self, request: Request) -> Response:
        data = s.RequestSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        user = _user(request)
        saved = services.request_submitted_with_key(user=user, client_key=v["client_key"])
        if saved is not None:  # a retry of a submit that was saved: the same request again
            response = self._detail(saved)
            response.status_code = status.HTTP_201_CREATED
            response["Idempotent-Replayed"] = "true"
            return response
        estate = estate_get(user=user, pk=v["estate"])
        # the service refuses a place of another estate, naming the field
        unit = _named(Unit, v.get("unit"), "unit")
        area = _named(CommonArea, v.get("common_area"), "common_area")
        created = services.request_submit_by(
            user=user,
            estate=estate,
            kind=v["kind"],
            category=v["category"],
            urgency=v["urgency"],
            unit=unit,
            common_area=area,
            description=v["description"],
            channel=v["channel"],
            is_public=v["is_public"],
            contact_name=v["contact_name"],
            contact_phone=v["contact_phone"],
            requester=_named(User, v.get("requester"), "requester"),
            requester_person=_named(Person, v.get("requester_person"), "requester_person"),
            uploads=_uploads(v["files"]),
            preferred_visit_from=v["preferred_visit_from"],
            preferred_visit_to=v["preferred_visit_to"],
            client_key=v["client_key"],
        )
        response = self._detail(created)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(request=s.AcceptSerializer, responses={200: s.RequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        data = s.AcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        target = self._handled(pk)
        assignee = _staff_user(data.validated_data.get("assignee"))
        done = services.request_accept(
            request=target,
            actor=_user(request),
            assignee=assignee,
            note=data.validated_data["note"],
        )
        return self._detail(done)

    @extend_schema(request=s.BulkAssignSerializer, responses={200: s.BulkAssignResultSerializer})
    @action(detail=False, methods=["post"], url_path="bulk-assign")
    def bulk_assign(self, request: Request) -> Response:
        """Assign many requests at once (service desk board). Each is its own transaction; the
        ones that cannot be assigned are reported with the reason, the others go through."""
        data = s.BulkAssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignee = _staff_user(data.validated_data["assignee"])
        assert assignee is not None
        assigned: list[int] = []
        skipped: dict[str, str] = {}
        for pk in data.validated_data["ids"]:
            try:
                target = self._handled(str(pk))
                services.request_assign(request=target, actor=_user(request), assignee=assignee)
                assigned.append(pk)
            except (NotFound, Forbidden, ValidationFailed, TransitionNotAllowed) as exc:
                skipped[str(pk)] = str(exc.detail)
        return Response({"assigned": assigned, "skipped": skipped})

    @extend_schema(request=None, responses={200: s.RequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def take(self, request: Request, pk: str) -> Response:
        return self._detail(services.request_take(request=self._handled(pk), actor=_user(request)))

    @extend_schema(request=s.ReassignSerializer, responses={200: s.RequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def reassign(self, request: Request, pk: str) -> Response:
        data = s.ReassignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        target = self._handled(pk)
        assignee = _staff_user(data.validated_data["assignee"])
        assert assignee is not None
        done = services.request_reassign(
            request=target,
            actor=_user(request),
            assignee=assignee,
            note=data.validated_data["note"],
        )
        return self._detail(done)

    @extend_schema(request=s.NoteSerializer, responses={200: s.RequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str) -> Response:
        data = s.NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(
            services.request_start(
                request=self._handled(pk), actor=_user(request), note=data.validated_data["note"]
            )
        )

    @extend_schema(request=None, responses={200: s.RequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def depart(self, request: Request, pk: str) -> Response:
        """已出发: the accepted request's repairer sets out (a step; the clocks are unchanged)."""
        return self._detail(
            services.request_depart(request=self._handled(pk), actor=_user(request))
        )

    @extend_schema(request=s.DeferSerializer, responses={200: s.RequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def defer(self, request: Request, pk: str) -> Response:
        data = s.DeferSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(
            services.request_defer(
                request=self._handled(pk), actor=_user(request), **data.validated_data
            )
        )

    @extend_schema(request=s.NoteSerializer, responses={200: s.RequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def resume(self, request: Request, pk: str) -> Response:
        data = s.NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(
            services.request_resume(
                request=self._handled(pk), actor=_user(request), note=data.validated_data["note"]
            )
        )

    @extend_schema(
        request={
            "multipart/form-data": s.ResolveSerializer,
            "application/json": s.ResolveSerializer,
        },
        responses={200: s.RequestDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, pk: str) -> Response:
        data = s.ResolveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(
            services.request_resolve(
                request=self._handled(pk),
                actor=_user(request),
                note=data.validated_data["note"],
                uploads=_uploads(data.validated_data["files"]),
            )
        )

    @extend_schema(request=s.RejectSerializer, responses={200: s.RequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        data = s.RejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(
            services.request_reject(
                request=self._handled(pk),
                actor=_user(request),
                reason=data.validated_data["reason"],
            )
        )

    @extend_schema(request=s.RateSerializer, responses={200: s.RequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def rate(self, request: Request, pk: str) -> Response:
        data = s.RateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(
            services.request_rate(
                request=self._get(pk),
                actor=_user(request),
                rating=data.validated_data["rating"],
                tags=data.validated_data["tags"],
                comment=data.validated_data["comment"],
                channel=data.validated_data["channel"],
            )
        )

    @extend_schema(request=s.ReopenSerializer, responses={200: s.RequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str) -> Response:
        data = s.ReopenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(
            services.request_reopen(
                request=self._get(pk),
                actor=_user(request),
                reason=data.validated_data["reason"],
                channel=data.validated_data["channel"],
            )
        )

    @extend_schema(request=s.ChaseSerializer, responses={200: s.RequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def chase(self, request: Request, pk: str) -> Response:
        """The requester's 催办: once per 24 hours (409 `chase_too_soon` with `next_chase_at`)."""
        data = s.ChaseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(
            services.request_chase(
                request=self._get(pk),
                actor=_user(request),
                note=data.validated_data["note"],
                channel=data.validated_data["channel"],
            )
        )

    @extend_schema(request=s.WithdrawSerializer, responses={200: s.RequestDetailSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        """The requester's 撤回 before work starts (409 `not_withdrawable` after)."""
        data = s.WithdrawSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(
            services.request_withdraw(
                request=self._get(pk),
                actor=_user(request),
                reason=data.validated_data["reason"],
                channel=data.validated_data["channel"],
            )
        )

    @extend_schema(methods=["GET"], request=None, responses={200: s.MessageSerializer(many=True)})
    @extend_schema(
        methods=["POST"],
        request={
            "multipart/form-data": s.MessagePostSerializer,
            "application/json": s.MessagePostSerializer,
        },
        responses={201: s.MessageSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def messages(self, request: Request, pk: str) -> Response:
        """The request's thread (留言) between its requester and the estate's staff, with photos.
        Anyone else who sees the request gets 403 `not_in_thread`; a finished request's thread
        is read-only (409 `thread_closed`)."""
        target = self._get(pk)
        context = self.get_serializer_context()
        if request.method == "POST":
            data = s.MessagePostSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            message = services.message_post(
                request=target,
                author=_user(request),
                body=data.validated_data["body"],
                uploads=_uploads(data.validated_data["files"]),
            )
            created = selectors.message_list(request=target).get(pk=message.pk)
            return Response(
                s.MessageSerializer(created, context=context).data, status=status.HTTP_201_CREATED
            )
        if not selectors.thread_access_for(user=_user(request), request=target):
            raise NotInThread()
        rows = selectors.message_list(request=target)
        return Response(s.MessageSerializer(rows, many=True, context=context).data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=r"attachments/(?P<attachment_id>\d+)")
    def attachment(self, request: Request, pk: str, attachment_id: str) -> FileResponse:
        target = self._get(pk)
        found = Attachment.objects.filter(pk=attachment_id, request=target).first()
        if found is None:
            raise NotFound()
        if found.message_id is not None and not selectors.thread_access_for(
            user=_user(request), request=target
        ):
            raise NotFound()  # a thread's photo: only for the people of the thread
        return FileResponse(found.file.open("rb"), content_type=found.content_type)

    @extend_schema(
        parameters=[EstateQuerySerializer], responses={200: s.RequestListSerializer(many=True)}
    )
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def board(self, request: Request) -> Response:
        """The red board: breached open requests and every rejection, for the committee."""
        query = EstateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        estate = estate_get(user=_user(request), pk=query.validated_data["estate"], full=True)
        rows = services.red_board(estate_id=estate.pk)
        return Response(s.RequestListSerializer(rows, many=True).data)

    @extend_schema(request=s.PlanSerializer, responses={200: s.EscalationSerializer})
    @action(detail=False, methods=["post"], url_path=r"escalations/(?P<escalation_id>\d+)/plan")
    def plan(self, request: Request, escalation_id: str) -> Response:
        data = s.PlanSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        escalation = Escalation.objects.filter(pk=escalation_id).select_related("request").first()
        if escalation is None or not selectors.may_handle(
            user=_user(request), request=escalation.request
        ):
            raise NotFound()
        done = services.escalation_plan_submit(
            escalation=escalation, plan=data.validated_data["plan"], actor=_user(request)
        )
        return Response(s.EscalationSerializer(done).data)
