"""Support access on the firm host: the firm's admins decide on the platform's requests."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import FirmSupportGrantViewSet, FirmSupportPreapprovalViewSet, SupportEnterView

router = SimpleRouter()
router.register("support/grants", FirmSupportGrantViewSet, basename="support-grant")
router.register(
    "support/preapprovals", FirmSupportPreapprovalViewSet, basename="support-preapproval"
)
urlpatterns = [
    path("support/enter/", SupportEnterView.as_view(), name="support-enter"),
    *router.urls,
]
