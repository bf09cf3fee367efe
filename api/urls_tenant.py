"""API routes served on firm hosts (<slug>.<BASE_DOMAIN>)."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("api.site.urls")),
    path("", include("api.auth.urls")),
    path("", include("api.users.urls")),
    path("", include("api.estates.urls")),
    path("", include("api.complaints.urls")),
    path("", include("api.notifications.urls")),
    path("", include("api.disclosure.urls")),
    path("", include("api.billing.urls")),
    path("", include("api.scoring.urls")),
    path("", include("api.supervision.urls")),
    path("", include("api.committee.urls")),
    path("", include("api.responsibilities.urls")),
    path("", include("api.notices.urls")),
    path("", include("api.votes.urls")),
    path("", include("api.support.urls")),
    path("", include("api.audit.urls")),
    path("", include("api.exports.urls")),
]
