from __future__ import annotations

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("scoring/surveys", views.SurveyViewSet, basename="scoring-survey")
router.register("scoring/weights", views.WeightsViewSet, basename="scoring-weights")
router.register("scoring/scores", views.ScoreViewSet, basename="scoring-score")
router.register("scoring/alerts", views.AlertViewSet, basename="scoring-alert")
router.register("scoring/portfolio", views.PortfolioViewSet, basename="scoring-portfolio")
urlpatterns = [*router.urls]
