"""Every API route of both hosts, for the OpenAPI document (and so the frontend's types)."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("api.urls_tenant")),
    path("api/v1/", include("api.firms.urls")),
    path("api/v1/", include("api.billing.urls_platform")),
    path("api/v1/", include("api.committee.urls_platform")),
    path("api/v1/", include("api.support.urls_platform")),
]
