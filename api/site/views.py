"""What this host is: the platform console or a firm (no login needed)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.hosts import host_kind

from .serializers import SiteSerializer


class SiteView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(responses={200: SiteSerializer}, summary="Which site this host serves")
    def get(self, request: Request) -> Response:
        kind = host_kind(request)
        tenant = getattr(request, "tenant", None)
        firm = {"name": tenant.name, "slug": tenant.slug} if kind == "firm" and tenant else None
        return Response({"host_kind": kind, "firm": firm, "base_domain": settings.BASE_DOMAIN})
