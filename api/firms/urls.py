from __future__ import annotations

from rest_framework.routers import SimpleRouter

from .views import FirmViewSet

router = SimpleRouter()
router.register("platform/firms", FirmViewSet, basename="platform-firm")
urlpatterns = router.urls
