"""Owner supervision over HTTP: the checklist library, templates and their versions,
schedules, inspection rounds (answers and photos with the device's idempotency keys, submit,
addenda, publication, the report PDF), rectifications (the board; the firm's answer and
reassignment; the committee's verification and rejection) and the KPIs. Thin: each write is
one service; reads go through supervision.selectors (scope)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import (
    SUPERVISION_INSPECT,
    SUPERVISION_RESPOND,
    SUPERVISION_TRACK,
    SUPERVISION_VIEW,
)
from api.common import path_pk as _pk
from api.common import request_user as _user
from core.pdf import render_pdf
from estates.exceptions import EstateNotFound
from estates.models import Estate
from supervision import selectors, services
from supervision.exceptions import PhotoNotFound
from supervision.kpis import kpi_report
from supervision.library import library_items
from supervision.models import EvidencePhoto, Rectification, Round, Schedule, Template
from supervision.uploads import Upload

from . import serializers as s
from .filters import RectificationFilter, RoundFilter, ScheduleFilter, TemplateFilter

IMAGE_RESPONSES: dict[Any, Any] = {
    (200, content_type): OpenApiTypes.BINARY
    for content_type in ("image/jpeg", "image/png", "image/webp")
}


def _estate(request: Request, pk: int) -> Estate:
    estate = selectors.estate_get_for(user=_user(request), pk=pk) if 0 < pk < 2**63 else None
    if estate is None:
        raise EstateNotFound()
    return estate


def _upload(file: Any) -> Upload:
    return Upload(name=file.name, content_type=getattr(file, "content_type", ""), data=file.read())


class LibraryViewSet(viewsets.GenericViewSet[Any]):
    """The built-in checklist library, in the reader's language."""

    queryset = Template.objects.none()  # for the schema only: the library is code
    required_capabilities = {"*": SUPERVISION_TRACK}
    serializer_class = s.LibraryItemSerializer
    pagination_class = None

    @extend_schema(
        parameters=[s.LibraryQuerySerializer],
        responses={200: s.LibraryItemSerializer(many=True)},
    )
    def list(self, request: Request) -> Response:
        data = s.LibraryQuerySerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        line = data.validated_data.get("service_line") or None
        return Response([i.translated() for i in library_items(line)])


class TemplateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Template]
):
    queryset = Template.objects.none()
    serializer_class = s.TemplateSerializer
    filterset_class = TemplateFilter
    lookup_value_regex = r"\d+"
    required_capabilities = {
        "list": SUPERVISION_TRACK,
        "retrieve": SUPERVISION_TRACK,
        "*": SUPERVISION_INSPECT,
    }

    def get_queryset(self) -> QuerySet[Template]:
        return selectors.template_list(user=_user(self.request))

    def _out(self, pk: int, code: int = 200) -> Response:
        found = selectors.template_get(user=_user(self.request), pk=pk)
        return Response(s.TemplateSerializer(found).data, status=code)

    @extend_schema(request=s.TemplateCreateSerializer, responses={201: s.TemplateSerializer})
    def create(self, request: Request) -> Response:
        data = s.TemplateCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        items = None
        if "items" in request.data:
            items = [services.ItemInput(**i) for i in v.get("items", [])]
        template = services.template_create(
            user=_user(request),
            estate=_estate(request, v["estate"]),
            service_line=v["service_line"],
            name=v["name"],
            items=items,
        )
        return self._out(template.pk, status.HTTP_201_CREATED)

    @extend_schema(request=s.VersionCreateSerializer, responses={201: s.TemplateSerializer})
    @action(detail=True, methods=["post"])
    def versions(self, request: Request, pk: str) -> Response:
        template = selectors.template_get(user=_user(request), pk=_pk(pk))
        data = s.VersionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        services.template_version_add(
            user=_user(request),
            template=template,
            name=v["name"],
            items=[services.ItemInput(**i) for i in v["items"]],
        )
        return self._out(template.pk, status.HTTP_201_CREATED)


class ScheduleViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Schedule]
):
    queryset = Schedule.objects.none()
    serializer_class = s.ScheduleSerializer
    filterset_class = ScheduleFilter
    lookup_value_regex = r"\d+"
    required_capabilities = {
        "list": SUPERVISION_TRACK,
        "retrieve": SUPERVISION_TRACK,
        "*": SUPERVISION_INSPECT,
    }

    def get_queryset(self) -> QuerySet[Schedule]:
        return selectors.schedule_list(user=_user(self.request))

    @extend_schema(request=s.ScheduleCreateSerializer, responses={201: s.ScheduleSerializer})
    def create(self, request: Request) -> Response:
        data = s.ScheduleCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        schedule = services.schedule_create(
            user=_user(request),
            estate=_estate(request, v["estate"]),
            template_id=v["template"],
            frequency=v["frequency"],
            areas=v["areas"],
            starts_on=v["starts_on"],
            ends_on=v["ends_on"],
        )
        found = selectors.schedule_get(user=_user(request), pk=schedule.pk)
        return Response(s.ScheduleSerializer(found).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ScheduleEndSerializer, responses={200: s.ScheduleSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str) -> Response:
        schedule = selectors.schedule_get(user=_user(request), pk=_pk(pk))
        data = s.ScheduleEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.schedule_end(
            user=_user(request), schedule=schedule, ends_on=data.validated_data["ends_on"]
        )
        found = selectors.schedule_get(user=_user(request), pk=schedule.pk)
        return Response(s.ScheduleSerializer(found).data)


class RoundViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Round]
):
    queryset = Round.objects.none()
    serializer_class = s.RoundListSerializer
    filterset_class = RoundFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    required_capabilities = {
        "list": SUPERVISION_VIEW,
        "retrieve": SUPERVISION_VIEW,
        "photo": SUPERVISION_VIEW,
        "report": SUPERVISION_VIEW,
        "*": SUPERVISION_INSPECT,
    }

    def get_queryset(self) -> QuerySet[Round]:
        return selectors.round_list(user=_user(self.request))

    def _get(self, pk: str | int) -> Round:
        return selectors.round_get(user=_user(self.request), pk=_pk(str(pk)))

    def _out(self, pk: int, code: int = 200) -> Response:
        return Response(s.RoundSerializer(self._get(pk)).data, status=code)

    @extend_schema(responses={200: s.RoundSerializer})
    def retrieve(self, request: Request, pk: str) -> Response:
        return self._out(_pk(pk))

    @extend_schema(
        request=s.RoundCreateSerializer,
        responses={201: s.RoundSerializer, 200: s.RoundSerializer},
    )
    def create(self, request: Request) -> Response:
        data = s.RoundCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        found, created = services.round_start(
            user=_user(request),
            estate=_estate(request, v["estate"]),
            template_id=v["template"],
            key=v["key"],
            area=v["area"],
            schedule_id=v["schedule"],
        )
        return self._out(found.pk, status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(request=s.AnswerInputSerializer, responses={200: s.AnswerSerializer})
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def answers(self, request: Request, pk: str) -> Response:
        found = self._get(pk)
        data = s.AnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        answer = services.answer_record(
            user=_user(request),
            round=found,
            item_id=v["item"],
            result=v["result"],
            key=v["key"],
            note=v["note"],
            area=v["area"],
        )
        return Response(s.AnswerSerializer(answer).data)

    @extend_schema(
        request={"multipart/form-data": s.PhotoInputSerializer},
        responses={201: s.PhotoSerializer, 200: s.PhotoSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def photos(self, request: Request, pk: str) -> Response:
        found = self._get(pk)
        data = s.PhotoInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        photo, created = services.photo_add(
            user=_user(request),
            round=found,
            item_id=v["item"],
            key=v["key"],
            upload=_upload(v["file"]),
        )
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(s.PhotoSerializer(photo).data, status=code)

    @extend_schema(responses=IMAGE_RESPONSES)
    @action(detail=True, methods=["get"], url_path=r"photos/(?P<photo_id>\d+)")
    def photo(self, request: Request, pk: str, photo_id: str) -> FileResponse:
        found = self._get(pk)
        photo = found.photos.filter(pk=_pk(photo_id)).first()
        if photo is None:
            raise PhotoNotFound()
        return FileResponse(photo.file.open("rb"), content_type=photo.content_type)

    @extend_schema(request=None, responses={200: s.RoundSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        found = services.round_submit(user=_user(request), round=self._get(pk))
        return self._out(found.pk)

    @extend_schema(request=s.AddendumInputSerializer, responses={201: s.RoundSerializer})
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def addenda(self, request: Request, pk: str) -> Response:
        found = self._get(pk)
        data = s.AddendumInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.addendum_add(user=_user(request), round=found, text=data.validated_data["text"])
        return self._out(found.pk, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.RoundSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str) -> Response:
        found = self._get(pk)
        services.round_publish(user=_user(request), round=found)
        return self._out(found.pk)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def report(self, request: Request, pk: str) -> HttpResponse:
        found = self._get(pk)
        pdf = render_pdf("supervision/report.html", report_context(found))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="inspection-{found.pk}.pdf"'
        return response


def report_context(found: Round) -> dict[str, Any]:
    items = list(found.version.items.all())
    answers = {a.item_id: a for a in found.answers.all()}
    rectifications = {r.answer_id: r for r in found.rectifications.all()}
    rows = []
    for item in items:
        answer = answers.get(item.pk)
        rows.append(
            {
                "item": item,
                "answer": answer,
                "rectification": rectifications.get(answer.pk) if answer else None,
            }
        )
    return {
        "round": found,
        "rows": rows,
        "addenda": list(found.addenda.all()),
        "printed_at": timezone.localtime(),
    }


class RectificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Rectification]
):
    queryset = Rectification.objects.none()
    serializer_class = s.RectificationSerializer
    filterset_class = RectificationFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    required_capabilities = {
        "list": SUPERVISION_TRACK,
        "retrieve": SUPERVISION_TRACK,
        "photo": SUPERVISION_TRACK,
        "answer": SUPERVISION_RESPOND,
        "reassign": SUPERVISION_RESPOND,
        "verify": SUPERVISION_INSPECT,
        "reject": SUPERVISION_INSPECT,
    }

    def get_queryset(self) -> QuerySet[Rectification]:
        return selectors.rectification_list(user=_user(self.request))

    def get_serializer_context(self) -> dict[str, Any]:
        from accounts.choices import Role
        from accounts.selectors import active_grants

        user = _user(self.request)
        grants = active_grants(user=user) if user.is_authenticated else []
        context = dict(super().get_serializer_context())
        context["responds_all"] = any(g.role == Role.FIRM_ADMIN for g in grants)
        context["responds"] = {g.estate_id for g in grants if g.role == Role.MANAGER}
        context["supervised"] = selectors.reach_for(user=user).supervised
        return context

    def _get(self, pk: str | int) -> Rectification:
        return selectors.rectification_get(user=_user(self.request), pk=_pk(str(pk)))

    def _out(self, pk: int, code: int = 200) -> Response:
        return Response(
            s.RectificationDetailSerializer(
                self._get(pk), context=self.get_serializer_context()
            ).data,
            status=code,
        )

    @extend_schema(responses={200: s.RectificationDetailSerializer})
    def retrieve(self, request: Request, pk: str) -> Response:
        return self._out(_pk(pk))

    @extend_schema(
        request={"multipart/form-data": s.RectificationAnswerSerializer},
        responses={200: s.RectificationDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str) -> Response:
        found = self._get(pk)
        data = s.RectificationAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        services.rectification_answer(
            user=_user(request),
            rectification=found,
            plan=v["plan"],
            before=[_upload(f) for f in v["before"]],
            after=[_upload(f) for f in v["after"]],
            key=v["key"] or None,
        )
        return self._out(found.pk)

    @extend_schema(
        request=s.RectificationVerifySerializer, responses={200: s.RectificationDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str) -> Response:
        found = self._get(pk)
        data = s.RectificationVerifySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.rectification_verify(
            user=_user(request), rectification=found, note=data.validated_data["note"]
        )
        return self._out(found.pk)

    @extend_schema(
        request=s.RectificationRejectSerializer, responses={200: s.RectificationDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        found = self._get(pk)
        data = s.RectificationRejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.rectification_reject(
            user=_user(request), rectification=found, reason=data.validated_data["reason"]
        )
        return self._out(found.pk)

    @extend_schema(
        request=s.RectificationReassignSerializer, responses={200: s.RectificationDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def reassign(self, request: Request, pk: str) -> Response:
        found = self._get(pk)
        data = s.RectificationReassignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.rectification_reassign(
            user=_user(request), rectification=found, assignee_id=data.validated_data["assignee"]
        )
        return self._out(found.pk)

    @extend_schema(responses=IMAGE_RESPONSES)
    @action(detail=True, methods=["get"], url_path=r"photos/(?P<photo_id>\d+)")
    def photo(self, request: Request, pk: str, photo_id: str) -> FileResponse:
        found = self._get(pk)
        photo = EvidencePhoto.objects.filter(pk=_pk(photo_id), event__rectification=found).first()
        if photo is None:
            raise PhotoNotFound()
        return FileResponse(photo.file.open("rb"), content_type=photo.content_type)


class KpiViewSet(viewsets.GenericViewSet[Any]):
    queryset = Round.objects.none()  # for the schema only
    required_capabilities = {"*": SUPERVISION_TRACK}
    serializer_class = s.SupervisionKpiSerializer
    pagination_class = None
    single_object_list = True  # list answers one object (api.schema)

    @extend_schema(
        parameters=[s.SupervisionKpiQuerySerializer], responses={200: s.SupervisionKpiSerializer}
    )
    def list(self, request: Request) -> Response:
        data = s.SupervisionKpiQuerySerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        estate = _estate(request, v["estate"])
        report = kpi_report(estate_id=estate.pk, start=v["start"], end=v["end"])
        return Response(s.SupervisionKpiSerializer(report).data)
