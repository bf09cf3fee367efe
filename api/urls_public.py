"""API routes served on the platform host (BASE_DOMAIN)."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("api.site.urls")),
    path("", include("api.auth.urls")),
    path("", include("api.firms.urls")),
    path("", include("api.billing.urls_platform")),
    path("", include("api.committee.urls_platform")),
    path("", include("api.support.urls_platform")),
]
