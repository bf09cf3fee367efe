"""Support access on the platform host: ask a firm for access, follow the answers."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from .views import PlatformSupportGrantViewSet

router = SimpleRouter()
router.register("platform/support-grants", PlatformSupportGrantViewSet, basename="platform-support")
urlpatterns = router.urls
