"""Estates (with their import/export actions), buildings, units and common areas."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import ESTATES_CREATE, ESTATES_IMPORT, ESTATES_MANAGE, ESTATES_VIEW
from api.lapse import ANALYTICS, MANAGEMENT
from core.exceptions import NotFound
from estates import selectors, services
from estates.importing import estate_export_xlsx, import_preview, import_template_xlsx
from estates.models import Building, CommonArea, Estate, Unit

from .. import filters
from .. import serializers as s
from ._common import ID, XLSX, caller, estate_full, masking, xlsx


class EstateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Estate]
):
    queryset = Estate.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.EstateSerializer
    filterset_class = filters.EstateFilter
    lookup_value_regex = ID
    lapse = {"*": MANAGEMENT, "export": ANALYTICS}  # api.lapse: read-only while payment has lapsed
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

    def get_queryset(self) -> Any:
        return selectors.estate_list(user=caller(self.request))

    def _out(self, estate: Estate) -> dict[str, Any]:
        fresh = selectors.estate_list(user=caller(self.request)).get(pk=estate.pk)
        return s.EstateSerializer(fresh, context=self.get_serializer_context()).data  # type: ignore[return-value]

    @extend_schema(request=s.EstateWriteSerializer, responses={201: s.EstateSerializer})
    def create(self, request: Request) -> Response:
        data = s.EstateWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        estate = services.estate_create(by=caller(request), **data.validated_data)
        return Response(self._out(estate), status=status.HTTP_201_CREATED)

    @extend_schema(request=s.EstateWriteSerializer, responses={200: s.EstateSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        estate = estate_full(request, pk)
        data = s.EstateWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        return Response(self._out(services.estate_update(estate=estate, **data.validated_data)))

    def destroy(self, request: Request, pk: str) -> Response:
        services.estate_delete(estate=estate_full(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: s.EstateSerializer})
    @action(detail=True, methods=["post"], url_path="rotate-join-code")
    def rotate_join_code(self, request: Request, pk: str) -> Response:
        estate = services.estate_rotate_join_code(estate=estate_full(request, pk))
        return Response(self._out(estate))

    @extend_schema(responses={(200, XLSX): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str) -> HttpResponse:
        estate = estate_full(request, pk)
        content = estate_export_xlsx(estate=estate, masking=masking(request))
        return xlsx(content, f"{estate.code}-units.xlsx")

    @extend_schema(responses={(200, XLSX): OpenApiTypes.BINARY})
    @action(detail=False, methods=["get"], url_path="import-template")
    def import_template(self, request: Request) -> HttpResponse:
        return xlsx(import_template_xlsx(), "linli-import-template.xlsx")

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
        estate = estate_full(request, pk)
        data = s.ImportUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        job = import_preview(
            estate=estate, filename=upload.name, content=upload.read(), user=caller(request)
        )
        return Response(s.ImportJobSerializer(job).data, status=status.HTTP_201_CREATED)


class BuildingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Building]
):
    queryset = Building.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.BuildingSerializer
    filterset_class = filters.BuildingFilter
    lookup_value_regex = ID
    lapse = {"*": MANAGEMENT}  # api.lapse: read-only while payment has lapsed
    required_capabilities = {"list": ESTATES_VIEW, "retrieve": ESTATES_VIEW, "*": ESTATES_MANAGE}

    def get_queryset(self) -> Any:
        return selectors.building_list(user=caller(self.request))

    def create(self, request: Request) -> Response:
        data = s.BuildingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        estate = estate_full(request, data.validated_data["estate"].pk)
        building = services.building_create(
            estate=estate,
            name=data.validated_data["name"],
            floors=data.validated_data.get("floors", 0),
        )
        return Response(s.BuildingSerializer(building).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        building = self.get_object()
        estate_full(request, building.estate_id)
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
        estate_full(request, building.estate_id)
        services.building_delete(building=building)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Unit]):
    queryset = Unit.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.UnitSerializer
    filterset_class = filters.UnitFilter
    lookup_value_regex = ID
    lapse = {"*": MANAGEMENT}  # api.lapse: read-only while payment has lapsed
    required_capabilities = {"list": ESTATES_VIEW, "retrieve": ESTATES_VIEW, "*": ESTATES_MANAGE}

    def get_queryset(self) -> Any:
        return selectors.unit_list(user=caller(self.request))

    def _out(self, unit: Unit) -> dict[str, Any]:
        fresh = selectors.unit_list(user=caller(self.request)).get(pk=unit.pk)
        return s.UnitSerializer(fresh).data  # type: ignore[return-value]

    @extend_schema(request=s.UnitWriteSerializer, responses={201: s.UnitSerializer})
    def create(self, request: Request) -> Response:
        data = s.UnitWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        building = Building.objects.filter(pk=fields.pop("building")).first()
        if building is None:
            raise NotFound(fields={"building": [gettext("没有该楼栋。")]})
        estate_full(request, building.estate_id)
        unit = services.unit_create(building=building, **fields)
        return Response(self._out(unit), status=status.HTTP_201_CREATED)

    @extend_schema(request=s.UnitUpdateSerializer, responses={200: s.UnitSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        unit = self.get_object()
        estate_full(request, unit.estate_id)
        data = s.UnitUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.unit_update(unit=unit, **data.validated_data)
        return Response(self._out(unit))

    def destroy(self, request: Request, pk: str) -> Response:
        unit = self.get_object()
        estate_full(request, unit.estate_id)
        services.unit_delete(unit=unit)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommonAreaViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[CommonArea]):
    queryset = CommonArea.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.CommonAreaSerializer
    filterset_class = filters.CommonAreaFilter
    lookup_value_regex = ID
    lapse = {"*": MANAGEMENT}  # api.lapse: read-only while payment has lapsed
    required_capabilities = {"list": ESTATES_VIEW, "*": ESTATES_MANAGE}

    def get_queryset(self) -> Any:
        return selectors.common_area_list(user=caller(self.request))

    def create(self, request: Request) -> Response:
        data = s.CommonAreaSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        estate = estate_full(request, data.validated_data["estate"].pk)
        area = services.common_area_create(
            estate=estate,
            name=data.validated_data["name"],
            description=data.validated_data.get("description", ""),
            manager_id=data.validated_data.get("manager_id"),
        )
        return Response(s.CommonAreaSerializer(area).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CommonAreaUpdateSerializer, responses=s.CommonAreaSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        area = self.get_object()
        estate_full(request, area.estate_id)
        data = s.CommonAreaUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        if "manager" in changes:
            changes["manager_id"] = changes.pop("manager")
        area = services.common_area_update(area=area, **changes)
        return Response(s.CommonAreaSerializer(area).data)

    def destroy(self, request: Request, pk: str) -> Response:
        area = self.get_object()
        estate_full(request, area.estate_id)
        services.common_area_delete(area=area)
        return Response(status=status.HTTP_204_NO_CONTENT)
