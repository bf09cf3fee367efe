from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("estates", views.EstateViewSet, basename="estate")
router.register("imports", views.ImportJobViewSet, basename="import")
router.register("buildings", views.BuildingViewSet, basename="building")
router.register("units", views.UnitViewSet, basename="unit")
router.register("common-areas", views.CommonAreaViewSet, basename="common-area")
router.register("people", views.PersonViewSet, basename="person")
router.register("staff-assignments", views.StaffAssignmentViewSet, basename="staff-assignment")
router.register("committee-memberships", views.CommitteeMembershipViewSet, basename="committee")
router.register("join-requests", views.JoinRequestViewSet, basename="join-request")

urlpatterns = [
    *router.urls,
    path("join/<str:code>/", views.JoinView.as_view(), name="join"),
    path("me/home/", views.MyHomeView.as_view(), name="my-home"),
    path("me/personal-data/", views.PersonalDataView.as_view(), name="personal-data"),
]
