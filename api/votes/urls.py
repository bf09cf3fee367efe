from __future__ import annotations

from rest_framework.routers import SimpleRouter

from . import decisions, views

router = SimpleRouter()
router.register("votes", views.VoteViewSet, basename="vote")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("decisions", decisions.DecisionViewSet, basename="decision")
urlpatterns = router.urls
