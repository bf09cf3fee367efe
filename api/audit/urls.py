"""The firm's audit log."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from .views import AuditLogViewSet

router = SimpleRouter()
router.register("audit/events", AuditLogViewSet, basename="audit-event")
urlpatterns = router.urls
