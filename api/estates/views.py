"""Estates, buildings, units, common areas, people, staff, committee, joining, import/export.

Which rows a user sees is decided in `estates.selectors` (scope); the capability map decides
which actions a role may take. Writes need the estate in the user's FULL scope.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from estates import selectors, services
from estates.models import (
    Building,
    CommitteeMembership,
    CommonArea,
    Estate,
    ImportJob,
    JoinRequest,
    Person,
    StaffAssignment,
    Unit,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.capabilities import (
    ESTATES_COMMITTEE_MANAGE,
    ESTATES_CREATE,
    ESTATES_IMPORT,
    ESTATES_MANAGE,
    ESTATES_STAFF_ASSIGN,
    ESTATES_VIEW,
    HOME_VIEW,
    JOIN_REVIEW,
    PEOPLE_MANAGE,
    PEOPLE_VIEW,
)
from accounts.models import User
from api.hosts import base_url, firm_name
from core.exceptions import NotFound

from . import serializers as s

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ESTATE_FILTER = OpenApiParameter("estate", int, required=False)


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def _int_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise NotFound(fields={name: ["无效的编号。 Not a valid id."]}) from None


def _estate_full(request: Request, estate_id: int) -> Estate:
    return selectors.estate_get(user=_user(request), pk=estate_id, full=True)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EstateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Estate]
):
    queryset = Estate.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.EstateSerializer
    required_capabilities = {
        "list": ESTATES_VIEW,
        "retrieve": ESTATES_VIEW,
        "create": ESTATES_CREATE,
        "partial_update": ESTATES_MANAGE,
        "destroy": ESTATES_CREATE,
        "rotate_join_code": ESTATES_MANAGE,
        "export": ESTATES_IMPORT,
        "import_template": ESTATES_IMPORT,
        "upload_import": ESTATES_IMPORT,
    }

    def get_queryset(self) -> QuerySet[Estate]:
        return selectors.estate_list(
            user=_user(self.request), search=self.request.query_params.get("search", "")
        )

    def _out(self, estate: Estate) -> dict[str, Any]:
        fresh = selectors.estate_list(user=_user(self.request)).get(pk=estate.pk)
        return s.EstateSerializer(fresh, context=self.get_serializer_context()).data  # type: ignore[return-value]

    @extend_schema(parameters=[OpenApiParameter("search", str)])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.EstateWriteSerializer, responses={201: s.EstateSerializer})
    def create(self, request: Request) -> Response:
        data = s.EstateWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        estate = services.estate_create(by=_user(request), **data.validated_data)
        return Response(self._out(estate), status=status.HTTP_201_CREATED)

    @extend_schema(request=s.EstateWriteSerializer, responses={200: s.EstateSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        estate = _estate_full(request, int(pk))
        data = s.EstateWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        return Response(self._out(services.estate_update(estate=estate, **data.validated_data)))

    def destroy(self, request: Request, pk: str) -> Response:
        services.estate_delete(estate=_estate_full(request, int(pk)))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: s.EstateSerializer})
    @action(detail=True, methods=["post"], url_path="rotate-join-code")
    def rotate_join_code(self, request: Request, pk: str) -> Response:
        estate = services.estate_rotate_join_code(estate=_estate_full(request, int(pk)))
        return Response(self._out(estate))

    @extend_schema(responses={(200, XLSX): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str) -> HttpResponse:
        from estates.importing import estate_export_xlsx

        estate = _estate_full(request, int(pk))
        return _xlsx(estate_export_xlsx(estate=estate), f"{estate.code}-units.xlsx")

    @extend_schema(responses={(200, XLSX): OpenApiTypes.BINARY})
    @action(detail=False, methods=["get"], url_path="import-template")
    def import_template(self, request: Request) -> HttpResponse:
        from estates.importing import import_template_xlsx

        return _xlsx(import_template_xlsx(), "linli-import-template.xlsx")

    @extend_schema(
        request={"multipart/form-data": s.ImportUploadSerializer},
        responses={201: s.ImportJobSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="imports",
        parser_classes=[MultiPartParser, FormParser],
    )
    def upload_import(self, request: Request, pk: str) -> Response:
        from estates.importing import import_preview

        estate = _estate_full(request, int(pk))
        data = s.ImportUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        job = import_preview(
            estate=estate, filename=upload.name, content=upload.read(), user=_user(request)
        )
        return Response(s.ImportJobSerializer(job).data, status=status.HTTP_201_CREATED)


class ImportJobViewSet(
    mixins.RetrieveModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet[Any]
):
    queryset = ImportJob.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.ImportJobSerializer
    required_capabilities = {"*": ESTATES_IMPORT}

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.import_job_list(
            user=_user(self.request), estate_id=_int_param(self.request, "estate")
        )

    @extend_schema(request=None, responses={200: s.ImportJobSerializer})
    @action(detail=True, methods=["post"])
    def commit(self, request: Request, pk: str) -> Response:
        from estates.importing import import_commit

        job = import_commit(job=self.get_object(), user=_user(request))
        return Response(s.ImportJobSerializer(job).data)


class BuildingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]
):
    queryset = Building.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.BuildingSerializer
    required_capabilities = {"list": ESTATES_VIEW, "retrieve": ESTATES_VIEW, "*": ESTATES_MANAGE}

    def get_queryset(self) -> QuerySet[Building]:
        return selectors.building_list(
            user=_user(self.request), estate_id=_int_param(self.request, "estate")
        )

    @extend_schema(parameters=[ESTATE_FILTER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def create(self, request: Request) -> Response:
        data = s.BuildingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        estate = _estate_full(request, data.validated_data["estate"].pk)
        building = services.building_create(
            estate=estate,
            name=data.validated_data["name"],
            floors=data.validated_data.get("floors", 0),
        )
        return Response(s.BuildingSerializer(building).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        building = self.get_object()
        _estate_full(request, building.estate_id)
        data = s.BuildingSerializer(building, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        building = services.building_update(
            building=building,
            name=data.validated_data.get("name"),
            floors=data.validated_data.get("floors"),
        )
        return Response(s.BuildingSerializer(building).data)

    def destroy(self, request: Request, pk: str) -> Response:
        building = self.get_object()
        _estate_full(request, building.estate_id)
        services.building_delete(building=building)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    queryset = Unit.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.UnitSerializer
    required_capabilities = {"list": ESTATES_VIEW, "retrieve": ESTATES_VIEW, "*": ESTATES_MANAGE}

    def get_queryset(self) -> QuerySet[Unit]:
        return selectors.unit_list(
            user=_user(self.request),
            estate_id=_int_param(self.request, "estate"),
            building_id=_int_param(self.request, "building"),
            search=self.request.query_params.get("search", ""),
        )

    @extend_schema(
        parameters=[
            ESTATE_FILTER,
            OpenApiParameter("building", int),
            OpenApiParameter("search", str),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.UnitWriteSerializer, responses={201: s.UnitSerializer})
    def create(self, request: Request) -> Response:
        data = s.UnitWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        building = Building.objects.filter(pk=fields.pop("building")).first()
        if building is None:
            raise NotFound(fields={"building": ["没有该楼栋。 No such building."]})
        _estate_full(request, building.estate_id)
        unit = services.unit_create(building=building, **fields)
        return Response(
            s.UnitSerializer(selectors.unit_list(user=_user(request)).get(pk=unit.pk)).data,
            status=201,
        )

    @extend_schema(request=s.UnitUpdateSerializer, responses={200: s.UnitSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        unit = self.get_object()
        _estate_full(request, unit.estate_id)
        data = s.UnitUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.unit_update(unit=unit, **data.validated_data)
        return Response(
            s.UnitSerializer(selectors.unit_list(user=_user(request)).get(pk=unit.pk)).data
        )

    def destroy(self, request: Request, pk: str) -> Response:
        unit = self.get_object()
        _estate_full(request, unit.estate_id)
        services.unit_delete(unit=unit)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommonAreaViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Any]):
    queryset = CommonArea.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.CommonAreaSerializer
    required_capabilities = {"list": ESTATES_VIEW, "*": ESTATES_MANAGE}

    def get_queryset(self) -> QuerySet[CommonArea]:
        return selectors.common_area_list(
            user=_user(self.request), estate_id=_int_param(self.request, "estate")
        )

    @extend_schema(parameters=[ESTATE_FILTER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def create(self, request: Request) -> Response:
        data = s.CommonAreaSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        estate = _estate_full(request, data.validated_data["estate"].pk)
        area = services.common_area_create(
            estate=estate,
            name=data.validated_data["name"],
            description=data.validated_data.get("description", ""),
        )
        return Response(s.CommonAreaSerializer(area).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, pk: str) -> Response:
        area = self.get_object()
        _estate_full(request, area.estate_id)
        services.common_area_delete(area=area)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    queryset = Person.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.PersonSerializer
    required_capabilities = {"list": PEOPLE_VIEW, "retrieve": PEOPLE_VIEW, "*": PEOPLE_MANAGE}

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.people_list(
            user=_user(self.request),
            estate_id=_int_param(self.request, "estate"),
            search=self.request.query_params.get("search", ""),
        )

    def _out(self, person_id: int) -> dict[str, Any]:

        person = selectors.person_with_links(pk=person_id)
        return s.PersonSerializer(person, context=self.get_serializer_context()).data  # type: ignore[return-value]

    def _unit(self, unit_id: int) -> Unit:
        unit = selectors.unit_list(user=_user(self.request)).filter(pk=unit_id).first()
        if unit is None or not selectors.scope_for(user=_user(self.request)).sees_estate_in_full(
            unit.estate_id
        ):
            raise NotFound(fields={"unit": ["没有该房屋。 No such unit."]})
        return unit

    @extend_schema(parameters=[ESTATE_FILTER, OpenApiParameter("search", str)])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.PersonWriteSerializer, responses={201: s.PersonSerializer})
    def create(self, request: Request) -> Response:
        """Record a person; link them to a unit next (people appear in lists once linked)."""
        data = s.PersonWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        person = services.person_create(by=_user(request), **data.validated_data)
        return Response(self._out(person.pk), status=status.HTTP_201_CREATED)

    def _person(self, pk: str) -> Any:
        from estates.models import Person

        person = self.get_queryset().filter(pk=pk).first()
        if person is None:  # newly recorded, not yet linked: only its recorder's firm sees it
            person = Person.objects.filter(
                pk=pk, owner_records__isnull=True, occupancies__isnull=True
            ).first()
        if person is None:
            raise NotFound()
        return person

    @extend_schema(request=s.PersonUpdateSerializer, responses={200: s.PersonSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        person = self._person(pk)
        data = s.PersonUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.person_update(person=person, **data.validated_data)
        return Response(self._out(person.pk))

    @extend_schema(request=s.LinkOwnerSerializer, responses={200: s.PersonSerializer})
    @action(detail=True, methods=["post"], url_path="link-owner")
    def link_owner(self, request: Request, pk: str) -> Response:
        person = self._person(pk)
        data = s.LinkOwnerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = self._unit(data.validated_data["unit"])
        services.owner_link(
            unit=unit,
            person=person,
            share=data.validated_data["share"],
            since=data.validated_data.get("since"),
        )
        return Response(self._out(person.pk))

    @extend_schema(request=s.LinkOccupantSerializer, responses={200: s.PersonSerializer})
    @action(detail=True, methods=["post"], url_path="link-occupant")
    def link_occupant(self, request: Request, pk: str) -> Response:
        person = self._person(pk)
        data = s.LinkOccupantSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = self._unit(data.validated_data["unit"])
        services.occupancy_link(
            unit=unit,
            person=person,
            kind=data.validated_data["kind"],
            since=data.validated_data.get("since"),
        )
        return Response(self._out(person.pk))

    @extend_schema(request=s.EndLinkSerializer, responses={200: s.PersonSerializer})
    @action(detail=True, methods=["post"], url_path="end-link")
    def end_link(self, request: Request, pk: str) -> Response:
        """End ownership and occupancy of one unit (sale, move-out); history is kept."""
        person = self._person(pk)
        data = s.EndLinkSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = self._unit(data.validated_data["unit"])
        services.unit_links_end(person=person, unit=unit, on=data.validated_data.get("on"))
        return Response(self._out(person.pk))

    @extend_schema(request=s.CreateAccountSerializer, responses={201: s.AccountCreatedSerializer})
    @action(detail=True, methods=["post"], url_path="create-account")
    def create_account(self, request: Request, pk: str) -> Response:
        """Give a person a login; `assisted` when staff manage it for them (elderly residents)."""
        person = self._person(pk)
        data = s.CreateAccountSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _, link = services.resident_account_create(
            person=person,
            email=data.validated_data["email"],
            by=_user(request),
            base_url=base_url(request),
            firm_name=firm_name(request),
            assisted=data.validated_data["assisted"],
        )
        # The link is shown only for assisted accounts: staff hand it over in person.
        shown = link if data.validated_data["assisted"] else ""
        return Response({"person": self._out(person.pk), "invitation_link": shown}, status=201)


class StaffAssignmentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Any]):
    queryset = StaffAssignment.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.StaffAssignmentSerializer
    required_capabilities = {"list": ESTATES_VIEW, "*": ESTATES_STAFF_ASSIGN}

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.staff_assignment_list(
            user=_user(self.request), estate_id=_int_param(self.request, "estate")
        )

    @extend_schema(parameters=[ESTATE_FILTER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.StaffAssignSerializer, responses={201: s.StaffAssignmentSerializer})
    def create(self, request: Request) -> Response:
        data = s.StaffAssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        estate = _estate_full(request, data.validated_data["estate"])
        user = User.objects.filter(pk=data.validated_data["user"]).first()
        if user is None:
            raise NotFound(fields={"user": ["没有该用户。 No such user."]})
        assignment = services.staff_assign(
            estate=estate, user=user, role=data.validated_data["role"], by=_user(request)
        )
        return Response(
            s.StaffAssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED
        )

    def destroy(self, request: Request, pk: str) -> Response:
        services.staff_unassign(assignment=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommitteeMembershipViewSet(
    mixins.ListModelMixin, viewsets.GenericViewSet[CommitteeMembership]
):
    queryset = CommitteeMembership.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.CommitteeMembershipSerializer
    required_capabilities = {"list": ESTATES_VIEW, "*": ESTATES_COMMITTEE_MANAGE}

    def get_queryset(self) -> QuerySet[CommitteeMembership]:
        return selectors.committee_list(
            user=_user(self.request), estate_id=_int_param(self.request, "estate")
        )

    @extend_schema(parameters=[ESTATE_FILTER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=s.CommitteeAddSerializer, responses={201: s.CommitteeMembershipSerializer}
    )
    def create(self, request: Request) -> Response:
        data = s.CommitteeAddSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        estate = _estate_full(request, fields.pop("estate"))
        user = None
        if fields.get("user"):
            user = User.objects.filter(pk=fields["user"]).first()
            if user is None:
                raise NotFound(fields={"user": ["没有该用户。 No such user."]})
        membership = services.committee_member_add(
            estate=estate,
            user=user,
            email=fields.get("email", ""),
            full_name=fields["full_name"],
            position=fields["position"],
            term_start=fields["term_start"],
            term_end=fields["term_end"],
            by=_user(request),
            base_url=base_url(request),
            firm_name=firm_name(request),
        )
        return Response(
            s.CommitteeMembershipSerializer(membership).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=s.CommitteeEndSerializer, responses={200: s.CommitteeMembershipSerializer}
    )
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str) -> Response:
        data = s.CommitteeEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = services.committee_member_end(
            membership=self.get_object(), on=data.validated_data["on"]
        )
        return Response(s.CommitteeMembershipSerializer(membership).data)


class JoinRequestViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Any]):
    queryset = JoinRequest.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.JoinRequestSerializer
    required_capabilities = {"*": JOIN_REVIEW}

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.join_request_list(
            user=_user(self.request),
            estate_id=_int_param(self.request, "estate"),
            status=self.request.query_params.get("status", ""),
        )

    @extend_schema(parameters=[ESTATE_FILTER, OpenApiParameter("status", str)])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses={200: s.JoinRequestSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        done = services.join_request_approve(
            request=self.get_object(),
            by=_user(request),
            base_url=base_url(request),
            firm_name=firm_name(request),
        )
        return Response(s.JoinRequestSerializer(done, context=self.get_serializer_context()).data)

    @extend_schema(request=s.JoinRejectSerializer, responses={200: s.JoinRequestSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        data = s.JoinRejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = services.join_request_reject(
            request=self.get_object(), by=_user(request), note=data.validated_data["note"]
        )
        return Response(s.JoinRequestSerializer(done, context=self.get_serializer_context()).data)


class JoinView(APIView):
    """The page behind an estate's join QR code: anyone with the code may claim a unit."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(responses={200: s.JoinInfoSerializer})
    def get(self, request: Request, code: str) -> Response:
        estate = selectors.estate_by_join_code(join_code=code)
        if estate is None:
            raise NotFound("二维码无效。 This join code is not valid.", code="join_code_invalid")
        buildings = selectors.join_choices(estate=estate)
        return Response(
            {"estate_name": estate.name, "address": estate.address, "buildings": buildings}
        )

    @extend_schema(request=s.JoinSubmitSerializer, responses={201: None})
    def post(self, request: Request, code: str) -> Response:
        data = s.JoinSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        services.join_request_submit(join_code=code, unit_id=fields.pop("unit"), **fields)
        return Response(status=status.HTTP_201_CREATED)


class MyHomeView(APIView):
    required_capabilities = {"*": HOME_VIEW}

    @extend_schema(responses={200: s.HomeUnitSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(
            s.HomeUnitSerializer(selectors.my_home(user=_user(request)), many=True).data
        )


class PersonalDataView(APIView):
    required_capabilities = {"*": None}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        response = Response(selectors.personal_data(user=_user(request)))
        response["Content-Disposition"] = 'attachment; filename="linli-my-data.json"'
        return response
