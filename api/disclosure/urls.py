from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("disclosure/decisions", views.DecisionViewSet, basename="disclosure-decision")
router.register("disclosure/lines", views.LineViewSet, basename="disclosure-line")
router.register("disclosure/split-rules", views.SplitRuleViewSet, basename="disclosure-split-rule")
router.register("disclosure/fund", views.FundViewSet, basename="disclosure-fund")
router.register("statements", views.StatementViewSet, basename="statement")
urlpatterns = [
    *router.urls,
    path("disclosure/check/<int:pk>/", views.NoticeCheckView.as_view(), name="disclosure-check"),
]
