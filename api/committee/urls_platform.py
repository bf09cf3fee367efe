"""Committee routes on the platform host: the review queue of filings (备案)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("platform/filings", views.PlatformFilingViewSet, basename="platform-filing")
urlpatterns = [*router.urls]
