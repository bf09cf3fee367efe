"""A user's own things: their home(s) and their personal-data download."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.capabilities import HOME_VIEW
from estates import selectors

from .. import serializers as s
from ._common import caller


class MyHomeView(APIView):
    required_capabilities = {"*": HOME_VIEW}

    @extend_schema(responses={200: s.HomeUnitSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(
            s.HomeUnitSerializer(selectors.my_home(user=caller(request)), many=True).data
        )


class PersonalDataView(APIView):
    required_capabilities = {"*": None}

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        response = Response(selectors.personal_data(user=caller(request)))
        response["Content-Disposition"] = 'attachment; filename="linli-my-data.json"'
        return response
