from __future__ import annotations

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("supervision/library", views.LibraryViewSet, basename="supervision-library")
router.register("supervision/templates", views.TemplateViewSet, basename="supervision-template")
router.register("supervision/schedules", views.ScheduleViewSet, basename="supervision-schedule")
router.register("supervision/rounds", views.RoundViewSet, basename="supervision-round")
router.register(
    "supervision/rectifications", views.RectificationViewSet, basename="supervision-rectification"
)
router.register("supervision/kpis", views.KpiViewSet, basename="supervision-kpi")
urlpatterns = [*router.urls]
