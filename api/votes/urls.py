from __future__ import annotations

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("votes", views.VoteViewSet, basename="vote")
router.register("topics", views.TopicViewSet, basename="topic")
urlpatterns = router.urls
