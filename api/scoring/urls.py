from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("scoring/surveys", views.SurveyViewSet, basename="scoring-survey")
router.register("scoring/weights", views.WeightsViewSet, basename="scoring-weights")
router.register("scoring/scores", views.ScoreViewSet, basename="scoring-score")
router.register("scoring/alerts", views.AlertViewSet, basename="scoring-alert")
urlpatterns = [
    path("scoring/portfolio/", views.PortfolioView.as_view(), name="scoring-portfolio"),
    *router.urls,
]
