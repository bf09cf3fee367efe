"""The firm's data export (firm host)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from .views import ExportJobViewSet

router = SimpleRouter()
router.register("exports", ExportJobViewSet, basename="export")
urlpatterns = router.urls
