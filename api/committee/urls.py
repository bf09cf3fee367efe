"""Committee routes on a firm host: filings, the roster and its history, resignations."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("committee/filings", views.FilingViewSet, basename="committee-filing")
router.register("committee/rosters", views.RosterViewSet, basename="committee-roster")
router.register("committee/seats", views.SeatViewSet, basename="committee-seat")
urlpatterns = [*router.urls]
